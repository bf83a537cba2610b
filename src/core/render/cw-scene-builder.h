/* cw-scene-builder.h: what templates use to lay a slide out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-deck.h"
#include "cw-diagnostic.h"
#include "cw-format.h"
#include "cw-scene.h"
#include "cw-template.h"

G_BEGIN_DECLS

/**
 * CwTypeRole:
 * @CW_TYPE_NONE: a style a template sets itself
 * @CW_TYPE_KICKER: a few words above the main text
 * @CW_TYPE_HEADLINE: the sentence a slide is about, a chart's title, a quote
 * @CW_TYPE_FIGURE: the number a slide shows
 * @CW_TYPE_LABEL: what a figure counts, set just under it
 * @CW_TYPE_BODY: a line of context, a step
 * @CW_TYPE_LEGEND: category names, values on a chart, a legend
 * @CW_TYPE_SOURCE: the source line
 *
 * The roles of the type scale every template draws its text in
 * (cw_builder_type_style()), so a kicker or a legend is the same on
 * every slide.
 */
typedef enum
{
  CW_TYPE_NONE,
  CW_TYPE_KICKER,
  CW_TYPE_HEADLINE,
  CW_TYPE_FIGURE,
  CW_TYPE_LABEL,
  CW_TYPE_BODY,
  CW_TYPE_LEGEND,
  CW_TYPE_SOURCE,
  CW_N_TYPE_ROLES
} CwTypeRole;

/**
 * CwTextStyle:
 * @font: which of the theme's fonts
 * @max_size: the size to use when there is room, in reference pixels
 *   (a 1080-pixel-wide frame; the builder scales them)
 * @min_size: the smallest readable size; below it text wraps instead
 * @line_height: line spacing as a multiple of the size
 * @max_lines: how many lines before shrinking stops being preferred to wrapping
 * @align: alignment of the lines
 * @role: its role in the type scale; texts of one element and role are
 *   set at one size in every language of the deck
 */
typedef struct
{
  CwFontRole     font;
  double         max_size;
  double         min_size;
  double         line_height;
  guint          max_lines;
  PangoAlignment align;
  CwTypeRole     role;
} CwTextStyle;

typedef struct
{
  double   size;
  /* the width lines wrap at: narrower than the box when that evens them out */
  double   wrap_width;
  double   width;
  double   height;
  guint    lines;
  gboolean overflow;
} CwTextFit;

struct _CwSceneBuilder
{
  CwDeck           *deck;
  CwSlide          *slide;
  const CwTemplate *template;
  const CwFormat   *format;
  /* the slide's language as numbers and dates are written in it, with the
   * deck's digits ("ar-u-nu-latn", cw_locale_with_digits()): what every
   * cw_number_format() of a template takes */
  const char       *language;
  /* the language texts are translated into ("ar") */
  const char       *text_language;
  CwTheme          *theme;
  CwScene          *scene;
  /* the whole frame, and the part of it content may use */
  CwRect            frame;
  CwRect            content;
  /* pixels per reference pixel */
  double            unit;
  /* problems found while building (CwDiagnostic *) */
  GPtrArray        *warnings;
  /* contexts of texts shown in the source language for want of a translation */
  GPtrArray        *untranslated;
  double            reading_chars;
  /* seconds the slide stays once read, beyond the usual rest; a card
   * people must act on asks for more (cw_templates_hold_after_reading()) */
  double            rest_after_reading;
  /* the source line, listed after the slide's other text */
  char             *fine_print;
  /* things slides of one renderer share, so a long deck does not hold one
   * copy per slide: cw_builder_share(), cw_builder_lookup_shared() */
  GHashTable       *shared;
  /* placeholders the template fills in besides statistics (name → text) */
  GHashTable       *extra;
  /* sizes and shapes agreed across the deck's languages, so the clips of
   * one deck look alike (key → double *, the largest allowed), and what
   * this build chose (the same keys; the renderer keeps the smallest);
   * either may be %NULL: cw_builder_agree() */
  GHashTable       *agreed;
  GHashTable       *proposed;
  /* laid out only to measure (in another language, to agree on sizes):
   * the scene is never drawn, so images need not be rendered */
  gboolean          measuring;
};

typedef struct _CwStack CwStack;

char          *cw_builder_get_text        (CwSceneBuilder    *self,
                                           const char        *field);
char          *cw_builder_get_text_or     (CwSceneBuilder    *self,
                                           const char        *field,
                                           const char        *fallback);
const char    *cw_builder_get_string      (CwSceneBuilder    *self,
                                           const char        *field);
gboolean       cw_builder_get_boolean     (CwSceneBuilder    *self,
                                           const char        *field);
double         cw_builder_get_number      (CwSceneBuilder    *self,
                                           const char        *field);
