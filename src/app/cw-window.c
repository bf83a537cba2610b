/* cw-window.c
 *
 * One deck per window: the slide list, the preview with its transport and
 * the inspector on the Slides page; the statistics table; the deck's
 * settings and brand kit. Every change goes into the deck, the document
 * turns it into an undo step, and a few seconds later into a draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-accessible.h"
#include "cw-dialogs.h"
#include "cw-drafts.h"
#include "cw-window-private.h"

G_DEFINE_FINAL_TYPE (CwWindow, cw_window, ADW_TYPE_APPLICATION_WINDOW)

CwWindow *
cw_window_new (CwApplication *application)
{
  return g_object_new (CW_TYPE_WINDOW, "application", application, NULL);
}

CwDocument *
cw_window_get_document (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);
  return self->document;
}

CwPlayer *
cw_window_get_player (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);
  return self->player;
}

/* Nothing here worth keeping: never saved, never changed. */
gboolean
cw_window_is_pristine (CwWindow *self)
{
  g_return_val_if_fail (CW_IS_WINDOW (self), FALSE);

  return self->document == NULL ||
         (cw_document_get_file (self->document) == NULL &&
          !cw_document_get_modified (self->document) &&
          !cw_document_get_can_undo (self->document));
}

void
cw_window_show_toast (CwWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (CW_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The inspector's fields for the slide on show are built and measured
 * after the first frame of a deck is on screen, not before it; anything
 * that needs them sooner gets them at once. */
static void
give_inspector_player (CwWindow *self)
{
  if (!self->inspector_waits)
    return;
  self->inspector_waits = FALSE;
  cw_inspector_set_player (self->inspector, self->player);
}

static void
on_frame_shown (CwWindow *self)
{
  if (cw_canvas_get_frame_shown (self->canvas))
    give_inspector_player (self);
}

/**
 * cw_window_get_part:
 * @name: "slide-list", "canvas", "transport", "inspector", "statistics",
 *   "deck", "languages", "format", "language", "stack", "title", "list-flap",
 *   "inspector-flap", "switcher-bar", "start-hint", "problems" or "checks"
 *
 * For tests: the widget that does one part of the work. A page not shown
 * yet is built, and the inspector given its deck, as if they were needed.
 */
GtkWidget *
cw_window_get_part (CwWindow   *self,
                    const char *name)
{
  static const struct { const char *name; gsize offset; } parts[] = {
    { "slide-list", G_STRUCT_OFFSET (CwWindow, slide_list) },
    { "canvas", G_STRUCT_OFFSET (CwWindow, canvas) },
    { "transport", G_STRUCT_OFFSET (CwWindow, transport) },
    { "inspector", G_STRUCT_OFFSET (CwWindow, inspector) },
    { "format", G_STRUCT_OFFSET (CwWindow, format_dropdown) },
    { "language", G_STRUCT_OFFSET (CwWindow, language_dropdown) },
    { "stack", G_STRUCT_OFFSET (CwWindow, view_stack) },
    { "title", G_STRUCT_OFFSET (CwWindow, window_title) },
    { "start-hint", G_STRUCT_OFFSET (CwWindow, start_hint) },
    { "list-flap", G_STRUCT_OFFSET (CwWindow, list_flap) },
    { "inspector-flap", G_STRUCT_OFFSET (CwWindow, inspector_flap) },
    { "switcher-bar", G_STRUCT_OFFSET (CwWindow, switcher_bar) },
    { "problems", G_STRUCT_OFFSET (CwWindow, problems_button) },
  };

  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);

  if (g_str_equal (name, "inspector"))
    give_inspector_player (self);
  /* a page not shown yet is built, as showing it would */
  if (g_str_equal (name, "statistics") || g_str_equal (name, "deck") || g_str_equal (name, "languages") ||
      g_str_equal (name, "checks"))
    return cw_window_ensure_page (self, name);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);
  g_return_val_if_reached (NULL);
}

/* Title */

