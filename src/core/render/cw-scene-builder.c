/* cw-scene-builder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-fonts.h"
#include "cw-scene-builder.h"
#include "cw-text.h"

static const CwField *
require_field (CwSceneBuilder *self,
               const char     *name)
{
  const CwField *field = cw_template_find_field (self->template, name);

  /* a template asking for a field it does not declare is a bug in the template */
  g_assert (field != NULL);
  return field;
}

static char *
resolve_placeholder (const char *name,
                     gboolean    compact,
                     gpointer    user_data)
{
  CwSceneBuilder *self = user_data;
  CwStatistic *statistic;

  if (self->extra != NULL && g_hash_table_contains (self->extra, name))
    return g_strdup (g_hash_table_lookup (self->extra, name));

  statistic = cw_deck_find_statistic (self->deck, name);
  if (statistic == NULL)
    return NULL;
  return cw_statistic_format (statistic, self->language, compact);
}

/* Fills {name} in this slide's texts; for values a template computes. */
void
cw_builder_set_placeholder (CwSceneBuilder *self,
                            const char     *name,
                            const char     *value)
{
  if (self->extra == NULL)
    self->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->extra, g_strdup (name), g_strdup (value));
}

gboolean
cw_builder_is_children (CwSceneBuilder *self)
{
  return cw_deck_get_audience (self->deck) == CW_AUDIENCE_CHILDREN;
}

/**
 * cw_builder_warn:
 * @element: (nullable): the field or element of the slide the problem is
 *   in, as the template names it; %NULL for the slide as a whole
 * @hint: (nullable): what to do about it
 *
 * Warns about the slide being built. The message says what is wrong; where
 * and what to do go in @element and @hint, so the editor can point there.
 */
void
cw_builder_warn (CwSceneBuilder *self,
                 const char     *element,
                 const char     *hint,
                 const char     *format,
                 ...)
{
  va_list args;

  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cw_diagnostics_add_unique (self->warnings,
                             cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, cw_slide_get_id (self->slide),
                                                          element, message, hint));
}

/* @text with its digits in the deck's system (cw_digits_convert()), but
 * for the names of its {placeholders}, which may hold digits
 * ({found_2024}) and are looked up as written. */
