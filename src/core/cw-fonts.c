/* cw-fonts.c
 *
 * Text is measured when a slide is laid out and drawn on every frame,
 * often on another thread. Both go through cw_text_layout_new() with the
 * same font options (no hinting, unrounded glyph positions), so what was
 * measured is exactly what is drawn, and text that scales or moves in an
 * animation does not wobble.
 *
 * Fitting a text tries many sizes and wrap widths, and templates fit their
 * texts again each time they shrink a slide's content, so the same
 * measurement is asked for over and over. cw_text_measure() remembers the
 * recent ones, per thread, which keeps the number of Pango layouts a slide
 * needs small whatever its templates do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fontconfig/fontconfig.h>

#include "cw-autocleanups.h"
#include "cw-fonts.h"

/* measurements kept per thread; more are forgotten all at once */
#define MAX_MEASUREMENTS 1024

static GMutex fc_lock;
static gint n_layouts;

/**
 * cw_font_family_is_installed:
 *
 * Pango silently substitutes a missing family; callers use this to warn
 * the author instead, naming the font.
 */
gboolean
cw_font_family_is_installed (const char *family)
{
  FcPattern *pattern;
  FcFontSet *set;
  FcObjectSet *os;
  gboolean found;

  if (family == NULL || *family == '\0')
    return FALSE;

  g_mutex_lock (&fc_lock);
  pattern = FcPatternCreate ();
  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  os = FcObjectSetBuild (FC_FAMILY, NULL);
  set = FcFontList (NULL, pattern, os);
  found = set != NULL && set->nfont > 0;
  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (os);
  FcPatternDestroy (pattern);
  g_mutex_unlock (&fc_lock);

  return found;
}

void
cw_fonts_prepare_context (PangoContext *context)
{
  g_autoptr(cairo_font_options_t) options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
}

static void
free_context (gpointer data)
{
  g_object_unref (data);
}

static GPrivate measure_context = G_PRIVATE_INIT (free_context);

/**
 * cw_fonts_get_measure_context:
 *
 * Returns: (transfer none): a context for measuring text on this thread
 */
PangoContext *
cw_fonts_get_measure_context (void)
{
  PangoContext *context = g_private_get (&measure_context);

  if (context == NULL)
    {
      /* the default font map is per thread, so this is thread-safe */
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cw_fonts_prepare_context (context);
      g_private_set (&measure_context, context);
    }

  return context;
}

/* Pango may break a line after a hyphen, and would set "2020-ci ildən" as
 * "2020-" and "ci ildən" or "что-то" as "что-" and "то". Text fitting
 * counts a word from space to space and never breaks one (it shrinks the
 * text instead), so words with a hyphen are kept whole here, where both
 * measuring and drawing pass. Only those: scripts written without spaces
 * (Thai, Chinese) must keep breaking inside their runs. */
static void
keep_hyphenated_words (PangoAttrList *attrs,
                       const char    *text)
{
  const char *p = text;

  if (text == NULL)
    return;

  while (*p)
    {
      const char *start;
      gboolean hyphen = FALSE;

      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          gunichar c = g_utf8_get_char (p);

          hyphen |= c == '-' || c == 0x2010;
          p = g_utf8_next_char (p);
        }
      if (hyphen && p > start)
        {
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = start - text;
          attr->end_index = p - text;
          pango_attr_list_insert (attrs, attr);
        }
    }
}

/**
 * cw_text_layout_new:
 * @size: font size in pixels
 * @width: wrap width in pixels, or -1 for one line
 * @line_height: line spacing as a multiple of the font size (0 for the font's own)
 * @tabular: use digits of equal width, so a counting number does not jitter
 */
