/* cw-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-names.h"

/**
 * cw_names_lookup:
 *
 * Returns: the index of @name in @names, or -1 when it is not there
 */
int
cw_names_lookup (const CwName *names,
                 guint         n_names,
                 const char   *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i].name, name) == 0)
        return i;
    }
  return -1;
}
