/* cw-fonts.c
 *
 * The renderer draws with the fonts a theme names and a fixed fallback
 * list, nothing else: fontconfig left to itself fills a gap with whatever
 * font a machine happens to have (it once drew the minus sign in Noto
 * Serif Gujarati Bold), so a slide, and a golden image, would depend on
 * the machine. Its font maps therefore get their own FcConfig, made of the
 * exact files of those families, and a character none of them has shows
 * as a box, which the renderer reports (cw_fonts_find_missing()).
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
 * recent ones for the whole process, which keeps the number of Pango
 * layouts a slide needs small whatever its templates do, and lets a
 * layout on one thread use what another measured: the exporter lays a
 * deck out once per format and language on worker threads, each in every
 * language of the deck, and the editor's layouts run on whichever worker
 * is free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-fonts.h"

/* What the theme's font lacks comes from these, tried in this order; each
 * script has its own. All are in fonts-noto-core, fonts-noto-ui-core and
 * fonts-noto-mono, which build-aux/install-deps.sh installs, and
 * tests/fonts.conf.in lists them again. Symbols come before the scripts
 * because several script fonts carry a minus sign and arrows of their own
 * design. Where a script has a UI cut, it is the one: its line height is
 * Noto Sans', so a slide keeps its spacing in every language (Noto Sans
 * Arabic's lines are half as tall again, and text fitting would shrink an
 * Arabic headline to make room for them). */
static const char * const fallback_families[] = {
  /* Latin, Greek, Cyrillic */
  CW_FONTS_DEFAULT_FAMILY,
  /* the minus sign, which Debian's Noto Sans lacks, arrows and common
   * math: Noto Sans Mono is Noto Sans' design with the same line height,
   * and has a true bold, where Noto Sans Math has neither */
  "Noto Sans Mono",
  /* other math and symbols */
  "Noto Sans Math",
  "Noto Sans Symbols",
  "Noto Sans Symbols2",
  /* Arabic, Persian, Urdu, Pashto: the sans that matches Noto Sans, then
   * Naskh for what it lacks */
  "Noto Sans Arabic UI",
  "Noto Naskh Arabic UI",
  "Noto Sans Hebrew",
  "Noto Sans Armenian",
  "Noto Sans Georgian",
  "Noto Sans Ethiopic",
  "Noto Sans Devanagari UI",
  "Noto Sans Tamil UI",
  "Noto Sans Sinhala UI",
  "Noto Sans Thai UI",
  "Noto Sans Lao UI",
  "Noto Sans Khmer UI",
  "Noto Sans Myanmar UI",
  NULL
};

/* A font without a bold (Noto Sans Math, or a theme's) is emboldened in
 * bold text, as fontconfig's own 90-synthetic.conf does on a desktop. */
static const char synthetic_bold[] =
  "<?xml version=\"1.0\"?>"
  "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">"
  "<fontconfig>"
  "  <match target=\"font\">"
  "    <test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
  "    <test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
  "    <edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
  "    <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"
  "  </match>"
  "</fontconfig>";

/* Guards the system's fontconfig lookups and the renderer's font set.
 * The set only grows (a theme names a family the first time a text in it
 * is laid out), and each change makes a new FcConfig with a new serial;
 * every thread's font map picks it up on its next layout. */
static GMutex fonts_lock;
static GHashTable *known_families;
static GPtrArray *font_files;
static FcConfig *renderer_config;
/* fallback families with no file on this machine */
static GPtrArray *missing_fallbacks;
/* written with fonts_lock held, read atomically without it */
static int config_serial;
/* font maps made, for tests and benchmarks */
static gint n_font_maps;
/* bumped by cw_fonts_release_fonts(): a map with an older one lets its
 * fonts go the next time its thread uses it */
static gint fonts_generation;

