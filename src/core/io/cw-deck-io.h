/* cw-deck-io.h: reading and writing .clearway files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-file.h"

G_BEGIN_DECLS

CwDeck   *cw_deck_load_bytes        (GBytes         *bytes,
                                     const char     *display_name,
                                     GFile          *base_dir,
                                     GError        **error);
CwDeck   *cw_deck_load_file         (GFile          *file,
                                     GCancellable   *cancellable,
                                     GError        **error);
void      cw_deck_load_file_async   (GFile          *file,
                                     GCancellable   *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer        user_data);
CwDeck   *cw_deck_load_file_finish  (GAsyncResult   *result,
                                     GError        **error);
CwDeck   *cw_deck_new_sample        (void);
GBytes   *cw_deck_get_sample_bytes  (void);

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
