/* cw-color.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-color.h"

/**
 * cw_color_parse:
 * @str: "#rgb", "#rrggbb" or "#rrggbbaa"
 *
 * Only hexadecimal notation is accepted: it is what designers copy from
 * brand guides, and it keeps the file format free of CSS parsing.
 */
gboolean
cw_color_parse (const char *str,
                CwColor    *color)
{
  guint v[8];
  size_t len;

  if (str == NULL || str[0] != '#')
    return FALSE;

  str++;
  len = strlen (str);
  if (len != 3 && len != 6 && len != 8)
    return FALSE;

  for (size_t i = 0; i < len; i++)
    {
      int d = g_ascii_xdigit_value (str[i]);
      if (d < 0)
        return FALSE;
      v[i] = d;
    }

  if (len == 3)
    {
      color->red = (v[0] * 17) / 255.;
      color->green = (v[1] * 17) / 255.;
      color->blue = (v[2] * 17) / 255.;
      color->alpha = 1;
    }
  else
    {
      color->red = (v[0] * 16 + v[1]) / 255.;
      color->green = (v[2] * 16 + v[3]) / 255.;
      color->blue = (v[4] * 16 + v[5]) / 255.;
      color->alpha = len == 8 ? (v[6] * 16 + v[7]) / 255. : 1;
    }

  return TRUE;
}

static guint
to_byte (double c)
{
  return (guint) round (CLAMP (c, 0, 1) * 255);
}

char *
cw_color_to_string (const CwColor *color)
{
  if (to_byte (color->alpha) == 255)
    return g_strdup_printf ("#%02X%02X%02X",
                            to_byte (color->red), to_byte (color->green), to_byte (color->blue));
  return g_strdup_printf ("#%02X%02X%02X%02X",
                          to_byte (color->red), to_byte (color->green), to_byte (color->blue),
                          to_byte (color->alpha));
}

static double
linearize (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Relative luminance as WCAG 2 defines it. */
double
cw_color_get_luminance (const CwColor *color)
{
  return 0.2126 * linearize (color->red)
       + 0.7152 * linearize (color->green)
       + 0.0722 * linearize (color->blue);
}

/* WCAG 2 contrast ratio, from 1 (none) to 21 (black on white). */
double
cw_color_contrast_ratio (const CwColor *a,
                         const CwColor *b)
{
  double la = cw_color_get_luminance (a);
  double lb = cw_color_get_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

CwColor
cw_color_mix (const CwColor *a,
              const CwColor *b,
              double         amount)
{
  return (CwColor) {
    a->red + (b->red - a->red) * amount,
    a->green + (b->green - a->green) * amount,
    a->blue + (b->blue - a->blue) * amount,
    a->alpha + (b->alpha - a->alpha) * amount,
  };
}

void
cw_cairo_set_source_color (cairo_t       *cr,
                           const CwColor *color,
                           double         opacity)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * opacity);
}
