/* test-render.c: what the frames look like, and that they are a pure function of time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-renderer-private.h"
#include "cw-test-utils.h"

typedef struct
{
  const char *name;
  const char *format;
  const char *slide;
  /* seconds into the slide, or -1 for the moment it has settled */
  double      time;
} Golden;

/* Every slide of the gallery, settled, in a vertical and a square frame,
 * and a few moments mid-animation. Small frames keep the golden images
 * small; layout scales with the frame. */
static const char *gallery_slides[] = {
  "title", "number", "bars", "columns", "ring", "change", "progress", "people", "share",
  "line", "compare", "quote", "safety", "safety-kids",
};
static const char *golden_formats[][2] = {
  { "vertical", "360x640" },
  { "square", "360x360" },
};
static const Golden moments[] = {
  { "title-entering-vertical", "360x640", "title", 0.5 },
  { "title-typewriter-vertical", "360x640", "title", 1.4 },
  { "number-counting-vertical", "360x640", "number", 0.8 },
  { "bars-growing-vertical", "360x640", "bars", 0.7 },
  { "people-filling-vertical", "360x640", "people", 1.0 },
  { "line-drawing-vertical", "360x640", "line", 1.2 },
  { "quote-words-vertical", "360x640", "quote", 0.9 },
  { "crossfade-vertical", "360x640", "number", 0.1 },
  { "push-vertical", "360x640", "bars", 0.25 },
};

static CwDeck *deck;
static CwDeck *gallery;

static void
free_golden (gpointer data)
{
  Golden *g = data;

  g_free ((char *) g->name);
  g_free (g);
}

static void
test_golden (gconstpointer data)
{
  const Golden *g = data;
  g_autoptr(CwFormat) format = cw_format_lookup (g->format, NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  g_autoptr(cairo_surface_t) frame = NULL;
  guint slide = 0, first, n, index;

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      if (g_str_equal (cw_renderer_get_slide_id (renderer, i), g->slide))
        slide = i;
    }
  cw_renderer_get_slide_frames (renderer, slide, &first, &n);
  index = g->time < 0 ? cw_renderer_get_settled_frame (renderer, slide)
                      : first + (guint) (g->time * 30);
  frame = cw_renderer_render_frame (renderer, index);
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

typedef struct
{
  const char *name;
  const char *deck;
  const char *format;
  gboolean    transparent;
  /* draw like the editor's preview: ARGB32 on a dark ground */
  gboolean    preview;
  /* the language to draw, English unless given */
  const char *language;
} LayerCase;

static const LayerCase layer_cases[] = {
  /* one slide per template, crossfade and push */
  { "gallery", "gallery.clearway", "180x320", FALSE, FALSE },
  { "gallery-square-preview", "gallery.clearway", "180x180", FALSE, TRUE },
  /* crossfade, push and wipe */
  { "templates", "templates.clearway", "180x320", FALSE, FALSE },
  { "templates-transparent", "templates.clearway", "180x320", TRUE, FALSE },
  { "templates-transparent-preview", "templates.clearway", "180x320", TRUE, TRUE },
  /* drawn shapes that fade, painted from an image of each */
  { "fades", "fades.clearway", "180x320", FALSE, FALSE },
  { "fades-preview", "fades.clearway", "180x320", TRUE, TRUE },
  /* mirrored motion and a wipe from the right */
  { "rtl", "rtl.clearway", "180x320", FALSE, FALSE },
  /* a push and a wipe from the right */
  { "templates-rtl", "templates.clearway", "180x320", FALSE, FALSE, "ar" },
  /* a number counting far from a line fading in, bars coming in one by one */
  { "reference", "reference.clearway", "180x320", FALSE, FALSE },
};

static cairo_surface_t *
draw_for_layers (CwRenderer     *renderer,
                 const LayerCase *c,
                 guint           frame)
{
  const CwFormat *format = cw_renderer_get_format (renderer);
  cairo_surface_t *surface;
  g_autoptr(cairo_t) cr = NULL;

  if (!c->preview)
    return cw_renderer_render_frame (renderer, frame);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, format->width, format->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_paint (cr);
  cw_renderer_draw_frame (renderer, cr, frame);
  cairo_surface_flush (surface);
  return surface;
}

/* Returns: the number of pixels that differ at all; @diff shows them in red
 * over a dimmed copy of @expected. RGB24 leaves its top byte undefined. */
static guint64
count_different_pixels (cairo_surface_t  *actual,
                        cairo_surface_t  *expected,
                        cairo_surface_t **diff)
{
  int w = cairo_image_surface_get_width (actual);
  int h = cairo_image_surface_get_height (actual);
  guint32 mask = cairo_image_surface_get_format (actual) == CAIRO_FORMAT_RGB24 ? 0xffffff : 0xffffffff;
  int sa = cairo_image_surface_get_stride (actual);
  int se = cairo_image_surface_get_stride (expected);
  const guint8 *pa = cairo_image_surface_get_data (actual);
  const guint8 *pe = cairo_image_surface_get_data (expected);
  guint8 *pd;
  int sd;
  guint64 n = 0;

  *diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  pd = cairo_image_surface_get_data (*diff);
  sd = cairo_image_surface_get_stride (*diff);
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (pa + (gsize) y * sa);
      const guint32 *re = (const guint32 *) (gconstpointer) (pe + (gsize) y * se);
      guint32 *rd = (guint32 *) (gpointer) (pd + (gsize) y * sd);

      for (int x = 0; x < w; x++)
        {
          guint32 grey = ((re[x] >> 8) & 0xff) / 3;

          if ((ra[x] & mask) != (re[x] & mask))
            n++;
          rd[x] = (ra[x] & mask) != (re[x] & mask) ? 0xff0000 : (grey << 16 | grey << 8 | grey);
        }
    }
  cairo_surface_mark_dirty (*diff);
  return n;
}

/* Every frame of the deck (entering, holding, leaving and every
 * transition), drawn in order over cached layers as export and playback
 * draw them, is exactly the frame drawn whole. */
