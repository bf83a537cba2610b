/* test-export.c: PNG sequences, manifests and videos as a platform receives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <png.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <zlib.h>

#include "cw-test-utils.h"

/* Fault injection. This program's own fopen() and rename() stand in for
 * the C library's (the exporter, and GLib's g_rename(), bind to them), so a
 * test can send one write to /dev/full, which fails as a full disk does
 * (at the flush when the file is closed), or make one move into place fail
 * as a full directory does. Everything else passes straight through. */
static char *full_disk_under;   /* a write of full_disk_name below this folder fails */
static const char *full_disk_name;
static char *move_fails_to;     /* the next move to exactly this path fails */
static int link_fails_with;     /* errno every link() fails with, or 0 */
static char *moves_fail_to;     /* every move to exactly this path fails */
static char *unlink_fails;      /* unlink() and remove() of paths matching this fail */

FILE *
fopen (const char *path,
       const char *mode)
{
  static FILE *(*real_fopen) (const char *, const char *);
  const char *base = strrchr (path, '/');

  if (real_fopen == NULL)
    real_fopen = (FILE *(*) (const char *, const char *)) dlsym (RTLD_NEXT, "fopen");
  if (full_disk_under != NULL && base != NULL && g_str_has_prefix (path, full_disk_under) &&
      g_str_equal (base + 1, full_disk_name))
    path = "/dev/full";
  return real_fopen (path, mode);
}

int
rename (const char *from,
        const char *to)
{
  static int (*real_rename) (const char *, const char *);

  if (real_rename == NULL)
    real_rename = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "rename");
  if (move_fails_to != NULL && g_str_equal (to, move_fails_to))
    {
      /* once: taking back what was moved frees the room again */
      g_clear_pointer (&move_fails_to, g_free);
      errno = ENOSPC;
      return -1;
    }
  if (moves_fail_to != NULL && g_str_equal (to, moves_fail_to))
    {
      errno = EIO;
      return -1;
    }
  return real_rename (from, to);
}

/* More faults of the same kind: hard links refused as a filesystem without
 * them refuses them, moves that always fail, and files that cannot be
 * removed. */

int
link (const char *from,
      const char *to)
{
  static int (*real_link) (const char *, const char *);

  if (real_link == NULL)
    real_link = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "link");
  if (link_fails_with != 0)
    {
      errno = link_fails_with;
      return -1;
    }
  return real_link (from, to);
}

static gboolean
removal_fails (const char *path)
{
  if (unlink_fails == NULL || !g_pattern_match_simple (unlink_fails, path))
    return FALSE;
  errno = EBUSY;
  return TRUE;
}

int
unlink (const char *path)
{
  static int (*real_unlink) (const char *);

  if (real_unlink == NULL)
    real_unlink = (int (*) (const char *)) dlsym (RTLD_NEXT, "unlink");
  return removal_fails (path) ? -1 : real_unlink (path);
}

/* what g_file_delete() calls */
int
remove (const char *path)
{
  static int (*real_remove) (const char *);

  if (real_remove == NULL)
    real_remove = (int (*) (const char *)) dlsym (RTLD_NEXT, "remove");
  return removal_fails (path) ? -1 : real_remove (path);
}

static void
clear_faults (void)
{
  g_clear_pointer (&full_disk_under, g_free);
  full_disk_name = NULL;
  g_clear_pointer (&move_fails_to, g_free);
  g_clear_pointer (&moves_fail_to, g_free);
  g_clear_pointer (&unlink_fails, g_free);
  link_fails_with = 0;
}

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

/* The exports these tests make fail, and their reruns, are kept short:
 * 3.5 s at the lowest frame rate the platforms take, 24 fps. */
#define FAILING_FRAMES 84

static CwExporter *
failing_exporter (CwDeck     *deck,
                  const char *dir,
                  const char *format)
{
  CwExporter *exporter = new_exporter (deck, dir, format);

  cw_exporter_set_fps (exporter, 24);
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

  /* frames, manifest, the description and the timed captions; no staging
   * folder left */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, n_frames + 4);

  /* the manifest lists every file the export wrote, and nothing else */
  {
    JsonArray *files = json_object_get_array_member (manifest, "files");
    JsonObject *captions = json_object_get_object_member (manifest, "captions");

    g_assert_cmpuint (json_array_get_length (files), ==, n_frames + 3);
    g_assert_cmpstr (json_array_get_string_element (files, 0), ==, "frame_00000.png");
    g_assert_cmpstr (json_array_get_string_element (files, n_frames - 1), ==, "frame_00104.png");
    g_assert_cmpstr (json_array_get_string_element (files, n_frames), ==, "captions.txt");
    g_assert_cmpstr (json_array_get_string_element (files, n_frames + 1), ==, "captions.srt");
    g_assert_cmpstr (json_array_get_string_element (files, n_frames + 2), ==, "captions.vtt");
    /* which is which, for whoever uploads */
    g_assert_nonnull (captions);
    g_assert_cmpstr (json_object_get_string_member (captions, "description"), ==, "captions.txt");
    g_assert_cmpstr (json_object_get_string_member (captions, "srt"), ==, "captions.srt");
    g_assert_cmpstr (json_object_get_string_member (captions, "vtt"), ==, "captions.vtt");
    for (guint i = 1; i <= 2; i++)
      {
        g_autofree char *path = g_build_filename (dir, json_array_get_string_element (files, n_frames + i), NULL);
        g_autofree char *contents = NULL;

        /* one cue per slide, each from the slide's first frame in the manifest */
        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_nonnull (strstr (contents, i == 1 ? "00:00:00,000 --> 00:00:02,000" : "00:00:00.000 --> 00:00:02.000"));
        g_assert_nonnull (strstr (contents, i == 1 ? "00:00:02,000 --> 00:00:03,500" : "00:00:02.000 --> 00:00:03.500"));
      }
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "videos")), ==, 0);
  }

  cw_test_remove_tree (dir);
}

static void
test_refuses_to_overwrite (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) earlier = failing_exporter (deck, dir, "180x320");
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *what = NULL;
  CwEarlierExport *found;

  g_assert_true (cw_exporter_run (earlier, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (manifest, &before, NULL, NULL));

  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (strstr (error->message, "--overwrite"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (manifest, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, FAILING_FRAMES + 4);

  /* what a prompt needs to say what would be replaced */
  g_assert_cmpuint (cw_exporter_get_earlier (exporter)->len, ==, 1);
  found = g_ptr_array_index (cw_exporter_get_earlier (exporter), 0);
  g_assert_cmpuint (found->n_frames, ==, FAILING_FRAMES);
  g_assert_true (g_strv_contains ((const char * const *) found->replaced, "captions.txt"));
  g_assert_true (g_strv_contains ((const char * const *) found->replaced, "manifest.json"));
  what = cw_earlier_export_describe (found);
  g_assert_cmpstr (what, ==, "84 frames, captions.srt, captions.txt and captions.vtt");

  /* with overwrite, the old sequence is replaced by the complete new one */
  cw_exporter_set_overwrite (exporter, TRUE);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 105);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);

  cw_test_remove_tree (dir);
}

/* A frame no Clearway manifest lists is not Clearway's to replace, even
 * with overwriting: the export is refused, and the file stays. */
static void
test_foreign_frame (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (file, "earlier work", -1, NULL));

  for (guint overwrite = 0; overwrite < 2; overwrite++)
    {
      cw_exporter_set_overwrite (exporter, overwrite);
      g_assert_false (cw_exporter_run (exporter, NULL, &error));
      g_assert_error (error, CW_ERROR, CW_ERROR_OUTPUT_FOREIGN);
      g_assert_nonnull (strstr (error->message, dir));
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (file, &content, NULL, NULL));
      g_assert_cmpstr (content, ==, "earlier work");
      g_clear_pointer (&content, g_free);
      g_assert_cmpuint (cw_test_count_entries (dir), ==, 1);
    }

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

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Encoding is a phase of its own with its own pace: while ffmpeg has not
 * yet said how far it is the time left is unknown, not "0 seconds", and
 * once it has, the estimate follows ffmpeg's pace. The ffmpeg here is a
 * stand-in that takes 1.2 s for half the frames, then as long again. */
static void
test_encoding_estimate (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "ffmpeg", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *path = g_strconcat (bin, ":", old_path, NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, out, "180x320");
  Result result = { NULL, FALSE };
  gboolean saw_unknown = FALSE, saw_paced = FALSE;
  guint source;

  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fake,
                                      "#!/bin/sh\n"
                                      "case \"$*\" in *-encoders*) exit 1;; esac\n"
                                      "for arg; do out=$arg; done\n"
                                      "sleep 1.2; echo frame=42; sleep 1.2; echo frame=84\n"
                                      "echo video > \"$out\"\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);
  g_setenv ("PATH", path, TRUE);

  cw_exporter_set_fps (exporter, 24);
  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
  source = g_timeout_add (20, wake, NULL);
  cw_exporter_run_async (exporter, NULL, on_done, &result);
  while (!result.done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cw_exporter_get_phase (exporter) == CW_EXPORT_PHASE_ENCODING)
        {
          double left = cw_exporter_get_seconds_left (exporter);

          /* never "about 0 seconds left" while the video is being made */
          if (left >= 0 && left < 0.5)
            g_error ("%.2f s left while encoding", left);
          if (left < 0)
            saw_unknown = TRUE;
          else
            {
              /* half the frames in 1.2 s: about 1.2 s for the rest */
              g_assert_cmpfloat (left, <, 3);
              saw_paced = TRUE;
            }
        }
    }
  g_source_remove (source);
  g_setenv ("PATH", old_path, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (saw_unknown);
  g_assert_true (saw_paced);
  g_assert_cmpfloat (cw_exporter_get_seconds_left (exporter), ==, 0);
  cw_test_remove_tree (dir);
}

