/* cw-names.h: the names enums have in deck files, and their labels for people
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
} CwName;

int cw_names_lookup (const CwName *names,
                     guint         n_names,
                     const char   *name);

G_END_DECLS
