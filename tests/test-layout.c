/* test-layout.c: every template fits every format: inside the safe zone, nothing overlapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-fonts.h"
#include "cw-scene-builder.h"
#include "cw-test-utils.h"

static CwDeck *gallery;

static const char *formats[] = {
  "tiktok", "reels", "shorts", "facebook", "portrait", "square", "landscape", "720x1280", "1280x720",
};

static gboolean
is_text (const CwNode *node)
{
  return node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER;
}

static double
overlap (const CwRect *a,
         const CwRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0;
}

static void
test_format (gconstpointer data)
{
  const char *name = data;
  g_autoptr(CwFormat) format = cw_format_lookup (name, NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  GPtrArray *warnings = cw_renderer_get_warnings (renderer);
  const double slack = 1.0;

  /* text that does not fit is reported; the gallery must have none in any format */
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("%s: %s", name, ((CwDiagnostic *) g_ptr_array_index (warnings, i))->message);
  g_assert_cmpuint (warnings->len, ==, 0);

  for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, s);
      const char *slide = cw_renderer_get_slide_id (renderer, s);

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *a = g_ptr_array_index (scene->nodes, i);

          if (a->element == NULL)
            continue;

          /* every element lies inside the frame */
          if (a->rect.x < -slack || a->rect.y < -slack ||
              a->rect.x + a->rect.width > format->width + slack ||
              a->rect.y + a->rect.height > format->height + slack)
            g_error ("%s, slide %s: %s leaves the frame", name, slide, a->element);

          if (!is_text (a))
            continue;

          /* text stays out of the parts the platform covers */
          if (a->rect.x < format->safe.x - slack || a->rect.y < format->safe.y - slack ||
              a->rect.x + a->rect.width > format->safe.x + format->safe.width + slack ||
              a->rect.y + a->rect.height > format->safe.y + format->safe.height + slack)
            g_error ("%s, slide %s: the %s text “%s” leaves the safe zone (%.0f,%.0f %.0f×%.0f)",
                     name, slide, a->element, a->text, a->rect.x, a->rect.y, a->rect.width, a->rect.height);

          /* and no two texts sit on each other */
          for (guint j = i + 1; j < scene->nodes->len; j++)
            {
              const CwNode *b = g_ptr_array_index (scene->nodes, j);

              if (b->element == NULL || !is_text (b))
                continue;
              if (overlap (&a->rect, &b->rect) > 4)
                g_error ("%s, slide %s: “%s” overlaps “%s”", name, slide, a->text, b->text);
            }
        }
    }
}

static void
test_long_text_shrinks_then_wraps (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwSlide *slide = cw_deck_find_slide (deck, "number");
  CwScene *scene;
  guint label_lines = 0;
  double label_size = 0, number_size = 0;

  cw_slide_set_text (slide, "label",
                     "mines and other explosive devices neutralised across the liberated districts");
  cw_slide_set_text_plural (slide, "label", NULL);
  renderer = cw_renderer_new (deck, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 1);

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (g_strcmp0 (node->element, "label") == 0)
        {
          g_autoptr(PangoLayout) layout = cw_text_layout_new (cw_fonts_get_measure_context (), node->text,
                                                              node->font_family, node->font_weight,
                                                              node->font_size, node->wrap_width,
                                                              node->line_height, node->align, FALSE);
          label_lines = pango_layout_get_line_count (layout);
          label_size = node->font_size;
        }
      if (g_strcmp0 (node->element, "number") == 0)
        number_size = node->font_size;
    }

  /* the long label wrapped onto several lines at a readable size… */
  g_assert_cmpuint (label_lines, >=, 2);
  g_assert_cmpfloat (label_size, >=, 44);
  /* …and the number kept one line */
  g_assert_cmpfloat (number_size, >, 100);
  g_assert_cmpuint (cw_renderer_get_warnings (renderer)->len, ==, 0);
}

static void
test_numbers_never_break (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwScene *scene;

  /* a huge figure shrinks to fit the width; it does not wrap */
  cw_statistic_set_value (cw_deck_find_statistic (deck, "mines"), 1234567890123);
  renderer = cw_renderer_new (deck, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 1);

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;

      if (node->kind != CW_NODE_COUNTER)
        continue;
      layout = cw_text_layout_new (cw_fonts_get_measure_context (), node->text, node->font_family,
                                   node->font_weight, node->font_size, -1, 0, node->align, TRUE);
      pango_layout_get_extents (layout, NULL, &logical);
      g_assert_cmpuint (pango_layout_get_line_count (layout), ==, 1);
      g_assert_cmpfloat (logical.width / (double) PANGO_SCALE, <=, format->safe.width + 1);
    }
}

/* Too many symbols to count: each stands for a round larger number, and
 * the legend says which, so the grid never claims one symbol per person. */
