/* cw-export-dialog.c
 *
 * The export runs on worker threads from a snapshot of the deck taken when
 * Export is pressed, so the user can go on editing. Progress arrives on the
 * main loop through the exporter's coalesced notifications. A failure is
 * shown in the dialog with what to do; a cancel is not an error.
 *
 * Each language says how much of it is translated, and exporting one with
 * texts left in the deck's language is asked about first. Which languages
 * are ticked is the dialog's own choice: the deck's language, and whatever
 * the user ticks, never the preview's language by the way.
 *
 * "One clip per row of a table…" exports a variant of the deck per row
 * (cw-variants.h) with the same settings, through the same core function
 * as clearway-cli render --data. The table is read and every cell checked
 * when it is chosen, to preview the rows and the slides each changes, and
 * again when Export is pressed, so the rows are those of the deck and the
 * file as they are then; a problem is shown and nothing is written.
 *
 * The checks (`clearway-cli lint`) run over what is ticked, formats by
 * languages, on a worker from a copy of the deck, again a moment after the
 * ticks change; a newer run cancels the one before. Export pressed while
 * they run waits for them, so "export with errors?" is asked of what is
 * actually exported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-export-dialog.h"

struct _CwExportDialog
{
  AdwWindow            parent_instance;

  CwDeck              *deck;
  CwExporter          *exporter;
  GCancellable        *cancellable;
  GFile               *folder;
  GPtrArray           *format_checks;
  GPtrArray           *language_checks;
  GPtrArray           *video_switches;
  GtkSwitch           *video_only_switch;
  gint64               started;
  gboolean             overwrite;
  /* what the checks found in the ticked formats and languages, and
   * whether the author chose to export anyway */
  guint                check_errors;
  guint                check_warnings;
  gboolean             checks_known;
  gboolean             errors_confirmed;
  GCancellable        *checks_cancellable;
  guint                checks_source;
  gboolean             export_pending;
  AdwPreferencesGroup *checks_group;
  gboolean             untranslated_confirmed;
  /* one clip per row: the table, its sheet, and its rows once all is well */
  GFile               *table;
  char                *sheet;
  GPtrArray           *variants;
  GPtrArray           *table_rows;
  gboolean             updating_sheets;
  gboolean             exporting_variants;

  GtkStack            *stack;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *languages_group;
  AdwComboRow         *fps_row;
  AdwActionRow        *folder_row;
  AdwPreferencesGroup *videos_group;
  AdwPreferencesGroup *table_group;
  AdwActionRow        *table_row;
  GtkButton           *table_clear_button;
  AdwComboRow         *sheet_row;
  GtkButton           *export_button;
  GtkButton           *cancel_button;
  GtkProgressBar      *progress_bar;
  GtkLabel            *remaining_label;
  AdwStatusPage       *progress_page;
};

G_DEFINE_FINAL_TYPE (CwExportDialog, cw_export_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CwExportDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
  gtk_stack_set_visible_child_name (self->stack, "settings");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

static void
update_folder (CwExportDialog *self)
{
  g_autofree char *path = self->folder ? g_file_get_parse_name (self->folder) : NULL;

  adw_action_row_set_subtitle (self->folder_row, path ? path : "");
}

void
cw_export_dialog_set_folder (CwExportDialog *self,
                             GFile          *folder)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));

  g_set_object (&self->folder, folder);
  self->overwrite = FALSE;
  update_folder (self);
}

static void
on_folder_chosen (GtkNativeDialog *dialog,
                  int              response,
                  CwExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      cw_export_dialog_set_folder (self, folder);
    }
  g_object_unref (dialog);
}

