/* cw-problems-button.c
 *
 * What the author should look at before exporting, where they look: text
 * that does not fit, a missing font or glyph, a text without a translation
 * into the preview's language, a figure that looks wrong. The warnings are
 * the preview's own renderer's, so nothing is laid out twice; the player
 * lays out again, debounced, after each change, and the list follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cw-problems-button.h"

struct _CwProblemsButton
{
  GtkWidget   parent_instance;

  CwPlayer   *player;
  /* the rows' diagnostics, in the rows' order */
  GPtrArray  *diagnostics;
  /* what the rows say, to tell whether a new layout changes them */
  char       *shown;

  /* template */
  GtkWidget  *button;
  GtkPopover *popover;
  GtkLabel   *count_label;
  GtkLabel   *heading_label;
  GtkLabel   *scope_label;
  GtkBox     *groups;
};

G_DEFINE_FINAL_TYPE (CwProblemsButton, cw_problems_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PROBLEMS,
  N_PROPS
};

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
slide_position (CwDeck     *deck,
                const char *id)
{
  for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
    if (g_strcmp0 (cw_slide_get_id (cw_deck_get_slide (deck, i)), id) == 0)
      return i;
  return G_MAXUINT;
}

/* The name the inspector gives @element of @slide: a property every slide
 * has, a field's label, or an element's. */
static const char *
element_label (CwSlide    *slide,
               const char *element)
{
  static const struct { const char *name; const char *label; } slide_properties[] = {
    { "duration", N_("Duration") },
    { "template", N_("Template") },
  };
  const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
  const CwField *field;
  const CwElement *found;

  for (guint i = 0; element != NULL && i < G_N_ELEMENTS (slide_properties); i++)
    if (g_str_equal (element, slide_properties[i].name))
      return _(slide_properties[i].label);
  if (template == NULL || element == NULL)
    return NULL;
  field = cw_template_find_field (template, element);
  if (field != NULL)
    return _(field->label);
  found = cw_template_find_element (template, element);
  return found ? _(found->label) : NULL;
}

/* Problems are grouped by where the author finds them: the deck as a
 * whole, each slide in the slide list's order, then the statistics. */
typedef enum
{
  PLACE_DECK,
  PLACE_SLIDE,
  PLACE_STATISTICS,
} PlaceKind;

typedef struct
{
  PlaceKind kind;
  guint     slide;
} Place;

static Place
find_place (CwDeck             *deck,
            const CwDiagnostic *diagnostic)
{
  Place place = { PLACE_DECK, 0 };

  if (diagnostic->slide != NULL)
    {
      place.slide = slide_position (deck, diagnostic->slide);
      if (place.slide != G_MAXUINT)
        place.kind = PLACE_SLIDE;
    }
  else if (diagnostic->element != NULL && cw_deck_find_statistic (deck, diagnostic->element) != NULL)
    place.kind = PLACE_STATISTICS;
  return place;
}

static int
compare_places (Place a,
                Place b)
{
  if (a.kind != b.kind)
    return a.kind < b.kind ? -1 : 1;
  if (a.kind == PLACE_SLIDE && a.slide != b.slide)
    return a.slide < b.slide ? -1 : 1;
  return 0;
}

static char *
describe_place (CwDeck *deck,
                Place   place)
{
  const CwTemplate *template;

  switch (place.kind)
    {
    case PLACE_SLIDE:
      template = cw_template_lookup (cw_slide_get_template_id (cw_deck_get_slide (deck, place.slide)));
      if (template != NULL)
        /* Translators: a group of problems: a slide number, then its template, as in "Slide 2 · Big number" */
        return g_strdup_printf (_("Slide %u · %s"), place.slide + 1, _(template->label));
      /* Translators: a group of problems */
      return g_strdup_printf (_("Slide %u"), place.slide + 1);
    case PLACE_STATISTICS:
      /* Translators: a group of problems, about the figures on the Statistics page */
      return g_strdup (_("Statistics"));
    case PLACE_DECK:
    default:
      /* Translators: a group of problems that concern no one slide */
      return g_strdup (_("Whole Deck"));
    }
}

