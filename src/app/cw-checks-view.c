/* cw-checks-view.c
 *
 * The checks `clearway-cli lint` runs (contrast, size, reading time, zones,
 * glyphs, translation, flashing, the message, the figures), in the
 * preview's format and language or, when the author asks, in every format
 * and language of the deck, as the author works. They run on a worker
 * thread on a copy of the deck each time the player has laid the deck out
 * again (which it does debounced after a change), so typing never waits; a
 * newer run cancels the one before. Activating a result asks the window to
 * show its slide, element and frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cw-checks-view.h"

struct _CwChecksView
{
  GtkWidget     parent_instance;

  CwPlayer     *player;
  GCancellable *cancellable;
  /* (element-type CwDiagnostic): the last results, in the rows' order */
  GPtrArray    *results;
  guint         n_errors;
  guint         n_warnings;
  gboolean      busy;
  /* every format and language, not only the preview's */
  gboolean      all;

  /* template */
  GtkWidget    *box;
  GtkLabel     *status_label;
  GtkLabel     *scope_label;
  GtkSpinner   *spinner;
  GtkDropDown  *scope_dropdown;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (CwChecksView, cw_checks_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_ALL,
  N_PROPS
};

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (CwChecksView *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
severity_icon (CwSeverity severity)
{
  switch (severity)
    {
    case CW_SEVERITY_ERROR: return "dialog-error-symbolic";
    case CW_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case CW_SEVERITY_NOTE:
    default: return "dialog-information-symbolic";
    }
}

static void
on_row_activated (AdwActionRow *row,
                  CwChecksView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "cw-index"));

  if (self->results != NULL && index < self->results->len)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, g_ptr_array_index (self->results, index));
}

static void
show_results (CwChecksView *self,
              GPtrArray    *results)
{
  GtkWidget *child;
  g_autofree char *status = NULL;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_ptr_array_ref (results);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (d->severity));
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (d->measured != NULL && d->required != NULL)
        /* Translators: what a check measured, then what its rule asks ("2.1:1", "4.5:1") */
        g_string_append_printf (subtitle, _("Measured %s, needs %s."), d->measured, d->required);
      if (d->hint != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " " : "", d->hint);

      gtk_widget_add_css_class (icon, d->severity == CW_SEVERITY_ERROR ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), d->slide != NULL || d->element != NULL);
      g_object_set_data (G_OBJECT (row), "cw-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, 0);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), results->len > 0);

  cw_lint_count (results, &self->n_errors, &self->n_warnings, NULL);
  if (self->n_errors == 0 && self->n_warnings == 0)
    status = g_strdup (_("No problems found"));
  else
    /* Translators: the numbers of errors and warnings the checks found */
    status = g_strdup_printf (_("%u errors, %u warnings"), self->n_errors, self->n_warnings);
  gtk_label_set_label (self->status_label, status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CwChecksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cw_lint_deck_finish (result, &error);

  /* a newer run replaced this one: it reports when it is done */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (results != NULL)
    show_results (self, results);
}

static void
check (CwChecksView *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  g_autoptr(GPtrArray) formats = NULL;
  const char *languages[2] = { NULL, NULL };
  g_auto(GStrv) all_languages = NULL;
  g_autofree char *scope = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (renderer == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  if (self->all)
    {
      for (const char * const *name = cw_format_list_names (); *name != NULL; name++)
        g_ptr_array_add (formats, cw_format_lookup (*name, NULL));
      all_languages = cw_deck_list_languages (cw_player_get_deck (self->player));
      gtk_label_set_label (self->scope_label, _("In every format and language of the deck."));
    }
  else
    {
      g_ptr_array_add (formats, cw_format_copy (cw_renderer_get_format (renderer)));
      languages[0] = cw_renderer_get_language (renderer);
      /* Translators: a format such as TikTok, then a language code */
      scope = g_strdup_printf (_("In %s, %s, as the preview shows it. Export checks every format and language you choose."),
                               cw_renderer_get_format (renderer)->label, languages[0]);
      gtk_label_set_label (self->scope_label, scope);
    }
  set_busy (self, TRUE);
  cw_lint_deck_async (cw_player_get_deck (self->player), formats,
                      all_languages != NULL ? (const char * const *) all_languages : languages,
                      self->cancellable, on_checked, g_object_ref (self));
}

static void
on_scope_changed (CwChecksView *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  if (selected <= 1)
    cw_checks_view_set_all (self, selected == 1);
}

/**
 * cw_checks_view_set_all:
 * @all: whether to check every format and language of the deck, rather
 *   than the preview's
 */
void
cw_checks_view_set_all (CwChecksView *self,
                        gboolean      all)
{
  g_return_if_fail (CW_IS_CHECKS_VIEW (self));

  all = !!all;
  if (self->all == all)
    return;
  self->all = all;
  gtk_drop_down_set_selected (self->scope_dropdown, all ? 1 : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL]);
  check (self);
}

gboolean
cw_checks_view_get_all (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), FALSE);
  return self->all;
}

static void
cw_checks_view_dispose (GObject *object)
{
  CwChecksView *self = CW_CHECKS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  /* the drop-down loses its selection as the template goes; that is no
   * choice of scope, and the labels a check writes to may be gone */
  if (self->scope_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->scope_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_CHECKS_VIEW);

  G_OBJECT_CLASS (cw_checks_view_parent_class)->dispose (object);
}

static void
cw_checks_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CwChecksView *self = CW_CHECKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    case PROP_ALL:
      g_value_set_boolean (value, self->all);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_checks_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CwChecksView *self = CW_CHECKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ALL:
      cw_checks_view_set_all (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_checks_view_class_init (CwChecksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_checks_view_dispose;
  object_class->get_property = cw_checks_view_get_property;
  object_class->set_property = cw_checks_view_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ALL] =
    g_param_spec_boolean ("all", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwChecksView::result-activated:
   * @result: the CwDiagnostic, with its slide, element and frame
   */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CW_TYPE_DIAGNOSTIC | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-checks-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, box);
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, list);
  gtk_widget_class_bind_template_child (widget_class, CwChecksView, scope_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cw_checks_view_init (CwChecksView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_label (self->status_label, _("Not checked yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
}

GtkWidget *
cw_checks_view_new (void)
{
  return g_object_new (CW_TYPE_CHECKS_VIEW, NULL);
}

/**
 * cw_checks_view_set_player:
 *
 * Checks what @player shows, each time it has laid the deck out again.
 */
void
cw_checks_view_set_player (CwChecksView *self,
                           CwPlayer     *player)
{
  g_return_if_fail (CW_IS_CHECKS_VIEW (self));

  if (self->player == player)
    return;
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_set_object (&self->player, player);
  if (player != NULL)
    g_signal_connect_object (player, "notify::renderer", G_CALLBACK (check), self, G_CONNECT_SWAPPED);
  check (self);
}

gboolean
cw_checks_view_get_busy (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), FALSE);
  return self->busy;
}

guint
cw_checks_view_get_n_errors (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), 0);
  return self->n_errors;
}

guint
cw_checks_view_get_n_warnings (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), 0);
  return self->n_warnings;
}

/**
 * cw_checks_view_get_results:
 *
 * Returns: (transfer none) (nullable) (element-type CwDiagnostic): the
 *   results of the last check
 */
GPtrArray *
cw_checks_view_get_results (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), NULL);
  return self->results;
}

/* The list of results, for tests. */
GtkWidget *
cw_checks_view_get_list (CwChecksView *self)
{
  g_return_val_if_fail (CW_IS_CHECKS_VIEW (self), NULL);
  return GTK_WIDGET (self->list);
}
