/* cw-file.c: reading the files a user or a deck names
 *
 * Every file Clearway reads whole (decks, images, catalogs) goes through
 * one bounded reader, because a name can stand for a device or a pipe that
 * never ends, and a file's stated size says nothing about those. Files a
 * deck refers to resolve only inside the deck's folder, so a deck from
 * someone else cannot pull other files of this computer into a render.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cw-error.h"
#include "cw-file.h"

#define READ_CHUNK (64 * 1024)

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, cause->domain, cause->code,
                 _("%s: there is no such file. Check the name and the folder."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, cause->domain, cause->code,
                 _("%s: this is a folder; name a file inside it."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, cause->domain, cause->code,
                 _("%s: you may not read this file. Check its permissions."), name);
  else
    g_set_error (error, cause->domain, cause->code, _("%s: %s"), name, cause->message);
}

/**
 * cw_file_load_bounded:
 * @file: the file to read: a regular file, a device or a pipe
 * @max_bytes: the most that may be read
 *
 * Reads @file whole, in chunks, and stops as soon as it holds more than
 * @max_bytes: a regular file that says it is larger is refused before a
 * byte is read, and `/dev/zero` or an endless pipe after @max_bytes.
 *
 * Returns: (transfer full): the content, or %NULL with @error set:
 *   %CW_ERROR_TOO_LARGE with a message that names the file and the limit,
 *   or a #GIOErrorEnum whose message names the file
 */
GBytes *
cw_file_load_bounded (GFile         *file,
                      gsize          max_bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (max_bytes < G_MAXUINT - READ_CHUNK, NULL);

  name = g_file_get_parse_name (file);
  limit = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  /* what the open file says of itself: a large regular file is refused unread */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_get_size (info) > (goffset) max_bytes)
    {
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the file is %s, and Clearway reads at most %s from a file of this kind. Check that this is the right file."),
                   name, size, limit);
      return NULL;
    }

  data = g_byte_array_sized_new (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
                                 ? (guint) g_file_info_get_size (info) + 1 : READ_CHUNK);
  for (;;)
    {
      /* never more than one byte past the limit: enough to know it is passed */
      gsize want = MIN (READ_CHUNK, max_bytes + 1 - data->len);
      guint before = data->len;
      gssize n;

      g_byte_array_set_size (data, before + want);
      n = g_input_stream_read (G_INPUT_STREAM (stream), data->data + before, want,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_read_error (error, name, local_error);
          return NULL;
        }
      g_byte_array_set_size (data, before + n);
      if (n == 0)
        break;
      if (data->len > max_bytes)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                       _("%s: the file goes on past %s, the most Clearway reads from a file of this kind, so reading stopped there. Check that this is the right file."),
                       name, limit);
          return NULL;
        }
    }

  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Files a deck refers to */

static gboolean
path_is_inside (const char *path,
                const char *dir)
{
  gsize len = strlen (dir);

  if (len > 0 && dir[len - 1] == G_DIR_SEPARATOR)
    len--;
  return strncmp (path, dir, len) == 0 && path[len] == G_DIR_SEPARATOR && path[len + 1] != '\0';
}

static void
set_outside_error (GError     **error,
                   const char  *href)
{
  g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
               _("“%s” is not in the deck’s folder, and a deck only uses files that sit beside it (or in a folder next to it) or are embedded in it. Copy the file next to the deck and write its name."),
               href);
}

/**
 * cw_file_resolve_beside:
 * @dir: (nullable): the deck's folder; %NULL while the deck has none
 * @href: a file name as a deck writes it: "logo.svg", "images/photo.png"
 *
 * Finds a file a deck refers to (a logo, a photo, a sound). Only files
 * inside @dir are found: an absolute name, a name that climbs out with
 * "..", and a symbolic link that leads out all count as outside, so a deck
 * someone sends cannot make Clearway read other files of this computer.
 *
 * Returns: (transfer full): the file, a regular file inside @dir with its
 *   links resolved; or %NULL with @error set: %CW_ERROR_FORBIDDEN when
 *   @href is outside @dir, %G_IO_ERROR_NOT_FOUND when it does not exist,
 *   %CW_ERROR_BAD_VALUE when it is not a file or @dir is %NULL
 */
GFile *
cw_file_resolve_beside (GFile       *dir,
                        const char  *href,
                        GError     **error)
{
  g_autofree char *scheme = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *real_file = NULL;
  g_autoptr(GFile) file = NULL;
  GStatBuf st;

  g_return_val_if_fail (dir == NULL || G_IS_FILE (dir), NULL);
  g_return_val_if_fail (href != NULL, NULL);

  scheme = g_uri_parse_scheme (href);
  if (scheme != NULL || g_path_is_absolute (href))
    {
      set_outside_error (error, href);
      return NULL;
    }
  if (dir == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” cannot be found, because the deck has not been saved in a folder yet."),
                   href);
      return NULL;
    }

  /* resolving takes the ".." out, so a name that climbs out is no longer under @dir */
  file = g_file_resolve_relative_path (dir, href);
  if (!g_file_has_prefix (file, dir))
    {
      set_outside_error (error, href);
      return NULL;
    }

  dir_path = g_file_get_path (dir);
  file_path = g_file_get_path (file);
  if (dir_path == NULL || file_path == NULL)
    /* not a local file: there are no symbolic links to follow out */
    return g_steal_pointer (&file);

  real_dir = realpath (dir_path, NULL);
  real_file = realpath (file_path, NULL);
  if (real_dir == NULL || real_file == NULL)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is missing."), href);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("“%s” cannot be read: %s."), href, g_strerror (saved_errno));
      return NULL;
    }
  if (!path_is_inside (real_file, real_dir))
    {
      set_outside_error (error, href);
      return NULL;
    }
  if (g_stat (real_file, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is not a file. Name a file next to the deck."), href);
      return NULL;
    }

  return g_file_new_for_path (real_file);
}