static void
test_pictogram_rescales_honestly (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwSlide *slide = cw_deck_find_slide (deck, "people");
  CwScene *scene = NULL;
  guint icons = 0;
  gboolean legend = FALSE;

  cw_slide_set_param (slide, "per_icon", "1");
  renderer = cw_renderer_new (deck, "en", format, 30);
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    if (g_str_equal (cw_renderer_get_slide_id (renderer, i), "people"))
      scene = cw_renderer_get_scene (renderer, i);
  g_assert_nonnull (scene);

  /* 3,400 people: 100 symbols would each be 34; the legend rounds to 50 */
  for (guint i = 0; i < scene->texts->len; i++)
    legend |= g_str_equal (g_ptr_array_index (scene->texts, i), "Each symbol = 50");
  g_assert_true (legend);
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, "icons") == 0)
        icons++;
    }
  g_assert_cmpuint (icons, >=, 1);
  g_assert_cmpuint (cw_renderer_get_warnings (renderer)->len, >=, 1);
}

/* A word before or after a number stays a word: "over 161,000", not
 * "over161,000", and never broken from its number; a sign hugs it. */
static void
test_counter_affixes (void)
{
  static const struct { const char *prefix; const char *suffix; const char *shown; } cases[] = {
    { "over ", NULL, "over\u00a0" },
    { "более", NULL, "более\u00a0" },
    { "+", NULL, "+1" },
    { NULL, "km²", "\u00a0km²" },
    { NULL, "+", "+" },
  };
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
      g_autoptr(CwRenderer) renderer = NULL;
      CwSlide *slide = NULL;
      CwScene *scene = NULL;
      gboolean found = FALSE;

      for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
        if (g_str_equal (cw_slide_get_id (cw_deck_get_slide (deck, i)), "number"))
          slide = cw_deck_get_slide (deck, i);
      g_assert_nonnull (slide);
      cw_slide_set_text (slide, "prefix", cases[c].prefix);
      cw_slide_set_text (slide, "suffix", cases[c].suffix);

      renderer = cw_renderer_new (deck, "en", format, 30);
      for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
        if (g_str_equal (cw_renderer_get_slide_id (renderer, i), "number"))
          scene = cw_renderer_get_scene (renderer, i);
      g_assert_nonnull (scene);

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, i);

          if (node->kind != CW_NODE_COUNTER)
            continue;
          g_test_message ("%s", node->text);
          found = TRUE;
          g_assert_nonnull (strstr (node->text, cases[c].shown));
          /* a sign is never set apart */
          if (cases[c].prefix != NULL && !g_unichar_isalpha (g_utf8_get_char (cases[c].prefix)))
            g_assert_true (g_str_has_prefix (node->text, "+1"));
        }
      g_assert_true (found);
    }
}

/* A huge value with a tiny share per symbol: the count is far beyond any
 * integer, so the warning must give the true number, and the grid must
 * still stand for the value (the deck is also in the deck fuzz corpus). */
static void
test_pictogram_huge_count (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "deck",
                                                 "pictogram-overflow.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_load_file (file, NULL, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  GPtrArray *warnings;
  CwScene *scene;
  gboolean legend = FALSE;
  guint icons = 0;

  g_assert_no_error (error);
  renderer = cw_renderer_new (deck, "en", format, 30);
  warnings = cw_renderer_get_warnings (renderer);
  g_assert_cmpuint (warnings->len, ==, 1);
  /* 99,999,999,999 at 0.0001 a symbol */
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->message, "999,999,999,990,000 symbols"));
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->message, "stands for 1,000,000,000."));
  /* the field to change is named, and what to do is the hint, not in the message */
  g_assert_cmpstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->element, ==, "per_icon");
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->hint, "“Each symbol stands for”"));
  g_assert_null (strstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->message, "Each symbol stands for"));

  scene = cw_renderer_get_scene (renderer, 0);
  for (guint i = 0; i < scene->texts->len; i++)
    legend |= g_str_equal (g_ptr_array_index (scene->texts, i), "Each symbol = 1,000,000,000");
  g_assert_true (legend);
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, "icons") == 0)
        icons++;
    }
  g_assert_cmpuint (icons, >=, 1);
  g_clear_object (&renderer);

  /* beyond even a double's range of counts, and below zero: still no overflow */
  cw_statistic_set_value (cw_deck_find_statistic (deck, "mines"), 1e305);
  renderer = cw_renderer_new (deck, "en", format, 30);
  warnings = cw_renderer_get_warnings (renderer);
  g_assert_cmpuint (warnings->len, >=, 1);
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (warnings, 0))->message, "too many symbols to count"));
  g_clear_object (&renderer);

  cw_statistic_set_value (cw_deck_find_statistic (deck, "mines"), -99999999999);
  renderer = cw_renderer_new (deck, "en", format, 30);
  g_assert_cmpuint (cw_renderer_get_warnings (renderer)->len, ==, 0);
}

/* Notes one contrast that a theme must reach; @failures lists what misses. */
static void
check_contrast (GString       *failures,
                const char    *theme,
                const char    *what,
                const CwColor *fg,
                CwColorRole    behind,
                const CwColor *bg,
                double         least)
{
  double ratio = cw_color_contrast_ratio (fg, bg);

  if (ratio < least)
    g_string_append_printf (failures, "\n  theme %s: %s on %s is %.2f:1, below %.1f:1", theme, what,
                            cw_color_role_to_string (behind), ratio, least);
}