/* Video only: the frames are made for ffmpeg and go; the video, captions
 * and manifest stay. Without a video type there is nothing to keep. */
static void
test_video_only (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  cw_exporter_set_fps (exporter, 24);
  cw_exporter_set_video_only (exporter, TRUE);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);

  if (!cw_ffmpeg_is_available ())
    {
      g_test_skip ("ffmpeg is not installed");
      return;
    }
  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 0);
  g_assert_cmpuint (cw_exporter_get_videos (exporter)->len, ==, 1);
  g_assert_true (g_file_query_exists (g_ptr_array_index (cw_exporter_get_videos (exporter), 0), NULL));
  /* the video, the description and captions (txt, srt, vtt) and
   * manifest.json: no frames, no staging folder */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 5);
  cw_test_remove_tree (dir);
}

/* What a failed export must not leave below @dir: any file (frames,
 * captions, manifest, video…) or any hidden staging folder. */
static void
collect_leftovers (const char *dir,
                   GString    *found)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  /* a few names are enough to see what went wrong */
  while (d != NULL && (name = g_dir_read_name (d)) != NULL && found->len < 300)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          if (name[0] == '.')
            g_string_append_printf (found, "%s/ ", path);
          collect_leftovers (path, found);
        }
      else
        g_string_append_printf (found, "%s ", path);
    }
}

static void
assert_nothing_left (const char *dir)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_leftovers (dir, found);
  g_assert_cmpstr (found->str, ==, "");
}

/* After a failed attempt, exporting again (without --overwrite) is not
 * refused and makes the whole sequence. */
static void
assert_rerun_succeeds (CwDeck     *deck,
                       const char *dir,
                       const char *format)
{
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, format);
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *captions = g_build_filename (dir, "captions.txt", NULL);

  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, FAILING_FRAMES);
  g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (captions, G_FILE_TEST_IS_REGULAR));
  /* frames, captions, manifest, and no staging folder */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, FAILING_FRAMES + 4);
}

static void
assert_full_disk_error (const GError *error,
                        const char   *dir)
{
  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, dir));
}

static void
test_full_disk_frames (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "360x640");
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

  assert_full_disk_error (error, dir);
  /* nothing half-written is left behind */
  assert_nothing_left (dir);
  assert_rerun_succeeds (deck, dir, "360x640");
  cw_test_remove_tree (dir);
}

/* The disk fills up once every frame is written, at the captions or at
 * the manifest: still nothing of the sequence may appear. */
static void
test_full_disk_after_frames (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  full_disk_under = g_strdup (dir);
  full_disk_name = name;
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();

  assert_full_disk_error (error, dir);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  assert_nothing_left (dir);
  assert_rerun_succeeds (deck, dir, "180x320");
  cw_test_remove_tree (dir);
}

/* Everything is written; moving it into place fails at one file (a full
 * directory cannot take another entry). What was moved is taken back. */
static void
test_full_disk_moving (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  move_fails_to = g_build_filename (dir, name, NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();

  assert_full_disk_error (error, dir);
  assert_nothing_left (dir);
  assert_rerun_succeeds (deck, dir, "180x320");
  cw_test_remove_tree (dir);
}

/* Replacing an earlier export fails at the very last step: the earlier
 * export is still there, whole, and nothing of the new one. */
static void
test_full_disk_keeps_earlier (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) earlier = new_exporter (deck, dir, "180x320");
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* the earlier export has more frames than the new one */
  g_assert_true (cw_exporter_run (earlier, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 105);
  g_assert_true (g_file_get_contents (manifest_path, &before, NULL, NULL));

  cw_exporter_set_overwrite (exporter, TRUE);
  move_fails_to = g_strdup (manifest_path);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);
  g_clear_error (&error);

  g_assert_cmpuint (cw_test_count_frames (dir), ==, 105);
  g_assert_true (g_file_get_contents (manifest_path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  /* frames, captions, manifest: no staging folder */
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);

  /* and replacing it works once there is room, frames beyond the new end included */
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, FAILING_FRAMES);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, FAILING_FRAMES + 4);
  cw_test_remove_tree (dir);
}

/* Two formats: the disk fills up at the second. The first, although
 * complete, must not stay behind looking like the finished export. */
static void
test_full_disk_second_sequence (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *second = g_build_filename (dir, "200x200", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(CwFormat) square = cw_format_lookup ("200x200", NULL);
  g_autoptr(GError) error = NULL;

  cw_exporter_add_format (exporter, square);
  full_disk_under = g_strdup (second);
  full_disk_name = "manifest.json";
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, second);
  g_clear_error (&error);
  assert_nothing_left (dir);

  /* the same, when moving the second into place fails */
  move_fails_to = g_build_filename (second, "frame_00000.png", NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, second);
  g_clear_error (&error);
  assert_nothing_left (dir);

  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_exporter_get_results (exporter)->len, ==, 2);
  cw_test_remove_tree (dir);
}

/* ffmpeg fails: the error says that the PNG frames are complete and the
 * command is in manifest.json, and so they are. */
static void
test_mp4_fails (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "ffmpeg", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = g_strconcat (bin, ":", old_path, NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, out, "180x320");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest;

  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fake, "#!/bin/sh\necho 'Unknown encoder libx264' >&2\nexit 1\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);

  g_setenv ("PATH", new_path, TRUE);
  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_setenv ("PATH", old_path, TRUE);

  g_assert_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED);
  g_assert_nonnull (strstr (error->message, "Unknown encoder libx264"));
  g_assert_nonnull (strstr (error->message, "manifest.json"));
  g_assert_cmpuint (cw_test_count_frames (out), ==, FAILING_FRAMES);
  manifest = read_manifest (out, parser);
  g_assert_cmpint (json_object_get_int_member (manifest, "frame_count"), ==, FAILING_FRAMES);
  g_assert_false (json_object_has_member (manifest, "video"));
  /* frames, captions, manifest: no video, no staging folder */
  g_assert_cmpuint (cw_test_count_entries (out), ==, FAILING_FRAMES + 4);
  cw_test_remove_tree (dir);
}

/* The space the files in @dir take on a tmpfs, which counts whole pages;
 * the frames of a hold are one file, counted once. */
static guint64
tmpfs_bytes (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *name;
  guint64 total = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;
      gint64 inode;

      if (!g_str_has_prefix (name, prefix))
        continue;
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      inode = st.st_ino;
      if (g_hash_table_contains (seen, &inode))
        continue;
      g_hash_table_add (seen, g_memdup2 (&inode, sizeof inode));
      total += (st.st_size + 4095) / 4096 * 4096;
    }
  return total;
}

/* How to get a mount namespace of our own here, as root or through a user
 * namespace; %NULL where neither is allowed. */
static const char * const *
mount_namespace (const char *mount_point)
{
  static const char * const as_user[] = { "unshare", "--user", "--map-root-user", "--mount", NULL };
  static const char * const as_root[] = { "unshare", "--mount", NULL };
  const char * const *ways[] = { as_user, as_root };

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      int status = -1;

      for (guint j = 0; ways[i][j]; j++)
        g_ptr_array_add (argv, (gpointer) ways[i][j]);
      g_ptr_array_add (argv, (gpointer) "sh");
      g_ptr_array_add (argv, (gpointer) "-c");
      g_ptr_array_add (argv, (gpointer) "mount -t tmpfs -o size=4096 tmpfs \"$1\"");
      g_ptr_array_add (argv, (gpointer) "sh");
      g_ptr_array_add (argv, (gpointer) mount_point);
      g_ptr_array_add (argv, NULL);
      if (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        return ways[i];
    }
  return NULL;
}

/* What the reporter saw, on a real filesystem: clearway-cli fills a small
 * tmpfs during the frames, at the captions and at the manifest. Each time
 * it exits 1 saying the disk is full, leaves nothing in the output folder,
 * and once there is room again a rerun is not refused. */
