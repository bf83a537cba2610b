/* cw-deck-loader.h: reading .clearway files, and the sample deck
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-template.h"

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
CwDeck   *cw_deck_new_template_preview (const CwTemplate *template);

G_END_DECLS
