/* cw-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-color.h"
#include "cw-core.h"
#include "cw-deck.h"
#include "cw-error.h"
#include "cw-statistic.h"
#include "cw-template.h"
#include "cw-templates-private.h"

static const CwTemplate * const *
get_templates (void)
{
  static const CwTemplate *templates[] = {
    &cw_template_title,
    &cw_template_big_number,
    &cw_template_bar_chart,
    &cw_template_percent,
    &cw_template_pictogram,
    &cw_template_line_chart,
    &cw_template_comparison,
    &cw_template_quote,
    &cw_template_safety,
    NULL
  };

  return templates;
}

/**
 * cw_template_list:
 *
 * Returns: (transfer none) (array zero-terminated=1): every template, in
 *   the order a gallery shows them
 */
const CwTemplate * const *
cw_template_list (void)
{
  return get_templates ();
}

/**
 * cw_template_get_default:
 *
 * Returns: (transfer none): the template a new deck starts with: the
 *   first of the list, which opens a clip
 */
const CwTemplate *
cw_template_get_default (void)
{
  return get_templates ()[0];
}

const CwTemplate *
cw_template_lookup (const char *id)
{
  const CwTemplate * const *templates = get_templates ();

  for (guint i = 0; templates[i]; i++)
    {
      if (g_strcmp0 (templates[i]->id, id) == 0)
        return templates[i];
    }
  return NULL;
}

const CwField *
cw_template_find_field (const CwTemplate *self,
                        const char       *name)
{
  for (const CwField *f = self->fields; f->name; f++)
    {
      if (g_strcmp0 (f->name, name) == 0)
        return f;
    }
  return NULL;
}

const CwElement *
cw_template_find_element (const CwTemplate *self,
                          const char       *name)
{
  for (const CwElement *e = self->elements; e->name; e++)
    {
      if (g_strcmp0 (e->name, name) == 0)
        return e;
    }
  return NULL;
}

guint
cw_template_get_n_fields (const CwTemplate *self)
{
  guint n = 0;

  for (const CwField *f = self->fields; f->name; f++)
    n++;
  return n;
}

static const CwPlaceholder *
find_placeholder (const CwTemplate *self,
                  const char       *name)
{
  for (const CwPlaceholder *p = self->placeholders; p != NULL && p->name != NULL; p++)
    {
      if (g_strcmp0 (p->name, name) == 0)
        return p;
    }
  return NULL;
}

gboolean
cw_template_has_placeholder (const CwTemplate *self,
                             const char       *name)
{
  return find_placeholder (self, name) != NULL;
}

/**
 * cw_template_describe_placeholder:
 * @slide: (nullable): the slide the text is on
 * @language: the language the slide's figures are written in
 *
 * What {@name} stands for, as a note for those who translate the slide.
 *
 * Returns: (transfer full) (nullable): the note, in the interface's
 *   language; %NULL when the template does not fill in {@name} or says
 *   nothing about it
 */
char *
cw_template_describe_placeholder (const CwTemplate *self,
                                  const char       *name,
                                  CwSlide          *slide,
                                  const char       *language)
{
  const CwPlaceholder *placeholder = find_placeholder (self, name);

  if (placeholder == NULL)
    return NULL;
  if (placeholder->describe != NULL)
    return placeholder->describe (slide, language);
  return placeholder->note ? g_strdup (g_dgettext (GETTEXT_PACKAGE, placeholder->note)) : NULL;
}

/* Whether @element is text around the point of the slide, which a short
 * summary leaves out. */
gboolean
cw_template_element_is_supporting (const CwTemplate *self,
                                   const char       *element)
{
  const CwElement *found = element ? cw_template_find_element (self, element) : NULL;

  return found != NULL && found->supporting;
}

/**
 * cw_template_get_summary:
 *
 * What @slide is about in a few words, before it is laid out: the text of
 * the template's summary field, or that field's default.
 *
 * Returns: (transfer none) (nullable): the text, or %NULL if there is none
 */