static void
on_folder_clicked (CwExportDialog *self)
{
  GtkFileChooserNative *dialog;

  dialog = cw_file_chooser_new (GTK_WIDGET (self), _("Choose the Export Folder"),
                                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), NULL);
  if (self->folder != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The time left as the exporter estimates it, phase by phase: encoding
 * has a pace of its own, unknown until ffmpeg says how far it is. */
static void
on_progress (CwExportDialog *self)
{
  double fraction = cw_exporter_get_fraction (self->exporter);
  g_autofree char *status = cw_exporter_dup_status (self->exporter);
  double seconds = cw_exporter_get_seconds_left (self->exporter);
  CwExportPhase phase = cw_exporter_get_phase (self->exporter);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  adw_status_page_set_description (self->progress_page, status);
  if (fraction >= 1)
    gtk_label_set_label (self->remaining_label, "");
  else if (seconds >= 1)
    {
      guint left = (guint) (seconds + 0.5);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %u second left",
                                                            "About %u seconds left", left), left);
      gtk_label_set_label (self->remaining_label, text);
    }
  else if (phase == CW_EXPORT_PHASE_ENCODING)
    gtk_label_set_label (self->remaining_label, _("Making the video; the time left shows once ffmpeg says how far it is"));
  else if (phase == CW_EXPORT_PHASE_FINISHING || seconds >= 0)
    gtk_label_set_label (self->remaining_label, _("Almost done"));
  else
    gtk_label_set_label (self->remaining_label, "");
}

/* Video only needs a video to keep. */
static void
update_video_only (CwExportDialog *self)
{
  gboolean any = FALSE;

  if (self->video_only_switch == NULL)
    return;
  for (guint i = 0; i < self->video_switches->len; i++)
    any = any || gtk_switch_get_active (g_ptr_array_index (self->video_switches, i));
  gtk_widget_set_sensitive (GTK_WIDGET (self->video_only_switch), any);
  if (!any)
    gtk_switch_set_active (self->video_only_switch, FALSE);
}

/* "Slides 2 and 4" or so: the slides showing a statistic the row sets,
 * numbered as the slide list shows them */
static char *
describe_changed_slides (CwDeck    *deck,
                         CwVariant *variant)
{
  GListModel *slides = cw_deck_get_slides (deck);
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; variant->ids[i]; i++)
    {
      g_autoptr(GPtrArray) using = cw_deck_list_slides_using (deck, variant->ids[i]);

      for (guint j = 0; j < using->len; j++)
        g_hash_table_add (changed, g_ptr_array_index (using, j));
    }
  for (guint i = 0; i < g_list_model_get_n_items (slides); i++)
    {
      g_autoptr(CwSlide) slide = g_list_model_get_item (slides, i);

      if (!g_hash_table_contains (changed, slide))
        continue;
      g_string_append_printf (list, "%s%u", n > 0 ? ", " : "", i + 1);
      n++;
    }
  if (n == 0)
    return g_strdup (_("Changes no slide: no slide shows these statistics"));
  /* Translators: the numbers of the slides a row of the table changes, "2, 4" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changes slide %s", "Changes slides %s", n), list->str);
}

static void
clear_table_preview (CwExportDialog *self)
{
  for (guint i = 0; i < self->table_rows->len; i++)
    adw_preferences_group_remove (self->table_group, g_ptr_array_index (self->table_rows, i));
  g_ptr_array_set_size (self->table_rows, 0);
}

/* One row for each variant: its name, its figures, the slides it changes. */
static void
show_table_preview (CwExportDialog *self)
{
  clear_table_preview (self);
  for (guint i = 0; self->variants != NULL && i < self->variants->len; i++)
    {
      CwVariant *variant = g_ptr_array_index (self->variants, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) figures = g_string_new (NULL);
      g_autofree char *slides = describe_changed_slides (self->deck, variant);
      g_autofree char *subtitle = NULL;

      for (guint j = 0; variant->ids[j]; j++)
        g_string_append_printf (figures, "%s%s %g", j > 0 ? " · " : "", variant->ids[j], variant->values[j]);
      subtitle = g_strdup_printf ("%s\n%s", figures->str, slides);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), variant->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->table_group, row);
      g_ptr_array_add (self->table_rows, row);
    }
}

static void on_sheet_selected (CwExportDialog *self);

/* The workbook's sheets in the sheet row, shown when there is a choice. */
static void
update_sheets (CwExportDialog *self,
               GStrv           sheets)
{
  g_autoptr(GtkStringList) model = NULL;
  guint selected = 0;

  self->updating_sheets = TRUE;
  if (sheets != NULL)
    {
      model = gtk_string_list_new ((const char * const *) sheets);
      for (guint i = 0; sheets[i]; i++)
        if (g_strcmp0 (sheets[i], self->sheet) == 0)
          selected = i;
    }
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (model));
  if (model != NULL)
    adw_combo_row_set_selected (self->sheet_row, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), sheets != NULL && g_strv_length (sheets) > 1);
  self->updating_sheets = FALSE;
}

