/* test-fonts.c: which font draws each character, and what happens when none can
 *
 * tests/fonts.conf.in lets these tests see the renderer's fonts plus two
 * that stand for the rest of a machine: Noto Serif, which a theme may name,
 * and Noto Serif Gujarati, which no theme names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-fonts.h"
#include "cw-test-utils.h"

#define MINUS "\xe2\x88\x92"       /* U+2212 */
#define GUJARATI_KA "\xe0\xaa\x95" /* U+0A95, only in Noto Serif Gujarati here */
#define PRIVATE_USE "\xee\x80\x80" /* U+E000, in no font */

static PangoLayout *
layout_for (const char *text,
            const char *family,
            int         weight)
{
  return cw_text_layout_new (cw_fonts_get_measure_context (), text, family, weight, 40, -1, 0,
                             PANGO_ALIGN_LEFT, FALSE);
}

/* The family of the font that draws the first @ch of the layout's text,
 * or NULL when it is not found. */
static char *
family_drawing (PangoLayout *layout,
                gunichar     ch)
{
  const char *text = pango_layout_get_text (layout);
  const char *at = g_utf8_strchr (text, -1, ch);
  g_autoptr(PangoLayoutIter) iter = NULL;
  int index;

  g_assert_nonnull (at);
  index = at - text;
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL && index >= run->item->offset && index < run->item->offset + run->item->length)
        {
          PangoFontDescription *desc = pango_font_describe (run->item->analysis.font);
          char *family = g_strdup (pango_font_description_get_family (desc));

          pango_font_description_free (desc);
          return family;
        }
    }
  while (pango_layout_iter_next_run (iter));

  return NULL;
}

static void
assert_drawn_by (const char *text,
                 const char *family,
                 int         weight,
                 gunichar    ch,
                 const char *expected)
{
  g_autoptr(PangoLayout) layout = layout_for (text, family, weight);
  g_autofree char *drawing = family_drawing (layout, ch);

  g_test_message ("U+%04X of “%s” in %s %d: %s", ch, text, family, weight, drawing);
  g_assert_cmpstr (drawing, ==, expected);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
}

/* The family and weight of the font that draws the first @ch. */
static void
assert_face (const char *text,
             int         weight,
             gunichar    ch,
             const char *family,
             int         face_weight)
{
  g_autoptr(PangoLayout) layout = layout_for (text, CW_FONTS_DEFAULT_FAMILY, weight);
  const char *at = g_utf8_strchr (text, -1, ch);
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL && at - text >= run->item->offset &&
          at - text < run->item->offset + run->item->length)
        {
          PangoFontDescription *desc = pango_font_describe (run->item->analysis.font);

          g_assert_cmpstr (pango_font_description_get_family (desc), ==, family);
          g_assert_cmpint (pango_font_description_get_weight (desc), ==, face_weight);
          pango_font_description_free (desc);
          return;
        }
    }
  while (pango_layout_iter_next_run (iter));
  g_assert_not_reached ();
}

/* Noto Sans has no minus sign; it comes from the fallback meant for it, in
 * the weight of the digits beside it, never from whatever font a machine
 * happens to have (here, Noto Serif Gujarati Bold had it). */
static void
test_minus (void)
{
  assert_drawn_by ("−60%", "Noto Sans", 700, 0x2212, "Noto Sans Mono");
  assert_drawn_by ("−60%", "Noto Sans", 700, '6', "Noto Sans");
  assert_drawn_by ("7 " MINUS " 4", "Noto Sans", 400, 0x2212, "Noto Sans Mono");
  assert_face ("−60%", 700, 0x2212, "Noto Sans Mono", PANGO_WEIGHT_BOLD);
  assert_face ("−60%", 400, 0x2212, "Noto Sans Mono", PANGO_WEIGHT_NORMAL);
}

/* Neither the minus sign nor another script makes a line taller or
 * shorter than a Latin one: a font with a deeper descent would push a
 * centered number up, and one with taller lines would shrink an Arabic
 * headline to make room for them. */
