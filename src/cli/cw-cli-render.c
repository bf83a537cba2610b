/* cw-cli-render.c: clearway-cli render
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <unistd.h>

#include "cw-cli-private.h"

typedef struct
{
  GMainLoop    *loop;
  CwExporter   *exporter;
  /* render --data: one clip per row */
  GPtrArray    *variants;
  GCancellable *cancellable;
  GError       *error;
  gboolean      done;
  gboolean      tty;
  gboolean      quiet;
  gint64        started;
  char         *last_status;
  int           last_percent;
} RenderRun;

static void
draw_progress (RenderRun *run,
               gboolean   final)
{
  double fraction = cw_exporter_get_fraction (run->exporter);
  g_autofree char *status = cw_exporter_dup_status (run->exporter);
  int percent = (int) (fraction * 100);

  if (run->quiet)
    return;

  if (run->tty)
    {
      const int width = 28;
      int filled = (int) (fraction * width);
      g_autoptr(GString) bar = g_string_new (NULL);
      double left = cw_exporter_get_seconds_left (run->exporter);
      g_autofree char *eta = NULL;

      for (int i = 0; i < width; i++)
        g_string_append (bar, i < filled ? "█" : "░");
      /* encoding has a pace of its own, unknown until ffmpeg tells how far it is */
      if (fraction < 1 && left >= 1)
        /* Translators: time left, in seconds */
        eta = g_strdup_printf (_("%.0f s left"), left);

      g_printerr ("\r\033[K%s %s %3d%%  %s", status ? status : "", bar->str, percent, eta ? eta : "");
      if (final)
        g_printerr ("\n");
    }
  else
    {
      /* logs get a line when the stage changes and every quarter */
      if (!final && g_strcmp0 (status, run->last_status) != 0)
        {
          g_printerr ("%s…\n", status ? status : "");
          g_free (run->last_status);
          run->last_status = g_strdup (status);
        }
      if (percent / 25 != run->last_percent / 25 || (final && percent != run->last_percent))
        g_printerr ("%d%%\n", percent);
      run->last_percent = percent;
    }
}

