/* cw-scaled-paintable.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CW_TYPE_SCALED_PAINTABLE (cw_scaled_paintable_get_type())

G_DECLARE_FINAL_TYPE (CwScaledPaintable, cw_scaled_paintable, CW, SCALED_PAINTABLE, GObject)

GdkPaintable *cw_scaled_paintable_new (GdkPaintable *paintable,
                                       double        scale);

G_END_DECLS