static void
test_line_height (void)
{
  static const char *texts[] = { "−60%", "الأرض تعود", "ภูมิ", "មីន", "שלום", NULL };
  g_autoptr(PangoLayout) latin = layout_for ("Mines 60%", "Noto Sans", 700);
  PangoRectangle expected;

  pango_layout_get_extents (latin, NULL, &expected);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = layout_for (texts[i], "Noto Sans", 700);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      g_test_message ("“%s”: %d high, Latin %d", texts[i], logical.height, expected.height);
      /* Noto Sans Hebrew's lines are 2 units in 1000 shorter */
      g_assert_cmpfloat_with_epsilon (logical.y, expected.y, expected.height * 0.005);
      g_assert_cmpfloat_with_epsilon (logical.height, expected.height, expected.height * 0.005);
    }
}

/* Each script has its own fallback, whatever the theme's font. */
static void
test_scripts (void)
{
  assert_drawn_by ("Мины", "Noto Sans", 400, 0x041C, "Noto Sans");
  assert_drawn_by ("Ελλάδα", "Noto Sans", 400, 0x0395, "Noto Sans");
  assert_drawn_by ("الأرض", "Noto Sans", 700, 0x0627, "Noto Sans Arabic UI");
  assert_drawn_by ("שלום", "Noto Sans", 400, 0x05E9, "Noto Sans Hebrew");
  assert_drawn_by ("មីន", "Noto Sans", 400, 0x1798, "Noto Sans Khmer UI");
  assert_drawn_by ("A → B", "Noto Sans", 400, 0x2192, "Noto Sans Mono");
  assert_drawn_by ("∑ 9", "Noto Sans", 400, 0x2211, "Noto Sans Math");
  assert_drawn_by ("⚠ Mines", "Noto Sans", 700, 0x26A0, "Noto Sans Symbols2");
}

/* A font the theme names is used; one that is not installed gives way to
 * the first fallback, not to a font fontconfig picks. */
static void
test_theme_font (void)
{
  assert_drawn_by ("Mines " MINUS "60", "Noto Serif", 400, 'M', "Noto Serif");
  assert_drawn_by ("Mines " MINUS "60", "Noto Serif", 400, 0x2212, "Noto Sans Mono");
  assert_drawn_by ("Mines", "Imaginary Grotesk", 700, 'M', "Noto Sans");
}

/* A font no theme names is never drawn with, even when it alone has the
 * character: the character shows as a box. */
static void
test_undeclared_font (void)
{
  g_autoptr(PangoLayout) layout = layout_for (GUJARATI_KA, "Noto Sans", 700);
  g_autofree char *drawing = family_drawing (layout, 0x0A95);

  g_assert_cmpstr (drawing, !=, "Noto Serif Gujarati");
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 1);
}

static gpointer
minus_on_thread (gpointer data)
{
  g_autoptr(PangoLayout) layout = layout_for ("−60%", data, 700);

  return family_drawing (layout, 0x2212);
}

/* The exporter lays text out on its own threads: the same fonts there,
 * including a theme font first named on another thread. */
static void
test_threads (void)
{
  GThread *thread;
  g_autofree char *drawing = NULL;

  thread = g_thread_new ("fonts", minus_on_thread, (gpointer) "Noto Sans");
  drawing = g_thread_join (thread);
  g_assert_cmpstr (drawing, ==, "Noto Sans Mono");
  g_clear_pointer (&drawing, g_free);

  assert_drawn_by ("Mines", "Noto Serif", 400, 'M', "Noto Serif");
  thread = g_thread_new ("fonts", minus_on_thread, (gpointer) "Noto Serif");
  drawing = g_thread_join (thread);
  g_assert_cmpstr (drawing, ==, "Noto Sans Mono");
}

static void
assert_measured_as_laid_out (const char *text,
                             const char *family,
                             double      size,
                             double      width)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  CwTextExtents extents;

  cw_text_measure (text, family, 400, size, width, 1.1, PANGO_ALIGN_CENTER, FALSE, &extents);
  layout = cw_text_layout_new (cw_fonts_get_measure_context (), text, family, 400, size, width, 1.1,
                               PANGO_ALIGN_CENTER, FALSE);
  pango_layout_get_extents (layout, NULL, &logical);
  g_assert_cmpint (extents.lines, ==, pango_layout_get_line_count (layout));
  g_assert_cmpfloat (extents.width, ==, logical.width / (double) PANGO_SCALE);
  g_assert_cmpfloat (extents.height, ==, logical.height / (double) PANGO_SCALE);
}

