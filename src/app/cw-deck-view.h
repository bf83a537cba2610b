/* cw-deck-view.h: the deck's settings, output defaults and brand kit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_DECK_VIEW (cw_deck_view_get_type ())

G_DECLARE_FINAL_TYPE (CwDeckView, cw_deck_view, CW, DECK_VIEW, GtkWidget)

void cw_deck_view_set_deck (CwDeckView *self,
                            CwDeck     *deck);

G_END_DECLS
