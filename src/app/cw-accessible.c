/* cw-accessible.c
 *
 * GTK 4.8 names a button with a text label twice over AT-SPI: once from
 * the label as typed, mnemonic and all, and once from the label widget
 * inside ("_Open Open"). The inner buttons of AdwSplitButton and
 * GtkColorButton, which are what takes the focus, have no name at all.
 * These are put right once, over a whole widget tree, rather than button
 * by button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-accessible.h"

static void
name_widget (GtkWidget  *widget,
             const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* The menu half of a split button is named by its tooltip, which says
 * what it opens ("Recent decks"). */
static void
name_split_button (AdwSplitButton *button)
{
  const char *name = adw_split_button_get_dropdown_tooltip (button);

  if (name == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      /* the toggle inside, which takes the focus, is labelled by it */
      if (GTK_IS_MENU_BUTTON (child))
        name_widget (child, name);
    }
}

/* A drop-down's name is on the drop-down; the button inside it, which
 * takes the focus, is labelled by it. */
static void
label_drop_down_button (GtkDropDown *drop_down)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL, -1);
}

/* GtkInfoBar's own close button has only an icon. */
static void
name_close_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    name_widget (widget, _("Close"));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    name_close_buttons (child);
}

/**
 * cw_accessible_tidy:
 * @root: a widget tree, built
 *
 * Gives each text button under @root one name, its label as shown, names
 * the menu half of each split button and the close button of each info
 * bar, and labels the button inside each drop-down by the drop-down.
 */
void
cw_accessible_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* the label widget inside still names the button, without the mnemonic */
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (ADW_IS_SPLIT_BUTTON (root))
    name_split_button (ADW_SPLIT_BUTTON (root));
  else if (GTK_IS_DROP_DOWN (root))
    label_drop_down_button (GTK_DROP_DOWN (root));
  else if (GTK_IS_INFO_BAR (root))
    name_close_buttons (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    cw_accessible_tidy (child);
}

/**
 * cw_accessible_name_picker:
 * @picker: a #GtkColorButton or a #GtkFontButton
 *
 * Names a colour or font button and the button inside it that takes the
 * focus (a colour swatch reported only "push button").
 */
void
cw_accessible_name_picker (GtkWidget  *picker,
                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (picker));

  name_widget (picker, name);
  for (GtkWidget *child = gtk_widget_get_first_child (picker); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      name_widget (child, name);
}