static void
update_title (CwWindow *self)
{
  g_autofree char *title = cw_document_dup_title (self->document);
  g_autofree char *subtitle = cw_document_dup_subtitle (self->document);
  g_autofree char *shown = NULL;
  g_autofree char *window_title = NULL;

  /* Translators: the title of a deck with unsaved changes */
  shown = cw_document_get_modified (self->document) ? g_strdup_printf (_("• %s"), title) : g_strdup (title);
  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Translators: the window title: the deck's title, then the program */
  window_title = g_strdup_printf (_("%s — Clearway"), shown);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* The line above the preview: which slide, how long the clip is. */
static void
update_status (CwWindow *self)
{
  CwDeck *deck = self->document ? cw_document_get_deck (self->document) : NULL;
  guint n = deck ? cw_deck_get_n_slides (deck) : 0;
  guint fps = self->player ? cw_player_get_fps (self->player) : 30;
  guint frames = self->player ? cw_player_get_n_frames (self->player) : 0;
  g_autofree char *length = g_strdup_printf ("%.1f", (double) frames / MAX (fps, 1));
  g_autofree char *slides = NULL;
  g_autofree char *text = NULL;

  slides = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slide", "%u slides", n), n);
  /* Translators: the deck at a glance: "6 slides · 24.5 s · 30 fps" */
  text = g_strdup_printf (_("%s · %s s · %u fps"), slides, length, fps);
  gtk_label_set_label (self->status_label, text);
}

/* Narrow windows */

/* When the header has no room for the pages' switcher beside a readable
 * title, the switcher moves to a bar at the bottom, as in GNOME's own apps. */
static void
on_switcher_squeezed (CwWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (self->switcher_squeezer) == NULL);
}

/* The start hint stays until closed, or until the Statistics page has
 * been found, in every window. */
static void
on_start_hint_response (CwWindow *self)
{
  g_settings_set_boolean (self->settings, "start-hint-dismissed", TRUE);
}

static void
on_page_shown (CwWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL && !g_str_equal (name, "slides"))
    cw_window_ensure_page (self, name);
  if (g_strcmp0 (name, "statistics") == 0 && gtk_info_bar_get_revealed (self->start_hint))
    g_settings_set_boolean (self->settings, "start-hint-dismissed", TRUE);
}

/* Preview format and language */

static void
fill_languages (CwWindow *self)
{
  CwDeck *deck = cw_document_get_deck (self->document);
  g_auto(GStrv) codes = cw_deck_list_languages (deck);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = cw_player_get_language (self->player);
  guint selected = 0;

  self->updating_preview_bar = TRUE;
  g_clear_object (&self->languages);
  self->languages = gtk_string_list_new (NULL);
  for (guint i = 0; codes[i]; i++)
    {
      /* each language in its own name, as people look for it */
      g_autofree char *name = cw_language_get_name (codes[i], codes[i]);
      g_autofree char *label = g_strdup_printf ("%s (%s)", name, codes[i]);

      gtk_string_list_append (self->languages, codes[i]);
      gtk_string_list_append (names, label);
      if (g_strcmp0 (codes[i], current) == 0)
        selected = i;
    }
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown), g_strv_length (codes) > 1);
  self->updating_preview_bar = FALSE;
}

/* The Languages page may switch the preview's language too. */
static void
sync_language (CwWindow *self)
{
  const char *language = cw_player_get_language (self->player);

  for (guint i = 0; self->languages && i < g_list_model_get_n_items (G_LIST_MODEL (self->languages)); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->languages, i), language) == 0 &&
          gtk_drop_down_get_selected (self->language_dropdown) != i)
        {
          self->updating_preview_bar = TRUE;
          gtk_drop_down_set_selected (self->language_dropdown, i);
          self->updating_preview_bar = FALSE;
        }
    }
}

static void
on_language_selected (CwWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->language_dropdown);

  if (self->updating_preview_bar || self->player == NULL || self->languages == NULL ||
      selected >= g_list_model_get_n_items (G_LIST_MODEL (self->languages)))
    return;
  cw_player_set_language (self->player, gtk_string_list_get_string (self->languages, selected));
}

static void
select_format (CwWindow   *self,
               const char *name)
{
  const char * const *names = cw_format_list_names ();

  self->updating_preview_bar = TRUE;
  for (guint i = 0; names[i]; i++)
    if (g_strcmp0 (names[i], name) == 0)
      gtk_drop_down_set_selected (self->format_dropdown, i);
  self->updating_preview_bar = FALSE;
}