/* A remembered measurement is never one of another text, size or width:
 * the editor lays out again after every edit, with texts changing. */
static void
test_measure_follows_text (void)
{
  static const char *texts[] = {
    "Mines cleared in the district",
    "Mines cleared in the districts",
    "Mines cleared in the district",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      assert_measured_as_laid_out (texts[i], "Noto Sans", 60, 500);
      assert_measured_as_laid_out (texts[i], "Noto Sans", 60.25, 500);
      assert_measured_as_laid_out (texts[i], "Noto Sans", 60, 420);
      assert_measured_as_laid_out (texts[i], "Noto Sans", 60, -1);
    }
}

static gpointer
renderer_on_thread (gpointer data)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);

  return cw_renderer_new (data, "en", format, 30);
}

/* The exporter lays a deck out on worker threads, once per format and
 * language, and the editor on whichever worker is free: a layout on one
 * thread finds the texts another measured, with the same result. */
static void
test_measured_once_per_process (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) there = g_thread_join (g_thread_new ("layout", renderer_on_thread, deck));
  g_autoptr(CwRenderer) here = NULL;
  guint before = cw_fonts_get_n_layouts ();

  here = cw_renderer_new (deck, "en", format, 30);
  g_assert_cmpuint (cw_fonts_get_n_layouts () - before, ==, 0);
  for (guint i = 0; i < cw_renderer_get_n_slides (here); i++)
    {
      CwScene *a = cw_renderer_get_scene (here, i);
      CwScene *b = cw_renderer_get_scene (there, i);

      g_assert_cmpuint (a->nodes->len, ==, b->nodes->len);
      for (guint j = 0; j < a->nodes->len; j++)
        {
          const CwNode *x = g_ptr_array_index (a->nodes, j);
          const CwNode *y = g_ptr_array_index (b->nodes, j);

          g_assert_cmpfloat (x->font_size, ==, y->font_size);
          g_assert_cmpfloat (x->wrap_width, ==, y->wrap_width);
          g_assert_cmpmem (&x->rect, sizeof x->rect, &y->rect, sizeof y->rect);
        }
    }
}

/* A theme that names a font the renderer did not have can give a
 * character that was a box its glyph: what was measured before no longer
 * holds. In a process of its own, since the font stays in the set. */
static void
test_measure_follows_font_set (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(PangoLayout) box = layout_for (GUJARATI_KA GUJARATI_KA, "Noto Sans", 400);
      g_autoptr(PangoLayout) drawn = NULL;

      /* Noto Serif Gujarati is not in the set: a box */
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (box), ==, 2);
      assert_measured_as_laid_out (GUJARATI_KA GUJARATI_KA, "Noto Sans", 40, -1);

      /* a theme names it; the text is measured again */
      drawn = layout_for ("x", "Noto Serif Gujarati", 400);
      g_clear_object (&drawn);
      drawn = layout_for (GUJARATI_KA GUJARATI_KA, "Noto Sans", 400);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (drawn), ==, 0);
      assert_measured_as_laid_out (GUJARATI_KA GUJARATI_KA, "Noto Sans", 40, -1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The editor measures new texts after every edit for as long as it runs:
 * the measurements kept stay bounded, the oldest forgotten. */
static void
test_measurements_bounded (void)
{
  guint before;
  CwTextExtents extents;

  cw_text_measure ("first of many", "Noto Sans", 400, 30, -1, 0, PANGO_ALIGN_LEFT, FALSE, &extents);
  before = cw_fonts_get_n_layouts ();
  cw_text_measure ("first of many", "Noto Sans", 400, 30, -1, 0, PANGO_ALIGN_LEFT, FALSE, &extents);
  g_assert_cmpuint (cw_fonts_get_n_layouts (), ==, before);

  for (guint i = 0; i < 20000; i++)
    {
      char text[32];

      g_snprintf (text, sizeof text, "text %u", i);
      cw_text_measure (text, "Noto Sans", 400, 30, -1, 0, PANGO_ALIGN_LEFT, FALSE, &extents);
    }
  before = cw_fonts_get_n_layouts ();
  cw_text_measure ("first of many", "Noto Sans", 400, 30, -1, 0, PANGO_ALIGN_LEFT, FALSE, &extents);
  g_assert_cmpuint (cw_fonts_get_n_layouts (), ==, before + 1);
}

static gpointer
draw_text_on_thread (gpointer data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 80);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = cw_fonts_create_context (cr);
  PangoLayout *layout = cw_text_layout_new (context, data, "Noto Sans", 700, 40, -1, 0,
                                            PANGO_ALIGN_LEFT, TRUE);

  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return NULL;
}

