/* cw-decimal.c: numbers as a deck file writes them
 *
 * A deck holds numbers as the schema's xs:decimal: a dot, no grouping and no
 * exponent, whatever the process locale, so a file written in Baku opens
 * the same in Moscow. Numbers people read go through cw-number.h instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-decimal.h"

/* the schema's decimals stop at 24 digits; fewer keep every figure well inside */
#define MAX_DECIMALS 20

/**
 * cw_decimal_format:
 *
 * Returns: (transfer full): the shortest decimal that reads back as the
 *   same double: "2.5", "161000", "0.00001"
 */
char *
cw_decimal_format (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* %g switches to exponents for large and tiny values, which the schema's
   * decimal refuses; a tiny one must not become "0" on the way */
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1)
    g_ascii_formatd (buf, sizeof buf, "%.0f", value);
  else if (strchr (buf, 'e') != NULL)
    {
      for (int decimals = 1; decimals <= MAX_DECIMALS; decimals++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%df", decimals);

          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
    }
  return g_strdup (buf);
}