/* fontconfig compares family names ignoring case and blanks */
static char *
family_key (const char *family)
{
  g_autofree char *folded = g_utf8_casefold (family, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    {
      if (*p != ' ')
        g_string_append_c (key, *p);
    }
  return g_string_free (key, FALSE);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files of @family, as the system's fontconfig (FONTCONFIG_FILE in the
 * tests) knows them, sorted so the set does not depend on scanning order.
 * Called with fonts_lock held. */
static GPtrArray *
list_family_files (const char *family)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  FcPattern *pattern;
  FcObjectSet *os;
  FcFontSet *set;

  if (family == NULL || *family == '\0')
    return files;

  pattern = FcPatternCreate ();
  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  os = FcObjectSetBuild (FC_FILE, NULL);
  set = FcFontList (NULL, pattern, os);
  for (int i = 0; set != NULL && i < set->nfont; i++)
    {
      FcChar8 *file;

      if (FcPatternGetString (set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
          !g_ptr_array_find_with_equal_func (files, file, g_str_equal, NULL))
        g_ptr_array_add (files, g_strdup ((const char *) file));
    }
  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (os);
  FcPatternDestroy (pattern);

  g_ptr_array_sort (files, compare_paths);
  return files;
}

/* @installed: (out) (optional): whether @family has files; set only when
 *   it was looked up
 * Returns: whether the renderer's set gained a file. Called with fonts_lock held. */
static gboolean
add_family_locked (const char *family,
                   gboolean   *installed)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) files = NULL;
  gboolean added = FALSE;

  if (family == NULL || *family == '\0')
    return FALSE;
  key = family_key (family);
  if (g_hash_table_contains (known_families, key))
    return FALSE;

  /* remembered even when not installed, so it is looked up once */
  files = list_family_files (family);
  if (installed != NULL)
    *installed = files->len > 0;
  g_hash_table_add (known_families, g_steal_pointer (&key));
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (!g_ptr_array_find_with_equal_func (font_files, file, g_str_equal, NULL))
        {
          g_ptr_array_add (font_files, g_strdup (file));
          added = TRUE;
        }
    }
  return added;
}

static void
rebuild_config_locked (void)
{
  FcConfig *config = FcConfigCreate ();

  /* a constant: it fails only if fontconfig cannot parse its own format */
  if (!FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) synthetic_bold, FcTrue))
    g_warn_if_reached ();
  for (guint i = 0; i < font_files->len; i++)
    FcConfigAppFontAddFile (config, g_ptr_array_index (font_files, i));

  if (renderer_config != NULL)
    FcConfigDestroy (renderer_config);
  renderer_config = config;
  g_atomic_int_inc (&config_serial);
}

static void
ensure_fonts_locked (void)
{
  if (known_families != NULL)
    return;

  known_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  font_files = g_ptr_array_new_with_free_func (g_free);
  missing_fallbacks = g_ptr_array_new ();
  for (guint i = 0; fallback_families[i] != NULL; i++)
    {
      gboolean installed = TRUE;

      add_family_locked (fallback_families[i], &installed);
      if (!installed)
        g_ptr_array_add (missing_fallbacks, (gpointer) fallback_families[i]);
    }
  rebuild_config_locked ();
}

typedef struct
{
  PangoFontMap *map;
  int           serial;
  int           generation;
  /* the families this thread has added to the set */
  GHashTable   *families;
  /* for measuring, on the same map */
  PangoContext *measure_context;
} ThreadFonts;

/* Font maps of threads that have ended, for the next threads to use. Each
 * map has Pango and cairo fonts of its own, and cairo keeps the glyph
 * images of up to 256 released fonts: with a new map for every new thread
 * (an export makes new threads for every sequence) each sequence drew its
 * glyphs into new caches and left the last one's in cairo's. There are
 * never more maps than threads that have used one at the same time. */
static GMutex spare_lock;
static GSList *spare_fonts;

/* A map is still used by one thread at a time: it moves on only when its
 * thread has ended, and the lock orders the two threads' uses of it. */
static void
thread_fonts_release (gpointer data)
{
  g_mutex_lock (&spare_lock);
  spare_fonts = g_slist_prepend (spare_fonts, data);
  g_mutex_unlock (&spare_lock);
}

static ThreadFonts *
thread_fonts_take (void)
{
  ThreadFonts *fonts = NULL;

  g_mutex_lock (&spare_lock);
  if (spare_fonts != NULL)
    {
      fonts = spare_fonts->data;
      spare_fonts = g_slist_delete_link (spare_fonts, spare_fonts);
    }
  g_mutex_unlock (&spare_lock);

  if (fonts == NULL)
    {
      fonts = g_new0 (ThreadFonts, 1);
      fonts->map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
      fonts->families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_atomic_int_inc (&n_font_maps);
    }
  return fonts;
}