static void
test_full_disk_real (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck_path = g_build_filename (dir, "deck.clearway", NULL);
  g_autofree char *reference = g_build_filename (dir, "reference", NULL);
  g_autofree char *mount_point = g_build_filename (dir, "disk", NULL);
  g_autoptr(GFile) deck_file = g_file_new_for_path (deck_path);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CLEARWAY_CLI");
  const char * const *unshare;
  const char *script =
    "mount -t tmpfs -o size=\"$1\" tmpfs \"$2\" || exit 99\n"
    "\"$3\" render -q -f 180x320 -o \"$2/out\" \"$4\"\n"
    "echo \"exit=$?\"\n"
    "ls -A \"$2/out\" | sed 's/^/left: /'\n"
    "mount -o remount,size=64m \"$2\" || exit 99\n"
    "\"$3\" render -q -f 180x320 -o \"$2/out\" \"$4\"\n"
    "echo \"rerun=$?\"\n"
    "echo \"frames=$(ls \"$2/out\" | grep -c '^frame_')\"\n";
  guint64 frames, captions, room[3];
  int status = -1;

  g_assert_nonnull (cli);
  g_assert_cmpint (g_mkdir (mount_point, 0755), ==, 0);
  unshare = mount_namespace (mount_point);
  if (unshare == NULL)
    {
      g_test_skip ("no mount namespace can be made here to mount a small tmpfs");
      cw_test_remove_tree (dir);
      return;
    }

  /* 1.5 s at 30 fps keeps it quick */
  cw_slide_set_duration (cw_deck_get_slide (deck, 0), 1.0);
  cw_slide_set_duration (cw_deck_get_slide (deck, 1), 0.5);
  g_assert_true (cw_deck_save_file (deck, deck_file, NULL, &error));
  g_assert_no_error (error);

  /* the same export where there is room: how much each part takes */
  {
    const char *argv[] = { cli, "render", "-q", "-f", "180x320", "-o", reference, deck_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  frames = tmpfs_bytes (reference, "frame_");
  /* the description and the timed captions */
  captions = tmpfs_bytes (reference, "captions.");
  room[0] = frames / 2 / 4096 * 4096;    /* full during the frames */
  room[1] = frames;                      /* at the captions */
  room[2] = frames + captions;           /* at the manifest */

  for (guint i = 0; i < G_N_ELEMENTS (room); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, room[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      for (guint j = 0; unshare[j]; j++)
        g_ptr_array_add (argv, (gpointer) unshare[j]);
      g_ptr_array_add (argv, (gpointer) "sh");
      g_ptr_array_add (argv, (gpointer) "-c");
      g_ptr_array_add (argv, (gpointer) script);
      g_ptr_array_add (argv, (gpointer) "sh");
      g_ptr_array_add (argv, size);
      g_ptr_array_add (argv, mount_point);
      g_ptr_array_add (argv, (gpointer) cli);
      g_ptr_array_add (argv, deck_path);
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      g_test_message ("%s bytes of room:\n%s%s", size, out, err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));

      g_assert_nonnull (strstr (out, "exit=1\n"));
      g_assert_nonnull (strstr (err, "disk is full"));
      /* no frame, no captions, no manifest, no staging folder */
      g_assert_null (strstr (out, "left: "));
      g_assert_nonnull (strstr (out, "rerun=0\n"));
      g_assert_nonnull (strstr (out, "frames=45\n"));
    }

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

  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
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

/* A @seconds long sine tone, quieter than the platforms play, made by
 * ffmpeg as a WAV file; %NULL when ffmpeg is not here. */
static GBytes *
make_tone (const char *dir,
           double      seconds)
{
  g_autofree char *path = g_build_filename (dir, "tone.wav", NULL);
  g_autofree char *source = g_strdup_printf ("sine=frequency=440:sample_rate=48000:duration=%g", seconds);
  const char *argv[] = { "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", source,
                         "-af", "volume=-12dB", path, NULL };
  g_autoptr(GError) error = NULL;
  GBytes *bytes;
  char *data;
  gsize len;
  int status = 0;

  if (!cw_ffmpeg_is_available ())
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new_take (data, len);
  g_unlink (path);
  return bytes;
}

/* Integrated loudness of @video's sound as ffmpeg's EBU R128 meter reads it */
static double
measure_loudness (const char *video)
{
  const char *argv[] = { "ffmpeg", "-hide_banner", "-nostats", "-i", video, "-map", "0:a",
                         "-af", "ebur128", "-f", "null", "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *summary, *i;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  summary = strstr (err, "Summary:");
  g_assert_nonnull (summary);
  i = strstr (summary, "I:");
  g_assert_nonnull (i);
  return g_ascii_strtod (i + 2, NULL);
}

/* The probe's "key=value" line for @key, as a number */
static double
probe_number (const char *out,
              const char *key)
{
  g_autofree char *needle = g_strdup_printf ("%s=", key);
  const char *at = strstr (out, needle);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (needle), NULL);
}

/* A soundtrack longer than the clip: the MP4 has an AAC stream and the
 * WebM an Opus one, each as long as the clip and at the platforms'
 * loudness, though the tone was much quieter. */
static void
test_soundtrack_videos (void)
{
  static const struct { const char *encoder; const char *codec; } cases[] = {
    { "mp4", "codec_name=aac" },
    { "webm", "codec_name=opus" },
  };
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) tone = NULL;
  g_autoptr(CwAudio) audio = NULL;
  g_autofree char *probe = g_find_program_in_path ("ffprobe");
  JsonArray *videos;

  tone = make_tone (dir, 6.0);
  if (tone == NULL || probe == NULL)
    {
      g_test_skip ("ffmpeg and ffprobe are not installed");
      cw_test_remove_tree (dir);
      return;
    }
  audio = cw_audio_new_from_bytes (tone, "tone.wav", &error);
  g_assert_no_error (error);
  cw_deck_set_soundtrack (deck, audio, NULL);

  exporter = new_exporter (deck, dir, "180x320");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (!cw_encoder_check (cw_encoder_lookup (cases[i].encoder), NULL))
        {
          g_test_skip ("this ffmpeg cannot make every video");
          cw_test_remove_tree (dir);
          return;
        }
      cw_exporter_add_encoder (exporter, cw_encoder_lookup (cases[i].encoder));
    }
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  videos = json_object_get_array_member (read_manifest (dir, parser), "videos");
  g_assert_cmpuint (json_array_get_length (videos), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *entry = json_array_get_object_element (videos, i);
      g_autofree char *video = g_build_filename (dir, json_object_get_string_member (entry, "file"), NULL);
      g_autofree char *out = NULL;
      const char *argv[] = { probe, "-v", "error", "-select_streams", "a:0",
                             "-show_entries", "stream=codec_name,sample_rate:format=duration",
                             "-of", "default=noprint_wrappers=1", video, NULL };
      int status = 0;

      g_assert_cmpstr (json_object_get_string_member (entry, "type"), ==, cases[i].encoder);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_test_message ("%s: %s", cases[i].encoder, out);
      g_assert_nonnull (strstr (out, cases[i].codec));
      g_assert_nonnull (strstr (out, "sample_rate=48000"));
      /* the clip is 2.0 + 1.5 s */
      g_assert_cmpfloat_with_epsilon (probe_number (out, "duration"), 3.5, 0.1);
      g_assert_cmpfloat_with_epsilon (measure_loudness (video), -14.0, 1.0);
    }

  cw_test_remove_tree (dir);
}

static gpointer
cancel_soon (gpointer cancellable)
{
  g_usleep (G_USEC_PER_SEC / 5);
  g_cancellable_cancel (cancellable);
  return NULL;
}

/* Measuring the soundtrack can be stopped like the encoding itself: an
 * ffmpeg that would measure forever is ended when the export is cancelled. */
static void
test_soundtrack_cancel (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "ffmpeg", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = g_strconcat (bin, ":", old_path, NULL);
  static const char ogg[] = "OggS\0\2 a tune";
  g_autoptr(GBytes) bytes = g_bytes_new_static (ogg, sizeof ogg);
  g_autoptr(CwAudio) audio = cw_audio_new_from_bytes (bytes, "tune.ogg", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GThread *canceller;
  gint64 start;

  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fake, "#!/bin/sh\nwhile :; do echo out_time_us=0; sleep 0.05; done\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);

  g_setenv ("PATH", new_path, TRUE);
  canceller = g_thread_new ("cancel", cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  g_assert_false (cw_encoder_run (cw_encoder_lookup ("mp4"), dir, 30, 105, "video.mp4", audio,
                                  NULL, NULL, cancellable, &error));
  g_setenv ("PATH", old_path, TRUE);
  g_thread_join (canceller);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  cw_test_remove_tree (dir);
}

/* A soundtrack shorter than the clip is refused by name, not padded; the
 * frames are still complete. */
static void
test_soundtrack_too_short (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tone = NULL;
  g_autoptr(CwAudio) audio = NULL;

  tone = make_tone (dir, 2.0);
  if (tone == NULL)
    {
      g_test_skip ("ffmpeg is not installed");
      cw_test_remove_tree (dir);
      return;
    }
  audio = cw_audio_new_from_bytes (tone, "short-tone.wav", &error);
  g_assert_no_error (error);
  cw_deck_set_soundtrack (deck, audio, NULL);

  exporter = new_exporter (deck, dir, "180x320");
  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "short-tone.wav"));
  g_assert_nonnull (strstr (error->message, "3.5"));
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 105);

  cw_test_remove_tree (dir);
}

/* A deck whose soundtrack file is missing cannot make a video: the export
 * says so, naming the file, before a frame is drawn. */
static void
test_soundtrack_missing (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;

  cw_deck_set_soundtrack (deck, NULL, "music/anthem.ogg");
  exporter = new_exporter (deck, dir, "180x320");
  cw_exporter_add_encoder (exporter, cw_encoder_lookup ("mp4"));
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "music/anthem.ogg"));
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);

  cw_test_remove_tree (dir);
}

/* A frame rate the platforms do not take is refused, and the export keeps
 * the deck's own. */
static void
test_refuses_frame_rate (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  cw_deck_set_fps (deck, 25);
  exporter = new_exporter (deck, dir, "180x320");
  g_test_expect_message ("Clearway", G_LOG_LEVEL_CRITICAL, "*cw_frame_rate_is_valid*");
  cw_exporter_set_fps (exporter, 29);
  g_test_assert_expected_messages ();

  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (read_manifest (dir, parser), "fps"), ==, 25);
  /* 2.0 s and 1.5 s at 25 fps, each slide rounded to whole frames */
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 50 + 38);
  cw_test_remove_tree (dir);
}

