/* cw-inspector.c
 *
 * Nothing here knows any template: the rows are made from the fields and
 * elements the template declares (text, statistic, choice, number, switch,
 * color, image), grouped by the element that shows them, so a new template
 * needs no code in the editor. The group of the element picked in the
 * preview comes first. Every change goes straight to the slide; the
 * document turns it into an undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-accessible.h"
#include "cw-inspector.h"

struct _CwInspector
{
  GtkWidget        parent_instance;

  CwPlayer        *player;
  CwSlide         *slide;
  char            *selected_element;
  gboolean         updating;
  GHashTable      *field_widgets;

  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkLabel        *title_label;
  GtkLabel        *description_label;
  GtkBox          *fields_box;
  GtkSwitch       *automatic_switch;
  AdwActionRow    *duration_row;
  GtkSpinButton   *duration_spin;
  AdwComboRow     *transition_row;
  AdwComboRow     *tone_row;
  AdwActionRow    *transition_duration_row;
  GtkSpinButton   *transition_spin;
};

G_DEFINE_FINAL_TYPE (CwInspector, cw_inspector, GTK_TYPE_WIDGET)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (CwInspector *self);

static const char *
field_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "cw-field");
}

static void
tag (CwInspector   *self,
     gpointer       widget,
     const char    *field)
{
  g_object_set_data_full (G_OBJECT (widget), "cw-field", g_strdup (field), g_free);
  if (!g_hash_table_contains (self->field_widgets, field))
    g_hash_table_insert (self->field_widgets, g_strdup (field), widget);
}

static const CwTemplate *
current_template (CwInspector *self)
{
  return self->slide ? cw_template_lookup (cw_slide_get_template_id (self->slide)) : NULL;
}

/* Text fields */

static void
on_text_changed (GtkEditable *editable,
                 CwInspector *self)
{
  const char *field = field_of (editable);
  const char *text = gtk_editable_get_text (editable);

  if (self->updating || self->slide == NULL)
    return;
  if (g_object_get_data (G_OBJECT (editable), "cw-plural") != NULL)
    {
      GtkEditable *singular_row = g_object_get_data (G_OBJECT (editable), "cw-singular-row");
      /* a singular that read as the plural last did follows it: a new
       * label is not half old ("1 people reached"); the row's last text,
       * not the slide's, since replacing the text passes through blank */
      gboolean follow = g_strcmp0 (cw_slide_get_text (self->slide, field),
                                   g_object_get_data (G_OBJECT (editable), "cw-last")) == 0;

      cw_slide_set_text_plural (self->slide, field, *text ? text : NULL);
      if (!*text)
        return;
      g_object_set_data_full (G_OBJECT (editable), "cw-last", g_strdup (text), g_free);
      if (follow && singular_row != NULL)
        {
          cw_slide_set_text (self->slide, field, text);
          self->updating = TRUE;
          gtk_editable_set_text (singular_row, text);
          self->updating = FALSE;
        }
    }
  else if (g_object_get_data (G_OBJECT (editable), "cw-string") != NULL)
    cw_slide_set_param (self->slide, field, *text ? text : NULL);
  else
    cw_slide_set_text (self->slide, field, text);
}

static GtkWidget *
text_row (CwInspector   *self,
          const CwField *field,
          const char    *title,
          const char    *value,
          gboolean       plural)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  gtk_widget_set_tooltip_text (row, _(field->hint));
  tag (self, row, field->name);
  if (plural)
    g_object_set_data (G_OBJECT (row), "cw-plural", GINT_TO_POINTER (1));
  if (field->type == CW_FIELD_STRING)
    g_object_set_data (G_OBJECT (row), "cw-string", GINT_TO_POINTER (1));
  g_signal_connect (row, "changed", G_CALLBACK (on_text_changed), self);
  return row;
}

/* Statistics and choices */

static void
on_combo_changed (AdwComboRow *row,
                  GParamSpec  *pspec,
                  CwInspector *self)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (row), "cw-values");
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->slide == NULL || selected >= values->len)
    return;
  cw_slide_set_param (self->slide, field_of (row), g_ptr_array_index (values, selected));
}

