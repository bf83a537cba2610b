/* cw-window-actions.c
 *
 * The window's actions: everything the header bar, the menus, the
 * keyboard shortcuts and the tests do goes through these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-csv-dialog.h"
#include "cw-template-gallery.h"
#include "cw-window-private.h"

#define RECENT_MAX 8

static CwDeck *
window_deck (CwWindow *self)
{
  return self->document ? cw_document_get_deck (self->document) : NULL;
}

static guint
current_slide (CwWindow *self)
{
  return self->player ? cw_player_get_slide (self->player) : 0;
}

static void
set_enabled (CwWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
cw_window_update_actions (CwWindow *self)
{
  CwDeck *deck = window_deck (self);
  guint n = deck ? cw_deck_get_n_slides (deck) : 0;
  guint slide = current_slide (self);
  gboolean busy = self->document && cw_document_get_busy (self->document);

  set_enabled (self, "undo", self->document && cw_document_get_can_undo (self->document));
  set_enabled (self, "redo", self->document && cw_document_get_can_redo (self->document));
  set_enabled (self, "save", self->document != NULL && !busy);
  set_enabled (self, "save-as", self->document != NULL && !busy);
  set_enabled (self, "export", n > 0);
  set_enabled (self, "play", n > 0);
  set_enabled (self, "duplicate-slide", slide < n);
  /* a deck keeps at least one slide, so there is always something to show */
  set_enabled (self, "delete-slide", n > 1 && slide < n);
  set_enabled (self, "move-slide-up", slide > 0 && slide < n);
  set_enabled (self, "move-slide-down", slide + 1 < n);
}

/* Open */

static void
on_open_response (CwWindow *self,
                  int       response)
{
  g_autoptr(GListModel) files = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (files == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      cw_application_open_file (CW_APPLICATION (app), file, GTK_WINDOW (self));
    }
}

static GtkFileFilter *
deck_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Clearway decks"));
  gtk_file_filter_add_mime_type (filter, "application/x-clearway");
  gtk_file_filter_add_suffix (filter, "clearway");
  return filter;
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CwWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = deck_filter ();
  GFile *file = self->document ? cw_document_get_file (self->document) : NULL;

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self), _("Open Deck"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Open"), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  if (file != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (file);
      if (dir != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CwWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  cw_application_open_file (CW_APPLICATION (app), file, GTK_WINDOW (self));
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *ib = *(GtkRecentInfo * const *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib), gtk_recent_info_get_modified (ia));
}

/* The Open button's menu lists the decks used last, newest first. */
void
cw_window_update_recent (CwWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) decks = g_ptr_array_new ();

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, "Clearway") && gtk_recent_info_exists (info))
        g_ptr_array_add (decks, info);
    }
  g_ptr_array_sort (decks, compare_recent);

  for (guint i = 0; i < decks->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (decks, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *name = gtk_recent_info_get_display_name (info);

      g_auto(GStrv) parts = g_strsplit (name, "_", -1);

      /* underscores in file names are not mnemonics */
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Save */

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  cw_window_save (CW_WINDOW (user_data), FALSE);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  cw_window_save (CW_WINDOW (user_data), TRUE);
}

/* Export */

#define MAX_LISTED_WARNINGS 8

static void
on_export_warnings_open (CwWindow         *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-folder", "s",
                              g_object_get_data (G_OBJECT (dialog), "cw-uri"));
}

/* What an export met (a text left in the deck's language, a file of an
 * earlier export that could not be removed) is worth a look before the
 * clip is posted, so it is shown, not only counted. */
