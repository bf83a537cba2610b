/* test-design.c: what a designer notices in a deck's clips: one type scale
 * in every language, content balanced in the safe area, bars that use
 * their width, quotes in each language's marks, no target behind figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-fonts.h"
#include "cw-test-utils.h"

static CwDeck *sample;

static const char *formats[] = {
  "tiktok", "reels", "shorts", "facebook", "portrait", "square", "landscape",
};

static const char *languages[] = { "en", "az", "ru" };

static gboolean
is_text (const CwNode *node)
{
  return node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER;
}

/* "slide/element/weight/n": the n-th text of an element in one weight,
 * which is the same text in every language of a deck. */
static GHashTable *
text_sizes (CwRenderer *renderer)
{
  GHashTable *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, s);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, i);
          g_autofree char *base = NULL;
          guint n;
          double *size;

          if (!is_text (node) || node->element == NULL)
            continue;
          base = g_strdup_printf ("%s/%s/%d", cw_renderer_get_slide_id (renderer, s), node->element,
                                  node->font_weight);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, base));
          g_hash_table_insert (seen, g_strdup (base), GUINT_TO_POINTER (n + 1));
          size = g_new (double, 1);
          *size = node->font_size;
          g_hash_table_insert (sizes, g_strdup_printf ("%s/%u", base, n), size);
        }
    }
  return sizes;
}

/* The same role has one size in en, az and ru, in every format: the three
 * clips of the sample look like one campaign. */
static void
test_role_sizes_agree (void)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (formats[f], NULL);
      g_autoptr(GHashTable) reference = NULL;

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, languages[l], format, 30);
          g_autoptr(GHashTable) sizes = text_sizes (renderer);
          GHashTableIter iter;
          gpointer key, value;

          if (reference == NULL)
            {
              reference = g_steal_pointer (&sizes);
              continue;
            }
          g_hash_table_iter_init (&iter, reference);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              double *other = g_hash_table_lookup (sizes, key);

              if (other != NULL && fabs (*other - *(double *) value) > 0.5)
                g_string_append_printf (failures, "%s, %s: %.1f px in en, %.1f px in %s\n", formats[f],
                                        (char *) key, *(double *) value, *other, languages[l]);
            }
        }
    }
  if (failures->len > 0)
    g_error ("a role changes size with the language:\n%s", failures->str);
}

static const CwNode *
find_node (CwScene    *scene,
           const char *element)
{
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (g_strcmp0 (node->element, element) == 0)
        return node;
    }
  return NULL;
}

static guint
find_slide (CwRenderer *renderer,
            const char *id)
{
  for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
    if (g_strcmp0 (cw_renderer_get_slide_id (renderer, s), id) == 0)
      return s;
  g_error ("no slide %s", id);
  return 0;
}

/* A pictogram has one shape in every language: the same symbols per row
 * and the same size, so the grid is the same box. */
static void
test_pictogram_shape_agrees (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (formats[f], NULL);
      CwRect first = { 0 };

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, languages[l], format, 30);
          CwScene *scene = cw_renderer_get_scene (renderer, find_slide (renderer, "victims"));
          const CwNode *icons = find_node (scene, "icons");

          g_assert_nonnull (icons);
          if (l == 0)
            {
              first = icons->rect;
              continue;
            }
          if (fabs (icons->rect.width - first.width) > 1 || fabs (icons->rect.height - first.height) > 1)
            g_error ("%s: the pictogram is %.0f×%.0f in en and %.0f×%.0f in %s", formats[f], first.width,
                     first.height, icons->rect.width, icons->rect.height, languages[l]);
        }
    }
}

/* On 9:16, where the platform's bar covers the bottom, every slide's
 * content sits in the middle of the safe area, not crowded to its top. */
/* How far the content's middle (all but the source line) sits from the
 * middle of the safe area, in pixels. */
static double
content_off_centre (CwScene        *scene,
                    const CwFormat *format)
{
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      /* the source line sits at the foot of the safe area, apart from the content */
      if (node->element == NULL || g_str_equal (node->element, "source"))
        continue;
      top = MIN (top, node->rect.y);
      bottom = MAX (bottom, node->rect.y + node->rect.height);
    }
  return (top + bottom) / 2 - (format->safe.y + format->safe.height / 2);
}