static void
test_theme_contrast (void)
{
  const char * const *themes = cw_theme_list_builtin ();
  g_autoptr(GString) failures = g_string_new (NULL);
  guint n = 0;

  /* every text color and every tone of every built-in theme reads at WCAG
   * AA (4.5:1) on both ends of the gradient; what carries a figure as a
   * shape (the tone's bars and icons, the track of a gauge, the symbols not
   * yet counted) is seen at 3:1 (WCAG 1.4.11) */
  for (guint i = 0; themes[i]; i++, n++)
    {
      g_autoptr(CwTheme) theme = cw_theme_new (themes[i]);
      CwColorRole text_roles[] = { CW_COLOR_TEXT, CW_COLOR_MUTED, CW_COLOR_ACCENT, CW_COLOR_ALERT };
      CwColorRole backgrounds[] = { CW_COLOR_BACKGROUND, CW_COLOR_BACKGROUND_END };
      CwColor track = cw_theme_get_track_color (theme);
      CwColor surface = cw_theme_get_color (theme, CW_COLOR_SURFACE);

      for (guint b = 0; b < G_N_ELEMENTS (backgrounds); b++)
        {
          CwColor bg = cw_theme_get_color (theme, backgrounds[b]);

          for (guint t = 0; t < G_N_ELEMENTS (text_roles); t++)
            {
              CwColor fg = cw_theme_get_color (theme, text_roles[t]);
              g_autofree char *what = g_strdup_printf ("%s text", cw_color_role_to_string (text_roles[t]));

              check_contrast (failures, themes[i], what, &fg, backgrounds[b], &bg, CW_CONTRAST_TEXT);
            }
          for (CwTone tone = 0; tone < CW_N_TONES; tone++)
            {
              CwColor fg = cw_theme_get_tone_color (theme, tone);
              g_autofree char *text = g_strdup_printf ("%s figure (text)", cw_tone_to_string (tone));
              g_autofree char *shape = g_strdup_printf ("%s figure (bars, icons)", cw_tone_to_string (tone));

              check_contrast (failures, themes[i], text, &fg, backgrounds[b], &bg, CW_CONTRAST_TEXT);
              check_contrast (failures, themes[i], shape, &fg, backgrounds[b], &bg, CW_CONTRAST_GRAPHICS);
            }
          check_contrast (failures, themes[i], "track (gauge track, other bars, symbols not counted)",
                          &track, backgrounds[b], &bg, CW_CONTRAST_GRAPHICS);
        }

      /* and the text on cards: the hotline pill, the change label in every tone */
      {
        CwColor fg = cw_theme_get_color (theme, CW_COLOR_ACCENT);
        check_contrast (failures, themes[i], "accent text", &fg, CW_COLOR_SURFACE, &surface, CW_CONTRAST_TEXT);
      }
      for (CwTone tone = 0; tone < CW_N_TONES; tone++)
        {
          CwColor fg = cw_theme_get_tone_color (theme, tone);
          g_autofree char *what = g_strdup_printf ("%s change label", cw_tone_to_string (tone));

          check_contrast (failures, themes[i], what, &fg, CW_COLOR_SURFACE, &surface, CW_CONTRAST_TEXT);
        }

      /* casualties must not come out in the color of good news */
      {
        CwColor progress = cw_theme_get_tone_color (theme, CW_TONE_PROGRESS);
        CwColor harm = cw_theme_get_tone_color (theme, CW_TONE_HARM);
        double distance = fabs (progress.red - harm.red) + fabs (progress.green - harm.green) +
                          fabs (progress.blue - harm.blue);

        if (distance < 0.3)
          g_string_append_printf (failures, "\n  theme %s: harm looks like progress (color distance %.2f)",
                                  themes[i], distance);
      }
    }
  g_assert_cmpuint (n, >=, 4);
  if (failures->len > 0)
    g_test_fail_printf ("colors below their contrast:%s", failures->str);
}