PangoLayout *
cw_text_layout_new (PangoContext   *context,
                    const char     *text,
                    const char     *family,
                    int             weight,
                    double          size,
                    double          width,
                    double          line_height,
                    PangoAlignment  align,
                    gboolean        tabular)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  g_atomic_int_inc (&n_layouts);

  pango_font_description_set_family (desc, family ? family : "Noto Sans");
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, MAX (size, 1) * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_alignment (layout, align);
  if (line_height > 0)
    pango_layout_set_line_spacing (layout, line_height);

  pango_layout_set_text (layout, text ? text : "", -1);

  {
    PangoAttrList *attrs = pango_attr_list_new ();

    if (tabular)
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
    keep_hyphenated_words (attrs, text);
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }

  return layout;
}

typedef struct
{
  char           *text;
  char           *family;
  int             weight;
  double          size;
  double          width;
  double          line_height;
  PangoAlignment  align;
  CwTextExtents   extents;
} Measurement;

static void
measurement_free (gpointer data)
{
  Measurement *m = data;

  g_free (m->text);
  g_free (m->family);
  g_free (m);
}

static guint
hash_double (double value)
{
  return g_double_hash (&value);
}

static guint
measurement_hash (gconstpointer key)
{
  const Measurement *m = key;
  guint hash = g_str_hash (m->text);

  hash = hash * 31 + g_str_hash (m->family);
  hash = hash * 31 + (guint) m->weight;
  hash = hash * 31 + hash_double (m->size);
  hash = hash * 31 + hash_double (m->width);
  hash = hash * 31 + hash_double (m->line_height);
  return hash * 31 + (guint) m->align;
}

static gboolean
measurement_equal (gconstpointer a,
                   gconstpointer b)
{
  const Measurement *x = a;
  const Measurement *y = b;

  /* sizes compare exactly: a cached value is the one Pango gave */
  return x->weight == y->weight && x->size == y->size && x->width == y->width &&
         x->line_height == y->line_height && x->align == y->align &&
         g_str_equal (x->family, y->family) && g_str_equal (x->text, y->text);
}

static void
free_measurements (gpointer data)
{
  g_hash_table_unref (data);
}

static GPrivate measurements = G_PRIVATE_INIT (free_measurements);

/**
 * cw_text_measure:
 * @width: wrap width in pixels, or -1 for one line
 * @extents: (out): the size of the laid-out text
 *
 * Measures @text as cw_text_layout_new() lays it out on this thread's
 * measuring context, remembering the answer for the next time the same
 * text is measured the same way.
 */
void
cw_text_measure (const char     *text,
                 const char     *family,
                 int             weight,
                 double          size,
                 double          width,
                 double          line_height,
                 PangoAlignment  align,
                 CwTextExtents  *extents)
{
  GHashTable *cache = g_private_get (&measurements);
  Measurement key = { (char *) (text ? text : ""), (char *) (family ? family : ""),
                      weight, size, width, line_height, align, { 0 } };
  const Measurement *found;
  Measurement *m;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (measurement_hash, measurement_equal, measurement_free, NULL);
      g_private_set (&measurements, cache);
    }

  found = g_hash_table_lookup (cache, &key);
  if (found != NULL)
    {
      *extents = found->extents;
      return;
    }

  layout = cw_text_layout_new (cw_fonts_get_measure_context (), text, family, weight, size,
                               width, line_height, align, FALSE);
  pango_layout_get_extents (layout, NULL, &logical);
  extents->lines = pango_layout_get_line_count (layout);
  extents->width = logical.width / (double) PANGO_SCALE;
  extents->height = logical.height / (double) PANGO_SCALE;

  if (g_hash_table_size (cache) >= MAX_MEASUREMENTS)
    g_hash_table_remove_all (cache);
  m = g_new (Measurement, 1);
  *m = key;
  m->text = g_strdup (key.text);
  m->family = g_strdup (key.family);
  m->extents = *extents;
  g_hash_table_add (cache, m);
}

/**
 * cw_fonts_get_n_layouts:
 *
 * Returns: how many Pango layouts Clearway has made, on every thread (it
 *   wraps around): what tests and benchmarks count to tell that fitting a
 *   text stays cheap
 */
guint
cw_fonts_get_n_layouts (void)
{
  return (guint) g_atomic_int_get (&n_layouts);
}