/* Files the user keeps in the output folder, each with what it holds. */
static const char * const user_files[][2] = {
  { "holiday.mp4", "my own video" },
  { "interview.mov", "raw footage" },
  { "notes.txt", "what to post when" },
};

static void
put_user_files (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (user_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, user_files[i][0], NULL);
      g_assert_true (g_file_set_contents (path, user_files[i][1], -1, NULL));
    }
}

static void
assert_user_files (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (user_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, user_files[i][0], NULL);
      g_autofree char *content = NULL;

      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_assert_cmpstr (content, ==, user_files[i][1]);
    }
}

/* clearway-cli render -o ~/Videos --overwrite: the user's own videos and
 * notes are not export output, whatever their names; exporting beside
 * them (and again, replacing the first export) leaves them alone. */
static void
test_overwrite_keeps_user_files (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest;

  put_user_files (dir);
  cw_exporter_set_overwrite (exporter, TRUE);
  for (guint run = 0; run < 2; run++)
    {
      g_assert_true (cw_exporter_run (exporter, NULL, &error));
      g_assert_no_error (error);
      assert_user_files (dir);
      g_assert_cmpuint (cw_test_count_frames (dir), ==, FAILING_FRAMES);
      /* the frames, captions and manifest beside the user's three files */
      g_assert_cmpuint (cw_test_count_entries (dir), ==, FAILING_FRAMES + 4 + G_N_ELEMENTS (user_files));
    }
  /* the second run replaced the first, and only the first */
  g_assert_cmpuint (cw_exporter_get_earlier (exporter)->len, ==, 1);

  /* the manifest does not claim them, so no later export will either */
  manifest = read_manifest (dir, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "files")), ==,
                    FAILING_FRAMES + 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "kept")), ==, 0);

  cw_test_remove_tree (dir);
}

/* An ffmpeg that makes a video as fast as a shell can: it reports its
 * progress as the real one does, and writes the file named last. It knows
 * no encoders, so the check before the export lets it try. */
static char *
fake_ffmpeg (const char *dir)
{
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "ffmpeg", NULL);
  const char *script =
    "#!/bin/sh\n"
    "case \"$*\" in *-encoders*) exit 1;; esac\n"
    "for arg; do out=$arg; done\n"
    "for n in 0 24 24 48 72 84; do echo \"frame=$n\"; echo progress=continue; done\n"
    "echo progress=end\n"
    "printf 'video of %s frames\\n' \"$(ls frame_*.png | wc -l)\" > \"$out\"\n";

  g_assert_cmpint (g_mkdir_with_parents (bin, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fake, script, -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);
  return g_strconcat (bin, ":", g_getenv ("PATH"), NULL);
}

/* Exports one format with its MP4 into a folder, then another format into
 * the same folder without a video, replacing the first export: the first
 * format's MP4, the file people post, is still there, and still counts as
 * Clearway's own for the next export. */
static void
test_second_format_keeps_video (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *video = g_build_filename (out, "every-template-en-180x320.mp4", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = fake_ffmpeg (dir);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) tall = failing_exporter (deck, out, "180x320");
  g_autoptr(CwExporter) square = failing_exporter (deck, out, "200x200");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *what = NULL;
  CwEarlierExport *earlier;
  JsonObject *manifest;
  JsonArray *kept;

  g_setenv ("PATH", new_path, TRUE);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  put_user_files (out);

  cw_exporter_add_encoder (tall, cw_encoder_lookup ("mp4"));
  g_assert_true (cw_exporter_run (tall, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (video, G_FILE_TEST_IS_REGULAR));

  /* asked first, as the editor does: what would go names the frames and
   * the captions, not the video */
  g_assert_false (cw_exporter_run (square, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS);
  g_clear_error (&error);
  earlier = g_ptr_array_index (cw_exporter_get_earlier (square), 0);
  what = cw_earlier_export_describe (earlier);
  g_assert_cmpstr (what, ==, "84 frames, captions.srt, captions.txt and captions.vtt");
  g_assert_true (g_strv_contains ((const char * const *) earlier->kept, "every-template-en-180x320.mp4"));

  cw_exporter_set_overwrite (square, TRUE);
  g_assert_true (cw_exporter_run (square, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (video, G_FILE_TEST_IS_REGULAR));
  assert_user_files (out);
  manifest = read_manifest (out, parser);
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==, "200x200");
  kept = json_object_get_array_member (manifest, "kept");
  g_assert_cmpuint (json_array_get_length (kept), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (kept, 0), ==, "every-template-en-180x320.mp4");

  /* the first format again, with its video: that one is replaced */
  cw_exporter_set_overwrite (tall, TRUE);
  g_assert_true (cw_exporter_run (tall, NULL, &error));
  g_assert_no_error (error);
  earlier = g_ptr_array_index (cw_exporter_get_earlier (tall), 0);
  g_assert_true (g_strv_contains ((const char * const *) earlier->replaced, "every-template-en-180x320.mp4"));
  g_assert_true (g_file_test (video, G_FILE_TEST_IS_REGULAR));
  assert_user_files (out);
  /* frames, captions, manifest, the video and the user's files */
  g_assert_cmpuint (cw_test_count_entries (out), ==, FAILING_FRAMES + 5 + G_N_ELEMENTS (user_files));

  g_setenv ("PATH", old_path, TRUE);
  cw_test_remove_tree (dir);
}

typedef struct
{
  GArray   *seen;
  gboolean  done;
  GError   *error;
} Progress;

static void
on_fraction (GObject    *object,
             GParamSpec *pspec,
             gpointer    data)
{
  Progress *progress = data;
  double fraction = cw_exporter_get_fraction (CW_EXPORTER (object));

  g_array_append_val (progress->seen, fraction);
}

static void
on_progress_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Progress *progress = data;

  cw_exporter_run_finish (CW_EXPORTER (object), result, &progress->error);
  progress->done = TRUE;
}

/* Rendering and making two videos of two sequences: what a progress bar
 * shows only grows, and is full once, when the export is in place. */
static void
test_progress (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = fake_ffmpeg (dir);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, out, "180x320");
  g_autoptr(CwFormat) square = cw_format_lookup ("200x200", NULL);
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), FALSE, NULL };
  guint full = 0;

  g_setenv ("PATH", new_path, TRUE);
  cw_exporter_add_format (exporter, square);
  for (const CwEncoder * const *e = cw_encoder_list (); *e; e++)
    cw_exporter_add_encoder (exporter, *e);
  cw_exporter_set_jobs (exporter, 1);
  g_signal_connect (exporter, "notify::fraction", G_CALLBACK (on_fraction), &progress);
  cw_exporter_run_async (exporter, NULL, on_progress_done, &progress);
  while (!progress.done)
    g_main_context_iteration (NULL, TRUE);
  /* anything still queued is told now, or never */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_setenv ("PATH", old_path, TRUE);

  g_assert_no_error (progress.error);
  g_assert_cmpuint (cw_exporter_get_videos (exporter)->len, ==, 4);
  g_assert_cmpuint (progress.seen->len, >, 3);
  for (guint i = 0; i < progress.seen->len; i++)
    {
      double fraction = g_array_index (progress.seen, double, i);

      g_assert_cmpfloat (fraction, >=, 0);
      g_assert_cmpfloat (fraction, <=, 1);
      if (i > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (progress.seen, double, i - 1));
      full += fraction == 1.0;
    }
  g_assert_cmpuint (full, ==, 1);
  g_assert_cmpfloat (g_array_index (progress.seen, double, progress.seen->len - 1), ==, 1.0);
  g_assert_cmpfloat (cw_exporter_get_fraction (exporter), ==, 1.0);

  g_array_unref (progress.seen);
  cw_test_remove_tree (dir);
}

/* A failed export never shows a full bar. */
static void
test_progress_failed (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  move_fails_to = g_build_filename (dir, "manifest.json", NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);
  g_assert_cmpfloat (cw_exporter_get_fraction (exporter), <, 1.0);
  g_assert_cmpfloat (cw_exporter_get_fraction (exporter), >, 0.9);
  cw_test_remove_tree (dir);
}

/* What ffprobe says of the first video stream of @path, and the file's duration. */
static char *
probe (const char *path)
{
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { ffprobe, "-v", "error", "-count_frames", "-select_streams", "v:0",
                         "-show_entries",
                         "stream=nb_read_frames,width,height,pix_fmt,codec_name,color_primaries,r_frame_rate:format=duration,format_name",
                         "-of", "default=noprint_wrappers=1", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

/* WebM for web pages and messaging apps: a VP9 file that players read
 * with every frame, at the export's rate. */
static void
test_webm (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autofree char *video = NULL;
  g_autofree char *out = NULL;
  const CwEncoder *webm = cw_encoder_lookup ("webm");
  JsonObject *manifest;
  JsonArray *videos;
  const char *duration;
  double seconds;

  g_assert_nonnull (webm);
  if (ffprobe == NULL || !cw_encoder_check (webm, &error))
    {
      g_test_skip (error ? error->message : "ffprobe is not installed");
      cw_test_remove_tree (dir);
      return;
    }

  cw_exporter_add_encoder (exporter, webm);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  manifest = read_manifest (dir, parser);
  videos = json_object_get_array_member (manifest, "videos");
  g_assert_cmpuint (json_array_get_length (videos), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (videos, 0), "type"), ==, "webm");
  video = g_build_filename (dir, json_object_get_string_member (json_array_get_object_element (videos, 0), "file"),
                            NULL);
  g_assert_true (g_str_has_suffix (video, ".webm"));
  /* the manifest lists it among the files the export wrote */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "files")), ==,
                    FAILING_FRAMES + 4);

  out = probe (video);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "codec_name=vp9"));
  g_assert_nonnull (strstr (out, "format_name=matroska,webm"));
  g_assert_nonnull (strstr (out, "nb_read_frames=84\n"));
  g_assert_nonnull (strstr (out, "r_frame_rate=24/1"));
  g_assert_nonnull (strstr (out, "pix_fmt=yuv420p"));
  g_assert_nonnull (strstr (out, "width=180"));
  g_assert_nonnull (strstr (out, "height=320"));
  duration = strstr (out, "duration=");
  g_assert_nonnull (duration);
  seconds = g_ascii_strtod (duration + strlen ("duration="), NULL);
  g_assert_cmpfloat_with_epsilon (seconds, 3.5, 0.05);

  cw_test_remove_tree (dir);
}

