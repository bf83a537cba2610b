/* cw-document.c
 *
 * Undo works on snapshots: every change to the deck, however it was made
 * (an entry, a drag, an import), is committed as one step once the main
 * loop is idle, so nothing escapes undo; quick successive changes, such as
 * typing, merge into one step. Going back restores a snapshot into the same
 * deck object, so the views keep their models.
 *
 * A step is a CwDeckSnapshot, not the deck's file: frozen copies of only
 * the parts that changed, sharing everything else (and every image) by
 * reference with the steps around it. Committing copies what changed, not
 * the whole deck, and undoing puts the earlier parts back without reading
 * any XML (see the notes in src/core/model/cw-deck.c). Writing the file, for a
 * save or a draft, happens on a worker thread from a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-document.h"

#define MAX_UNDO 200
#define MERGE_USEC (1200 * 1000)

struct _CwDocument
{
  GObject          parent_instance;

  CwDeck          *deck;
  GFile           *file;
  char            *draft_id;

  /* the deck as last committed, and as last saved */
  CwDeckSnapshot  *current;
  CwDeckSnapshot  *saved;
  GQueue           undo;
  GQueue           redo;
  gint64           last_commit;
  gboolean         merge_allowed;

  guint            commit_source;
  gboolean         restoring;
  gboolean         busy;
  gboolean         force_modified;
};

G_DEFINE_FINAL_TYPE (CwDocument, cw_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DECK,
  PROP_FILE,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  N_PROPS
};