static GtkWidget *
combo_row (CwInspector   *self,
           const CwField *field,
           GPtrArray     *values,
           GtkStringList *labels,
           const char    *current)
{
  GtkWidget *row = adw_combo_row_new ();
  guint position = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->hint));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  for (guint i = 0; i < values->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (values, i), current) == 0)
        position = i;
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  g_object_set_data_full (G_OBJECT (row), "cw-values", g_ptr_array_ref (values),
                          (GDestroyNotify) g_ptr_array_unref);
  tag (self, row, field->name);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  return row;
}

static GtkWidget *
statistic_row (CwInspector   *self,
               const CwField *field,
               const char    *current)
{
  CwDeck *deck = cw_player_get_deck (self->player);
  GListModel *statistics = cw_deck_get_statistics (deck);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row;

  if (field->optional)
    {
      g_ptr_array_add (values, NULL);
      gtk_string_list_append (labels, _("None"));
    }
  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CwStatistic) s = g_list_model_get_item (statistics, i);
      g_autofree char *value = cw_statistic_format (s, cw_deck_get_language (deck), FALSE);
      g_autofree char *label = NULL;

      if (cw_statistic_get_n_points (s) > 1)
        /* Translators: a statistic that is a series: its name and how many points it has */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u point)", "%s (%u points)",
                                              cw_statistic_get_n_points (s)),
                                 cw_statistic_get_label (s) ? cw_statistic_get_label (s) : cw_statistic_get_id (s),
                                 cw_statistic_get_n_points (s));
      else
        /* Translators: a statistic in a list: its name and its value */
        label = g_strdup_printf (_("%s (%s)"),
                                 cw_statistic_get_label (s) ? cw_statistic_get_label (s) : cw_statistic_get_id (s),
                                 value);
      g_ptr_array_add (values, g_strdup (cw_statistic_get_id (s)));
      gtk_string_list_append (labels, label);
    }
  row = combo_row (self, field, values, labels, current);
  /* "Mines neutralised (161,000)" is read whole under the title, not cut
   * to "Mines…" beside it; the hint moves to the tooltip */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _(field->hint));
  return row;
}

static GtkWidget *
choice_row (CwInspector   *self,
            const CwField *field,
            const char    *current)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; field->choices[i]; i++)
    {
      g_ptr_array_add (values, g_strdup (field->choices[i]));
      gtk_string_list_append (labels, cw_field_get_choice_label (field, i));
    }
  return combo_row (self, field, values, labels, current ? current : field->default_value);
}

/* Numbers and switches */

static void
on_number_changed (GtkSpinButton *spin,
                   CwInspector   *self)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->updating || self->slide == NULL)
    return;
  g_ascii_formatd (buf, sizeof buf, "%g", gtk_spin_button_get_value (spin));
  cw_slide_set_param (self->slide, field_of (spin), buf);
}

static GtkWidget *
number_row (CwInspector   *self,
            const CwField *field,
            const char    *current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (MAX (field->min, 0), MIN (field->max, 1e9), 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->hint));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             g_ascii_strtod (current ? current : field->default_value ? field->default_value : "0", NULL));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  tag (self, spin, field->name);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_number_changed), self);
  return row;
}

static void
on_switch_changed (GtkSwitch   *toggle,
                   GParamSpec  *pspec,
                   CwInspector *self)
{
  if (self->updating || self->slide == NULL)
    return;
  cw_slide_set_param (self->slide, field_of (toggle), gtk_switch_get_active (toggle) ? "true" : "false");
}

static GtkWidget *
boolean_row (CwInspector   *self,
             const CwField *field,
             const char    *current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->hint));
  gtk_switch_set_active (GTK_SWITCH (toggle), g_strcmp0 (current ? current : field->default_value, "true") == 0);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* named by the row it activates: a label of its own would say it twice */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  tag (self, toggle, field->name);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_changed), self);
  return row;
}

/* Images */