static void
test_layers (gconstpointer data)
{
  const LayerCase *c = data;
  g_autoptr(CwDeck) clip = cw_test_load_deck_file (c->deck);
  g_autoptr(CwFormat) format = cw_format_lookup (c->format, NULL);
  g_autoptr(CwRenderer) cached = NULL;
  g_autoptr(CwRenderer) whole = NULL;
  guint most_layers = 0;
  guint n_transitions = 0;

  cw_deck_set_transparent (clip, c->transparent);
  cached = cw_renderer_new (clip, c->language ? c->language : "en", format, 30);
  whole = cw_renderer_new (clip, c->language ? c->language : "en", format, 30);
  cw_renderer_set_cache_layers (whole, FALSE);
  g_assert_true (cw_renderer_get_cache_layers (cached));

  for (guint frame = 0; frame < cw_renderer_get_n_frames (cached); frame++)
    {
      g_autoptr(cairo_surface_t) actual = NULL;
      g_autoptr(cairo_surface_t) expected = NULL;
      g_autoptr(cairo_surface_t) diff = NULL;
      guint64 n;
      guint slide = cw_renderer_get_slide_at_frame (cached, frame);
      guint first;

      /* a hold repeats the frame before it, and the exporter draws it once */
      if (frame > 0 && cw_renderer_frames_identical (cached, frame - 1, frame))
        continue;
      actual = draw_for_layers (cached, c, frame);
      expected = draw_for_layers (whole, c, frame);
      n = count_different_pixels (actual, expected, &diff);

      cw_renderer_get_slide_frames (cached, slide, &first, NULL);
      if (slide > 0 && frame == first)
        n_transitions++;
      most_layers = MAX (most_layers, cw_renderer_get_n_layers (cached));
      g_assert_cmpuint (cw_renderer_get_n_layers (whole), ==, 0);

      if (n > 0)
        {
          g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "golden-out", NULL);
          g_autofree char *actual_path = g_strdup_printf ("%s/layers-%s-%u-actual.png", out_dir, c->name, frame);
          g_autofree char *expected_path = g_strdup_printf ("%s/layers-%s-%u-expected.png", out_dir, c->name, frame);
          g_autofree char *diff_path = g_strdup_printf ("%s/layers-%s-%u-diff.png", out_dir, c->name, frame);

          g_mkdir_with_parents (out_dir, 0755);
          cairo_surface_write_to_png (actual, actual_path);
          cairo_surface_write_to_png (expected, expected_path);
          cairo_surface_write_to_png (diff, diff_path);
          g_test_message ("frame %u of %s (slide “%s”, %.2f s in) drawn over layers differs from the whole "
                          "frame in %" G_GUINT64_FORMAT " pixels; see %s and %s",
                          frame, c->deck, cw_renderer_get_slide_id (cached, slide), (frame - first) / 30.0, n,
                          actual_path, diff_path);
          g_test_fail ();
          return;
        }
    }

  /* the comparison meant something: layers were drawn, and kept within bounds */
  g_assert_cmpuint (most_layers, >, 0);
  g_assert_cmpuint (most_layers, <=, 16);
  g_assert_cmpuint (n_transitions, >, 0);
}

/* Writes @actual, @expected and their difference beside the golden images' and fails the test. */
static void
fail_with_frames (const char      *kind,
                  const LayerCase *c,
                  CwRenderer      *renderer,
                  guint            frame,
                  cairo_surface_t *actual,
                  cairo_surface_t *expected,
                  cairo_surface_t *diff,
                  guint64          n)
{
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "golden-out", NULL);
  g_autofree char *actual_path = g_strdup_printf ("%s/%s-%s-%u-actual.png", out_dir, kind, c->name, frame);
  g_autofree char *expected_path = g_strdup_printf ("%s/%s-%s-%u-expected.png", out_dir, kind, c->name, frame);
  g_autofree char *diff_path = g_strdup_printf ("%s/%s-%s-%u-diff.png", out_dir, kind, c->name, frame);
  guint slide = cw_renderer_get_slide_at_frame (renderer, frame);
  guint first;

  cw_renderer_get_slide_frames (renderer, slide, &first, NULL);
  g_mkdir_with_parents (out_dir, 0755);
  cairo_surface_write_to_png (actual, actual_path);
  cairo_surface_write_to_png (expected, expected_path);
  cairo_surface_write_to_png (diff, diff_path);
  g_test_message ("frame %u of %s (slide “%s”, %.2f s in) drawn %s differs from the whole "
                  "frame in %" G_GUINT64_FORMAT " pixels; see %s and %s",
                  frame, c->deck, cw_renderer_get_slide_id (renderer, slide), (frame - first) / 30.0, kind, n,
                  actual_path, diff_path);
  g_test_fail ();
}

/* Returns: the number of pixels outside @box that differ at all */
static guint64
count_changed_outside (cairo_surface_t             *before,
                       cairo_surface_t             *after,
                       const cairo_rectangle_int_t *box)
{
  int w = cairo_image_surface_get_width (after);
  int h = cairo_image_surface_get_height (after);
  guint32 mask = cairo_image_surface_get_format (after) == CAIRO_FORMAT_RGB24 ? 0xffffff : 0xffffffff;
  int sb = cairo_image_surface_get_stride (before);
  int sa = cairo_image_surface_get_stride (after);
  const guint8 *pb = cairo_image_surface_get_data (before);
  const guint8 *pa = cairo_image_surface_get_data (after);
  guint64 n = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *rb = (const guint32 *) (gconstpointer) (pb + (gsize) y * sb);
      const guint32 *ra = (const guint32 *) (gconstpointer) (pa + (gsize) y * sa);

      for (int x = 0; x < w; x++)
        {
          gboolean inside = x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height;

          if (!inside && (ra[x] & mask) != (rb[x] & mask))
            n++;
        }
    }
  return n;
}

static cairo_surface_t *
copy_surface (cairo_surface_t *surface)
{
  cairo_surface_t *copy = cairo_image_surface_create (cairo_image_surface_get_format (surface),
                                                      cairo_image_surface_get_width (surface),
                                                      cairo_image_surface_get_height (surface));
  g_autoptr(cairo_t) cr = cairo_create (copy);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_surface_flush (copy);
  return copy;
}

/* Frames drawn one after another into the same surfaces, as an export's
 * worker draws them (redrawing only what moved since the frame a surface
 * holds), are each exactly the frame drawn whole: in the order an export
 * draws them into a worker's two surfaces, every frame into one, and
 * backwards, so a surface also holds frames far from the next. Where the
 * target tells what a frame changed (a PNG encoder then reuses the rest of
 * the frame before), nothing outside that box changed. A transition's
 * frames, of every kind the deck has, are drawn over the backdrop its
 * slides share and redraw only their contents too. */
