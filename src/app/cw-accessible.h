/* cw-accessible.h: names a screen reader announces, where GTK 4.8 and
 * libadwaita 1.2 give none or give them twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void cw_accessible_tidy              (GtkWidget      *root);
void cw_accessible_name_picker       (GtkWidget      *picker,
                                      const char     *name);

G_END_DECLS