static char *
convert_digits (CwSceneBuilder *self,
                const char     *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *brace = strchr (p, '{');
      const char *end;

      if (brace == NULL)
        brace = p + strlen (p);
      if (brace > p)
        {
          g_autofree char *part = g_strndup (p, brace - p);
          g_autofree char *converted = cw_digits_convert (self->language, part);

          g_string_append (out, converted);
        }
      if (*brace == '\0')
        break;
      /* "{{" is a brace written out; "{name}" is kept whole */
      if (brace[1] == '{')
        end = brace + 2;
      else
        {
          const char *close = strchr (brace, '}');

          end = close != NULL ? close + 1 : brace + strlen (brace);
        }
      g_string_append_len (out, brace, end - brace);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/**
 * cw_builder_translate:
 * @context: "slide-id/field"
 * @source: the text in the deck's language
 * @source_plural: (nullable): its plural form
 *
 * Returns: (transfer full): the text in the builder's language, falling
 *   back to the source language (and noting @context) when there is no
 *   usable translation
 */
char *
cw_builder_translate (CwSceneBuilder *self,
                      const char     *context,
                      const char     *source,
                      const char     *source_plural,
                      gboolean        has_count,
                      double          count)
{
  const char *deck_language = cw_deck_get_language (self->deck);
  CwCatalog *catalog;
  const char *translation = NULL;

  if (source == NULL || *source == '\0')
    return g_strdup ("");

  /* what was looked up is what translators get (cw_deck_list_translatables()),
   * fallbacks a template chooses included */
  {
    CwSourceText *text = g_new0 (CwSourceText, 1);

    text->context = g_strdup (context);
    text->source = g_strdup (source);
    text->source_plural = g_strdup (source_plural);
    g_ptr_array_add (self->scene->source_texts, text);
  }

  if (g_strcmp0 (self->text_language, deck_language) != 0)
    {
      catalog = cw_deck_get_catalog (self->deck, self->text_language);
      if (catalog != NULL)
        translation = cw_catalog_lookup (catalog, context, source, has_count, count);
      if (translation != NULL)
        return convert_digits (self, translation);
      g_ptr_array_add (self->untranslated, g_strdup (context));
    }

  /* the source language follows gettext's convention: msgid for one,
   * msgid_plural otherwise; its digits, like a translation's, are the
   * deck's, so a year typed 2021 sits beside numbers in the same digits */
  if (source_plural != NULL && has_count && count != 1)
    return convert_digits (self, source_plural);
  return convert_digits (self, source);
}

/**
 * cw_builder_get_text:
 *
 * Returns: (transfer full) (nullable): the field's text in the builder's
 *   language with its placeholders filled in, or %NULL when it is empty
 */
char *
cw_builder_get_text (CwSceneBuilder *self,
                     const char     *name)
{
  return cw_builder_get_text_or (self, name, NULL);
}

/**
 * cw_builder_get_text_or:
 * @fallback: (nullable): source text to use instead of the template's
 *   default when the slide leaves the field unset (a card's variant for
 *   children, say)
 *
 * Returns: (transfer full) (nullable): see cw_builder_get_text()
 */
char *
cw_builder_get_text_or (CwSceneBuilder *self,
                        const char     *name,
                        const char     *fallback)
{
  const CwField *field = require_field (self, name);
  const char *source = cw_slide_get_text (self->slide, name);
  const char *plural = cw_slide_get_text_plural (self->slide, name);
  g_autofree char *context = NULL;
  g_autofree char *translated = NULL;
  g_autoptr(GError) error = NULL;
  char *expanded;
  gboolean has_count = FALSE;
  double count = 0;

  if (source == NULL)
    source = fallback ? fallback : field->default_value;
  if (source == NULL || *source == '\0')
    return NULL;

  if (field->plural && field->count_field != NULL)
    {
      CwStatistic *statistic = cw_builder_get_statistic (self, field->count_field);
      if (statistic != NULL)
        {
          has_count = TRUE;
          count = cw_statistic_get_value (statistic);
        }
    }

  context = g_strdup_printf ("%s/%s", cw_slide_get_id (self->slide), name);
  translated = cw_builder_translate (self, context, source, plural, has_count, count);

  expanded = cw_text_expand (translated, resolve_placeholder, self, &error);
  if (expanded == NULL)
    {
      cw_builder_warn (self, name, NULL, "%s", error->message);
      return g_steal_pointer (&translated);
    }
  /* what the placeholders filled in too, such as a hotline's number */
  {
    char *converted = cw_digits_convert (self->language, expanded);

    g_free (expanded);
    expanded = converted;
  }
  if (*g_strstrip (expanded) == '\0')
    {
      g_free (expanded);
      return NULL;
    }
  return expanded;
}

/* A field's value as set in the file, or the template's default. */
const char *
cw_builder_get_string (CwSceneBuilder *self,
                       const char     *name)
{
  const CwField *field = require_field (self, name);
  const char *value = cw_slide_get_param (self->slide, name);

  if (value == NULL && field->type == CW_FIELD_TEXT)
    value = cw_slide_get_text (self->slide, name);
  return value != NULL ? value : field->default_value;
}

gboolean
cw_builder_get_boolean (CwSceneBuilder *self,
                        const char     *name)
{
  return g_strcmp0 (cw_builder_get_string (self, name), "true") == 0;
}

double
cw_builder_get_number (CwSceneBuilder *self,
                       const char     *name)
{
  const char *value = cw_builder_get_string (self, name);

  return value ? g_ascii_strtod (value, NULL) : 0;
}

/**
 * cw_builder_get_statistic:
 *
 * Returns: (transfer none) (nullable): the statistic the field names
 */
CwStatistic *
cw_builder_get_statistic (CwSceneBuilder *self,
                          const char     *name)
{
  return cw_deck_find_statistic (self->deck, cw_builder_get_string (self, name));
}

CwColor
cw_builder_theme_color (CwSceneBuilder *self,
                        CwColorRole     role)
{
  return cw_theme_get_color (self->theme, role);
}

/**
 * cw_builder_get_tone:
 * @statistic: (nullable): the figure drawn
 *
 * Returns: the slide's tone when it sets one, else @statistic's, else progress
 */
CwTone
cw_builder_get_tone (CwSceneBuilder *self,
                     CwStatistic    *statistic)
{
  if (self->slide != NULL && cw_slide_has_tone (self->slide))
    return cw_slide_get_tone (self->slide);
  return statistic != NULL ? cw_statistic_get_tone (statistic) : CW_TONE_PROGRESS;
}

/**
 * cw_builder_tone_color:
 * @statistic: (nullable): the figure drawn
 *
 * Returns: the theme's color for the slide's tone when it sets one, or
 *   for @statistic's, which draws its numbers, bars and icons; the accent
 *   when there is neither
 */
CwColor
cw_builder_tone_color (CwSceneBuilder *self,
                       CwStatistic    *statistic)
{
  CwTone tone = cw_builder_get_tone (self, statistic);

  return cw_theme_get_tone_color (self->theme, tone);
}

/* A per-slide color override, or the theme's @fallback role. */
CwColor
cw_builder_get_color (CwSceneBuilder *self,
                      const char     *name,
                      CwColorRole     fallback)
{
  CwColor color;
  const char *value = cw_builder_get_string (self, name);

  if (value != NULL && cw_color_parse (value, &color))
    return color;
  return cw_theme_get_color (self->theme, fallback);
}

/* How @element enters: as the slide says, or as the template suggests. */
CwAnimation
cw_builder_get_enter (CwSceneBuilder *self,
                      const char     *element)
{
  CwAnimation animation = CW_ANIMATION_NONE;
  const CwElement *info;

  if (element == NULL)
    return animation;
  if (cw_slide_get_animation (self->slide, CW_PHASE_ENTER, element, &animation))
    return animation;
  info = cw_template_find_element (self->template, element);
  if (info != NULL)
    animation = info->enter;
  return animation;
}

/* How @element leaves, when the author asked it to (templates leave by cut or transition). */
CwAnimation
cw_builder_get_exit (CwSceneBuilder *self,
                     const char     *element)
{
  CwAnimation animation = CW_ANIMATION_NONE;

  if (element != NULL)
    cw_slide_get_animation (self->slide, CW_PHASE_EXIT, element, &animation);
  return animation;
}


typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} SharedEntry;

