/* test-export.c: PNG sequences, manifests and videos as a platform receives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cw-test-utils.h"

static CwDeck *
small_deck (void)
{
  /* two short slides keep the test fast: 2.0 + 1.5 s */
  CwDeck *deck = cw_test_load_deck_file ("templates.clearway");

  while (cw_deck_get_n_slides (deck) > 2)
    cw_deck_remove_slide (deck, cw_deck_get_slide (deck, 2));
  cw_slide_set_duration (cw_deck_get_slide (deck, 0), 2.0);
  cw_slide_set_duration (cw_deck_get_slide (deck, 1), 1.5);
  return deck;
}

static CwExporter *
new_exporter (CwDeck     *deck,
              const char *dir,
              const char *format)
{
  CwExporter *exporter = cw_exporter_new (deck);
  g_autoptr(GFile) out = g_file_new_for_path (dir);
  g_autoptr(CwFormat) f = cw_format_lookup (format, NULL);

  cw_exporter_set_output_dir (exporter, out);
  cw_exporter_add_format (exporter, f);
  return exporter;
}

static JsonObject *
read_manifest (const char *dir,
               JsonParser *parser)
{
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_sequence (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "360x640");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest;
  JsonArray *slides;
  JsonArray *command;
  guint n_frames = (guint) (3.5 * 30);

  cw_exporter_set_fps (exporter, 30);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  /* frame count = duration × fps, numbered from zero without gaps */
  g_assert_cmpuint (cw_test_count_frames (dir), ==, n_frames);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autofree char *name = g_strdup_printf ("frame_%05u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int w, h, color_type, depth;

      g_assert_true (cw_test_png_info (path, &w, &h, &color_type, &depth));
      /* even size, 8-bit RGB without alpha: what H.264 encoders take */
      g_assert_cmpint (w, ==, 360);
      g_assert_cmpint (h, ==, 640);
      g_assert_cmpint (w % 2, ==, 0);
      g_assert_cmpint (h % 2, ==, 0);
      g_assert_cmpint (color_type, ==, 2);
      g_assert_cmpint (depth, ==, 8);
    }

  /* the still part of each slide was rendered once, and written as often as it lasts */
  g_assert_cmpuint (cw_exporter_get_frames_rendered (exporter), <, n_frames);
  g_assert_cmpuint (cw_exporter_get_frames_done (exporter), ==, n_frames);

  manifest = read_manifest (dir, parser);
  g_assert_cmpint (json_object_get_int_member (manifest, "width"), ==, 360);
  g_assert_cmpint (json_object_get_int_member (manifest, "height"), ==, 640);
  g_assert_cmpint (json_object_get_int_member (manifest, "fps"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (manifest, "frame_count"), ==, n_frames);
  g_assert_cmpint (json_object_get_int_member (manifest, "start_number"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (manifest, "file_pattern"), ==, "frame_%05d.png");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (manifest, "duration"), 3.5, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (manifest, "language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==, "360x640");
  g_assert_cmpstr (json_object_get_string_member (manifest, "deck_title"), ==, "Every template");
  g_assert_cmpstr (json_object_get_string_member (manifest, "pixel_format"), ==, "rgb24");

  slides = json_object_get_array_member (manifest, "slides");
  g_assert_cmpuint (json_array_get_length (slides), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (slides, 0), "first_frame"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (slides, 0), "frame_count"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (slides, 1), "first_frame"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (slides, 1), "last_frame"), ==, n_frames - 1);

  /* the command that turns the frames into a video for the platforms */
  command = json_object_get_array_member (manifest, "ffmpeg_command");
  g_assert_cmpstr (json_array_get_string_element (command, 0), ==, "ffmpeg");
  g_assert_nonnull (strstr (json_object_get_string_member (manifest, "ffmpeg_shell"), "yuv420p"));
  g_assert_nonnull (strstr (json_object_get_string_member (manifest, "ffmpeg_shell"), "-framerate 30"));
  g_assert_nonnull (strstr (json_object_get_string_member (manifest, "ffmpeg_shell"), "bt709"));
  g_assert_nonnull (strstr (json_object_get_string_member (manifest, "ffmpeg_shell"), "+faststart"));

  /* frames, manifest and captions; no staging folder left */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, n_frames + 2);

  cw_test_remove_tree (dir);
}

static void
test_refuses_to_overwrite (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "frame_00000.png", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_file_set_contents (first, "earlier work", -1, NULL);

  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (strstr (error->message, "--overwrite"));
  g_clear_error (&error);
  g_file_get_contents (first, &content, NULL, NULL);
  g_assert_cmpstr (content, ==, "earlier work");
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 1);

  /* with overwrite, the old sequence is replaced by the complete new one */
  cw_exporter_set_overwrite (exporter, TRUE);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 105);

  cw_test_remove_tree (dir);
}

