/* cw-checks-view.h: the checks of the rendered clip, as the deck changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_CHECKS_VIEW (cw_checks_view_get_type ())

G_DECLARE_FINAL_TYPE (CwChecksView, cw_checks_view, CW, CHECKS_VIEW, GtkWidget)

GtkWidget *cw_checks_view_new            (void);
void       cw_checks_view_set_player     (CwChecksView *self,
                                          CwPlayer     *player);
gboolean   cw_checks_view_get_busy       (CwChecksView *self);
void       cw_checks_view_set_all        (CwChecksView *self,
                                          gboolean      all);
gboolean   cw_checks_view_get_all        (CwChecksView *self);
guint      cw_checks_view_get_n_errors   (CwChecksView *self);
guint      cw_checks_view_get_n_warnings (CwChecksView *self);
GPtrArray *cw_checks_view_get_results    (CwChecksView *self);
GtkWidget *cw_checks_view_get_list       (CwChecksView *self);

G_END_DECLS
