/* cw-slide-list.h: the slides of the deck, in order, with thumbnails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_SLIDE_LIST (cw_slide_list_get_type ())

G_DECLARE_FINAL_TYPE (CwSlideList, cw_slide_list, CW, SLIDE_LIST, GtkWidget)

void  cw_slide_list_set_player   (CwSlideList *self,
                                  CwPlayer    *player);
guint cw_slide_list_get_selected (CwSlideList *self);
void  cw_slide_list_select       (CwSlideList *self,
                                  guint        position);

G_END_DECLS
