/* cw-image.h: a PNG or SVG picture (logos, pictograms), decoded safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define CW_TYPE_IMAGE (cw_image_get_type ())

G_DECLARE_FINAL_TYPE (CwImage, cw_image, CW, IMAGE, GObject)

#define CW_IMAGE_MAX_BYTES (16 * 1024 * 1024)
#define CW_IMAGE_MAX_SIDE  8192

CwImage         *cw_image_new_from_bytes     (GBytes      *bytes,
                                              const char  *display_name,
                                              GError     **error);
CwImage         *cw_image_new_from_file      (GFile       *file,
                                              GError     **error);
GBytes          *cw_image_get_bytes          (CwImage     *self);
const char      *cw_image_get_media_type     (CwImage     *self);
double           cw_image_get_aspect_ratio   (CwImage     *self);
cairo_surface_t *cw_image_render             (CwImage     *self,
                                              int          width,
                                              int          height);

G_END_DECLS
