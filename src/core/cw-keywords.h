/* cw-keywords.h: the keywords enums have in deck files, and their labels for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *label;
} CwKeyword;

int cw_keyword_lookup (const CwKeyword *keywords,
                       guint            n_keywords,
                       const char      *name);

G_END_DECLS