static void
shared_entry_free (gpointer data)
{
  SharedEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry);
}

/**
 * cw_builder_shared_new:
 *
 * Returns: (transfer full): a table for #CwSceneBuilder:shared, which one
 *   renderer passes to the builder of each of its slides
 */
GHashTable *
cw_builder_shared_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shared_entry_free);
}

/**
 * cw_builder_lookup_shared:
 * @key: what the thing is, with every parameter that changes it
 *
 * Returns: (transfer none) (nullable): what a slide before this one shared
 *   under @key
 */
gpointer
cw_builder_lookup_shared (CwSceneBuilder *self,
                          const char     *key)
{
  SharedEntry *entry;

  if (self->shared == NULL)
    return NULL;
  entry = g_hash_table_lookup (self->shared, key);
  return entry ? entry->data : NULL;
}

/**
 * cw_builder_share:
 * @data: (transfer full): freed with @destroy when the renderer goes
 *
 * Lets the slides after this one use @data; without a shared table
 * (a builder on its own) @data is freed at once.
 */
void
cw_builder_share (CwSceneBuilder *self,
                  const char     *key,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  SharedEntry *entry;

  if (self->shared == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return;
    }

  entry = g_new0 (SharedEntry, 1);
  entry->data = data;
  entry->destroy = destroy;
  g_hash_table_replace (self->shared, g_strdup (key), entry);
}

/* Gives @node the animations of its element, and the color the author chose for it. */
void
cw_builder_style_node (CwSceneBuilder *self,
                    CwNode         *node)
{
  const char *color;

  node->enter = cw_builder_get_enter (self, node->element);
  node->exit = cw_builder_get_exit (self, node->element);

  color = node->element ? cw_slide_get_element_color (self->slide, node->element) : NULL;
  if (color != NULL)
    cw_color_parse (color, &node->color);
}

void
cw_builder_note_reading (CwSceneBuilder *self,
                         const char     *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_ptr_array_add (self->scene->texts, g_strdup (text));
  self->reading_chars += g_utf8_strlen (text, -1);
}

/* The type scale, in reference pixels (a frame 1080 pixels on its short
 * side). Sizes step by about 1.25 from the source line up to the
 * headline, and the figure stands apart; every template takes its texts
 * from here, so a role has one size on every slide that has room for it. */
static const CwTextStyle type_scale[CW_N_TYPE_ROLES] = {
  [CW_TYPE_NONE] = { CW_FONT_BODY, 54, 36, 1.18, 4, PANGO_ALIGN_CENTER, CW_TYPE_NONE },
  [CW_TYPE_KICKER] = { CW_FONT_HEADING, 46, 32, 1.1, 2, PANGO_ALIGN_CENTER, CW_TYPE_KICKER },
  [CW_TYPE_HEADLINE] = { CW_FONT_HEADING, 100, 48, 1.05, 4, PANGO_ALIGN_CENTER, CW_TYPE_HEADLINE },
  [CW_TYPE_FIGURE] = { CW_FONT_NUMBER, 250, 90, 1.0, 1, PANGO_ALIGN_CENTER, CW_TYPE_FIGURE },
  [CW_TYPE_LABEL] = { CW_FONT_HEADING, 66, 40, 1.08, 3, PANGO_ALIGN_CENTER, CW_TYPE_LABEL },
  [CW_TYPE_BODY] = { CW_FONT_BODY, 54, 36, 1.18, 4, PANGO_ALIGN_CENTER, CW_TYPE_BODY },
  [CW_TYPE_LEGEND] = { CW_FONT_BODY, 40, 28, 1.12, 2, PANGO_ALIGN_CENTER, CW_TYPE_LEGEND },
  [CW_TYPE_SOURCE] = { CW_FONT_BODY, 30, 24, 1.15, 2, PANGO_ALIGN_CENTER, CW_TYPE_SOURCE },
};

/**
 * cw_builder_type_style:
 *
 * Returns: the style of @role in the type scale, aligned as the deck's
 *   theme says
 */
CwTextStyle
cw_builder_type_style (CwSceneBuilder *self,
                       CwTypeRole      role)
{
  CwTextStyle style;

  g_return_val_if_fail (role < CW_N_TYPE_ROLES, type_scale[CW_TYPE_NONE]);

  style = type_scale[role];
  style.align = cw_builder_get_align (self);
  return style;
}

/* The deck's alignment, for texts and for what is placed beside them. */
PangoAlignment
cw_builder_get_align (CwSceneBuilder *self)
{
  return cw_theme_get_align (self->theme) == CW_ALIGN_START ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
}

/**
 * cw_builder_agreement_new:
 *
 * Returns: (transfer full): a table for #CwSceneBuilder:agreed and
 *   #CwSceneBuilder:proposed
 */
GHashTable *
cw_builder_agreement_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Whether two agreements allow the same sizes, to a quarter of a pixel. */
gboolean
cw_builder_agreement_equal (GHashTable *a,
                            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *other = g_hash_table_lookup (b, key);
      if (other == NULL || fabs (*other - *(double *) value) > 0.25)
        return FALSE;
    }
  return TRUE;
}