/* Reads the table and checks every cell against the deck as it is now.
 * Returns: whether every row is good; if not, the problems are shown */
static gboolean
load_table (CwExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = NULL;
  g_autofree char *subtitle = NULL;

  g_clear_pointer (&self->variants, g_ptr_array_unref);
  clear_table_preview (self);
  if (self->table == NULL)
    return TRUE;

  name = g_file_get_parse_name (self->table);
  lower = g_utf8_strdown (name, -1);
  bytes = cw_file_load_bounded (self->table,
                                g_str_has_suffix (lower, ".ods") || g_str_has_suffix (lower, ".xlsx")
                                ? CW_SHEET_MAX_BYTES : CW_CSV_MAX_BYTES, NULL, &error);
  if (bytes != NULL && cw_sheet_is_spreadsheet (bytes))
    {
      sheets = cw_sheet_list_sheets (bytes, name, &error);
      if (sheets != NULL && self->sheet != NULL && !g_strv_contains ((const char * const *) sheets, self->sheet))
        g_clear_pointer (&self->sheet, g_free);
    }
  else
    g_clear_pointer (&self->sheet, g_free);
  update_sheets (self, sheets);
  if (bytes != NULL && error == NULL)
    self->variants = cw_variants_from_table (self->deck, bytes, name, self->sheet, &error);

  if (self->variants == NULL)
    {
      adw_action_row_set_subtitle (self->table_row, name);
      show_error (self, error->message);
      return FALSE;
    }
  /* Translators: a table's file name, then how many rows (clips) it gives */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u row, one clip each",
                                           "%s · %u rows, one clip each", self->variants->len),
                              name, self->variants->len);
  adw_action_row_set_subtitle (self->table_row, subtitle);
  show_table_preview (self);
  show_error (self, NULL);
  return TRUE;
}

static void
on_sheet_selected (CwExportDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->sheet_row);

  if (self->updating_sheets || item == NULL)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (gtk_string_object_get_string (item));
  load_table (self);
}

static void
on_table_chosen (GtkNativeDialog *dialog,
                 int              response,
                 CwExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) table = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      cw_export_dialog_set_table (self, table, NULL);
    }
  g_object_unref (dialog);
}

static void
on_table_clicked (CwExportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  gtk_file_filter_set_name (filter, _("Tables (.csv, .ods, .xlsx)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.spreadsheet");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "ods");
  gtk_file_filter_add_suffix (filter, "xlsx");
  dialog = cw_file_chooser_new (GTK_WIDGET (self), _("Choose a Table, One Clip per Row"),
                                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_table_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_table_clear_clicked (CwExportDialog *self)
{
  cw_export_dialog_set_table (self, NULL, NULL);
}

/**
 * cw_export_dialog_set_table:
 * @table: (nullable): a .csv, .ods or .xlsx table; %NULL to export the deck alone
 * @sheet: (nullable): the workbook's sheet; %NULL for the first
 *
 * Exports one clip per row of @table: its rows are checked and previewed
 * now, and any problem shown, naming the row and column.
 *
 * Returns: whether every row is good
 */
gboolean
cw_export_dialog_set_table (CwExportDialog *self,
                            GFile          *table,
                            const char     *sheet)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), FALSE);

  g_set_object (&self->table, table);
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
  gtk_widget_set_visible (GTK_WIDGET (self->table_clear_button), table != NULL);
  if (table == NULL)
    {
      adw_action_row_set_subtitle (self->table_row, "");
      update_sheets (self, NULL);
      show_error (self, NULL);
    }
  return load_table (self);
}

/**
 * cw_export_dialog_get_variants:
 *
 * Returns: (transfer none) (nullable) (element-type CwVariant): the table's
 *   rows, when one is chosen and all is well
 */
GPtrArray *
cw_export_dialog_get_variants (CwExportDialog *self)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), NULL);
  return self->variants;
}

/* What the dialog shows as wrong, if anything: for tests */
const char *
cw_export_dialog_get_problem (CwExportDialog *self)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_group)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

static void start_export (CwExportDialog *self);
static void on_export_clicked (CwExportDialog *self);

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CwExportDialog   *self)
{
  if (g_str_equal (response, "replace"))
    {
      self->overwrite = TRUE;
      start_export (self);
    }
  else
    show_error (self, NULL);
}