/* Every video type the table offers has a name the command line takes,
 * a file extension, a codec and a weight. */
static void
test_encoder_table (void)
{
  const CwEncoder * const *list = cw_encoder_list ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *help = cw_encoder_dup_help ();
  guint n = 0;

  for (; list[n]; n++)
    {
      g_auto(GStrv) argv = cw_encoder_build_argv (list[n], 30, "out.video");

      g_assert_true (cw_encoder_lookup (list[n]->name) == list[n]);
      g_assert_nonnull (strstr (help, list[n]->name));
      g_assert_cmpstr (list[n]->extension, !=, "");
      g_assert_cmpfloat (list[n]->weight, >, 0);
      g_assert_true (g_strv_contains ((const char * const *) argv, list[n]->codec));
      g_assert_true (g_strv_contains ((const char * const *) argv, "frame_%05d.png"));
      g_assert_cmpstr (argv[g_strv_length (argv) - 1], ==, "out.video");
    }
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (list[0]->name, ==, "mp4");
  g_assert_cmpstr (list[1]->name, ==, "webm");
  g_assert_cmpstr (list[1]->codec, ==, "libvpx-vp9");

  all = cw_encoder_parse_list ("all", &error);
  g_assert_cmpuint (all->len, ==, n);
  two = cw_encoder_parse_list ("webm, mp4,webm", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_true (g_ptr_array_index (two, 0) == cw_encoder_lookup ("webm"));
  g_assert_null (cw_encoder_parse_list ("mp4,gif", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "gif"));
  g_assert_nonnull (strstr (error->message, "webm"));
}

/* An output "folder" that is a file says so, and what to do, and the file
 * is left as it was. */
static void
test_output_is_a_file (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "clip", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (file, "mine", -1, NULL));
  exporter = new_exporter (deck, file, "180x320");
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is a file, not a folder"));
  g_assert_true (g_file_get_contents (file, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "mine");
  cw_test_remove_tree (dir);
}

/* PNG frames. Each is read back with libpng (and ffmpeg when it is here),
 * as the platforms' tools and the golden-image tests read them. */

/* A surface of pseudo-random pixels, valid premultiplied ones for ARGB32,
 * with alpha from clear to opaque. */
static cairo_surface_t *
noise_surface (cairo_format_t format,
               int            width,
               int            height)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (width * 7919 + height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint a = format == CAIRO_FORMAT_ARGB32 ? g_rand_int_range (rand, 0, 4) * 85 : 255;

          /* some partial alphas that are not a quarter step */
          if (format == CAIRO_FORMAT_ARGB32 && x % 5 == 1)
            a = g_rand_int_range (rand, 1, 255);
          row[x] = (a << 24) |
                   (g_rand_int_range (rand, 0, a + 1) << 16) |
                   (g_rand_int_range (rand, 0, a + 1) << 8) |
                   g_rand_int_range (rand, 0, a + 1);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The chunk types of @png, in order: "IHDR sRGB … IEND". */
static char *
png_chunks (GBytes *png)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (png, &len);
  GString *types = g_string_new (NULL);

  g_assert_cmpuint (len, >=, 8);
  g_assert_cmpmem (p, 8, "\x89PNG\r\n\x1a\n", 8);
  for (gsize at = 8; at + 12 <= len;)
    {
      guint32 n = ((guint32) p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3];

      g_string_append_printf (types, "%s%.4s", types->len ? " " : "", p + at + 4);
      at += 12 + (gsize) n;
    }
  return g_string_free (types, FALSE);
}

/* Decodes @png with libpng into straight RGBA, whatever it holds; says
 * whether the file itself has alpha. */
static guint8 *
libpng_read (GBytes   *png,
             int       width,
             int       height,
             gboolean *has_alpha)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  gsize len;
  const void *data = g_bytes_get_data (png, &len);
  guint8 *pixels;

  g_assert_true (png_image_begin_read_from_memory (&image, data, len));
  g_assert_cmpuint (image.width, ==, width);
  g_assert_cmpuint (image.height, ==, height);
  *has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  g_assert_true (image.format & PNG_FORMAT_FLAG_COLOR);
  image.format = PNG_FORMAT_RGBA;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  g_assert_true (png_image_finish_read (&image, NULL, pixels, 0, NULL));
  g_assert_cmpuint (image.warning_or_error, ==, 0);
  return pixels;
}

/* Whether straight RGBA @pixels are @surface's pixels: exactly, once
 * premultiplied again as cairo stores them. */
static void
assert_same_pixels (cairo_surface_t *surface,
                    const guint8    *pixels)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          const guint8 *got = pixels + ((gsize) y * width + x) * 4;
          guint a = alpha ? row[x] >> 24 : 255;
          guint32 back = ((guint32) got[3] << 24) |
                         ((got[0] * got[3] + 127) / 255) << 16 |
                         ((got[1] * got[3] + 127) / 255) << 8 |
                         ((got[2] * got[3] + 127) / 255);

          g_assert_cmpuint (got[3], ==, a);
          if (back != (row[x] | (alpha ? 0 : 0xff000000u)))
            g_error ("pixel %d,%d of %d×%d: wrote %08x, read back %08x", x, y, width, height,
                     row[x], back);
        }
    }
}

/* ffmpeg's decoding of @png as straight RGBA, or %NULL without ffmpeg. */
static GBytes *
ffmpeg_read (GBytes *png)
{
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  if (ffmpeg == NULL)
    return NULL;
  dir = cw_test_make_tmpdir ();
  path = g_build_filename (dir, "frame.png", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, ffmpeg, "-v", "error", "-nostdin",
                              "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  cw_test_remove_tree (dir);
  return g_steal_pointer (&out);
}

/* Inflates the IDAT data of @png with zlib, which checks the Adler-32
 * that libpng may stop short of: one whole zlib stream, nothing after it. */
static void
assert_one_zlib_stream (GBytes *png,
                        gsize   raw_len)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (png, &len);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = g_malloc (raw_len + 1);
  z_stream stream = { 0 };

  for (gsize at = 8; at + 12 <= len;)
    {
      guint32 n = ((guint32) p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3];

      if (memcmp (p + at + 4, "IDAT", 4) == 0)
        g_byte_array_append (idat, p + at + 8, n);
      at += 12 + (gsize) n;
    }
  g_assert_cmpint (inflateInit (&stream), ==, Z_OK);
  stream.next_in = idat->data;
  stream.avail_in = idat->len;
  stream.next_out = raw;
  stream.avail_out = raw_len + 1;
  g_assert_cmpint (inflate (&stream, Z_FINISH), ==, Z_STREAM_END);
  g_assert_cmpuint (stream.avail_in, ==, 0);
  g_assert_cmpuint (stream.total_out, ==, raw_len);
  inflateEnd (&stream);
}

static void
assert_png_reads_back (cairo_surface_t *surface,
                       GBytes          *png,
                       gboolean         with_ffmpeg)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  gboolean alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  g_autoptr(GBytes) by_ffmpeg = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *chunks = NULL;
  gboolean has_alpha;
  int w, h, color_type, depth;

  g_assert_nonnull (png);

  /* 8-bit RGB, or RGBA for a transparent deck, tagged sRGB */
  chunks = png_chunks (png);
  g_assert_cmpstr (chunks, ==, "IHDR sRGB gAMA cHRM IDAT IEND");
  pixels = libpng_read (png, width, height, &has_alpha);
  g_assert_cmpint (has_alpha, ==, alpha);
  {
    g_autofree char *dir = cw_test_make_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "frame.png", NULL);

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
    g_assert_true (cw_test_png_info (path, &w, &h, &color_type, &depth));
    g_assert_cmpint (color_type, ==, alpha ? 6 : 2);
    g_assert_cmpint (depth, ==, 8);
    cw_test_remove_tree (dir);
  }
  assert_same_pixels (surface, pixels);
  assert_one_zlib_stream (png, (gsize) height * (1 + width * (alpha ? 4 : 3)));

  by_ffmpeg = with_ffmpeg ? ffmpeg_read (png) : NULL;
  if (by_ffmpeg != NULL)
    {
      /* ffmpeg keeps the colour under a clear pixel; libpng's simplified
       * reader does too, so the bytes agree everywhere */
      g_assert_cmpmem (g_bytes_get_data (by_ffmpeg, NULL), g_bytes_get_size (by_ffmpeg),
                       pixels, (gsize) width * height * 4);
    }
}

