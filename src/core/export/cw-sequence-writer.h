/* cw-sequence-writer.h: one numbered PNG sequence, with its captions, videos
 * and manifest, made aside and moved into its folder whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-encoder.h"
#include "cw-format.h"
#include "cw-renderer.h"

G_BEGIN_DECLS

#define CW_FRAME_PATTERN "frame_%05d.png"
#define CW_CAPTIONS_NAME "captions.txt"
#define CW_MANIFEST_NAME "manifest.json"

/**
 * CwEarlierExport:
 * @dir: the folder it is in
 * @replaced: its files that the new export replaces: its frames, captions
 *   and manifest, and any video the new export makes again
 * @kept: its files the new export leaves in place (videos it does not
 *   make again); the new manifest still lists them as Clearway's
 * @n_frames: how many of @replaced are frames
 *
 * An export that an earlier Clearway manifest in a folder lists. Only its
 * files are ever replaced.
 */
typedef struct
{
  GFile *dir;
  GStrv  replaced;
  GStrv  kept;
  guint  n_frames;
} CwEarlierExport;

void             cw_earlier_export_free      (CwEarlierExport       *self);
CwEarlierExport *cw_earlier_export_copy      (const CwEarlierExport *self);
char            *cw_earlier_export_describe  (const CwEarlierExport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwEarlierExport, cw_earlier_export_free)

typedef struct _CwSequenceWriter CwSequenceWriter;

/* Called from the rendering threads for each frame written, and for each
 * frame rendered (the others repeat a still moment). */
typedef void (*CwFrameProgress) (guint    written,
                                 guint    rendered,
                                 gpointer user_data);

CwSequenceWriter      *cw_sequence_writer_new          (GFile             *dir,
                                                        CwDeck            *deck,
                                                        const char        *language,
                                                        const CwFormat    *format);
void                   cw_sequence_writer_free         (CwSequenceWriter  *self);
void                   cw_sequence_writer_add_video    (CwSequenceWriter  *self,
                                                        const CwEncoder   *encoder);
void                   cw_sequence_writer_set_video_only (CwSequenceWriter *self,
                                                        gboolean           video_only);
GFile                 *cw_sequence_writer_get_dir      (CwSequenceWriter  *self);
const char            *cw_sequence_writer_get_language (CwSequenceWriter  *self);
const CwFormat        *cw_sequence_writer_get_format   (CwSequenceWriter  *self);

gboolean               cw_sequence_writer_inspect      (CwSequenceWriter  *self,
                                                        GError           **error);
const CwEarlierExport *cw_sequence_writer_get_earlier  (CwSequenceWriter  *self);

gboolean               cw_sequence_writer_write_frames (CwSequenceWriter  *self,
                                                        CwRenderer        *renderer,
                                                        guint              threads,
                                                        CwFrameProgress    progress,
                                                        gpointer           user_data,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
gboolean               cw_sequence_writer_encode       (CwSequenceWriter  *self,
                                                        const CwEncoder   *encoder,
                                                        CwEncoderProgress  progress,
                                                        gpointer           user_data,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
gboolean               cw_sequence_writer_finish       (CwSequenceWriter  *self,
                                                        GError           **error);
guint                  cw_sequence_writer_get_n_frames (CwSequenceWriter  *self);
GPtrArray             *cw_sequence_writer_get_videos   (CwSequenceWriter  *self);

gboolean               cw_sequence_writer_publish      (CwSequenceWriter  *self,
                                                        GError           **error);
void                   cw_sequence_writer_unpublish    (CwSequenceWriter  *self);
void                   cw_sequence_writer_clean_up     (CwSequenceWriter  *self);
GPtrArray             *cw_sequence_writer_get_warnings (CwSequenceWriter  *self);

/* internal, for the tests */
gboolean               cw_sequence_writer_write_hold   (const char        *first,
                                                        GBytes            *bytes,
                                                        const char        *path,
                                                        gboolean          *linked,
                                                        int               *errsv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwSequenceWriter, cw_sequence_writer_free)

G_END_DECLS
