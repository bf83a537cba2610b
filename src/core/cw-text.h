/* cw-text.h: {placeholders} in slide text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-number.h"
#include "cw-statistic.h"

G_BEGIN_DECLS

/**
 * CwPlaceholderFunc:
 * @name: what is between the braces, without a ":compact" suffix
 * @compact: whether the placeholder asked for the short form ("161K")
 *
 * Returns: (transfer full) (nullable): the replacement, or %NULL when
 *   @name is unknown
 */
typedef char *(*CwPlaceholderFunc) (const char *name,
                                    gboolean    compact,
                                    gpointer    user_data);

char      *cw_text_expand             (const char         *text,
                                       CwPlaceholderFunc   func,
                                       gpointer            user_data,
                                       GError            **error);
GPtrArray *cw_text_list_placeholders  (const char         *text);
char      *cw_statistic_format        (CwStatistic        *statistic,
                                       const char         *language,
                                       gboolean            compact);

G_END_DECLS
