/* cw-application.c
 *
 * One window per deck. The first start opens the sample so a newcomer sees
 * a working clip at once; later starts reopen the last deck. Decks open on
 * a worker thread, and a deck that cannot be read is reported with its file
 * and line in a dialog; nothing else is touched. After a crash the next
 * start offers the drafts the crashed session left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-application.h"
#include "cw-drafts.h"
#include "cw-preferences-window.h"
#include "cw-window.h"

struct _CwApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        recovery_checked;
};

G_DEFINE_FINAL_TYPE (CwApplication, cw_application, ADW_TYPE_APPLICATION)

CwApplication *
cw_application_new (void)
{
  return g_object_new (CW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/clearway/Clearway",
                       NULL);
}

GSettings *
cw_application_get_settings (CwApplication *self)
{
  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* A window that holds nothing worth keeping: it can take a deck being opened. */
static CwWindow *
find_reusable_window (CwApplication *self,
                      GtkWindow     *from)
{
  if (from != NULL && CW_IS_WINDOW (from) && cw_window_is_pristine (CW_WINDOW (from)))
    return CW_WINDOW (from);
  return NULL;
}

static CwWindow *
find_window_for_file (CwApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *open;

      if (!CW_IS_WINDOW (l->data))
        continue;
      open = cw_document_get_file (cw_window_get_document (l->data));
      if (open != NULL && g_file_equal (open, file))
        return l->data;
    }
  return NULL;
}

static CwWindow *
window_for_document (CwApplication *self,
                     CwDocument    *document,
                     GtkWindow     *from)
{
  CwWindow *window = find_reusable_window (self, from);

  if (window == NULL)
    window = cw_window_new (self);
  cw_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_open_error (CwApplication *self,
                 GtkWindow     *parent,
                 GFile         *file,
                 const GError  *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  g_autofree char *body = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    body = g_strdup_printf (_("%s\n\nThe file may have been moved or deleted. Choose Open to look for it."),
                            error->message);
  else
    body = g_strdup_printf (_("%s\n\nFix the line named above in a text editor, or open another deck. "
                              "Nothing was changed."), error->message);

  cw_show_message (parent ? GTK_WIDGET (parent) : NULL, heading, body);
}

typedef struct
{
  CwApplication *self;
  GtkWindow     *from;
  GFile         *file;
} OpenState;

static void
open_state_free (OpenState *state)
{
  g_clear_object (&state->self);
  g_clear_object (&state->from);
  g_clear_object (&state->file);
  g_free (state);
}

static void
on_deck_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenState *state = user_data;
  CwApplication *self = state->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_load_file_finish (result, &error);
  g_autoptr(CwDocument) document = NULL;
  CwWindow *window;

  if (deck == NULL)
    {
      GtkWindow *parent = state->from;

      /* a window to report on, if this was the only thing asked for */
      if (parent == NULL)
        parent = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (parent == NULL)
        parent = cw_application_new_document (self, TRUE, NULL);
      show_open_error (self, parent, state->file, error);
      g_application_release (G_APPLICATION (self));
      open_state_free (state);
      return;
    }

  document = cw_document_new (deck, state->file);
  window = window_for_document (self, document, state->from);
  cw_application_note_recent (self, state->file);
  cw_window_show_load_warnings (window);

  g_application_release (G_APPLICATION (self));
  open_state_free (state);
}

/**
 * cw_application_open_file:
 * @from: (nullable): the window Open was used in; it is reused when it
 *   holds nothing worth keeping
 *
 * Opens @file in a window of its own, or raises the window that has it.
 */