static void
assert_reads_back (cairo_surface_t *surface)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = cw_png_encode (surface, 1, &error);

  g_assert_no_error (error);
  assert_png_reads_back (surface, png, TRUE);
}

static void
test_png_reads_back (void)
{
  static const int sizes[][2] = { { 1, 1 }, { 7, 5 }, { 333, 17 }, { 17, 333 }, { 1081, 3 } };
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwDeck) clear = cw_deck_copy (deck);
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autoptr(cairo_surface_t) opaque = NULL;
  g_autoptr(cairo_surface_t) transparent = NULL;
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");

  if (ffmpeg == NULL)
    g_test_message ("no ffmpeg here: frames are read back with libpng only");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(cairo_surface_t) rgb = noise_surface (CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
      g_autoptr(cairo_surface_t) rgba = noise_surface (CAIRO_FORMAT_ARGB32, sizes[i][0], sizes[i][1]);

      assert_reads_back (rgb);
      assert_reads_back (rgba);
    }

  /* frames as the exporter writes them, mid-animation */
  opaque = cw_render_frame (deck, "en", format, 20);
  assert_reads_back (opaque);
  cw_deck_set_transparent (clear, TRUE);
  transparent = cw_render_frame (clear, "en", format, 20);
  assert_reads_back (transparent);
}

static void
count_frames (guint    written,
              guint    rendered,
              gpointer user_data)
{
  g_atomic_int_add ((int *) user_data, written);
}

/* Replaces the pixels of rows @from to @to (exclusive) of @surface, in
 * place, with noise of @seed. */
static void
overwrite_rows (cairo_surface_t *surface,
                int              from,
                int              to,
                guint32          seed)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(cairo_surface_t) noise = noise_surface (cairo_image_surface_get_format (surface), width + seed, height);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data = cairo_image_surface_get_data (surface);
  const guint8 *other = cairo_image_surface_get_data (noise);
  int other_stride = cairo_image_surface_get_stride (noise);

  cairo_surface_flush (surface);
  for (int y = from; y < to; y++)
    memcpy (data + (gsize) y * stride, other + (gsize) y * other_stride, (gsize) width * 4);
  cairo_surface_mark_dirty (surface);
}

/* Encodes @surface with @encoder, told that only @changed changed since
 * the frame before on it; the file must read back to exactly @whole (the
 * frame drawn from nothing, or @surface itself), and be byte for byte what
 * an encoder that reuses nothing makes of it. */
static void
assert_encodes (CwPngEncoder                *encoder,
                cairo_surface_t             *surface,
                const cairo_rectangle_int_t *changed,
                cairo_surface_t             *whole,
                gboolean                     with_ffmpeg)
{
  g_autoptr(CwPngEncoder) fresh = cw_png_encoder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = cw_png_encoder_encode (encoder, surface, changed, &error);
  g_autoptr(GBytes) all = NULL;

  g_assert_no_error (error);
  assert_png_reads_back (whole != NULL ? whole : surface, png, with_ffmpeg);
  all = cw_png_encoder_encode (fresh, whole != NULL ? whole : surface, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (png, all));
}

/* The encoder a sequence's frames go through compresses again only the
 * rows its caller says changed since the frame before on the same
 * surface; every frame must still read back to exactly its own pixels,
 * whatever changed, by how much and where. */
static void
test_png_sequence_reads_back (void)
{
  g_autoptr(CwPngEncoder) encoder = cw_png_encoder_new ();
  /* 333×45 is two whole bands of rows and a short one, whatever the band */
  g_autoptr(cairo_surface_t) surface = noise_surface (CAIRO_FORMAT_RGB24, 333, 45);
  g_autoptr(cairo_surface_t) other = noise_surface (CAIRO_FORMAT_RGB24, 333, 45);
  g_autoptr(cairo_surface_t) clear = noise_surface (CAIRO_FORMAT_ARGB32, 333, 45);
  g_autoptr(cairo_surface_t) tall = noise_surface (CAIRO_FORMAT_RGB24, 17, 333);
  cairo_rectangle_int_t box;

  assert_encodes (encoder, surface, NULL, NULL, FALSE);
  /* one row in the middle, the last row, the first */
  overwrite_rows (surface, 20, 21, 1);
  box = (cairo_rectangle_int_t) { 0, 20, 333, 1 };
  assert_encodes (encoder, surface, &box, NULL, FALSE);
  overwrite_rows (surface, 44, 45, 2);
  box = (cairo_rectangle_int_t) { 0, 44, 333, 1 };
  assert_encodes (encoder, surface, &box, NULL, FALSE);
  overwrite_rows (surface, 0, 1, 3);
  box = (cairo_rectangle_int_t) { 0, 0, 333, 1 };
  assert_encodes (encoder, surface, &box, NULL, FALSE);
  /* one pixel: ffmpeg for one frame pieced together from old and new bands */
  ((guint32 *) (gpointer) cairo_image_surface_get_data (surface))[333 * 30 + 332] ^= 0x010000;
  cairo_surface_mark_dirty (surface);
  box = (cairo_rectangle_int_t) { 332, 30, 1, 1 };
  assert_encodes (encoder, surface, &box, NULL, TRUE);
  /* rows that straddle two bands, then nothing at all */
  overwrite_rows (surface, 15, 33, 4);
  box = (cairo_rectangle_int_t) { 5, 15, 10, 18 };
  assert_encodes (encoder, surface, &box, NULL, FALSE);
  box = (cairo_rectangle_int_t) { 0 };
  assert_encodes (encoder, surface, &box, NULL, FALSE);

  /* a box says nothing about a surface the encoder did not encode last,
   * even one of the same size, nor about the one it encoded before that */
  overwrite_rows (other, 0, 45, 5);
  assert_encodes (encoder, other, &box, NULL, FALSE);
  assert_encodes (encoder, surface, &box, NULL, FALSE);

  /* everything, then transparency, another size, and back */
  overwrite_rows (surface, 0, 45, 6);
  assert_encodes (encoder, surface, NULL, NULL, FALSE);
  assert_encodes (encoder, clear, NULL, NULL, FALSE);
  overwrite_rows (clear, 16, 40, 7);
  box = (cairo_rectangle_int_t) { 0, 16, 333, 24 };
  assert_encodes (encoder, clear, &box, NULL, TRUE);
  assert_encodes (encoder, tall, &box, NULL, FALSE);
  assert_encodes (encoder, surface, NULL, NULL, FALSE);
}

/* Frames as an export worker makes them: each drawn over the one before
 * on one surface (every other frame: a worker takes every other run), the
 * encoder told what the drawing changed. Each file reads back to exactly
 * the frame drawn from nothing, opaque or transparent, through the
 * animations and the transition. */
static void
test_png_sequence_drawn_over (void)
{
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(CwDeck) copy = cw_deck_copy (deck);
      g_autoptr(CwRenderer) renderer = NULL;
      g_autoptr(CwPngEncoder) encoder = cw_png_encoder_new ();
      g_autoptr(cairo_surface_t) surface = NULL;
      g_autoptr(CwFrameTarget) target = NULL;
      guint n_boxed = 0;

      cw_deck_set_transparent (copy, pass == 1);
      renderer = cw_renderer_new (copy, "en", format, 30);
      surface = cairo_image_surface_create (pass == 1 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                            format->width, format->height);
      target = cw_frame_target_new (surface);
      for (guint f = pass; f < cw_renderer_get_n_frames (renderer); f += 2)
        {
          g_autoptr(cairo_surface_t) whole = cw_renderer_render_frame (renderer, f);
          cairo_rectangle_int_t box;
          gboolean known;

          cw_renderer_draw_frame_into (renderer, target, f);
          known = cw_frame_target_get_changed (target, &box);
          if (known && box.height < format->height)
            n_boxed++;
          assert_encodes (encoder, surface, known ? &box : NULL, whole, FALSE);
        }
      /* most frames reused rows of the one before */
      g_assert_cmpuint (n_boxed, >, cw_renderer_get_n_frames (renderer) / 4);
    }
}

/* What a sequence writer writes on two threads, each worker encoding only
 * what changed on its surface: every file is the frame drawn from nothing,
 * pixel for pixel, and byte for byte what an encoder that reuses nothing
 * makes of it. */
static void
test_written_frames_match_drawing (void)
{
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(CwDeck) copy = cw_deck_copy (deck);
      g_autofree char *dir = cw_test_make_tmpdir ();
      g_autoptr(GFile) out = g_file_new_for_path (dir);
      g_autoptr(CwSequenceWriter) writer = NULL;
      g_autoptr(CwRenderer) renderer = NULL;
      g_autoptr(GError) error = NULL;
      int written = 0;

      cw_deck_set_transparent (copy, pass == 1);
      writer = cw_sequence_writer_new (out, copy, "en", format);
      renderer = cw_renderer_new (copy, "en", format, 30);
      g_assert_true (cw_sequence_writer_inspect (writer, &error));
      g_assert_no_error (error);
      g_assert_true (cw_sequence_writer_write_frames (writer, renderer, 2, count_frames, &written, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (cw_sequence_writer_finish (writer, &error));
      g_assert_no_error (error);
      g_assert_true (cw_sequence_writer_publish (writer, &error));
      g_assert_no_error (error);
      g_assert_cmpint (written, ==, cw_renderer_get_n_frames (renderer));

      for (guint f = 0; f < cw_renderer_get_n_frames (renderer); f++)
        {
          g_autofree char *name = g_strdup_printf ("frame_%05u.png", f);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(cairo_surface_t) whole = cw_renderer_render_frame (renderer, f);
          g_autoptr(CwPngEncoder) fresh = cw_png_encoder_new ();
          g_autoptr(GBytes) all = cw_png_encoder_encode (fresh, whole, NULL, &error);
          g_autoptr(GBytes) png = NULL;
          gchar *contents;
          gsize len;

          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (path, &contents, &len, &error));
          g_assert_no_error (error);
          png = g_bytes_new_take (contents, len);
          assert_png_reads_back (whole, png, FALSE);
          g_assert_true (g_bytes_equal (png, all));
        }
      cw_test_remove_tree (dir);
    }
}


