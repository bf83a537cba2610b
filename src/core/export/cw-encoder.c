/* cw-encoder.c
 *
 * Every video is made the same way: ffmpeg reads the finished PNG sequence
 * in its staging folder, converts it to BT.709 limited-range yuv420p (what
 * players expect; the PNGs are sRGB) with a key frame every two seconds,
 * and writes the file beside the frames. Only the options of the codec
 * differ, and those are the table below: adding a video type is one entry
 * there (and its test).
 *
 * A deck's soundtrack goes into every video the same way too: trimmed to
 * the clip, faded out over its last second, and brought to −14 LUFS
 * integrated (what TikTok, Reels and Shorts play at) by ffmpeg's loudnorm
 * in two passes: the first measures the faded track, the second applies
 * one gain from those figures (linear), so the music's own dynamics stay.
 * A soundtrack shorter than the clip is refused rather than padded with
 * silence: a clip whose music stops early sounds broken, and only the
 * person making it can choose a longer track or shorter slides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cw-encoder.h"
#include "cw-error.h"
#include "cw-sequence-writer.h"

static const char * const mp4_args[] = {
  "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-profile:v", "high",
  "-movflags", "+faststart",
  NULL
};

static const char * const mp4_audio_args[] = {
  "-c:a", "aac", "-b:a", "192k",
  NULL
};

static const char * const webm_audio_args[] = {
  "-c:a", "libopus", "-b:a", "128k",
  NULL
};

/* constant quality (-b:v 0), at the speed libvpx suggests for files that
 * are made once and watched often */
static const char * const webm_args[] = {
  "-c:v", "libvpx-vp9", "-crf", "32", "-b:v", "0",
  "-deadline", "good", "-cpu-used", "4", "-row-mt", "1",
  NULL
};

/* The weights come from the sample at 1080×1920 on two cores, in CPU time
 * a frame: rendering and writing it about 33 ms (still moments are drawn
 * once), H.264 about 110 ms, VP9 about 190 ms. */
static const CwEncoder * const encoders[] = {
  &(const CwEncoder) {
    .name = "mp4",
    .extension = "mp4",
    .label = N_("MP4 video"),
    .description = N_("H.264 for TikTok, Reels and Shorts"),
    .codec = "libx264",
    .args = mp4_args,
    .audio_args = mp4_audio_args,
    .weight = 3.0,
    .suggested = TRUE,
  },
  &(const CwEncoder) {
    .name = "webm",
    .extension = "webm",
    .label = N_("WebM video"),
    .description = N_("VP9 for web pages and messaging apps"),
    .codec = "libvpx-vp9",
    .args = webm_args,
    .audio_args = webm_audio_args,
    .weight = 5.0,
    .suggested = FALSE,
  },
  NULL
};

/**
 * cw_encoder_list:
 *
 * Returns: (transfer none) (array zero-terminated=1): every video type, in
 *   the order the command line and the editor offer them
 */
const CwEncoder * const *
cw_encoder_list (void)
{
  return encoders;
}

/* Returns: (nullable): the video type called @name */
const CwEncoder *
cw_encoder_lookup (const char *name)
{
  for (guint i = 0; encoders[i]; i++)
    {
      if (g_strcmp0 (encoders[i]->name, name) == 0)
        return encoders[i];
    }
  return NULL;
}

static char *
list_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; encoders[i]; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", encoders[i]->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * cw_encoder_parse_list:
 * @spec: "mp4", "mp4,webm" or "all"
 *
 * Returns: (transfer container) (element-type CwEncoder): the video types
 *   named, each once, in the order given
 */
GPtrArray *
cw_encoder_parse_list (const char  *spec,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (g_str_equal (spec, "all"))
    {
      for (guint i = 0; encoders[i]; i++)
        g_ptr_array_add (list, (gpointer) encoders[i]);
      return g_steal_pointer (&list);
    }

  parts = g_strsplit (spec, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const CwEncoder *encoder;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      encoder = cw_encoder_lookup (parts[i]);
      if (encoder == NULL)
        {
          g_autofree char *names = list_names ();
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("“%s” is not a video type; the types are %s, or all"), parts[i], names);
          return NULL;
        }
      if (!g_ptr_array_find (list, encoder, NULL))
        g_ptr_array_add (list, (gpointer) encoder);
    }
  return g_steal_pointer (&list);
}

/**
 * cw_encoder_dup_help:
 *
 * Returns: (transfer full): every video type with what it is for, for a
 *   command line's help: "mp4 (H.264 for …), webm (VP9 for …)"
 */
char *
cw_encoder_dup_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  for (guint i = 0; encoders[i]; i++)
    {
      if (i > 0)
        g_string_append (help, ", ");
      /* Translators: a video type for the command line's help: a name such as "webm", then what it is for */
      g_string_append_printf (help, _("%s (%s)"), encoders[i]->name, _(encoders[i]->description));
    }
  return g_string_free (g_steal_pointer (&help), FALSE);
}

