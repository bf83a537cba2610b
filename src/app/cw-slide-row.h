/* cw-slide-row.h: one slide in the slide list: its thumbnail, template and duration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_SLIDE_ROW (cw_slide_row_get_type ())

G_DECLARE_FINAL_TYPE (CwSlideRow, cw_slide_row, CW, SLIDE_ROW, GtkWidget)

GtkWidget *cw_slide_row_new    (void);
void       cw_slide_row_bind   (CwSlideRow *self,
                                CwSlide    *slide,
                                guint       position,
                                CwPlayer   *player);
void       cw_slide_row_unbind (CwSlideRow *self);
CwSlide   *cw_slide_row_get_slide (CwSlideRow *self);

G_END_DECLS