static void
test_incremental (gconstpointer data)
{
  const LayerCase *c = data;
  g_autoptr(CwDeck) clip = cw_test_load_deck_file (c->deck);
  g_autoptr(CwFormat) format = cw_format_lookup (c->format, NULL);
  g_autoptr(CwRenderer) cached = NULL;
  g_autoptr(CwRenderer) whole = NULL;
  cairo_format_t surface_format = c->transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
  guint n_frames;
  guint n_reused = 0;
  guint n_drawn = 0;
  guint n_known = 0;
  guint n_in_transitions[CW_N_TRANSITIONS] = { 0 };
  guint n_reused_in_transitions[CW_N_TRANSITIONS] = { 0 };

  cw_deck_set_transparent (clip, c->transparent);
  cached = cw_renderer_new (clip, c->language ? c->language : "en", format, 30);
  whole = cw_renderer_new (clip, c->language ? c->language : "en", format, 30);
  cw_renderer_set_cache_layers (whole, FALSE);
  n_frames = cw_renderer_get_n_frames (cached);
  /* a case in Arabic draws what moves from the right */
  g_assert_true (cw_renderer_get_scene (cached, 0)->rtl == (g_strcmp0 (c->language, "ar") == 0));

  for (guint order = 0; order < 3; order++)
    {
      CwFrameTarget *targets[2] = { NULL, NULL };
      guint n_targets = order == 0 ? 2 : 1;
      guint next = 0;

      for (guint i = 0; i < n_targets; i++)
        {
          g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (surface_format, format->width,
                                                                           format->height);
          targets[i] = cw_frame_target_new (surface);
        }

      for (guint i = 0; i < n_frames; i++)
        {
          guint frame = order == 2 ? n_frames - 1 - i : i;
          CwFrameTarget *target = targets[next];
          g_autoptr(cairo_surface_t) expected = NULL;
          g_autoptr(cairo_surface_t) diff = NULL;
          g_autoptr(cairo_surface_t) before = NULL;
          cairo_rectangle_int_t changed;
          guint64 n;

          /* an export writes a hold's repeats without drawing them */
          if (order == 0 && frame > 0 && cw_renderer_frames_identical (cached, frame - 1, frame))
            continue;
          before = copy_surface (cw_frame_target_get_surface (target));
          cw_renderer_draw_frame_into (cached, target, frame);
          n_reused += cw_frame_target_get_reused (target);
          n_drawn++;
          {
            double t;

            if (!cw_renderer_get_frame_time (cached, frame, &t))
              {
                guint slide = cw_renderer_get_slide_at_frame (cached, frame);
                CwTransitionType type = cw_slide_get_transition (cw_deck_get_slide (clip, slide));

                n_in_transitions[type]++;
                n_reused_in_transitions[type] += cw_frame_target_get_reused (target);
              }
          }
          if (cw_frame_target_get_changed (target, &changed))
            {
              guint64 outside = count_changed_outside (before, cw_frame_target_get_surface (target), &changed);

              n_known++;
              if (outside > 0)
                {
                  g_test_message ("frame %u of %s changed %" G_GUINT64_FORMAT " pixels outside the "
                                  "box it tells, %d,%d %d×%d",
                                  frame, c->deck, outside, changed.x, changed.y, changed.width, changed.height);
                  g_test_fail ();
                  break;
                }
            }
          expected = cw_renderer_render_frame (whole, frame);
          n = count_different_pixels (cw_frame_target_get_surface (target), expected, &diff);
          if (n > 0)
            {
              fail_with_frames ("incrementally", c, cached, frame, cw_frame_target_get_surface (target),
                                expected, diff, n);
              break;
            }
          next = (next + 1) % n_targets;
        }
      for (guint i = 0; i < n_targets; i++)
        cw_frame_target_free (targets[i]);
      if (g_test_failed ())
        return;
    }

  /* the comparison meant something: most frames redrew only what moved,
   * and told what that was */
  g_assert_cmpuint (n_reused, >, n_drawn / 4);
  g_assert_cmpuint (n_known, >, n_drawn / 4);
  for (guint type = 0; type < CW_N_TRANSITIONS; type++)
    {
      if (n_in_transitions[type] == 0)
        continue;
      if (n_reused_in_transitions[type] < n_in_transitions[type] / 2)
        {
          g_test_message ("%s: %u of %u frames of transitions of kind %u redrew only their contents",
                          c->deck, n_reused_in_transitions[type], n_in_transitions[type], type);
          g_test_fail ();
        }
    }
}

/* A slide starts with none of its elements in: its first frame is drawn
 * over the backdrop itself, not over a copy of it that has nothing more.
 * Later, a layer is drawn only for still elements that show for several
 * frames; those that show for a frame or two (a bar between two others
 * coming in) are drawn over the layer before. The reference clip drawn as
 * an export has eight: the backdrop, two for slide 0's title and number
 * and its end, two for its bars and their end, three for slide 2's
 * lines. */
static void
test_layers_few_drawn (void)
{
  g_autoptr(CwDeck) clip = cw_test_load_deck_file ("reference.clearway");
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (clip, "en", format, 30);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width,
                                                                   format->height);
  CwFrameTarget *target = cw_frame_target_new (surface);

  cw_renderer_draw_frame_into (renderer, target, 0);
  g_assert_cmpuint (cw_renderer_get_n_layers_drawn (renderer), ==, 1);
  for (guint frame = 1; frame < cw_renderer_get_n_frames (renderer); frame++)
    {
      if (!cw_renderer_frames_identical (renderer, frame - 1, frame))
        cw_renderer_draw_frame_into (renderer, target, frame);
    }
  cw_frame_target_free (target);
  g_assert_cmpuint (cw_renderer_get_n_backdrops_drawn (renderer), ==, 1);
  g_assert_cmpuint (cw_renderer_get_n_layers_drawn (renderer), <=, 8);
}

/* Drawn into one surface as an export's worker draws, each frame of the
 * reference clip after the first puts back only what changed: a new still
 * layer differs from the one before it (the backdrop, or the layer it was
 * drawn over in place) only where its new elements are. On the counter
 * slide the number counting up (high) and the source line fading in (at
 * the foot) are put back each in its own box, not in one around both. */
static void
test_layers_put_back (void)
{
  g_autoptr(CwDeck) clip = cw_test_load_deck_file ("reference.clearway");
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (clip, "en", format, 30);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width,
                                                                   format->height);
  CwFrameTarget *target = cw_frame_target_new (surface);
  guint n_full = 0;

  for (guint frame = 0; frame < cw_renderer_get_n_frames (renderer); frame++)
    {
      double t;

      if (frame > 0 && cw_renderer_frames_identical (renderer, frame - 1, frame))
        continue;
      cw_renderer_draw_frame_into (renderer, target, frame);
      if (frame > 0 && !cw_frame_target_get_reused (target))
        {
          g_test_message ("frame %u put its whole layer back", frame);
          n_full++;
        }
      if (cw_renderer_get_slide_at_frame (renderer, frame) == 0 && cw_renderer_get_frame_time (renderer, frame, &t) &&
          t >= 1.0 && t < 1.4)
        {
          cairo_rectangle_int_t changed;

          /* the number counts; the source line fades in */
          g_assert_true (cw_frame_target_get_changed (target, &changed));
          g_assert_cmpint (changed.height, >, format->height / 3);
          g_assert_cmpuint (cw_frame_target_get_n_put_back (target) * 2, <,
                            (guint64) changed.width * changed.height);
        }
    }
  cw_frame_target_free (target);
  g_assert_cmpuint (n_full, ==, 0);
}

/* At an export's size the layers' cache holds two frames' worth. The
 * backdrop all slides share is the dearest layer to draw: a clip drawn as
 * an export draws it (its bars coming in one by one, over still layers
 * that grow with them, and crossfades) draws it once, rather than each
 * time a still layer or a transition pushed it out. */
static void
test_backdrop_kept (void)
{
  g_autoptr(CwDeck) clip = cw_test_load_deck_file ("reference.clearway");
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (clip, "en", format, 30);
  CwFrameTarget *targets[2];
  guint n_drawn = 0;

  g_assert_cmpint (format->width * format->height, ==, 1080 * 1920);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width,
                                                                       format->height);
      targets[i] = cw_frame_target_new (surface);
    }
  for (guint frame = 0; frame < cw_renderer_get_n_frames (renderer); frame++)
    {
      if (frame > 0 && cw_renderer_frames_identical (renderer, frame - 1, frame))
        continue;
      cw_renderer_draw_frame_into (renderer, targets[n_drawn++ % 2], frame);
    }
  for (guint i = 0; i < 2; i++)
    cw_frame_target_free (targets[i]);

  g_assert_cmpuint (cw_renderer_get_n_slides (renderer), ==, 3);
  g_assert_cmpuint (cw_renderer_get_n_backdrops_drawn (renderer), ==, 1);
}