/* The color of the first node of @element in the scene of slide @id. */
static gboolean
find_node_color (CwRenderer *renderer,
                 const char *id,
                 const char *element,
                 CwNodeKind  kind,
                 CwColor    *color)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene;

      if (!g_str_equal (cw_renderer_get_slide_id (renderer, i), id))
        continue;
      scene = cw_renderer_get_scene (renderer, i);
      for (guint j = 0; j < scene->nodes->len; j++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, j);

          if (g_strcmp0 (node->element, element) == 0 && node->kind == kind)
            {
              *color = node->color;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
assert_color (CwRenderer    *renderer,
              const char    *id,
              const char    *element,
              CwNodeKind     kind,
              const CwColor *expected)
{
  CwColor color;
  g_autofree char *expected_text = cw_color_to_string (expected);
  g_autofree char *color_text = NULL;

  if (!find_node_color (renderer, id, element, kind, &color))
    g_error ("slide %s has no %s", id, element);
  color_text = cw_color_to_string (&color);
  if (g_strcmp0 (color_text, expected_text) != 0)
    g_error ("slide %s draws its %s in %s, not %s", id, element, color_text, expected_text);
}

static void
test_tone_colors (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwTheme *theme = cw_deck_get_theme (deck);
  CwColor accent = cw_theme_get_color (theme, CW_COLOR_ACCENT);
  CwColor harm = cw_theme_get_color (theme, CW_COLOR_HARM);
  CwColor neutral = cw_theme_get_color (theme, CW_COLOR_NEUTRAL);

  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (deck, "victims")), ==, CW_TONE_HARM);
  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (deck, "mines")), ==, CW_TONE_PROGRESS);
  renderer = cw_renderer_new (deck, "en", format, 30);

  /* people killed or injured are counted in the harm color, not the accent */
  assert_color (renderer, "people", "number", CW_NODE_COUNTER, &harm);
  assert_color (renderer, "people", "icons", CW_NODE_CUSTOM, &harm);
  /* a figure that says nothing keeps the accent it always had */
  assert_color (renderer, "number", "number", CW_NODE_COUNTER, &accent);
  assert_color (renderer, "share", "icons", CW_NODE_CUSTOM, &accent);
  /* casualties rose from 2023 to 2024: bad news, in the harm color */
  assert_color (renderer, "compare", "after", CW_NODE_COUNTER, &harm);
  assert_color (renderer, "compare", "arrow", CW_NODE_CUSTOM, &harm);
  assert_color (renderer, "compare", "change", CW_NODE_TEXT, &harm);
  g_clear_object (&renderer);

  /* a fall in casualties is progress; a neutral figure takes no side */
  cw_statistic_set_value (cw_deck_find_statistic (deck, "casualties_2024"), 4000);
  cw_statistic_set_tone (cw_deck_find_statistic (deck, "mines"), CW_TONE_NEUTRAL);
  cw_statistic_set_tone (cw_deck_find_statistic (deck, "found_2024"), CW_TONE_HARM);
  cw_statistic_set_tone (cw_deck_find_statistic (deck, "incident_drop"), CW_TONE_NEUTRAL);
  renderer = cw_renderer_new (deck, "en", format, 30);
  assert_color (renderer, "compare", "after", CW_NODE_COUNTER, &accent);
  assert_color (renderer, "compare", "arrow", CW_NODE_CUSTOM, &accent);
  assert_color (renderer, "number", "number", CW_NODE_COUNTER, &neutral);
  assert_color (renderer, "number", "rule", CW_NODE_BOX, &neutral);
  assert_color (renderer, "ring", "gauge", CW_NODE_CUSTOM, &neutral);
  assert_color (renderer, "bars", "bars", CW_NODE_BOX, &harm);
  g_clear_object (&renderer);

  /* a slide's own tone colors its figures, whatever their statistics' */
  cw_slide_set_tone (cw_deck_find_slide (deck, "number"), CW_TONE_HARM);
  cw_slide_set_tone (cw_deck_find_slide (deck, "people"), CW_TONE_NEUTRAL);
  cw_slide_set_tone (cw_deck_find_slide (deck, "ring"), CW_TONE_PROGRESS);
  renderer = cw_renderer_new (deck, "en", format, 30);
  assert_color (renderer, "number", "number", CW_NODE_COUNTER, &harm);
  assert_color (renderer, "number", "rule", CW_NODE_BOX, &harm);
  assert_color (renderer, "people", "number", CW_NODE_COUNTER, &neutral);
  assert_color (renderer, "people", "icons", CW_NODE_CUSTOM, &neutral);
  assert_color (renderer, "ring", "gauge", CW_NODE_CUSTOM, &accent);
}

static void
test_element_color (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwScene *scene;
  gboolean found = FALSE;

  cw_slide_set_element_color (cw_deck_find_slide (deck, "number"), "number", "#00FF00");
  renderer = cw_renderer_new (deck, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 1);
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, "number") == 0)
        {
          g_assert_cmpfloat (node->color.green, ==, 1);
          g_assert_cmpfloat (node->color.red, ==, 0);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_children_read_slower (void)
{
  g_autoptr(CwDeck) adults = cw_test_load_deck_file ("gallery.clearway");
  g_autoptr(CwDeck) children = NULL;
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) a = NULL;
  g_autoptr(CwRenderer) c = NULL;
  guint fa, fc;

  /* without a set duration, a slide lasts as long as its audience needs to read it */
  for (guint i = 0; i < cw_deck_get_n_slides (adults); i++)
    cw_slide_set_duration (cw_deck_get_slide (adults, i), 0);
  children = cw_deck_copy (adults);
  cw_deck_set_audience (children, CW_AUDIENCE_CHILDREN);

  a = cw_renderer_new (adults, "en", format, 30);
  c = cw_renderer_new (children, "en", format, 30);
  cw_renderer_get_slide_frames (a, 1, NULL, &fa);
  cw_renderer_get_slide_frames (c, 1, NULL, &fc);
  g_assert_cmpuint (fc, >, fa);
  g_assert_cmpuint (cw_renderer_get_n_frames (c), >, cw_renderer_get_n_frames (a));
}

