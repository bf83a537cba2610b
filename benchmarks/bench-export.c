/* bench-export.c: how fast Clearway renders and exports, and that memory stays flat
 *
 * Run with `meson test -C _build --benchmark -v` (or build-aux/benchmark.sh).
 * The argument is benchmarks/moving.clearway, a clip where every frame differs.
 * Results are frames per second and ratios, so they compare across machines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/resource.h>
#include <time.h>

#include "clearway-core.h"
#include "cw-fonts.h"

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* CPU seconds of this thread */
static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of the whole process, every thread */
static double
process_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* The sample, repeated: a longer clip with the same kind of content. */
static CwDeck *
repeated_sample (guint times)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  CwDeck *deck = cw_deck_copy (sample);
  guint n = cw_deck_get_n_slides (sample);

  for (guint t = 1; t < times; t++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CwSlide) copy = cw_slide_copy (cw_deck_get_slide (sample, i));
          g_autofree char *id = g_strdup_printf ("%s-%u", cw_slide_get_id (copy), t);

          cw_slide_set_id (copy, id);
          cw_deck_add_slide (deck, copy);
        }
    }
  return deck;
}

static double
export_fps (CwDeck     *deck,
            guint       jobs,
            guint      *written,
            guint      *rendered)
{
  g_autofree char *dir = g_dir_make_tmp ("clearway-bench-XXXXXX", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (dir);
  g_autoptr(CwExporter) exporter = cw_exporter_new (deck);
  g_autoptr(GError) error = NULL;
  double start, elapsed;

  cw_exporter_set_output_dir (exporter, out);
  cw_exporter_set_overwrite (exporter, TRUE);
  cw_exporter_set_jobs (exporter, jobs);

  start = now ();
  if (!cw_exporter_run (exporter, NULL, &error))
    g_error ("export failed: %s", error->message);
  elapsed = now () - start;

  *written = cw_exporter_get_frames_done (exporter);
  *rendered = cw_exporter_get_frames_rendered (exporter);
  remove_tree (dir);
  return *written / elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwDeck) sample = NULL;
  g_autoptr(CwDeck) longer = NULL;
  g_autoptr(CwFormat) format = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  guint cores = g_get_num_processors ();
  guint written, rendered, n, step;
  double start, elapsed, render_fps, encode_fps, one, all;
  long rss_short, rss_long, rss_base;
  guint frames_short, frames_long;
  g_auto(GStrv) languages = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  cw_core_init ();
  sample = cw_deck_new_sample ();
  format = cw_format_lookup ("tiktok", NULL);
  languages = cw_deck_list_languages (sample);

  g_print ("Clearway benchmark: the sample deck at 1080×1920, 30 fps, %u cores\n\n", cores);

  /* Layout, in CPU time so a busy machine does not count, of the whole
   * process: Pango sorts fonts on a thread of its own. The first layout in
   * a process finds the fonts, loads them and measures every text in every
   * language; the editor pays that once, then on each edit a layout that
   * finds unchanged texts measured. */
  {
    g_autoptr(CwFormat) preview_format = cw_format_scaled (format, 760);
    g_autoptr(CwDeck) edited = cw_deck_copy (sample);
    CwSlide *intro = cw_deck_get_slide (edited, 0);
    g_autofree char *headline = g_strdup (cw_slide_get_text (intro, "headline"));
    double find, first, other, steady = G_MAXDOUBLE, edit = G_MAXDOUBLE;

    start = process_cpu ();
    {
      g_auto(GStrv) missing = cw_fonts_list_missing_fallbacks ();
      PangoContext *context = cw_fonts_get_measure_context ();

      (void) context;
    }
    find = process_cpu () - start;

    start = process_cpu ();
    {
      g_autoptr(CwRenderer) r = cw_renderer_new (sample, "en", format, 30);
    }
    first = process_cpu () - start;

    /* the same texts at other sizes: measuring again, with the fonts loaded */
    start = process_cpu ();
    {
      g_autoptr(CwRenderer) r = cw_renderer_new (sample, "en", preview_format, 30);
    }
    other = process_cpu () - start;

    for (guint i = 0; i < 20; i++)
      {
        g_autoptr(CwRenderer) r = NULL;

        start = process_cpu ();
        r = cw_renderer_new (sample, "en", format, 30);
        steady = MIN (steady, process_cpu () - start);
      }

    /* an edit: one headline changes, in a deck whose other texts were measured */
    {
      g_autoptr(CwRenderer) r = cw_renderer_new (edited, "en", format, 30);
    }
    for (guint i = 0; i < 10; i++)
      {
        g_autoptr(CwRenderer) r = NULL;
        g_autofree char *text = g_strdup_printf ("%s %u", headline, i + 1);

        cw_slide_set_text (intro, "headline", text);
        start = process_cpu ();
        r = cw_renderer_new (edited, "en", format, 30);
        edit = MIN (edit, process_cpu () - start);
      }

    g_print ("layout:        %5.1f decks/s (the sample's %u slides in %u languages, %.1f ms of CPU once its fonts are loaded; best of 20)\n",
             1 / steady, cw_deck_get_n_slides (sample), g_strv_length (languages), steady * 1000);
    g_print ("layout, edit:  %5.1f decks/s (one headline changed, %.1f ms of CPU; best of 10)\n",
             1 / edit, edit * 1000);
    g_print ("first layout:  %5.1f ms of CPU, once a process (%.1f ms finding the fonts, about %.0f ms loading them: another format, fonts loaded, takes %.0f ms)\n",
             (find + first) * 1000, find * 1000, MAX (0, first - other) * 1000, other * 1000);
  }

  renderer = cw_renderer_new (sample, "en", format, 30);
  n = 0;
  step = 7;
  start = now ();
  for (guint f = 0; f < cw_renderer_get_n_frames (renderer); f += step, n++)
    {
      g_autoptr(cairo_surface_t) s = cw_renderer_render_frame (renderer, f);
    }
  elapsed = now () - start;
  render_fps = n / elapsed;
  g_print ("render:        %5.1f frames/s on one core\n", render_fps);

  /* the editor's preview: one frame at a time on a worker thread, at the
   * canvas's size on a HiDPI screen; playing needs the deck's frame rate */
  {
    g_autoptr(CwFormat) preview_format = cw_format_scaled (format, 760);
    g_autoptr(CwRenderer) preview = cw_renderer_new (sample, "en", preview_format, 30);
    double preview_fps;

    n = 0;
    start = now ();
    for (guint f = 0; f < cw_renderer_get_n_frames (preview); f += 3, n++)
      {
        g_autoptr(cairo_surface_t) s = cw_renderer_render_frame (preview, f);
      }
    elapsed = now () - start;
    preview_fps = n / elapsed;
    g_print ("preview:       %5.1f frames/s at %d×%d (%.1f× the 30 fps playback needs)\n",
             preview_fps, preview_format->width, preview_format->height, preview_fps / 30);
  }

  /* as the exporter encodes: frames one after another, each drawn over the
   * one before on one surface and told what changed, in CPU time so a busy
   * machine does not count; the drawing is not counted */
  {
    g_autoptr(CwPngEncoder) encoder = cw_png_encoder_new ();
    g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, format->width,
                                                                     format->height);
    g_autoptr(CwFrameTarget) target = cw_frame_target_new (surface);
    gsize bytes = 0;

    n = 0;
    elapsed = 0;
    for (guint f = 40; f < 100; f++)
      {
        cairo_rectangle_int_t box;
        gboolean known;
        g_autoptr(GBytes) png = NULL;

        if (cw_renderer_frames_identical (renderer, f - 1, f))
          continue;
        cw_renderer_draw_frame_into (renderer, target, f);
        known = cw_frame_target_get_changed (target, &box);
        start = thread_cpu ();
        png = cw_png_encoder_encode (encoder, surface, known ? &box : NULL, NULL);
        elapsed += thread_cpu () - start;
        bytes += g_bytes_get_size (png);
        n++;
      }
    encode_fps = n / elapsed;
    g_print ("PNG encode:    %5.1f frames/s on one core (%u frames in a row, %.1f ms of CPU and %.0f KB each)\n",
             encode_fps, n, elapsed * 1000 / n, bytes / 1024.0 / n);
  }

  one = export_fps (sample, 1, &written, &rendered);
  g_print ("export, 1 job: %5.1f frames/s written\n", one);
  all = export_fps (sample, cores, &written, &rendered);
  g_print ("export, %u jobs:%5.1f frames/s written (%.2f× one job)\n", cores, all, all / one);
  g_print ("static holds:  %u frames written from %u rendered (%.2f× fewer renders)\n",
           written, rendered, (double) written / rendered);

  /* a clip in which something moves on every frame: nothing to skip as a repeat */
  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CwDeck) moving = cw_deck_load_file (file, NULL, &error);
      double moving_fps;

      if (moving == NULL)
        g_error ("cannot load %s: %s", argv[1], error->message);
      moving_fps = export_fps (moving, cores, &written, &rendered);
      g_print ("export, every frame differs: %5.1f frames/s written (%u frames, %u drawn)\n",
               moving_fps, written, rendered);
    }

  /* the exporter streams frames to disk: a clip four times as long must not need more memory */
  longer = repeated_sample (4);
  rss_base = peak_rss_kb ();
  export_fps (sample, cores, &frames_short, &rendered);
  rss_short = peak_rss_kb ();
  export_fps (longer, cores, &frames_long, &rendered);
  rss_long = peak_rss_kb ();
  g_print ("memory:        peak %.0f MB for %u frames, %.0f MB for %u frames (%.2f× for %.1f× the frames)\n",
           rss_short / 1024.0, frames_short, rss_long / 1024.0, frames_long,
           (double) rss_long / MAX (rss_short, 1), (double) frames_long / frames_short);
  (void) rss_base;

  return 0;
}
