/* bench-draw.c: how fast frames are drawn, for export and for the editor's preview
 *
 * Run with `meson test -C _build --benchmark -v` (or build-aux/benchmark.sh).
 * The deck files are the arguments: the reference clip, then the sample is built in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "clearway-core.h"

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* CPU seconds of this thread: on a busy machine, what the drawing itself took */
static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static CwDeck *
load_deck (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CwDeck *deck = cw_deck_load_file (file, NULL, &error);

  if (deck == NULL)
    g_error ("cannot load %s: %s", path, error->message);
  return deck;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Every frame an export draws (a repeat of the frame before is written, not
 * drawn), on this thread only, as one of the exporter's workers does: into
 * two surfaces in turn (the PNG encoder holds the other one), each a frame
 * target that redraws only what moved since the frame it holds. */
static void
draw_export_frames (CwDeck *deck)
{
  g_autoptr(CwFormat) format = cw_format_lookup (cw_deck_get_format (deck), NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, NULL, format, cw_deck_get_fps (deck));
  g_autoptr(CwFrameTarget) target0 = NULL;
  g_autoptr(CwFrameTarget) target1 = NULL;
  CwFrameTarget *targets[2];
  guint n_frames = cw_renderer_get_n_frames (renderer);
  guint drawn = 0;
  guint n_transition = 0;
  double transition_cpu = 0;
  double start, elapsed, cpu;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width,
                                                                       format->height);

      targets[i] = cw_frame_target_new (surface);
    }
  target0 = targets[0];
  target1 = targets[1];

  start = now ();
  cpu = thread_cpu ();
  for (guint f = 0; f < n_frames; f++)
    {
      double frame_cpu = thread_cpu ();
      double t;

      if (f > 0 && cw_renderer_frames_identical (renderer, f - 1, f))
        continue;
      cw_renderer_draw_frame_into (renderer, targets[drawn % 2], f);
      drawn++;
      if (!cw_renderer_get_frame_time (renderer, f, &t))
        {
          n_transition++;
          transition_cpu += thread_cpu () - frame_cpu;
        }
    }
  elapsed = now () - start;
  cpu = thread_cpu () - cpu;
  g_print ("draw, reference clip: %6.1f frames/s on one core (%u of %u frames drawn at %d×%d, %.2f ms each, "
           "%.2f ms of CPU)\n",
           drawn / elapsed, drawn, n_frames, format->width, format->height, elapsed * 1000 / drawn,
           cpu * 1000 / drawn);
  /* the frames of transitions blend two slides: the dearest, once */
  if (n_transition > 0)
    g_print ("draw, reference clip, transitions: %u frames, %.2f ms of CPU each, %.1f ms in all\n",
             n_transition, transition_cpu * 1000 / n_transition, transition_cpu * 1000);
}

/* The editor's preview: once the deck is laid out (and warmed, as the
 * player does), every frame in playback order the way the player draws it,
 * each frame's CPU time (a busy machine does not count) up to its
 * hand-over to the screen. */
static void
draw_preview_frames (CwDeck *deck)
{
  g_autoptr(CwFormat) tiktok = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwFormat) format = cw_format_scaled (tiktok, 540);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, NULL, format, cw_deck_get_fps (deck));
  guint n_frames = cw_renderer_get_n_frames (renderer);
  g_autofree double *ms = g_new (double, n_frames);
  g_autofree double *by_frame = NULL;
  g_autoptr(GString) slowest = g_string_new (NULL);
  g_autoptr(CwFrameTarget) target = NULL;
  double p95;

  cw_renderer_warm (renderer, 0);
  for (guint f = 0; f < n_frames; f++)
    {
      double start = thread_cpu ();
      cairo_surface_t *surface;
      g_autoptr(GBytes) pixels = NULL;

      /* as the player draws a deck with a background: over the frame
       * before, then a copy of the pixels for the texture on screen */
      if (target == NULL)
        {
          g_autoptr(cairo_surface_t) drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, format->width,
                                                                         format->height);
          target = cw_frame_target_new (drawn);
        }
      cw_renderer_draw_frame_into (renderer, target, f);
      surface = cw_frame_target_get_surface (target);
      pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                            (gsize) cairo_image_surface_get_stride (surface) * format->height);
      ms[f] = (thread_cpu () - start) * 1000;
      /* as the player does once the frame is handed over */
      cw_renderer_prefetch (renderer, f);
    }
  by_frame = g_memdup2 (ms, sizeof (double) * n_frames);
  qsort (ms, n_frames, sizeof (double), compare_doubles);
  p95 = ms[MIN (n_frames - 1, n_frames * 95 / 100)];
  g_print ("preview, sample deck: p50 %.2f ms, p95 %.2f ms, max %.2f ms of CPU a frame at %d×%d (%u frames)\n",
           ms[n_frames / 2], p95, ms[n_frames - 1], format->width, format->height, n_frames);

  /* where the slowest frames are, to know what to make faster: a
   * transition's frames count for the slide they lead into */
  for (guint slide = 0; slide < cw_renderer_get_n_slides (renderer); slide++)
    {
      guint first, n, over = 0, in_transition = 0;

      cw_renderer_get_slide_frames (renderer, slide, &first, &n);
      for (guint f = first; f < first + n; f++)
        {
          double t;

          if (by_frame[f] < p95)
            continue;
          over++;
          in_transition += !cw_renderer_get_frame_time (renderer, f, &t);
        }
      if (over > 0)
        g_string_append_printf (slowest, "%s%s %u (%u in its transition)", slowest->len > 0 ? ", " : "",
                                cw_renderer_get_slide_id (renderer, slide), over, in_transition);
    }
  g_print ("preview, frames at p95 or slower by slide: %s\n", slowest->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwDeck) reference = NULL;
  g_autoptr(CwDeck) sample = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  cw_core_init ();
  if (argc < 2)
    g_error ("usage: %s REFERENCE.clearway", argv[0]);

  reference = load_deck (argv[1]);
  sample = cw_deck_new_sample ();

  g_print ("Clearway drawing benchmark\n\n");
  draw_export_frames (reference);
  draw_preview_frames (sample);
  return 0;
}
