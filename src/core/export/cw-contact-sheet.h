/* cw-contact-sheet.h: contact sheets, the settled frame of every slide on one picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cw-renderer.h"

G_BEGIN_DECLS

/**
 * CwSheetMark:
 * @area: what to outline, in the frame's pixels; width 0 for the whole frame
 * @number: the number of the problem in its list
 * @error: whether it is an error (red) rather than a warning (amber)
 */
typedef struct
{
  CwRect   area;
  guint    number;
  gboolean error;
} CwSheetMark;

/**
 * CwSheetTile:
 * @renderer: what draws the frame
 * @frame: the frame
 * @caption: what to write under it
 * @marks: (element-type CwSheetMark): the problems to outline on it
 */
typedef struct
{
  CwRenderer *renderer;
  guint       frame;
  char       *caption;
  GArray     *marks;
} CwSheetTile;

void             cw_sheet_tile_free      (CwSheetTile *tile);

cairo_surface_t *cw_contact_sheet_render (CwRenderer *renderer,
                                          const char *title,
                                          int         thumb_width);
cairo_surface_t *cw_contact_sheet_render_tiles (const char *title,
                                                const char *subtitle,
                                                GPtrArray  *tiles,
                                                int         thumb_width);

G_END_DECLS
