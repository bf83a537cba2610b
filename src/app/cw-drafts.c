/* cw-drafts.c
 *
 * A draft is the deck as it was a few seconds after the last edit, kept as
 * ID.clearway beside ID.ini (where the deck came from, its title, and the
 * process that wrote it) in $XDG_DATA_HOME/io.github.clearway.Clearway/drafts.
 * A document removes its draft when it is saved or deliberately closed, so
 * a draft whose writer is no longer running is work a crash would have
 * lost: the next start offers it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cw-drafts.h"

#define GROUP "Draft"

void
cw_draft_free (CwDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->id);
  g_clear_object (&draft->file);
  g_clear_object (&draft->origin);
  g_free (draft->title);
  g_clear_pointer (&draft->modified, g_date_time_unref);
  g_free (draft);
}

/**
 * cw_drafts_get_dir:
 *
 * Returns: (transfer full): the folder drafts are kept in
 */
GFile *
cw_drafts_get_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);
  return g_file_new_for_path (path);
}

char *
cw_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

static gboolean
id_is_valid (const char *id)
{
  return id != NULL && g_uuid_string_is_valid (id);
}

static char *
draft_path (const char *id,
            const char *extension)
{
  g_autoptr(GFile) dir = cw_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, extension, NULL);
  g_autofree char *dir_path = g_file_get_path (dir);
  return g_build_filename (dir_path, name, NULL);
}

static gboolean
process_is_running (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CwDraft *da = *(CwDraft * const *) a;
  const CwDraft *db = *(CwDraft * const *) b;

  return g_date_time_compare (db->modified, da->modified);
}

/**
 * cw_drafts_list_orphaned:
 *
 * Lists the drafts that no running Clearway owns: unsaved work from a
 * session that ended without closing its documents.
 *
 * Returns: (transfer full) (element-type CwDraft): the drafts, newest first
 */
GPtrArray *
cw_drafts_list_orphaned (void)
{
  g_autoptr(GFile) dir = cw_drafts_get_dir ();
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autoptr(GDir) listing = g_dir_open (dir_path, 0, NULL);
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_draft_free);
  const char *name;

  if (listing == NULL)
    return drafts;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autofree char *id = NULL;
      g_autofree char *ini = NULL;
      g_autofree char *deck = NULL;
      g_autofree char *origin = NULL;
      CwDraft *draft;
      GStatBuf st;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".ini"));
      if (!id_is_valid (id))
        continue;
      ini = draft_path (id, ".ini");
      deck = draft_path (id, ".clearway");
      if (!g_key_file_load_from_file (key_file, ini, G_KEY_FILE_NONE, NULL) ||
          g_stat (deck, &st) != 0)
        continue;
      if (process_is_running (g_key_file_get_int64 (key_file, GROUP, "Pid", NULL)))
        continue;

      draft = g_new0 (CwDraft, 1);
      draft->id = g_steal_pointer (&id);
      draft->file = g_file_new_for_path (deck);
      origin = g_key_file_get_string (key_file, GROUP, "Origin", NULL);
      if (origin != NULL && *origin != '\0')
        draft->origin = g_file_new_for_uri (origin);
      draft->title = g_key_file_get_string (key_file, GROUP, "Title", NULL);
      draft->modified = g_date_time_new_from_unix_local (st.st_mtime);
      g_ptr_array_add (drafts, draft);
    }

  g_ptr_array_sort (drafts, compare_newest_first);
  return drafts;
}

typedef struct
{
  char   *id;
  CwDeck *deck;
  char   *origin;
  char   *title;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->id);
  g_object_unref (job->deck);
  g_free (job->origin);
  g_free (job->title);
  g_free (job);
}

static gboolean
write_draft (const char *id,
             GBytes     *contents,
             const char *origin,
             const char *title,
             GError    **error)
{
  g_autoptr(GFile) dir = cw_drafts_get_dir ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *deck = draft_path (id, ".clearway");
  g_autofree char *ini = draft_path (id, ".ini");
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_file_make_directory_with_parents (dir, NULL, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return FALSE;
      g_clear_error (error);
    }

  /* the deck first: an .ini is only ever beside a complete deck */
  if (!g_file_set_contents_full (deck, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_key_file_set_string (key_file, GROUP, "Origin", origin ? origin : "");
  g_key_file_set_string (key_file, GROUP, "Title", title ? title : "");
  g_key_file_set_int64 (key_file, GROUP, "Pid", getpid ());
  return g_key_file_save_to_file (key_file, ini, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GBytes) contents = cw_deck_save_to_bytes (job->deck);
  GError *error = NULL;

  if (write_draft (job->id, contents, job->origin, job->title, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cw_drafts_save_async:
 * @id: the document's draft id, from cw_drafts_new_id()
 * @deck: (transfer none): a copy of the deck that nobody edits
 *   (cw_document_dup_deck()); it is written on the worker
 * @origin: (nullable): the file the deck was opened from or saved to
 * @title: the deck's title, for the recovery dialog
 *
 * Writes the draft on a worker thread, so a large deck never stalls typing.
 */
void
cw_drafts_save_async (const char          *id,
                      CwDeck              *deck,
                      GFile               *origin,
                      const char          *title,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveJob *job;

  g_return_if_fail (id_is_valid (id));
  g_return_if_fail (CW_IS_DECK (deck));

  job = g_new0 (SaveJob, 1);
  job->id = g_strdup (id);
  job->deck = g_object_ref (deck);
  job->origin = origin ? g_file_get_uri (origin) : NULL;
  job->title = g_strdup (title);
  g_task_set_source_tag (task, cw_drafts_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  /* drafts of one document must land in order */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, save_thread);
}

gboolean
cw_drafts_save_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Forgets a draft: its work was saved or deliberately thrown away. */
void
cw_drafts_discard (const char *id)
{
  g_autofree char *deck = NULL;
  g_autofree char *ini = NULL;

  if (!id_is_valid (id))
    return;
  deck = draft_path (id, ".clearway");
  ini = draft_path (id, ".ini");
  g_unlink (ini);
  g_unlink (deck);
}

/* Marks a recovered draft as this process's, so a second start does not
 * offer it again while it is open here. */
void
cw_drafts_adopt (const char *id)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *ini = NULL;

  if (!id_is_valid (id))
    return;
  ini = draft_path (id, ".ini");
  if (!g_key_file_load_from_file (key_file, ini, G_KEY_FILE_KEEP_COMMENTS, NULL))
    return;
  g_key_file_set_int64 (key_file, GROUP, "Pid", getpid ());
  g_key_file_save_to_file (key_file, ini, NULL);
}
