/* test-rtl.c: a deck in Arabic reads from the right
 *
 * tests/decks/rtl.clearway is an English deck with an Arabic catalog; one
 * text (the title's subline) is left untranslated, so an English line sits
 * on an Arabic slide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-fonts.h"
#include "cw-test-utils.h"

static CwDeck *deck;

/* 2 % of a 360-pixel frame: side bearings of glyphs, anti-aliasing */
#define TOLERANCE 7

static CwRenderer *
render (const char *language)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);

  return cw_renderer_new (deck, language, format, 30);
}

static guint
slide_index (CwRenderer *renderer,
             const char *id)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      if (g_str_equal (cw_renderer_get_slide_id (renderer, i), id))
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static const CwNode *
find_node (CwScene    *scene,
           const char *element,
           CwNodeKind  kind)
{
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, element) == 0 && node->kind == kind)
        return node;
    }
  g_error ("no %s node of kind %d", element, kind);
  return NULL;
}

static cairo_surface_t *
draw (CwScene *scene,
      double   t,
      gboolean background_only)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, scene->width, scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  if (background_only)
    cw_scene_draw_background (scene, cr);
  else
    cw_scene_draw (scene, cr, t);
  cairo_surface_flush (surface);
  return surface;
}

/*
 * The columns where something is drawn over the background inside @area:
 * what a viewer sees of a text, however its layout box was set.
 */
static void
ink_bounds (cairo_surface_t *frame,
            cairo_surface_t *background,
            const CwRect    *area,
            int             *left,
            int             *right)
{
  int w = cairo_image_surface_get_width (frame);
  int h = cairo_image_surface_get_height (frame);
  int stride = cairo_image_surface_get_stride (frame);
  const guint8 *a = cairo_image_surface_get_data (frame);
  const guint8 *b = cairo_image_surface_get_data (background);
  int x0 = MAX (0, (int) floor (area->x)), x1 = MIN (w, (int) ceil (area->x + area->width));
  int y0 = MAX (0, (int) floor (area->y)), y1 = MIN (h, (int) ceil (area->y + area->height));

  *left = G_MAXINT;
  *right = -1;
  for (int y = y0; y < y1; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (a + (gsize) y * stride);
      const guint32 *rb = (const guint32 *) (gconstpointer) (b + (gsize) y * stride);

      for (int x = x0; x < x1; x++)
        {
          int worst = 0;

          for (int shift = 0; shift < 24; shift += 8)
            worst = MAX (worst, ABS ((int) ((ra[x] >> shift) & 0xff) - (int) ((rb[x] >> shift) & 0xff)));
          /* the faint contour lines of the background stay under this */
          if (worst > 70)
            {
              *left = MIN (*left, x);
              *right = MAX (*right, x + 1);
            }
        }
    }
  g_assert_cmpint (*right, >, 0);
}

static void
settled_ink (CwScene      *scene,
             const CwNode *node,
             int          *left,
             int          *right)
{
  g_autoptr(cairo_surface_t) frame = draw (scene, scene->duration, FALSE);
  g_autoptr(cairo_surface_t) background = draw (scene, 0, TRUE);
  CwRect band = { 0, node->rect.y, scene->width, node->rect.height };

  ink_bounds (frame, background, &band, left, right);
}

