/* cw-file.h: reading the files a user or a deck names, and writing ours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CwWriteFlags:
 * @CW_WRITE_NONE: a symbolic link at the destination is replaced by the
 *   new file; nothing is ever written through it
 * @CW_WRITE_FOLLOW_LINK: a symbolic link at the destination keeps pointing
 *   where it did, and the file it points to is replaced (saving a document
 *   the user opened through the link)
 */
typedef enum
{
  CW_WRITE_NONE        = 0,
  CW_WRITE_FOLLOW_LINK = 1 << 0,
} CwWriteFlags;

GBytes   *cw_file_load_bounded     (GFile         *file,
                                    gsize          max_bytes,
                                    GCancellable  *cancellable,
                                    GError       **error);
gboolean  cw_file_replace          (GFile         *file,
                                    GBytes        *bytes,
                                    CwWriteFlags   flags,
                                    GCancellable  *cancellable,
                                    GError       **error);
GFile    *cw_file_resolve_beside   (GFile         *dir,
                                    const char    *href,
                                    GError       **error);

G_END_DECLS