static void
test_content_balanced (void)
{
  const char *tall[] = { "tiktok", "reels", "shorts" };
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint f = 0; f < G_N_ELEMENTS (tall); f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (tall[f], NULL);
      g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, "en", format, 30);

      for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
        {
          double off = content_off_centre (cw_renderer_get_scene (renderer, s), format);

          /* within 4 % of the safe area's height of its middle */
          if (fabs (off) > format->safe.height * 0.04)
            g_string_append_printf (failures, "%s, slide %s: content %.0f px off the safe area's middle\n",
                                    tall[f], cw_renderer_get_slide_id (renderer, s), off);
        }
    }
  if (failures->len > 0)
    g_error ("content is not balanced in the safe area:\n%s", failures->str);
}

static const char line_deck[] =
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta><title>Line</title><language>en</language></meta>\n"
  "  <statistics>\n"
  "    <statistic id=\"cleared\" unit=\"hectares\" as-of=\"2024\" source=\"Test\">\n"
  "      <point label=\"2021\" value=\"0\"/>\n"
  "      <point label=\"2022\" value=\"40\"/>\n"
  "      <point label=\"2023\" value=\"70\"/>\n"
  "      <point label=\"2024\" value=\"100\"/>\n"
  "    </statistic>\n"
  "  </statistics>\n"
  "  <slides>\n"
  "    <slide id=\"line\" template=\"line-chart\">\n"
  "      <field name=\"statistic\" value=\"cleared\"/>\n"
  "      <field name=\"area\" value=\"false\"/>\n"
  "      <text name=\"title\">Land cleared</text>\n"
  "    </slide>\n"
  "  </slides>\n"
  "</deck>\n";

/* The line chart sits in the middle of a tall safe area like the other
 * slides, and its line is drawn where its content moved to: the end dot
 * of the last (highest) point is in the line's colour. */
static void
test_line_chart_balanced (void)
{
  const char *tall[] = { "tiktok", "reels", "shorts" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_string (line_deck, &error);

  g_assert_no_error (error);
  for (guint f = 0; f < G_N_ELEMENTS (tall); f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (tall[f], NULL);
      g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
      CwScene *scene = cw_renderer_get_scene (renderer, 0);
      const CwNode *line = find_node (scene, "line");
      g_autoptr(cairo_surface_t) frame = NULL;
      double off = content_off_centre (scene, format);
      int x, y, stride;
      const guint8 *px;

      if (fabs (off) > format->safe.height * 0.04)
        g_error ("%s: the line chart is %.0f px off the safe area's middle", tall[f], off);

      /* values 0 to 100 on a scale that runs 12 % past the highest */
      frame = cw_renderer_render_frame (renderer, cw_renderer_get_n_frames (renderer) - 1);
      x = (int) round (line->rect.x + line->rect.width - 2);
      y = (int) round (line->rect.y + line->rect.height * 12 / 112.0);
      cairo_surface_flush (frame);
      stride = cairo_image_surface_get_stride (frame);
      px = cairo_image_surface_get_data (frame) + y * stride + x * 4;
      /* ARGB32, native endian, opaque */
      g_assert_cmpfloat (fabs (px[2] / 255.0 - line->color.red), <, 0.08);
      g_assert_cmpfloat (fabs (px[1] / 255.0 - line->color.green), <, 0.08);
      g_assert_cmpfloat (fabs (px[0] / 255.0 - line->color.blue), <, 0.08);
    }
}

/* The safety card is set in the deck's type scale: its title is a
 * label and its steps are body text, in the scale's proportion (the
 * card scales them together when it is short of room), so the card reads
 * as part of the same clip; and the hotline stays its largest text. */
static void
test_safety_type_scale (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(CwFormat) format = cw_format_lookup (formats[f], NULL);
        g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, languages[l], format, 30);
        CwScene *scene = cw_renderer_get_scene (renderer, find_slide (renderer, "stay-safe"));
        const CwNode *title = find_node (scene, "title");
        const CwNode *step = NULL;
        double hotline = 0;

        for (guint i = 0; i < scene->nodes->len; i++)
          {
            const CwNode *node = g_ptr_array_index (scene->nodes, i);

            if (g_strcmp0 (node->element, "hotline") == 0 && is_text (node))
              hotline = MAX (hotline, node->font_size);
            /* the step's text, not its badge */
            if (g_strcmp0 (node->element, "step1") == 0 && is_text (node))
              step = node;
          }
        g_assert_nonnull (step);
        g_test_message ("%s %s: title %.1f, step %.1f, hotline %.1f", formats[f], languages[l],
                        title->font_size, step->font_size, hotline);
        /* body 54 to label 66 */
        g_assert_cmpfloat_with_epsilon (step->font_size / title->font_size, 54 / 66.0, 0.02);
        g_assert_cmpfloat (hotline, >, title->font_size);
      }
}