static void
on_format_selected (CwWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->format_dropdown);
  const char * const *names = cw_format_list_names ();

  if (self->updating_preview_bar || self->player == NULL || selected >= g_strv_length ((char **) names))
    return;
  cw_player_set_format (self->player, names[selected]);
}

/* Messages and selection */

static void
on_message (CwWindow   *self,
            const char *message)
{
  cw_window_show_toast (self, message);
}

static void
on_element_activated (CwWindow   *self,
                      const char *element)
{
  give_inspector_player (self);
  cw_inspector_set_selected_element (self->inspector, element);
  cw_canvas_set_selected_element (self->canvas, element);
}

/* Takes the author to a problem: its slide, with the field at fault
 * selected, or the statistic it is about. */
static void
on_problem_activated (CwWindow           *self,
                      const CwDiagnostic *diagnostic)
{
  CwDeck *deck = cw_document_get_deck (self->document);
  CwStatistic *statistic;

  if (diagnostic->slide != NULL)
    {
      for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
        {
          CwSlide *slide = cw_deck_get_slide (deck, i);
          const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
          const CwField *field;
          const char *element;

          if (g_strcmp0 (cw_slide_get_id (slide), diagnostic->slide) != 0)
            continue;
          adw_view_stack_set_visible_child_name (self->view_stack, "slides");
          cw_slide_list_select (self->slide_list, i);
          if (template == NULL || diagnostic->element == NULL)
            return;
          /* a field is selected by the element that shows it */
          field = cw_template_find_field (template, diagnostic->element);
          element = field && field->element ? field->element : diagnostic->element;
          if (cw_template_find_element (template, element) != NULL)
            on_element_activated (self, element);
          return;
        }
    }
  else if (diagnostic->element != NULL &&
           (statistic = cw_deck_find_statistic (deck, diagnostic->element)) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "statistics");
      /* not focused: with the table focused, closing the window left GTK 4.8
       * an idle on a freed event controller (test-ui caught it) */
      cw_statistics_view_show (CW_STATISTICS_VIEW (cw_window_ensure_page (self, "statistics")), statistic);
    }
}

/* Takes the author to a result of the checks: its slide and element, and
 * the preview to the frame it was seen on, when the preview shows the
 * format and language it was found in. */
static void
on_check_activated (CwWindow           *self,
                    const CwDiagnostic *result)
{
  CwRenderer *renderer = cw_player_get_renderer (self->player);

  on_problem_activated (self, result);
  if (result->frame < 0 || renderer == NULL || (guint) result->frame >= cw_renderer_get_n_frames (renderer))
    return;
  if ((result->format == NULL || g_strcmp0 (result->format, cw_renderer_get_format (renderer)->name) == 0) &&
      (result->language == NULL || g_strcmp0 (result->language, cw_renderer_get_language (renderer)) == 0))
    cw_player_seek (self->player, result->frame);
}

static void
add_checks_page (CwWindow *self)
{
  AdwViewStackPage *page;

  self->checks_page = ADW_BIN (adw_bin_new ());
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->checks_page), "checks", _("Checks"));
  adw_view_stack_page_set_icon_name (page, "emblem-ok-symbolic");
}

/* Hands the window's document to @view, a page built in code. */
static void
give_page_document (CwWindow  *self,
                    GtkWidget *view)
{
  CwDeck *deck = self->document ? cw_document_get_deck (self->document) : NULL;

  if (view == NULL)
    return;
  if (CW_IS_STATISTICS_VIEW (view))
    cw_statistics_view_set_deck (CW_STATISTICS_VIEW (view), deck);
  else if (CW_IS_TRANSLATIONS_VIEW (view))
    cw_translations_view_set_player (CW_TRANSLATIONS_VIEW (view), self->player);
  else if (CW_IS_DECK_VIEW (view))
    cw_deck_view_set_deck (CW_DECK_VIEW (view), deck);
  else if (CW_IS_CHECKS_VIEW (view))
    cw_checks_view_set_player (CW_CHECKS_VIEW (view), self->player);
}

/**
 * cw_window_ensure_page:
 * @name: "statistics", "languages", "deck" or "checks"
 *
 * A window opens on its preview: the other pages are built, and given the
 * deck, when first shown. Building and measuring their tables and lists,
 * and checking the deck, held the first frame of the preview back.
 *
 * Returns: (transfer none): the page's view
 */