static const char *
severity_icon (CwSeverity  severity,
               const char **css_class)
{
  switch (severity)
    {
    case CW_SEVERITY_ERROR:
      *css_class = "error";
      return "dialog-error-symbolic";
    case CW_SEVERITY_NOTE:
      *css_class = "accent";
      return "dialog-information-symbolic";
    case CW_SEVERITY_WARNING:
    default:
      *css_class = "warning";
      return "dialog-warning-symbolic";
    }
}

static void on_row_activated (AdwActionRow     *row,
                              CwProblemsButton *self);

static GtkWidget *
make_row (CwProblemsButton   *self,
          CwDeck             *deck,
          Place               place,
          guint               index)
{
  const CwDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, index);
  const char *element = place.kind == PLACE_SLIDE
                        ? element_label (cw_deck_get_slide (deck, place.slide), diagnostic->element)
                        : NULL;
  const char *css_class = NULL;
  const char *icon_name = severity_icon (diagnostic->severity, &css_class);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *subtitle = NULL;

  /* a hint that names the field already says where */
  if (element != NULL && diagnostic->hint != NULL && strstr (diagnostic->hint, element) != NULL)
    element = NULL;
  if (element != NULL && diagnostic->hint != NULL)
    /* Translators: under a problem: the field it is in, then what to do */
    subtitle = g_strdup_printf (C_("problem", "%s: %s"), element, diagnostic->hint);
  else
    subtitle = g_strdup (element != NULL ? element : diagnostic->hint);

  /* messages quote the author's own text, which is not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* the deck as a whole has nowhere to go */
  if (place.kind != PLACE_DECK)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cw-index", GUINT_TO_POINTER (index));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, 0);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

typedef struct
{
  CwDeck *deck;
} SortData;

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SortData *data = user_data;

  return compare_places (find_place (data->deck, *(const CwDiagnostic * const *) a),
                         find_place (data->deck, *(const CwDiagnostic * const *) b));
}

static void
fill_groups (CwProblemsButton *self,
             CwDeck           *deck)
{
  GtkWidget *group = NULL;
  Place current = { PLACE_DECK, G_MAXUINT };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      Place place = find_place (deck, g_ptr_array_index (self->diagnostics, i));

      if (group == NULL || compare_places (place, current) != 0)
        {
          g_autofree char *title = describe_place (deck, place);

          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          gtk_box_append (self->groups, group);
          current = place;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, deck, place, i));
    }
}

/* Everything the rows show, in order: where each problem is, what it
 * says and what to do. */
static char *
describe_rows (CwDeck    *deck,
               GPtrArray *diagnostics)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CwDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      Place place = find_place (deck, diagnostic);
      g_autofree char *title = describe_place (deck, place);
      const char *element = place.kind == PLACE_SLIDE
                            ? element_label (cw_deck_get_slide (deck, place.slide), diagnostic->element)
                            : NULL;

      g_string_append_printf (text, "%s\x1f%d\x1f%s\x1f%s\x1f%s\x1e", title, diagnostic->severity,
                              element ? element : "", diagnostic->message ? diagnostic->message : "",
                              diagnostic->hint ? diagnostic->hint : "");
    }
  return g_string_free (text, FALSE);
}