static void
show_export_warnings (CwWindow   *self,
                      GPtrArray  *warnings,
                      const char *title,
                      const char *uri)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < warnings->len && i < MAX_LISTED_WARNINGS; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (warnings, i));

      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, line);
    }
  if (warnings->len > MAX_LISTED_WARNINGS)
    {
      guint more = warnings->len - MAX_LISTED_WARNINGS;

      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "And %u more.", "And %u more.", more), more);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), title, body->str));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "open", _("Open _Folder"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "cw-uri", g_strdup (uri), g_free);
  g_signal_connect_object (dialog, "response::open", G_CALLBACK (on_export_warnings_open), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_finished (CwWindow       *self,
                    GFile          *folder,
                    guint           frames,
                    CwExportDialog *dialog)
{
  g_autofree char *uri = g_file_get_uri (folder);
  g_autofree char *title = NULL;
  GPtrArray *warnings = cw_exporter_get_warnings (cw_export_dialog_get_exporter (dialog));
  AdwToast *toast;

  g_strfreev (self->export_languages);
  self->export_languages = cw_export_dialog_dup_languages (dialog);

  if (warnings != NULL && warnings->len > 0)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u Frame, With Warnings",
                                            "Exported %u Frames, With Warnings", frames),
                               frames);
      show_export_warnings (self, warnings, title, uri);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u frame", "Exported %u frames", frames),
                           frames);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CwWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) folder = cw_application_dup_export_folder (CW_APPLICATION (app));
  g_autoptr(GFile) deck_folder = NULL;
  g_autofree char *name = NULL;
  CwExportDialog *dialog;

  /* each deck exports into a folder of its own name */
  name = cw_document_dup_file_stem (self->document);
  deck_folder = g_file_get_child (folder, name);

  dialog = cw_export_dialog_new (GTK_WINDOW (self), window_deck (self), cw_player_get_format (self->player));
  cw_export_dialog_set_folder (dialog, deck_folder);
  /* the languages of the last export from this window, never the preview's
   * by the way: looking at a translation is not choosing to publish it */
  for (guint i = 0; self->export_languages != NULL && self->export_languages[i] != NULL; i++)
    cw_export_dialog_select_language (dialog, self->export_languages[i]);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), "cw-export-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CwWindow *self = user_data;

  gtk_show_uri (GTK_WINDOW (self), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* Undo */

static void select_slide (CwWindow *self,
                          guint     position);

/* The slides before an undo or redo, and which was on show: the slide
 * list moves the preview while the deck is restored, so it is asked now */
typedef struct
{
  GPtrArray *slides;
  char      *shown_id;
} Before;

static void
before_clear (Before *before)
{
  g_clear_pointer (&before->slides, g_ptr_array_unref);
  g_clear_pointer (&before->shown_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Before, before_clear)

static void
before_init (Before   *before,
             CwWindow *self)
{
  CwDeck *deck = window_deck (self);
  guint shown = current_slide (self);

  before->slides = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
    g_ptr_array_add (before->slides, g_object_ref (cw_deck_get_slide (deck, i)));
  if (shown < before->slides->len)
    before->shown_id = g_strdup (cw_slide_get_id (g_ptr_array_index (before->slides, shown)));
}

/* After an undo or redo, shows the slide it changed: the one on show if
 * it is among them (a slide moved back), else the first; the one on show
 * when it changed none (a figure). The player shows it settled. */
static void
show_changed_slide (CwWindow *self,
                    Before   *before)
{
  CwDeck *deck = window_deck (self);
  guint n = cw_deck_get_n_slides (deck);
  gint first = -1;

  for (guint i = 0; i < n; i++)
    {
      CwSlide *slide = cw_deck_get_slide (deck, i);

      if (g_strcmp0 (cw_slide_get_id (slide), before->shown_id) == 0 &&
          (i >= before->slides->len || g_ptr_array_index (before->slides, i) != slide))
        {
          select_slide (self, i);
          return;
        }
      if (first < 0 && (i >= before->slides->len || g_ptr_array_index (before->slides, i) != slide))
        first = i;
    }
  if (first < 0)
    {
      /* nothing changed place: stay on the slide on show, wherever it is */
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (cw_slide_get_id (cw_deck_get_slide (deck, i)), before->shown_id) == 0)
          first = i;
    }
  if (first < 0 && n > 0)
    first = MIN (n, before->slides->len) - 1;
  if (first >= 0)
    select_slide (self, first);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CwWindow *self = user_data;
  g_auto(Before) before = { NULL, NULL };

  before_init (&before, self);
  cw_document_undo (self->document);
  show_changed_slide (self, &before);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CwWindow *self = user_data;
  g_auto(Before) before = { NULL, NULL };

  before_init (&before, self);
  cw_document_redo (self->document);
  show_changed_slide (self, &before);
}

/* Playback */

static void
play_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CwWindow *self = user_data;
  cw_player_set_playing (self->player, !cw_player_get_playing (self->player));
}