GtkWidget *
cw_window_ensure_page (CwWindow   *self,
                       const char *name)
{
  AdwBin *holder;
  GtkWidget *view;

  g_return_val_if_fail (CW_IS_WINDOW (self), NULL);

  if (g_str_equal (name, "statistics"))
    holder = self->statistics_page;
  else if (g_str_equal (name, "languages"))
    holder = self->languages_page;
  else if (g_str_equal (name, "deck"))
    holder = self->deck_page;
  else if (g_str_equal (name, "checks"))
    holder = self->checks_page;
  else
    g_return_val_if_reached (NULL);

  if ((view = adw_bin_get_child (holder)) != NULL)
    return view;

  if (holder == self->statistics_page)
    {
      self->statistics_view = g_object_new (CW_TYPE_STATISTICS_VIEW, NULL);
      view = GTK_WIDGET (self->statistics_view);
    }
  else if (holder == self->languages_page)
    {
      self->translations_view = g_object_new (CW_TYPE_TRANSLATIONS_VIEW, NULL);
      view = GTK_WIDGET (self->translations_view);
    }
  else if (holder == self->deck_page)
    {
      self->deck_view = g_object_new (CW_TYPE_DECK_VIEW, NULL);
      view = GTK_WIDGET (self->deck_view);
    }
  else
    {
      self->checks_view = CW_CHECKS_VIEW (cw_checks_view_new ());
      view = GTK_WIDGET (self->checks_view);
      g_signal_connect_object (view, "result-activated", G_CALLBACK (on_check_activated), self,
                               G_CONNECT_SWAPPED);
    }
  if (g_signal_lookup ("message", G_OBJECT_TYPE (view)) != 0)
    g_signal_connect_object (view, "message", G_CALLBACK (on_message), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (holder, view);
  cw_accessible_tidy (view);
  give_page_document (self, view);
  return view;
}

/* Drafts */

static void
on_draft_saved (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cw_drafts_save_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* the deck itself is unharmed; say so, once, and keep going */
      message = g_strdup_printf (_("Could not keep a draft: %s"), error->message);
      g_warning ("%s", message);
      if (!self->closing)
        cw_window_show_toast (self, message);
    }
}

static void
save_draft_now (CwWindow *self)
{
  g_autofree char *title = NULL;
  g_autoptr(CwDeck) deck = NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->document == NULL || !cw_document_get_modified (self->document))
    return;

  title = cw_document_dup_title (self->document);
  deck = cw_document_dup_deck (self->document);
  cw_drafts_save_async (cw_document_get_draft_id (self->document), deck,
                        cw_document_get_file (self->document),
                        title, NULL, on_draft_saved, g_object_ref (self));
}