/* An export draws each sequence on threads of its own. A font map made
 * for every one of them brought its own fonts and glyph caches, and an
 * export of a format × language matrix grew by a megabyte a sequence:
 * a thread that ends hands its map to the next. */
static void
test_maps_reused (void)
{
  guint before;

  g_thread_join (g_thread_new ("first", draw_text_on_thread, (gpointer) "12 345"));
  before = cw_fonts_get_n_font_maps ();
  for (guint i = 0; i < 4; i++)
    g_thread_join (g_thread_new ("next", draw_text_on_thread, (gpointer) "67 890"));
  g_assert_cmpuint (cw_fonts_get_n_font_maps (), ==, before);
}

/* Fonts are cached at every size drawn, and the next sequence of an
 * export, of another size, needs other sizes: between sequences the
 * exporter lets them go, and a font the last one used is freed. */
static void
test_fonts_released (void)
{
  PangoFontDescription *desc = pango_font_description_from_string ("Noto Sans 37.25");
  PangoFont *font = pango_font_map_load_font (cw_fonts_get_font_map (),
                                              cw_fonts_get_measure_context (), desc);

  pango_font_description_free (desc);
  g_assert_nonnull (font);
  g_object_add_weak_pointer (G_OBJECT (font), (gpointer *) &font);
  g_object_unref (font);
  /* the map keeps what it loaded, for the next text in that size */
  g_assert_nonnull (font);

  cw_fonts_release_fonts ();
  /* each thread lets go when it next uses its map */
  cw_fonts_get_font_map ();
  g_assert_null (font);
}

static PangoFont *thread_font;

static gpointer
load_font_on_thread (gpointer data)
{
  PangoFontDescription *desc = pango_font_description_from_string (data);

  thread_font = pango_font_map_load_font (cw_fonts_get_font_map (), cw_fonts_get_measure_context (), desc);
  pango_font_description_free (desc);
  g_assert_nonnull (thread_font);
  g_object_add_weak_pointer (G_OBJECT (thread_font), (gpointer *) &thread_font);
  g_object_unref (thread_font);
  return NULL;
}

/* The maps of an export's worker threads wait, once the threads end, for
 * the next sequence's: the fonts and glyphs in them must go when the
 * exporter lets fonts go, not only when a thread next draws, or the next
 * sequence's layout and first frames had the last one's on top. */
static void
test_spare_fonts_released (void)
{
  g_thread_join (g_thread_new ("worker", load_font_on_thread, (gpointer) "Noto Sans 41.75"));
  /* kept for the next thread, in the map of the one that ended */
  g_assert_nonnull (thread_font);

  cw_fonts_release_fonts ();
  g_assert_null (thread_font);
}

static void
note_freed (void *data)
{
  *(gboolean *) data = TRUE;
}

static gpointer
keep_with_map_on_thread (gpointer data)
{
  g_object_set_qdata_full (G_OBJECT (cw_fonts_get_font_map ()), cw_fonts_map_cache_quark (), data, note_freed);
  return NULL;
}

/* What is kept with a thread's font map (the layouts of moving text, laid
 * out once for many frames) holds the map's fonts: it goes when the fonts
 * are let go, this thread's and an ended worker's waiting for the next,
 * or a sequence's fonts stayed through the next one. */
static void
test_map_cache_released (void)
{
  gboolean here = FALSE;
  gboolean worker = FALSE;

  keep_with_map_on_thread (&here);
  g_thread_join (g_thread_new ("worker", keep_with_map_on_thread, &worker));
  g_assert_false (here);
  g_assert_false (worker);

  cw_fonts_release_fonts ();
  g_assert_true (here);
  g_assert_true (worker);
}