/* What replacing names, for the prompt: the files of each earlier export
 * that go, so nobody is surprised by what is missing afterwards. */
static char *
describe_replaced (GPtrArray *earlier)
{
  g_autoptr(GString) body = g_string_new (NULL);

  if (earlier->len == 1)
    {
      CwEarlierExport *one = g_ptr_array_index (earlier, 0);
      g_autofree char *folder = g_file_get_parse_name (one->dir);
      g_autofree char *what = cw_earlier_export_describe (one);

      /* Translators: a folder, then what of the earlier export in it goes: "180 frames, captions.txt and clip.mp4" */
      g_string_append_printf (body, _("Replace the earlier export in %s: %s?"), folder, what);
      g_string_append (body, "\n\n");
      g_string_append (body, _("The new export takes its place once it is complete. Nothing else in the folder is touched."));
      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  g_string_append (body, _("Replace the earlier exports in these folders?"));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < earlier->len; i++)
    {
      CwEarlierExport *one = g_ptr_array_index (earlier, i);
      g_autofree char *folder = g_file_get_parse_name (one->dir);
      g_autofree char *what = cw_earlier_export_describe (one);

      /* Translators: a folder, then what of the earlier export in it goes */
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: %s"), folder, what);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("The new export takes their place once it is complete. Nothing else in the folders is touched."));
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CwExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  if (self->exporting_variants ? cw_variants_export_finish (CW_EXPORTER (object), result, &error)
                               : cw_exporter_run_finish (CW_EXPORTER (object), result, &error))
    {
      g_signal_emit (self, signals[FINISHED], 0, self->folder, cw_exporter_get_frames_written (self->exporter));
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* stopping is not a failure: back to the settings, nothing to report */
      show_error (self, NULL);
      return;
    }

  if (g_error_matches (error, CW_ERROR, CW_ERROR_OUTPUT_EXISTS) && !self->overwrite)
    {
      AdwMessageDialog *dialog;
      GPtrArray *earlier = cw_exporter_get_earlier (self->exporter);
      /* an earlier run's index.json alone has no sequence to list */
      g_autofree char *body = earlier->len > 0 ? describe_replaced (earlier) : g_strdup (error->message);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Earlier Export?"), body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_error (self, error->message);
}

static void
on_untranslated_response (AdwMessageDialog *dialog,
                          const char       *response,
                          CwExportDialog   *self)
{
  if (g_str_equal (response, "export"))
    {
      self->untranslated_confirmed = TRUE;
      start_export (self);
    }
  else
    show_error (self, NULL);
}

/* "Azerbaijani: 2 of 14 texts", one line for each ticked language that
 * has texts left in the deck's language; NULL when there is none */
static char *
describe_untranslated (CwExportDialog *self)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *source = cw_language_get_name (cw_deck_get_language (self->deck), NULL);

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      guint missing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "cw-untranslated"));
      guint total = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "cw-texts"));
      g_autofree char *name = NULL;

      if (!gtk_check_button_get_active (check) || missing == 0)
        continue;
      name = cw_language_get_name (g_object_get_data (G_OBJECT (check), "cw-name"), NULL);
      if (list->len > 0)
        g_string_append_c (list, '\n');
      /* Translators: a language, then how many of how many texts are not translated */
      g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u text is not translated",
                                                 "%s: %u of %u texts are not translated", total),
                              name, missing, total);
    }
  if (list->len == 0)
    return NULL;
  g_string_append (list, "\n\n");
  /* Translators: %s is the deck's own language, such as English */
  g_string_append_printf (list, _("Those texts will show in %s. Translate them on the Languages page, or export anyway."),
                          source);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void