enum {
  COMMITTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_queue (GQueue *queue)
{
  CwDeckSnapshot *snapshot;

  while ((snapshot = g_queue_pop_head (queue)) != NULL)
    cw_deck_snapshot_unref (snapshot);
}

static void
cw_document_dispose (GObject *object)
{
  CwDocument *self = (CwDocument *)object;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_data (self->deck, self);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (cw_document_parent_class)->dispose (object);
}

static void
cw_document_finalize (GObject *object)
{
  CwDocument *self = (CwDocument *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_pointer (&self->current, cw_deck_snapshot_unref);
  g_clear_pointer (&self->saved, cw_deck_snapshot_unref);
  clear_queue (&self->undo);
  clear_queue (&self->redo);

  G_OBJECT_CLASS (cw_document_parent_class)->finalize (object);
}

static void
cw_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CwDocument *self = CW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_DECK:
      g_value_set_object (value, self->deck);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_take_string (value, cw_document_dup_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_take_string (value, cw_document_dup_subtitle (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, cw_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cw_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cw_document_get_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_document_class_init (CwDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_document_dispose;
  object_class->finalize = cw_document_finalize;
  object_class->get_property = cw_document_get_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL, CW_TYPE_DECK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwDocument::committed:
   *
   * Emitted when changes to the deck became an undo step (time to save a draft).
   */
  signals[COMMITTED] =
    g_signal_new ("committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cw_document_init (CwDocument *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

static void
notify_state (CwDocument *self,
              gboolean    was_modified,
              gboolean    could_undo,
              gboolean    could_redo)
{
  if (was_modified != cw_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != cw_document_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != cw_document_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/**
 * cw_document_commit:
 *
 * Makes the changes since the last commit one undo step, now rather than
 * when the main loop is next idle.
 */
void
cw_document_commit (CwDocument *self)
{
  g_autoptr(CwDeckSnapshot) now = NULL;
  gboolean was_modified = cw_document_get_modified (self);
  gboolean could_undo = cw_document_get_can_undo (self);
  gboolean could_redo = cw_document_get_can_redo (self);
  gint64 time = g_get_monotonic_time ();

  g_clear_handle_id (&self->commit_source, g_source_remove);

  now = cw_deck_snapshot_new (self->deck, self->current);
  if (cw_deck_snapshot_equal (now, self->current))
    {
      /* changed and changed back: no step, but later snapshots share with this one */
      cw_deck_snapshot_unref (self->current);
      self->current = g_steal_pointer (&now);
      notify_state (self, was_modified, could_undo, could_redo);
      return;
    }

  /* typing a word is one step, not one per letter */
  if (self->merge_allowed && time - self->last_commit < MERGE_USEC && self->undo.length > 0)
    cw_deck_snapshot_unref (g_steal_pointer (&self->current));
  else
    g_queue_push_head (&self->undo, g_steal_pointer (&self->current));
  self->current = g_steal_pointer (&now);
  self->last_commit = time;
  self->merge_allowed = TRUE;

  while (self->undo.length > MAX_UNDO)
    cw_deck_snapshot_unref (g_queue_pop_tail (&self->undo));
  clear_queue (&self->redo);

  notify_state (self, was_modified, could_undo, could_redo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[COMMITTED], 0);
}

/* The next change starts a new undo step, even if it follows quickly. */
void
cw_document_break_group (CwDocument *self)
{
  g_return_if_fail (CW_IS_DOCUMENT (self));

  if (self->commit_source != 0)
    cw_document_commit (self);
  self->merge_allowed = FALSE;
}

static gboolean
commit_idle (gpointer data)
{
  CwDocument *self = data;

  self->commit_source = 0;
  cw_document_commit (self);
  return G_SOURCE_REMOVE;
}

static void
on_deck_changed (CwDocument *self)
{
  if (self->restoring || self->commit_source != 0)
    return;
  self->commit_source = g_idle_add_full (G_PRIORITY_LOW, commit_idle, self, NULL);
}

/**
 * cw_document_new:
 * @file: (nullable): where @deck lives, or %NULL for a new deck
 *
 * Returns: (transfer full): a document that tracks every change to @deck
 */
CwDocument *
cw_document_new (CwDeck *deck,
                 GFile  *file)
{
  CwDocument *self;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  self = g_object_new (CW_TYPE_DOCUMENT, NULL);
  self->deck = g_object_ref (deck);
  self->file = file ? g_object_ref (file) : NULL;
  self->current = cw_deck_snapshot_new (deck, NULL);
  self->saved = cw_deck_snapshot_ref (self->current);
  g_signal_connect_object (deck, "changed", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
  return self;
}

CwDeck *
cw_document_get_deck (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);
  return self->deck;
}

/**
 * cw_document_get_file:
 *
 * Returns: (nullable) (transfer none): where the deck is saved, or %NULL
 */
GFile *
cw_document_get_file (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);
  return self->file;
}

/* The deck's title, or its file's name, or "Untitled deck". */
char *
cw_document_dup_title (CwDocument *self)
{
  const char *title;

  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);

  title = cw_deck_get_title (self->deck);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled deck"));
}

/* The title as a file or folder name: no characters file systems refuse,
 * no runs of spaces, not too long. */
char *
cw_document_dup_file_stem (CwDocument *self)
{
  g_autofree char *title = cw_document_dup_title (self);
  g_autoptr(GString) stem = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL) || g_unichar_isspace (c))
        {
          space = stem->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (stem, ' ');
      space = FALSE;
      g_string_append_unichar (stem, c);
      if (g_utf8_strlen (stem->str, -1) >= 80)
        break;
    }
  /* a leading dot would hide the file */
  while (stem->len > 0 && stem->str[0] == '.')
    g_string_erase (stem, 0, 1);
  if (stem->len == 0)
    g_string_append (stem, _("Untitled deck"));
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

/* Where the deck lives, for the header bar: "~/Campaigns", or "Not saved". */
char *
cw_document_dup_subtitle (CwDocument *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const char *home = g_get_home_dir ();

  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Not saved"));

  name = g_file_get_basename (self->file);
  parent = g_file_get_parent (self->file);
  path = parent ? g_file_get_parse_name (parent) : g_strdup ("");
  if (home != NULL && g_str_has_prefix (path, home))
    {
      g_autofree char *short_path = g_strconcat ("~", path + strlen (home), NULL);
      return g_strdup_printf ("%s — %s", name, short_path);
    }
  return g_strdup_printf ("%s — %s", name, path);
}

gboolean
cw_document_get_modified (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), FALSE);
  return self->force_modified || !cw_deck_snapshot_equal (self->current, self->saved);
}

/* A recovered draft is unsaved work even when nothing was edited since. */
void
cw_document_mark_modified (CwDocument *self)
{
  g_return_if_fail (CW_IS_DOCUMENT (self));

  if (self->force_modified)
    return;
  self->force_modified = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
cw_document_get_can_undo (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), FALSE);
  return self->undo.length > 0 || self->commit_source != 0;
}

gboolean
cw_document_get_can_redo (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), FALSE);
  return self->redo.length > 0;
}

gboolean
cw_document_get_busy (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), FALSE);
  return self->busy;
}