static void
on_image_chosen (GtkNativeDialog *dialog,
                 int              response,
                 CwInspector     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  const char *field = field_of (dialog);
  CwDeck *deck;

  if (response != GTK_RESPONSE_ACCEPT || self->slide == NULL)
    {
      g_object_unref (dialog);
      return;
    }

  deck = cw_player_get_deck (self->player);
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  /* a picture next to the deck is named relative to it, so the two can move together */
  if (cw_deck_get_file (deck) != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (cw_deck_get_file (deck));
      href = g_file_get_relative_path (dir, file);
    }
  if (href == NULL)
    href = g_file_get_path (file);

  if (cw_deck_load_image (deck, href, &error) == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }
  cw_slide_set_param (self->slide, field, href);
  rebuild (self);
}

static void
on_image_clicked (GtkButton   *button,
                  CwInspector *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures (PNG, JPEG, SVG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  dialog = cw_file_chooser_new (GTK_WIDGET (self), _("Choose a Picture"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Choose"), filter);
  tag (self, dialog, field_of (button));
  g_signal_connect (dialog, "response", G_CALLBACK (on_image_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_image_cleared (GtkButton   *button,
                  CwInspector *self)
{
  if (self->slide != NULL)
    cw_slide_set_param (self->slide, field_of (button), NULL);
  rebuild (self);
}

static GtkWidget *
image_row (CwInspector   *self,
           const CwField *field,
           const char    *current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  g_autofree char *name = current ? g_path_get_basename (current) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name ? name : _(field->hint));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  tag (self, choose, field->name);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_image_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  if (current != NULL)
    {
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (clear, "flat");
      gtk_widget_set_tooltip_text (clear, _("Remove the picture"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove the picture"), -1);
      tag (self, clear, field->name);
      g_signal_connect (clear, "clicked", G_CALLBACK (on_image_cleared), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
    }
  return row;
}

/* Colors of fields and elements */

static void
on_color_set (GtkColorButton *button,
              CwInspector    *self)
{
  GdkRGBA rgba;
  CwColor color;
  g_autofree char *value = NULL;
  const char *element = g_object_get_data (G_OBJECT (button), "cw-element");

  if (self->updating || self->slide == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = (CwColor) { rgba.red, rgba.green, rgba.blue, 1 };
  value = cw_color_to_string (&color);
  if (element != NULL)
    cw_slide_set_element_color (self->slide, element, value);
  else
    cw_slide_set_param (self->slide, field_of (button), value);
}

static void
on_color_reset (GtkButton   *button,
                CwInspector *self)
{
  const char *element = g_object_get_data (G_OBJECT (button), "cw-element");

  if (self->slide == NULL)
    return;
  if (element != NULL)
    cw_slide_set_element_color (self->slide, element, NULL);
  else
    cw_slide_set_param (self->slide, field_of (button), NULL);
  rebuild (self);
}

static GtkWidget *
color_row (CwInspector *self,
           const char  *title,
           const char  *subtitle,
           const char  *field,
           const char  *element,
           const char  *current)
{
  CwTheme *theme = cw_deck_get_theme (cw_player_get_deck (self->player));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_color_button_new ();
  CwColor color = cw_theme_get_color (theme, CW_COLOR_ACCENT);
  GdkRGBA rgba;

  if (current != NULL)
    cw_color_parse (current, &color);
  rgba = (GdkRGBA) { color.red, color.green, color.blue, 1 };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), current ? subtitle : _("From the theme"));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  cw_accessible_name_picker (button, title);
  if (field != NULL)
    tag (self, button, field);
  g_object_set_data_full (G_OBJECT (button), "cw-element", g_strdup (element), g_free);
  g_signal_connect (button, "color-set", G_CALLBACK (on_color_set), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (current != NULL)
    {
      GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reset, "flat");
      gtk_widget_set_tooltip_text (reset, _("Use the theme’s color"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Use the theme’s color"), -1);
      if (field != NULL)
        tag (self, reset, field);
      g_object_set_data_full (G_OBJECT (reset), "cw-element", g_strdup (element), g_free);
      g_signal_connect (reset, "clicked", G_CALLBACK (on_color_reset), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
    }
  return row;
}

/* Animation of an element */

static CwAnimation
current_enter (CwInspector *self,
               const char  *element)
{
  const CwTemplate *template = current_template (self);
  const CwElement *info = template ? cw_template_find_element (template, element) : NULL;
  CwAnimation animation = info ? info->enter : CW_ANIMATION_NONE;

  cw_slide_get_animation (self->slide, CW_PHASE_ENTER, element, &animation);
  return animation;
}

static void
on_animation_changed (GtkWidget   *widget,
                      CwInspector *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (widget), "cw-expander");
  const char *element = g_object_get_data (G_OBJECT (expander), "cw-element");
  CwAnimation animation;

  if (self->updating || self->slide == NULL)
    return;

  animation.effect = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (expander), "cw-effect"));
  animation.easing = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (expander), "cw-easing"));
  animation.delay = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (expander), "cw-delay"));
  animation.duration = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (expander), "cw-duration"));
  cw_slide_set_animation (self->slide, CW_PHASE_ENTER, element, &animation);
}

static void
on_animation_notify (GObject     *object,
                     GParamSpec  *pspec,
                     CwInspector *self)
{
  on_animation_changed (GTK_WIDGET (object), self);
}

static void
on_animation_reset (GtkButton   *button,
                    CwInspector *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (button), "cw-expander");

  if (self->slide == NULL)
    return;
  cw_slide_set_animation (self->slide, CW_PHASE_ENTER, g_object_get_data (G_OBJECT (expander), "cw-element"), NULL);
  rebuild (self);
}

