/* cw-problems-button.h: the deck's problems in the preview's language and format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clearway-core.h"
#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_PROBLEMS_BUTTON (cw_problems_button_get_type ())

G_DECLARE_FINAL_TYPE (CwProblemsButton, cw_problems_button, CW, PROBLEMS_BUTTON, GtkWidget)

void        cw_problems_button_set_player     (CwProblemsButton *self,
                                               CwPlayer         *player);
guint       cw_problems_button_get_n_problems (CwProblemsButton *self);
GtkWidget  *cw_problems_button_get_list       (CwProblemsButton *self);
void        cw_problems_button_popup          (CwProblemsButton *self);

G_END_DECLS
