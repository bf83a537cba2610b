/* cw-statistics-view.c
 *
 * Each cell is an editable label. What is typed is checked as it is
 * typed, and again when the edit ends, by the rules the core holds a deck
 * to: a figure that is not a number, a date not written YYYY-MM, an id
 * another statistic has, is refused with a message above the table saying
 * why, and the cell goes back to what it held. A figure is read as the
 * interface's language and the deck's languages write it ("162,500",
 * "162.500", "162 500"); one they read differently is asked about, never
 * guessed. A valid change reaches every slide that shows the statistic at
 * once; one that looks wrong (a count below zero) stays said above the
 * table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cw-accessible.h"
#include "cw-statistics-view.h"

struct _CwStatisticsView
{
  GtkWidget           parent_instance;

  CwDeck             *deck;
  GtkSingleSelection *selection;

  GtkColumnView      *column_view;
  GtkWidget          *remove_button;
  GtkWidget          *feedback;
  GtkImage           *feedback_icon;
  GtkLabel           *feedback_label;
  GtkWidget          *choices;

  /* the statistic the choices in the feedback are about, and its cell */
  CwStatistic        *asked;
  GtkWidget          *asked_cell;
};

G_DEFINE_FINAL_TYPE (CwStatisticsView, cw_statistics_view, GTK_TYPE_WIDGET)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *name;
  const char *title;
  gboolean    editable;
  gboolean    expand;
} Column;

/* the label first, as people know a figure; the id, which slides write
 * as {id}, after what describes the figure */
static const Column columns[] = {
  { "label", N_("Label"), TRUE, TRUE },
  { "value", N_("Value"), TRUE, FALSE },
  { "shown", N_("Shown as"), FALSE, FALSE },
  { "unit", N_("Unit"), TRUE, FALSE },
  { "as-of", N_("As of"), TRUE, FALSE },
  { "source", N_("Source"), TRUE, TRUE },
  /* Translators: column of the statistics table: the name slides use for the figure, as in {mines_neutralised} */
  { "id", N_("Id in slides"), TRUE, FALSE },
  /* Translators: column of the statistics table: whether a figure is progress, harm or neutral */
  { "tone", N_("Tone"), FALSE, FALSE },
  { "points", N_("Series"), FALSE, FALSE },
  { "used", N_("Used on"), FALSE, FALSE },
};

/* Shown to edit: the interface's decimal separator, no grouping, so it
 * reads back as the same figure in every language of the deck. */
static char *
value_text (CwStatistic *statistic)
{
  if (!cw_statistic_has_value (statistic) && cw_statistic_get_n_points (statistic) > 0)
    return g_strdup ("");
  return cw_number_format_plain (cw_core_get_interface_language (), cw_statistic_get_value (statistic));
}

/* The languages a figure may be typed in: the interface's first, which
 * the person reads, then the deck's, which its sources are written in. */
static GStrv
typing_languages (CwStatisticsView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) languages = self->deck ? cw_deck_list_languages (self->deck) : NULL;
  const char *interface = cw_core_get_interface_language ();

  g_strv_builder_add (builder, interface);
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (!g_str_equal (languages[i], interface))
      g_strv_builder_add (builder, languages[i]);
  return g_strv_builder_end (builder);
}

typedef enum
{
  FEEDBACK_NONE,
  FEEDBACK_ERROR,
  FEEDBACK_WARNING,
  FEEDBACK_QUESTION,
} Feedback;

static void
clear_choices (CwStatisticsView *self)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->choices)) != NULL;)
    gtk_box_remove (GTK_BOX (self->choices), child);
  g_clear_object (&self->asked);
  g_clear_weak_pointer (&self->asked_cell);
}

/* Says what is wrong with what is typed right above the table, where it
 * is seen without hovering, and to a screen reader as an alert. */
static void
show_feedback (CwStatisticsView *self,
               Feedback          kind,
               const char       *message)
{
  static const char *icons[] = { NULL, "dialog-error-symbolic", "dialog-warning-symbolic", "dialog-question-symbolic" };

  clear_choices (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "warning");
  if (kind == FEEDBACK_NONE || message == NULL)
    {
      gtk_widget_set_visible (self->feedback, FALSE);
      gtk_label_set_label (self->feedback_label, "");
      return;
    }
  if (kind == FEEDBACK_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), "error");
  else if (kind == FEEDBACK_WARNING)
    gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), "warning");
  gtk_image_set_from_icon_name (self->feedback_icon, icons[kind]);
  gtk_label_set_label (self->feedback_label, message);
  gtk_widget_set_visible (self->feedback, TRUE);
}

