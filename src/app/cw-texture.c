/* cw-texture.c: GDK textures from the core's cairo surfaces
 *
 * The core renders into cairo image surfaces and knows nothing of GTK;
 * the editor shows them as textures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-texture.h"

/**
 * cw_texture_new_for_surface:
 * @surface: an ARGB32 image surface
 *
 * Returns: (transfer full): a texture holding a copy of @surface's pixels
 */
GdkTexture *
cw_texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
