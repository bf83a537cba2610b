/* cw-drafts.h: unsaved work kept in the user data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clearway-core.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;
  GFile     *file;
  GFile     *origin;
  char      *title;
  GDateTime *modified;
} CwDraft;

void       cw_draft_free              (CwDraft      *draft);
GFile     *cw_drafts_get_dir          (void);
char      *cw_drafts_new_id           (void);
GPtrArray *cw_drafts_list_orphaned    (void);
void       cw_drafts_save_async       (const char   *id,
                                       CwDeck       *deck,
                                       GFile        *origin,
                                       const char   *title,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer      user_data);
gboolean   cw_drafts_save_finish      (GAsyncResult *result,
                                       GError      **error);
void       cw_drafts_discard          (const char   *id);
void       cw_drafts_adopt            (const char   *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwDraft, cw_draft_free)

G_END_DECLS
