/* cw-fonts.h: text layout shared by measuring and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "cw-autocleanups.h"

G_BEGIN_DECLS

/**
 * CwTextExtents:
 * @lines: how many lines the text takes
 * @width: the width of its widest line, in pixels
 * @height: the height of all its lines, in pixels
 */
typedef struct
{
  guint  lines;
  double width;
  double height;
} CwTextExtents;

gboolean      cw_font_family_is_installed (const char   *family);
PangoContext *cw_fonts_get_measure_context (void);
void          cw_fonts_prepare_context     (PangoContext *context);
PangoLayout  *cw_text_layout_new           (PangoContext *context,
                                            const char   *text,
                                            const char   *family,
                                            int           weight,
                                            double        size,
                                            double        width,
                                            double        line_height,
                                            PangoAlignment align,
                                            gboolean      tabular);
void          cw_text_measure              (const char    *text,
                                            const char    *family,
                                            int            weight,
                                            double         size,
                                            double         width,
                                            double         line_height,
                                            PangoAlignment align,
                                            CwTextExtents *extents);
guint         cw_fonts_get_n_layouts       (void);

G_END_DECLS