static void
on_progress (GObject    *object,
             GParamSpec *pspec,
             gpointer    data)
{
  GCancellable *cancellable = data;

  if (cw_exporter_get_fraction (CW_EXPORTER (object)) > 0.3)
    g_cancellable_cancel (cancellable);
}

typedef struct
{
  GError   *error;
  gboolean  done;
} Result;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Result *r = data;

  cw_exporter_run_finish (CW_EXPORTER (object), result, &r->error);
  r->done = TRUE;
}

static void
test_cancel (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = cw_test_load_deck_file ("templates.clearway");
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "tiktok");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { NULL, FALSE };

  /* one thread and full-size frames: slow enough to be stopped on the way */
  cw_exporter_set_jobs (exporter, 1);
  g_signal_connect (exporter, "notify::fraction", G_CALLBACK (on_progress), cancellable);
  cw_exporter_run_async (exporter, cancellable, on_done, &result);
  g_assert_true (cw_exporter_get_busy (exporter));
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  /* stopped partway: nothing is left that looks like a sequence */
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (cw_exporter_get_busy (exporter));
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);
  g_clear_error (&result.error);
  cw_test_remove_tree (dir);
}

static void
test_write_failure (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "360x640");
  g_autoptr(GError) error = NULL;
  struct rlimit old, small = { 4096, 4096 };

  /* frames larger than the allowed file size fail to write, as on a full disk */
  signal (SIGXFSZ, SIG_IGN);
  getrlimit (RLIMIT_FSIZE, &old);
  small.rlim_max = old.rlim_max;
  setrlimit (RLIMIT_FSIZE, &small);
  cw_exporter_set_jobs (exporter, 2);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  setrlimit (RLIMIT_FSIZE, &old);

  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, dir));
  /* nothing half-written is left behind */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);
  cw_test_remove_tree (dir);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (file, "out", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (file, "x", -1, NULL);
  exporter = new_exporter (deck, inside, "180x320");
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "not-a-folder"));
  cw_test_remove_tree (dir);
}

static void
test_several_formats (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "180x320", NULL);
  g_autofree char *b = g_build_filename (dir, "200x200", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(CwFormat) square = cw_format_lookup ("200x200", NULL);
  g_autoptr(GError) error = NULL;

  /* each format gets its own folder */
  cw_exporter_add_format (exporter, square);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (a), ==, 105);
  g_assert_cmpuint (cw_test_count_frames (b), ==, 105);
  g_assert_cmpuint (cw_exporter_get_results (exporter)->len, ==, 2);
  cw_test_remove_tree (dir);
}

static void
test_unknown_language (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  cw_exporter_add_language (exporter, "fr");
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);
  cw_test_remove_tree (dir);
}

static void
test_mp4 (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "360x640");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *video = NULL;
  g_autofree char *out = NULL;
  g_autofree char *probe = g_find_program_in_path ("ffprobe");
  int status = 0;
  JsonObject *manifest;

  if (!cw_ffmpeg_is_available () || probe == NULL)
    {
      g_test_skip ("ffmpeg and ffprobe are not installed");
      cw_test_remove_tree (dir);
      return;
    }

  cw_exporter_set_mp4 (exporter, TRUE);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  manifest = read_manifest (dir, parser);
  video = g_build_filename (dir, json_object_get_string_member (manifest, "video"), NULL);
  g_assert_true (g_file_test (video, G_FILE_TEST_IS_REGULAR));

  {
    const char *argv[] = { probe, "-v", "error", "-count_frames", "-select_streams", "v:0",
                           "-show_entries", "stream=nb_read_frames,width,height,pix_fmt,codec_name,color_primaries",
                           "-of", "default=noprint_wrappers=1", video, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* ffprobe counts every frame: none dropped, none doubled */
  g_assert_nonnull (strstr (out, "nb_read_frames=105"));
  g_assert_nonnull (strstr (out, "codec_name=h264"));
  g_assert_nonnull (strstr (out, "pix_fmt=yuv420p"));
  g_assert_nonnull (strstr (out, "width=360"));
  g_assert_nonnull (strstr (out, "height=640"));
  g_assert_nonnull (strstr (out, "color_primaries=bt709"));

  cw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/export/sequence", test_sequence);
  g_test_add_func ("/cw/export/refuses-to-overwrite", test_refuses_to_overwrite);
  g_test_add_func ("/cw/export/cancel", test_cancel);
  g_test_add_func ("/cw/export/write-failure", test_write_failure);
  g_test_add_func ("/cw/export/unwritable", test_unwritable);
  g_test_add_func ("/cw/export/several-formats", test_several_formats);
  g_test_add_func ("/cw/export/unknown-language", test_unknown_language);
  g_test_add_func ("/cw/export/mp4", test_mp4);

  return g_test_run ();
}