void
cw_application_open_file (CwApplication *self,
                          GFile         *file,
                          GtkWindow     *from)
{
  CwWindow *open;
  OpenState *state;

  g_return_if_fail (CW_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((open = find_window_for_file (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (open));
      return;
    }

  state = g_new0 (OpenState, 1);
  state->self = g_object_ref (self);
  state->from = from ? g_object_ref (from) : NULL;
  state->file = g_object_ref (file);

  /* keep running until the deck is in a window, even with none open yet */
  g_application_hold (G_APPLICATION (self));
  cw_deck_load_file_async (file, NULL, on_deck_loaded, state);
}

/* A new deck: its first slide is a title card to type over. */
static CwDeck *
new_blank_deck (CwApplication *self)
{
  CwDeck *deck = cw_deck_new ();
  g_autofree char *format = g_settings_get_string (self->settings, "default-format");
  g_autoptr(CwFormat) checked = cw_format_lookup (format, NULL);
  g_autoptr(CwSlide) slide = NULL;

  if (checked != NULL)
    cw_deck_set_format (deck, checked->name);
  /* the settings allow any rate in a range; a deck takes only those the platforms take */
  if (cw_frame_rate_is_valid (g_settings_get_uint (self->settings, "default-fps")))
    cw_deck_set_fps (deck, g_settings_get_uint (self->settings, "default-fps"));

  /* the deck is written in the language the author works in */
  cw_deck_set_language (deck, cw_core_get_interface_language ());

  /* the source line a data slide carries, in the author's language from the start */
  cw_deck_set_source_line (deck, _("Source: {source}, {date}"));

  slide = cw_template_create_slide (cw_template_get_default (), deck);
  cw_deck_add_slide (deck, slide);
  return deck;
}

/**
 * cw_application_new_document:
 * @from_sample: start from the bundled sample rather than a blank deck
 * @from: (nullable): the window New was used in
 *
 * Returns: (transfer none): the window showing the new deck
 */
GtkWindow *
cw_application_new_document (CwApplication *self,
                             gboolean       from_sample,
                             GtkWindow     *from)
{
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwDocument) document = NULL;

  g_return_val_if_fail (CW_IS_APPLICATION (self), NULL);

  deck = from_sample ? cw_deck_new_sample () : new_blank_deck (self);
  document = cw_document_new (deck, NULL);
  return GTK_WINDOW (window_for_document (self, document, from));
}

void
cw_application_note_recent (CwApplication *self,
                            GFile         *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) "application/x-clearway",
    .app_name = (char *) "Clearway",
    .app_exec = (char *) "clearway %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/**
 * cw_application_dup_export_folder:
 *
 * Returns: (transfer full): where exports go unless the user picks another
 */
GFile *
cw_application_dup_export_folder (CwApplication *self)
{
  return cw_settings_dup_export_folder (self->settings);
}

/* The deck last opened or saved, if it is still there. */
static GFile *
find_last_deck (void)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GtkRecentInfo *best = NULL;
  GFile *file = NULL;

  for (GList *l = items; l; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (!gtk_recent_info_has_application (info, "Clearway") || !gtk_recent_info_is_local (info) ||
          !gtk_recent_info_exists (info))
        continue;
      if (best == NULL ||
          g_date_time_compare (gtk_recent_info_get_modified (info), gtk_recent_info_get_modified (best)) > 0)
        best = info;
    }
  if (best != NULL)
    file = g_file_new_for_uri (gtk_recent_info_get_uri (best));
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return file;
}

/* Drafts */

/* A draft takes the place of its own deck opened clean at start (the same
 * file, unchanged since), or of a window that holds nothing yet: recovery
 * never leaves the stale deck open beside the recovered one. */
static CwWindow *
find_window_to_recover_in (CwApplication *self,
                           CwDraft       *draft)
{
  CwWindow *window = draft->origin ? find_window_for_file (self, draft->origin) : NULL;

  if (window != NULL && !cw_document_get_modified (cw_window_get_document (window)))
    return window;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CW_IS_WINDOW (l->data) && cw_window_is_pristine (l->data))
      return l->data;
  return NULL;
}

