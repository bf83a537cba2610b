/* test-scene.c: what a scene keeps from one drawing to the next draws what drawing afresh would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-fonts.h"
#include "cw-templates-private.h"
#include "cw-test-utils.h"

static cairo_surface_t *
draw_scene (CwScene *scene,
            double   t)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->width, scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cw_scene_draw (scene, cr, t);
  cairo_surface_flush (surface);
  return surface;
}

/* what no earlier drawing has left anything of: fonts let go forget the
 * layouts laid out with them */
static cairo_surface_t *
draw_scene_afresh (CwScene *scene,
                   double   t)
{
  guint made = cw_fonts_get_n_layouts ();
  guint reused = cw_scene_get_n_layouts_reused ();
  cairo_surface_t *surface;

  cw_fonts_release_fonts ();
  surface = draw_scene (scene, t);
  g_assert_cmpuint (cw_fonts_get_n_layouts (), >, made);
  g_assert_cmpuint (cw_scene_get_n_layouts_reused (), ==, reused);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  g_assert_true (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                         (gsize) stride * height) == 0);
}

/* A count-up lays out the number it shows, the settled number it is
 * placed by and the label under it on every frame: the label and the
 * settled number are laid out once, and each frame, drawn with what the
 * frame before laid out, is the picture drawn afresh. */
static void
test_layouts_reused (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "<meta><title>Count</title><language>en</language></meta>",
    "<statistics>",
    "  <statistic id=\"mines\" value=\"161000\" unit=\"mines\" as-of=\"2024\" source=\"ANAMA\"/>",
    "</statistics>",
    "<slides>",
    "  <slide id=\"number\" template=\"big-number\">",
    "    <field name=\"statistic\" value=\"mines\"/>",
    "    <text name=\"label\">mines neutralised</text>",
    "  </slide>",
    "</slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwScene *scene;
  const CwNode *counter = NULL;
  guint n_checked = 0;

  g_assert_no_error (error);
  renderer = cw_renderer_new (deck, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 0);
  for (guint i = 0; i < scene->nodes->len && counter == NULL; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (node->kind == CW_NODE_COUNTER)
        counter = node;
    }
  g_assert_nonnull (counter);

  for (double t = counter->enter.delay + 0.1; t < cw_animation_get_end (&counter->enter); t += 0.25)
    {
      g_autoptr(cairo_surface_t) before = NULL;
      g_autoptr(cairo_surface_t) again = NULL;
      g_autoptr(cairo_surface_t) afresh = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *shown_before = NULL;
      guint made, reused;

      /* the frame before shows another number */
      shown_before = cw_node_get_text_at (counter, cw_easing_apply (counter->enter.easing,
                                                                    cw_animation_get_raw_progress (&counter->enter, t - 1 / 30.0)));
      shown = cw_node_get_text_at (counter, cw_easing_apply (counter->enter.easing,
                                                             cw_animation_get_raw_progress (&counter->enter, t)));
      g_assert_cmpstr (shown, !=, shown_before);
      before = draw_scene (scene, t - 1 / 30.0);

      made = cw_fonts_get_n_layouts ();
      reused = cw_scene_get_n_layouts_reused ();
      again = draw_scene (scene, t);
      /* only the number it shows now is new */
      g_assert_cmpuint (cw_fonts_get_n_layouts () - made, ==, 1);
      g_assert_cmpuint (cw_scene_get_n_layouts_reused () - reused, >=, 1);

      afresh = draw_scene_afresh (scene, t);
      assert_same_pixels (again, afresh);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 4);
}

static CwScene *
scene_with_text (gboolean rtl)
{
  CwScene *scene = cw_scene_new (400, 120);
  CwRect rect = { 20, 20, 360, 80 };
  CwNode *node = cw_node_new (CW_NODE_TEXT, "headline", &rect);

  scene->rtl = rtl;
  scene->background = (CwColor) { 0, 0, 0, 1 };
  scene->background_end = (CwColor) { 0, 0, 0, 1 };
  node->text = g_strdup ("Mine action");
  node->font_size = 30;
  node->align = PANGO_ALIGN_LEFT;
  cw_scene_add_node (scene, node);
  cw_scene_finish (scene);
  return scene;
}

/* A text in a script that runs the other way from its slide is set at
 * the slide's start, which changes its layout's alignment: the same text
 * drawn next on a slide that runs its way, with the layout kept, still
 * starts where that slide starts. */
static void
test_layouts_follow_direction (void)
{
  g_autoptr(CwScene) ltr = scene_with_text (FALSE);
  g_autoptr(CwScene) rtl = scene_with_text (TRUE);
  g_autoptr(cairo_surface_t) ltr_afresh = draw_scene_afresh (ltr, 0);
  g_autoptr(cairo_surface_t) rtl_afresh = draw_scene_afresh (rtl, 0);

  /* they differ, or this would tell nothing */
  g_assert_cmpfloat (cw_test_surface_difference (ltr_afresh, rtl_afresh, NULL), >, 0.001);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(cairo_surface_t) from_rtl = NULL;
      g_autoptr(cairo_surface_t) from_ltr = NULL;
      guint reused = cw_scene_get_n_layouts_reused ();

      from_rtl = draw_scene (rtl, 0);
      from_ltr = draw_scene (ltr, 0);
      g_assert_cmpuint (cw_scene_get_n_layouts_reused () - reused, >=, 1);
      assert_same_pixels (from_rtl, rtl_afresh);
      assert_same_pixels (from_ltr, ltr_afresh);
    }
}

/* A pictogram grid fills from two images of it, drawn once for all the
 * frames of its filling; once it has filled, a layer holds it and the
 * images go, or each pictogram slide of a long clip kept a few megabytes
 * to its end. Drawn filled once more (its layer let go, or a drifting
 * texture redrawing every frame), they are made again; and the grid drawn
 * without them is the grid drawn with them. */
static void
test_grid_images_let_go (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  g_autoptr(cairo_surface_t) first = NULL;
  g_autoptr(cairo_surface_t) again = NULL;
  CwScene *scene = NULL;
  const CwNode *grid = NULL;
  guint before = cw_templates_get_n_grid_images ();
  double filling, filled;

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer) && grid == NULL; i++)
    {
      scene = cw_renderer_get_scene (renderer, i);
      for (guint j = 0; j < scene->nodes->len && grid == NULL; j++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, j);

          if (g_strcmp0 (node->element, "icons") == 0)
            grid = node;
        }
    }
  g_assert_nonnull (grid);
  filling = grid->enter.delay + grid->enter.duration / 2;
  filled = grid->enter.delay + grid->enter.duration + 0.1;

  /* the first drawing at a place only notes it */
  g_clear_pointer (&first, cairo_surface_destroy);
  first = draw_scene (scene, filling);
  g_clear_pointer (&first, cairo_surface_destroy);
  first = draw_scene (scene, filling);
  g_assert_cmpuint (cw_templates_get_n_grid_images (), ==, before + 2);

  g_clear_pointer (&first, cairo_surface_destroy);
  first = draw_scene (scene, filled);
  g_assert_cmpuint (cw_templates_get_n_grid_images (), ==, before);

  again = draw_scene (scene, filled);
  g_assert_cmpuint (cw_templates_get_n_grid_images (), ==, before + 2);
  assert_same_pixels (first, again);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/scene/layouts-reused", test_layouts_reused);
  g_test_add_func ("/cw/scene/layouts-follow-direction", test_layouts_follow_direction);
  g_test_add_func ("/cw/scene/grid-images-let-go", test_grid_images_let_go);

  return g_test_run ();
}