/* Text that scales in an animation is drawn with a new cairo font at
 * every scale, and cairo kept the last 256 released, glyph images and
 * all, though none would be drawn at that scale again: an export grew by
 * a megabyte a sequence until the list was full. */
static void
test_released_glyphs_go (void)
{
  static cairo_user_data_key_t key;
  cairo_font_face_t *face = cairo_toy_font_face_create ("Noto Sans", CAIRO_FONT_SLANT_NORMAL,
                                                        CAIRO_FONT_WEIGHT_NORMAL);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_scaled_font_t *font;
  cairo_matrix_t size, identity;
  cairo_text_extents_t extents;
  gboolean freed = FALSE;

  cairo_matrix_init_scale (&size, 41.7, 41.7);
  cairo_matrix_init_identity (&identity);
  font = cairo_scaled_font_create (face, &size, &identity, options);
  cairo_scaled_font_set_user_data (font, &key, &freed, note_freed);
  cairo_scaled_font_text_extents (font, "12 345", &extents);
  cairo_scaled_font_destroy (font);
  cairo_font_options_destroy (options);
  cairo_font_face_destroy (face);
  /* released, but cairo holds it */
  g_assert_false (freed);

  cw_fonts_release_fonts ();
  g_assert_true (freed);
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *slide,
             const char *code)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = ((CwDiagnostic *) g_ptr_array_index (warnings, i))->message;

      g_test_message ("warning: %s", warning);
      if (strstr (warning, slide) != NULL && strstr (warning, code) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A character none of the fonts has is a warning naming the slide and the
 * character, so the author can replace it before it ships as a box. */
static void
test_missing_glyph_warning (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <slides>",
    "    <slide id=\"fine\" template=\"title\">",
    "      <text name=\"headline\">Mines " MINUS "60%</text>",
    "    </slide>",
    "    <slide id=\"boxes\" template=\"title\">",
    "      <text name=\"headline\">Call " PRIVATE_USE " now " PRIVATE_USE "\xee\x80\x81</text>",
    "      <text name=\"subline\">" GUJARATI_KA "</text>",
    "    </slide>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  GPtrArray *warnings;

  g_assert_no_error (error);
  renderer = cw_renderer_new (deck, NULL, format, 25);
  warnings = cw_renderer_get_warnings (renderer);
  /* one warning a text, each character once */
  g_assert_true (has_warning (warnings, "“boxes”", "U+E000, U+E001 in"));
  g_assert_true (has_warning (warnings, "“boxes”", "U+0A95"));
  g_assert_false (has_warning (warnings, "“fine”", "U+"));
  g_assert_false (has_warning (warnings, "", "U+2212"));
}

/* Marks that are never drawn (direction marks, which numbers in Arabic
 * carry) and the spaces numbers use are not missing glyphs: the decks
 * the tests use render in each of their languages without the warning. */
static void
test_no_false_warnings (void)
{
  /* French groups digits with U+202F, Arabic writes its own digits and
   * marks a number's direction */
  static const struct {
    const char *deck;
    const char *languages[2];
  } cases[] = {
    { "gallery.clearway", { "fr", "ar" } },
    { "templates.clearway", { "az", NULL } },
    { "rtl.clearway", { "ar", NULL } },
  };
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CwDeck) deck = cw_test_load_deck_file (cases[i].deck);

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].languages) && cases[i].languages[j]; j++)
        {
          g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, cases[i].languages[j], format, 25);

          g_test_message ("%s in %s", cases[i].deck, cases[i].languages[j]);
          g_assert_false (has_warning (cw_renderer_get_warnings (renderer), "", "U+"));
        }
    }

  {
    static const char *lines[] = {
      "<?xml version=\"1.0\"?>",
      "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
      "  <meta><title>T</title><language>en</language></meta>",
      "  <slides>",
      "    <slide id=\"marks\" template=\"title\">",
      /* LRM, ALM, zero-width joiner, no-break and narrow no-break spaces */
      "      <text name=\"headline\">\xe2\x80\x8e" "60\xc2\xa0%\xd8\x9c \xe2\x80\x8d" "1\xe2\x80\xaf" "000</text>",
      "    </slide>",
      "  </slides>",
      "</deck>",
      NULL
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
    g_autoptr(CwRenderer) renderer = NULL;

    g_assert_no_error (error);
    renderer = cw_renderer_new (deck, NULL, format, 25);
    g_assert_false (has_warning (cw_renderer_get_warnings (renderer), "", "U+"));
  }
}

