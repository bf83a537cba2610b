/* cw-document.h: an open deck: its file, its edits and their undo history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_DOCUMENT (cw_document_get_type ())

G_DECLARE_FINAL_TYPE (CwDocument, cw_document, CW, DOCUMENT, GObject)

CwDocument *cw_document_new            (CwDeck               *deck,
                                        GFile                *file);
CwDeck     *cw_document_get_deck       (CwDocument           *self);
GFile      *cw_document_get_file       (CwDocument           *self);
char       *cw_document_dup_title      (CwDocument           *self);
char       *cw_document_dup_subtitle   (CwDocument           *self);
char       *cw_document_dup_file_stem  (CwDocument           *self);
gboolean    cw_document_get_modified   (CwDocument           *self);
gboolean    cw_document_get_can_undo   (CwDocument           *self);
gboolean    cw_document_get_can_redo   (CwDocument           *self);
gboolean    cw_document_get_busy       (CwDocument           *self);
void        cw_document_undo           (CwDocument           *self);
void        cw_document_redo           (CwDocument           *self);
void        cw_document_commit         (CwDocument           *self);
void        cw_document_break_group    (CwDocument           *self);
void        cw_document_mark_modified  (CwDocument           *self);
const char *cw_document_get_draft_id   (CwDocument           *self);
void        cw_document_set_draft_id   (CwDocument           *self,
                                        const char           *draft_id);
CwDeck     *cw_document_dup_deck       (CwDocument           *self);
void        cw_document_save_async     (CwDocument           *self,
                                        GFile                *file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    cw_document_save_finish    (CwDocument           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
