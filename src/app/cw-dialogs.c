/* cw-dialogs.c
 *
 * Every message the editor shows in a dialog has a heading, a body that
 * says what happened and what to do, and one Close button; every file
 * dialog is modal to the window it was asked for from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * cw_show_message:
 * @for_widget: (nullable): the dialog is modal to this widget's window
 *
 * Shows @body as plain text (file names may hold markup characters).
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
cw_show_message (GtkWidget  *for_widget,
                 const char *heading,
                 const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (for_widget), heading, body));

  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * cw_file_chooser_new:
 * @for_widget: (nullable): the chooser is modal to this widget's window
 * @filter: (nullable): the kind of file to offer
 *
 * Returns: (transfer full): a modal file chooser, not yet shown
 */
GtkFileChooserNative *
cw_file_chooser_new (GtkWidget            *for_widget,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label,
                     GtkFileFilter        *filter)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, window_of (for_widget), action,
                                                               accept_label, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}