/* Words enough for @n_chars characters, each made unique by @seed so no
 * measurement of another test is reused. */
static char *
make_text (guint n_chars,
           guint seed)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; text->len < n_chars; i++)
    g_string_append_printf (text, "%sfield%u-%u", i > 0 ? " " : "", seed, i);
  g_string_truncate (text, n_chars);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* How many Pango layouts laying out @deck's slide @id takes, on its own. */
static guint
count_layouts (CwDeck     *deck,
               const char *id)
{
  g_autoptr(CwDeck) one = cw_deck_copy (deck);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  guint before;

  for (guint i = cw_deck_get_n_slides (one); i-- > 0;)
    {
      if (g_strcmp0 (cw_slide_get_id (cw_deck_get_slide (one, i)), id) != 0)
        cw_deck_remove_slide (one, cw_deck_get_slide (one, i));
    }
  before = cw_fonts_get_n_layouts ();
  renderer = cw_renderer_new (one, "en", format, 30);
  return cw_fonts_get_n_layouts () - before;
}

/* A text as long as its role allows, far too long for its box, costs a
 * few layouts, not one per size and line count tried each time the slide
 * shrinks its content: that made a long text hang validate, text and render. */
static void
test_long_text_is_cheap (void)
{
  static const struct { const char *slide, *field; CwTextRole role; } cases[] = {
    { "title", "headline", CW_TEXT_ROLE_HEADLINE },
    { "quote", "quote", CW_TEXT_ROLE_BODY },
    { "number", "label", CW_TEXT_ROLE_LABEL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
      CwSlide *slide = cw_deck_find_slide (deck, cases[i].slide);
      guint chars = cw_text_role_get_max_chars (cases[i].role);
      g_autofree char *shorter = make_text (chars / 2, 2 * i);
      g_autofree char *longer = make_text (chars, 2 * i + 1);
      guint n_shorter, n_longer;

      cw_slide_set_text_plural (slide, cases[i].field, NULL);
      cw_slide_set_text (slide, cases[i].field, shorter);
      n_shorter = count_layouts (deck, cases[i].slide);
      cw_slide_set_text (slide, cases[i].field, longer);
      n_longer = count_layouts (deck, cases[i].slide);
      g_test_message ("%s: %u layouts for %u characters, %u for %u", cases[i].slide,
                      n_shorter, chars / 2, n_longer, chars);

      /* it was 391 for the long headline and 508 for the long quote */
      g_assert_cmpuint (n_shorter, <=, 100);
      g_assert_cmpuint (n_longer, <=, 100);
    }
}

static guint
lines_at (const char        *text,
          const CwTextStyle *style,
          double             size,
          double             width)
{
  g_autoptr(PangoLayout) layout = cw_text_layout_new (cw_fonts_get_measure_context (), text, "Noto Sans",
                                                      400, size, width, style->line_height, style->align,
                                                      FALSE);

  return pango_layout_get_line_count (layout);
}

/* Lines are evened out at the narrowest wrap width that needs no more of
 * them. The search skips widths at which the text is known to wrap as it
 * did at a wider one; each text here, in several scripts, alignments and
 * box widths, gets the wrap width and lines a search that lays out every
 * width it tries finds. */
static void
test_even_lines_as_measured (void)
{
  static const char *texts[] = {
    "The land is coming back, field by field and village by village",
    "Torpaq həyata qayıdır: 2020-ci ildən bəri minalardan təmizlənmiş sahələr",
    "Если вы увидели мину или подозрительный предмет, остановитесь и сообщите",
    "الألغام تقتل وتصيب المدنيين بعد سنوات من انتهاء الحرب في المنطقة",
    "ทุ่นระเบิดยังคงคร่าชีวิตผู้คนหลายปีหลังสงครามสิ้นสุดลงในพื้นที่นี้",
    "anti-personnel and anti-tank mines, re-surveyed\u00a0areas and cleared land",
  };
  static const double widths[] = { 330, 470, 640, 870 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT };
  guint checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint a = 0; a < G_N_ELEMENTS (aligns); a++)
        {
          CwTextStyle style = { CW_FONT_BODY, 70, 40, 1.1, 3, aligns[a], CW_TYPE_BODY };
          g_autofree char *words = g_strdelimit (g_strdup (texts[t]), " ", '\n');
          g_autoptr(PangoLayout) widest = cw_text_layout_new (cw_fonts_get_measure_context (), words,
                                                              "Noto Sans", 400, 100, -1, 0,
                                                              PANGO_ALIGN_LEFT, FALSE);
          PangoRectangle logical;
          double word_per_px, lo_w, hi_w, wrap;
          guint lines;
          CwTextFit fit;

          cw_text_fit (texts[t], "Noto Sans", 400, &style, 1, widths[w], 0, &fit);
          lines = lines_at (texts[t], &style, fit.size, widths[w]);
          if (lines < 2)
            continue;

          pango_layout_get_extents (widest, NULL, &logical);
          word_per_px = logical.width / (double) PANGO_SCALE / 100;
          lo_w = MAX (widths[w] * 0.45, word_per_px * fit.size);
          hi_w = widths[w];
          for (guint i = 0; i < 14 && hi_w - lo_w > 1; i++)
            {
              double mid = (lo_w + hi_w) / 2;

              if (lines_at (texts[t], &style, fit.size, mid) <= lines)
                hi_w = mid;
              else
                lo_w = mid;
            }
          wrap = MIN (widths[w], ceil (hi_w) + 1);

          g_test_message ("%.20s… at %.1f px in %.0f: wrap %.0f, expected %.0f", texts[t], fit.size,
                          widths[w], fit.wrap_width, wrap);
          g_assert_cmpfloat (fit.wrap_width, ==, wrap);
          g_assert_cmpuint (fit.lines, ==, lines_at (texts[t], &style, fit.size, wrap));
          checked++;
        }
  /* most of them wrap */
  g_assert_cmpuint (checked, >=, 24);
}

