/* cw-transport.h: play, loop and the scrubber under the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_TRANSPORT (cw_transport_get_type ())

G_DECLARE_FINAL_TYPE (CwTransport, cw_transport, CW, TRANSPORT, GtkWidget)

void cw_transport_set_player (CwTransport *self,
                              CwPlayer    *player);

G_END_DECLS