/**
 * cw_builder_agreed:
 * @key: what is agreed on, such as "label/label" for the size of the
 *   label element's text, or "icons/columns"
 *
 * Returns: @value, or less when the deck's languages agreed on less
 */
double
cw_builder_agreed (CwSceneBuilder *self,
                   const char     *key,
                   double          value)
{
  double *agreed = self->agreed ? g_hash_table_lookup (self->agreed, key) : NULL;

  return agreed != NULL ? MIN (value, *agreed) : value;
}

/* Tells the renderer what this language chose for @key. */
void
cw_builder_propose (CwSceneBuilder *self,
                    const char     *key,
                    double          value)
{
  double *proposed;

  if (self->proposed == NULL)
    return;
  proposed = g_hash_table_lookup (self->proposed, key);
  if (proposed == NULL)
    {
      proposed = g_new (double, 1);
      *proposed = value;
      g_hash_table_insert (self->proposed, g_strdup (key), proposed);
    }
  else
    *proposed = MIN (*proposed, value);
}

/**
 * cw_builder_agree:
 *
 * The clips of a deck in its several languages look like one campaign:
 * the renderer lays each slide out in every language, and each language
 * takes the smallest any of them chose (cw_renderer_new()). Templates ask
 * here for what must match, such as a pictogram's number of columns.
 *
 * Returns: @value, or less when the deck's languages agreed on less
 */
double
cw_builder_agree (CwSceneBuilder *self,
                  const char     *key,
                  double          value)
{
  value = cw_builder_agreed (self, key, value);
  cw_builder_propose (self, key, value);
  return value;
}

static char *
size_key (const char        *element,
          const CwTextStyle *style)
{
  return g_strdup_printf ("%s/size/%d/%d", element ? element : "", style->role, style->font);
}

/* @style, no larger than the deck's languages agreed for @element. */
static CwTextStyle
agreed_style (CwSceneBuilder    *self,
              const char        *element,
              const CwTextStyle *style)
{
  CwTextStyle agreed = *style;
  g_autofree char *key = NULL;

  if (self->agreed == NULL || element == NULL)
    return agreed;
  key = size_key (element, style);
  agreed.max_size = cw_builder_agreed (self, key, style->max_size * self->unit) / self->unit;
  agreed.min_size = MIN (agreed.min_size, agreed.max_size);
  return agreed;
}

/**
 * cw_builder_fit_text:
 *
 * Like cw_text_fit(), in the theme's font for @style and no larger than
 * the deck's languages agreed on for @element's texts of that role.
 */
void
cw_builder_fit_text (CwSceneBuilder    *self,
                     const char        *element,
                     const char        *text,
                     const CwTextStyle *style,
                     double             width,
                     double             height,
                     CwTextFit         *fit)
{
  CwTextStyle agreed = agreed_style (self, element, style);

  cw_text_fit (text, cw_theme_get_font_family (self->theme, agreed.font),
               cw_theme_get_font_weight (self->theme, agreed.font),
               &agreed, self->unit, width, height, fit);
}

/* Words laid out together to find the widest: Pango's time for a layout
 * grows with its number of paragraphs times its length, so a long text is
 * measured a bounded batch of words at a time. */
#define WORDS_PER_BATCH 64

static double
measure_widest_word (const char *text,
                     const char *family,
                     int         weight,
                     double      size)
{
  g_autofree char *words = g_strdup (text);
  char *start = words;
  double widest = 0;
  guint n = 0;

  /* one word a line: the widest line is the widest word; no-break spaces stay */
  g_strdelimit (words, " \t", '\n');
  for (char *p = words; ; p++)
    {
      char end = *p;
      CwTextExtents extents;

      if (end != '\n' && end != '\0')
        continue;
      if (end == '\n' && ++n < WORDS_PER_BATCH)
        continue;

      *p = '\0';
      if (*start != '\0' || start == words)
        {
          cw_text_measure (start, family, weight, size, -1, 0, PANGO_ALIGN_LEFT, FALSE, &extents);
          widest = MAX (widest, extents.width);
        }
      if (end == '\0')
        break;
      start = p + 1;
      n = 0;
    }

  return widest;
}

static void
measure (const char        *text,
         const char        *family,
         int                weight,
         const CwTextStyle *style,
         double             size,
         double             width,
         guint             *lines,
         double            *height)
{
  CwTextExtents extents;

  cw_text_measure (text, family, weight, size, width, style->line_height, style->align, FALSE,
                   &extents);
  *lines = extents.lines;
  *height = extents.height;
}

/**
 * cw_text_fit:
 * @width: the width of the box, in pixels
 * @height: the height of the box, or 0 when only the width matters
 *
 * Finds the largest size, between the style's minimum and maximum, at which
 * @text fits the box in at most style->max_lines lines without breaking a
 * word. When even the minimum needs more lines, the text wraps at the
 * minimum; a word (or number) wider than the box shrinks the text below
 * the minimum rather than break. @fit->overflow tells that the box is
 * still too small.
 *
 * A larger size never takes fewer lines (widths scale with the size), so
 * what does not fit at the minimum fits at no size, and a number of lines
 * the minimum needs more than is not searched for: a long text costs a few
 * layouts, not one per size tried.
 */