static const CwNode *
text_node (CwScene    *scene,
           const char *element,
           guint      *lines)
{
  const CwNode *node = find_node (scene, element);
  g_autoptr(PangoLayout) layout = NULL;

  g_assert_nonnull (node);
  layout = cw_text_layout_new (cw_fonts_get_measure_context (), node->text, node->font_family,
                               node->font_weight, node->font_size, node->wrap_width,
                               node->line_height, node->align, FALSE);
  *lines = pango_layout_get_line_count (layout);
  return node;
}

/* A label a little too long for one line takes two at its role's size,
 * rather than one line in smaller type. */
static void
test_wrap_before_shrink (void)
{
  const char *long_label = "hectares of pasture cleared";
  g_autoptr(CwDeck) deck = cw_deck_copy (sample);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) short_renderer = NULL;
  g_autoptr(CwRenderer) long_renderer = NULL;
  CwSlide *slide = cw_deck_find_slide (deck, "land");
  const CwNode *short_node, *long_node;
  CwTextExtents one_line;
  guint short_lines, long_lines;

  /* the catalogs do not translate the new labels, so every language shows
   * the same text and only its own length decides */
  cw_slide_set_text (slide, "label", "hectares");
  cw_slide_set_text_plural (slide, "label", NULL);
  short_renderer = cw_renderer_new (deck, "en", format, 30);
  short_node = text_node (cw_renderer_get_scene (short_renderer, find_slide (short_renderer, "land")),
                          "label", &short_lines);
  g_assert_cmpuint (short_lines, ==, 1);

  /* the long label needs a little more than the width at the role's size */
  cw_text_measure (long_label, short_node->font_family, short_node->font_weight, short_node->font_size,
                   -1, 0, PANGO_ALIGN_LEFT, FALSE, &one_line);
  g_assert_cmpfloat (one_line.width, >, format->safe.width);
  g_assert_cmpfloat (one_line.width, <, format->safe.width * 1.15);

  cw_slide_set_text (slide, "label", long_label);
  long_renderer = cw_renderer_new (deck, "en", format, 30);
  long_node = text_node (cw_renderer_get_scene (long_renderer, find_slide (long_renderer, "land")),
                         "label", &long_lines);
  g_assert_cmpuint (long_lines, ==, 2);
  g_assert_cmpfloat_with_epsilon (long_node->font_size, short_node->font_size, 0.5);
}

static const char bars_deck[] =
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta><title>Bars</title><language>en</language></meta>\n"
  "  <statistics>\n"
  "    <statistic id=\"found\" unit=\"items\" as-of=\"2024\" source=\"Test\">\n"
  "      <point label=\"Unexploded ordnance\" value=\"100000\"/>\n"
  "      <point label=\"Anti-tank mines\" value=\"40000\"/>\n"
  "      <point label=\"Booby traps\" value=\"30\"/>\n"
  "    </statistic>\n"
  "  </statistics>\n"
  "  <slides>\n"
  "    <slide id=\"bars\" template=\"bar-chart\">\n"
  "      <field name=\"statistic\" value=\"found\"/>\n"
  "      <text name=\"title\">What deminers found</text>\n"
  "    </slide>\n"
  "  </slides>\n"
  "</deck>\n";

/* The longest bar spans the width the chart has; the smallest still shows
 * as a bar with square ends, not a dot or a pill. */
