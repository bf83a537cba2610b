/* cw-number.h: numbers and dates written the way each audience writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CW_NUMBER_DECIMAL,
  CW_NUMBER_PERCENT,
  CW_NUMBER_COMPACT,
  CW_NUMBER_PERCENT_CHANGE,
} CwNumberStyle;

char     *cw_number_format         (const char    *language,
                                    CwNumberStyle  style,
                                    double         value,
                                    guint          decimals);
char     *cw_date_format_as_of     (const char    *language,
                                    const char    *as_of);
char     *cw_digits_convert        (const char    *language,
                                    const char    *text);
char     *cw_number_format_plain   (const char    *language,
                                    double         value);

/**
 * CwNumberReading:
 * @value: what the text means
 * @language: the first language (of those asked) that reads it so, or
 *   %NULL for the deck file's own notation ("2.5", "161000")
 */
typedef struct
{
  double  value;
  char   *language;
} CwNumberReading;

GArray   *cw_number_parse_readings (const char          *text,
                                    const char * const  *languages);
gboolean  cw_number_parse          (const char          *text,
                                    const char * const  *languages,
                                    double              *value,
                                    GError             **error);

G_END_DECLS