void
cw_text_fit (const char        *text,
             const char        *family,
             int                weight,
             const CwTextStyle *style,
             double             unit,
             double             width,
             double             height,
             CwTextFit         *fit)
{
  double max_size = style->max_size * unit;
  double min_size = MIN (style->min_size * unit, max_size);
  double word_per_px;
  double lo, hi, best = -1;
  CwTextExtents at_best;
  guint lines;
  double h;

  memset (fit, 0, sizeof *fit);
  if (text == NULL || *text == '\0' || width <= 0)
    return;

  /* with hinting off, widths scale linearly with the size */
  word_per_px = measure_widest_word (text, family, weight, 100) / 100;

  /* Wrap before shrinking: the largest size at which the text takes at
   * most max_lines lines (a role keeps its size, and one language's longer
   * words do not make its text smaller than another's); set at that size,
   * it takes as few lines as it can. Only that one size is searched for. */
  {
    guint max_lines = MAX (style->max_lines, 1);
    guint min_lines;
    double min_h;

    /* the fewest lines the text can take, and whether it fits at all; a
     * size at which a word is wider than the box is not laid out: each
     * new size costs Pango a font lookup, many times a layout's cost */
    min_lines = G_MAXUINT;
    if (word_per_px * min_size <= width)
      {
        measure (text, family, weight, style, min_size, width, &min_lines, &min_h);
        if (height > 0 && min_h > height)
          min_lines = G_MAXUINT;
      }

    if (min_lines <= max_lines)
      {
        if (word_per_px * max_size <= width)
          {
            measure (text, family, weight, style, max_size, width, &lines, &h);
            if (lines <= max_lines && (height <= 0 || h <= height))
              best = max_size;
          }

        lo = min_size;
        hi = max_size;
        for (guint i = 0; best < max_size && i < 18 && hi - lo > 0.25; i++)
          {
            double mid = (lo + hi) / 2;

            if (word_per_px * mid > width)
              {
                hi = mid;
                continue;
              }
            measure (text, family, weight, style, mid, width, &lines, &h);
            if (lines <= max_lines && (height <= 0 || h <= height))
              {
                best = mid;
                lo = mid;
              }
            else
              {
                hi = mid;
              }
          }
        /* the minimum fits, as measured above */
        if (best < 0)
          best = min_size;
      }
  }

  if (best < 0)
    {
      best = min_size;
      if (word_per_px * best > width)
        best = width / word_per_px * 0.995;
    }

  cw_text_measure (text, family, weight, best, width, style->line_height, style->align, FALSE,
                   &at_best);
  lines = at_best.lines;
  h = at_best.height;
  fit->size = best;
  fit->width = width;
  fit->wrap_width = width;
  fit->height = h;
  fit->lines = lines;
  fit->overflow = height > 0 && h > height + 0.5;

  /* Even out the lines: the narrowest wrap that needs no more lines, so a
   * headline breaks as "hectares cleared / of mines", not with one word alone.
   *
   * Pango breaks a line before the first word that does not fit, so a text
   * wrapped at hi_w, its widest line same_from wide, wraps the same way at
   * any width from same_from to hi_w: those widths pass untried, which
   * spares about one layout in five of a deck's first layout. */
  if (lines > 1)
    {
      double lo_w = MAX (width * 0.45, word_per_px * best);
      double hi_w = width;
      double same_from = at_best.width;

      for (guint i = 0; i < 14 && hi_w - lo_w > 1; i++)
        {
          double mid = (lo_w + hi_w) / 2;
          CwTextExtents extents;

          if (mid >= same_from)
            {
              hi_w = mid;
              continue;
            }
          cw_text_measure (text, family, weight, best, mid, style->line_height, style->align, FALSE,
                           &extents);
          if (extents.lines <= lines)
            {
              hi_w = mid;
              same_from = extents.width;
            }
          else
            {
              lo_w = mid;
            }
        }
      fit->wrap_width = MIN (width, ceil (hi_w) + 1);
      measure (text, family, weight, style, best, fit->wrap_width, &lines, &h);
      fit->height = h;
      fit->lines = lines;
    }
}

static CwNode *
new_text_node (CwSceneBuilder    *self,
               CwNodeKind         kind,
               const char        *element,
               const CwRect      *rect,
               const CwTextStyle *style,
               const CwColor     *color,
               double             size)
{
  CwNode *node = cw_node_new (kind, element, rect);

  node->font_family = g_strdup (cw_theme_get_font_family (self->theme, style->font));
  node->font_weight = cw_theme_get_font_weight (self->theme, style->font);
  node->font_size = size;
  node->line_height = style->line_height;
  node->align = style->align;
  /* a number has no direction of its own: at the start of a right-to-left line it sits at the right */
  if (kind == CW_NODE_COUNTER && self->scene->rtl && node->align == PANGO_ALIGN_LEFT)
    node->align = PANGO_ALIGN_RIGHT;
  node->color = *color;
  cw_builder_style_node (self, node);
  if (element != NULL)
    {
      g_autofree char *key = size_key (element, style);
      cw_builder_propose (self, key, size);
    }
  return node;
}

