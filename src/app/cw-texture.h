/* cw-texture.h: GDK textures from the core's cairo surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *cw_texture_new_for_surface (cairo_surface_t *surface);

G_END_DECLS