start_export (CwExportDialog *self)
{
  guint n_formats = 0, n_languages = 0;
  guint n_rates;
  const guint *rates = cw_frame_rates_list (&n_rates);
  guint fps_index = adw_combo_row_get_selected (self->fps_row);

  g_clear_object (&self->exporter);
  g_clear_object (&self->cancellable);
  self->exporter = cw_exporter_new (self->deck);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < self->format_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->format_checks, i);
      if (gtk_check_button_get_active (check))
        {
          g_autoptr(CwFormat) format = cw_format_lookup (g_object_get_data (G_OBJECT (check), "cw-name"), NULL);
          cw_exporter_add_format (self->exporter, format);
          n_formats++;
        }
    }
  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      if (gtk_check_button_get_active (check))
        {
          cw_exporter_add_language (self->exporter, g_object_get_data (G_OBJECT (check), "cw-name"));
          n_languages++;
        }
    }

  if (n_formats == 0 || n_languages == 0)
    {
      show_error (self, n_formats == 0 ? _("Choose at least one format.") : _("Choose at least one language."));
      return;
    }
  if (self->folder == NULL)
    {
      show_error (self, _("Choose a folder for the frames."));
      return;
    }
  /* the rows as the deck and the file are now; a bad one writes nothing */
  if (self->table != NULL && !load_table (self))
    return;

  if (!self->untranslated_confirmed)
    {
      g_autofree char *body = describe_untranslated (self);

      if (body != NULL)
        {
          AdwMessageDialog *dialog;

          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Untranslated Texts?"),
                                                               body));
          adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export Anyway"), NULL);
          adw_message_dialog_set_default_response (dialog, "cancel");
          adw_message_dialog_set_close_response (dialog, "cancel");
          g_signal_connect (dialog, "response", G_CALLBACK (on_untranslated_response), self);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
  self->untranslated_confirmed = FALSE;

  cw_exporter_set_output_dir (self->exporter, self->folder);
  if (fps_index < n_rates)
    cw_exporter_set_fps (self->exporter, rates[fps_index]);
  for (guint i = 0; i < self->video_switches->len; i++)
    {
      GtkSwitch *video = g_ptr_array_index (self->video_switches, i);

      if (gtk_switch_get_active (video))
        cw_exporter_add_encoder (self->exporter, g_object_get_data (G_OBJECT (video), "cw-encoder"));
    }
  cw_exporter_set_overwrite (self->exporter, self->overwrite);
  cw_exporter_set_video_only (self->exporter, gtk_switch_get_active (self->video_only_switch) &&
                                              gtk_widget_get_sensitive (GTK_WIDGET (self->video_only_switch)));
  g_signal_connect_object (self->exporter, "notify::fraction", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exporter, "notify::status", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->remaining_label, "");
  gtk_button_set_label (self->cancel_button, _("_Stop"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->started = g_get_monotonic_time ();

  self->exporting_variants = self->variants != NULL;
  if (self->exporting_variants)
    cw_variants_export_async (self->exporter, self->variants, self->cancellable, on_exported, g_object_ref (self));
  else
    cw_exporter_run_async (self->exporter, self->cancellable, on_exported, g_object_ref (self));
}

static void
on_errors_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CwExportDialog   *self)
{
  if (g_strcmp0 (response, "export") != 0)
    return;
  self->errors_confirmed = TRUE;
  start_export (self);
}

/* With errors found, asks once whether to export all the same; while the
 * checks of what is ticked run, waits for them. */
static void
on_export_clicked (CwExportDialog *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (!self->checks_known && !self->errors_confirmed)
    {
      self->export_pending = TRUE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
      return;
    }
  if (self->check_errors == 0 || self->errors_confirmed)
    {
      start_export (self);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The checks found %u error: viewers may not be able to read or trust the clip. The Checks page lists it.",
                                       "The checks found %u errors: viewers may not be able to read or trust the clip. The Checks page lists them.",
                                       self->check_errors),
                          self->check_errors);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export With Errors?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_errors_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static AdwPreferencesGroup *
ensure_checks_group (CwExportDialog *self)
{
  GtkWidget *page;

  if (self->checks_group != NULL)
    return self->checks_group;

  /* above the formats, in the page the template holds them in */
  page = gtk_widget_get_parent (GTK_WIDGET (self->formats_group));
  while (page != NULL && !ADW_IS_PREFERENCES_PAGE (page))
    page = gtk_widget_get_parent (page);
  if (page == NULL)
    return NULL;
  self->checks_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->checks_group);
  /* groups are added at the end; this one goes first */
  gtk_widget_insert_after (GTK_WIDGET (self->checks_group),
                           gtk_widget_get_parent (GTK_WIDGET (self->checks_group)), NULL);
  return self->checks_group;
}