CwStatistic   *cw_builder_get_statistic   (CwSceneBuilder    *self,
                                           const char        *field);
CwColor        cw_builder_get_color       (CwSceneBuilder    *self,
                                           const char        *field,
                                           CwColorRole        fallback);
CwColor        cw_builder_theme_color     (CwSceneBuilder    *self,
                                           CwColorRole        role);
CwTone         cw_builder_get_tone        (CwSceneBuilder    *self,
                                           CwStatistic       *statistic);
CwColor        cw_builder_tone_color      (CwSceneBuilder    *self,
                                           CwStatistic       *statistic);
CwAnimation    cw_builder_get_enter       (CwSceneBuilder    *self,
                                           const char        *element);
CwAnimation    cw_builder_get_exit        (CwSceneBuilder    *self,
                                           const char        *element);
void           cw_builder_style_node         (CwSceneBuilder    *self,
                                           CwNode            *node);
char          *cw_builder_translate       (CwSceneBuilder    *self,
                                           const char        *context,
                                           const char        *source,
                                           const char        *source_plural,
                                           gboolean           has_count,
                                           double             count);
void           cw_builder_set_placeholder (CwSceneBuilder    *self,
                                           const char        *name,
                                           const char        *value);
gboolean       cw_builder_is_children     (CwSceneBuilder    *self);
void           cw_builder_warn            (CwSceneBuilder    *self,
                                           const char        *element,
                                           const char        *hint,
                                           const char        *format,
                                           ...) G_GNUC_PRINTF (4, 5);
void           cw_builder_note_reading    (CwSceneBuilder    *self,
                                           const char        *text);
char          *cw_builder_counter_affix   (const char        *affix,
                                           gboolean           before);
GHashTable    *cw_builder_shared_new      (void);
gpointer       cw_builder_lookup_shared   (CwSceneBuilder    *self,
                                           const char        *key);
void           cw_builder_share           (CwSceneBuilder    *self,
                                           const char        *key,
                                           gpointer           data,
                                           GDestroyNotify     destroy);

CwTextStyle    cw_builder_type_style      (CwSceneBuilder    *self,
                                           CwTypeRole         role);
PangoAlignment cw_builder_get_align       (CwSceneBuilder    *self);
double         cw_builder_agree           (CwSceneBuilder    *self,
                                           const char        *key,
                                           double             value);
double         cw_builder_agreed          (CwSceneBuilder    *self,
                                           const char        *key,
                                           double             value);
void           cw_builder_propose         (CwSceneBuilder    *self,
                                           const char        *key,
                                           double             value);
void           cw_builder_fit_text        (CwSceneBuilder    *self,
                                           const char        *element,
                                           const char        *text,
                                           const CwTextStyle *style,
                                           double             width,
                                           double             height,
                                           CwTextFit         *fit);
GHashTable    *cw_builder_agreement_new   (void);
gboolean       cw_builder_agreement_equal (GHashTable        *a,
                                           GHashTable        *b);

void           cw_text_fit                (const char        *text,
                                           const char        *family,
                                           int                weight,
                                           const CwTextStyle *style,
                                           double             unit,
                                           double             width,
                                           double             height,
                                           CwTextFit         *fit);

CwNode        *cw_builder_add_text        (CwSceneBuilder    *self,
                                           const char        *element,
                                           const char        *text,
                                           const CwTextStyle *style,
                                           const CwColor     *color,
                                           const CwRect      *box);
CwNode        *cw_builder_add_box         (CwSceneBuilder    *self,
                                           const char        *element,
                                           const CwRect      *rect,
                                           const CwColor     *color,
                                           double             radius);
CwNode        *cw_builder_add_logo        (CwSceneBuilder    *self,
                                           const CwRect      *box);
double         cw_builder_add_source_line (CwSceneBuilder    *self,
                                           CwStatistic       *statistic);

CwStack       *cw_stack_new               (CwSceneBuilder    *builder);
void           cw_stack_free              (CwStack           *stack);
void           cw_stack_add_text          (CwStack           *stack,
                                           const char        *element,
                                           const char        *text,
                                           const CwTextStyle *style,
                                           const CwColor     *color,
                                           double             gap_before);
void           cw_stack_add_counter       (CwStack           *stack,
                                           const char        *element,
                                           CwStatistic       *statistic,
                                           const char        *prefix,
                                           const char        *suffix,
                                           gboolean           compact,
                                           const CwTextStyle *style,
                                           const CwColor     *color,
                                           double             gap_before);
void           cw_stack_add_node          (CwStack           *stack,
                                           CwNode            *node,
                                           double             gap_before,
                                           double             halign);
void           cw_stack_place             (CwStack           *stack,
                                           const CwRect      *box,
                                           double             valign);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwStack, cw_stack_free)

G_END_DECLS
