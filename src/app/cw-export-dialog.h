/* cw-export-dialog.h: formats, languages, folder and videos, then progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_EXPORT_DIALOG (cw_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CwExportDialog, cw_export_dialog, CW, EXPORT_DIALOG, AdwWindow)

CwExportDialog *cw_export_dialog_new        (GtkWindow      *parent,
                                             CwDeck         *deck,
                                             const char     *format);
void            cw_export_dialog_set_folder (CwExportDialog *self,
                                             GFile          *folder);
void            cw_export_dialog_select     (CwExportDialog *self,
                                             const char     *format,
                                             gboolean        selected);
void            cw_export_dialog_select_language (CwExportDialog *self,
                                                  const char     *language);
void            cw_export_dialog_set_video  (CwExportDialog *self,
                                             const char     *name,
                                             gboolean        active);
void            cw_export_dialog_set_video_only (CwExportDialog *self,
                                                 gboolean        video_only);
GStrv           cw_export_dialog_dup_languages (CwExportDialog *self);
gboolean        cw_export_dialog_get_language_selected (CwExportDialog *self,
                                                        const char     *language);
void            cw_export_dialog_start      (CwExportDialog *self);
gboolean        cw_export_dialog_get_check_counts (CwExportDialog *self,
                                                   guint          *n_errors,
                                                   guint          *n_warnings);
CwExporter     *cw_export_dialog_get_exporter (CwExportDialog *self);
gboolean        cw_export_dialog_set_table  (CwExportDialog *self,
                                             GFile          *table,
                                             const char     *sheet);
GPtrArray      *cw_export_dialog_get_variants (CwExportDialog *self);
const char     *cw_export_dialog_get_problem  (CwExportDialog *self);

G_END_DECLS
