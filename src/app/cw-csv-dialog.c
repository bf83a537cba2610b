/* cw-csv-dialog.c
 *
 * The dialog opens at once and reads the table on a worker thread, saying
 * so; Import tries the statistics on a copy of the deck on a worker too,
 * and only then puts them into the deck, here on the main thread. Closing
 * the dialog cancels whatever is still running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-csv-dialog.h"
#include "cw-dialogs.h"

struct _CwCsvDialog
{
  AdwWindow             parent_instance;

  CwDeck               *deck;
  GFile                *file;
  CwCsvImport          *import;
  GCancellable         *cancellable;
  gboolean              busy;

  GtkStack             *stack;
  AdwStatusPage        *reading_page;
  AdwStatusPage        *error_page;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *sheet_group;
  AdwComboRow          *sheet_row;
  /* the rows populate() added, to take away when another sheet is read */
  GPtrArray            *shown;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesGroup  *statistics_group;
  GtkButton            *import_button;
};

G_DEFINE_FINAL_TYPE (CwCsvDialog, cw_csv_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* While a worker reads or tries the table, the spinner turns and Import
 * waits; while a row cannot be used, nothing is imported, as on the
 * command line: a half-imported table is easy to miss. */
static void
set_busy (CwCsvDialog *self,
          gboolean     busy)
{
  guint n = self->import ? g_list_model_get_n_items (cw_csv_import_get_statistics (self->import)) : 0;
  guint problems = self->import ? cw_csv_import_get_problems (self->import)->len : 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !busy && n > 0 && problems == 0);
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_applied (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwCsvDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0, updated = 0;

  /* the deck is left as it was: the dialog stays, and says why */
  if (!cw_csv_import_apply_finish (CW_CSV_IMPORT (object), result, &added, &updated, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      cw_show_message (GTK_WIDGET (self), _("Could Not Import the Table"), error->message);
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[IMPORTED], 0, added, updated);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_import_clicked (CwCsvDialog *self)
{
  if (self->import == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  cw_csv_import_apply_async (self->import, self->deck, self->cancellable, on_applied, g_object_ref (self));
}

static void
cw_csv_dialog_dispose (GObject *object)
{
  CwCsvDialog *self = (CwCsvDialog *)object;

  /* what a worker brings back has nowhere to go */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->deck);
  g_clear_object (&self->file);
  g_clear_object (&self->import);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_CSV_DIALOG);

  G_OBJECT_CLASS (cw_csv_dialog_parent_class)->dispose (object);
}

static void
cw_csv_dialog_finalize (GObject *object)
{
  CwCsvDialog *self = (CwCsvDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_csv_dialog_parent_class)->finalize (object);
}

static void
cw_csv_dialog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CwCsvDialog *self = CW_CSV_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_csv_dialog_class_init (CwCsvDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_csv_dialog_dispose;
  object_class->finalize = cw_csv_dialog_finalize;
  object_class->get_property = cw_csv_dialog_get_property;

  /**
   * CwCsvDialog:busy:
   *
   * Whether the table is being read, or tried on a copy of the deck.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwCsvDialog::imported:
   * @added: statistics added
   * @updated: statistics whose figures were replaced
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-csv-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, reading_page);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, sheet_group);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, statistics_group);
  gtk_widget_class_bind_template_child (widget_class, CwCsvDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
}

static void on_sheet_chosen (CwCsvDialog *self);

static void
cw_csv_dialog_init (CwCsvDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->shown = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (on_sheet_chosen), self);
}

static void
show_row (CwCsvDialog         *self,
          AdwPreferencesGroup *group,
          GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->shown, group);
  g_ptr_array_add (self->shown, row);
}

/* A workbook with several sheets offers them; the one read is selected. */
static void
show_sheets (CwCsvDialog *self)
{
  const char * const *sheets = cw_csv_import_get_sheets (self->import);
  const char *current = cw_csv_import_get_sheet (self->import);
  g_autoptr(GtkStringList) names = NULL;
  guint selected = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->sheet_group), sheets != NULL && g_strv_length ((GStrv) sheets) > 1);
  if (sheets == NULL)
    return;
  names = gtk_string_list_new (sheets);
  for (guint i = 0; sheets[i]; i++)
    {
      if (g_strcmp0 (sheets[i], current) == 0)
        selected = i;
    }
  g_signal_handlers_block_by_func (self->sheet_row, on_sheet_chosen, self);
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->sheet_row, selected);
  g_signal_handlers_unblock_by_func (self->sheet_row, on_sheet_chosen, self);
}

