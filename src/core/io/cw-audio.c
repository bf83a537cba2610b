/* cw-audio.c
 *
 * A soundtrack is kept as the file's bytes: Clearway never decodes it, ffmpeg
 * does when a video is made. What is checked here is what can be checked
 * without decoding: the size, and that the content (not the name) is one of
 * the four containers ffmpeg is asked to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-audio.h"
#include "cw-error.h"
#include "cw-file.h"

struct _CwAudio
{
  GObject     parent_instance;

  GBytes     *bytes;
  char       *display_name;
  const char *media_type;
  const char *extension;
};

G_DEFINE_FINAL_TYPE (CwAudio, cw_audio, G_TYPE_OBJECT)

static void
cw_audio_finalize (GObject *object)
{
  CwAudio *self = (CwAudio *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (cw_audio_parent_class)->finalize (object);
}

static void
cw_audio_class_init (CwAudioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_audio_finalize;
}

static void
cw_audio_init (CwAudio *self)
{
}

static const struct
{
  const char *media_type;
  const char *extension;
} kinds[] = {
  { "audio/ogg", "ogg" },
  { "audio/mpeg", "mp3" },
  { "audio/wav", "wav" },
  { "audio/flac", "flac" },
};

/**
 * cw_audio_media_type_sniff:
 *
 * Returns: (nullable): "audio/ogg", "audio/mpeg", "audio/wav" or
 *   "audio/flac" from the file's first bytes, or %NULL for anything else
 */
const char *
cw_audio_media_type_sniff (const guint8 *data,
                           gsize         len)
{
  if (len >= 4 && memcmp (data, "OggS", 4) == 0)
    return "audio/ogg";
  if (len >= 4 && memcmp (data, "fLaC", 4) == 0)
    return "audio/flac";
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WAVE", 4) == 0)
    return "audio/wav";
  /* an ID3 tag, or straight into an MPEG audio frame: 11 sync bits, then
   * a layer that is not the reserved 00 */
  if (len >= 3 && memcmp (data, "ID3", 3) == 0)
    return "audio/mpeg";
  if (len >= 2 && data[0] == 0xff && (data[1] & 0xe0) == 0xe0 && (data[1] & 0x06) != 0)
    return "audio/mpeg";
  return NULL;
}

/**
 * cw_audio_new_from_bytes:
 * @bytes: the file's content
 * @display_name: how to name the soundtrack in messages
 *
 * Returns: (transfer full) (nullable): the soundtrack, or %NULL with
 *   @error set when it is too large or not OGG, MP3, WAV or FLAC
 */
CwAudio *
cw_audio_new_from_bytes (GBytes      *bytes,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(CwAudio) self = NULL;
  const char *media_type;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > CW_AUDIO_MAX_BYTES)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the soundtrack is larger than 16 MB. Use a shorter or more compressed file (OGG or MP3)."),
                   display_name);
      return NULL;
    }
  media_type = cw_audio_media_type_sniff (data, len);
  if (media_type == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the soundtrack is not an OGG, MP3, WAV or FLAC file. Save it in one of these formats from your audio editor."),
                   display_name);
      return NULL;
    }

  self = g_object_new (CW_TYPE_AUDIO, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (display_name);
  self->media_type = media_type;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_str_equal (kinds[i].media_type, media_type))
        self->extension = kinds[i].extension;
    }
  return g_steal_pointer (&self);
}

/* Returns: (transfer full) (nullable): the soundtrack in @file */
CwAudio *
cw_audio_new_from_file (GFile   *file,
                        GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;

  bytes = cw_file_load_bounded (file, CW_AUDIO_MAX_BYTES, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, CW_ERROR, CW_ERROR_TOO_LARGE))
        g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                     _("%s: the soundtrack is larger than 16 MB. Use a shorter or more compressed file (OGG or MP3)."),
                     name);
      else
        /* keeps G_IO_ERROR_NOT_FOUND for the caller; the message names the file */
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return cw_audio_new_from_bytes (bytes, name, error);
}

GBytes *
cw_audio_get_bytes (CwAudio *self)
{
  g_return_val_if_fail (CW_IS_AUDIO (self), NULL);
  return self->bytes;
}

const char *
cw_audio_get_media_type (CwAudio *self)
{
  g_return_val_if_fail (CW_IS_AUDIO (self), NULL);
  return self->media_type;
}

/* "ogg", "mp3", "wav" or "flac", without the dot */
const char *
cw_audio_get_extension (CwAudio *self)
{
  g_return_val_if_fail (CW_IS_AUDIO (self), NULL);
  return self->extension;
}

const char *
cw_audio_get_display_name (CwAudio *self)
{
  g_return_val_if_fail (CW_IS_AUDIO (self), NULL);
  return self->display_name;
}