/* The editor lays the deck out again after every edit: texts that did not
 * change, counters included, are found measured and cost no Pango layout
 * (each made at a new size costs a font lookup too). */
static void
test_relayout_measures_nothing (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) first = cw_renderer_new (gallery, "en", format, 30);
  g_autoptr(CwRenderer) again = NULL;
  guint before = cw_fonts_get_n_layouts ();

  again = cw_renderer_new (gallery, "en", format, 30);
  g_assert_cmpuint (cw_fonts_get_n_layouts () - before, ==, 0);
}

static const CwNode *
find_counter (CwRenderer *renderer,
              const char *slide_id)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);

      if (!g_str_equal (cw_renderer_get_slide_id (renderer, i), slide_id))
        continue;
      for (guint j = 0; j < scene->nodes->len; j++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, j);

          if (node->kind == CW_NODE_COUNTER)
            return node;
        }
    }
  return NULL;
}

/* A key figure is as large as its box allows for the number it shows: once
 * the figure changes, its size follows the new number, not a measurement
 * of the old one kept from the layout before. */
static void
test_counter_follows_number (void)
{
  static const double values[] = { 7, 161000, 161000000000, 7 };
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  CwStatistic *mines = cw_deck_find_statistic (deck, "mines");
  double sizes[G_N_ELEMENTS (values)];

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    {
      g_autoptr(CwRenderer) renderer = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      const CwNode *node;
      PangoRectangle logical;

      cw_statistic_set_value (mines, values[v]);
      renderer = cw_renderer_new (deck, "en", format, 30);
      node = find_counter (renderer, "number");
      g_assert_nonnull (node);
      sizes[v] = node->font_size;

      /* drawn at its size, the number fits its box */
      layout = cw_text_layout_new (cw_fonts_get_measure_context (), node->text, node->font_family,
                                   node->font_weight, node->font_size, -1, 0, PANGO_ALIGN_LEFT, TRUE);
      pango_layout_get_extents (layout, NULL, &logical);
      g_test_message ("%s at %.1f px: %.1f px wide in %.1f", node->text, node->font_size,
                      logical.width / (double) PANGO_SCALE, node->rect.width);
      g_assert_cmpfloat (logical.width / (double) PANGO_SCALE, <=, node->rect.width + 0.5);
    }
  /* a longer number is smaller; the same number, the same size */
  g_assert_cmpfloat (sizes[2], <, sizes[1]);
  g_assert_cmpfloat (sizes[3], ==, sizes[0]);
}

/* A layout warning says which slide it is about, so the CLI and the
 * editor can point at the slide rather than leave the author to search
 * the message. */
static void
test_warning_names_slide (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "deck",
                                                 "pictogram-overflow.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_load_file (file, NULL, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  const CwDiagnostic *warning;

  g_assert_no_error (error);
  renderer = cw_renderer_new (deck, "en", format, 30);
  g_assert_cmpuint (cw_renderer_get_warnings (renderer)->len, ==, 1);
  warning = g_ptr_array_index (cw_renderer_get_warnings (renderer), 0);
  g_assert_cmpstr (warning->slide, ==, cw_slide_get_id (cw_deck_get_slide (deck, 0)));
  g_assert_cmpint (warning->severity, ==, CW_SEVERITY_WARNING);
}

/* A slide whose template this version lacks (an edit, or a deck from a
 * newer Clearway) is named with its template and the choices there are,
 * and the printed form tells the author what to do. */
