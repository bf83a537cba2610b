/* cw-file.c: reading the files a user or a deck names, and writing ours
 *
 * Every file Clearway reads whole (decks, images, catalogs) goes through
 * one bounded reader, because a name can stand for a device or a pipe that
 * never ends, and a file's stated size says nothing about those. Files a
 * deck refers to resolve only inside the deck's folder, so a deck from
 * someone else cannot pull other files of this computer into a render.
 * And every file we write replaces the old one in one step, through a
 * temporary file whose name marks it as ours, so that one left behind by a
 * crash can be recognised and removed later.
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

/* The temporary file of a save of "deck.clearway" is
 * ".deck.clearway.saving-XXXXXX"; the writer holds a lock on it until the
 * rename, so a temporary file nobody holds is one whose save died. */
#define TEMP_MARK ".saving-"
#define TEMP_RANDOM_LEN 6
/* A temporary file is created a moment before it is locked; one that young
 * is never taken for stale. Where locks do not work, only age can tell. */
#define STALE_UNLOCKED_SECONDS 5
#define STALE_UNLOCKABLE_SECONDS (60 * 60)

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

/* Writing */

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

static char *
temp_prefix (const char *basename)
{
  return g_strconcat (".", basename, TEMP_MARK, NULL);
}

static gboolean
is_our_temporary (const char *name,
                  const char *prefix)
{
  const char *random;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  random = name + strlen (prefix);
  if (strlen (random) != TEMP_RANDOM_LEN)
    return FALSE;
  for (const char *p = random; *p; p++)
    {
      /* what g_mkstemp() puts in place of the XXXXXX */
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }
  return TRUE;
}

/*
 * Removes the temporary files a save of @basename left in @dir when it was
 * killed. Only files named as this writer names them, ours, regular, and
 * not held by a save still running; where the lock cannot tell, only those
 * older than any save takes.
 */
static void
remove_stale_temporaries (const char *dir,
                          const char *basename)
{
  g_autofree char *prefix = temp_prefix (basename);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      gboolean stale;
      gint64 age;
      int fd;

      if (!is_our_temporary (name, prefix))
        continue;
      path = g_build_filename (dir, name, NULL);
      /* O_NONBLOCK: a pipe given that name must not stop the save */
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        {
          g_close (fd, NULL);
          continue;
        }

      age = now - (gint64) st.st_mtime;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        stale = age >= STALE_UNLOCKED_SECONDS;
      else if (errno == EWOULDBLOCK)
        stale = FALSE;
      else
        stale = age >= STALE_UNLOCKABLE_SECONDS;

      if (stale)
        g_unlink (path);
      g_close (fd, NULL);
    }
}

/* The file a chain of symbolic links ends at (which may not exist yet). */
static char *
follow_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  /* the kernel's own limit on a chain of links */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *target = g_file_read_link (current, NULL);

      if (target == NULL)
        break;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = joined;
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }
  return g_steal_pointer (&current);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      /* the rename is only durable once the folder is on disk too */
      fsync (fd);
      g_close (fd, NULL);
    }
}

static gboolean
replace_path (const char    *path,
              GBytes        *bytes,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *prefix = temp_prefix (basename);
  g_autofree char *tmp = g_strconcat (dir, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
  struct stat st;
  gboolean keep_mode;
  int saved_errno;
  int fd;

  remove_stale_temporaries (dir, basename);

  /* a file replaced keeps its permissions: a private deck stays private */
  keep_mode = lstat (path, &st) == 0 && S_ISREG (st.st_mode);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno);
  /* marks the file as a save in progress until it is closed */
  flock (fd, LOCK_EX);

  if ((keep_mode && fchmod (fd, st.st_mode & 07777) != 0) ||
      !write_all (fd, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) ||
      fsync (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      g_close (fd, NULL);
      return set_errno_error (error, saved_errno);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      g_close (fd, NULL);
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      g_close (fd, NULL);
      return set_errno_error (error, saved_errno);
    }

  sync_folder (dir);
  g_close (fd, NULL);
  return TRUE;
}

/**
 * cw_file_replace:
 * @file: where to write
 * @bytes: the whole new content
 * @flags: what to do with a symbolic link at @file
 *
 * Writes @bytes to @file in one step: they go to a temporary file beside
 * it that is renamed over @file once complete and on disk, so a full disk
 * or a crash leaves the old file or the new one, never half of one.
 * Temporary files an earlier, killed write to @file left are removed.
 * A symbolic link at @file is replaced, not written through, unless
 * @flags has %CW_WRITE_FOLLOW_LINK.
 *
 * Returns: %TRUE on success; otherwise @error is a #GIOErrorEnum whose
 *   message says why but does not name the file
 */
gboolean
cw_file_replace (GFile         *file,
                 GBytes        *bytes,
                 CwWriteFlags   flags,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE,
                                    (flags & CW_WRITE_FOLLOW_LINK) ? G_FILE_CREATE_NONE
                                                                   : G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, cancellable, error);

  if (flags & CW_WRITE_FOLLOW_LINK)
    {
      char *target = follow_links (path);

      g_free (path);
      path = target;
    }

  return replace_path (path, bytes, cancellable, error);
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
