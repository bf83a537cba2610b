/* cw-template.h: slide templates and the fields each one declares
 *
 * A template describes itself: its fields (name, type, label, default) and
 * its elements (what can be selected and animated). The file loader checks
 * slides against it, the CLI lists it, and the editor's inspector is built
 * from it, so a new template needs no code anywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-animation.h"
#include "cw-text.h"

G_BEGIN_DECLS

typedef struct _CwSceneBuilder CwSceneBuilder;

typedef enum
{
  CW_FIELD_TEXT,
  CW_FIELD_STRING,
  CW_FIELD_STATISTIC,
  CW_FIELD_COLOR,
  CW_FIELD_CHOICE,
  CW_FIELD_NUMBER,
  CW_FIELD_BOOLEAN,
  CW_FIELD_IMAGE,
} CwFieldType;

/**
 * CwField:
 * @name: the name used in the file (<text name="…"> or <field name="…">)
 * @type: what kind of value it holds
 * @label: a name for people, translatable (N_)
 * @hint: what the field is for, shown in the editor and to translators (N_)
 * @default_value: the value when the slide does not set one; for
 *   %CW_FIELD_TEXT, source text (N_) that the editor fills in for new slides
 * @choices: for %CW_FIELD_CHOICE, the allowed values
 * @choice_labels: their names for people (N_), in the same order
 * @min: for %CW_FIELD_NUMBER, the smallest value
 * @max: for %CW_FIELD_NUMBER, the largest value
 * @max_chars: for text, how many characters fit comfortably, for translators
 * @plural: for text that follows a number: it has singular and plural forms,
 *   chosen by the value of the statistic in the field @count_field
 * @count_field: see @plural
 * @element: the element that shows the field
 * @optional: an empty value hides the element instead of being an error
 * @text_role: for text, what it is on the slide, which sets how long it
 *   may be (a label unless the template says otherwise)
 */
typedef struct
{
  const char          *name;
  CwFieldType          type;
  const char          *label;
  const char          *hint;
  const char          *default_value;
  const char * const  *choices;
  const char * const  *choice_labels;
  double               min;
  double               max;
  guint                max_chars;
  gboolean             plural;
  const char          *count_field;
  const char          *element;
  gboolean             optional;
  CwTextRole           text_role;
} CwField;

/**
 * CwElement:
 * @name: the element's name, as <animate element="…"> uses it
 * @label: a name for people (N_)
 * @enter: how it enters unless the slide says otherwise
 * @supporting: text around the point of the slide (a kicker, a legend,
 *   the source line), which a short summary of the slide leaves out
 */
typedef struct
{
  const char  *name;
  const char  *label;
  CwAnimation  enter;
  gboolean     supporting;
} CwElement;

typedef struct _CwDeck CwDeck;
typedef struct _CwSlide CwSlide;

/**
 * CwPlaceholder:
 * @name: what the slide's text writes in braces, such as "per_icon"
 * @note: what it stands for, for translators (N_); or
 * @describe: a note that depends on the slide, in the interface's language
 *
 * A placeholder the template fills in itself, besides the statistics.
 */
typedef struct
{
  const char  *name;
  const char  *note;
  char      *(*describe) (CwSlide    *slide,
                          const char *language);
} CwPlaceholder;

/**
 * CwStatisticKind:
 * @CW_STATISTIC_KIND_FIGURE: one figure that is not a percentage
 * @CW_STATISTIC_KIND_SMALL_FIGURE: the same, the smaller the better, as
 *   for symbols that are counted one by one
 * @CW_STATISTIC_KIND_PERCENT: a percentage
 * @CW_STATISTIC_KIND_SERIES: several points, for a chart
 *
 * The statistic a template's figures want, so that a new slide starts
 * with one that suits it.
 */
typedef enum
{
  CW_STATISTIC_KIND_FIGURE,
  CW_STATISTIC_KIND_SMALL_FIGURE,
  CW_STATISTIC_KIND_PERCENT,
  CW_STATISTIC_KIND_SERIES,
} CwStatisticKind;

typedef struct _CwTemplate CwTemplate;

/**
 * CwTemplate:
 * @id: the name used in the file (<slide template="…">)
 * @label: a name for people (N_)
 * @description: one sentence on when to use it (N_)
 * @shows_source: a data slide, which carries the source line of its statistic
 * @statistic_kind: the kind of statistic its figures want
 * @fields: (array zero-terminated=1): what the author can set
 * @elements: (array zero-terminated=1): what can be selected and animated
 * @placeholders: (array zero-terminated=1) (nullable): placeholders the
 *   template fills in besides statistics, such as {per_icon}
 * @summary_field: the text field that says what a slide is about, which
 *   the slide list shows until the slide is laid out
 * @min_duration: seconds the slide lasts at least
 * @build: lays the slide out into the builder's scene
 */
struct _CwTemplate
{
  const char          *id;
  const char          *label;
  const char          *description;
  gboolean             shows_source;
  CwStatisticKind      statistic_kind;
  const CwField       *fields;
  const CwElement     *elements;
  const CwPlaceholder *placeholders;
  const char          *summary_field;
  double               min_duration;
  void               (*build) (CwSceneBuilder *builder);
};

const CwTemplate  *cw_template_lookup         (const char       *id);
const CwTemplate * const *cw_template_list    (void);
const CwTemplate  *cw_template_get_default    (void);
const CwField     *cw_template_find_field     (const CwTemplate *self,
                                               const char       *name);
const CwElement   *cw_template_find_element   (const CwTemplate *self,
                                               const char       *name);
guint              cw_template_get_n_fields   (const CwTemplate *self);
gboolean           cw_template_has_placeholder (const CwTemplate *self,
                                               const char       *name);
char              *cw_template_describe_placeholder (const CwTemplate *self,
                                               const char       *name,
                                               CwSlide          *slide,
                                               const char       *language);
gboolean           cw_template_element_is_supporting (const CwTemplate *self,
                                               const char       *element);
const char        *cw_template_get_summary    (const CwTemplate *self,
                                               CwSlide          *slide);
const char        *cw_field_type_to_string    (CwFieldType       type);
gboolean           cw_field_is_translatable   (const CwField    *field);
const char        *cw_field_get_choice_label  (const CwField    *field,
                                               guint             index);
gboolean           cw_field_check_value       (const CwField    *field,
                                               const char       *value,
                                               GError          **error);

CwSlide           *cw_template_create_slide   (const CwTemplate *self,
                                               CwDeck           *deck);

G_END_DECLS
