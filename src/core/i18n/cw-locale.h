/* cw-locale.h: languages: their ICU locale, writing direction and name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      cw_locale_to_icu         (const char    *language,
                                    char          *out,
                                    gsize          out_len);
char     *cw_locale_with_digits    (const char    *language,
                                    gboolean       native);
gboolean  cw_locale_is_rtl         (const char    *language);
gboolean  cw_locale_is_cyrillic    (const char    *language);
char     *cw_language_get_name     (const char    *language,
                                    const char    *display_language);
void      cw_locale_get_quotes     (const char    *language,
                                    char         **open,
                                    char         **close);
char     *cw_locale_quote          (const char    *language,
                                    const char    *text);

G_END_DECLS