static GtkWidget *
spin_row (const char *title,
          double      value,
          GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 30, 0.1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static GtkWidget *
animation_row (CwInspector     *self,
               const CwElement *element)
{
  CwAnimation animation = current_enter (self, element->name);
  gboolean custom = cw_slide_get_animation (self->slide, CW_PHASE_ENTER, element->name, NULL);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *effect = adw_combo_row_new ();
  GtkWidget *easing = adw_combo_row_new ();
  GtkWidget *delay = NULL, *duration = NULL;
  g_autoptr(GtkStringList) effects = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) easings = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;

  for (CwEffect e = 0; e < CW_N_EFFECTS; e++)
    gtk_string_list_append (effects, cw_effect_get_label (e));
  for (CwEasing e = 0; e < CW_N_EASINGS; e++)
    gtk_string_list_append (easings, cw_easing_get_label (e));

  /* Translators: the animation of an element: effect, then its delay in seconds */
  subtitle = g_strdup_printf (_("%s after %.1f s%s"), cw_effect_get_label (animation.effect), animation.delay,
                              custom ? "" : _(" (template)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Animation"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  {
    /* Translators: how a screen reader names an element's animation settings: "Animation: Slide up after 0.1 s" */
    g_autofree char *name = g_strdup_printf (_("Animation: %s"), subtitle);

    gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  g_object_set_data_full (G_OBJECT (expander), "cw-element", g_strdup (element->name), g_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (effect), _("Effect"));
  adw_combo_row_set_model (ADW_COMBO_ROW (effect), G_LIST_MODEL (effects));
  adw_combo_row_set_selected (ADW_COMBO_ROW (effect), animation.effect);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (easing), _("Easing"));
  adw_combo_row_set_model (ADW_COMBO_ROW (easing), G_LIST_MODEL (easings));
  adw_combo_row_set_selected (ADW_COMBO_ROW (easing), animation.easing);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), effect);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), easing);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), spin_row (_("Delay (seconds)"), animation.delay, &delay));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), spin_row (_("Length (seconds)"), animation.duration, &duration));

  g_object_set_data (G_OBJECT (expander), "cw-effect", effect);
  g_object_set_data (G_OBJECT (expander), "cw-easing", easing);
  g_object_set_data (G_OBJECT (expander), "cw-delay", delay);
  g_object_set_data (G_OBJECT (expander), "cw-duration", duration);
  g_object_set_data (G_OBJECT (effect), "cw-expander", expander);
  g_object_set_data (G_OBJECT (easing), "cw-expander", expander);
  g_object_set_data (G_OBJECT (delay), "cw-expander", expander);
  g_object_set_data (G_OBJECT (duration), "cw-expander", expander);
  g_signal_connect (effect, "notify::selected", G_CALLBACK (on_animation_notify), self);
  g_signal_connect (easing, "notify::selected", G_CALLBACK (on_animation_notify), self);
  g_signal_connect (delay, "value-changed", G_CALLBACK (on_animation_changed), self);
  g_signal_connect (duration, "value-changed", G_CALLBACK (on_animation_changed), self);

  if (custom)
    {
      GtkWidget *reset_row = adw_action_row_new ();
      GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reset_row), _("Back to the template’s animation"));
      gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (reset), "cw-expander", expander);
      g_signal_connect (reset, "clicked", G_CALLBACK (on_animation_reset), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (reset_row), reset);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), reset_row);
    }

  return expander;
}