typedef struct
{
  CwRenderer *cached;
  CwRenderer *whole;
  guint       next;
  guint       n_different;
} LayerThreads;

static gpointer
draw_layer_frames (gpointer data)
{
  LayerThreads *state = data;
  LayerCase c = { 0 };
  guint frame;

  while ((frame = g_atomic_int_add (&state->next, 1)) < cw_renderer_get_n_frames (state->cached))
    {
      g_autoptr(cairo_surface_t) actual = draw_for_layers (state->cached, &c, frame);
      g_autoptr(cairo_surface_t) expected = draw_for_layers (state->whole, &c, frame);
      g_autoptr(cairo_surface_t) diff = NULL;

      if (count_different_pixels (actual, expected, &diff) > 0)
        g_atomic_int_inc (&state->n_different);
    }
  return NULL;
}

/* The exporter draws frames on several threads from one renderer: they
 * share its layers, and each frame is still the whole frame. */
static void
test_layers_threads (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  LayerThreads state = { 0 };
  GThread *threads[4];

  state.cached = cw_renderer_new (gallery, "en", format, 30);
  state.whole = cw_renderer_new (gallery, "en", format, 30);
  cw_renderer_set_cache_layers (state.whole, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("draw", draw_layer_frames, &state);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (state.n_different, ==, 0);
  g_assert_cmpuint (cw_renderer_get_n_layers (state.cached), >, 0);
  g_object_unref (state.cached);
  g_object_unref (state.whole);
}

/* The preview warms a renderer when a deck is laid out, so its first frame
 * draws no layer; and while it plays, the next slide's background is drawn
 * ahead of that slide's first frame. */
static void
test_layers_warm (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  g_autoptr(cairo_surface_t) surface = NULL;
  guint frame = cw_renderer_get_settled_frame (renderer, 1);
  guint first, n, layers;

  g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, 0);
  cw_renderer_warm (renderer, frame);
  layers = cw_renderer_get_n_layers (renderer);
  g_assert_cmpuint (layers, >, 0);
  surface = cw_renderer_render_frame (renderer, frame);
  g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, layers);

  /* two seconds before the next slide: too early */
  cw_renderer_get_slide_frames (renderer, 1, &first, &n);
  cw_renderer_prefetch (renderer, first + n - 60);
  g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, layers);
  /* half a second before it: its background is there already, since the
   * slides share it and this one's is drawn */
  cw_renderer_prefetch (renderer, first + n - 15);
  g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, layers);
}

/* The slides of a deck have one background and texture, the dearest
 * layer to draw: it is drawn ahead of the second slide, once, and serves
 * every slide after it (that the frames drawn over it are the frames
 * drawn whole, /cw/render/layers/ checks). */
static void
test_layers_shared_backdrop (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  guint n_slides = cw_renderer_get_n_slides (renderer);

  g_assert_cmpuint (n_slides, >, 2);
  for (guint slide = 0; slide + 1 < n_slides; slide++)
    {
      guint first, n;

      cw_renderer_get_slide_frames (renderer, slide, &first, &n);
      /* half a second before the next slide: its background is drawn, once */
      cw_renderer_prefetch (renderer, first + n - 15);
      g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, 1);
      cw_renderer_prefetch (renderer, first + n - 14);
      g_assert_cmpuint (cw_renderer_get_n_layers (renderer), ==, 1);
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

/* Off (the default), a hold is one still picture, texture and all, so the
 * exporter writes it once. A theme's drift makes each frame of the hold
 * its own, texture moving and content still, and starts and ends at rest:
 * the settled frame is the still one. */
static void
test_ambient_drift (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(CwDeck) drifting = cw_deck_copy (deck);
  g_autoptr(CwRenderer) still = NULL;
  g_autoptr(CwRenderer) moving = NULL;
  g_autoptr(cairo_surface_t) still_settled = NULL;
  g_autoptr(cairo_surface_t) still_mid = NULL;
  g_autoptr(cairo_surface_t) moving_settled = NULL;
  g_autoptr(cairo_surface_t) moving_mid = NULL;
  guint settled, first, n, mid;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(CwDeck) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  /* a texture to drift */
  cw_theme_set_texture (cw_deck_get_theme (drifting), CW_TEXTURE_CONTOURS);
  g_assert_cmpint (cw_theme_get_ambient (cw_deck_get_theme (drifting)), ==, CW_AMBIENT_NONE);
  still = cw_renderer_new (drifting, "en", format, 30);
  settled = cw_renderer_get_settled_frame (still, 1);
  cw_renderer_get_slide_frames (still, 1, &first, &n);
  mid = (settled + first + n - 1) / 2;
  g_assert_cmpuint (mid, >, settled + 5);

  g_assert_true (cw_renderer_frames_identical (still, settled, mid));
  still_settled = cw_renderer_render_frame (still, settled);
  still_mid = cw_renderer_render_frame (still, mid);
  g_assert_true (surfaces_equal (still_settled, still_mid));

  cw_theme_set_ambient (cw_deck_get_theme (drifting), CW_AMBIENT_DRIFT);
  moving = cw_renderer_new (drifting, "en", format, 30);
  /* the drift does not change the timing */
  g_assert_cmpuint (cw_renderer_get_n_frames (moving), ==, cw_renderer_get_n_frames (still));
  g_assert_false (cw_renderer_frames_identical (moving, settled, mid));
  g_assert_false (cw_renderer_frames_identical (moving, mid, mid + 1));
  moving_settled = cw_renderer_render_frame (moving, settled);
  moving_mid = cw_renderer_render_frame (moving, mid);
  g_assert_true (surfaces_equal (moving_settled, still_settled));
  g_assert_false (surfaces_equal (moving_mid, moving_settled));

  /* it is the deck's setting, kept in its file */
  saved = cw_deck_save_to_bytes (drifting);
  xml = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_nonnull (strstr (xml, "ambient=\"drift\""));
  reloaded = cw_test_load_string (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cw_theme_get_ambient (cw_deck_get_theme (reloaded)), ==, CW_AMBIENT_DRIFT);
}

static void
test_exit (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  CwScene *scene = cw_renderer_get_scene (renderer, 0);
  guint first, n;
  const CwNode *headline = NULL;
  g_autoptr(cairo_surface_t) before_exit = NULL;
  g_autoptr(cairo_surface_t) last = NULL;

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      if (g_strcmp0 (node->element, "headline") == 0)
        headline = node;
    }
  g_assert_nonnull (headline);
  g_assert_cmpint (headline->exit.effect, ==, CW_EFFECT_FADE);

  cw_renderer_get_slide_frames (renderer, 0, &first, &n);
  /* the hold ends where the exit begins: those frames are no longer alike */
  g_assert_false (cw_renderer_frames_identical (renderer, first + n - 8, first + n - 1));
  before_exit = cw_renderer_render_frame (renderer, first + n - 20);
  last = cw_renderer_render_frame (renderer, first + n - 1);
  /* the headline has faded by the last frame */
  g_assert_cmpfloat (cw_test_surface_difference (before_exit, last, NULL), >, 0.01);
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

/* The columns where node @index of @scene leaves ink at @t, drawn alone
 * on nothing: FALSE when it leaves none. */
static gboolean
node_ink_columns (CwScene *scene,
                  guint    index,
                  double   t,
                  int     *left,
                  int     *right)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->width,
                                                                   scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  const guint8 *data;
  int stride;

  cw_scene_draw_nodes (scene, cr, index, index + 1, t);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  *left = scene->width;
  *right = -1;
  for (int y = 0; y < scene->height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < scene->width; x++)
        {
          /* faint antialiasing is not ink a viewer sees move */
          if ((row[x] >> 24) > 96)
            {
              *left = MIN (*left, x);
              *right = MAX (*right, x);
            }
        }
    }
  return *right >= 0;
}