static void
refresh (CwProblemsButton *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  CwDeck *deck = self->player ? cw_player_get_deck (self->player) : NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *tooltip = NULL;
  guint old_n = self->diagnostics->len;

  if (renderer != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) statistics = cw_deck_check_statistics (deck, now);
      g_autofree char *language = cw_language_get_name (cw_renderer_get_language (renderer),
                                                         cw_core_get_interface_language ());
      g_autofree char *scope = NULL;
      SortData sort = { deck };

      diagnostics = cw_renderer_list_diagnostics (renderer);
      g_ptr_array_extend_and_steal (diagnostics, g_steal_pointer (&statistics));
      /* stable: within a place, in the order they were found */
      g_ptr_array_sort_with_data (diagnostics, compare_diagnostics, &sort);

      /* Translators: a format such as "TikTok", then a language name */
      scope = g_strdup_printf (_("As the deck looks in %s, in %s. Choose a problem to go to it."),
                               cw_renderer_get_format (renderer)->label, language);
      gtk_label_set_label (self->scope_label, scope);
    }
  else
    diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);

  g_ptr_array_unref (self->diagnostics);
  self->diagnostics = g_steal_pointer (&diagnostics);
  /* Each layout (a new size of the preview, a change anywhere in the deck)
   * lists the problems again; rows that would say the same stay, so the
   * list does not flicker or lose the row under the pointer. */
  {
    g_autofree char *shown = describe_rows (deck, self->diagnostics);

    if (g_strcmp0 (shown, self->shown) != 0)
      {
        fill_groups (self, deck);
        g_free (self->shown);
        self->shown = g_steal_pointer (&shown);
      }
  }

  count = g_strdup_printf ("%u", self->diagnostics->len);
  gtk_label_set_label (self->count_label, count);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", self->diagnostics->len),
                             self->diagnostics->len);
  gtk_label_set_label (self->heading_label, heading);
  /* Translators: the tooltip of the problems button in the header bar */
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u problem in the preview’s language and format",
                                          "%u problems in the preview’s language and format",
                                          self->diagnostics->len),
                             self->diagnostics->len);
  gtk_widget_set_tooltip_text (self->button, tooltip);

  if (self->diagnostics->len == 0)
    gtk_popover_popdown (self->popover);
  gtk_widget_set_visible (GTK_WIDGET (self), self->diagnostics->len > 0);
  if (old_n != self->diagnostics->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
}

static void
on_row_activated (AdwActionRow     *row,
                  CwProblemsButton *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "cw-index"));
  g_autoptr(CwDiagnostic) diagnostic = NULL;

  if (index >= self->diagnostics->len)
    return;
  /* the handler may change the deck, and the list with it */
  diagnostic = cw_diagnostic_copy (g_ptr_array_index (self->diagnostics, index));
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, diagnostic);
}

static void
cw_problems_button_dispose (GObject *object)
{
  CwProblemsButton *self = CW_PROBLEMS_BUTTON (object);

  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_PROBLEMS_BUTTON);

  G_OBJECT_CLASS (cw_problems_button_parent_class)->dispose (object);
}

static void
cw_problems_button_finalize (GObject *object)
{
  CwProblemsButton *self = CW_PROBLEMS_BUTTON (object);

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (cw_problems_button_parent_class)->finalize (object);
}

static void
cw_problems_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CwProblemsButton *self = CW_PROBLEMS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->diagnostics->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_problems_button_class_init (CwProblemsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_problems_button_dispose;
  object_class->finalize = cw_problems_button_finalize;
  object_class->get_property = cw_problems_button_get_property;

  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwProblemsButton::problem-activated:
   * @diagnostic: the problem the author chose, to go to its slide or statistic
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CW_TYPE_DIAGNOSTIC | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-problems-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, button);
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, popover);
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, count_label);
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, scope_label);
  gtk_widget_class_bind_template_child (widget_class, CwProblemsButton, groups);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cw_problems_button_init (CwProblemsButton *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cw_problems_button_set_player:
 * @player: (nullable): the preview whose layouts to list the problems of
 */
void
cw_problems_button_set_player (CwProblemsButton *self,
                               CwPlayer         *player)
{
  g_return_if_fail (CW_IS_PROBLEMS_BUTTON (self));
  g_return_if_fail (player == NULL || CW_IS_PLAYER (player));

  if (self->player == player)
    return;
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_set_object (&self->player, player);
  if (player != NULL)
    g_signal_connect_object (player, "notify::renderer", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

guint
cw_problems_button_get_n_problems (CwProblemsButton *self)
{
  g_return_val_if_fail (CW_IS_PROBLEMS_BUTTON (self), 0);
  return self->diagnostics->len;
}

/* For tests: what holds the rows, one a problem, in groups by place. */
GtkWidget *
cw_problems_button_get_list (CwProblemsButton *self)
{
  g_return_val_if_fail (CW_IS_PROBLEMS_BUTTON (self), NULL);
  return GTK_WIDGET (self->groups);
}

void
cw_problems_button_popup (CwProblemsButton *self)
{
  g_return_if_fail (CW_IS_PROBLEMS_BUTTON (self));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}
