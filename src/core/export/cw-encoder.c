/* cw-encoder.c
 *
 * Every video is made the same way: ffmpeg reads the finished PNG sequence
 * in its staging folder, converts it to BT.709 limited-range yuv420p (what
 * players expect; the PNGs are sRGB) with a key frame every two seconds,
 * and writes the file beside the frames. Only the options of the codec
 * differ, and those are the table below: adding a video type is one entry
 * there (and its test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-encoder.h"
#include "cw-error.h"
#include "cw-sequence-writer.h"

static const char * const mp4_args[] = {
  "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-profile:v", "high",
  "-movflags", "+faststart",
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
 * cw_encoder_run:
 * @folder: the folder holding the complete frame sequence
 * @output: the file name of the video, made in @folder
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
                CwEncoderProgress   progress,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stderr_text = NULL;
  g_auto(GStrv) argv = cw_encoder_build_argv (encoder, fps, output);
  g_autoptr(GStrvBuilder) full = g_strv_builder_new ();
  g_auto(GStrv) full_argv = NULL;
  char *line;

  if (!cw_ffmpeg_is_available ())
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NO_FFMPEG,
                   /* Translators: %s is a video type such as "MP4 video" */
                   _("ffmpeg is not installed, so no %s was made; the PNG frames are ready. Install ffmpeg (apt install ffmpeg) and export again, or run the command in manifest.json."),
                   _(encoder->label));
      return FALSE;
    }

  /* ffmpeg writes key=value progress lines to stdout */
  g_strv_builder_add (full, argv[0]);
  g_strv_builder_add_many (full, "-progress", "pipe:1", "-nostats", NULL);
  g_strv_builder_addv (full, (const char **) argv + 1);
  full_argv = g_strv_builder_end (full);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full_argv, &local_error);
  if (process == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FFMPEG_FAILED, _("ffmpeg could not be started: %s"),
                   local_error->message);
      return FALSE;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "frame=") && progress != NULL)
        progress ((guint) MIN (g_ascii_strtoull (line + 6, NULL, 10), n_frames), user_data);
      g_free (line);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_subprocess_force_exit (process);
          break;
        }
    }

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, NULL);
  g_subprocess_wait (process, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
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
