/* cw-pixels.h: frame-sized pixel buffers that go back to the system when freed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

gpointer         cw_pixels_map          (gsize          size);
void             cw_pixels_unmap        (gpointer       data,
                                         gsize          size);
cairo_surface_t *cw_pixels_surface_new  (cairo_format_t format,
                                         int            width,
                                         int            height);
void             cw_pixels_map_large_blocks (void);
void             cw_pixels_release_free (void);

G_END_DECLS
