/* cw-keywords.c: keyword tables, the names of an enum's values in deck files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-keywords.h"

/**
 * cw_keyword_lookup:
 *
 * Returns: the index of @name in @keywords, or -1 when it is not there
 */
int
cw_keyword_lookup (const CwKeyword *keywords,
                   guint            n_keywords,
                   const char      *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < n_keywords; i++)
    {
      if (g_strcmp0 (keywords[i].name, name) == 0)
        return i;
    }
  return -1;
}