/**
 * cw_builder_add_text:
 *
 * Fits @text into @box (see cw_text_fit()) and adds it at the top of the box.
 *
 * Returns: (transfer none): the node; its rect has the height the text takes
 */
CwNode *
cw_builder_add_text (CwSceneBuilder    *self,
                     const char        *element,
                     const char        *text,
                     const CwTextStyle *style,
                     const CwColor     *color,
                     const CwRect      *box)
{
  CwTextFit fit;
  CwRect rect;
  CwNode *node;

  cw_builder_fit_text (self, element, text, style, box->width, box->height, &fit);
  if (fit.overflow)
    cw_builder_warn (self, element, _("Shorten it."), _("The text “%s” does not fit on slide “%s”."),
                     text, cw_slide_get_id (self->slide));

  rect = (CwRect) { box->x, box->y, box->width, fit.height };
  node = new_text_node (self, CW_NODE_TEXT, element, &rect, style, color, fit.size);
  node->text = g_strdup (text);
  node->wrap_width = fit.wrap_width;
  cw_scene_add_node (self->scene, node);
  cw_builder_note_reading (self, text);
  return node;
}

CwNode *
cw_builder_add_box (CwSceneBuilder *self,
                    const char     *element,
                    const CwRect   *rect,
                    const CwColor  *color,
                    double          radius)
{
  CwNode *node = cw_node_new (CW_NODE_BOX, element, rect);

  node->color = *color;
  node->radius = radius;
  cw_builder_style_node (self, node);
  cw_scene_add_node (self->scene, node);
  return node;
}

/**
 * cw_builder_add_logo:
 *
 * Adds the theme's logo, as large as fits @box, centered in it. A logo
 * that could not be loaded shows as a placeholder (the loader has already
 * warned); a deck without a logo adds nothing.
 *
 * Returns: (transfer none) (nullable): the node
 */
CwNode *
cw_builder_add_logo (CwSceneBuilder *self,
                     const CwRect   *box)
{
  CwImage *logo = cw_theme_get_logo (self->theme);
  const char *href = cw_theme_get_logo_href (self->theme);
  double aspect = logo ? cw_image_get_aspect_ratio (logo) : 1;
  double w, h;
  CwRect rect;
  CwNode *node;

  if (logo == NULL && href == NULL)
    return NULL;

  w = MIN (box->width, box->height * aspect);
  h = w / aspect;
  rect = (CwRect) { box->x + (box->width - w) / 2, box->y + (box->height - h) / 2, w, h };
  rect.x = round (rect.x);
  rect.y = round (rect.y);
  rect.width = ceil (rect.width);
  rect.height = ceil (rect.height);

  node = cw_node_new (CW_NODE_IMAGE, "logo", &rect);
  cw_builder_style_node (self, node);
  node->color = cw_theme_get_color (self->theme, CW_COLOR_MUTED);
  if (logo != NULL && !self->measuring)
    node->surface = cw_image_render (logo, rect.width, rect.height);
  cw_scene_add_node (self->scene, node);
  return node;
}

static void
strip_trailing_separators (char *text)
{
  size_t len = strlen (text);

  while (len > 0 && strchr (" ,;:-", text[len - 1]) != NULL)
    text[--len] = '\0';
}

static char *
source_placeholder (const char *name,
                    gboolean    compact,
                    gpointer    user_data)
{
  const char * const *values = user_data;

  if (g_str_equal (name, "source"))
    return g_strdup (values[0]);
  if (g_str_equal (name, "date"))
    return g_strdup (values[1]);
  return NULL;
}

/**
 * cw_builder_add_source_line:
 *
 * Adds "Source: ANAMA, Oct 2024" at the bottom of the content box, from the
 * statistic's provenance, and shrinks the content box above it.
 *
 * Returns: the height taken, including the gap above the line
 */