static void
restore (CwDocument     *self,
         CwDeckSnapshot *snapshot)
{
  self->restoring = TRUE;
  cw_deck_restore (self->deck, snapshot);
  self->restoring = FALSE;
}

static void
step (CwDocument *self,
      GQueue     *from,
      GQueue     *to)
{
  gboolean was_modified, could_undo, could_redo;
  CwDeckSnapshot *snapshot;

  if (self->commit_source != 0)
    cw_document_commit (self);

  was_modified = cw_document_get_modified (self);
  could_undo = cw_document_get_can_undo (self);
  could_redo = cw_document_get_can_redo (self);

  snapshot = g_queue_pop_head (from);
  if (snapshot == NULL)
    return;

  g_queue_push_head (to, g_steal_pointer (&self->current));
  self->current = snapshot;
  self->merge_allowed = FALSE;
  restore (self, snapshot);

  notify_state (self, was_modified, could_undo, could_redo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[COMMITTED], 0);
}

void
cw_document_undo (CwDocument *self)
{
  g_return_if_fail (CW_IS_DOCUMENT (self));
  step (self, &self->undo, &self->redo);
}

void
cw_document_redo (CwDocument *self)
{
  g_return_if_fail (CW_IS_DOCUMENT (self));
  step (self, &self->redo, &self->undo);
}

const char *
cw_document_get_draft_id (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);
  return self->draft_id;
}

void
cw_document_set_draft_id (CwDocument *self,
                          const char *draft_id)
{
  g_return_if_fail (CW_IS_DOCUMENT (self));
  g_free (self->draft_id);
  self->draft_id = g_strdup (draft_id);
}

/**
 * cw_document_dup_deck:
 *
 * For work on another thread (writing a draft): a copy of the deck as it
 * is now, with every change committed, that nobody else edits.
 *
 * Returns: (transfer full): the copy
 */
CwDeck *
cw_document_dup_deck (CwDocument *self)
{
  g_return_val_if_fail (CW_IS_DOCUMENT (self), NULL);

  if (self->commit_source != 0)
    cw_document_commit (self);
  return cw_deck_copy (self->deck);
}

static void
set_busy (CwDocument *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct
{
  GFile          *file;
  CwDeckSnapshot *snapshot;
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->file);
  g_clear_pointer (&state->snapshot, cw_deck_snapshot_unref);
  g_free (state);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CwDocument *self = g_task_get_source_object (task);
  SaveState *state = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean was_modified = cw_document_get_modified (self);

  set_busy (self, FALSE);

  if (!cw_deck_save_file_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->saved, cw_deck_snapshot_unref);
  self->saved = cw_deck_snapshot_ref (state->snapshot);
  self->force_modified = FALSE;
  /* Save As, or the first save of a new deck: the document lives there now */
  if (self->file == NULL || !g_file_equal (state->file, self->file))
    {
      g_set_object (&self->file, state->file);
      cw_deck_set_file (self->deck, state->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (was_modified != cw_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);

  g_task_return_boolean (task, TRUE);
}

/**
 * cw_document_save_async:
 * @file: (nullable): where to save, or %NULL for the document's file
 *
 * Saves the deck as it is now, atomically, on a worker thread; the user
 * can keep editing meanwhile.
 */
void
cw_document_save_async (CwDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveState *state;

  g_return_if_fail (CW_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_document_save_async);

  state = g_new0 (SaveState, 1);
  state->file = g_object_ref (file ? file : self->file);
  /* what is saved is what is committed now; later edits go on meanwhile */
  if (self->commit_source != 0)
    cw_document_commit (self);
  state->snapshot = cw_deck_snapshot_ref (self->current);
  g_task_set_task_data (task, state, (GDestroyNotify) save_state_free);

  set_busy (self, TRUE);
  cw_deck_save_file_async (self->deck, state->file, cancellable, on_saved, g_steal_pointer (&task));
}

gboolean
cw_document_save_finish (CwDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
