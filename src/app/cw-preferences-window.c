/* cw-preferences-window.c
 *
 * Every row is bound to GSettings, so a change takes effect at once and
 * there is nothing to apply or cancel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "clearway-core.h"
#include "cw-preferences-window.h"

struct _CwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwComboRow          *format_row;
  AdwComboRow          *fps_row;
  AdwActionRow         *folder_row;
  GtkWidget            *folder_reset_button;
  GtkSwitch            *autosave_switch;
  AdwActionRow         *delay_row;
  GtkAdjustment        *delay_adjustment;
  GtkSwitch            *safe_zones_switch;
};

G_DEFINE_FINAL_TYPE (CwPreferencesWindow, cw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/**
 * cw_settings_dup_export_folder:
 *
 * Returns: (transfer full): the export folder set in Preferences, or
 *   Videos/Clearway when none is
 */
GFile *
cw_settings_dup_export_folder (GSettings *settings)
{
  g_autofree char *path = g_settings_get_string (settings, "output-folder");
  const char *videos;

  if (path != NULL && *path != '\0')
    return g_file_new_for_path (path);
  videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);
  if (videos == NULL)
    videos = g_get_home_dir ();
  return g_file_new_build_filename (videos, "Clearway", NULL);
}

static void
update_folder (CwPreferencesWindow *self)
{
  g_autoptr(GFile) folder = cw_settings_dup_export_folder (self->settings);
  g_autofree char *name = g_file_get_parse_name (folder);
  g_autofree char *path = g_settings_get_string (self->settings, "output-folder");

  adw_action_row_set_subtitle (self->folder_row, name);
  gtk_widget_set_visible (self->folder_reset_button, path != NULL && *path != '\0');
}

static void
on_chooser_response (CwPreferencesWindow *self,
                     int                  response)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "output-folder", path);
    }
  g_clear_object (&self->chooser);
}

static void
on_folder_choose (CwPreferencesWindow *self)
{
  g_autoptr(GFile) current = cw_settings_dup_export_folder (self->settings);

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self), _("Export Folder"),
                                       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), NULL);
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current, NULL);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_folder_reset (CwPreferencesWindow *self)
{
  g_settings_reset (self->settings, "output-folder");
}

static void
on_format_selected (CwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);
  const char * const *names = cw_format_list_names ();

  if (self->settings == NULL || selected >= g_strv_length ((char **) names))
    return;
  g_settings_set_string (self->settings, "default-format", names[selected]);
}

static void
on_fps_selected (CwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->fps_row);
  guint n_rates;
  const guint *rates = cw_frame_rates_list (&n_rates);

  if (self->settings == NULL || selected >= n_rates)
    return;
  g_settings_set_uint (self->settings, "default-fps", rates[selected]);
}

static void
cw_preferences_window_dispose (GObject *object)
{
  CwPreferencesWindow *self = (CwPreferencesWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cw_preferences_window_parent_class)->dispose (object);
}

static void
cw_preferences_window_class_init (CwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, fps_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, folder_reset_button);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, autosave_switch);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, delay_row);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, delay_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CwPreferencesWindow, safe_zones_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_format_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_fps_selected);
}

static void
cw_preferences_window_init (CwPreferencesWindow *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) fps = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (const char * const *name = cw_format_list_names (); *name; name++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (*name, NULL);
      /* Translators: a format in a list: its name and its aspect ratio, as in "TikTok · 9:16" */
      g_autofree char *label = g_strdup_printf (_("%s · %s"), _(format->label), format->aspect);
      gtk_string_list_append (formats, label);
    }
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));

  for (const guint *rate = cw_frame_rates_list (NULL); *rate; rate++)
    {
      /* Translators: a frame rate, as in "30 frames per second" */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame per second",
                                                             "%u frames per second", *rate), *rate);
      gtk_string_list_append (fps, label);
    }
  adw_combo_row_set_model (self->fps_row, G_LIST_MODEL (fps));
}

CwPreferencesWindow *
cw_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  CwPreferencesWindow *self;
  g_autofree char *format = NULL;
  const char * const *names = cw_format_list_names ();
  const guint *rates = cw_frame_rates_list (NULL);
  guint rate;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CW_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  format = g_settings_get_string (settings, "default-format");
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], format))
      adw_combo_row_set_selected (self->format_row, i);
  rate = g_settings_get_uint (settings, "default-fps");
  for (guint i = 0; rates[i]; i++)
    if (rates[i] == rate)
      adw_combo_row_set_selected (self->fps_row, i);

  /* connected only now, so filling the rows above writes nothing */
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "autosave", self->autosave_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autosave", self->delay_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "autosave-delay", self->delay_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-safe-zones", self->safe_zones_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::output-folder", G_CALLBACK (update_folder), self,
                           G_CONNECT_SWAPPED);
  update_folder (self);
  return self;
}