/**
 * cw_statistics_view_get_feedback:
 *
 * Returns: (nullable): what the view says about the figure being typed or
 *   just typed, when it says anything
 */
const char *
cw_statistics_view_get_feedback (CwStatisticsView *self)
{
  g_return_val_if_fail (CW_IS_STATISTICS_VIEW (self), NULL);

  if (!gtk_widget_get_visible (self->feedback))
    return NULL;
  return gtk_label_get_label (self->feedback_label);
}

/* The first warning the core has about @column of @statistic, if any */
static char *
first_warning (CwStatistic *statistic,
               const char  *column)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) warnings = cw_statistic_check (statistic, column, now);

  if (warnings->len == 0)
    return NULL;
  return cw_diagnostic_to_string (g_ptr_array_index (warnings, 0));
}

static guint
count_uses (CwDeck     *deck,
            const char *id)
{
  g_autoptr(GPtrArray) slides = cw_deck_list_slides_using (deck, id);

  return slides->len;
}

static char *
cell_text (CwStatisticsView *self,
           CwStatistic      *statistic,
           const char       *column)
{
  if (g_str_equal (column, "id"))
    return g_strdup (cw_statistic_get_id (statistic));
  if (g_str_equal (column, "label"))
    return g_strdup (cw_statistic_get_label (statistic));
  if (g_str_equal (column, "value"))
    return value_text (statistic);
  if (g_str_equal (column, "shown"))
    return cw_statistic_format (statistic, cw_deck_get_language (self->deck), FALSE);
  if (g_str_equal (column, "unit"))
    return g_strdup (cw_statistic_get_unit (statistic));
  if (g_str_equal (column, "as-of"))
    return g_strdup (cw_statistic_get_as_of (statistic));
  if (g_str_equal (column, "source"))
    return g_strdup (cw_statistic_get_source (statistic));
  if (g_str_equal (column, "tone"))
    return g_strdup (cw_tone_get_label (cw_statistic_get_tone (statistic)));
  if (g_str_equal (column, "points"))
    {
      guint n = cw_statistic_get_n_points (statistic);
      return n ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points", n), n) : g_strdup ("—");
    }
  if (g_str_equal (column, "used"))
    {
      guint n = count_uses (self->deck, cw_statistic_get_id (statistic));
      return n ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slide", "%u slides", n), n)
               : g_strdup (_("Not used"));
    }
  return NULL;
}

/**
 * cw_statistics_view_commit_cell:
 *
 * Sets one cell of @statistic from what was typed, after the checks the
 * core makes. A change that is taken but looks wrong (a count below zero,
 * a figure more than a year old) is said in a message.
 *
 * Returns: %FALSE with @error set when @text cannot be used
 */
static gboolean
commit_cell (CwStatisticsView    *self,
             CwStatistic         *statistic,
             const char          *column,
             const char          *text,
             const char * const  *languages,
             GError             **error)
{
  g_autofree char *warning = NULL;

  if (g_str_equal (column, "id"))
    {
      if (!cw_deck_rename_statistic (self->deck, statistic, text, error))
        return FALSE;
      show_feedback (self, FEEDBACK_NONE, NULL);
      return TRUE;
    }
  if (!cw_statistic_set_from_text_in (statistic, column, text, languages, error))
    return FALSE;

  warning = first_warning (statistic, column);
  show_feedback (self, warning ? FEEDBACK_WARNING : FEEDBACK_NONE, warning);
  if (warning != NULL)
    g_signal_emit (self, signals[MESSAGE], 0, warning);
  return TRUE;
}

/**
 * cw_statistics_view_commit_cell:
 *
 * Sets one cell of @statistic from what was typed, after the checks the
 * core makes; a figure may be typed as the interface's language or one of
 * the deck's writes it. A change that is taken but looks wrong (a count
 * below zero, a figure more than a year old) is said above the table and
 * in a message.
 *
 * Returns: %FALSE with @error set when @text cannot be used, or
 *   (%CW_ERROR_AMBIGUOUS) when it must be asked which figure is meant
 */
