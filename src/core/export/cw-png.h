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

typedef struct _CwPngEncoder CwPngEncoder;

CwPngEncoder *cw_png_encoder_new    (void);
void          cw_png_encoder_free   (CwPngEncoder                *self);
GBytes       *cw_png_encoder_encode (CwPngEncoder                *self,
                                     cairo_surface_t             *surface,
                                     const cairo_rectangle_int_t *changed,
                                     GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwPngEncoder, cw_png_encoder_free)

G_END_DECLS