double
cw_builder_add_source_line (CwSceneBuilder *self,
                            CwStatistic    *statistic)
{
  CwTextStyle style = cw_builder_type_style (self, CW_TYPE_SOURCE);
  /* Translators: the line under a data slide, in the deck's own language unless
   * the deck translates it; keep {source} and {date} as they are */
  const char *fallback = N_("Source: {source}, {date}");
  const char *pattern;
  g_autofree char *translated = NULL;
  g_autofree char *date = NULL;
  g_autofree char *line = NULL;
  const char *values[2];
  CwColor color;
  CwTextFit fit;
  CwRect rect;
  CwNode *node;
  double gap = 24 * self->unit;

  if (statistic == NULL)
    return 0;

  if (cw_statistic_get_source (statistic) == NULL)
    {
      cw_builder_warn (self, NULL, _("Add its source on the Statistics page, so viewers can trust the figure."),
                       _("Slide “%s” shows the statistic “%s”, which has no source."),
                       cw_slide_get_id (self->slide), cw_statistic_get_id (statistic));
      return 0;
    }

  pattern = cw_deck_get_source_line (self->deck);
  if (pattern == NULL)
    pattern = fallback;
  translated = cw_builder_translate (self, "deck/source-line", pattern, NULL, FALSE, 0);

  date = cw_date_format_as_of (self->language, cw_statistic_get_as_of (statistic));
  values[0] = cw_statistic_get_source (statistic);
  values[1] = date ? date : "";
  line = cw_text_expand (translated, source_placeholder, (gpointer) values, NULL);
  if (line == NULL)
    line = cw_text_expand (fallback, source_placeholder, (gpointer) values, NULL);
  if (date == NULL)
    strip_trailing_separators (line);

  color = cw_theme_get_color (self->theme, CW_COLOR_MUTED);
  cw_builder_fit_text (self, "source", line, &style, self->content.width, 0, &fit);

  rect = (CwRect) { self->content.x, self->content.y + self->content.height - fit.height,
                    self->content.width, fit.height };
  node = new_text_node (self, CW_NODE_TEXT, "source", &rect, &style, &color, fit.size);
  node->text = g_strdup (line);
  if (cw_template_find_element (self->template, "source") == NULL)
    node->enter = (CwAnimation) { CW_EFFECT_FADE, CW_EASING_EASE_OUT_QUAD, 0.8, 0.6 };
  /* read last, and fine print is not part of the slide's reading time */
  g_free (self->fine_print);
  self->fine_print = g_strdup (line);
  cw_scene_add_node (self->scene, node);

  self->content.height -= fit.height + gap;
  return fit.height + gap;
}

/* Stacks: a column of items that shrink together until they fit their box. */

typedef enum
{
  ITEM_TEXT,
  ITEM_COUNTER,
  ITEM_NODE,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  char        *element;
  char        *text;
  CwTextStyle  style;
  CwColor      color;
  double       gap;
  double       halign;
  CwNode      *node;
  /* counter */
  double       value;
  guint        decimals;
  CwNumberStyle number_style;
  char        *prefix;
  char        *suffix;
  /* result of fitting */
  double       size;
  double       wrap_width;
  double       height;
} StackItem;

struct _CwStack
{
  CwSceneBuilder *builder;
  GArray         *items;
};

static void
stack_item_clear (StackItem *item)
{
  g_free (item->element);
  g_free (item->text);
  g_free (item->prefix);
  g_free (item->suffix);
  g_clear_pointer (&item->node, cw_node_free);
}

CwStack *
cw_stack_new (CwSceneBuilder *builder)
{
  CwStack *stack = g_new0 (CwStack, 1);

  stack->builder = builder;
  stack->items = g_array_new (FALSE, TRUE, sizeof (StackItem));
  g_array_set_clear_func (stack->items, (GDestroyNotify) stack_item_clear);
  return stack;
}

void
cw_stack_free (CwStack *stack)
{
  g_array_unref (stack->items);
  g_free (stack);
}

/* Adds a text; a %NULL or empty @text adds nothing (an optional field left empty). */
void
cw_stack_add_text (CwStack           *stack,
                   const char        *element,
                   const char        *text,
                   const CwTextStyle *style,
                   const CwColor     *color,
                   double             gap_before)
{
  StackItem item = { ITEM_TEXT };

  if (text == NULL || *text == '\0')
    return;

  item.element = g_strdup (element);
  item.text = g_strdup (text);
  item.style = *style;
  item.color = *color;
  item.gap = gap_before;
  g_array_append_val (stack->items, item);
}

/**
 * cw_builder_counter_affix:
 * @affix: (nullable): what a slide sets before or after a number
 * @before: whether @affix comes before the number
 *
 * The text that joins @affix to a number. A sign ("$", "+", "%") hugs the
 * number; a word ("over", "km²") is kept apart by a no-break space, since
 * fields lose their outer spaces and "over168,000" reads as nothing.
 *
 * Returns: (transfer full) (nullable): the affix to put beside the number
 */
char *
cw_builder_counter_affix (const char *affix,
                          gboolean    before)
{
  gunichar edge;

  if (affix == NULL || *affix == '\0')
    return NULL;

  edge = before ? g_utf8_get_char (g_utf8_prev_char (affix + strlen (affix)))
                : g_utf8_get_char (affix);
  if (!g_unichar_isalpha (edge))
    return g_strdup (affix);
  return before ? g_strconcat (affix, "\u00a0", NULL) : g_strconcat ("\u00a0", affix, NULL);
}

void
cw_stack_add_counter (CwStack           *stack,
                      const char        *element,
                      CwStatistic       *statistic,
                      const char        *prefix,
                      const char        *suffix,
                      gboolean           compact,
                      const CwTextStyle *style,
                      const CwColor     *color,
                      double             gap_before)
{
  CwSceneBuilder *b = stack->builder;
  StackItem item = { ITEM_COUNTER };
  g_autofree char *number = NULL;

  item.element = g_strdup (element);
  item.style = *style;
  item.color = *color;
  item.gap = gap_before;
  item.value = statistic ? cw_statistic_get_value (statistic) : 0;
  item.decimals = statistic ? cw_statistic_get_decimals (statistic) : 0;
  item.number_style = compact ? CW_NUMBER_COMPACT
                              : (statistic && cw_statistic_is_percent (statistic)) ? CW_NUMBER_PERCENT
                                                                                 : CW_NUMBER_DECIMAL;
  item.prefix = cw_builder_counter_affix (prefix, TRUE);
  item.suffix = cw_builder_counter_affix (suffix, FALSE);
  number = cw_number_format (b->language, item.number_style, item.value, item.decimals);
  item.text = g_strconcat (item.prefix ? item.prefix : "", number, item.suffix ? item.suffix : "", NULL);
  g_array_append_val (stack->items, item);
}