/* A centred number that counts up never slides sideways: each digit keeps
 * its place, so the number's right edge holds still from frame to frame
 * (the number moved about 60 px at 99,999 → 100,000) and it only grows to
 * the left, inside the box of the settled number; its ink stays in that
 * box too. Ink alone cannot tell, since a "1" ends short of a "0". */
static void
test_counter_holds_still (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "<meta><title>Count</title><language>en</language></meta>",
    "<statistics>",
    "  <statistic id=\"cleared\" value=\"160000\" unit=\"ha\" as-of=\"2024\" source=\"ANAMA\"/>",
    "</statistics>",
    "<slides>",
    "  <slide id=\"number\" template=\"big-number\">",
    "    <field name=\"statistic\" value=\"cleared\"/>",
    "    <text name=\"label\">hectares cleared</text>",
    "  </slide>",
    "</slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) counting = cw_test_load_lines (lines, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("540x960", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  CwScene *scene;
  const CwNode *counter = NULL;
  guint index = 0;
  int settled_left, settled_right;
  CwRect settled;
  gboolean crossed = FALSE;

  g_assert_no_error (error);
  renderer = cw_renderer_new (counting, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 0);
  for (guint i = 0; i < scene->nodes->len && counter == NULL; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (node->kind == CW_NODE_COUNTER)
        {
          counter = node;
          index = i;
        }
    }
  g_assert_nonnull (counter);
  g_assert_cmpint (counter->align, ==, PANGO_ALIGN_CENTER);
  g_assert_true (node_ink_columns (scene, index, scene->settle_time, &settled_left, &settled_right));
  cw_scene_get_counter_box (scene, index, scene->settle_time, &settled);

  for (double t = counter->enter.delay; t <= cw_animation_get_end (&counter->enter) + 0.01; t += 1 / 30.0)
    {
      int left, right;
      CwRect box;
      double progress = cw_animation_get_raw_progress (&counter->enter, t);
      g_autofree char *shown = cw_node_get_text_at (counter, cw_easing_apply (counter->enter.easing, progress));

      if (!node_ink_columns (scene, index, t, &left, &right))
        continue;
      crossed |= g_str_has_prefix (shown, "1") && strlen (shown) == 7;
      cw_scene_get_counter_box (scene, index, t, &box);
      g_assert_cmpfloat_with_epsilon (box.x + box.width, settled.x + settled.width, 0.5);
      g_assert_cmpfloat (box.x, >=, settled.x - 0.5);
      g_assert_cmpint (right, <=, settled_right + 3);
      g_assert_cmpint (left, >=, settled_left - 3);
    }
  /* the count went through 100,000 and beyond */
  g_assert_true (crossed);
}

/* Pixels of node @index of @scene drawn alone at @t that are nearer
 * @color than @other: how much of a chart is lit. */
static guint
count_node_pixels (CwScene       *scene,
                   guint          index,
                   double         t,
                   const CwColor *color,
                   const CwColor *other)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->width,
                                                                   scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint n = 0;

  cw_scene_draw_nodes (scene, cr, index, index + 1, t);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < scene->height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < scene->width; x++)
        {
          guint a = row[x] >> 24;
          double r, g, b, near, far;

          if (a < 250)
            continue;
          r = ((row[x] >> 16) & 0xff) / 255.0;
          g = ((row[x] >> 8) & 0xff) / 255.0;
          b = (row[x] & 0xff) / 255.0;
          near = pow (r - color->red, 2) + pow (g - color->green, 2) + pow (b - color->blue, 2);
          far = pow (r - other->red, 2) + pow (g - other->green, 2) + pow (b - other->blue, 2);
          n += near < far;
        }
    }
  return n;
}

/* The symbols fill as the number counts: a viewer who reads "1,843"
 * sees about 18 of the 34 symbols lit (they saw about 10). */
static void
test_pictogram_keeps_count (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  CwScene *scene = NULL;
  const CwNode *counter = NULL;
  const CwNode *icons = NULL;
  guint icons_index = 0;
  /* symbols not yet counted are drawn in the theme's track colour */
  CwColor empty = cw_theme_get_track_color (cw_deck_get_theme (gallery));
  double per_icon = 100;
  double full, per_symbol;
  guint checked = 0;

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    if (g_str_equal (cw_renderer_get_slide_id (renderer, i), "people"))
      scene = cw_renderer_get_scene (renderer, i);
  g_assert_nonnull (scene);
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (node->kind == CW_NODE_COUNTER)
        counter = node;
      else if (g_strcmp0 (node->element, "icons") == 0)
        {
          icons = node;
          icons_index = i;
        }
    }
  g_assert_nonnull (counter);
  g_assert_nonnull (icons);
  g_assert_cmpfloat (counter->value, ==, 3400);

  /* the settled grid: 34 symbols, all lit */
  full = count_node_pixels (scene, icons_index, scene->settle_time, &icons->color, &empty);
  per_symbol = full / (counter->value / per_icon);
  g_assert_cmpfloat (per_symbol, >, 20);

  for (double t = counter->enter.delay + 0.1; t < cw_animation_get_end (&counter->enter); t += 0.2)
    {
      double progress = cw_easing_apply (counter->enter.easing, cw_animation_get_raw_progress (&counter->enter, t));
      double shown = floor (counter->value * progress + 0.5);
      double lit = count_node_pixels (scene, icons_index, t, &icons->color, &empty) / per_symbol;

      g_test_message ("at %.2f s the number shows %.0f and %.1f symbols are lit", t, shown, lit);
      g_assert_cmpfloat (ABS (lit - shown / per_icon), <=, 1);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
}

static CwScene *
find_scene (CwRenderer *renderer,
            const char *slide)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    if (g_str_equal (cw_renderer_get_slide_id (renderer, i), slide))
      return cw_renderer_get_scene (renderer, i);
  g_error ("no slide “%s”", slide);
  return NULL;
}

static CwNode *
find_node (CwScene    *scene,
           const char *element)
{
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      CwNode *node = g_ptr_array_index (scene->nodes, i);

      if (g_strcmp0 (node->element, element) == 0)
        return node;
    }
  g_error ("no element “%s”", element);
  return NULL;
}

/* A change is shown as a change: an arrow pointing down beside "60%", in
 * the statistic's tone, not a ring 60 % full that reads as "60 % done";
 * the arrow says "less", so the number has no minus sign, and no counter
 * shows "−0%" in its first frames. The sample's fall in incidents uses it. */