/* The title card: every line starts at the right, the accent bar too. */
static void
test_title (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *ltr = cw_renderer_get_scene (en, slide_index (en, "intro"));
  CwScene *rtl = cw_renderer_get_scene (ar, slide_index (ar, "intro"));
  double safe_left = rtl->safe.x;
  double safe_right = rtl->safe.x + rtl->safe.width;
  static const char *elements[] = { "kicker", "headline", "subline" };
  const CwNode *rule;
  int left, right;

  g_assert_false (ltr->rtl);
  g_assert_true (rtl->rtl);

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      /* English: from the left edge of the safe area */
      settled_ink (ltr, find_node (ltr, elements[i], CW_NODE_TEXT), &left, &right);
      g_test_message ("en %s: ink %d–%d, safe area %g–%g", elements[i], left, right, safe_left, safe_right);
      g_assert_cmpfloat (fabs (left - safe_left), <=, TOLERANCE);

      /* Arabic: from the right edge, the untranslated English subline as well */
      settled_ink (rtl, find_node (rtl, elements[i], CW_NODE_TEXT), &left, &right);
      g_test_message ("ar %s: ink %d–%d", elements[i], left, right);
      g_assert_cmpfloat (fabs (right - safe_right), <=, TOLERANCE);
      g_assert_cmpfloat (left, >, safe_left + TOLERANCE);
    }

  /* the short kicker is nowhere near the left */
  settled_ink (rtl, find_node (rtl, "kicker", CW_NODE_TEXT), &left, &right);
  g_assert_cmpfloat (left, >, safe_left + rtl->safe.width / 2);

  rule = find_node (ltr, "rule", CW_NODE_BOX);
  g_assert_cmpfloat (fabs (rule->rect.x - safe_left), <, 1);
  rule = find_node (rtl, "rule", CW_NODE_BOX);
  g_assert_cmpfloat (fabs (rule->rect.x + rule->rect.width - safe_right), <, 1);
}

/* Bars grow from the right; their values end the lines over them, on the left. */
static void
test_bars (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *ltr = cw_renderer_get_scene (en, slide_index (en, "bars"));
  CwScene *rtl = cw_renderer_get_scene (ar, slide_index (ar, "bars"));
  double safe_right = rtl->safe.x + rtl->safe.width;
  guint n_bars = 0;

  for (guint i = 0; i < ltr->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (ltr->nodes, i);
      if (g_strcmp0 (node->element, "bars") == 0)
        g_assert_cmpfloat (fabs (node->rect.x - ltr->safe.x), <, 1);
    }

  for (guint i = 0; i < rtl->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (rtl->nodes, i);

      if (g_strcmp0 (node->element, "bars") == 0)
        {
          g_assert_cmpfloat (fabs (node->rect.x + node->rect.width - safe_right), <, 1);
          n_bars++;
        }
      else if (g_strcmp0 (node->element, "values") == 0)
        {
          /* the value ends the line over its bar: at the left, flush with the safe area */
          g_assert_cmpint (node->align, ==, PANGO_ALIGN_LEFT);
          g_assert_cmpfloat (fabs (node->rect.x - rtl->safe.x), <, 1);
        }
      else if (g_strcmp0 (node->element, "labels") == 0)
        {
          int left, right;

          settled_ink (rtl, node, &left, &right);
          g_assert_cmpfloat (fabs (right - safe_right), <=, TOLERANCE);
        }
    }
  g_assert_cmpuint (n_bars, ==, 2);
}

/* Columns stand from right to left, the first at the right. */
static void
test_columns (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *scenes[] = { cw_renderer_get_scene (en, slide_index (en, "columns")),
                        cw_renderer_get_scene (ar, slide_index (ar, "columns")) };

  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      CwScene *scene = scenes[i];
      const CwNode *bars[2] = { NULL, NULL };
      guint n = 0;

      for (guint j = 0; j < scene->nodes->len && n < 2; j++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, j);
          if (g_strcmp0 (node->element, "bars") == 0)
            bars[n++] = node;
        }
      g_assert_cmpuint (n, ==, 2);
      g_assert_true (bars[0]->grow_vertical);
      if (scene->rtl)
        g_assert_cmpfloat (bars[0]->rect.x, >, bars[1]->rect.x);
      else
        g_assert_cmpfloat (bars[0]->rect.x, <, bars[1]->rect.x);
    }
}

static double
distance_to (cairo_surface_t *frame,
             double           x,
             double           y,
             const CwColor   *color)
{
  int stride = cairo_image_surface_get_stride (frame);
  guint32 pixel = ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (frame) +
                                                      (gsize) y * stride))[(int) x];

  return fabs (((pixel >> 16) & 0xff) / 255.0 - color->red) +
         fabs (((pixel >> 8) & 0xff) / 255.0 - color->green) +
         fabs ((pixel & 0xff) / 255.0 - color->blue);
}