static gboolean
on_tick (gpointer data)
{
  draw_progress (data, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_interrupt (gpointer data)
{
  RenderRun *run = data;

  if (!run->quiet)
    g_printerr (_("\nStopping… (the frames rendered so far are removed)\n"));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  RenderRun *run = data;

  if (run->variants != NULL)
    cw_variants_export_finish (CW_EXPORTER (object), result, &run->error);
  else
    cw_exporter_run_finish (CW_EXPORTER (object), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

/* The video types are the encoder table's, with what each is for. */
static char *
dup_video_help (void)
{
  g_autofree char *types = cw_encoder_dup_help ();

  /* Translators: %s lists the video types: "mp4 (H.264 for TikTok, Reels and Shorts), webm (…)" */
  return g_strdup_printf (_("Also make videos with ffmpeg: %s; a comma-separated list, or all"), types);
}

int
cw_cli_render (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *language = NULL;
  g_autofree char *video = NULL;
  g_autofree char *video_help = dup_video_help ();
  int fps = 0;
  /* not given: one a core */
  int jobs = -1;
  g_autofree char *rates = cw_frame_rates_to_string ();
  /* Translators: %s is the list of frame rates, "24, 25, 30…" */
  g_autofree char *fps_help = g_strdup_printf (_("Frames per second: %s"), rates);
  g_autofree char *formats_help = cw_cli_describe_formats ();
  g_autofree char *description = NULL;
  gboolean mp4 = FALSE;
  gboolean video_only = FALSE;
  gboolean overwrite = FALSE;
  gboolean quiet = FALSE;
  g_autofree char *data = NULL;
  g_autofree char *sheet = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Folder for the frames (default: clearway-export)"), N_("DIR") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("A format listed below, WIDTHxHEIGHT, a comma-separated list, or all"), N_("FORMAT") },
    { "fps", 0, 0, G_OPTION_ARG_INT, &fps, fps_help, N_("N") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Language to render, a comma-separated list, or all"), N_("CODE") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Frames to render at once (default: one per core)"),
      N_("N") },
    { "video", 0, 0, G_OPTION_ARG_STRING, &video, video_help, N_("TYPE") },
    { "mp4", 0, 0, G_OPTION_ARG_NONE, &mp4, N_("The same as --video mp4"), NULL },
    { "video-only", 0, 0, G_OPTION_ARG_NONE, &video_only,
      N_("Keep only the videos (MP4 unless --video says otherwise), with captions and manifest: the frames are made in a temporary folder and removed"),
      NULL },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace an earlier export in the output folder: only the files its manifest lists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data,
      N_("One clip per row of this table (.csv, .ods, .xlsx): columns are statistic ids, and an optional name column names each row's folder"),
      N_("TABLE") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The workbook's sheet for --data (default: the first)"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — render a deck to PNG frames"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) formats = NULL;
  g_autoptr(GPtrArray) encoders = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) output_dir = NULL;
  g_auto(GStrv) languages = NULL;
  RenderRun run = { 0 };
  GPtrArray *results;
  GPtrArray *warnings;
  guint tick, sigint, sigterm;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes frame_00000.png, frame_00001.png… at a constant frame rate, with a\n"
                                  "manifest.json that gives the ffmpeg command for an MP4. Several languages\n"
                                  "or formats each get their own folder inside the output folder."));
  description = g_strconcat (formats_help, "\n",
                             _("Exit status: 0 done, 1 failed, 2 wrong usage, 130 stopped with Ctrl+C."), NULL);
  g_option_context_set_description (context, description);
  if (!cw_cli_parse (context, "render", &argc, &argv, &status))
    return status;

  if (argc > 2)
    return cw_cli_usage_error (context, "render", _("give one deck at most"));
  if (fps != 0 && (fps < 0 || !cw_frame_rate_is_valid (fps)))
    {
      /* Translators: %s is the list of frame rates, "24, 25, 30…" */
      g_autofree char *message = g_strdup_printf (_("--fps must be one of %s, the rates the platforms take"),
                                                  rates);
      return cw_cli_usage_error (context, "render", message);
    }
  if (jobs != -1 && (jobs < 1 || jobs > 256))
    return cw_cli_usage_error (context, "render", _("--jobs must be between 1 and 256"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;
  if (!quiet)
    cw_cli_print_warnings (deck);

  languages = cw_cli_expand_languages (deck, language, &error);
  if (languages == NULL)
    return cw_cli_usage_error (context, "render", error->message);
  formats = cw_cli_expand_formats (deck, format, &error);
  if (formats == NULL)
    return cw_cli_usage_error (context, "render", error->message);
  encoders = video ? cw_encoder_parse_list (video, &error) : g_ptr_array_new ();
  if (encoders == NULL)
    return cw_cli_usage_error (context, "render", error->message);
  if (mp4 || (video_only && encoders->len == 0))
    g_ptr_array_insert (encoders, 0, (gpointer) cw_encoder_lookup ("mp4"));

  if (sheet != NULL && data == NULL)
    return cw_cli_usage_error (context, "render", _("--sheet names a sheet of the --data workbook; give --data too"));

  output_dir = g_file_new_for_commandline_arg (output ? output : "clearway-export");
  /* every row is checked before anything renders */
  if (data != NULL)
    {
      g_autoptr(GFile) table = g_file_new_for_commandline_arg (data);

      variants = cw_variants_from_file (deck, table, sheet, NULL, &error);
      if (variants == NULL)
        {
          g_printerr ("%s\n", error->message);
          return CW_EXIT_FAILURE;
        }
    }
  exporter = cw_exporter_new (deck);
  cw_exporter_set_output_dir (exporter, output_dir);
  for (guint i = 0; languages[i]; i++)
    cw_exporter_add_language (exporter, languages[i]);
  for (guint i = 0; i < formats->len; i++)
    cw_exporter_add_format (exporter, g_ptr_array_index (formats, i));
  if (fps > 0)
    cw_exporter_set_fps (exporter, fps);
  cw_exporter_set_jobs (exporter, MAX (jobs, 0));
  for (guint i = 0; i < encoders->len; i++)
    cw_exporter_add_encoder (exporter, g_ptr_array_index (encoders, i));
  cw_exporter_set_overwrite (exporter, overwrite);
  cw_exporter_set_video_only (exporter, video_only);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.exporter = exporter;
  run.variants = variants;
  run.cancellable = g_cancellable_new ();
  run.tty = isatty (STDERR_FILENO);
  run.quiet = quiet;
  run.started = g_get_monotonic_time ();
  run.last_percent = -1;

  sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &run);
  tick = g_timeout_add (run.tty ? 100 : 500, on_tick, &run);

  if (variants != NULL)
    cw_variants_export_async (exporter, variants, run.cancellable, on_exported, &run);
  else
    cw_exporter_run_async (exporter, run.cancellable, on_exported, &run);
  if (!run.done)
    g_main_loop_run (run.loop);

  g_source_remove (tick);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (run.error == NULL)
    draw_progress (&run, TRUE);
  else if (run.tty && !quiet)
    g_printerr ("\r\033[K");

  warnings = cw_exporter_get_warnings (exporter);
  if (!quiet)
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (warnings, i));

          g_printerr (_("warning: %s\n"), line);
        }
    }

  if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("Stopped. No frames were kept; earlier exports are untouched.\n"));
      status = CW_EXIT_CANCELLED;
    }
  else if (run.error != NULL)
    {
      g_printerr ("%s\n", run.error->message);
      status = CW_EXIT_FAILURE;
    }
  else if (!quiet)
    {
      GPtrArray *videos = cw_exporter_get_videos (exporter);

      results = cw_exporter_get_results (exporter);
      for (guint i = 0; i < results->len; i++)
        {
          GFile *dir = g_ptr_array_index (results, i);
          g_autofree char *path = g_file_get_path (dir);

          g_print (_("Frames and manifest.json are in %s\n"), path);
        }
      for (guint i = 0; i < videos->len; i++)
        {
          g_autofree char *path = g_file_get_path (g_ptr_array_index (videos, i));

          g_print (_("Video: %s\n"), path);
        }
      g_print (_("%u frames written, %u of them rendered (the rest repeat a still moment).\n"),
               cw_exporter_get_frames_written (exporter), cw_exporter_get_frames_rendered (exporter));
      if (variants != NULL)
        {
          g_autofree char *path = g_file_get_path (output_dir);

          g_print (g_dngettext (GETTEXT_PACKAGE, "%u variant rendered; index.json in %s lists its manifests\n",
                                "%u variants rendered; index.json in %s lists their manifests\n", variants->len),
                   variants->len, path);
        }
    }

  g_clear_error (&run.error);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  g_free (run.last_status);
  return status;
}