static void
test_percent_change (void)
{
  g_autoptr(CwFormat) format = cw_format_lookup ("360x640", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (gallery, "en", format, 30);
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  CwScene *scene = find_scene (renderer, "change");
  CwNode *arrow = find_node (scene, "gauge");
  CwNode *number = find_node (scene, "number");
  CwNode *ring_number = find_node (find_scene (renderer, "ring"), "number");
  CwTheme *theme = cw_deck_get_theme (gallery);
  CwColor tone = cw_theme_get_tone_color (theme, cw_statistic_get_tone (cw_deck_find_statistic (gallery, "incident_drop")));
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->width, scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  g_autofree char *settled = cw_node_get_text_at (number, 1);
  g_autofree char *ring_start = cw_node_get_text_at (ring_number, 0);
  g_autofree char *ring_settled = cw_node_get_text_at (ring_number, 1);
  int widest_row = -1, widest = 0;
  int top = (int) arrow->rect.y, bottom = (int) (arrow->rect.y + arrow->rect.height);

  g_assert_cmpint (arrow->kind, ==, CW_NODE_CUSTOM);
  g_assert_true (memcmp (&arrow->color, &tone, sizeof tone) == 0);
  g_assert_true (memcmp (&number->color, &tone, sizeof tone) == 0);
  g_assert_cmpstr (settled, ==, "60%");
  /* beside the number, on one line */
  g_assert_cmpfloat (arrow->rect.x + arrow->rect.width, <=, number->rect.x + 1);
  g_assert_cmpfloat (arrow->rect.y, >=, number->rect.y - 1);
  g_assert_cmpfloat (arrow->rect.y + arrow->rect.height, <=, number->rect.y + number->rect.height + 1);

  /* it points down: its head, the widest part, is in its lower half */
  arrow->draw (arrow, cr, 1);
  cairo_surface_flush (surface);
  for (int y = top; y < bottom; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) + (gsize) y * cairo_image_surface_get_stride (surface));
      int ink = 0;

      for (int x = 0; x < scene->width; x++)
        ink += (row[x] >> 24) > 128;
      if (ink > widest)
        {
          widest = ink;
          widest_row = y;
        }
    }
  g_assert_cmpint (widest_row, >, (top + bottom) / 2);

  /* a minus sign joins the number only once it is not zero */
  g_assert_cmpstr (ring_start, ==, "0%");
  g_assert_cmpstr (ring_settled, ==, "\u221260%");

  g_assert_cmpstr (cw_slide_get_param (cw_deck_find_slide (sample, "incidents"), "style"), ==, "change");
}

/* Mean of (R + G + B) / 3 over @surface, 0 to 255. */
static double
mean_brightness (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  double sum = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < w; x++)
        sum += (((row[x] >> 16) & 0xff) + ((row[x] >> 8) & 0xff) + (row[x] & 0xff)) / 3.0;
    }
  return sum / ((double) w * h);
}

/* The strongest seam in @surface: for each row, how far the brightness of
 * nine pixels in ten at least is from the pixel above (the tenth
 * percentile over the width). A line where one picture ends and another
 * begins changes the whole row at once; text, icons and texture lines
 * change part of it. The median would not do: the edge of one line of
 * bold text covers more than half of a small frame's row. */
static guint
strongest_seam (cairo_surface_t *surface,
                int             *where)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint strongest = 0;

  for (int y = 1; y < h; y++)
    {
      const guint32 *above = (const guint32 *) (gconstpointer) (data + (gsize) (y - 1) * stride);
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
      guint histogram[256] = { 0 };
      guint seen = 0;
      guint median = 0;  /* the tenth percentile */

      for (int x = 0; x < w; x++)
        {
          int a = (((above[x] >> 16) & 0xff) + ((above[x] >> 8) & 0xff) + (above[x] & 0xff)) / 3;
          int b = (((row[x] >> 16) & 0xff) + ((row[x] >> 8) & 0xff) + (row[x] & 0xff)) / 3;

          histogram[ABS (a - b)]++;
        }
      while (seen + histogram[median] <= (guint) w / 10)
        seen += histogram[median++];
      if (median > strongest)
        {
          strongest = median;
          *where = y;
        }
    }
  return strongest;
}

/* The strongest upright seam in @surface: strongest_seam() across the
 * columns, where a wipe's edge would be. */
static guint
strongest_column_seam (cairo_surface_t *surface,
                       int             *where)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint strongest = 0;

  for (int x = 1; x < w; x++)
    {
      guint histogram[256] = { 0 };
      guint seen = 0;
      guint median = 0;  /* the tenth percentile */

      for (int y = 0; y < h; y++)
        {
          const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
          int a = (((row[x - 1] >> 16) & 0xff) + ((row[x - 1] >> 8) & 0xff) + (row[x - 1] & 0xff)) / 3;
          int b = (((row[x] >> 16) & 0xff) + ((row[x] >> 8) & 0xff) + (row[x] & 0xff)) / 3;

          histogram[ABS (a - b)]++;
        }
      while (seen + histogram[median] <= (guint) h / 10)
        seen += histogram[median++];
      if (median > strongest)
        {
          strongest = median;
          *where = x;
        }
    }
  return strongest;
}

static cairo_surface_t *
render_backdrop (CwRenderer *renderer,
                 guint       slide)
{
  CwScene *scene = cw_renderer_get_scene (renderer, slide);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, scene->width, scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cw_scene_draw_background (scene, cr);
  cw_scene_draw_nodes (scene, cr, 0, scene->n_fixed, 0);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
near_content (CwScene *scene,
              int      x,
              int      y,
              double   margin)
{
  for (guint i = scene->n_fixed; i < scene->nodes->len; i++)
    {
      const CwNode *n = g_ptr_array_index (scene->nodes, i);

      if (x >= n->rect.x - margin && x < n->rect.x + n->rect.width + margin &&
          y >= n->rect.y - margin && y < n->rect.y + n->rect.height + margin)
        return TRUE;
    }
  return FALSE;
}

/* How unevenly the two backgrounds are mixed in @frame, away from either
 * slide's content: where the backgrounds differ, each pixel is some share
 * of the way from the old one to the new; a background that stays still
 * and dissolves has one share everywhere, one that is wiped or pushed
 * along has 0 on one side and 1 on the other. Returns the spread of the
 * shares (0 to 1), or 0 when the backgrounds differ nowhere. */
static double
backdrop_mix_spread (CwRenderer      *renderer,
                     guint            slide,
                     cairo_surface_t *frame,
                     cairo_surface_t *old_backdrop,
                     cairo_surface_t *new_backdrop)
{
  CwScene *old_scene = cw_renderer_get_scene (renderer, slide - 1);
  CwScene *new_scene = cw_renderer_get_scene (renderer, slide);
  int w = cairo_image_surface_get_width (frame);
  int h = cairo_image_surface_get_height (frame);
  double margin = w * 0.04;
  double low = 1, high = 0;
  guint counted = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *f = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (frame) + (gsize) y * cairo_image_surface_get_stride (frame));
      const guint32 *o = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (old_backdrop) + (gsize) y * cairo_image_surface_get_stride (old_backdrop));
      const guint32 *n = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (new_backdrop) + (gsize) y * cairo_image_surface_get_stride (new_backdrop));

      for (int x = 0; x < w; x++)
        {
          int best = 0, shift_best = 0;
          double share;

          for (int shift = 0; shift < 24; shift += 8)
            {
              int d = (int) ((n[x] >> shift) & 0xff) - (int) ((o[x] >> shift) & 0xff);
              if (ABS (d) > ABS (best))
                {
                  best = d;
                  shift_best = shift;
                }
            }
          if (ABS (best) < 12 || near_content (old_scene, x, y, margin) || near_content (new_scene, x, y, margin))
            continue;
          share = ((int) ((f[x] >> shift_best) & 0xff) - (int) ((o[x] >> shift_best) & 0xff)) / (double) best;
          low = MIN (low, share);
          high = MAX (high, share);
          counted++;
        }
    }
  g_test_message ("%u pixels where the backgrounds differ", counted);
  return counted < 20 ? 0 : high - low;
}