/**
 * cw_encoder_build_argv:
 * @output: the video's file name, beside the frames
 *
 * Returns: (transfer full): the ffmpeg command, run in the sequence's folder,
 *   that makes the video from its frames
 */
GStrv
cw_encoder_build_argv (const CwEncoder *encoder,
                       guint            fps,
                       const char      *output)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autofree char *rate = g_strdup_printf ("%u", fps);
  g_autofree char *gop = g_strdup_printf ("%u", fps * 2);

  g_return_val_if_fail (encoder != NULL, NULL);

  g_strv_builder_add_many (argv, "ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
                           "-framerate", rate, "-start_number", "0", "-i", CW_FRAME_PATTERN,
                           "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                           NULL);
  g_strv_builder_addv (argv, (const char **) encoder->args);
  g_strv_builder_add_many (argv, "-g", gop, "-r", rate,
                           "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
                           "-color_range", "tv",
                           output,
                           NULL);
  return g_strv_builder_end (argv);
}

static char *
shell_join (const char * const *argv)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; argv[i]; i++)
    {
      g_autofree char *quoted = NULL;
      gboolean plain = *argv[i] != '\0';

      for (const char *p = argv[i]; *p; p++)
        {
          if (!g_ascii_isalnum (*p) && strchr ("-_+.:=/%,", *p) == NULL)
            plain = FALSE;
        }
      quoted = plain ? g_strdup (argv[i]) : g_shell_quote (argv[i]);
      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, quoted);
    }
  return g_string_free (str, FALSE);
}

/* Returns: (transfer full): cw_encoder_build_argv() as one line for a shell */
char *
cw_encoder_dup_shell (const CwEncoder *encoder,
                      guint            fps,
                      const char      *output)
{
  g_auto(GStrv) argv = cw_encoder_build_argv (encoder, fps, output);

  return shell_join ((const char * const *) argv);
}

gboolean
cw_ffmpeg_is_available (void)
{
  g_autofree char *path = g_find_program_in_path ("ffmpeg");

  return path != NULL;
}

/**
 * cw_encoder_check:
 *
 * Whether ffmpeg is installed and can make @encoder's videos. Asks ffmpeg,
 * so it may take a moment. An ffmpeg that cannot say which encoders it has
 * is given the benefit of the doubt: the encoding itself will tell.
 */
gboolean
cw_encoder_check (const CwEncoder  *encoder,
                  GError          **error)
{
  const char *argv[] = { "ffmpeg", "-hide_banner", "-encoders", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (encoder != NULL, FALSE);

  if (!cw_ffmpeg_is_available ())
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   /* Translators: the first %s is a video type such as "MP4 video" */
                   _("The %s needs ffmpeg, which is not installed. Install it (apt install ffmpeg), or export the PNG frames only."),
                   _(encoder->label));
      return FALSE;
    }

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, NULL, &listing, NULL, NULL) ||
      !g_subprocess_get_successful (process) || listing == NULL)
    return TRUE;

  /* "V....D libvpx-vp9           libvpx VP9 (codec vp9)" */
  needle = g_strdup_printf (" %s ", encoder->codec);
  if (strstr (listing, needle) == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   /* Translators: a video type such as "WebM video", then an ffmpeg encoder such as "libvpx-vp9" */
                   _("The ffmpeg installed here cannot make the %s: it has no %s encoder. Install an ffmpeg that has it, or export without this video."),
                   _(encoder->label), encoder->codec);
      return FALSE;
    }
  return TRUE;
}

/**
 * cw_encoder_check_soundtrack:
 *
 * Whether @deck's videos can be made with its soundtrack: a soundtrack the
 * deck names but that could not be loaded (missing, unreadable, too large,
 * not audio) stops an export before any frame is drawn, naming the file.
 */
gboolean
cw_encoder_check_soundtrack (CwDeck  *deck,
                             GError **error)
{
  const char *href = cw_deck_get_soundtrack_href (deck);

  if (href != NULL && cw_deck_get_soundtrack (deck) == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("The soundtrack “%s” is missing or cannot be used, so no video can be made. Put an OGG, MP3, WAV or FLAC file of that name next to the deck, or choose another soundtrack on the Deck page."),
                   href);
      return FALSE;
    }
  return TRUE;
}

typedef void (*LineFunc) (const char *line,
                          gpointer    user_data);

/* Runs ffmpeg in @folder, handing each line it writes to stdout to
 * @on_line. FALSE with @error set only when it could not start or was
 * cancelled; otherwise @ok says whether it succeeded and @stderr_text
 * holds what it said. */
