/* cw-pictogram.h: the built-in mine-action pictograms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cw-color.h"
#include "cw-image.h"

G_BEGIN_DECLS

const char * const *cw_pictogram_list_names (void);
const char         *cw_pictogram_get_label  (const char    *name);
CwImage            *cw_pictogram_get        (const char    *name);
cairo_surface_t    *cw_pictogram_render     (const char    *name,
                                             int            size);
void                cw_pictogram_paint      (cairo_t       *cr,
                                             cairo_surface_t *mask,
                                             double         x,
                                             double         y,
                                             const CwColor *color,
                                             double         opacity);

G_END_DECLS