static void
show_checks (CwExportDialog *self,
             const char     *title,
             const char     *description)
{
  AdwPreferencesGroup *group = ensure_checks_group (self);

  if (group == NULL)
    return;
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cw_lint_deck_finish (result, &error);
  g_autofree char *title = NULL;

  /* a newer run replaced this one; it tells what it finds */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->checks_cancellable);
  if (results == NULL)
    {
      self->check_errors = self->check_warnings = 0;
      self->checks_known = TRUE;
      show_checks (self, _("Checks"), error->message);
    }
  else
    {
      cw_lint_count (results, &self->check_errors, &self->check_warnings, NULL);
      self->checks_known = TRUE;
      /* Translators: in the Export dialog: the numbers of errors and warnings the checks found */
      title = g_strdup_printf (_("Checks: %u errors, %u warnings"), self->check_errors, self->check_warnings);
      show_checks (self, title,
                   self->check_errors > 0 ? _("In the formats and languages ticked below. Fix them on the Checks page before posting.")
                                          : _("In the formats and languages ticked below."));
    }
  if (self->export_pending)
    {
      self->export_pending = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
      on_export_clicked (self);
    }
}

static gboolean
run_checks (gpointer user_data)
{
  CwExportDialog *self = user_data;
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();

  self->checks_source = 0;
  for (guint i = 0; i < self->format_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->format_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (formats, cw_format_lookup (g_object_get_data (G_OBJECT (check), "cw-name"), NULL));
    }
  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (languages, g_object_get_data (G_OBJECT (check), "cw-name"));
    }
  g_ptr_array_add (languages, NULL);

  if (formats->len == 0 || languages->len == 1)
    {
      self->check_errors = self->check_warnings = 0;
      self->checks_known = TRUE;
      show_checks (self, _("Checks"), _("Tick a format and a language to check them."));
      return G_SOURCE_REMOVE;
    }
  self->checks_cancellable = g_cancellable_new ();
  cw_lint_deck_async (self->deck, formats, (const char * const *) languages->pdata, self->checks_cancellable,
                      on_checked, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Checks the ticked formats and languages again, a moment after the last
 * tick, so ticking several in a row runs the checks once. */
static void
schedule_checks (CwExportDialog *self)
{
  if (self->deck == NULL)
    return;
  if (self->checks_cancellable != NULL)
    g_cancellable_cancel (self->checks_cancellable);
  g_clear_object (&self->checks_cancellable);
  g_clear_handle_id (&self->checks_source, g_source_remove);
  self->checks_known = FALSE;
  self->errors_confirmed = FALSE;
  show_checks (self, _("Checks"), _("Checking the formats and languages ticked below…"));
  self->checks_source = g_timeout_add (250, run_checks, self);
}

/**
 * cw_export_dialog_get_check_counts:
 * @n_errors: (out) (optional): errors in the ticked formats and languages
 * @n_warnings: (out) (optional): warnings there
 *
 * Returns: whether the checks of what is ticked now have finished
 */
gboolean
cw_export_dialog_get_check_counts (CwExportDialog *self,
                                   guint          *n_errors,
                                   guint          *n_warnings)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), FALSE);

  if (n_errors != NULL)
    *n_errors = self->check_errors;
  if (n_warnings != NULL)
    *n_warnings = self->check_warnings;
  return self->checks_known;
}

static void
on_cancel_clicked (CwExportDialog *self)
{
  if (self->exporter != NULL && cw_exporter_get_busy (self->exporter))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cw_export_dialog_close_request (GtkWindow *window)
{
  CwExportDialog *self = CW_EXPORT_DIALOG (window);

  /* closing while exporting stops the export; nothing half-done is left */
  if (self->exporter != NULL && cw_exporter_get_busy (self->exporter))
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (cw_export_dialog_parent_class)->close_request (window);
}

static void
cw_export_dialog_dispose (GObject *object)
{
  CwExportDialog *self = (CwExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->checks_cancellable != NULL)
    g_cancellable_cancel (self->checks_cancellable);
  g_clear_object (&self->checks_cancellable);
  g_clear_handle_id (&self->checks_source, g_source_remove);
  for (guint i = 0; self->format_checks != NULL && i < self->format_checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->format_checks, i), self);
  for (guint i = 0; self->language_checks != NULL && i < self->language_checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->language_checks, i), self);
  g_clear_object (&self->exporter);
  g_clear_object (&self->deck);
  g_clear_object (&self->folder);
  g_clear_object (&self->table);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->table_rows, g_ptr_array_unref);
  if (self->sheet_row != NULL)
    g_signal_handlers_disconnect_by_data (self->sheet_row, self);
  g_clear_pointer (&self->format_checks, g_ptr_array_unref);
  g_clear_pointer (&self->language_checks, g_ptr_array_unref);
  /* the switches go with the template; none may tell a dialog half gone */
  for (guint i = 0; self->video_switches != NULL && i < self->video_switches->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->video_switches, i), self);
  self->video_only_switch = NULL;
  g_clear_pointer (&self->video_switches, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (cw_export_dialog_parent_class)->dispose (object);
}