static gboolean
spawn_ffmpeg (const char * const  *argv,
              const char          *folder,
              LineFunc             on_line,
              gpointer             user_data,
              GCancellable        *cancellable,
              gboolean            *ok,
              char               **stderr_text,
              GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  char *line;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (folder != NULL)
    g_subprocess_launcher_set_cwd (launcher, folder);
  process = g_subprocess_launcher_spawnv (launcher, argv, &local_error);
  if (process == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED, _("ffmpeg could not be started: %s"),
                   local_error->message);
      return FALSE;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      if (on_line != NULL)
        on_line (line, user_data);
      g_free (line);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_subprocess_force_exit (process);
          break;
        }
    }

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, stderr_text, NULL);
  g_subprocess_wait (process, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  *ok = g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
  return TRUE;
}

static char *
format_seconds (double seconds)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", seconds));
}

/* fade-out over the last second (or the whole clip, if it is shorter) */
static char *
fade_filter (double duration)
{
  g_autofree char *start = format_seconds (MAX (duration - 1.0, 0.0));
  g_autofree char *length = format_seconds (MIN (duration, 1.0));

  return g_strdup_printf ("afade=t=out:st=%s:d=%s", start, length);
}

#define LOUDNESS_TARGET "I=-14:TP=-1.5:LRA=11"

typedef struct
{
  gint64 out_time_us;
} MeasureProgress;

static void
on_measure_line (const char *line,
                 gpointer    user_data)
{
  MeasureProgress *measure = user_data;

  if (g_str_has_prefix (line, "out_time_us="))
    measure->out_time_us = MAX (measure->out_time_us, g_ascii_strtoll (line + 12, NULL, 10));
}

/* What loudnorm printed, as a string member of its JSON, or NULL */
static const char *
loudnorm_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The first loudnorm pass: measures @path trimmed and faded to @duration,
 * and returns the audio filter of the second, or NULL with @error set.
 * The soundtrack is refused here when it is shorter than the clip. */
static char *
measure_soundtrack (CwAudio       *soundtrack,
                    const char    *path,
                    double         duration,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *length = format_seconds (duration);
  g_autofree char *fade = fade_filter (duration);
  g_autofree char *filter = g_strdup_printf ("%s,loudnorm=" LOUDNESS_TARGET ":print_format=json", fade);
  const char *argv[] = {
    "ffmpeg", "-hide_banner", "-nostats", "-progress", "pipe:1",
    "-t", length, "-i", path, "-vn", "-af", filter, "-f", "null", "-",
    NULL
  };
  g_autofree char *stderr_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  MeasureProgress measure = { 0 };
  JsonObject *object;
  const char *json, *input_i, *input_tp, *input_lra, *input_thresh, *offset;
  gboolean ok = FALSE;
  double measured;

  if (!spawn_ffmpeg (argv, NULL, on_measure_line, &measure, cancellable, &ok, &stderr_text, error))
    return NULL;

  /* loudnorm's report is the last {…} ffmpeg writes */
  json = stderr_text ? strrchr (stderr_text, '{') : NULL;
  if (!ok || json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED,
                   /* Translators: a file name, then ffmpeg's own message */
                   _("The soundtrack “%s” cannot be read (%s). Save it again from your audio editor, or choose another soundtrack."),
                   cw_audio_get_display_name (soundtrack),
                   stderr_text && *stderr_text ? g_strstrip (stderr_text) : _("no message"));
      return NULL;
    }

  /* a frame's worth of slack: ffmpeg's packets do not end exactly on it */
  if (measure.out_time_us / 1e6 < duration - 0.05)
    {
      g_autofree char *audio_length = g_strdup_printf ("%.1f", measure.out_time_us / 1e6);
      g_autofree char *clip_length = g_strdup_printf ("%.1f", duration);

      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   /* Translators: a file name, then two durations in seconds such as "4.5" */
                   _("The soundtrack “%s” lasts %s seconds, but the clip lasts %s seconds. Choose a soundtrack at least as long as the clip, or shorten the slides."),
                   cw_audio_get_display_name (soundtrack), audio_length, clip_length);
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  input_i = loudnorm_member (object, "input_i");
  input_tp = loudnorm_member (object, "input_tp");
  input_lra = loudnorm_member (object, "input_lra");
  input_thresh = loudnorm_member (object, "input_thresh");
  offset = loudnorm_member (object, "target_offset");
  measured = input_i ? g_ascii_strtod (input_i, NULL) : -INFINITY;

  /* silence has no loudness to bring anywhere: it is only faded */
  if (!input_tp || !input_lra || !input_thresh || !offset || !isfinite (measured) || measured < -70)
    return g_steal_pointer (&fade);

  return g_strdup_printf ("%s,loudnorm=" LOUDNESS_TARGET ":measured_I=%s:measured_TP=%s:measured_LRA=%s:measured_thresh=%s:offset=%s:linear=true:print_format=none",
                          fade, input_i, input_tp, input_lra, input_thresh, offset);
}