/* Slides */

static void
select_slide (CwWindow *self,
              guint     position)
{
  cw_slide_list_select (self->slide_list, position);
  cw_window_update_actions (self);
}

static void
insert_slide (CwWindow *self,
              CwSlide  *slide)
{
  CwDeck *deck = window_deck (self);
  guint position = MIN (current_slide (self) + 1, cw_deck_get_n_slides (deck));

  cw_document_break_group (self->document);
  cw_deck_insert_slide (deck, position, slide);
  cw_document_break_group (self->document);
  select_slide (self, position);
}

static void
on_template_chosen (CwWindow   *self,
                    const char *template_id)
{
  const CwTemplate *template = cw_template_lookup (template_id);
  g_autoptr(CwSlide) slide = NULL;

  if (template == NULL)
    return;
  slide = cw_template_create_slide (template, window_deck (self));
  insert_slide (self, slide);
  adw_view_stack_set_visible_child_name (self->view_stack, "slides");
}

static void
add_slide_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CwWindow *self = user_data;
  CwTemplateGallery *gallery = cw_template_gallery_new (GTK_WINDOW (self), window_deck (self));

  g_signal_connect_object (gallery, "template-chosen", G_CALLBACK (on_template_chosen), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), "cw-template-gallery", gallery);
  gtk_window_present (GTK_WINDOW (gallery));
}

static void
duplicate_slide_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CwWindow *self = user_data;
  CwDeck *deck = window_deck (self);
  guint position = current_slide (self);
  g_autoptr(CwSlide) copy = NULL;
  g_autofree char *id = NULL;
  CwSlide *slide;

  if (position >= cw_deck_get_n_slides (deck))
    return;
  slide = cw_deck_get_slide (deck, position);
  copy = cw_slide_copy (slide);
  id = cw_deck_make_slide_id (deck, cw_slide_get_template_id (slide));
  cw_slide_set_id (copy, id);
  insert_slide (self, copy);
}

static void
delete_slide_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CwWindow *self = user_data;
  CwDeck *deck = window_deck (self);
  guint position = current_slide (self);
  guint n = cw_deck_get_n_slides (deck);
  AdwToast *toast;

  if (position >= n || n <= 1)
    return;

  cw_document_break_group (self->document);
  cw_deck_remove_slide (deck, cw_deck_get_slide (deck, position));
  cw_document_break_group (self->document);
  select_slide (self, MIN (position, n - 2));

  toast = adw_toast_new (_("Slide deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
move_slide (CwWindow *self,
            guint     from,
            guint     to)
{
  CwDeck *deck = window_deck (self);
  guint n = cw_deck_get_n_slides (deck);

  if (from >= n || to >= n || from == to)
    return;
  cw_document_break_group (self->document);
  cw_deck_move_slide (deck, from, to);
  cw_document_break_group (self->document);
  select_slide (self, to);
}

static void
move_slide_up_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CwWindow *self = user_data;
  guint position = current_slide (self);

  if (position > 0)
    move_slide (self, position, position - 1);
}

static void
move_slide_down_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CwWindow *self = user_data;
  guint position = current_slide (self);

  move_slide (self, position, position + 1);
}

/* Folded, the slide list covers the preview: once a slide is picked, it
 * goes away so the slide can be seen. */
static void
on_slide_picked (CwWindow *self,
                 guint     position)
{
  if (adw_flap_get_folded (self->list_flap))
    adw_flap_set_reveal_flap (self->list_flap, FALSE);
}

/* Dragging a slide in the list onto another. */
static void
on_slide_moved (CwWindow *self,
                guint     from,
                guint     to)
{
  move_slide (self, from, to);
}

/* Statistics */

static void
add_statistic_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CwWindow *self = user_data;
  CwDeck *deck = window_deck (self);
  g_autoptr(CwStatistic) statistic = NULL;
  g_autofree char *id = g_strdup ("new_figure");

  for (guint i = 2; cw_deck_find_statistic (deck, id) != NULL; i++)
    {
      g_free (id);
      id = g_strdup_printf ("new_figure_%u", i);
    }
  statistic = cw_statistic_new (id);
  /* Translators: the label a new statistic starts with, before the author types one */
  cw_statistic_set_label (statistic, _("New figure"));
  cw_deck_add_statistic (deck, statistic);
  adw_view_stack_set_visible_child_name (self->view_stack, "statistics");
  cw_statistics_view_select (CW_STATISTICS_VIEW (cw_window_ensure_page (self, "statistics")), statistic);
}