/* A percentage bar fills from the right. */
static void
test_percent_bar (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *scenes[] = { cw_renderer_get_scene (en, slide_index (en, "share")),
                        cw_renderer_get_scene (ar, slide_index (ar, "share")) };

  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      CwScene *scene = scenes[i];
      const CwNode *gauge = find_node (scene, "gauge", CW_NODE_CUSTOM);
      g_autoptr(cairo_surface_t) frame = draw (scene, scene->duration, FALSE);
      double cy = gauge->rect.y + gauge->rect.height / 2;
      /* a little inside each end of the bar */
      double left = distance_to (frame, gauge->rect.x + gauge->rect.height, cy, &gauge->color);
      double right = distance_to (frame, gauge->rect.x + gauge->rect.width - gauge->rect.height, cy,
                                  &gauge->color);

      g_test_message ("%s: accent distance %g at the left end, %g at the right", scene->rtl ? "ar" : "en",
                      left, right);
      if (scene->rtl)
        {
          g_assert_cmpfloat (right, <, 0.1);
          g_assert_cmpfloat (left, >, 0.5);
        }
      else
        {
          g_assert_cmpfloat (left, <, 0.1);
          g_assert_cmpfloat (right, >, 0.5);
        }
    }
}

/* The numbered steps: the badge at the right, the words to its left. */
static void
test_safety (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *ltr = cw_renderer_get_scene (en, slide_index (en, "safe"));
  CwScene *rtl = cw_renderer_get_scene (ar, slide_index (ar, "safe"));
  double safe_right = rtl->safe.x + rtl->safe.width;
  static const char *steps[] = { "step1", "step2", "step3" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const CwNode *badge = find_node (ltr, steps[i], CW_NODE_CUSTOM);
      const CwNode *text = find_node (ltr, steps[i], CW_NODE_TEXT);
      int left, right;

      g_assert_cmpfloat (fabs (badge->rect.x - ltr->safe.x), <, 1);
      g_assert_cmpfloat (text->rect.x, >=, badge->rect.x + badge->rect.width);

      badge = find_node (rtl, steps[i], CW_NODE_CUSTOM);
      text = find_node (rtl, steps[i], CW_NODE_TEXT);
      g_assert_cmpfloat (fabs (badge->rect.x + badge->rect.width - safe_right), <, 1);
      g_assert_cmpfloat (text->rect.x + text->rect.width, <=, badge->rect.x);

      /* and the words end next to the badge, not at the far left */
      {
        g_autoptr(cairo_surface_t) frame = draw (rtl, rtl->duration, FALSE);
        g_autoptr(cairo_surface_t) background = draw (rtl, 0, TRUE);

        ink_bounds (frame, background, &text->rect, &left, &right);
        g_assert_cmpfloat (fabs (right - (text->rect.x + text->rect.width)), <=, TOLERANCE);
      }
    }
}

/* How tall the ink is in the left or the right third of @rect. */
static double
ink_height (cairo_surface_t *frame,
            cairo_surface_t *background,
            const CwRect    *rect,
            gboolean         right_third)
{
  int w = cairo_image_surface_get_width (frame);
  int stride = cairo_image_surface_get_stride (frame);
  int x0 = MAX (0, (int) (right_third ? rect->x + rect->width * 2 / 3 : rect->x));
  int x1 = MIN (w, (int) (x0 + rect->width / 3));
  int top = G_MAXINT, bottom = -1;

  for (int y = (int) floor (rect->y); y < rect->y + rect->height; y++)
    {
      const guint32 *a = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (frame) + (gsize) y * stride);
      const guint32 *b = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (background) + (gsize) y * stride);

      for (int x = x0; x < x1; x++)
        {
          /* ink in any channel: the arrow takes the color of its tone,
           * which may differ from the background in red or green only */
          int diff = 0;

          for (int shift = 0; shift < 24; shift += 8)
            diff = MAX (diff, ABS ((int) ((a[x] >> shift) & 0xff) - (int) ((b[x] >> shift) & 0xff)));
          if (diff > 70)
            {
              top = MIN (top, y);
              bottom = MAX (bottom, y);
            }
        }
    }
  return bottom >= top ? bottom - top + 1 : 0;
}