/* After an export, as during it, a block the size of a frame's layer or
 * texture is mapped on its own and goes back to the system when freed,
 * even after a larger one was freed: otherwise glibc raises its threshold
 * and serves the next from the heap, and a format × language matrix grew
 * by megabytes a sequence. */
static void
test_large_blocks_mapped (void)
{
  /* AddressSanitizer's allocator is not glibc's */
#if defined(__GLIBC__) && !defined(UNDER_ASAN)
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  guint8 *large, *block;
  gsize before, after;

  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  large = g_malloc (8 * 1024 * 1024);
  memset (large, 1, 8 * 1024 * 1024);
  g_free (large);
  before = mallinfo2 ().hblkhd;
  block = g_malloc (2 * 1024 * 1024);
  after = mallinfo2 ().hblkhd;
  g_free (block);
  g_assert_cmpuint (after, >=, before + 2 * 1024 * 1024);
  cw_test_remove_tree (dir);
#else
  g_test_skip ("only glibc's own malloc is tuned");
#endif
}

/* A sequence, once written, waits for the others of its export before it
 * is published: it must not keep its renderer's layouts, textures and
 * layers meanwhile, or a format × language matrix grows by a renderer's
 * worth of memory for each sequence. */
static void
test_written_sequence_lets_renderer_go (void)
{
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(GFile) out = g_file_new_for_path (dir);
  g_autoptr(CwSequenceWriter) writer = cw_sequence_writer_new (out, deck, "en", format);
  CwRenderer *renderer = cw_renderer_new (deck, "en", format, 24);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int written = 0;

  g_object_add_weak_pointer (G_OBJECT (renderer), (gpointer *) &renderer);
  g_assert_true (cw_sequence_writer_inspect (writer, &error));
  g_assert_no_error (error);
  g_assert_true (cw_sequence_writer_write_frames (writer, renderer, 2, count_frames, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cw_sequence_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, 84);

  g_object_unref (renderer);
  g_assert_null (renderer);

  /* and it is still published whole */
  g_assert_true (cw_sequence_writer_publish (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cw_test_count_frames (dir), ==, 84);
  g_assert_cmpint (json_object_get_int_member (read_manifest (dir, parser), "frame_count"), ==, 84);
  g_clear_pointer (&writer, cw_sequence_writer_free);
  cw_test_remove_tree (dir);
}

/* The frames of each hold the manifest lists, and of none: one file per
 * hold when @linked, identical copies otherwise. Returns how many holds. */
static guint
assert_holds (const char *dir,
              gboolean    linked)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = read_manifest (dir, parser);
  JsonArray *holds = json_object_get_array_member (manifest, "holds");
  guint n_frames = json_object_get_int_member (manifest, "frame_count");
  g_autofree gboolean *in_hold = g_new0 (gboolean, n_frames);

  g_assert_nonnull (holds);
  for (guint i = 0; i < json_array_get_length (holds); i++)
    {
      JsonObject *hold = json_array_get_object_element (holds, i);
      guint first = json_object_get_int_member (hold, "first_frame");
      guint last = json_object_get_int_member (hold, "last_frame");
      g_autofree char *first_path = g_build_filename (dir, json_object_get_string_member (hold, "file"), NULL);
      g_autofree char *first_bytes = NULL;
      gsize first_len;
      GStatBuf first_st;

      g_assert_cmpuint (last, >, first);
      g_assert_cmpuint (last, <, n_frames);
      g_assert_cmpint (json_object_get_int_member (hold, "frame_count"), ==, last - first + 1);
      g_assert_cmpint (json_object_get_boolean_member (hold, "linked"), ==, linked);
      g_assert_cmpint (g_stat (first_path, &first_st), ==, 0);
      g_assert_true (g_file_get_contents (first_path, &first_bytes, &first_len, NULL));
      /* one file for the run, and nothing else links to it (no staging copy left) */
      g_assert_cmpuint (first_st.st_nlink, ==, linked ? last - first + 1 : 1);

      for (guint f = first; f <= last; f++)
        {
          g_autofree char *name = g_strdup_printf ("frame_%05u.png", f);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *bytes = NULL;
          gsize len;
          GStatBuf st;

          in_hold[f] = TRUE;
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          if (linked)
            g_assert_cmpuint (st.st_ino, ==, first_st.st_ino);
          else if (f > first)
            g_assert_cmpuint (st.st_ino, !=, first_st.st_ino);
          g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
          g_assert_cmpmem (bytes, len, first_bytes, first_len);
        }
    }

  /* every other frame is a file of its own */
  for (guint f = 0; f < n_frames; f++)
    {
      g_autofree char *name = g_strdup_printf ("frame_%05u.png", f);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (!in_hold[f])
        g_assert_cmpuint (st.st_nlink, ==, 1);
    }
  return json_array_get_length (holds);
}

static void
test_holds_linked (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  /* the first slide settles into a still moment */
  g_assert_cmpuint (assert_holds (dir, TRUE), >=, 1);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);

  /* overwriting replaces the linked frames with new linked frames, and
   * leaves no staging folder holding links to them */
  cw_exporter_set_overwrite (exporter, TRUE);
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (assert_holds (dir, TRUE), >=, 1);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);
  for (guint i = 0; i < cw_exporter_get_warnings (exporter)->len; i++)
    {
      const CwDiagnostic *warning = g_ptr_array_index (cw_exporter_get_warnings (exporter), i);

      /* nothing was left behind to tell of */
      g_assert_null (warning->file);
    }

  /* and a failed export that was to replace it leaves it as it was */
  move_fails_to = g_build_filename (dir, "manifest.json", NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);
  g_assert_cmpuint (assert_holds (dir, TRUE), >=, 1);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);
  cw_test_remove_tree (dir);
}

/* A filesystem that will not have hard links (FAT, some network shares)
 * gets identical copies, and the manifest says so. */
static void
test_holds_copied (gconstpointer data)
{
  int errsv = GPOINTER_TO_INT (data);
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = new_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  link_fails_with = errsv;
  g_assert_true (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  g_assert_no_error (error);
  g_assert_cmpuint (assert_holds (dir, FALSE), >=, 1);
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 105 + 4);
  cw_test_remove_tree (dir);
}

/* The step itself, as the writer takes it for each repeated frame. */
static void
test_holds_write_hold (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "frame_00000.png", NULL);
  g_autofree char *second = g_build_filename (dir, "frame_00001.png", NULL);
  g_autofree char *third = g_build_filename (dir, "frame_00002.png", NULL);
  g_autofree char *fourth = g_build_filename (dir, "frame_00003.png", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a frame", 7);
  g_autofree char *content = NULL;
  gboolean linked = TRUE;
  int errsv = 0;
  GStatBuf a, b;

  g_assert_true (g_file_set_contents (first, "a frame", 7, NULL));

  g_assert_true (cw_sequence_writer_write_hold (first, bytes, second, &linked, &errsv));
  g_assert_true (linked);
  g_assert_cmpint (g_stat (first, &a), ==, 0);
  g_assert_cmpint (g_stat (second, &b), ==, 0);
  g_assert_cmpuint (a.st_ino, ==, b.st_ino);

  /* a file with all the links it may have is copied */
  link_fails_with = EMLINK;
  g_assert_true (cw_sequence_writer_write_hold (first, bytes, third, &linked, &errsv));
  g_assert_false (linked);
  g_assert_cmpint (g_stat (third, &b), ==, 0);
  g_assert_cmpuint (a.st_ino, !=, b.st_ino);
  g_assert_true (g_file_get_contents (third, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "a frame");

  /* a full disk is not a refusal: no copy is tried, the error is the caller's */
  link_fails_with = ENOSPC;
  g_assert_false (cw_sequence_writer_write_hold (first, bytes, fourth, &linked, &errsv));
  clear_faults ();
  g_assert_cmpint (errsv, ==, ENOSPC);
  g_assert_false (g_file_test (fourth, G_FILE_TEST_EXISTS));
  cw_test_remove_tree (dir);
}

/* The disk fills up while a hold's frames are linked (a directory cannot
 * take another entry): the export fails as on a full disk, leaving nothing. */
static void
test_full_disk_linking (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;

  link_fails_with = ENOSPC;
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  assert_nothing_left (dir);
  assert_rerun_succeeds (deck, dir, "180x320");
  cw_test_remove_tree (dir);
}

/* The diagnostic among the exporter's warnings about @path, if any. */
static const CwDiagnostic *
find_warning (CwExporter *exporter,
              const char *path)
{
  GPtrArray *warnings = cw_exporter_get_warnings (exporter);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *diagnostic = g_ptr_array_index (warnings, i);

      if (g_strcmp0 (diagnostic->file, path) == 0)
        return diagnostic;
    }
  return NULL;
}

