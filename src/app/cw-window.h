/* cw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cw-application.h"
#include "cw-document.h"
#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_WINDOW (cw_window_get_type())

G_DECLARE_FINAL_TYPE (CwWindow, cw_window, CW, WINDOW, AdwApplicationWindow)

CwWindow   *cw_window_new                (CwApplication *application);
CwDocument *cw_window_get_document       (CwWindow      *self);
void        cw_window_set_document       (CwWindow      *self,
                                          CwDocument    *document);
CwPlayer   *cw_window_get_player         (CwWindow      *self);
gboolean    cw_window_is_pristine        (CwWindow      *self);
void        cw_window_show_load_warnings (CwWindow      *self);
void        cw_window_show_toast         (CwWindow      *self,
                                          const char    *message);
GtkWidget  *cw_window_get_part           (CwWindow      *self,
                                          const char    *name);

G_END_DECLS