const char *
cw_template_get_summary (const CwTemplate *self,
                         CwSlide          *slide)
{
  const CwField *field;
  const char *text;

  if (self->summary_field == NULL || (field = cw_template_find_field (self, self->summary_field)) == NULL)
    return NULL;
  text = cw_slide_get_text (slide, field->name);
  if (text == NULL && field->default_value != NULL)
    text = g_dgettext (GETTEXT_PACKAGE, field->default_value);
  return text != NULL && *text != '\0' ? text : NULL;
}

const char *
cw_field_type_to_string (CwFieldType type)
{
  switch (type)
    {
    case CW_FIELD_TEXT: return "text";
    case CW_FIELD_STRING: return "string";
    case CW_FIELD_STATISTIC: return "statistic";
    case CW_FIELD_COLOR: return "color";
    case CW_FIELD_CHOICE: return "choice";
    case CW_FIELD_NUMBER: return "number";
    case CW_FIELD_BOOLEAN: return "boolean";
    case CW_FIELD_IMAGE: return "image";
    default: return "unknown";
    }
}

/* The name of choice @index for people, in the interface's language. */
const char *
cw_field_get_choice_label (const CwField *field,
                           guint          index)
{
  g_return_val_if_fail (field->choices != NULL, NULL);
  g_return_val_if_fail (index < g_strv_length ((char **) field->choices), NULL);

  if (field->choice_labels != NULL)
    return g_dgettext (GETTEXT_PACKAGE, field->choice_labels[index]);
  return field->choices[index];
}

/* Text for the audience is translated; ids, colors and switches are not. */
gboolean
cw_field_is_translatable (const CwField *field)
{
  return field->type == CW_FIELD_TEXT;
}

/**
 * cw_field_check_value:
 *
 * Checks the form of a value set in a file (<field name="…" value="…">).
 * Whether a statistic id exists is the deck's business, not the field's.
 */
gboolean
cw_field_check_value (const CwField  *field,
                      const char     *value,
                      GError        **error)
{
  CwColor color;
  char *end = NULL;
  double number;

  switch (field->type)
    {
    case CW_FIELD_TEXT:
    case CW_FIELD_STRING:
      return TRUE;

    case CW_FIELD_STATISTIC:
      if (cw_statistic_id_is_valid (value))
        return TRUE;
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is not a statistic id: ids start with a letter and use only letters, digits, “_” and “-”."),
                   value);
      return FALSE;

    case CW_FIELD_COLOR:
      if (cw_color_parse (value, &color))
        return TRUE;
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is not a color; write it as #RRGGBB, for example #FFC53D."), value);
      return FALSE;

    case CW_FIELD_CHOICE:
      if (field->choices != NULL && g_strv_contains (field->choices, value))
        return TRUE;
      {
        g_autofree char *choices = g_strjoinv (", ", (char **) field->choices);
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                     _("“%s” is not a choice for “%s”; use one of: %s."), value, field->name, choices);
      }
      return FALSE;

    case CW_FIELD_NUMBER:
      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && number >= field->min && number <= field->max)
        return TRUE;
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is not a number from %g to %g, as “%s” needs."),
                   value, field->min, field->max, field->name);
      return FALSE;

    case CW_FIELD_BOOLEAN:
      if (g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "false") == 0)
        return TRUE;
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” must be “true” or “false”."), field->name);
      return FALSE;

    case CW_FIELD_IMAGE:
      {
        g_autofree char *scheme = g_uri_parse_scheme (value);

        if (*value != '\0' && scheme == NULL)
          return TRUE;
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                     _("“%s” is not an image file; write the name of a PNG, JPEG or SVG file next to the deck."),
                     value);
        return FALSE;
      }

    default:
      return FALSE;
    }
}

static gboolean
statistic_suits (const CwTemplate *self,
                 CwStatistic      *statistic)
{
  gboolean is_series = cw_statistic_get_n_points (statistic) > 1;

  switch (self->statistic_kind)
    {
    case CW_STATISTIC_KIND_SERIES:
      return is_series;
    case CW_STATISTIC_KIND_PERCENT:
      return cw_statistic_is_percent (statistic);
    case CW_STATISTIC_KIND_FIGURE:
    case CW_STATISTIC_KIND_SMALL_FIGURE:
    default:
      return !is_series && !cw_statistic_is_percent (statistic);
    }
}