static void
test_bars_use_width (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_string (bars_deck, &error);

  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (formats[f], NULL);
      g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
      CwScene *scene = cw_renderer_get_scene (renderer, 0);
      double unit = MIN (format->width, format->height) / 1080.0;
      double longest = 0, shortest = G_MAXDOUBLE, title_size = 0, value_size = 0;
      guint n_bars = 0;

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, i);

          if (g_strcmp0 (node->element, "bars") == 0 && node->kind == CW_NODE_BOX)
            {
              longest = MAX (longest, node->rect.width);
              shortest = MIN (shortest, node->rect.width);
              g_assert_cmpfloat (node->radius, ==, 0);
              n_bars++;
            }
          if (g_strcmp0 (node->element, "title") == 0)
            title_size = node->font_size;
          if (g_strcmp0 (node->element, "values") == 0)
            value_size = MAX (value_size, node->font_size);
        }
      g_assert_cmpuint (n_bars, ==, 3);
      if (longest < format->safe.width * 0.85)
        g_error ("%s: the longest bar is %.0f px of the %.0f px the chart has", formats[f], longest,
                 format->safe.width);
      g_assert_cmpfloat (shortest, >=, 12 * unit);
      /* values are set smaller than the title */
      g_assert_cmpfloat (value_size, <, title_size * 0.8);
    }
}

static const char quote_deck[] =
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta><title>Quote</title><language>en</language></meta>\n"
  "  <slides>\n"
  "    <slide id=\"quote\" template=\"quote\">\n"
  "      <text name=\"quote\">\"We plough again the fields my father could not walk on.\"</text>\n"
  "      <text name=\"name\">A farmer</text>\n"
  "    </slide>\n"
  "  </slides>\n"
  "</deck>\n";

/* A quote is set between its language's own marks, once. */
static void
test_quote_marks (void)
{
  static const struct { const char *language, *open, *close; } cases[] = {
    { "en", "\u201c", "\u201d" },
    { "ru", "\u00ab", "\u00bb" },
    { "de", "\u201e", "\u201c" },
    { "fr", "\u00ab", "\u00bb" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_string (quote_deck, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, cases[i].language, format, 30);
      const CwNode *node = find_node (cw_renderer_get_scene (renderer, 0), "quote");
      g_autofree char *expected = g_strconcat (cases[i].open, "We plough again the fields my father could not walk on.",
                                               cases[i].close, NULL);

      g_assert_nonnull (node);
      g_assert_cmpstr (node->text, ==, expected);
    }
}

/* Luminance of the pixel at (x, y) of an RGB24 surface. */
static double
luminance (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + x * 4);

  return 0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff) + 0.0722 * (pixel & 0xff);
}

/* How far the texture is from rings round (cx, cy): along each circle
 * round a target, the texture is the same; across circles it changes.
 * The smaller the ratio, the more the texture reads as a bullseye. */
static double
ring_likeness (cairo_surface_t *texture,
               double           cx,
               double           cy)
{
  int w = cairo_image_surface_get_width (texture);
  int h = cairo_image_surface_get_height (texture);
  double along = 0, across = 0, grand = 0;
  double means[64];
  guint n_radii = 0;

  for (double r = 24; r < MIN (w, h) * 0.45 && n_radii < G_N_ELEMENTS (means); r += 5)
    {
      double sum = 0, sum2 = 0;
      guint n = 0;

      for (guint k = 0; k < 120; k++)
        {
          double a = k * 2 * G_PI / 120;
          int x = (int) lround (cx + r * cos (a));
          int y = (int) lround (cy + r * sin (a));
          double v;

          if (x < 0 || y < 0 || x >= w || y >= h)
            continue;
          v = luminance (texture, x, y);
          sum += v;
          sum2 += v * v;
          n++;
        }
      if (n < 60)
        continue;
      means[n_radii++] = sum / n;
      along += sum2 / n - (sum / n) * (sum / n);
    }
  if (n_radii < 8)
    return G_MAXDOUBLE;
  along /= n_radii;
  for (guint i = 0; i < n_radii; i++)
    grand += means[i] / n_radii;
  for (guint i = 0; i < n_radii; i++)
    across += (means[i] - grand) * (means[i] - grand) / n_radii;
  return along / MAX (across, 1e-9);
}

/* Behind the big number there is no target: the background's texture
 * (what the slide draws over its gradient before any content) has no
 * centre round which it forms rings. */