/**
 * cw_stack_add_node:
 * @node: (transfer full): a prepared node (an icon, a rule); its rect gives its size
 * @halign: 0 at the start of the line, 0.5 centered, 1 at the end (mirrored
 *   for right-to-left languages)
 */
void
cw_stack_add_node (CwStack *stack,
                   CwNode  *node,
                   double   gap_before,
                   double   halign)
{
  StackItem item = { ITEM_NODE };

  item.node = node;
  item.gap = gap_before;
  item.halign = stack->builder->scene->rtl ? 1 - halign : halign;
  g_array_append_val (stack->items, item);
}

static double
fit_counter (StackItem      *item,
             CwSceneBuilder *b,
             double          scale,
             double          width)
{
  const char *family = cw_theme_get_font_family (b->theme, item->style.font);
  int weight = cw_theme_get_font_weight (b->theme, item->style.font);
  CwTextExtents extents;
  double per_px;

  /* measured as any text, so a layout after the first finds it measured */
  cw_text_measure (item->text, family, weight, 100, -1, 0, PANGO_ALIGN_LEFT, TRUE, &extents);
  per_px = extents.width / 100;

  /* a number never wraps: it only gets smaller */
  item->size = MIN (item->style.max_size * b->unit * scale, width / MAX (per_px, 0.01));
  {
    g_autofree char *key = size_key (item->element, &item->style);
    item->size = cw_builder_agreed (b, key, item->size);
  }
  item->height = extents.height / 100 * item->size;
  return item->height;
}

/**
 * cw_stack_place:
 * @valign: 0 puts the column at the top of @box, 0.5 centers it, 1 at the bottom
 *
 * Fits every item to the width of @box, shrinking them together until the
 * column fits its height, and adds their nodes to the scene.
 */
void
cw_stack_place (CwStack      *stack,
                const CwRect *box,
                double        valign)
{
  CwSceneBuilder *b = stack->builder;
  double scale = 1;
  double total = 0;
  double y;

  for (guint attempt = 0; attempt < 14; attempt++)
    {
      total = 0;
      for (guint i = 0; i < stack->items->len; i++)
        {
          StackItem *item = &g_array_index (stack->items, StackItem, i);

          if (i > 0)
            total += item->gap * b->unit * scale;

          if (item->kind == ITEM_TEXT)
            {
              CwTextStyle style = item->style;
              CwTextFit fit;

              style.max_size *= scale;
              style.min_size = MIN (style.min_size, style.max_size);
              cw_builder_fit_text (b, item->element, item->text, &style, box->width, 0, &fit);
              item->size = fit.size;
              item->wrap_width = fit.wrap_width;
              item->height = fit.height;
            }
          else if (item->kind == ITEM_COUNTER)
            {
              fit_counter (item, b, scale, box->width);
            }
          else
            {
              item->height = item->node->rect.height * MIN (scale, 1);
            }
          total += item->height;
        }

      if (total <= box->height)
        break;
      scale *= 0.9;
    }

  if (total > box->height + 0.5)
    cw_builder_warn (b, NULL, _("Shorten its texts."), _("The content of slide “%s” does not fit the frame."),
                     cw_slide_get_id (b->slide));

  y = box->y + MAX (0, box->height - total) * valign;

  for (guint i = 0; i < stack->items->len; i++)
    {
      StackItem *item = &g_array_index (stack->items, StackItem, i);
      CwRect rect;
      CwNode *node;

      if (i > 0)
        y += item->gap * b->unit * scale;

      rect = (CwRect) { box->x, y, box->width, item->height };

      switch (item->kind)
        {
        case ITEM_TEXT:
          node = new_text_node (b, CW_NODE_TEXT, item->element, &rect, &item->style, &item->color,
                                item->size);
          node->text = g_strdup (item->text);
          node->wrap_width = item->wrap_width;
          cw_builder_note_reading (b, item->text);
          cw_scene_add_node (b->scene, node);
          break;

        case ITEM_COUNTER:
          node = new_text_node (b, CW_NODE_COUNTER, item->element, &rect, &item->style, &item->color,
                                item->size);
          node->value = item->value;
          node->decimals = item->decimals;
          node->style = item->number_style;
          node->language = g_strdup (b->language);
          node->prefix = g_strdup (item->prefix);
          node->suffix = g_strdup (item->suffix);
          node->text = g_strdup (item->text);
          cw_builder_note_reading (b, item->text);
          cw_scene_add_node (b->scene, node);
          break;

        case ITEM_NODE:
        default:
          node = g_steal_pointer (&item->node);
          {
            double s = item->height / MAX (node->rect.height, 0.001);
            double w = node->rect.width * s;
            node->rect = (CwRect) { box->x + (box->width - w) * item->halign, y, w, item->height };
          }
          cw_scene_add_node (b->scene, node);
          break;
        }

      y += item->height;
    }
}