static void
recover_drafts (CwApplication *self,
                GPtrArray     *drafts)
{
  for (guint i = 0; i < drafts->len; i++)
    {
      CwDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GFile) dir = draft->origin ? g_file_get_parent (draft->origin) : NULL;
      g_autoptr(CwDeck) deck = NULL;
      g_autoptr(CwDocument) document = NULL;
      g_autofree char *name = g_file_get_basename (draft->file);
      CwWindow *window;

      bytes = g_file_load_bytes (draft->file, NULL, NULL, &error);
      if (bytes != NULL)
        deck = cw_deck_load_bytes (bytes, name, dir, &error);
      if (deck == NULL)
        {
          show_open_error (self, gtk_application_get_active_window (GTK_APPLICATION (self)),
                           draft->file, error);
          continue;
        }
      if (draft->origin != NULL)
        cw_deck_set_file (deck, draft->origin);
      document = cw_document_new (deck, draft->origin);
      cw_document_set_draft_id (document, draft->id);
      cw_document_mark_modified (document);
      cw_drafts_adopt (draft->id);
      window = find_window_to_recover_in (self, draft);
      if (window == NULL)
        window = cw_window_new (self);
      cw_window_set_document (window, document);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
on_recovery_response (AdwMessageDialog *dialog,
                      const char       *response,
                      CwApplication    *self)
{
  GPtrArray *drafts = g_object_get_data (G_OBJECT (dialog), "cw-drafts");

  if (g_str_equal (response, "recover"))
    recover_drafts (self, drafts);
  else if (g_str_equal (response, "discard"))
    {
      for (guint i = 0; i < drafts->len; i++)
        cw_drafts_discard (((CwDraft *) g_ptr_array_index (drafts, i))->id);
    }
  /* "later" keeps them for the next start */
}

/**
 * cw_application_check_drafts:
 *
 * Offers back the drafts a crashed session left, if there are any.
 */
void
cw_application_check_drafts (CwApplication *self)
{
  g_autoptr(GPtrArray) drafts = cw_drafts_list_orphaned ();
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  if (drafts->len == 0)
    return;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Clearway stopped before this deck was saved. "
                                    "Its last draft can be opened again:",
                                    "Clearway stopped before these decks were saved. "
                                    "Their last drafts can be opened again:",
                                    drafts->len));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < drafts->len; i++)
    {
      CwDraft *draft = g_ptr_array_index (drafts, i);
      g_autofree char *when = g_date_time_format (draft->modified, "%x %X");
      const char *title = draft->title && *draft->title ? draft->title : _("Untitled deck");

      /* Translators: a recoverable draft: the deck's title and when it was last changed */
      g_string_append_printf (body, _("\n• %s — %s"), title, when);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                       _("Recover Unsaved Work?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "discard", C_("drafts", "_Discard"),
                                    "later", _("_Not Now"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "cw-drafts", g_steal_pointer (&drafts),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_recovery_once (CwApplication *self)
{
  if (self->recovery_checked)
    return;
  self->recovery_checked = TRUE;
  cw_application_check_drafts (self);
}

/* GApplication */

static void
cw_application_activate (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GFile) last = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      g_settings_set_boolean (self->settings, "first-run", FALSE);
      cw_application_new_document (self, TRUE, NULL);
    }
  else if ((last = find_last_deck ()) != NULL)
    {
      /* a window at once, so the start never looks stuck; the deck fills it */
      window = cw_application_new_document (self, FALSE, NULL);
      cw_application_open_file (self, last, window);
    }
  else
    cw_application_new_document (self, TRUE, NULL);

  check_recovery_once (self);
}

static void
cw_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CwApplication *self = CW_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    cw_application_open_file (self, files[i], NULL);
  check_recovery_once (self);
}

static void
on_new (GSimpleAction *action,
        GVariant      *param,
        gpointer       user_data)
{
  CwApplication *self = user_data;
  cw_application_new_document (self, FALSE, NULL);
}

static void
on_new_from_sample (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CwApplication *self = user_data;
  cw_application_new_document (self, TRUE, NULL);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  CwApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* each window asks about its own unsaved changes */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CwPreferencesWindow *preferences = cw_preferences_window_new (parent, self->settings);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  CwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Clearway contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Clearway"),
                        "developer-name", _("The Clearway contributors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "comments", _("Turn mine-action statistics into short animated slides for "
                                      "TikTok, Instagram Reels and YouTube Shorts, in every language "
                                      "your audience speaks."),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Clearway contributors",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "new", on_new },
  { "new-from-sample", on_new_from_sample },
  { "preferences", on_preferences },
  { "about", on_about },
  { "quit", on_quit },
};

static void
cw_application_startup (GApplication *app)
{
  CwApplication *self = CW_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.add-slide", { "<Control><Shift>n", NULL } },
    { "win.duplicate-slide", { "<Control>d", NULL } },
    { "win.show-safe-zones", { "<Control><Shift>g", NULL } },
    { "win.show-page::slides", { "<Alt>1", NULL } },
    { "win.show-page::statistics", { "<Alt>2", NULL } },
    { "win.show-page::languages", { "<Alt>3", NULL } },
    { "win.show-page::deck", { "<Alt>4", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (cw_application_parent_class)->startup (app);

  cw_core_init ();
  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static int
cw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("clearway %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
cw_application_dispose (GObject *object)
{
  CwApplication *self = (CwApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cw_application_parent_class)->dispose (object);
}

static void
cw_application_class_init (CwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cw_application_dispose;
  app_class->startup = cw_application_startup;
  app_class->activate = cw_application_activate;
  app_class->open = cw_application_open;
  app_class->handle_local_options = cw_application_handle_local_options;
}

static void
cw_application_init (CwApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[DECK…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open Clearway decks to edit, preview and export them."));
}