/* Before and after read from the right: the arrow points left. */
static void
test_comparison (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *scenes[] = { cw_renderer_get_scene (en, slide_index (en, "change")),
                        cw_renderer_get_scene (ar, slide_index (ar, "change")) };

  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      CwScene *scene = scenes[i];
      const CwNode *before = find_node (scene, "before", CW_NODE_COUNTER);
      const CwNode *after = find_node (scene, "after", CW_NODE_COUNTER);
      const CwNode *arrow = find_node (scene, "arrow", CW_NODE_CUSTOM);
      g_autoptr(cairo_surface_t) frame = draw (scene, scene->duration, FALSE);
      g_autoptr(cairo_surface_t) background = draw (scene, 0, TRUE);
      double left = ink_height (frame, background, &arrow->rect, FALSE);
      double right = ink_height (frame, background, &arrow->rect, TRUE);

      /* side by side, not one above the other */
      g_assert_cmpfloat (fabs (before->rect.y - after->rect.y), <, 1);
      g_test_message ("%s: arrow ink %g high on the left, %g on the right", scene->rtl ? "ar" : "en", left, right);
      if (scene->rtl)
        {
          g_assert_cmpfloat (before->rect.x, >, after->rect.x);
          /* the head, taller than the shaft, is on the left */
          g_assert_cmpfloat (left, >, right * 2);
        }
      else
        {
          g_assert_cmpfloat (before->rect.x, <, after->rect.x);
          g_assert_cmpfloat (right, >, left * 2);
        }
    }
}

/* A step that slides in from the end of the line comes from the left. */
static void
test_motion (void)
{
  g_autoptr(CwRenderer) en = render ("en");
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *scenes[] = { cw_renderer_get_scene (en, slide_index (en, "safe")),
                        cw_renderer_get_scene (ar, slide_index (ar, "safe")) };

  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      CwScene *scene = scenes[i];
      const CwNode *text = find_node (scene, "step1", CW_NODE_TEXT);
      /* a quarter into the step's slide-in */
      double t = text->enter.delay + text->enter.duration * 0.25;
      CwRect band = { 0, text->rect.y, scene->width, text->rect.height };
      g_autoptr(cairo_surface_t) moving = draw (scene, t, FALSE);
      g_autoptr(cairo_surface_t) settled = draw (scene, scene->duration, FALSE);
      g_autoptr(cairo_surface_t) background = draw (scene, 0, TRUE);
      int moving_left, moving_right, left, right;

      g_assert_cmpint (text->enter.effect, ==, CW_EFFECT_SLIDE_LEFT);
      /* the text only, not its badge */
      if (scene->rtl)
        band.width = text->rect.x + text->rect.width;
      else
        {
          band.x = text->rect.x;
          band.width = scene->width - text->rect.x;
        }
      ink_bounds (moving, background, &band, &moving_left, &moving_right);
      ink_bounds (settled, background, &band, &left, &right);
      g_test_message ("%s: moving %d–%d, settled %d–%d", scene->rtl ? "ar" : "en", moving_left, moving_right,
                      left, right);
      if (scene->rtl)
        g_assert_cmpint (moving_right, <, right - 2);
      else
        g_assert_cmpint (moving_left, >, left + 2);
    }
}

/* Arabic has a font: no glyph is missing, and the slide looks as it did. */
static void
test_arabic_glyphs (void)
{
  g_autoptr(CwRenderer) ar = render ("ar");
  CwScene *scene = cw_renderer_get_scene (ar, slide_index (ar, "intro"));
  const CwNode *headline = find_node (scene, "headline", CW_NODE_TEXT);
  g_autoptr(PangoLayout) layout = NULL;
  guint slide = slide_index (ar, "intro");
  g_autoptr(cairo_surface_t) frame = NULL;

  g_assert_cmpstr (headline->text, ==, "الأرض تعود إلى الحياة");
  layout = cw_text_layout_new (cw_fonts_get_measure_context (), headline->text, headline->font_family,
                               headline->font_weight, headline->font_size, headline->wrap_width,
                               headline->line_height, headline->align, FALSE);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  /* Pango reads it as right-to-left */
  g_assert_cmpint (pango_layout_get_direction (layout, 0), ==, PANGO_DIRECTION_RTL);

  frame = cw_renderer_render_frame (ar, cw_renderer_get_settled_frame (ar, slide));
  cw_test_assert_golden (frame, "rtl-title-vertical");
  g_clear_pointer (&frame, cairo_surface_destroy);

  slide = slide_index (ar, "safe");
  frame = cw_renderer_render_frame (ar, cw_renderer_get_settled_frame (ar, slide));
  cw_test_assert_golden (frame, "rtl-safety-vertical");
}