static void
cw_export_dialog_class_init (CwExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cw_export_dialog_dispose;
  window_class->close_request = cw_export_dialog_close_request;

  /**
   * CwExportDialog::finished:
   * @folder: where the export went
   * @frames: how many frames were written
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, formats_group);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, languages_group);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, fps_row);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, videos_group);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, table_group);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, table_clear_button);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, CwExportDialog, progress_page);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_table_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_table_clear_clicked);
}

static void
cw_export_dialog_init (CwExportDialog *self)
{
  g_autoptr(GtkStringList) fps = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->format_checks = g_ptr_array_new ();
  self->language_checks = g_ptr_array_new ();
  self->video_switches = g_ptr_array_new ();
  self->table_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (on_sheet_selected), self);

  for (const guint *rate = cw_frame_rates_list (NULL); *rate; rate++)
    {
      g_autofree char *label = g_strdup_printf (_("%u fps"), *rate);
      gtk_string_list_append (fps, label);
    }
  adw_combo_row_set_model (self->fps_row, G_LIST_MODEL (fps));

  for (const char * const *f = cw_format_list_names (); *f; f++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (*f, NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %d×%d", format->aspect, format->width, format->height);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), format->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, format->label, -1);
      g_object_set_data_full (G_OBJECT (check), "cw-name", g_strdup (*f), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->formats_group, row);
      g_ptr_array_add (self->format_checks, check);
      g_signal_connect_swapped (check, "notify::active", G_CALLBACK (schedule_checks), self);
    }

  /* one row for each video the encoder table offers */
  for (const CwEncoder * const *e = cw_encoder_list (); *e; e++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *video = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _((*e)->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _((*e)->description));
      gtk_widget_set_valign (video, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (video), GTK_ACCESSIBLE_PROPERTY_LABEL, _((*e)->label), -1);
      g_object_set_data (G_OBJECT (video), "cw-encoder", (gpointer) *e);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), video);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), video);
      if (!cw_ffmpeg_is_available ())
        {
          gtk_widget_set_sensitive (row, FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Needs ffmpeg, which is not installed; install it to make videos (the frames and the command are exported)"));
        }
      adw_preferences_group_add (self->videos_group, row);
      g_ptr_array_add (self->video_switches, video);
      g_signal_connect_swapped (video, "notify::active", G_CALLBACK (update_video_only), self);
    }

  /* the frames are made for the video in a hidden folder, and go */
  {
    GtkWidget *row = adw_action_row_new ();

    self->video_only_switch = GTK_SWITCH (gtk_switch_new ());
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Video Only"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Keep just the videos, with captions and manifest: the frames are made in a temporary folder and removed"));
    gtk_widget_set_valign (GTK_WIDGET (self->video_only_switch), GTK_ALIGN_CENTER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->video_only_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Video Only"), -1);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->video_only_switch));
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->video_only_switch));
    adw_preferences_group_add (self->videos_group, row);
    update_video_only (self);
  }
}

