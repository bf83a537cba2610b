/* cw-file.c: reading the files a user or a deck names
 *
 * Every file Clearway reads whole (decks, images, catalogs) goes through
 * one bounded reader, because a name can stand for a device or a pipe that
 * never ends, and a file's stated size says nothing about those.
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
