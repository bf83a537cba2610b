/* cw-templates-private.h: the built-in templates and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-scene-builder.h"
#include "cw-template.h"

G_BEGIN_DECLS

extern const CwTemplate cw_template_title;
extern const CwTemplate cw_template_big_number;
extern const CwTemplate cw_template_safety;
extern const CwTemplate cw_template_bar_chart;
extern const CwTemplate cw_template_percent;
extern const CwTemplate cw_template_pictogram;
extern const CwTemplate cw_template_line_chart;
extern const CwTemplate cw_template_comparison;
extern const CwTemplate cw_template_quote;

/* Enter animations the templates use, so slides feel like one clip */
#define CW_ENTER_RISE(delay)  { CW_EFFECT_SLIDE_UP, CW_EASING_EASE_OUT_CUBIC, (delay), 0.7 }
#define CW_ENTER_FADE(delay)  { CW_EFFECT_FADE, CW_EASING_EASE_OUT_QUAD, (delay), 0.6 }
#define CW_ENTER_POP(delay)   { CW_EFFECT_POP, CW_EASING_EASE_OUT_BACK, (delay), 0.6 }
#define CW_ENTER_GROW(delay)  { CW_EFFECT_GROW, CW_EASING_EASE_IN_OUT_CUBIC, (delay), 0.7 }
#define CW_ENTER_COUNT(delay) { CW_EFFECT_COUNT_UP, CW_EASING_EASE_OUT_CUBIC, (delay), 1.6 }
#define CW_ENTER_WORDS(delay) { CW_EFFECT_WORDS, CW_EASING_LINEAR, (delay), 0.9 }

/* Fields and elements several templates share, each defined once here. A
 * kicker is a few words above the main text; a title says what a chart or
 * a card shows; the source line is added by the scene builder. Kickers
 * and source lines support the point of a slide rather than make it. */
#define CW_FIELD_KICKER(hint, default_text) \
  { "kicker", CW_FIELD_TEXT, N_("Kicker"), (hint), (default_text), \
    .max_chars = 32, .text_role = CW_TEXT_ROLE_LABEL, .element = "kicker", .optional = TRUE }
#define CW_FIELD_TITLE(hint, default_text, chars) \
  { "title", CW_FIELD_TEXT, N_("Title"), (hint), (default_text), \
    .max_chars = (chars), .text_role = CW_TEXT_ROLE_HEADLINE, .element = "title" }
#define CW_ELEMENT_KICKER(enter) { "kicker", N_("Kicker"), enter, .supporting = TRUE }
#define CW_ELEMENT_TITLE(enter)  { "title", N_("Title"), enter }
#define CW_ELEMENT_SOURCE(enter) { "source", N_("Source line"), enter, .supporting = TRUE }

void   cw_templates_add_texture  (CwSceneBuilder *builder);
double cw_templates_halign       (CwSceneBuilder *builder);
void   cw_templates_balance      (CwSceneBuilder *builder,
                                  guint           first,
                                  const CwRect   *box);
void cw_templates_add_rule     (CwSceneBuilder *builder,
                                CwStack        *stack,
                                const char     *element,
                                double          gap_before,
                                double          halign,
                                const CwColor  *color);



void cw_templates_draw_label    (cairo_t        *cr,
                                const char     *text,
                                const char     *family,
                                int             weight,
                                double          size,
                                double          cx,
                                double          cy,
                                const CwColor  *color);
void    cw_templates_add_header   (CwSceneBuilder *b,
                                   CwRect         *box,
                                   const char     *kicker,
                                   const char     *title,
                                   PangoAlignment  align);
CwRect  cw_templates_mirror       (CwSceneBuilder *b,
                                   const CwRect   *box,
                                   CwRect          rect);
CwColor cw_templates_dim          (CwSceneBuilder *b);
void    cw_templates_measure      (CwSceneBuilder *b,
                                   const char     *text,
                                   CwFontRole      font,
                                   double          size,
                                   gboolean        tabular,
                                   double         *width,
                                   double         *height);
CwNode *cw_templates_add_counter  (CwSceneBuilder *b,
                                   const char     *element,
                                   double          value,
                                   guint           decimals,
                                   CwNumberStyle   style,
                                   const char     *prefix,
                                   const char     *suffix,
                                   CwFontRole      font,
                                   double          size,
                                   const CwColor  *color,
                                   const CwRect   *rect,
                                   PangoAlignment  align);
void    cw_templates_stagger      (CwNode         *node,
                                   guint           index,
                                   double          step);
void    cw_templates_hold_after_reading (CwSceneBuilder *b,
                                   double          seconds);

guint   cw_templates_get_n_grid_images (void);

G_END_DECLS