/* Mean brightness of what never moves in slide @slide: its background and texture. */
static double
backdrop_brightness (CwRenderer *renderer,
                     guint       slide)
{
  CwScene *scene = cw_renderer_get_scene (renderer, slide);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, scene->width,
                                                                   scene->height);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cw_scene_draw_background (scene, cr);
  cw_scene_draw_nodes (scene, cr, 0, scene->n_fixed, 0);
  cairo_surface_flush (surface);
  return mean_brightness (surface);
}

/* Seams and brightness of every transition frame of a deck. The background
 * stays still, so no transition frame has a row where one slide's
 * background meets the other's. The old upward push put the bright bottom
 * of one slide against the dark top of the next, a step of about 20
 * levels across the row at 270×480; a settled slide's gradient steps 0 to
 * 2: 8 is a seam.
 *
 * A crossfade dissolves the content over the shared background: the frame
 * never gets darker than the darker of the two backgrounds (it would if
 * it faded through black), and never more than 8 levels (3 %) darker than
 * both slides: for a moment neither slide's text is there (the old one's
 * has left before the new one's comes), and text adds 4 to 6 levels to
 * these frames. */
static void
test_transitions (gconstpointer data)
{
  const char *deck_name = data;
  g_autoptr(CwDeck) clip = cw_test_load_deck_file (deck_name);
  g_autoptr(CwFormat) format = cw_format_lookup ("270x480", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (clip, "en", format, 30);
  guint n_transitions = 0;

  for (guint slide = 1; slide < cw_renderer_get_n_slides (renderer); slide++)
    {
      CwTransitionType type = cw_slide_get_transition (cw_deck_get_slide (clip, slide));
      g_autoptr(cairo_surface_t) before = NULL;
      g_autoptr(cairo_surface_t) after = NULL;
      g_autoptr(cairo_surface_t) old_backdrop = NULL;
      g_autoptr(cairo_surface_t) new_backdrop = NULL;
      double floor_brightness;
      double backdrop;
      guint first, n, n_frames;

      if (type == CW_TRANSITION_CUT)
        continue;
      n_transitions++;
      cw_renderer_get_slide_frames (renderer, slide, &first, &n);
      n_frames = (guint) lround (cw_slide_get_transition_duration (cw_deck_get_slide (clip, slide)) * 30);
      before = cw_renderer_render_frame (renderer, first - 1);
      after = cw_renderer_render_frame (renderer, first + n_frames);
      floor_brightness = MIN (mean_brightness (before), mean_brightness (after));
      backdrop = MIN (backdrop_brightness (renderer, slide - 1), backdrop_brightness (renderer, slide));
      old_backdrop = render_backdrop (renderer, slide - 1);
      new_backdrop = render_backdrop (renderer, slide);

      for (guint frame = first; frame < first + n_frames; frame++)
        {
          g_autoptr(cairo_surface_t) surface = cw_renderer_render_frame (renderer, frame);
          int row = 0, column = 0;
          guint seam = strongest_seam (surface, &row);
          guint column_seam = strongest_column_seam (surface, &column);
          double brightness = mean_brightness (surface);

          g_test_message ("slide %s, %s, frame %u: strongest seam %u at row %d, brightness %.1f (slides %.1f, %.1f)",
                          cw_renderer_get_slide_id (renderer, slide), cw_transition_to_string (type),
                          frame - first, seam, row, brightness, mean_brightness (before), mean_brightness (after));
          g_test_message ("strongest upright seam %u at column %d", column_seam, column);
          g_assert_cmpuint (seam, <, 8);
          g_assert_cmpuint (column_seam, <, 8);
          if (type != CW_TRANSITION_PUSH)
            {
              /* content that stays in place: whatever is not content is background */
              double spread = backdrop_mix_spread (renderer, slide, surface, old_backdrop, new_backdrop);

              g_test_message ("backgrounds mixed unevenly by %.2f", spread);
              g_assert_cmpfloat (spread, <, 0.2);
            }
          if (type == CW_TRANSITION_CROSSFADE)
            {
              g_assert_cmpfloat (brightness, >=, backdrop - 0.5);
              g_assert_cmpfloat (brightness, >=, floor_brightness - 8);
            }
        }
    }
  g_assert_cmpuint (n_transitions, >, 0);
}

/* Every template has a slide in the gallery deck, and that slide has
 * golden images: a new template cannot skip the layout test (which lays
 * out every gallery slide in every format) or the golden images. */
static void
test_gallery_has_every_template (void)
{
  for (guint i = 0; i < cw_deck_get_n_slides (gallery); i++)
    {
      const char *id = cw_slide_get_id (cw_deck_get_slide (gallery, i));
      gboolean golden = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (gallery_slides); j++)
        golden |= g_str_equal (gallery_slides[j], id);
      if (!golden)
        g_error ("the gallery slide “%s” has no golden images; add it to gallery_slides", id);
    }

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < cw_deck_get_n_slides (gallery); i++)
        shown |= g_str_equal (cw_slide_get_template_id (cw_deck_get_slide (gallery, i)), (*t)->id);
      if (!shown)
        g_error ("no slide of tests/decks/gallery.clearway uses the template “%s”; add one", (*t)->id);
    }
}

/* A new slide says what its figure counts: the label after the number is
 * its statistic's, not the template's example ("168,000 people reached"
 * for hectares cleared). */
static void
test_new_slide_says_what_it_counts (void)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  guint checked = 0;

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      g_autoptr(CwSlide) slide = cw_template_create_slide (*t, sample);

      for (const CwField *f = (*t)->fields; f->name; f++)
        {
          CwStatistic *statistic;
          g_autofree char *expected = NULL;

          if (f->type != CW_FIELD_TEXT || f->count_field == NULL)
            continue;
          statistic = cw_deck_find_statistic (sample, cw_slide_get_param (slide, f->count_field));
          g_assert_nonnull (statistic);
          g_test_message ("%s: %s %s (%s)", (*t)->id, cw_statistic_get_id (statistic),
                          cw_slide_get_text (slide, f->name), cw_statistic_get_label (statistic));
          expected = g_strdup (cw_statistic_get_label (statistic));
          expected[0] = g_ascii_tolower (expected[0]);
          g_assert_cmpstr (cw_slide_get_text (slide, f->name), ==, expected);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);

  /* the big number in particular, linked to the land cleared */
  {
    g_autoptr(CwSlide) slide = cw_template_create_slide (cw_template_lookup ("big-number"), sample);
    CwStatistic *statistic = cw_deck_find_statistic (sample, cw_slide_get_param (slide, "statistic"));

    g_assert_cmpstr (cw_slide_get_text (slide, "label"), !=, "people reached");
    g_assert_true (g_ascii_strcasecmp (cw_slide_get_text (slide, "label"), cw_statistic_get_label (statistic)) == 0);
  }
}