/* Lets @fonts' fonts go, and their glyph caches; by the thread that uses
 * the map, or with spare_lock held while no thread does. */
static void
thread_fonts_clear (ThreadFonts *fonts)
{
  fonts->generation = g_atomic_int_get (&fonts_generation);
  /* what is kept with the map holds its fonts too */
  g_object_set_qdata (G_OBJECT (fonts->map), cw_fonts_map_cache_quark (), NULL);
  pango_fc_font_map_cache_clear (PANGO_FC_FONT_MAP (fonts->map));
  /* in case clearing dropped the config too */
  fonts->serial = 0;
}

/* Font maps are not thread-safe, so each thread has its own, as with
 * Pango's default one. */
static GPrivate thread_fonts = G_PRIVATE_INIT (thread_fonts_release);

static gboolean
knows_families (ThreadFonts        *fonts,
                const char * const *families)
{
  for (guint i = 0; families != NULL && families[i] != NULL; i++)
    {
      if (!g_hash_table_contains (fonts->families, families[i]))
        return FALSE;
    }
  return TRUE;
}

/* This thread's font map, with @families (the theme's) added to the set.
 * Every text drawn on every frame passes here, so when nothing changed it
 * returns without taking the lock. */
static PangoFontMap *
get_font_map_with (const char * const *families)
{
  ThreadFonts *fonts = g_private_get (&thread_fonts);
  FcConfig *config = NULL;
  gboolean added = FALSE;
  int serial = 0;

  if (fonts == NULL)
    {
      fonts = thread_fonts_take ();
      g_private_set (&thread_fonts, fonts);
    }

  if (G_UNLIKELY (fonts->generation != g_atomic_int_get (&fonts_generation)))
    thread_fonts_clear (fonts);

  /* serial 0 is a map that never had the renderer's config */
  if (fonts->serial != 0 && fonts->serial == g_atomic_int_get (&config_serial) &&
      knows_families (fonts, families))
    return fonts->map;

  g_mutex_lock (&fonts_lock);
  ensure_fonts_locked ();
  for (guint i = 0; families != NULL && families[i] != NULL; i++)
    {
      added |= add_family_locked (families[i], NULL);
      g_hash_table_add (fonts->families, g_strdup (families[i]));
    }
  if (added)
    rebuild_config_locked ();
  if (fonts->serial != config_serial)
    {
      config = FcConfigReference (renderer_config);
      serial = config_serial;
    }
  g_mutex_unlock (&fonts_lock);

  if (config != NULL)
    {
      /* the map takes its own reference */
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (fonts->map), config);
      FcConfigDestroy (config);
      fonts->serial = serial;
    }

  return fonts->map;
}

/**
 * cw_fonts_get_fallback_families:
 *
 * Returns: (transfer none) (array zero-terminated=1): the families that
 *   draw what a theme's font lacks, in the order they are tried
 */
const char * const *
cw_fonts_get_fallback_families (void)
{
  return fallback_families;
}

/**
 * cw_fonts_list_missing_fallbacks:
 *
 * A machine without the font packages build-aux/install-deps.sh lists
 * draws the scripts they cover as boxes; this names the fonts, so one
 * warning can say what to install.
 *
 * Returns: (transfer full) (array zero-terminated=1): the fallback
 *   families that are not installed, usually none
 */
char **
cw_fonts_list_missing_fallbacks (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **missing;

  g_mutex_lock (&fonts_lock);
  ensure_fonts_locked ();
  for (guint i = 0; i < missing_fallbacks->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (missing_fallbacks, i));
  g_mutex_unlock (&fonts_lock);

  missing = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return missing;
}

/* measurements kept; more are forgotten all at once. A deck's slides are
 * laid out in each of its languages to agree on sizes (cw_renderer_new()),
 * and a table that forgets in between measures everything again: this
 * holds a few languages of a long deck, at a few hundred bytes each. */
#define MAX_MEASUREMENTS 16384

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
  g_autoptr(GPtrArray) files = NULL;

  g_mutex_lock (&fonts_lock);
  files = list_family_files (family);
  g_mutex_unlock (&fonts_lock);

  return files->len > 0;
}

/**
 * cw_fonts_get_font_map:
 *
 * Returns: (transfer none): this thread's font map, which holds the
 *   fallback fonts and every font a theme named so far
 */
PangoFontMap *
cw_fonts_get_font_map (void)
{
  return get_font_map_with (NULL);
}