/* Without the font packages, one warning says which fonts to install,
 * rather than one for every text of every slide. */
static void
test_fonts_not_installed (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *conf = g_build_filename (dir, "fonts.conf", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                          "<fontconfig><cachedir>%s</cachedir></fontconfig>\n", cache);
  g_autofree char *deck = g_test_build_filename (G_TEST_DIST, "decks", "templates.clearway", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint fonts = 0;

  g_assert_true (g_file_set_contents (conf, xml, -1, &error));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "FONTCONFIG_FILE", conf, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CLEARWAY_CLI"), "validate", deck, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strstr (lines[i], "none of the fonts has"));
      if (strstr (lines[i], "not installed") != NULL && strstr (lines[i], "Noto Sans Mono") != NULL &&
          strstr (lines[i], "fonts-noto-core") != NULL)
        fonts++;
    }
  g_assert_cmpuint (fonts, ==, 1);
  cw_test_remove_tree (dir);
}

/* Every fallback is installed by build-aux/install-deps.sh and seen by the
 * tests' fontconfig; a missing one would turn its script into boxes. */
static void
test_fallbacks_installed (void)
{
  const char * const *families = cw_fonts_get_fallback_families ();

  g_assert_nonnull (families[0]);
  g_assert_cmpstr (families[0], ==, CW_FONTS_DEFAULT_FAMILY);
  for (guint i = 0; families[i] != NULL; i++)
    {
      if (!cw_font_family_is_installed (families[i]))
        g_error ("the fallback font “%s” is not installed", families[i]);
    }
}

/* Each built-in theme names a font for every role, and it is one the
 * renderer has, so no theme falls back to a font it did not choose. */
static void
test_builtin_themes (void)
{
  const char * const *names = cw_theme_list_builtin ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CwTheme) theme = cw_theme_new (names[i]);

      for (guint role = 0; role < CW_N_FONT_ROLES; role++)
        {
          const char *family = cw_theme_get_font_family (theme, role);

          g_test_message ("%s %s: %s %d", names[i], cw_font_role_to_string (role), family,
                          cw_theme_get_font_weight (theme, role));
          g_assert_true (cw_font_family_is_installed (family));
          g_assert_cmpint (cw_theme_get_font_weight (theme, role), >=, 100);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/fonts/minus", test_minus);
  g_test_add_func ("/cw/fonts/line-height", test_line_height);
  g_test_add_func ("/cw/fonts/scripts", test_scripts);
  g_test_add_func ("/cw/fonts/theme-font", test_theme_font);
  g_test_add_func ("/cw/fonts/undeclared-font", test_undeclared_font);
  g_test_add_func ("/cw/fonts/threads", test_threads);
  g_test_add_func ("/cw/fonts/missing-glyph-warning", test_missing_glyph_warning);
  g_test_add_func ("/cw/fonts/no-false-warnings", test_no_false_warnings);
  g_test_add_func ("/cw/fonts/fallbacks-installed", test_fallbacks_installed);
  g_test_add_func ("/cw/fonts/fonts-not-installed", test_fonts_not_installed);
  g_test_add_func ("/cw/fonts/builtin-themes", test_builtin_themes);
  g_test_add_func ("/cw/fonts/measure-follows-text", test_measure_follows_text);
  g_test_add_func ("/cw/fonts/measured-once-per-process", test_measured_once_per_process);
  g_test_add_func ("/cw/fonts/measure-follows-font-set", test_measure_follows_font_set);
  g_test_add_func ("/cw/fonts/measurements-bounded", test_measurements_bounded);
  g_test_add_func ("/cw/fonts/maps-reused", test_maps_reused);
  g_test_add_func ("/cw/fonts/fonts-released", test_fonts_released);
  g_test_add_func ("/cw/fonts/spare-fonts-released", test_spare_fonts_released);
  g_test_add_func ("/cw/fonts/released-glyphs-go", test_released_glyphs_go);
  g_test_add_func ("/cw/fonts/map-cache-released", test_map_cache_released);

  return g_test_run ();
}