static void
test_unknown_template_diagnostic (void)
{
  g_autoptr(CwDeck) deck = cw_deck_copy (gallery);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  const CwTemplate * const *templates = cw_template_list ();
  CwSlide *slide = cw_deck_get_slide (deck, 1);
  g_autofree char *slide_id = g_strdup (cw_slide_get_id (slide));
  g_autofree char *line = NULL;
  g_autofree char *quoted_slide = NULL;
  const CwDiagnostic *found = NULL;
  GPtrArray *warnings;

  cw_slide_set_template_id (slide, "sparkline-3d");
  renderer = cw_renderer_new (deck, "en", format, 30);
  warnings = cw_renderer_get_warnings (renderer);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (warnings, i);
      if (g_strcmp0 (d->slide, slide_id) == 0)
        found = d;
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (found->element, ==, "template");
  g_assert_nonnull (found->hint);

  line = cw_diagnostic_to_string (found);
  g_test_message ("%s", line);
  quoted_slide = g_strdup_printf ("“%s”", slide_id);
  g_assert_nonnull (strstr (line, quoted_slide));
  g_assert_nonnull (strstr (line, "“sparkline-3d”"));
  g_assert_nonnull (templates[0]);
  for (guint i = 0; templates[i] != NULL; i++)
    g_assert_nonnull (strstr (found->hint, templates[i]->id));
  /* the hint follows the message in the printed form */
  g_assert_true (g_str_has_suffix (line, found->hint));
}

/* The sample's safety card, laid out for one language, format and audience. */
static CwScene *
safety_scene (const char *language,
              const char *format_name,
              CwAudience  audience,
              CwDeck    **deck_out)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup (format_name, NULL);
  g_autoptr(CwRenderer) renderer = NULL;

  cw_deck_set_audience (deck, audience);
  renderer = cw_renderer_new (deck, language, format, 30);
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      if (g_strcmp0 (cw_renderer_get_slide_id (renderer, i), "stay-safe") == 0)
        {
          if (deck_out != NULL)
            *deck_out = g_object_ref (deck);
          return cw_scene_ref (cw_renderer_get_scene (renderer, i));
        }
    }
  g_assert_not_reached ();
}

static char *
scene_text (CwScene *scene)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < scene->texts->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (scene->texts, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Call 112" is what a viewer must take away: no text on the card is as large. */
static void
test_safety_hotline_largest (void)
{
  static const char *languages[] = { "en", "az", "ru" };
  static const CwAudience audiences[] = { CW_AUDIENCE_ADULTS, CW_AUDIENCE_CHILDREN };
  const char * const *names = cw_format_list_names ();

  for (guint f = 0; names[f] != NULL; f++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      for (guint a = 0; a < G_N_ELEMENTS (audiences); a++)
        {
          g_autoptr(CwScene) scene = safety_scene (languages[l], names[f], audiences[a], NULL);
          const CwNode *hotline = NULL;

          for (guint i = 0; i < scene->nodes->len; i++)
            {
              const CwNode *node = g_ptr_array_index (scene->nodes, i);

              if (node->kind == CW_NODE_TEXT && g_strcmp0 (node->element, "hotline") == 0 &&
                  strstr (node->text, "112") != NULL)
                hotline = node;
            }
          if (hotline == NULL)
            g_error ("%s, %s: the safety card shows no hotline", names[f], languages[l]);

          for (guint i = 0; i < scene->nodes->len; i++)
            {
              const CwNode *node = g_ptr_array_index (scene->nodes, i);

              if (node == hotline || (node->kind != CW_NODE_TEXT && node->kind != CW_NODE_COUNTER))
                continue;
              if (!(node->font_size < hotline->font_size))
                g_error ("%s, %s: “%s” is set at %.1f px, the hotline “%s” at %.1f px",
                         names[f], languages[l], node->text, node->font_size,
                         hotline->text, hotline->font_size);
            }
        }

  /* with a verb, which the translators word */
  {
    g_autoptr(CwScene) en = safety_scene ("en", "tiktok", CW_AUDIENCE_ADULTS, NULL);
    g_autoptr(CwScene) ru = safety_scene ("ru", "tiktok", CW_AUDIENCE_ADULTS, NULL);
    g_autofree char *en_text = scene_text (en);
    g_autofree char *ru_text = scene_text (ru);

    g_assert_nonnull (strstr (en_text, "\nCall 112\n"));
    g_assert_nonnull (strstr (ru_text, "\nЗвоните 112\n"));
  }
}

/* Adults get the risk-education key messages; children only when the deck is for them. */
static void
test_safety_audience (void)
{
  g_autoptr(CwScene) adults = safety_scene ("en", "tiktok", CW_AUDIENCE_ADULTS, NULL);
  g_autoptr(CwScene) children = safety_scene ("en", "tiktok", CW_AUDIENCE_CHILDREN, NULL);
  g_autoptr(CwScene) ru = safety_scene ("ru", "tiktok", CW_AUDIENCE_ADULTS, NULL);
  g_autofree char *adult_text = scene_text (adults);
  g_autofree char *child_text = scene_text (children);
  g_autofree char *ru_text = scene_text (ru);

  g_assert_cmpstr (adult_text, ==,
                   "If you see a mine or a strange object:\n"
                   "Stop. Do not touch it.\n"
                   "Step back the way you came.\n"
                   "Mark the place if it is safe.\n"
                   "Report it\n"
                   "Call 112\n");
  g_assert_cmpstr (child_text, ==,
                   "Found something strange?\n"
                   "Don’t touch it!\n"
                   "Go back the way you came.\n"
                   "Tell a grown-up right away.\n"
                   "Emergency number\n"
                   "Call 112\n");
  /* the sample's catalogs carry the adult wording */
  g_assert_cmpstr (ru_text, ==,
                   "Если вы увидели мину или подозрительный предмет:\n"
                   "Остановитесь. Не трогайте его.\n"
                   "Отойдите назад тем же путём.\n"
                   "Отметьте место, если это безопасно.\n"
                   "Сообщите о находке\n"
                   "Звоните 112\n");
}

/* The card stays on screen for its reading time, then 2 s more. */
static void
test_safety_holds (void)
{
  static const CwAudience audiences[] = { CW_AUDIENCE_ADULTS, CW_AUDIENCE_CHILDREN };

  for (guint a = 0; a < G_N_ELEMENTS (audiences); a++)
    {
      g_autoptr(CwDeck) deck = NULL;
      g_autoptr(CwScene) scene = safety_scene ("en", "tiktok", audiences[a], &deck);
      double first_text = scene->settle_time;
      double chars = 0, expected;

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, i);
          if (node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER)
            first_text = MIN (first_text, node->enter.delay);
        }
      for (guint i = 0; i < scene->texts->len; i++)
        chars += g_utf8_strlen (g_ptr_array_index (scene->texts, i), -1);

      /* read from the first text on, at the audience's speed */
      expected = first_text + chars / cw_deck_get_reading_speed (deck) + 2.0;
      g_assert_cmpfloat (scene->duration, >=, expected - 1e-6);
      g_assert_cmpfloat (scene->duration, <, expected + 0.1);
      g_assert_cmpfloat (scene->duration, >=, scene->settle_time + 2.0);
    }
}