CwExportDialog *
cw_export_dialog_new (GtkWindow  *parent,
                      CwDeck     *deck,
                      const char *format)
{
  CwExportDialog *self = g_object_new (CW_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_auto(GStrv) languages = cw_deck_list_languages (deck);
  g_autoptr(GPtrArray) texts = NULL;
  const guint *rates = cw_frame_rates_list (NULL);

  self->deck = g_object_ref (deck);
  cw_export_dialog_select (self, format ? format : cw_deck_get_format (deck), TRUE);

  for (guint i = 0; rates[i]; i++)
    if (rates[i] == cw_deck_get_fps (deck))
      adw_combo_row_set_selected (self->fps_row, i);

  for (guint i = 0; languages[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = cw_language_get_name (languages[i], NULL);
      g_autofree char *subtitle = NULL;

      if (i == 0)
        subtitle = g_strdup (_("The deck’s own language"));
      else
        {
          guint translated = 0, total;

          if (texts == NULL)
            texts = cw_deck_list_translatables (deck);
          total = cw_translatables_count (texts, cw_deck_get_catalog (deck, languages[i]), &translated, NULL);
          g_object_set_data (G_OBJECT (check), "cw-texts", GUINT_TO_POINTER (total));
          g_object_set_data (G_OBJECT (check), "cw-untranslated", GUINT_TO_POINTER (total - MIN (translated, total)));
          if (translated >= total)
            /* Translators: a language code, then how many texts it has */
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · the %u text is translated",
                                                     "%s · all %u texts are translated", total),
                                        languages[i], total);
          else
            /* Translators: a language code, then the texts translated, of how many */
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u of %u text translated; the rest show in the deck’s language",
                                                     "%s · %u of %u texts translated; the rest show in the deck’s language",
                                                     total),
                                        languages[i], translated, total);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (check), "cw-name", g_strdup (languages[i]), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->languages_group, row);
      g_ptr_array_add (self->language_checks, check);
      g_signal_connect_swapped (check, "notify::active", G_CALLBACK (schedule_checks), self);
    }
  schedule_checks (self);

  for (guint i = 0; i < self->video_switches->len; i++)
    {
      GtkSwitch *video = g_ptr_array_index (self->video_switches, i);
      const CwEncoder *encoder = g_object_get_data (G_OBJECT (video), "cw-encoder");

      gtk_switch_set_active (video, encoder->suggested && cw_ffmpeg_is_available ());
    }
  return self;
}

/* Ticks @language (a language of the deck) for export, besides the others. */
void
cw_export_dialog_select_language (CwExportDialog *self,
                                  const char     *language)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "cw-name"), language) == 0)
        gtk_check_button_set_active (check, TRUE);
    }
}

void
cw_export_dialog_select (CwExportDialog *self,
                         const char     *format,
                         gboolean        selected)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->format_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->format_checks, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "cw-name"), format) == 0)
        gtk_check_button_set_active (check, selected);
    }
}

/* Turns the video called @name (an encoder's name) on or off; it stays
 * off where ffmpeg is missing. */
void
cw_export_dialog_set_video (CwExportDialog *self,
                            const char     *name,
                            gboolean        active)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->video_switches->len; i++)
    {
      GtkSwitch *video = g_ptr_array_index (self->video_switches, i);
      const CwEncoder *encoder = g_object_get_data (G_OBJECT (video), "cw-encoder");

      if (g_str_equal (encoder->name, name))
        gtk_switch_set_active (video, active && cw_ffmpeg_is_available ());
    }
}

/* Turns "Video only" on or off, as its switch would. */
void
cw_export_dialog_set_video_only (CwExportDialog *self,
                                 gboolean        video_only)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->video_only_switch, video_only);
}

/**
 * cw_export_dialog_dup_languages:
 *
 * Returns: (transfer full): the languages ticked for export
 */
GStrv
cw_export_dialog_dup_languages (CwExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "cw-name"));
    }
  return g_strv_builder_end (builder);
}

/* Whether @language is ticked for export. */
gboolean
cw_export_dialog_get_language_selected (CwExportDialog *self,
                                        const char     *language)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "cw-name"), language) == 0)
        return gtk_check_button_get_active (check);
    }
  return FALSE;
}

/* Starts the export as the Export button would. */
void
cw_export_dialog_start (CwExportDialog *self)
{
  g_return_if_fail (CW_IS_EXPORT_DIALOG (self));
  start_export (self);
}

/**
 * cw_export_dialog_get_exporter:
 *
 * Returns: (transfer none) (nullable): the running or last export
 */
CwExporter *
cw_export_dialog_get_exporter (CwExportDialog *self)
{
  g_return_val_if_fail (CW_IS_EXPORT_DIALOG (self), NULL);
  return self->exporter;
}