gboolean
cw_statistics_view_commit_cell (CwStatisticsView  *self,
                                CwStatistic       *statistic,
                                const char        *column,
                                const char        *text,
                                GError           **error)
{
  g_auto(GStrv) languages = typing_languages (self);

  return commit_cell (self, statistic, column, text, (const char * const *) languages, error);
}

static void
on_choice_clicked (GtkButton        *button,
                   CwStatisticsView *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "cw-value");
  g_autoptr(CwStatistic) statistic = self->asked ? g_object_ref (self->asked) : NULL;
  g_autoptr(GError) error = NULL;

  if (statistic == NULL)
    return;
  /* NULL: the deck file's notation, which reads one way only */
  if (value == NULL)
    {
      if (self->asked_cell != NULL)
        {
          g_autofree char *held = value_text (statistic);

          gtk_editable_set_text (GTK_EDITABLE (self->asked_cell), held);
          gtk_widget_remove_css_class (self->asked_cell, "invalid-cell");
        }
      show_feedback (self, FEEDBACK_NONE, NULL);
    }
  else if (!commit_cell (self, statistic, "value", value, NULL, &error))
    show_feedback (self, FEEDBACK_ERROR, error->message);
}

/* "1,500": one button for each figure it may be, and one to keep the old */
static void
ask_which (CwStatisticsView *self,
           CwStatistic      *statistic,
           GtkWidget        *cell,
           const char       *text,
           const char       *message)
{
  g_auto(GStrv) languages = typing_languages (self);
  g_autoptr(GArray) readings = cw_number_parse_readings (text, (const char * const *) languages);
  const char *interface = cw_core_get_interface_language ();
  GtkWidget *button;

  show_feedback (self, FEEDBACK_QUESTION, message);
  self->asked = g_object_ref (statistic);
  g_set_weak_pointer (&self->asked_cell, cell);
  for (guint i = 0; i < readings->len; i++)
    {
      const CwNumberReading *reading = &g_array_index (readings, CwNumberReading, i);
      g_autofree char *plain = cw_decimal_format (reading->value);
      const char *dot = strchr (plain, '.');
      g_autofree char *shown = cw_number_format (interface, CW_NUMBER_DECIMAL, reading->value,
                                                 dot ? (guint) strlen (dot + 1) : 0);

      button = gtk_button_new_with_label (shown);
      g_object_set_data_full (G_OBJECT (button), "cw-value", g_steal_pointer (&plain), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
      gtk_box_append (GTK_BOX (self->choices), button);
    }
  button = gtk_button_new_with_mnemonic (_("_Keep the Old Figure"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
  gtk_box_append (GTK_BOX (self->choices), button);
  gtk_widget_add_css_class (gtk_widget_get_first_child (self->choices), "suggested-action");
}

/* As it is typed: what the core would say if the edit ended now */
static void
on_cell_changed (GtkEditable *editable,
                 GtkListItem *item)
{
  CwStatisticsView *self = g_object_get_data (G_OBJECT (item), "cw-view");
  const char *column = g_object_get_data (G_OBJECT (item), "cw-column");
  CwStatistic *statistic = gtk_list_item_get_item (item);
  g_autoptr(CwStatistic) trial = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *warning = NULL;

  if (statistic == NULL || g_str_equal (column, "id") ||
      !gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (editable)))
    return;

  languages = typing_languages (self);
  trial = cw_statistic_copy (statistic);
  if (!cw_statistic_set_from_text_in (trial, column, gtk_editable_get_text (editable),
                                      (const char * const *) languages, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "invalid-cell");
      show_feedback (self, g_error_matches (error, CW_ERROR, CW_ERROR_AMBIGUOUS) ? FEEDBACK_QUESTION : FEEDBACK_ERROR,
                     error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "invalid-cell");
  warning = first_warning (trial, column);
  show_feedback (self, warning ? FEEDBACK_WARNING : FEEDBACK_NONE, warning);
}

static void
on_editing (GtkEditableLabel *label,
            GParamSpec       *pspec,
            GtkListItem      *item)
{
  CwStatisticsView *self = g_object_get_data (G_OBJECT (item), "cw-view");
  const char *column = g_object_get_data (G_OBJECT (item), "cw-column");
  CwStatistic *statistic = gtk_list_item_get_item (item);
  g_autoptr(GError) error = NULL;

  const char *typed = gtk_editable_get_text (GTK_EDITABLE (label));
  g_autofree char *held = NULL;

  if (gtk_editable_label_get_editing (label) || statistic == NULL)
    return;

  /* left as it was: nothing to read, nothing to ask */
  held = cell_text (self, statistic, column);
  if (g_strcmp0 (typed, held ? held : "") == 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "invalid-cell");
      show_feedback (self, FEEDBACK_NONE, NULL);
      return;
    }

  if (!cw_statistics_view_commit_cell (self, statistic, column, typed, &error))
    {
      if (g_error_matches (error, CW_ERROR, CW_ERROR_AMBIGUOUS))
        {
          ask_which (self, statistic, GTK_WIDGET (label), typed, error->message);
          return;
        }
      gtk_editable_set_text (GTK_EDITABLE (label), held ? held : "");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "invalid-cell");
      show_feedback (self, FEEDBACK_ERROR, error->message);
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (label), "invalid-cell");
}

/* A tone is one of three, so it is chosen, not typed. */
static void
on_tone_selected (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  GtkListItem *item)
{
  CwStatisticsView *self = g_object_get_data (G_OBJECT (item), "cw-view");
  CwStatistic *statistic = gtk_list_item_get_item (item);
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;

  /* refresh_cell() shows the statistic's own tone: nothing to change */
  if (statistic == NULL || selected >= CW_N_TONES || selected == cw_statistic_get_tone (statistic))
    return;
  if (!cw_statistics_view_commit_cell (self, statistic, "tone", cw_tone_to_string (selected), &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static GtkWidget *
tone_drop_down_new (GtkListItem *item)
{
  g_autoptr(GtkStringList) tones = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  for (CwTone tone = 0; tone < CW_N_TONES; tone++)
    gtk_string_list_append (tones, cw_tone_get_label (tone));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&tones)), NULL);
  gtk_widget_add_css_class (drop_down, "flat");
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_tone_selected), item);
  cw_accessible_tidy (drop_down);
  return drop_down;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CwStatisticsView         *self)
{
  const Column *column = g_object_get_data (G_OBJECT (factory), "cw-column-info");
  GtkWidget *widget;

  if (g_str_equal (column->name, "tone"))
    widget = tone_drop_down_new (item);
  else if (column->editable)
    {
      widget = gtk_editable_label_new ("");
      g_signal_connect (widget, "notify::editing", G_CALLBACK (on_editing), item);
      g_signal_connect (widget, "changed", G_CALLBACK (on_cell_changed), item);
    }
  else
    {
      widget = gtk_label_new ("");
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      gtk_widget_add_css_class (widget, "dim-label");
    }
  if (g_str_equal (column->name, "value") || g_str_equal (column->name, "shown"))
    gtk_widget_add_css_class (widget, "numeric");
  g_object_set_data (G_OBJECT (item), "cw-view", self);
  g_object_set_data (G_OBJECT (item), "cw-column", (gpointer) column->name);
  gtk_list_item_set_child (item, widget);
}

