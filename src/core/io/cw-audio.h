/* cw-audio.h: a deck's soundtrack (OGG, MP3, WAV or FLAC), checked safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_AUDIO (cw_audio_get_type ())

G_DECLARE_FINAL_TYPE (CwAudio, cw_audio, CW, AUDIO, GObject)

/* the same cap as an image's: a soundtrack for a clip of a minute fits */
#define CW_AUDIO_MAX_BYTES (16 * 1024 * 1024)

CwAudio         *cw_audio_new_from_bytes     (GBytes      *bytes,
                                              const char  *display_name,
                                              GError     **error);
CwAudio         *cw_audio_new_from_file      (GFile       *file,
                                              GError     **error);
GBytes          *cw_audio_get_bytes          (CwAudio     *self);
const char      *cw_audio_get_media_type     (CwAudio     *self);
const char      *cw_audio_get_extension      (CwAudio     *self);
const char      *cw_audio_get_display_name   (CwAudio     *self);
const char      *cw_audio_media_type_sniff   (const guint8 *data,
                                              gsize         len);

G_END_DECLS
