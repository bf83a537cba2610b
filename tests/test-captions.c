/* test-captions.c: SRT and WebVTT captions and the post description, as a
 * platform and a viewer receive them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-captions.h"
#include "cw-test-utils.h"

typedef struct
{
  gint64  start;
  gint64  end;
  char   *settings;
  char   *text;
} Cue;

static void
cue_free (Cue *cue)
{
  g_free (cue->settings);
  g_free (cue->text);
  g_free (cue);
}

/* "HH:MM:SS,mmm" (SRT) or "HH:MM:SS.mmm" (WebVTT), strictly */
static gint64
parse_time (const char *s,
            char        separator)
{
  int h, m, sec, ms;
  char sep;

  g_assert_cmpint (strlen (s), ==, 12);
  g_assert_cmpint (sscanf (s, "%2d:%2d:%2d%c%3d", &h, &m, &sec, &sep, &ms), ==, 5);
  g_assert_cmpint (sep, ==, separator);
  g_assert_cmpint (m, <, 60);
  g_assert_cmpint (sec, <, 60);
  return (((gint64) h * 60 + m) * 60 + sec) * 1000 + ms;
}

/* Reads captions back by the formats' rules: cues are separated by one
 * blank line; an SRT cue is a counter, a timing line and text; a WebVTT
 * file starts with WEBVTT and its cues may have an identifier. */
static GPtrArray *
parse_cues (const char *contents,
            gboolean    vtt)
{
  g_autoptr(GPtrArray) cues = g_ptr_array_new_with_free_func ((GDestroyNotify) cue_free);
  g_auto(GStrv) blocks = NULL;
  guint first = 0;

  g_assert_false (g_str_has_suffix (contents, "\n\n"));
  g_assert_true (g_str_has_suffix (contents, "\n"));
  g_assert_null (strstr (contents, "\r"));
  g_assert_null (strstr (contents, "\n\n\n"));
  blocks = g_strsplit (contents, "\n\n", -1);
  if (vtt)
    {
      g_assert_cmpstr (blocks[0], ==, "WEBVTT");
      first = 1;
    }

  for (guint i = first; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_strchomp (blocks[i]), "\n", -1);
      Cue *cue = g_new0 (Cue, 1);
      g_auto(GStrv) timing = NULL;
      guint line = 0;

      if (!vtt)
        {
          g_assert_cmpuint (g_ascii_strtoull (lines[line++], NULL, 10), ==, cues->len + 1);
        }
      else if (strstr (lines[0], "-->") == NULL)
        line++;

      g_assert_nonnull (lines[line]);
      timing = g_strsplit (lines[line++], " ", 4);
      g_assert_cmpstr (timing[1], ==, "-->");
      cue->start = parse_time (timing[0], vtt ? '.' : ',');
      cue->end = parse_time (timing[2], vtt ? '.' : ',');
      cue->settings = g_strdup (timing[3] ? timing[3] : "");
      g_assert_cmpint (cue->start, <, cue->end);
      if (cues->len > 0)
        g_assert_cmpint (cue->start, >=, ((Cue *) g_ptr_array_index (cues, cues->len - 1))->end);
      g_assert_nonnull (lines[line]);
      cue->text = g_strjoinv ("\n", lines + line);
      g_ptr_array_add (cues, cue);
    }
  return g_steal_pointer (&cues);
}

static void
test_timestamps (void)
{
  g_autofree char *srt = cw_captions_format_time (3723004, CW_CAPTIONS_SRT);
  g_autofree char *vtt = cw_captions_format_time (3723004, CW_CAPTIONS_VTT);
  g_autofree char *zero = cw_captions_format_time (0, CW_CAPTIONS_VTT);
  g_autofree char *day = cw_captions_format_time ((gint64) 100 * 3600 * 1000 + 59999, CW_CAPTIONS_SRT);

  g_assert_cmpstr (srt, ==, "01:02:03,004");
  g_assert_cmpstr (vtt, ==, "01:02:03.004");
  g_assert_cmpstr (zero, ==, "00:00:00.000");
  g_assert_cmpstr (day, ==, "100:00:59,999");
}

static void
test_escape (void)
{
  const char *text = "Fields & roads <cleared>\n\n  \nnext --> line\r\n";
  g_autofree char *vtt = cw_captions_escape (text, CW_CAPTIONS_VTT);
  g_autofree char *srt = cw_captions_escape (text, CW_CAPTIONS_SRT);

  /* line breaks stay, a blank line (the end of a cue) never does, and
   * WebVTT takes no text for a tag or an entity or a timing arrow */
  g_assert_cmpstr (vtt, ==, "Fields &amp; roads &lt;cleared&gt;\nnext --&gt; line");
  g_assert_cmpstr (srt, ==, "Fields & roads <cleared>\nnext --> line");
}

