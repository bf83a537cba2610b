/* cw-deck-writer.h: writing .clearway files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-file.h"

G_BEGIN_DECLS

GBytes   *cw_deck_save_to_bytes     (CwDeck         *deck);
gboolean  cw_deck_save_file         (CwDeck         *deck,
                                     GFile          *file,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean  cw_deck_save_file_full    (CwDeck         *deck,
                                     GFile          *file,
                                     CwWriteFlags    flags,
                                     GCancellable   *cancellable,
                                     GError        **error);
void      cw_deck_save_file_async   (CwDeck         *deck,
                                     GFile          *file,
                                     GCancellable   *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer        user_data);
gboolean  cw_deck_save_file_finish  (GAsyncResult   *result,
                                     GError        **error);

G_END_DECLS
