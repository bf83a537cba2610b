/* test-render.c: what the frames look like, and that they are a pure function of time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-test-utils.h"

typedef struct
{
  const char *name;
  const char *format;
  double      time;
} Golden;

/* Each template settled, in a vertical and a square frame, and mid-animation.
 * Half-size frames keep the golden images small; layout scales with the frame. */
static const Golden goldens[] = {
  { "title-settled-vertical", "540x960", 3.5 },
  { "title-settled-square", "540x540", 3.5 },
  { "title-entering-vertical", "540x960", 0.5 },
  { "number-settled-vertical", "540x960", 7.0 },
  { "number-settled-square", "540x540", 7.0 },
  { "number-counting-vertical", "540x960", 4.9 },
  { "percent-settled-vertical", "540x960", 10.5 },
  { "safety-settled-vertical", "540x960", 16.0 },
  { "safety-settled-square", "540x540", 16.0 },
  { "safety-entering-vertical", "540x960", 11.8 },
  { "transition-crossfade-vertical", "540x960", 4.2 },
};

static CwDeck *deck;

static void
test_golden (gconstpointer data)
{
  const Golden *g = data;
  g_autoptr(CwFormat) format = cw_format_lookup (g->format, NULL);
  g_autoptr(cairo_surface_t) frame = cw_render_frame (deck, "en", format, g->time);

  cw_test_assert_golden (frame, g->name);
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return h == cairo_image_surface_get_height (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) h * stride) == 0;
}

static void
test_pure_function (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  guint frames[] = { 200, 17, 400, 17, 125, 200 };
  g_autoptr(cairo_surface_t) first_17 = NULL;
  g_autoptr(cairo_surface_t) first_200 = NULL;

  /* the same frame is the same picture, whatever was drawn before it */
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autoptr(cairo_surface_t) s = cw_renderer_render_frame (renderer, frames[i]);

      if (frames[i] == 17 && first_17 == NULL)
        first_17 = g_steal_pointer (&s);
      else if (frames[i] == 200 && first_200 == NULL)
        first_200 = g_steal_pointer (&s);
      else if (frames[i] == 17)
        g_assert_true (surfaces_equal (s, first_17));
      else if (frames[i] == 200)
        g_assert_true (surfaces_equal (s, first_200));
    }

  /* and the one-call renderer draws what the renderer draws */
  {
    g_autoptr(cairo_surface_t) once = cw_render_frame (deck, "en", format, 17 / 30.0);
    g_assert_true (surfaces_equal (once, first_17));
  }
}

static void
test_timeline (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) r30 = cw_renderer_new (deck, "en", format, 30);
  g_autoptr(CwRenderer) r25 = cw_renderer_new (deck, "en", format, 25);
  guint first, n;

  /* 4 + 4 + 3 + 6 seconds */
  g_assert_cmpuint (cw_renderer_get_n_frames (r30), ==, 17 * 30);
  g_assert_cmpuint (cw_renderer_get_n_frames (r25), ==, 17 * 25);
  g_assert_cmpfloat (cw_renderer_get_duration (r30), ==, 17.0);

  cw_renderer_get_slide_frames (r30, 2, &first, &n);
  g_assert_cmpuint (first, ==, 240);
  g_assert_cmpuint (n, ==, 90);
  g_assert_cmpuint (cw_renderer_get_slide_at_frame (r30, 239), ==, 1);
  g_assert_cmpuint (cw_renderer_get_slide_at_frame (r30, 240), ==, 2);
  g_assert_cmpuint (cw_renderer_get_frame_at_time (r30, 8.0), ==, 240);
  g_assert_cmpuint (cw_renderer_get_frame_at_time (r30, 1000), ==, 17 * 30 - 1);
}

static void
test_static_holds (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  guint settled = cw_renderer_get_settled_frame (renderer, 1);
  guint first, n;
  g_autoptr(cairo_surface_t) a = NULL;
  g_autoptr(cairo_surface_t) b = NULL;

  cw_renderer_get_slide_frames (renderer, 1, &first, &n);

  /* once a slide has settled, frames repeat until the next slide, and really are equal */
  g_assert_true (cw_renderer_frames_identical (renderer, settled, first + n - 1));
  a = cw_renderer_render_frame (renderer, settled);
  b = cw_renderer_render_frame (renderer, first + n - 1);
  g_assert_true (surfaces_equal (a, b));

  /* while it moves, or across slides, they are not */
  g_assert_false (cw_renderer_frames_identical (renderer, first + 10, first + 11));
  g_assert_false (cw_renderer_frames_identical (renderer, first - 1, first));
  /* a transition is never a hold */
  g_assert_false (cw_renderer_frames_identical (renderer, first + 1, first + 2));
}

static void
test_transparent (void)
{
  g_autoptr(CwDeck) copy = cw_deck_copy (deck);
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(cairo_surface_t) opaque = cw_render_frame (deck, "en", format, 2);
  g_autoptr(cairo_surface_t) clear = NULL;
  guint32 corner;

  g_assert_cmpint (cairo_image_surface_get_format (opaque), ==, CAIRO_FORMAT_RGB24);

  cw_deck_set_transparent (copy, TRUE);
  clear = cw_render_frame (copy, "en", format, 2);
  g_assert_cmpint (cairo_image_surface_get_format (clear), ==, CAIRO_FORMAT_ARGB32);
  corner = *(guint32 *) (gpointer) cairo_image_surface_get_data (clear);
  g_assert_cmpuint (corner >> 24, ==, 0);
}

static void
test_pick (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  CwScene *scene = cw_renderer_get_scene (renderer, 1);
  const CwNode *number = NULL;
  const CwNode *picked;

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, "number") == 0)
        number = node;
    }
  g_assert_nonnull (number);

  /* clicking the middle of the number selects the number */
  picked = cw_scene_pick (scene, number->rect.x + number->rect.width / 2,
                          number->rect.y + number->rect.height / 2);
  g_assert_nonnull (picked);
  g_assert_cmpstr (picked->element, ==, "number");
  /* and the number lies inside the TikTok safe zone */
  g_assert_cmpfloat (number->rect.x, >=, format->safe.x);
  g_assert_cmpfloat (number->rect.y, >=, format->safe.y);
  g_assert_cmpfloat (number->rect.y + number->rect.height, <=, format->safe.y + format->safe.height);
}

static void
test_counter_counts (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  CwScene *scene = cw_renderer_get_scene (renderer, 1);

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      g_autofree char *start = NULL;
      g_autofree char *middle = NULL;
      g_autofree char *end = NULL;

      if (node->kind != CW_NODE_COUNTER)
        continue;

      start = cw_node_get_text_at (node, 0);
      middle = cw_node_get_text_at (node, 0.5);
      end = cw_node_get_text_at (node, 1);
      g_assert_cmpstr (start, ==, "0");
      g_assert_cmpstr (middle, ==, "80,500");
      g_assert_cmpstr (end, ==, "161,000");
      return;
    }
  g_assert_not_reached ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cw_test_init (&argc, &argv);
  deck = cw_test_load_deck_file ("templates.clearway");

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/render/golden/%s", goldens[i].name);
      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  g_test_add_func ("/cw/render/pure-function", test_pure_function);
  g_test_add_func ("/cw/render/timeline", test_timeline);
  g_test_add_func ("/cw/render/static-holds", test_static_holds);
  g_test_add_func ("/cw/render/transparent", test_transparent);
  g_test_add_func ("/cw/render/pick", test_pick);
  g_test_add_func ("/cw/render/counter-counts", test_counter_counts);

  ret = g_test_run ();
  g_object_unref (deck);
  return ret;
}
