/* cw-fonts.h: text layout shared by measuring and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "cw-autocleanups.h"

G_BEGIN_DECLS

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

G_END_DECLS