static void
on_csv_imported (CwWindow    *self,
                 guint        added,
                 guint        updated,
                 CwCsvDialog *dialog)
{
  g_autofree char *message = cw_csv_describe_import (added, updated);

  cw_window_show_toast (self, message);
  adw_view_stack_set_visible_child_name (self->view_stack, "statistics");
}

static void
on_csv_response (CwWindow *self,
                 int       response)
{
  g_autoptr(GFile) file = NULL;
  CwCsvDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  /* it reads the table on a worker, and says so meanwhile */
  dialog = cw_csv_dialog_new (GTK_WINDOW (self), window_deck (self), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_csv_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CwWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Spreadsheet tables (CSV, ODS, XLSX)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.spreadsheet");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "ods");
  gtk_file_filter_add_suffix (filter, "xlsx");

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self), _("Import Statistics"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Import"), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_csv_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Pages */

static void
show_page_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CwWindow *self = user_data;
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (param, NULL));
}

static const GActionEntry win_actions[] = {
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "save", save_action },
  { "save-as", save_as_action },
  { "export", export_action },
  { "open-folder", open_folder_action, "s" },
  { "undo", undo_action },
  { "redo", redo_action },
  { "play", play_action },
  { "add-slide", add_slide_action },
  { "duplicate-slide", duplicate_slide_action },
  { "delete-slide", delete_slide_action },
  { "move-slide-up", move_slide_up_action },
  { "move-slide-down", move_slide_down_action },
  { "add-statistic", add_statistic_action },
  { "import-csv", import_csv_action },
  { "show-page", show_page_action, "s" },
};

/* Keys that mean something else while typing work only where no text is
 * being edited: they are shortcuts of the slide list and the preview, not
 * of the whole window. */
static void
add_local_shortcut (GtkWidget  *widget,
                    const char *trigger,
                    const char *action)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
  gtk_widget_add_controller (widget, controller);
}

/* Space plays and pauses wherever the focus is, even on a button, which
 * would otherwise take Space as a click; only where text is typed does it
 * stay a space. It is caught before the focused widget sees it. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CwWindow              *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  /* a popover (a menu, a colour chooser) has its own surface and keys */
  if (event != NULL && gdk_event_get_surface (event) != gtk_native_get_surface (GTK_NATIVE (self)))
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w))
      return FALSE;
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (self), "play"))
    return FALSE;
  g_action_group_activate_action (G_ACTION_GROUP (self), "play", NULL);
  return TRUE;
}

void
cw_window_init_actions (CwWindow *self)
{
  g_autoptr(GAction) safe_zones = g_settings_create_action (self->settings, "show-safe-zones");
  g_autoptr(GPropertyAction) show_slides = g_property_action_new ("show-slides", self->list_flap, "reveal-flap");
  g_autoptr(GPropertyAction) show_inspector = g_property_action_new ("show-inspector", self->inspector_flap,
                                                                      "reveal-flap");
  GtkEventController *keys;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  g_action_map_add_action (G_ACTION_MAP (self), safe_zones);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_slides));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_inspector));

  add_local_shortcut (GTK_WIDGET (self->slide_list), "Delete", "win.delete-slide");
  add_local_shortcut (GTK_WIDGET (self->slide_list), "KP_Delete", "win.delete-slide");
  add_local_shortcut (GTK_WIDGET (self->slide_list), "<Alt>Up", "win.move-slide-up");
  add_local_shortcut (GTK_WIDGET (self->slide_list), "<Alt>Down", "win.move-slide-down");
  add_local_shortcut (GTK_WIDGET (self), "F9", "win.show-slides");
  add_local_shortcut (GTK_WIDGET (self), "<Shift>F9", "win.show-inspector");

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->slide_list, "move", G_CALLBACK (on_slide_moved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slide_list, "picked", G_CALLBACK (on_slide_picked), self, G_CONNECT_SWAPPED);
}