static gboolean
draft_timeout (gpointer data)
{
  CwWindow *self = data;

  self->draft_source = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_committed (CwWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (!g_settings_get_boolean (self->settings, "autosave"))
    return;
  self->draft_source = g_timeout_add_seconds (g_settings_get_uint (self->settings, "autosave-delay"),
                                              draft_timeout, self);
}

/* Document */

static void
on_document_changed (CwWindow *self)
{
  update_title (self);
  cw_window_update_actions (self);
}

static void
on_deck_changed (CwWindow *self)
{
  g_auto(GStrv) codes = cw_deck_list_languages (cw_document_get_deck (self->document));

  /* translations may have come or gone */
  if (self->languages == NULL ||
      g_strv_length (codes) != g_list_model_get_n_items (G_LIST_MODEL (self->languages)))
    fill_languages (self);
  cw_window_update_actions (self);
  update_status (self);
}

void
cw_window_set_document (CwWindow   *self,
                        CwDocument *document)
{
  CwDeck *deck;
  g_autofree char *format = NULL;

  g_return_if_fail (CW_IS_WINDOW (self));
  g_return_if_fail (CW_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (cw_document_get_deck (self->document), self);
      cw_drafts_discard (cw_document_get_draft_id (self->document));
    }
  if (self->player != NULL)
    {
      cw_player_set_playing (self->player, FALSE);
      g_signal_handlers_disconnect_by_data (self->player, self);
    }
  g_clear_handle_id (&self->draft_source, g_source_remove);

  g_set_object (&self->document, document);
  deck = cw_document_get_deck (document);
  if (cw_document_get_draft_id (document) == NULL)
    {
      g_autofree char *id = cw_drafts_new_id ();
      cw_document_set_draft_id (document, id);
    }

  g_clear_object (&self->player);
  /* in the interface's language, if the deck has it (see cw_player_new()) */
  self->player = cw_player_new (deck);

  cw_slide_list_set_player (self->slide_list, self->player);
  cw_canvas_set_player (self->canvas, self->player);
  cw_transport_set_player (self->transport, self->player);
  /* the inspector lets go of the deck before at once, and takes this one
   * once its first frame is on screen */
  cw_inspector_set_player (self->inspector, NULL);
  self->inspector_waits = TRUE;
  on_frame_shown (self);
  cw_problems_button_set_player (self->problems_button, self->player);
  give_page_document (self, GTK_WIDGET (self->statistics_view));
  give_page_document (self, GTK_WIDGET (self->translations_view));
  give_page_document (self, GTK_WIDGET (self->deck_view));
  give_page_document (self, GTK_WIDGET (self->checks_view));

  select_format (self, cw_player_get_format (self->player));
  fill_languages (self);

  g_signal_connect_object (document, "notify::title", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::subtitle", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::busy", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (deck, "changed", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::slide", G_CALLBACK (cw_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::n-frames", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::format", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::language", G_CALLBACK (sync_language), self, G_CONNECT_SWAPPED);

  /* a recovered draft is unsaved work from the start */
  if (cw_document_get_modified (document))
    on_committed (self);

  update_title (self);
  update_status (self);
  cw_window_update_actions (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "slides");
  /* open on the first slide as it looks once settled, not its blank first frame */
  cw_slide_list_select (self->slide_list, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/**
 * cw_window_show_load_warnings:
 *
 * Tells what the loader had to leave out or replace (a missing image, a
 * font that is not installed), each with its file and line.
 */
void
cw_window_show_load_warnings (CwWindow *self)
{
  GPtrArray *warnings = cw_deck_get_warnings (cw_document_get_deck (self->document));
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;

  if (warnings == NULL || warnings->len == 0)
    return;

  body = g_string_new (NULL);
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (warnings, i));
      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, line);
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The Deck Opened With %u Problem",
                                          "The Deck Opened With %u Problems", warnings->len),
                             warnings->len);
  cw_show_message (GTK_WIDGET (self), heading, body->str);
}

/* Saving */

