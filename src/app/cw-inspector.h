/* cw-inspector.h: the fields of the selected slide, built from its template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_INSPECTOR (cw_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CwInspector, cw_inspector, CW, INSPECTOR, GtkWidget)

void        cw_inspector_set_player           (CwInspector *self,
                                               CwPlayer    *player);
void        cw_inspector_set_selected_element (CwInspector *self,
                                               const char  *element);
const char *cw_inspector_get_selected_element (CwInspector *self);
CwSlide    *cw_inspector_get_slide            (CwInspector *self);
GtkWidget  *cw_inspector_find_field_widget    (CwInspector *self,
                                               const char  *field);

G_END_DECLS