static void
prepare_context (PangoContext *context)
{
  g_autoptr(cairo_font_options_t) options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
}

/**
 * cw_fonts_create_context:
 *
 * Use this, not pango_cairo_create_context(), to draw text on @cr.
 *
 * Returns: (transfer full): a context for drawing text on @cr with the
 *   renderer's fonts, on this thread
 */
PangoContext *
cw_fonts_create_context (cairo_t *cr)
{
  PangoContext *context = pango_font_map_create_context (cw_fonts_get_font_map ());

  pango_cairo_update_context (cr, context);
  prepare_context (context);
  return context;
}

/**
 * cw_fonts_get_measure_context:
 *
 * Returns: (transfer none): a context for measuring text on this thread
 */
PangoContext *
cw_fonts_get_measure_context (void)
{
  PangoFontMap *map = cw_fonts_get_font_map ();
  /* kept with the map, which may move on to another thread */
  ThreadFonts *fonts = g_private_get (&thread_fonts);

  if (fonts->measure_context == NULL)
    {
      fonts->measure_context = pango_font_map_create_context (map);
      prepare_context (fonts->measure_context);
    }

  return fonts->measure_context;
}

/* "Family, fallback, fallback, …": Pango tries each family in turn for
 * every character, so the order here is the fallback order. */
static char *
family_list (const char * const *families)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; families[i] != NULL; i++)
    g_string_append_printf (list, "%s,", families[i]);
  for (guint i = 0; fallback_families[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", fallback_families[i], fallback_families[i + 1] ? "," : "");
  return g_string_free (list, FALSE);
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

static PangoLayout *
new_layout (PangoContext       *context,
            const char         *text,
            const char * const *families,
            int                 weight,
            double              size)
{
  PangoFontMap *map = get_font_map_with (families);
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();
  g_autofree char *list = family_list (families);

  /* a context from anywhere else would draw with any system font */
  g_warn_if_fail (pango_context_get_font_map (context) == map);

  pango_font_description_set_family (desc, list);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, MAX (size, 1) * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text ? text : "", -1);

  return layout;
}

/**
 * cw_text_layout_new:
 * @context: from cw_fonts_get_measure_context() or cw_fonts_create_context(),
 *   on this thread
 * @family: (nullable): the theme's font; the fallbacks draw what it lacks
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
  const char *families[] = { family ? family : CW_FONTS_DEFAULT_FAMILY, NULL };
  PangoLayout *layout = new_layout (context, text, families, weight, size);

  g_atomic_int_inc (&n_layouts);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_alignment (layout, align);
  if (line_height > 0)
    pango_layout_set_line_spacing (layout, line_height);

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

static GArray *
find_missing (const char         *text,
              const char * const *families)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayoutIter) iter = NULL;
  GArray *missing = NULL;

  layout = new_layout (cw_fonts_get_measure_context (), text, families, 400, 100);
  if (pango_layout_get_unknown_glyphs_count (layout) == 0)
    return NULL;

  missing = g_array_new (FALSE, FALSE, sizeof (gunichar));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      for (int i = 0; run != NULL && i < run->glyphs->num_glyphs; i++)
        {
          PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
          gunichar ch;
          gboolean seen = FALSE;

          /* Pango draws a character no font has as a box holding its code */
          if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG) || glyph == PANGO_GLYPH_INVALID_INPUT)
            continue;
          ch = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
          for (guint j = 0; j < missing->len && !seen; j++)
            seen = g_array_index (missing, gunichar, j) == ch;
          if (!seen)
            g_array_append_val (missing, ch);
        }
    }
  while (pango_layout_iter_next_run (iter));

  return missing;
}

static void
free_missing (gpointer data)
{
  g_hash_table_unref (data);
}

