/* cw-file.h: reading the files a user or a deck names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes   *cw_file_load_bounded     (GFile         *file,
                                    gsize          max_bytes,
                                    GCancellable  *cancellable,
                                    GError       **error);
GFile    *cw_file_resolve_beside   (GFile         *dir,
                                    const char    *href,
                                    GError       **error);

G_END_DECLS