/* Which digit systems @text writes in: 1 for Western (0–9), 2 for
 * Arabic-Indic (٠–٩), 4 for any other. */
static guint
digit_systems (const char *text)
{
  guint systems = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) < 0)
        continue;
      systems |= c <= '9' ? 1 : (c >= 0x660 && c <= 0x669) ? 2 : 4;
    }
  return systems;
}

/* An Arabic slide writes every number in one system: Western by default,
 * as most Arabic-speaking audiences of these clips read figures, or
 * Arabic-Indic when the deck asks for native digits; a year a translator
 * leaves as 2021 follows the numbers. Every text of every slide: labels,
 * counters, the source line's date, a hotline. */
static void
test_digits (void)
{
  g_autoptr(CwDeck) native = cw_deck_copy (deck);

  g_autoptr(CwStatistic) incidents = cw_statistic_new ("incidents_2021");

  g_assert_cmpint (cw_deck_get_digits (deck), ==, CW_DIGITS_WESTERN);
  cw_deck_set_digits (native, CW_DIGITS_NATIVE);
  /* a placeholder's name keeps its digits: it is looked up as written */
  cw_statistic_set_value (incidents, 150);
  cw_deck_add_statistic (native, incidents);
  cw_slide_set_text (cw_deck_find_slide (native, "share"), "label", "{incidents_2021} in 2021");

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);
      g_autoptr(CwRenderer) ar = cw_renderer_new (pass == 0 ? deck : native, "ar", format, 30);
      g_autoptr(CwRenderer) en = cw_renderer_new (pass == 0 ? deck : native, "en", format, 30);
      guint want = pass == 0 ? 1 : 2;
      guint seen = 0;

      for (guint i = 0; i < cw_renderer_get_n_slides (ar); i++)
        {
          CwScene *scene = cw_renderer_get_scene (ar, i);

          for (guint t = 0; t < scene->texts->len; t++)
            {
              const char *text = g_ptr_array_index (scene->texts, t);
              guint systems = digit_systems (text);

              g_test_message ("%s: %s", cw_renderer_get_slide_id (ar, i), text);
              if (systems != 0 && systems != want)
                g_error ("slide %s writes “%s” in digit systems %u, not %u",
                         cw_renderer_get_slide_id (ar, i), text, systems, want);
              seen |= systems;
            }
        }
      /* the comparison's years and numbers, at least, have digits */
      g_assert_cmpuint (seen, ==, want);
      if (pass == 1)
        {
          CwScene *scene = cw_renderer_get_scene (ar, slide_index (ar, "share"));
          gboolean found = FALSE;

          for (guint t = 0; t < scene->texts->len; t++)
            found |= g_strcmp0 (g_ptr_array_index (scene->texts, t), "١٥٠ in ٢٠٢١") == 0;
          g_assert_true (found);
        }

      /* English has no digits but 0–9, whatever the deck asks */
      for (guint i = 0; i < cw_renderer_get_n_slides (en); i++)
        {
          CwScene *scene = cw_renderer_get_scene (en, i);

          for (guint t = 0; t < scene->texts->len; t++)
            g_assert_cmpuint (digit_systems (g_ptr_array_index (scene->texts, t)) & ~1u, ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cw_test_init (&argc, &argv);
  deck = cw_test_load_deck_file ("rtl.clearway");

  g_test_add_func ("/cw/rtl/title", test_title);
  g_test_add_func ("/cw/rtl/bars", test_bars);
  g_test_add_func ("/cw/rtl/safety", test_safety);
  g_test_add_func ("/cw/rtl/columns", test_columns);
  g_test_add_func ("/cw/rtl/percent-bar", test_percent_bar);
  g_test_add_func ("/cw/rtl/comparison", test_comparison);
  g_test_add_func ("/cw/rtl/motion", test_motion);
  g_test_add_func ("/cw/rtl/arabic-glyphs", test_arabic_glyphs);
  g_test_add_func ("/cw/rtl/digits", test_digits);

  status = g_test_run ();
  g_clear_object (&deck);
  return status;
}
