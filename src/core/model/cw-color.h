/* cw-color.h: sRGB colors as the deck file writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The least contrast against what is behind (WCAG 2): text, whatever its
 * size, since video has no CSS pixels (1.4.3); and the graphics that carry
 * a figure: bars, tracks, icons (1.4.11). */
#define CW_CONTRAST_TEXT     4.5
#define CW_CONTRAST_GRAPHICS 3.0

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CwColor;

gboolean  cw_color_parse              (const char    *str,
                                       CwColor       *color);
char     *cw_color_to_string          (const CwColor *color);
double    cw_color_get_luminance      (const CwColor *color);
double    cw_color_contrast_ratio     (const CwColor *a,
                                       const CwColor *b);
CwColor   cw_color_mix                (const CwColor *a,
                                       const CwColor *b,
                                       double         amount);
void      cw_cairo_set_source_color   (cairo_t       *cr,
                                       const CwColor *color,
                                       double         opacity);

G_END_DECLS
