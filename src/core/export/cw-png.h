/* cw-png.h: encoding frames as PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

GBytes *cw_png_encode (cairo_surface_t  *surface,
                       int               level,
                       GError          **error);

G_END_DECLS