/* a text with nothing missing is remembered as NULL */
static void
unref_missing (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/* what each text lacks, per thread: a deck is checked on every layout, and
 * its texts change one at a time */
static GPrivate missing_cache = G_PRIVATE_INIT (free_missing);

/**
 * cw_fonts_find_missing:
 * @families: (array zero-terminated=1): the theme's fonts
 *
 * Finds the characters of @text that neither @families nor the fallbacks
 * have, which are drawn as boxes. The check is for all of @families at
 * once, so a slide's texts can be checked without knowing which of the
 * theme's fonts each is in.
 *
 * Returns: (transfer full) (nullable) (element-type gunichar): each
 *   missing character once, or %NULL when there is none
 */
GArray *
cw_fonts_find_missing (const char         *text,
                       const char * const *families)
{
  GHashTable *cache = g_private_get (&missing_cache);
  g_autoptr(GString) key = NULL;
  gpointer found = NULL;
  GArray *missing;

  if (text == NULL || *text == '\0')
    return NULL;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_missing);
      g_private_set (&missing_cache, cache);
    }

  key = g_string_new (NULL);
  for (guint i = 0; families != NULL && families[i] != NULL; i++)
    g_string_append_printf (key, "%s\x1f", families[i]);
  g_string_append_c (key, '\x1e');
  g_string_append (key, text);

  if (g_hash_table_lookup_extended (cache, key->str, NULL, &found))
    return found ? g_array_ref (found) : NULL;

  missing = find_missing (text, families);
  if (g_hash_table_size (cache) >= MAX_MEASUREMENTS)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_string_free (g_steal_pointer (&key), FALSE),
                       missing ? g_array_ref (missing) : NULL);
  return missing;
}

static guint
hash_double (double value)
{
  return g_double_hash (&value);
}

/* Returns: a hash of the #CwTextRequest at @request, for a #GHashTable */
guint
cw_text_request_hash (gconstpointer request)
{
  const CwTextRequest *r = request;
  guint hash = g_str_hash (r->text);

  hash = hash * 31 + g_str_hash (r->family);
  hash = hash * 31 + (guint) r->weight;
  hash = hash * 31 + hash_double (r->size);
  hash = hash * 31 + hash_double (r->width);
  hash = hash * 31 + hash_double (r->line_height);
  hash = hash * 31 + (guint) r->align;
  return hash * 31 + (guint) !!r->tabular;
}

/* Returns: whether the #CwTextRequests at @a and @b lay a text out alike */
gboolean
cw_text_request_equal (gconstpointer a,
                       gconstpointer b)
{
  const CwTextRequest *x = a;
  const CwTextRequest *y = b;

  /* sizes compare exactly: what is kept is what Pango gave for them */
  return x->weight == y->weight && x->size == y->size && x->width == y->width &&
         x->line_height == y->line_height && x->align == y->align &&
         !x->tabular == !y->tabular &&
         g_str_equal (x->family, y->family) && g_str_equal (x->text, y->text);
}

/* Sets @copy to @request, with copies of its strings, to keep */
void
cw_text_request_copy (const CwTextRequest *request,
                      CwTextRequest       *copy)
{
  *copy = *request;
  copy->text = g_strdup (request->text);
  copy->family = g_strdup (request->family);
}

/* Frees the strings of a request made by cw_text_request_copy() */
void
cw_text_request_clear (CwTextRequest *request)
{
  g_clear_pointer (&request->text, g_free);
  g_clear_pointer (&request->family, g_free);
}

/* the request first: the table hashes and compares it */
typedef struct
{
  CwTextRequest request;
  CwTextExtents extents;
} Measurement;

static void
measurement_free (gpointer data)
{
  Measurement *m = data;

  cw_text_request_clear (&m->request);
  g_free (m);
}

/* Every thread's measurements. Each thread measures with its own font
 * map, all made from the same FcConfig with the same options, so a
 * measurement holds on every thread; a Pango layout is made outside the
 * lock. A font set that gains a font can change how a text falls back, so
 * the table holds the measurements of one font set (measured_serial). */
static GMutex measure_lock;
static GHashTable *measurements;
static int measured_serial;