static gboolean
element_has_fields (const CwTemplate *template,
                    const char       *element)
{
  for (const CwField *f = template->fields; f->name; f++)
    {
      if (g_strcmp0 (f->element, element) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
element_group (CwInspector     *self,
               const CwTemplate *template,
               const CwElement *element)
{
  GtkWidget *group = adw_preferences_group_new ();
  gboolean selected = g_strcmp0 (self->selected_element, element->name) == 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(element->label));
  if (selected)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Selected in the preview"));

  for (const CwField *f = template->fields; f->name; f++)
    {
      const char *param = cw_slide_get_param (self->slide, f->name);
      GtkWidget *row = NULL;

      if (g_strcmp0 (f->element, element->name) != 0)
        continue;

      switch (f->type)
        {
        case CW_FIELD_TEXT:
          if (f->plural)
            {
              /* Translators: a field's label, then which form of the source text: used with 1 */
              g_autofree char *one = g_strdup_printf (_("%s (singular)"), _(f->label));
              /* Translators: a field's label, then which form of the source text: used with other numbers */
              g_autofree char *many = g_strdup_printf (_("%s (plural)"), _(f->label));
              const char *singular = cw_slide_get_text (self->slide, f->name);
              const char *plural = cw_slide_get_text_plural (self->slide, f->name);

              GtkWidget *plural_row = text_row (self, f, many, plural ? plural : singular, TRUE);

              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), plural_row);
              row = text_row (self, f, one, singular, FALSE);
              g_object_set_data (G_OBJECT (plural_row), "cw-singular-row", row);
              g_object_set_data_full (G_OBJECT (plural_row), "cw-last", g_strdup (plural ? plural : singular), g_free);
            }
          else
            row = text_row (self, f, _(f->label), cw_slide_get_text (self->slide, f->name), FALSE);
          break;
        case CW_FIELD_STRING:
          row = text_row (self, f, _(f->label), param, FALSE);
          break;
        case CW_FIELD_STATISTIC:
          row = statistic_row (self, f, param);
          break;
        case CW_FIELD_CHOICE:
          row = choice_row (self, f, param);
          break;
        case CW_FIELD_NUMBER:
          row = number_row (self, f, param);
          break;
        case CW_FIELD_BOOLEAN:
          row = boolean_row (self, f, param);
          break;
        case CW_FIELD_COLOR:
          row = color_row (self, _(f->label), _(f->hint), f->name, NULL, param);
          break;
        case CW_FIELD_IMAGE:
          row = image_row (self, f, param);
          break;
        default:
          break;
        }
      if (row != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             color_row (self, _("Color"), _("Its own color"), NULL, element->name,
                                        cw_slide_get_element_color (self->slide, element->name)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), animation_row (self, element));
  return group;
}

static void
update_timing (CwInspector *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  double duration = cw_slide_get_duration (self->slide);
  gboolean automatic = duration <= 0;
  CwTransitionType transition = cw_slide_get_transition (self->slide);

  self->updating = TRUE;
  gtk_switch_set_active (self->automatic_switch, automatic);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duration_spin), !automatic);
  if (automatic && renderer != NULL)
    {
      guint position;
      guint n;

      if (g_list_store_find (G_LIST_STORE (cw_deck_get_slides (cw_player_get_deck (self->player))),
                             self->slide, &position) &&
          position < cw_renderer_get_n_slides (renderer))
        {
          cw_renderer_get_slide_frames (renderer, position, NULL, &n);
          gtk_spin_button_set_value (self->duration_spin, (double) n / cw_renderer_get_fps (renderer));
        }
    }
  else if (!automatic)
    gtk_spin_button_set_value (self->duration_spin, duration);
  adw_combo_row_set_selected (self->transition_row, transition);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transition_duration_row), transition != CW_TRANSITION_CUT);
  if (transition != CW_TRANSITION_CUT)
    gtk_spin_button_set_value (self->transition_spin, cw_slide_get_transition_duration (self->slide));
  /* the first choice is the statistic's tone, then each tone */
  adw_combo_row_set_selected (self->tone_row,
                              cw_slide_has_tone (self->slide) ? 1 + cw_slide_get_tone (self->slide) : 0);
  self->updating = FALSE;
}

