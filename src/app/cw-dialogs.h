/* cw-dialogs.h: the editor's message and file dialogs, made one way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog     *cw_show_message     (GtkWidget            *for_widget,
                                           const char           *heading,
                                           const char           *body);
GtkFileChooserNative *cw_file_chooser_new (GtkWidget            *for_widget,
                                           const char           *title,
                                           GtkFileChooserAction  action,
                                           const char           *accept_label,
                                           GtkFileFilter        *filter);

G_END_DECLS