static void
test_no_bullseye (void)
{
  g_autoptr(CwFormat) full = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwFormat) format = cw_format_scaled (full, 540);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, "en", format, 30);
  CwScene *scene = cw_renderer_get_scene (renderer, find_slide (renderer, "land"));
  g_autoptr(cairo_surface_t) plain = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width, format->height);
  g_autoptr(cairo_surface_t) textured = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width, format->height);
  g_autoptr(cairo_surface_t) texture = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width, format->height);
  double best = G_MAXDOUBLE;

  {
    g_autoptr(cairo_t) cr = cairo_create (plain);
    cw_scene_draw_background (scene, cr);
  }
  {
    g_autoptr(cairo_t) cr = cairo_create (textured);
    cw_scene_draw_background (scene, cr);
    cw_scene_draw_nodes (scene, cr, 0, scene->n_fixed, 0);
  }
  /* the texture alone: what the slide adds to its gradient, amplified */
  {
    g_autoptr(cairo_t) cr = cairo_create (texture);
    cairo_set_source_surface (cr, textured, 0, 0);
    cairo_paint (cr);
    cairo_set_operator (cr, CAIRO_OPERATOR_DIFFERENCE);
    cairo_set_source_surface (cr, plain, 0, 0);
    cairo_paint (cr);
  }
  cairo_surface_flush (texture);

  for (int y = 0; y < format->height; y += 12)
    for (int x = 0; x < format->width; x += 12)
      best = MIN (best, ring_likeness (texture, x, y));

  /* rings give well under 0.5: the texture along a circle varies far less than across circles */
  if (best < 1.0)
    g_error ("the background forms rings round a centre (%.2f)", best);
}

/* A deck sets its alignment and texture in its theme, and keeps them
 * when saved; each built-in theme has its own texture, none of them a target. */
static void
test_theme_settings (void)
{
  static const char deck_xml[] =
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
    "  <meta><title>Theme</title><language>en</language></meta>\n"
    "  <theme base=\"night\" align=\"start\" texture=\"grain\"/>\n"
    "  <slides><slide id=\"t\" template=\"title\"/></slides>\n"
    "</deck>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_string (deck_xml, &error);
  g_autoptr(CwDeck) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CwTheme) sand = cw_theme_new ("sand");
  g_autoptr(CwTheme) night = cw_theme_new ("night");

  g_assert_no_error (error);
  g_assert_cmpint (cw_theme_get_align (cw_deck_get_theme (deck)), ==, CW_ALIGN_START);
  g_assert_cmpint (cw_theme_get_texture (cw_deck_get_theme (deck)), ==, CW_TEXTURE_GRAIN);

  bytes = cw_deck_save_to_bytes (deck);
  again = cw_deck_load_bytes (bytes, "again.clearway", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cw_theme_get_align (cw_deck_get_theme (again)), ==, CW_ALIGN_START);
  g_assert_cmpint (cw_theme_get_texture (cw_deck_get_theme (again)), ==, CW_TEXTURE_GRAIN);

  g_assert_cmpint (cw_theme_get_texture (night), ==, CW_TEXTURE_CONTOURS);
  g_assert_cmpint (cw_theme_get_texture (sand), ==, CW_TEXTURE_GRADIENT);
  g_assert_cmpint (cw_theme_get_align (night), ==, CW_ALIGN_CENTER);

  g_clear_object (&deck);
  deck = cw_test_load_string ("<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">"
                              "<meta><title>T</title><language>en</language></meta>"
                              "<theme texture=\"rings\"/><slides/></deck>", &error);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_null (deck);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cw_test_init (&argc, &argv);
  sample = cw_deck_new_sample ();

  g_test_add_func ("/cw/design/role-sizes-agree", test_role_sizes_agree);
  g_test_add_func ("/cw/design/pictogram-shape-agrees", test_pictogram_shape_agrees);
  g_test_add_func ("/cw/design/content-balanced", test_content_balanced);
  g_test_add_func ("/cw/design/line-chart-balanced", test_line_chart_balanced);
  g_test_add_func ("/cw/design/safety-type-scale", test_safety_type_scale);
  g_test_add_func ("/cw/design/wrap-before-shrink", test_wrap_before_shrink);
  g_test_add_func ("/cw/design/bars-use-width", test_bars_use_width);
  g_test_add_func ("/cw/design/quote-marks", test_quote_marks);
  g_test_add_func ("/cw/design/no-bullseye", test_no_bullseye);
  g_test_add_func ("/cw/design/theme-settings", test_theme_settings);

  ret = g_test_run ();
  g_object_unref (sample);
  return ret;
}
