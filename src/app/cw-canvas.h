/* cw-canvas.h: the preview of the current frame, with safe zones and selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_CANVAS (cw_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CwCanvas, cw_canvas, CW, CANVAS, GtkWidget)

GtkWidget  *cw_canvas_new                (void);
CwPlayer   *cw_canvas_get_player         (CwCanvas   *self);
void        cw_canvas_set_player         (CwCanvas   *self,
                                          CwPlayer   *player);
gboolean    cw_canvas_get_show_safe_zones (CwCanvas  *self);
void        cw_canvas_set_show_safe_zones (CwCanvas  *self,
                                          gboolean    show);
const char *cw_canvas_get_selected_element (CwCanvas *self);
void        cw_canvas_set_selected_element (CwCanvas *self,
                                          const char *element);

const char *cw_canvas_get_badge (CwCanvas *self);
gboolean    cw_canvas_get_frame_shown    (CwCanvas   *self);

G_END_DECLS