/* Each cue lasts exactly while its slide is on screen: the frame shown at
 * the cue's start is the slide's first, the one before its end its last. */
static void
check_timing (CwRenderer *renderer,
              GPtrArray  *cues)
{
  guint fps = cw_renderer_get_fps (renderer);
  guint n_slides = cw_renderer_get_n_slides (renderer);

  g_assert_cmpuint (cues->len, ==, n_slides);
  for (guint i = 0; i < cues->len; i++)
    {
      const Cue *cue = g_ptr_array_index (cues, i);
      guint start = cw_renderer_get_frame_at_time (renderer, cue->start / 1000.0 + 0.4 / fps);
      guint last = cw_renderer_get_frame_at_time (renderer, cue->end / 1000.0 - 0.6 / fps);
      guint first_frame, n;

      cw_renderer_get_slide_frames (renderer, i, &first_frame, &n);
      g_assert_cmpuint (start, ==, first_frame);
      g_assert_cmpuint (last, ==, first_frame + n - 1);
      g_assert_cmpuint (cw_renderer_get_slide_at_frame (renderer, start), ==, i);
      g_assert_cmpuint (cw_renderer_get_slide_at_frame (renderer, last), ==, i);
      if (i + 1 == cues->len)
        g_assert_cmpuint (last, ==, cw_renderer_get_n_frames (renderer) - 1);
      else
        g_assert_cmpint (cue->end, ==, ((Cue *) g_ptr_array_index (cues, i + 1))->start);
    }
}

static void
test_timing (gconstpointer data)
{
  guint fps = GPOINTER_TO_UINT (data);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, fps);
  g_autofree char *srt = cw_captions_build (renderer, CW_CAPTIONS_SRT);
  g_autofree char *vtt = cw_captions_build (renderer, CW_CAPTIONS_VTT);
  g_autoptr(GPtrArray) srt_cues = parse_cues (srt, FALSE);
  g_autoptr(GPtrArray) vtt_cues = parse_cues (vtt, TRUE);

  check_timing (renderer, srt_cues);
  check_timing (renderer, vtt_cues);

  /* the figure as it settles on screen, not the count on its way there */
  g_assert_nonnull (strstr (((Cue *) g_ptr_array_index (srt_cues, 1))->text, "168,000"));
  g_assert_nonnull (strstr (((Cue *) g_ptr_array_index (vtt_cues, 1))->text, "168,000"));
}

/* The figures in the language's own digits and separators */
static void
test_language (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "az", format, 30);
  g_autofree char *vtt = cw_captions_build (renderer, CW_CAPTIONS_VTT);
  g_autoptr(GPtrArray) cues = parse_cues (vtt, TRUE);

  g_assert_nonnull (strstr (((Cue *) g_ptr_array_index (cues, 0))->text, "Qarabağ"));
  g_assert_nonnull (strstr (((Cue *) g_ptr_array_index (cues, 1))->text, "168.000"));
  g_assert_null (strstr (vtt, "168,000"));
}

/* A deck that asks for each language's own digits gets them in the
 * captions too, the figures as the viewer reads them on screen. */
static void
test_native_digits (void)
{
  g_autoptr(CwDeck) deck = cw_test_load_deck_file ("rtl.clearway");
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  g_autofree char *srt = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  const char *text;

  cw_deck_set_digits (deck, CW_DIGITS_NATIVE);
  renderer = cw_renderer_new (deck, "ar", format, 30);
  srt = cw_captions_build (renderer, CW_CAPTIONS_SRT);
  cues = parse_cues (srt, FALSE);
  text = ((Cue *) g_ptr_array_index (cues, 1))->text;

  /* 136,000 in Arabic-Indic digits and separator */
  g_assert_nonnull (strstr (text, "١٣٦٬٠٠٠"));
  g_assert_null (strstr (text, "136"));
}