static void
on_tone_changed (CwInspector *self)
{
  guint selected;

  if (self->updating || self->slide == NULL)
    return;

  selected = adw_combo_row_get_selected (self->tone_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    cw_slide_unset_tone (self->slide);
  else
    cw_slide_set_tone (self->slide, selected - 1);
}

static void
on_timing_changed (CwInspector *self)
{
  CwTransitionType transition;
  double length;

  if (self->updating || self->slide == NULL)
    return;

  if (gtk_switch_get_active (self->automatic_switch))
    cw_slide_set_duration (self->slide, 0);
  else
    cw_slide_set_duration (self->slide, gtk_spin_button_get_value (self->duration_spin));

  transition = adw_combo_row_get_selected (self->transition_row);
  length = gtk_spin_button_get_value (self->transition_spin);
  cw_slide_set_transition (self->slide, transition, transition == CW_TRANSITION_CUT ? 0 : MAX (length, 0.1));
  update_timing (self);
}

static void
rebuild (CwInspector *self)
{
  const CwTemplate *template = current_template (self);
  GtkWidget *child;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
  g_hash_table_remove_all (self->field_widgets);

  if (self->slide == NULL || template == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->updating = TRUE;
  gtk_label_set_label (self->title_label, _(template->label));
  gtk_label_set_label (self->description_label, _(template->description));

  for (const CwElement *e = template->elements; e->name; e++)
    {
      GtkWidget *group;

      /* elements without fields show their animation only when picked */
      if (!element_has_fields (template, e->name) && g_strcmp0 (self->selected_element, e->name) != 0)
        continue;
      group = element_group (self, template, e);
      if (g_strcmp0 (self->selected_element, e->name) == 0)
        g_ptr_array_insert (groups, 0, group);
      else
        g_ptr_array_add (groups, group);
    }
  for (guint i = 0; i < groups->len; i++)
    gtk_box_append (self->fields_box, g_ptr_array_index (groups, i));
  self->updating = FALSE;

  update_timing (self);
  gtk_stack_set_visible_child_name (self->stack, "slide");
}

static void
show_current_slide (CwInspector *self)
{
  CwDeck *deck = self->player ? cw_player_get_deck (self->player) : NULL;
  guint index = self->player ? cw_player_get_slide (self->player) : 0;
  CwSlide *slide = NULL;

  if (deck != NULL && index < cw_deck_get_n_slides (deck))
    slide = cw_deck_get_slide (deck, index);

  if (slide == self->slide)
    return;
  if (self->slide != NULL && slide != NULL &&
      g_strcmp0 (cw_slide_get_template_id (self->slide), cw_slide_get_template_id (slide)) != 0)
    g_clear_pointer (&self->selected_element, g_free);
  g_set_object (&self->slide, slide);
  rebuild (self);
}

static void
on_deck_changed (CwInspector *self)
{
  /* after undo or a move the slide at this position is another object */
  show_current_slide (self);
}

static void
on_statistics_changed (CwInspector *self)
{
  /* the statistic pickers list the deck's statistics */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    rebuild (self);
}

static void
cw_inspector_dispose (GObject *object)
{
  CwInspector *self = (CwInspector *)object;

  cw_inspector_set_player (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_INSPECTOR);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->slide);

  G_OBJECT_CLASS (cw_inspector_parent_class)->dispose (object);
}

static void
cw_inspector_finalize (GObject *object)
{
  CwInspector *self = (CwInspector *)object;

  g_clear_pointer (&self->selected_element, g_free);
  g_clear_pointer (&self->field_widgets, g_hash_table_unref);

  G_OBJECT_CLASS (cw_inspector_parent_class)->finalize (object);
}

static void
cw_inspector_class_init (CwInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_inspector_dispose;
  object_class->finalize = cw_inspector_finalize;

  /**
   * CwInspector::message:
   * @text: something to tell the user, such as why a picture cannot be used
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CwInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, scroller);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, description_label);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, fields_box);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, transition_row);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, transition_duration_row);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, transition_spin);
  gtk_widget_class_bind_template_child (widget_class, CwInspector, tone_row);
  gtk_widget_class_bind_template_callback (widget_class, on_timing_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tone_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-inspector");
}

static void
cw_inspector_init (CwInspector *self)
{
  g_autoptr(GtkStringList) transitions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tones = gtk_string_list_new (NULL);

  self->field_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (CwTransitionType t = 0; t < CW_N_TRANSITIONS; t++)
    gtk_string_list_append (transitions, cw_transition_get_label (t));
  /* Translators: the slide's figures take the tone (and color) of their statistic */
  gtk_string_list_append (tones, _("As its statistic"));
  for (CwTone t = 0; t < CW_N_TONES; t++)
    gtk_string_list_append (tones, cw_tone_get_label (t));
  self->updating = TRUE;
  adw_combo_row_set_model (self->transition_row, G_LIST_MODEL (transitions));
  adw_combo_row_set_model (self->tone_row, G_LIST_MODEL (tones));
  self->updating = FALSE;
}

void
cw_inspector_set_player (CwInspector *self,
                         CwPlayer    *player)
{
  g_return_if_fail (CW_IS_INSPECTOR (self));

  if (self->player == player)
    return;

  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      g_signal_handlers_disconnect_by_data (cw_player_get_deck (self->player), self);
      g_signal_handlers_disconnect_by_data (cw_deck_get_statistics (cw_player_get_deck (self->player)), self);
    }
  g_set_object (&self->player, player);
  g_clear_object (&self->slide);

  if (player != NULL)
    {
      CwDeck *deck = cw_player_get_deck (player);

      g_signal_connect_object (player, "notify::slide", G_CALLBACK (show_current_slide), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::renderer", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (deck, "changed", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cw_deck_get_statistics (deck), "items-changed",
                               G_CALLBACK (on_statistics_changed), self, G_CONNECT_SWAPPED);
    }
  show_current_slide (self);
  if (self->slide == NULL)
    rebuild (self);
}

void
cw_inspector_set_selected_element (CwInspector *self,
                                   const char  *element)
{
  g_return_if_fail (CW_IS_INSPECTOR (self));

  if (g_strcmp0 (self->selected_element, element) == 0)
    return;
  g_free (self->selected_element);
  self->selected_element = g_strdup (element);
  rebuild (self);
  /* the picked element's group is first: show it */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

const char *
cw_inspector_get_selected_element (CwInspector *self)
{
  g_return_val_if_fail (CW_IS_INSPECTOR (self), NULL);
  return self->selected_element;
}

/**
 * cw_inspector_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide being edited
 */
CwSlide *
cw_inspector_get_slide (CwInspector *self)
{
  g_return_val_if_fail (CW_IS_INSPECTOR (self), NULL);
  return self->slide;
}

/**
 * cw_inspector_find_field_widget:
 *
 * Returns: (transfer none) (nullable): the widget that edits @field
 */
GtkWidget *
cw_inspector_find_field_widget (CwInspector *self,
                                const char  *field)
{
  g_return_val_if_fail (CW_IS_INSPECTOR (self), NULL);
  return g_hash_table_lookup (self->field_widgets, field);
}