static void
refresh_cell (GtkListItem *item)
{
  CwStatisticsView *self = g_object_get_data (G_OBJECT (item), "cw-view");
  const char *column = g_object_get_data (G_OBJECT (item), "cw-column");
  CwStatistic *statistic = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  const char *name;
  GtkWidget *row;

  if (statistic == NULL)
    return;
  text = cell_text (self, statistic, column);
  if (GTK_IS_DROP_DOWN (widget))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), cw_statistic_get_tone (statistic));
  else if (GTK_IS_EDITABLE_LABEL (widget))
    {
      if (!gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (widget)))
        {
          gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
          gtk_widget_remove_css_class (widget, "invalid-cell");
        }
    }
  else
    gtk_label_set_label (GTK_LABEL (widget), text ? text : "");

  /* by the statistic's label, as people know it, not its internal id */
  name = cw_statistic_get_label (statistic);
  if (name == NULL || *name == '\0')
    name = cw_statistic_get_id (statistic);
  /* Translators: how a screen reader names a table cell: the statistic's label, then the column, as in
   * "Mines neutralised, As of" */
  accessible = g_strdup_printf (_("%s, %s"), name, _(g_object_get_data (G_OBJECT (item), "cw-column-title")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* the row the cell sits in is announced when it takes the focus */
  row = gtk_widget_get_parent (widget) ? gtk_widget_get_parent (gtk_widget_get_parent (widget)) : NULL;
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CwStatisticsView         *self)
{
  CwStatistic *statistic = gtk_list_item_get_item (item);
  const Column *column = g_object_get_data (G_OBJECT (factory), "cw-column-info");

  g_object_set_data (G_OBJECT (item), "cw-column-title", (gpointer) column->title);
  g_signal_connect_object (statistic, "notify", G_CALLBACK (refresh_cell), item, G_CONNECT_SWAPPED);
  refresh_cell (item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CwStatisticsView         *self)
{
  CwStatistic *statistic = gtk_list_item_get_item (item);

  if (statistic != NULL)
    g_signal_handlers_disconnect_by_data (statistic, item);
}

static void
on_remove_clicked (CwStatisticsView *self)
{
  CwStatistic *statistic = cw_statistics_view_get_selected (self);
  g_autofree char *message = NULL;
  guint uses;

  if (statistic == NULL)
    return;
  uses = count_uses (self->deck, cw_statistic_get_id (statistic));
  if (uses > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” is shown on %u slide; change that slide first.",
                                              "“%s” is shown on %u slides; change those slides first.", uses),
                                 cw_statistic_get_id (statistic), uses);
      g_signal_emit (self, signals[MESSAGE], 0, message);
      return;
    }
  cw_deck_remove_statistic (self->deck, statistic);
}