static void
populate (CwCsvDialog *self)
{
  g_autofree char *file_name = g_file_get_basename (self->file);
  GListModel *statistics = cw_csv_import_get_statistics (self->import);
  GPtrArray *problems = cw_csv_import_get_problems (self->import);
  guint n = g_list_model_get_n_items (statistics);
  g_autofree char *summary = NULL;
  g_autofree char *button = NULL;
  guint updates = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) s = g_list_model_get_item (statistics, i);
      gboolean update = cw_deck_find_statistic (self->deck, cw_statistic_get_id (s)) != NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = cw_statistic_format_amount (s, cw_deck_get_language (self->deck), FALSE);
      g_autoptr(GString) subtitle = g_string_new (amount);

      if (cw_statistic_get_n_points (s) > 0)
        {
          g_string_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "a series of %u point", "a series of %u points",
                                                  cw_statistic_get_n_points (s)),
                           cw_statistic_get_n_points (s));
          if (cw_statistic_get_unit (s))
            g_string_append_printf (subtitle, " %s", cw_statistic_get_unit (s));
        }
      if (cw_statistic_get_source (s))
        g_string_append_printf (subtitle, " · %s", cw_statistic_get_source (s));
      if (cw_statistic_get_as_of (s))
        g_string_append_printf (subtitle, " · %s", cw_statistic_get_as_of (s));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cw_statistic_get_id (s));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      if (update)
        {
          GtkWidget *badge = gtk_label_new (_("Updates the deck’s figure"));
          gtk_widget_add_css_class (badge, "caption");
          gtk_widget_add_css_class (badge, "accent");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
          updates++;
        }
      show_row (self, self->statistics_group, row);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      /* Translators: a row of a CSV file that cannot be imported */
      g_autofree char *title = NULL;

      /* a workbook's problem is in a cell, which its message names with the sheet */
      if (d->element != NULL)
        /* Translators: a cell of a spreadsheet that cannot be imported, as "B7" */
        title = g_strdup_printf (_("Cell %s"), d->element);
      else
        title = g_strdup_printf (_("Line %u"), d->line);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), d->message);
      show_row (self, self->problems_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
  show_sheets (self);

  {
    /* Translators: a CSV file's name and how many statistics it holds */
    g_autofree char *found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s holds %u statistic.",
                                                           "%s holds %u statistics.", n), file_name, n);
    /* Translators: how many of the statistics found are already in the deck */
    g_autofree char *replacing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u replaces a figure the deck already has; every slide showing it updates.",
                                                               "%u replace figures the deck already has; every slide showing them updates.",
                                                               updates), updates);

    summary = updates > 0 ? g_strconcat (found, " ", replacing, NULL) : g_strdup (found);
  }
  gtk_label_set_label (self->summary_label, summary);
  button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Statistic", "_Import %u Statistics", n), n);
  gtk_button_set_label (self->import_button, button);
  gtk_stack_set_visible_child_name (self->stack, "table");
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CwCsvDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = cw_csv_import_new_from_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (import == NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Read “%s”"), name);

      adw_status_page_set_title (self->error_page, heading);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_busy (self, FALSE);
      return;
    }

  g_clear_object (&self->import);
  self->import = g_steal_pointer (&import);
  populate (self);
  set_busy (self, FALSE);
}

static void
on_sheet_chosen (CwCsvDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->sheet_row);
  const char *sheet = item ? gtk_string_object_get_string (item) : NULL;

  if (sheet == NULL || self->import == NULL || self->busy ||
      g_strcmp0 (sheet, cw_csv_import_get_sheet (self->import)) == 0)
    return;

  /* the rows of the sheet shown go; the chosen one is read as the first was */
  for (guint i = 0; i < self->shown->len; i += 2)
    adw_preferences_group_remove (self->shown->pdata[i], self->shown->pdata[i + 1]);
  g_ptr_array_set_size (self->shown, 0);
  gtk_stack_set_visible_child_name (self->stack, "reading");
  set_busy (self, TRUE);
  cw_csv_import_new_from_file_async (self->file, sheet, self->cancellable, on_read, g_object_ref (self));
}

/**
 * cw_csv_dialog_new:
 * @file: the table to import
 *
 * Returns: (transfer none): a dialog that reads @file on a worker thread
 *   and then shows what it would import into @deck
 */
CwCsvDialog *
cw_csv_dialog_new (GtkWindow *parent,
                   CwDeck    *deck,
                   GFile     *file)
{
  CwCsvDialog *self = g_object_new (CW_TYPE_CSV_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: while a CSV file is read; %s is its name */
  g_autofree char *reading = g_strdup_printf (_("Reading %s…"), name);

  self->deck = g_object_ref (deck);
  self->file = g_object_ref (file);
  adw_status_page_set_title (self->reading_page, reading);
  set_busy (self, TRUE);
  cw_csv_import_new_from_file_async (file, NULL, self->cancellable, on_read, g_object_ref (self));
  return self;
}

gboolean
cw_csv_dialog_get_busy (CwCsvDialog *self)
{
  g_return_val_if_fail (CW_IS_CSV_DIALOG (self), FALSE);
  return self->busy;
}
