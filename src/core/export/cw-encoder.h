/* cw-encoder.h: the videos an export makes from its frames with ffmpeg
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"

G_BEGIN_DECLS

/**
 * CwEncoder:
 * @name: what the command line takes: "mp4", "webm"
 * @extension: of the video file, without the dot
 * @label: for people, untranslated (pass it through gettext)
 * @description: what the video is for, untranslated
 * @codec: the ffmpeg encoder it needs: "libx264"
 * @args: ffmpeg's options for this video, between the input and the file
 * @audio_args: ffmpeg's options for the soundtrack in this video
 * @weight: how long encoding a frame takes against writing one, so that
 *   progress moves evenly through both
 * @suggested: ticked in the editor's Export dialog when ffmpeg is there
 */
typedef struct
{
  const char         *name;
  const char         *extension;
  const char         *label;
  const char         *description;
  const char         *codec;
  const char * const *args;
  const char * const *audio_args;
  double              weight;
  gboolean            suggested;
} CwEncoder;

/* Called from the encoding thread with the frames encoded so far. */
typedef void (*CwEncoderProgress) (guint    frames,
                                   gpointer user_data);

const CwEncoder * const *cw_encoder_list        (void);
const CwEncoder         *cw_encoder_lookup      (const char          *name);
GPtrArray               *cw_encoder_parse_list  (const char          *spec,
                                                 GError             **error);
char                    *cw_encoder_dup_help    (void);
GStrv                    cw_encoder_build_argv  (const CwEncoder     *encoder,
                                                 guint                fps,
                                                 const char          *output);
char                    *cw_encoder_dup_shell   (const CwEncoder     *encoder,
                                                 guint                fps,
                                                 const char          *output);
gboolean                 cw_encoder_check       (const CwEncoder     *encoder,
                                                 GError             **error);
gboolean                 cw_encoder_run         (const CwEncoder     *encoder,
                                                 const char          *folder,
                                                 guint                fps,
                                                 guint                n_frames,
                                                 const char          *output,
                                                 CwAudio             *soundtrack,
                                                 CwEncoderProgress    progress,
                                                 gpointer             user_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);

gboolean                 cw_encoder_check_soundtrack (CwDeck         *deck,
                                                      GError        **error);

gboolean                 cw_ffmpeg_is_available (void);

G_END_DECLS