static void
show_save_error (CwWindow     *self,
                 const GError *error)
{
  g_autofree char *body = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    body = g_strdup_printf (_("%s\n\nThe disk is full. Free some space, or use Save As to choose another "
                              "place. The deck stays open here; nothing was lost."), error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    body = g_strdup_printf (_("%s\n\nThat folder cannot be written to. Use Save As to choose another place. "
                              "The deck stays open here; nothing was lost."), error->message);
  else
    body = g_strdup_printf (_("%s\n\nUse Save As to try another place. The deck stays open here; "
                              "nothing was lost."), error->message);

  cw_show_message (GTK_WIDGET (self), _("Could Not Save the Deck"), body);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CwWindow) self = user_data;
  CwDocument *document = CW_DOCUMENT (object);
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  if (!cw_document_save_finish (document, result, &error))
    {
      self->close_after_save = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_save_error (self, error);
      return;
    }

  /* the saved file holds the work now; the draft is no longer needed */
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (!cw_document_get_modified (document))
    cw_drafts_discard (cw_document_get_draft_id (document));

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    cw_application_note_recent (CW_APPLICATION (app), cw_document_get_file (document));

  if (self->close_after_save)
    {
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
save_to (CwWindow *self,
         GFile    *file)
{
  cw_document_save_async (self->document, file, NULL, on_saved, g_object_ref (self));
}

static void
on_save_as_response (CwWindow *self,
                     int       response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  /* the extension is what makes the file open in Clearway again */
  {
    g_autofree char *name = g_file_get_basename (file);

    if (!g_str_has_suffix (name, ".clearway"))
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *with = g_strconcat (name, ".clearway", NULL);

        GFile *child = g_file_get_child (parent, with);

        g_object_unref (file);
        file = child;
      }
  }
  save_to (self, file);
}

void
cw_window_save (CwWindow *self,
                gboolean  save_as)
{
  GFile *file = cw_document_get_file (self->document);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (!save_as && file != NULL)
    {
      save_to (self, file);
      return;
    }

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Clearway decks"));
  gtk_file_filter_add_suffix (filter, "clearway");

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self), _("Save Deck"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                       _("_Save"), filter);

  title = cw_document_dup_file_stem (self->document);
  name = g_strconcat (title, ".clearway", NULL);
  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), file, NULL);
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      g_autoptr(GFile) folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());

      /* new decks go where documents go, not wherever Clearway was started */
      if (g_file_query_exists (folder, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Closing */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CwWindow         *self)
{
  if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      cw_window_save (self, FALSE);
    }
  else if (g_str_equal (response, "discard"))
    {
      cw_drafts_discard (cw_document_get_draft_id (self->document));
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
save_window_state (CwWindow *self)
{
  int width, height;

  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_boolean (self->settings, "window-maximized", TRUE);
      return;
    }
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", FALSE);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static gboolean
cw_window_close_request (GtkWindow *window)
{
  CwWindow *self = CW_WINDOW (window);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  save_window_state (self);
  if (self->player != NULL)
    cw_player_set_playing (self->player, FALSE);

  if (self->closing || self->document == NULL || !cw_document_get_modified (self->document))
    {
      if (self->document != NULL)
        cw_drafts_discard (cw_document_get_draft_id (self->document));
      return GTK_WINDOW_CLASS (cw_window_parent_class)->close_request (window);
    }

  /* keep what there is as a draft while the question is open */
  save_draft_now (self);

  title = cw_document_dup_title (self->document);
  heading = g_strdup_printf (_("Save Changes to “%s”?"), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading,
                                                       _("If you do not save, the changes are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", C_("unsaved changes", "_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Dropping deck files on the window opens them. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CwWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean opened = FALSE;

  for (GSList *l = files; l; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name == NULL || !g_str_has_suffix (name, ".clearway"))
        continue;
      cw_application_open_file (CW_APPLICATION (app), l->data, GTK_WINDOW (self));
      opened = TRUE;
    }
  if (!opened)
    cw_window_show_toast (self, _("Only Clearway decks (.clearway) can be opened here"));
  return opened;
}

static void
cw_window_dispose (GObject *object)
{
  CwWindow *self = (CwWindow *)object;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->player != NULL)
    cw_player_set_playing (self->player, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_WINDOW);
  /* the pages went with their bins */
  self->statistics_view = NULL;
  self->translations_view = NULL;
  self->deck_view = NULL;
  self->checks_view = NULL;
  self->checks_page = NULL;
  g_clear_object (&self->player);
  g_clear_object (&self->document);
  g_clear_object (&self->languages);
  g_clear_object (&self->settings);

  g_clear_pointer (&self->export_languages, g_strfreev);
  G_OBJECT_CLASS (cw_window_parent_class)->dispose (object);
}

/* Popovers inside the window
 *
 * GTK keeps a popover on the monitor, not in its window: a list opened
 * from the inspector at the window's right edge hung past it, and one
 * opened low in the window ran below it, off a small screen's bottom.
 * Before any popover is placed, it is turned to open where its window has
 * room: up rather than down, and along its anchor's far edge rather than
 * centred on it. One hook on every popover's map covers the menus,
 * drop-downs and combo rows that GTK and libadwaita build inside, which
 * the app never sees created. */
static gboolean
fit_popover_in_window (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);
  GtkPopover *popover;
  GtkWidget *anchor;
  GtkRoot *root;
  graphene_rect_t box;
  GdkRectangle pointing;
  int width, height, natural_width, natural_height;
  double room_below, room_above, left;
  gboolean rtl;

  if (!GTK_IS_POPOVER (widget))
    return TRUE;
  popover = GTK_POPOVER (widget);
  anchor = gtk_widget_get_parent (widget);
  root = anchor ? gtk_widget_get_root (anchor) : NULL;
  if (root == NULL || !gtk_widget_compute_bounds (anchor, GTK_WIDGET (root), &box))
    return TRUE;
  /* a popover pointing at one spot of its parent (a text selection) */
  if (gtk_popover_get_pointing_to (popover, &pointing))
    graphene_rect_init (&box, box.origin.x + pointing.x, box.origin.y + pointing.y,
                        pointing.width, pointing.height);

  width = gtk_widget_get_width (GTK_WIDGET (root));
  height = gtk_widget_get_height (GTK_WIDGET (root));
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, natural_width, NULL, &natural_height, NULL, NULL);

  /* a side popover (left or right) was placed so on purpose */
  if (gtk_popover_get_position (popover) == GTK_POS_TOP ||
      gtk_popover_get_position (popover) == GTK_POS_BOTTOM)
    {
      /* the side chosen by GTK or the .ui, unless the other has more room */
      room_above = box.origin.y;
      room_below = height - (box.origin.y + box.size.height);
      if (gtk_popover_get_position (popover) == GTK_POS_BOTTOM &&
          natural_height > room_below && room_above > room_below)
        gtk_popover_set_position (popover, GTK_POS_TOP);
      else if (gtk_popover_get_position (popover) == GTK_POS_TOP &&
               natural_height > room_above && room_below > room_above)
        gtk_popover_set_position (popover, GTK_POS_BOTTOM);

      /* GtkPopover lines its side up with the anchor's by its halign
       * (start and end swap in right-to-left); a side chosen by GTK or the
       * .ui is kept while the popover fits that way */
      rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      switch ((int) gtk_widget_get_halign (widget))
        {
        case GTK_ALIGN_START:
          left = rtl ? box.origin.x + box.size.width - natural_width : box.origin.x;
          break;
        case GTK_ALIGN_END:
          left = rtl ? box.origin.x : box.origin.x + box.size.width - natural_width;
          break;
        default:
          left = box.origin.x + (box.size.width - natural_width) / 2.0;
          break;
        }
      if (left + natural_width > width)
        gtk_widget_set_halign (widget, rtl ? GTK_ALIGN_START : GTK_ALIGN_END);
      else if (left < 0)
        gtk_widget_set_halign (widget, rtl ? GTK_ALIGN_END : GTK_ALIGN_START);
    }
  return TRUE;
}

static void
cw_window_class_init (CwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cw_window_dispose;
  window_class->close_request = cw_window_close_request;

  /* the hook runs before the popover's own map, which places it */
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              fit_popover_in_window, NULL, NULL);

  g_type_ensure (CW_TYPE_CANVAS);
  g_type_ensure (CW_TYPE_DECK_VIEW);
  g_type_ensure (CW_TYPE_INSPECTOR);
  g_type_ensure (CW_TYPE_PROBLEMS_BUTTON);
  g_type_ensure (CW_TYPE_SLIDE_LIST);
  g_type_ensure (CW_TYPE_STATISTICS_VIEW);
  g_type_ensure (CW_TYPE_TRANSPORT);
  g_type_ensure (CW_TYPE_TRANSLATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, start_hint);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, list_flap);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, slide_list);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, safe_zones_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, transport);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, statistics_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, languages_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, deck_page);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CwWindow, problems_button);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_squeezed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_hint_response);
  gtk_widget_class_bind_template_callback (widget_class, on_format_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_element_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_message);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
}

static void
cw_window_init (CwWindow *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_checks_page (self);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  for (const char * const *name = cw_format_list_names (); *name; name++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (*name, NULL);
      /* Translators: a format in a list: its name and its aspect ratio, as in "TikTok · 9:16" */
      g_autofree char *label = g_strdup_printf (_("%s · %s"), format->label, format->aspect);
      gtk_string_list_append (formats, label);
    }
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (formats));

  g_settings_bind (self->settings, "show-safe-zones", self->canvas, "show-safe-zones", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "start-hint-dismissed", self->start_hint, "revealed",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_signal_connect_object (self->canvas, "notify::frame-shown", G_CALLBACK (on_frame_shown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_page_shown), self,
                           G_CONNECT_SWAPPED);

  cw_window_init_actions (self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (cw_window_update_recent),
                           self, G_CONNECT_SWAPPED);
  cw_window_update_recent (self);

  cw_accessible_tidy (GTK_WIDGET (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