/* A figure that looks wrong is said when its row is chosen, not only
 * when it is typed: a deck may come with one. */
static void
on_selection_changed (CwStatisticsView *self)
{
  CwStatistic *statistic = cw_statistics_view_get_selected (self);
  g_autofree char *warning = statistic ? first_warning (statistic, "value") : NULL;

  gtk_widget_set_sensitive (self->remove_button, statistic != NULL);
  /* a question waits for its answer */
  if (self->asked == NULL)
    show_feedback (self, warning ? FEEDBACK_WARNING : FEEDBACK_NONE, warning);
}

static void
cw_statistics_view_dispose (GObject *object)
{
  CwStatisticsView *self = (CwStatisticsView *)object;

  /* the feedback line goes with the template: nothing may speak into it */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->asked);
  g_clear_weak_pointer (&self->asked_cell);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_STATISTICS_VIEW);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->asked);
  g_clear_object (&self->selection);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (cw_statistics_view_parent_class)->dispose (object);
}

static void
cw_statistics_view_class_init (CwStatisticsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_statistics_view_dispose;

  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-statistics-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, feedback);
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, feedback_icon);
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, CwStatisticsView, choices);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-statistics-view");
}

static void
cw_statistics_view_init (CwStatisticsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "cw-column-info", (gpointer) &columns[i]);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

void
cw_statistics_view_set_deck (CwStatisticsView *self,
                             CwDeck           *deck)
{
  g_return_if_fail (CW_IS_STATISTICS_VIEW (self));

  if (!g_set_object (&self->deck, deck))
    return;
  show_feedback (self, FEEDBACK_NONE, NULL);
  gtk_single_selection_set_model (self->selection, deck ? cw_deck_get_statistics (deck) : NULL);
}

/**
 * cw_statistics_view_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected statistic
 */
CwStatistic *
cw_statistics_view_get_selected (CwStatisticsView *self)
{
  g_return_val_if_fail (CW_IS_STATISTICS_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Selects @statistic and scrolls its row into view, leaving the focus
 * where it is: for going to a statistic a problem is about. */
void
cw_statistics_view_show (CwStatisticsView *self,
                         CwStatistic      *statistic)
{
  GListModel *model;

  g_return_if_fail (CW_IS_STATISTICS_VIEW (self));

  model = gtk_single_selection_get_model (self->selection);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CwStatistic) item = g_list_model_get_item (model, i);

      if (item == statistic)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

/* Selects @statistic, for example one just added, so it can be typed into. */
void
cw_statistics_view_select (CwStatisticsView *self,
                           CwStatistic      *statistic)
{
  g_return_if_fail (CW_IS_STATISTICS_VIEW (self));

  cw_statistics_view_show (self, statistic);
  if (gtk_single_selection_get_selected_item (self->selection) == statistic)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}