/* The statistic of @deck that suits a field best, of the kind the
 * template wants; the smallest where it wants a small figure; for a
 * second figure, one in the same unit as the first, so a comparison
 * compares like with like. */
static CwStatistic *
pick_statistic (const CwTemplate *self,
                CwDeck           *deck,
                CwStatistic      *first)
{
  GListModel *statistics = cw_deck_get_statistics (deck);
  guint n = g_list_model_get_n_items (statistics);
  CwStatistic *best = NULL;
  CwStatistic *fallback = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (statistics, i);

      if (statistic == first)
        continue;
      if (fallback == NULL)
        fallback = statistic;
      if (!statistic_suits (self, statistic))
        continue;
      if (first != NULL && g_strcmp0 (cw_statistic_get_unit (statistic), cw_statistic_get_unit (first)) != 0)
        continue;
      if (best == NULL)
        best = statistic;
      else if (self->statistic_kind == CW_STATISTIC_KIND_SMALL_FIGURE &&
               cw_statistic_get_value (statistic) < cw_statistic_get_value (best))
        best = statistic;
    }
  return best ? best : fallback;
}

/* What @statistic counts, to follow its number: its label, lower-cased
 * at the start as it reads after a figure ("mines neutralised", "60 %
 * fall in mine incidents"), or else its unit. */
static char *
label_of (CwStatistic *statistic)
{
  const char *label;

  if (statistic == NULL)
    return NULL;
  label = cw_statistic_get_label (statistic);
  if (label != NULL && *label != '\0')
    {
      gunichar first = g_utf8_get_char (label);
      const char *rest = g_utf8_next_char (label);

      /* "UXO found" keeps its capitals */
      if (g_unichar_isupper (first) && (*rest == '\0' || !g_unichar_isupper (g_utf8_get_char (rest))))
        {
          char lower[8] = { 0 };

          g_unichar_to_utf8 (g_unichar_tolower (first), lower);
          return g_strconcat (lower, rest, NULL);
        }
      return g_strdup (label);
    }
  label = cw_statistic_get_unit (statistic);
  return label != NULL && *label != '\0' ? g_strdup (label) : NULL;
}

/**
 * cw_template_create_slide:
 * @deck: the deck the slide is for; its statistics fill the slide's figures
 *
 * A new slide as the editor adds it: every statistic field names a
 * fitting statistic of @deck; the text that follows a number says what
 * that statistic counts (its label); every other text field holds its
 * default, in the interface's language (the author replaces them). The
 * slide is not added to @deck.
 *
 * Returns: (transfer full): the slide, with an id not used in @deck
 */
CwSlide *
cw_template_create_slide (const CwTemplate *self,
                          CwDeck           *deck)
{
  g_autofree char *id = cw_deck_make_slide_id (deck, self->id);
  CwSlide *slide = cw_slide_new (id, self->id);
  CwStatistic *first = NULL;

  for (const CwField *f = self->fields; f->name; f++)
    {
      if (f->type == CW_FIELD_STATISTIC && !f->optional)
        {
          CwStatistic *statistic = pick_statistic (self, deck, first);

          if (statistic != NULL)
            cw_slide_set_param (slide, f->name, cw_statistic_get_id (statistic));
          if (first == NULL)
            first = statistic;
        }
    }
  for (const CwField *f = self->fields; f->name; f++)
    {
      g_autofree char *counted = NULL;

      if (f->type != CW_FIELD_TEXT)
        continue;
      /* what a number counts says what its statistic counts, never the
       * template's example ("168,000 people reached" for hectares) */
      if (f->count_field != NULL)
        counted = label_of (cw_deck_find_statistic (deck, cw_slide_get_param (slide, f->count_field)));
      if (counted != NULL)
        cw_slide_set_text (slide, f->name, counted);
      /* optional texts too: a new slide reads in one language throughout */
      else if (f->default_value != NULL)
        cw_slide_set_text (slide, f->name, g_dgettext (GETTEXT_PACKAGE, f->default_value));
    }

  if (cw_deck_get_n_slides (deck) > 0)
    cw_slide_set_transition (slide, CW_TRANSITION_CROSSFADE, 0.4);

  return slide;
}