static double
setting_percent (const char *settings,
                 const char *name)
{
  g_autofree char *key = g_strconcat (name, ":", NULL);
  const char *at = strstr (settings, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

/* The cue sits inside the safe area, at its foot: the platform's buttons
 * and its own caption around it cover nothing of it. */
static void
test_position (gconstpointer data)
{
  g_autoptr(CwFormat) format = cw_format_lookup (data, NULL);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  g_autofree char *vtt = cw_captions_build (renderer, CW_CAPTIONS_VTT);
  g_autoptr(GPtrArray) cues = parse_cues (vtt, TRUE);

  g_assert_nonnull (format);
  for (guint i = 0; i < cues->len; i++)
    {
      const Cue *cue = g_ptr_array_index (cues, i);
      double line = setting_percent (cue->settings, "line") * format->height / 100;
      double position = setting_percent (cue->settings, "position") * format->width / 100;
      double size = setting_percent (cue->settings, "size") * format->width / 100;

      /* the cue's bottom edge, the line's "end" */
      g_assert_nonnull (strstr (cue->settings, "%,end"));
      g_assert_cmpfloat (line, <=, format->safe.y + format->safe.height + 1);
      g_assert_cmpfloat (line, >, format->safe.y + format->safe.height / 2);
      g_assert_nonnull (strstr (cue->settings, "align:center"));
      g_assert_cmpfloat (position - size / 2, >=, format->safe.x - 1);
      g_assert_cmpfloat (position + size / 2, <=, format->safe.x + format->safe.width + 1);
    }
}

/* ffmpeg, which the platforms' pipelines are built on, reads both files
 * and finds the same cues at the same times. */
static void
test_ffmpeg_reads (gconstpointer data)
{
  CwCaptionsKind kind = GPOINTER_TO_INT (data);
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "az", format, 24);
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg is not installed");
      return;
    }

  dir = cw_test_make_tmpdir ();
  path = g_build_filename (dir, kind == CW_CAPTIONS_SRT ? "captions.srt" : "captions.vtt", NULL);
  contents = cw_captions_build (renderer, kind);
  ours = parse_cues (contents, kind == CW_CAPTIONS_VTT);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { ffmpeg, "-nostdin", "-v", "error", "-i", path, "-f", "srt", "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ffmpeg could not read %s: %s", path, err);
  g_assert_cmpstr (err, ==, "");

  /* ffmpeg ends its SRT lines with CRLF and the file with a blank line,
   * which ours never have */
  {
    g_auto(GStrv) crlf = g_strsplit (g_strchomp (out), "\r\n", -1);
    g_autofree char *joined = g_strjoinv ("\n", crlf);
    g_autofree char *tidy = g_strconcat (joined, "\n", NULL);

    theirs = parse_cues (tidy, FALSE);
  }
  g_assert_cmpuint (theirs->len, ==, ours->len);
  for (guint i = 0; i < ours->len; i++)
    {
      const Cue *a = g_ptr_array_index (ours, i);
      const Cue *b = g_ptr_array_index (theirs, i);

      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpint (a->end, ==, b->end);
      g_auto(GStrv) a_lines = g_strsplit (a->text, "\n", -1);
      g_auto(GStrv) b_lines = g_strsplit (b->text, "\n", -1);

      /* the same lines: the breaks kept */
      g_assert_cmpuint (g_strv_length (a_lines), >, 1);
      g_assert_cmpuint (g_strv_length (b_lines), ==, g_strv_length (a_lines));
    }

  cw_test_remove_tree (dir);
}

/* What goes with the post: the clip's texts in reading order, then where
 * the figures come from and as of when, then whom to call. */
static void
test_description (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, "en", format, 30);
  g_autofree char *text = cw_captions_build_description (renderer);
  const char *title = strstr (text, "Karabakh");
  const char *figure = strstr (text, "168,000");
  const char *source = strstr (text, "Source: ANAMA, Oct 2024");
  const char *call = strstr (text, "Call 112");

  g_assert_nonnull (title);
  g_assert_nonnull (figure);
  g_assert_nonnull (source);
  g_assert_nonnull (call);
  g_assert_true (title < figure && figure < source && source < call);
  /* the source once, not under every slide */
  g_assert_null (strstr (source + 1, "Source:"));
  g_assert_true (g_str_has_suffix (text, "Call 112\n"));
}

int
main (int    argc,
      char **argv)
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/captions/timestamps", test_timestamps);
  g_test_add_func ("/cw/captions/escape", test_escape);
  g_test_add_data_func ("/cw/captions/timing/24fps", GUINT_TO_POINTER (24), test_timing);
  g_test_add_data_func ("/cw/captions/timing/30fps", GUINT_TO_POINTER (30), test_timing);
  g_test_add_data_func ("/cw/captions/timing/60fps", GUINT_TO_POINTER (60), test_timing);
  g_test_add_func ("/cw/captions/language", test_language);
  g_test_add_func ("/cw/captions/native-digits", test_native_digits);
  g_test_add_data_func ("/cw/captions/position/tiktok", "tiktok", test_position);
  g_test_add_data_func ("/cw/captions/position/landscape", "landscape", test_position);
  g_test_add_data_func ("/cw/captions/position/square", "square", test_position);
  g_test_add_data_func ("/cw/captions/ffmpeg/srt", GINT_TO_POINTER (CW_CAPTIONS_SRT), test_ffmpeg_reads);
  g_test_add_data_func ("/cw/captions/ffmpeg/vtt", GINT_TO_POINTER (CW_CAPTIONS_VTT), test_ffmpeg_reads);
  g_test_add_func ("/cw/captions/description", test_description);

  return g_test_run ();
}