/* Every key figure (a number that counts up) stays settled for at least
 * 2 s before it leaves or the next slide starts, whatever the language: in
 * the sample the two headline figures were still for only about 1.3 s. */
static void
test_key_figure_holds (void)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  CwDeck *decks[] = { sample, gallery };
  const char *languages[] = { "en", "az", "ru" };
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  guint n_figures = 0;

  for (guint d = 0; d < G_N_ELEMENTS (decks); d++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(CwRenderer) renderer = cw_renderer_new (decks[d], languages[l], format, 30);

        for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
          {
            CwScene *scene = cw_renderer_get_scene (renderer, i);

            if (cw_slide_get_duration (cw_deck_get_slide (decks[d], i)) > 0)
              continue;
            for (guint j = 0; j < scene->nodes->len; j++)
              {
                const CwNode *node = g_ptr_array_index (scene->nodes, j);
                double leaves = scene->duration;

                if (node->kind != CW_NODE_COUNTER)
                  continue;
                if (node->exit.effect != CW_EFFECT_NONE)
                  leaves -= node->exit.delay + node->exit.duration;
                g_test_message ("%s, slide %s: %s settled for %.2f s", languages[l],
                                cw_renderer_get_slide_id (renderer, i), node->text,
                                leaves - cw_animation_get_end (&node->enter));
                g_assert_cmpfloat (leaves - cw_animation_get_end (&node->enter), >=, 2.0 - 1e-6);
                n_figures++;
              }
          }
      }
  g_assert_cmpuint (n_figures, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cw_test_init (&argc, &argv);
  gallery = cw_test_load_deck_file ("gallery.clearway");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/layout/fits/%s", formats[i]);
      g_test_add_data_func (path, formats[i], test_format);
    }
  g_test_add_func ("/cw/layout/long-text", test_long_text_shrinks_then_wraps);
  g_test_add_func ("/cw/layout/numbers-never-break", test_numbers_never_break);
  g_test_add_func ("/cw/layout/counter-affixes", test_counter_affixes);
  g_test_add_func ("/cw/layout/pictogram-rescales", test_pictogram_rescales_honestly);
  g_test_add_func ("/cw/layout/pictogram-huge-count", test_pictogram_huge_count);
  g_test_add_func ("/cw/layout/theme-contrast", test_theme_contrast);
  g_test_add_func ("/cw/layout/tone-colors", test_tone_colors);
  g_test_add_func ("/cw/layout/element-color", test_element_color);
  g_test_add_func ("/cw/layout/children-read-slower", test_children_read_slower);
  g_test_add_func ("/cw/layout/long-text-is-cheap", test_long_text_is_cheap);
  g_test_add_func ("/cw/layout/even-lines-as-measured", test_even_lines_as_measured);
  g_test_add_func ("/cw/layout/relayout-measures-nothing", test_relayout_measures_nothing);
  g_test_add_func ("/cw/layout/counter-follows-number", test_counter_follows_number);
  g_test_add_func ("/cw/layout/safety/hotline-largest", test_safety_hotline_largest);
  g_test_add_func ("/cw/layout/safety/audience", test_safety_audience);
  g_test_add_func ("/cw/layout/safety/holds", test_safety_holds);
  g_test_add_func ("/cw/layout/key-figure-holds", test_key_figure_holds);
  g_test_add_func ("/cw/layout/warning-names-slide", test_warning_names_slide);
  g_test_add_func ("/cw/layout/unknown-template-diagnostic", test_unknown_template_diagnostic);

  ret = g_test_run ();
  g_object_unref (gallery);
  return ret;
}