/* What the editor, the catalogs and the gallery need to know about a
 * template, the template says itself. */
static void
test_templates_describe_themselves (void)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  const CwField *kicker = NULL;

  g_assert_true (cw_template_get_default () == cw_template_list ()[0]);

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      const CwTemplate *template = *t;
      g_autoptr(CwSlide) slide = cw_template_create_slide (template, sample);
      const CwField *summary = cw_template_find_field (template, template->summary_field);

      /* a new slide says what it is about in the slide list */
      g_assert_nonnull (summary);
      g_assert_cmpint (summary->type, ==, CW_FIELD_TEXT);
      g_assert_nonnull (cw_template_get_summary (template, slide));

      /* each placeholder it fills in is explained to translators */
      for (const CwPlaceholder *p = template->placeholders; p && p->name; p++)
        {
          g_autofree char *note = cw_template_describe_placeholder (template, p->name, slide, "en");
          g_autofree char *braced = g_strdup_printf ("{%s}", p->name);

          g_assert_nonnull (note);
          g_assert_nonnull (strstr (note, braced));
        }
      g_assert_null (cw_template_describe_placeholder (template, "mines_neutralised", slide, "en"));

      /* a kicker is the same field wherever it is, and supports the slide's point */
      for (const CwField *f = template->fields; f->name; f++)
        {
          if (!g_str_equal (f->name, "kicker"))
            continue;
          if (kicker == NULL)
            kicker = f;
          g_assert_cmpstr (f->label, ==, kicker->label);
          g_assert_cmpuint (f->max_chars, ==, kicker->max_chars);
          g_assert_true (f->optional);
          g_assert_true (cw_template_element_is_supporting (template, f->element));
        }
      if (template->shows_source)
        g_assert_true (cw_template_element_is_supporting (template, "source"));

      /* its figures start with a statistic of the kind it wants */
      for (const CwField *f = template->fields; f->name; f++)
        {
          CwStatistic *statistic;

          if (f->type != CW_FIELD_STATISTIC || f->optional)
            continue;
          statistic = cw_deck_find_statistic (sample, cw_slide_get_param (slide, f->name));
          g_assert_nonnull (statistic);
          switch (template->statistic_kind)
            {
            case CW_STATISTIC_KIND_SERIES:
              g_assert_cmpuint (cw_statistic_get_n_points (statistic), >, 1);
              break;
            case CW_STATISTIC_KIND_PERCENT:
              g_assert_true (cw_statistic_is_percent (statistic));
              break;
            case CW_STATISTIC_KIND_SMALL_FIGURE:
              /* the sample's smallest plain figure */
              g_assert_cmpstr (cw_statistic_get_id (statistic), ==, "victims_since_1991");
              break;
            case CW_STATISTIC_KIND_FIGURE:
            default:
              g_assert_false (cw_statistic_is_percent (statistic));
              g_assert_cmpuint (cw_statistic_get_n_points (statistic), <=, 1);
              break;
            }
        }
    }
  g_assert_nonnull (kicker);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cw_test_init (&argc, &argv);
  deck = cw_test_load_deck_file ("templates.clearway");
  gallery = cw_test_load_deck_file ("gallery.clearway");

  for (guint i = 0; i < G_N_ELEMENTS (gallery_slides); i++)
    for (guint f = 0; f < G_N_ELEMENTS (golden_formats); f++)
      {
        Golden *g = g_new0 (Golden, 1);
        g_autofree char *path = NULL;

        g->name = g_strdup_printf ("%s-settled-%s", gallery_slides[i], golden_formats[f][0]);
        g->format = golden_formats[f][1];
        g->slide = gallery_slides[i];
        g->time = -1;
        path = g_strdup_printf ("/cw/render/golden/%s", g->name);
        g_test_add_data_func_full (path, g, test_golden, free_golden);
      }
  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/render/golden/%s", moments[i].name);
      g_test_add_data_func (path, &moments[i], test_golden);
    }
  for (guint i = 0; i < G_N_ELEMENTS (layer_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/render/layers/%s", layer_cases[i].name);
      g_test_add_data_func (path, &layer_cases[i], test_layers);
    }
  for (guint i = 0; i < G_N_ELEMENTS (layer_cases); i++)
    {
      g_autofree char *path = NULL;

      /* a frame target is for export: the preview's ground makes no case of its own */
      if (layer_cases[i].preview)
        continue;
      path = g_strdup_printf ("/cw/render/incremental/%s", layer_cases[i].name);
      g_test_add_data_func (path, &layer_cases[i], test_incremental);
    }
  g_test_add_func ("/cw/render/layers-threads", test_layers_threads);
  g_test_add_func ("/cw/render/layers-warm", test_layers_warm);
  g_test_add_func ("/cw/render/layers-shared-backdrop", test_layers_shared_backdrop);
  g_test_add_func ("/cw/render/layers-backdrop-kept", test_backdrop_kept);
  g_test_add_func ("/cw/render/layers-few-drawn", test_layers_few_drawn);
  g_test_add_func ("/cw/render/layers-put-back", test_layers_put_back);
  g_test_add_func ("/cw/render/pure-function", test_pure_function);
  g_test_add_func ("/cw/render/timeline", test_timeline);
  g_test_add_func ("/cw/render/static-holds", test_static_holds);
  g_test_add_func ("/cw/render/ambient-drift", test_ambient_drift);
  g_test_add_func ("/cw/render/exit", test_exit);
  g_test_add_func ("/cw/render/transparent", test_transparent);
  g_test_add_func ("/cw/render/pick", test_pick);
  g_test_add_func ("/cw/render/counter-counts", test_counter_counts);
  g_test_add_func ("/cw/render/counter-holds-still", test_counter_holds_still);
  g_test_add_func ("/cw/render/pictogram-keeps-count", test_pictogram_keeps_count);
  g_test_add_func ("/cw/render/percent-change", test_percent_change);
  g_test_add_data_func ("/cw/render/transitions/templates", "templates.clearway", test_transitions);
  g_test_add_data_func ("/cw/render/transitions/gallery", "gallery.clearway", test_transitions);
  g_test_add_func ("/cw/render/gallery-has-every-template", test_gallery_has_every_template);
  g_test_add_func ("/cw/render/templates-describe-themselves", test_templates_describe_themselves);
  g_test_add_func ("/cw/render/new-slide-says-what-it-counts", test_new_slide_says_what_it_counts);

  ret = g_test_run ();
  g_object_unref (deck);
  g_object_unref (gallery);
  return ret;
}
