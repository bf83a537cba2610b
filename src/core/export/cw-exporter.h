/* cw-exporter.h: a deck → PNG sequences (and videos) per language and format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-diagnostic.h"
#include "cw-encoder.h"
#include "cw-format.h"
#include "cw-sequence-writer.h"

G_BEGIN_DECLS

/**
 * CwExportPhase:
 * @CW_EXPORT_PHASE_LAYOUT: laying out the slides
 * @CW_EXPORT_PHASE_RENDERING: rendering and writing frames
 * @CW_EXPORT_PHASE_ENCODING: ffmpeg making a video of the frames
 * @CW_EXPORT_PHASE_FINISHING: moving the files into place
 */
typedef enum
{
  CW_EXPORT_PHASE_LAYOUT,
  CW_EXPORT_PHASE_RENDERING,
  CW_EXPORT_PHASE_ENCODING,
  CW_EXPORT_PHASE_FINISHING,
  CW_EXPORT_N_PHASES
} CwExportPhase;

#define CW_TYPE_EXPORTER (cw_exporter_get_type ())

G_DECLARE_FINAL_TYPE (CwExporter, cw_exporter, CW, EXPORTER, GObject)

CwExporter  *cw_exporter_new                 (CwDeck               *deck);
void         cw_exporter_set_output_dir      (CwExporter           *self,
                                              GFile                *dir);
GFile       *cw_exporter_get_output_dir      (CwExporter           *self);
void         cw_exporter_add_language        (CwExporter           *self,
                                              const char           *language);
void         cw_exporter_add_format          (CwExporter           *self,
                                              const CwFormat       *format);
void         cw_exporter_add_encoder         (CwExporter           *self,
                                              const CwEncoder      *encoder);
void         cw_exporter_set_fps             (CwExporter           *self,
                                              guint                 fps);
void         cw_exporter_set_jobs            (CwExporter           *self,
                                              guint                 jobs);
void         cw_exporter_set_overwrite       (CwExporter           *self,
                                              gboolean              overwrite);
void         cw_exporter_set_folder_per_sequence (CwExporter       *self,
                                                  gboolean          folder_per_sequence);
void         cw_exporter_set_video_only      (CwExporter           *self,
                                              gboolean              video_only);
void         cw_exporter_add_variant         (CwExporter           *self,
                                              const char           *folder,
                                              CwDeck               *deck);
gboolean     cw_exporter_get_overwrite       (CwExporter           *self);

gboolean     cw_exporter_run                 (CwExporter           *self,
                                              GCancellable         *cancellable,
                                              GError              **error);
void         cw_exporter_run_async           (CwExporter           *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     cw_exporter_run_finish          (CwExporter           *self,
                                              GAsyncResult         *result,
                                              GError              **error);

double       cw_exporter_get_fraction        (CwExporter           *self);
CwExportPhase cw_exporter_get_phase          (CwExporter           *self);
double       cw_exporter_get_seconds_left    (CwExporter           *self);
char        *cw_exporter_dup_status          (CwExporter           *self);
gboolean     cw_exporter_get_busy            (CwExporter           *self);
guint        cw_exporter_get_frames_done     (CwExporter           *self);
guint        cw_exporter_get_frames_rendered (CwExporter           *self);
guint        cw_exporter_get_frames_written  (CwExporter           *self);
GPtrArray   *cw_exporter_get_results         (CwExporter           *self);
GPtrArray   *cw_exporter_get_videos          (CwExporter           *self);
GPtrArray   *cw_exporter_get_earlier         (CwExporter           *self);
GPtrArray   *cw_exporter_get_warnings        (CwExporter           *self);

G_END_DECLS