/**
 * cw_text_measure:
 * @width: wrap width in pixels, or -1 for one line
 * @tabular: with figures of one width (OpenType tnum)
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
                 gboolean        tabular,
                 CwTextExtents  *extents)
{
  CwTextRequest key = { (char *) (text ? text : ""), (char *) (family ? family : ""),
                        weight, size, width, line_height, align, tabular };
  const Measurement *found;
  Measurement *m;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  int serial = g_atomic_int_get (&config_serial);

  g_mutex_lock (&measure_lock);
  if (measurements == NULL)
    measurements = g_hash_table_new_full (cw_text_request_hash, cw_text_request_equal, measurement_free, NULL);
  if (measured_serial != serial)
    {
      g_hash_table_remove_all (measurements);
      measured_serial = serial;
    }
  found = g_hash_table_lookup (measurements, &key);
  if (found != NULL)
    *extents = found->extents;
  g_mutex_unlock (&measure_lock);
  if (found != NULL)
    return;

  layout = cw_text_layout_new (cw_fonts_get_measure_context (), text, family, weight, size,
                               width, line_height, align, tabular);
  pango_layout_get_extents (layout, NULL, &logical);
  extents->lines = pango_layout_get_line_count (layout);
  extents->width = logical.width / (double) PANGO_SCALE;
  extents->height = logical.height / (double) PANGO_SCALE;

  g_mutex_lock (&measure_lock);
  /* not when the font set changed meanwhile (this layout may have added
   * the theme's font), nor twice when another thread measured it too */
  if (measured_serial == serial && g_atomic_int_get (&config_serial) == serial &&
      !g_hash_table_contains (measurements, &key))
    {
      if (g_hash_table_size (measurements) >= MAX_MEASUREMENTS)
        g_hash_table_remove_all (measurements);
      m = g_new (Measurement, 1);
      cw_text_request_copy (&key, &m->request);
      m->extents = *extents;
      g_hash_table_add (measurements, m);
    }
  g_mutex_unlock (&measure_lock);
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

/**
 * cw_fonts_get_n_font_maps:
 *
 * Returns: how many font maps Clearway has made, on every thread: each
 *   has its own fonts and glyph caches, so what tests count to tell that
 *   the fonts of one piece of work are reused by the next
 */
guint
cw_fonts_get_n_font_maps (void)
{
  return (guint) g_atomic_int_get (&n_font_maps);
}

/**
 * cw_fonts_map_cache_quark:
 *
 * Returns: the key of the data a thread's font map may keep, such as
 *   layouts laid out with it (see cw_fonts_get_font_map()): dropped,
 *   destroy function and all, when the map's fonts are released
 */
GQuark
cw_fonts_map_cache_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cw-font-map-cache");
  return quark;
}

/**
 * cw_fonts_release_fonts:
 *
 * Lets every font map's fonts go: the caller's and those of ended threads
 * at once, each other thread's the next time it draws or measures text;
 * and the glyph images cairo holds for fonts released.
 * Fonts are cached at every size a text was drawn at, and the next piece
 * of work (an export's next sequence, of another size) needs other sizes:
 * kept, they only added to memory. Any thread may call this.
 */
void
cw_fonts_release_fonts (void)
{
  static cairo_font_face_t *blank;
  static gsize blank_once;
  /* sizes never used before, or cairo would hand back its own */
  static gint n_blank;
  g_autoptr(cairo_font_options_t) options = cairo_font_options_create ();
  cairo_matrix_t identity;
  guint first;

  g_atomic_int_inc (&fonts_generation);

  /* the maps of ended threads, waiting for the next, and this thread's let
   * theirs go now rather than when next used: a spare map kept a whole
   * sequence's fonts through the next one's layout */
  g_mutex_lock (&spare_lock);
  for (GSList *l = spare_fonts; l != NULL; l = l->next)
    thread_fonts_clear (l->data);
  g_mutex_unlock (&spare_lock);
  if (g_private_get (&thread_fonts) != NULL)
    thread_fonts_clear (g_private_get (&thread_fonts));

  /* cairo keeps the last 256 fonts released, with their glyph images, in
   * case they are asked for again; a sequence's animations release
   * hundreds, each at its own scale, and none is asked for again. Fonts
   * of a face with no glyphs take their place: each is new and empty,
   * and cairo lets the oldest go as each is released. Without this, an
   * export grew by about a megabyte a sequence until the list was full
   * of glyph-laden fonts. */
  if (g_once_init_enter (&blank_once))
    {
      blank = cairo_user_font_face_create ();
      g_once_init_leave (&blank_once, 1);
    }
  cairo_matrix_init_identity (&identity);
  /* twice the list's length: making a font can release one of cairo's own */
  first = (guint) g_atomic_int_add (&n_blank, 2 * 256);
  for (guint i = 0; i < 2 * 256; i++)
    {
      cairo_matrix_t size;

      cairo_matrix_init_scale (&size, first + i + 1, first + i + 1);
      cairo_scaled_font_destroy (cairo_scaled_font_create (blank, &size, &identity, options));
    }
}
