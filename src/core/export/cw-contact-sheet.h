/* cw-contact-sheet.h: contact sheets, the settled frame of every slide on one picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cw-renderer.h"

G_BEGIN_DECLS

cairo_surface_t *cw_contact_sheet_render (CwRenderer *renderer,
                                          const char *title,
                                          int         thumb_width);

G_END_DECLS