/* A failed export cannot remove a frame it had moved into place: the user
 * is told which file is left, and that it is no finished export. */
static void
test_failed_leaves_file (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *frame = g_build_filename (dir, "frame_00003.png", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  const CwDiagnostic *warning;

  move_fails_to = g_build_filename (dir, "manifest.json", NULL);
  unlink_fails = g_strdup (frame);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);

  warning = find_warning (exporter, frame);
  g_assert_nonnull (warning);
  g_assert_cmpint (warning->severity, ==, CW_SEVERITY_WARNING);
  g_assert_nonnull (strstr (warning->message, "could not be removed"));
  g_assert_nonnull (strstr (warning->hint, "delete it"));
  /* the one file left, and nothing else */
  g_assert_true (g_file_test (frame, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 1);
  cw_test_remove_tree (dir);
}

/* Nothing a failed export moved in can be removed: one warning names the
 * folder and how many, not one a frame. */
static void
test_failed_leaves_many (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u files", FAILING_FRAMES);
  GPtrArray *warnings;
  guint told = 0;

  move_fails_to = g_build_filename (dir, "manifest.json", NULL);
  unlink_fails = g_build_filename (dir, "frame_*", NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);

  warnings = cw_exporter_get_warnings (exporter);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *diagnostic = g_ptr_array_index (warnings, i);

      if (diagnostic->file == NULL || !g_str_has_prefix (diagnostic->file, dir))
        continue;
      told++;
      /* every frame */
      g_assert_cmpstr (diagnostic->file, ==, dir);
      g_assert_nonnull (strstr (diagnostic->message, count));
      g_assert_nonnull (strstr (diagnostic->hint, "delete them"));
    }
  g_assert_cmpuint (told, ==, 1);
  cw_test_remove_tree (dir);
}

/* The staging folder of a failed export cannot be emptied: what is left
 * is named, not dropped. */
static void
test_failed_leaves_staging (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;
  const CwDiagnostic *warning = NULL;

  /* the manifest does not fit, so the staging folder still holds every
   * frame; and one of them cannot be removed */
  full_disk_under = g_strdup (dir);
  full_disk_name = "manifest.json";
  unlink_fails = g_build_filename (dir, ".clearway-partial-*", "frame_00002.png", NULL);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  assert_full_disk_error (error, dir);

  warnings = cw_exporter_get_warnings (exporter);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *diagnostic = g_ptr_array_index (warnings, i);

      if (diagnostic->file != NULL && g_str_has_suffix (diagnostic->file, "/frame_00002.png"))
        warning = diagnostic;
    }
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning->file, dir));
  g_assert_nonnull (strstr (warning->file, "/.clearway-partial-"));
  g_assert_nonnull (strstr (warning->message, "could not be removed"));
  /* it is the file named, and the rest went */
  g_assert_true (g_file_test (warning->file, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *staging = g_path_get_dirname (warning->file);
    g_assert_cmpuint (cw_test_count_entries (staging), ==, 1);
  }
  cw_test_remove_tree (dir);
}

/* A failed export cannot put back a file of the earlier export it was
 * replacing: the user is told where that file is kept, and it is there. */
static void
test_failed_keeps_earlier_aside (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *captions = g_build_filename (dir, "captions.txt", NULL);
  g_autoptr(CwDeck) deck = small_deck ();
  g_autoptr(CwExporter) earlier = failing_exporter (deck, dir, "180x320");
  g_autoptr(CwExporter) exporter = failing_exporter (deck, dir, "180x320");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kept = NULL;
  const CwDiagnostic *warning;
  const char *as;

  g_assert_true (cw_exporter_run (earlier, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (captions, &before, NULL, NULL));

  cw_exporter_set_overwrite (exporter, TRUE);
  moves_fail_to = g_strdup (captions);
  g_assert_false (cw_exporter_run (exporter, NULL, &error));
  clear_faults ();
  g_assert_error (error, CW_ERROR, CW_ERROR_WRITE);

  warning = find_warning (exporter, captions);
  g_assert_nonnull (warning);
  g_assert_cmpint (warning->severity, ==, CW_SEVERITY_ERROR);
  g_assert_nonnull (strstr (warning->message, "could not be put back"));
  as = strstr (warning->hint, dir);
  g_assert_nonnull (as);
  g_assert_nonnull (strstr (as, "/captions.txt"));
  {
    g_autofree char *path = g_strndup (as, strstr (as, "/captions.txt") + strlen ("/captions.txt") - as);

    g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, before);
  }
  /* the earlier frames and manifest are back */
  g_assert_cmpuint (cw_test_count_frames (dir), ==, FAILING_FRAMES);
  cw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/export/sequence", test_sequence);
  g_test_add_func ("/cw/export/refuses-to-overwrite", test_refuses_to_overwrite);
  g_test_add_data_func ("/cw/export/foreign/first-frame", "frame_00000.png", test_foreign_frame);
  g_test_add_data_func ("/cw/export/foreign/frame-beyond-the-end", "frame_00500.png", test_foreign_frame);
  g_test_add_data_func ("/cw/export/foreign/manifest", "manifest.json", test_foreign_frame);
  g_test_add_data_func ("/cw/export/foreign/captions", "captions.txt", test_foreign_frame);
  g_test_add_func ("/cw/export/cancel", test_cancel);
  g_test_add_func ("/cw/export/full-disk/frames", test_full_disk_frames);
  g_test_add_data_func ("/cw/export/full-disk/captions", "captions.txt", test_full_disk_after_frames);
  g_test_add_data_func ("/cw/export/full-disk/manifest", "manifest.json", test_full_disk_after_frames);
  g_test_add_data_func ("/cw/export/full-disk/moving-first-frame", "frame_00000.png", test_full_disk_moving);
  g_test_add_data_func ("/cw/export/full-disk/moving-frames", "frame_00020.png", test_full_disk_moving);
  g_test_add_data_func ("/cw/export/full-disk/moving-captions", "captions.txt", test_full_disk_moving);
  g_test_add_data_func ("/cw/export/full-disk/moving-manifest", "manifest.json", test_full_disk_moving);
  g_test_add_func ("/cw/export/full-disk/keeps-earlier", test_full_disk_keeps_earlier);
  g_test_add_func ("/cw/export/full-disk/second-sequence", test_full_disk_second_sequence);
  g_test_add_func ("/cw/export/full-disk/real", test_full_disk_real);
  g_test_add_func ("/cw/export/unwritable", test_unwritable);
  g_test_add_func ("/cw/export/output-is-a-file", test_output_is_a_file);
  g_test_add_func ("/cw/export/several-formats", test_several_formats);
  g_test_add_func ("/cw/export/unknown-language", test_unknown_language);
  g_test_add_func ("/cw/export/mp4", test_mp4);
  g_test_add_func ("/cw/export/mp4-fails", test_mp4_fails);
  g_test_add_func ("/cw/export/soundtrack/videos", test_soundtrack_videos);
  g_test_add_func ("/cw/export/soundtrack/too-short", test_soundtrack_too_short);
  g_test_add_func ("/cw/export/soundtrack/cancel", test_soundtrack_cancel);
  g_test_add_func ("/cw/export/soundtrack/missing", test_soundtrack_missing);
  g_test_add_func ("/cw/export/refuses-frame-rate", test_refuses_frame_rate);
  g_test_add_func ("/cw/export/webm", test_webm);
  g_test_add_func ("/cw/export/encoder-table", test_encoder_table);
  g_test_add_func ("/cw/export/overwrite-keeps-user-files", test_overwrite_keeps_user_files);
  g_test_add_func ("/cw/export/second-format-keeps-video", test_second_format_keeps_video);
  g_test_add_func ("/cw/export/progress", test_progress);
  g_test_add_func ("/cw/export/progress-failed", test_progress_failed);
  g_test_add_func ("/cw/export/png/reads-back", test_png_reads_back);
  g_test_add_func ("/cw/export/png/sequence-reads-back", test_png_sequence_reads_back);
  g_test_add_func ("/cw/export/png/sequence-drawn-over", test_png_sequence_drawn_over);
  g_test_add_func ("/cw/export/sequence/frames-match-drawing", test_written_frames_match_drawing);
  g_test_add_func ("/cw/export/sequence/lets-renderer-go", test_written_sequence_lets_renderer_go);
  g_test_add_func ("/cw/export/large-blocks-mapped", test_large_blocks_mapped);
  g_test_add_func ("/cw/export/holds/linked", test_holds_linked);
  g_test_add_data_func ("/cw/export/holds/copied/no-links", GINT_TO_POINTER (EPERM), test_holds_copied);
  g_test_add_data_func ("/cw/export/holds/copied/not-supported", GINT_TO_POINTER (EOPNOTSUPP), test_holds_copied);
  g_test_add_func ("/cw/export/holds/write-hold", test_holds_write_hold);
  g_test_add_func ("/cw/export/full-disk/linking", test_full_disk_linking);
  g_test_add_func ("/cw/export/failed/leaves-file", test_failed_leaves_file);
  g_test_add_func ("/cw/export/failed/leaves-many", test_failed_leaves_many);
  g_test_add_func ("/cw/export/encoding-estimate", test_encoding_estimate);
  g_test_add_func ("/cw/export/video-only", test_video_only);
  g_test_add_func ("/cw/export/failed/leaves-staging", test_failed_leaves_staging);
  g_test_add_func ("/cw/export/failed/keeps-earlier-aside", test_failed_keeps_earlier_aside);

  return g_test_run ();
}