static gboolean
write_soundtrack (CwAudio  *soundtrack,
                  char    **path,
                  GError  **error)
{
  g_autofree char *template = g_strdup_printf ("clearway-soundtrack-XXXXXX.%s", cw_audio_get_extension (soundtrack));
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = cw_audio_get_bytes (soundtrack);
  int fd;

  fd = g_file_open_tmp (template, path, &local_error);
  if (fd < 0 || !g_close (fd, &local_error) ||
      !g_file_set_contents (*path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error))
    {
      if (*path != NULL)
        g_unlink (*path);
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                   _("The soundtrack cannot be prepared for ffmpeg: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  CwEncoderProgress progress;
  gpointer          user_data;
  guint             n_frames;
} EncodeProgress;

static void
on_encode_line (const char *line,
                gpointer    user_data)
{
  EncodeProgress *encode = user_data;

  if (g_str_has_prefix (line, "frame=") && encode->progress != NULL)
    encode->progress ((guint) MIN (g_ascii_strtoull (line + 6, NULL, 10), encode->n_frames), encode->user_data);
}

/**
 * cw_encoder_run:
 * @folder: the folder holding the complete frame sequence
 * @output: the file name of the video, made in @folder
 * @soundtrack: (nullable): the music the video carries, trimmed, faded and
 *   normalised to the clip
 * @progress: (nullable): told the frames encoded so far, as ffmpeg goes
 *
 * Makes the video, blocking. What a failed ffmpeg left behind is not
 * removed: it is in the caller's staging folder.
 */
gboolean
cw_encoder_run (const CwEncoder    *encoder,
                const char         *folder,
                guint               fps,
                guint               n_frames,
                const char         *output,
                CwAudio            *soundtrack,
                CwEncoderProgress   progress,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *stderr_text = NULL;
  g_autofree char *audio_path = NULL;
  g_autofree char *audio_filter = NULL;
  g_autofree char *length = NULL;
  g_auto(GStrv) argv = cw_encoder_build_argv (encoder, fps, output);
  g_autoptr(GStrvBuilder) full = g_strv_builder_new ();
  g_auto(GStrv) full_argv = NULL;
  EncodeProgress encode = { progress, user_data, n_frames };
  double duration = (double) n_frames / fps;
  gboolean ok = FALSE;
  gboolean spawned;

  if (!cw_ffmpeg_is_available ())
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   /* Translators: %s is a video type such as "MP4 video" */
                   _("ffmpeg is not installed, so no %s was made; the PNG frames are ready. Install ffmpeg (apt install ffmpeg) and export again, or run the command in manifest.json."),
                   _(encoder->label));
      return FALSE;
    }

  if (soundtrack != NULL)
    {
      if (!write_soundtrack (soundtrack, &audio_path, error))
        return FALSE;
      audio_filter = measure_soundtrack (soundtrack, audio_path, duration, cancellable, error);
      if (audio_filter == NULL)
        {
          g_unlink (audio_path);
          return FALSE;
        }
      length = format_seconds (duration);
    }

  /* ffmpeg writes key=value progress lines to stdout */
  g_strv_builder_add (full, argv[0]);
  g_strv_builder_add_many (full, "-progress", "pipe:1", "-nostats", NULL);
  for (guint i = 1; argv[i]; i++)
    {
      /* the soundtrack is the second input, right after the frames */
      if (audio_path != NULL && g_str_equal (argv[i], "-vf"))
        {
          g_strv_builder_add_many (full, "-t", length, "-i", audio_path,
                                   "-map", "0:v:0", "-map", "1:a:0",
                                   "-af", audio_filter, "-ar", "48000", NULL);
          g_strv_builder_addv (full, (const char **) encoder->audio_args);
        }
      g_strv_builder_add (full, argv[i]);
    }
  full_argv = g_strv_builder_end (full);

  spawned = spawn_ffmpeg ((const char * const *) full_argv, folder, on_encode_line, &encode,
                          cancellable, &ok, &stderr_text, error);
  if (audio_path != NULL)
    g_unlink (audio_path);
  if (!spawned)
    return FALSE;

  if (!ok)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED,
                   /* Translators: a video type such as "MP4 video", then ffmpeg's own message */
                   _("ffmpeg could not make the %s (%s). The PNG frames are complete; the command is in manifest.json."),
                   _(encoder->label),
                   stderr_text && *stderr_text ? g_strstrip (stderr_text) : _("no message"));
      return FALSE;
    }

  if (progress != NULL)
    progress (n_frames, user_data);
  return TRUE;
}
