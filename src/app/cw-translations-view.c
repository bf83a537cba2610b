/* cw-translations-view.c
 *
 * The Languages page: every text of the deck beside its translation into
 * one language, with the slide it is on previewed in that language. A typo
 * in a translation is fixed here without a round trip through a translator's
 * tool; catalogs (.po) still go out and come back for the real work.
 *
 * Edits go straight into the deck's catalog, so they are undoable and the
 * preview follows as you type. Listing the texts lays the deck out, so it
 * happens only when the deck changed and the page is on screen, and on a
 * worker thread from a copy of the deck; typing a translation only
 * recounts. The texts are the ones the .pot lists
 * (cw_deck_list_translatables), so this page, `strings` and `info` agree.
 *
 * Reading and writing catalogs (.po) also run on workers, on copies of the
 * deck; what they bring is put into the deck here, on the main thread. As
 * in Sysprof's views, work whose input changed (the deck, for a listing) or
 * whose view went away is cancelled, and its result dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-dialogs.h"
#include "cw-canvas.h"
#include "cw-translations-view.h"

struct _CwTranslationsView
{
  GtkWidget             parent_instance;

  CwPlayer             *player;
  CwDeck               *deck;
  GtkStringList        *codes;
  GtkFileChooserNative *chooser;
  /* the deck's texts, as the .pot lists them; listing them lays the deck
   * out, so it is done again, on a worker, only when the deck changed */
  GPtrArray            *texts;
  gboolean              texts_stale;
  GCancellable         *listing;
  GCancellable         *importing;
  GCancellable         *exporting;
  gboolean              busy;
  /* the deck changed while the page was not shown */
  gboolean              dirty;
  guint                 rebuild_source;
  gboolean              editing;
  gboolean              filling;

  GtkDropDown          *language_dropdown;
  GtkMenuButton        *add_language_button;
  GtkPopover           *add_popover;
  GtkEntry             *code_entry;
  GtkButton            *add_button;
  GtkLabel             *code_hint;
  GtkLabel             *coverage_label;
  GtkToggleButton      *todo_button;
  GtkWidget            *import_button;
  GtkWidget            *export_button;
  GtkStack             *stack;
  GtkBox               *groups_box;
  GtkLabel             *preview_label;
  CwCanvas             *canvas;
};

G_DEFINE_FINAL_TYPE (CwTranslationsView, cw_translations_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_rebuild (CwTranslationsView *self);

/* The language being translated into, or NULL when the deck has none. */
const char *
cw_translations_view_get_language (CwTranslationsView *self)
{
  guint selected;

  g_return_val_if_fail (CW_IS_TRANSLATIONS_VIEW (self), NULL);

  selected = gtk_drop_down_get_selected (self->language_dropdown);
  if (self->codes == NULL || selected >= g_list_model_get_n_items (G_LIST_MODEL (self->codes)))
    return NULL;
  return gtk_string_list_get_string (self->codes, selected);
}

static CwCatalog *
current_catalog (CwTranslationsView *self)
{
  const char *language = cw_translations_view_get_language (self);

  return language && self->deck ? cw_deck_get_catalog (self->deck, language) : NULL;
}

static void
emit_message (CwTranslationsView *self,
              const char         *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* Busy while a worker lists, imports or exports, or the texts are about to
 * be listed again; the buttons of what is running wait for it. */
static void
update_busy (CwTranslationsView *self)
{
  gboolean busy = self->listing != NULL || self->importing != NULL || self->exporting != NULL ||
                  (self->texts_stale && self->rebuild_source != 0);

  gtk_widget_set_sensitive (self->import_button, self->importing == NULL);
  gtk_widget_set_sensitive (self->export_button, self->exporting == NULL);
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Whether @task is the latest of the work @cancellable stands for: one
 * that was cancelled, or that a newer one replaced, is dropped. */
static gboolean
is_current (GTask         *task,
            GCancellable **cancellable)
{
  if (g_task_get_cancellable (task) != *cancellable || g_cancellable_is_cancelled (*cancellable))
    return FALSE;
  g_clear_object (cancellable);
  return TRUE;
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void rebuild (CwTranslationsView *self);

static void
list_texts_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GPtrArray *texts = cw_deck_list_translatables (task_data);

  g_task_return_pointer (task, texts, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_texts_listed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CwTranslationsView *self = CW_TRANSLATIONS_VIEW (object);
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *child;

  texts = g_task_propagate_pointer (G_TASK (result), NULL);
  if (texts == NULL || !is_current (G_TASK (result), &self->listing))
    return;

  /* the rows point into the list of texts: they go before it does */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  self->texts = g_steal_pointer (&texts);
  self->texts_stale = FALSE;
  update_busy (self);
  rebuild (self);
}

/* The deck's texts, or %NULL while a worker lists them anew. */
static GPtrArray *
ensure_texts (CwTranslationsView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->texts != NULL && !self->texts_stale)
    return self->texts;
  if (self->listing != NULL)
    return NULL;

  self->listing = g_cancellable_new ();
  task = g_task_new (self, self->listing, on_texts_listed, NULL);
  g_task_set_source_tag (task, ensure_texts);
  /* the worker lays out a copy; the user goes on editing the deck */
  g_task_set_task_data (task, cw_deck_copy (self->deck), g_object_unref);
  g_task_run_in_thread (task, list_texts_thread);
  update_busy (self);
  return NULL;
}

static void
update_coverage (CwTranslationsView *self)
{
  const char *language = cw_translations_view_get_language (self);
  g_autofree char *text = NULL;
  guint translated, review, total;

  if (language == NULL || self->deck == NULL || self->texts == NULL || self->texts_stale)
    {
      gtk_label_set_label (self->coverage_label, "");
      return;
    }

  total = cw_translatables_count (self->texts, current_catalog (self), &translated, &review);
  if (review > 0)
    /* Translators: the coverage of a language: translated, in all, and how many need a look */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u texts translated, %u to review",
                                         "%u of %u texts translated, %u to review", review),
                            translated, total, review);
  else
    /* Translators: the coverage of a language: translated, and texts in all */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u text translated",
                                         "%u of %u texts translated", total),
                            translated, total);
  gtk_label_set_label (self->coverage_label, text);
}

/* Show the slide a text is on, in the language it is being translated into. */
static void
preview_text (CwTranslationsView   *self,
              const CwTranslatable *t)
{
  const char *language = cw_translations_view_get_language (self);
  CwDeck *deck = self->deck;

  if (self->player == NULL || language == NULL)
    return;
  cw_player_set_language (self->player, language);
  if (t->slide != NULL)
    {
      for (guint i = 0; i < cw_deck_get_n_slides (deck); i++)
        {
          if (g_strcmp0 (cw_slide_get_id (cw_deck_get_slide (deck, i)), t->slide) == 0)
            {
              cw_player_set_playing (self->player, FALSE);
              cw_player_seek_to_slide (self->player, i);
              break;
            }
        }
    }
}

typedef struct
{
  CwTranslationsView *self;
  /* owned by the view's list of texts, which outlives the rows */
  const CwTranslatable *text;
  GPtrArray          *entries;
  GtkWidget          *review_box;
  /* what is wrong with what was typed, under the entries */
  GtkWidget          *problem_label;
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->entries);
  g_free (row);
}

/* The entries of @row become the catalog's translation of its text. */
static void
collect_problem (const char *problem,
                 gpointer    user_data)
{
  GString *problems = user_data;

  if (problems->len > 0)
    g_string_append_c (problems, ' ');
  g_string_append (problems, problem);
}

static void
show_problem (Row        *row,
              const char *problem)
{
  for (guint i = 0; i < row->entries->len; i++)
    {
      if (problem != NULL)
        gtk_widget_add_css_class (g_ptr_array_index (row->entries, i), "error");
      else
        gtk_widget_remove_css_class (g_ptr_array_index (row->entries, i), "error");
    }
  gtk_label_set_label (GTK_LABEL (row->problem_label), problem ? problem : "");
  gtk_widget_set_visible (row->problem_label, problem != NULL);
}

static void
store_row (Row *row)
{
  CwTranslationsView *self = row->self;
  CwCatalog *catalog = current_catalog (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) forms = NULL;
  gboolean any = FALSE;
  gboolean storable = TRUE;
  gboolean draft = FALSE;

  if (catalog == NULL)
    return;

  for (guint i = 0; i < row->entries->len; i++)
    {
      const char *text = gtk_editable_get_text (g_ptr_array_index (row->entries, i));

      g_strv_builder_add (builder, text);
      any |= *text != '\0';
    }
  forms = g_strv_builder_end (builder);

  /* The checks `translate` and the loader make (cw_message_check()), as the
   * translator types: a translation that drops a {placeholder} is kept as a
   * draft the clip does not show, so nothing typed is lost and the deck
   * still opens; one no deck can hold (too long, a control character) is
   * not stored until it is fixed. */
  if (any)
    {
      CwMessage message = { row->text->context, row->text->source, row->text->source_plural, forms, FALSE, 0 };
      CwTextRole role = cw_deck_get_text_role (self->deck, row->text->context);
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autoptr(GString) ignored = g_string_new (NULL);

      if (cw_message_check (&message, cw_catalog_get_plural_rule (catalog), role, CW_CATALOG_SYNTAX_DECK,
                            collect_problem, problems) > 0)
        {
          message.fuzzy = TRUE;
          storable = cw_message_check (&message, cw_catalog_get_plural_rule (catalog), role,
                                       CW_CATALOG_SYNTAX_DECK, collect_problem, ignored) == 0;
          draft = TRUE;
          if (storable)
            /* Translators: after what is wrong with a translation being typed */
            g_string_append_printf (problems, " %s", _("It is kept as a draft; the clip shows the deck’s language until it is fixed."));
        }
      show_problem (row, draft ? problems->str : NULL);
    }
  else
    show_problem (row, NULL);

  if (!storable)
    return;

  self->editing = TRUE;
  if (any)
    cw_catalog_add (catalog, row->text->context, row->text->source, row->text->source_plural,
                    (const char * const *) forms, draft, 0);
  else
    cw_catalog_remove (catalog, row->text->context);
  cw_deck_changed (self->deck);
  self->editing = FALSE;

  if (row->review_box != NULL)
    gtk_widget_set_visible (row->review_box, FALSE);
  update_coverage (self);
}

static void
on_entry_changed (GtkEditable *editable,
                  Row         *row)
{
  if (row->self->filling)
    return;
  store_row (row);
}

static void
on_entry_focus (GtkEventControllerFocus *controller,
                Row                     *row)
{
  preview_text (row->self, row->text);
}

/* "Keep": the translation still fits the changed text. */
static void
on_keep_clicked (GtkButton *button,
                 Row       *row)
{
  store_row (row);
}

/* "For 1, 21, 31…": which numbers a plural form is used with. */
static char *
plural_examples (CwPluralRule *rule,
                 guint         form)
{
  g_autoptr(GString) examples = g_string_new (NULL);
  guint found = 0;

  for (guint n = 0; n < 1000 && found < 3; n++)
    {
      if ((guint) cw_plural_rule_select (rule, n) != form)
        continue;
      if (found > 0)
        g_string_append (examples, ", ");
      g_string_append_printf (examples, "%u", n);
      found++;
    }
  if (found == 3)
    g_string_append (examples, "…");
  /* Translators: above the plural form of a translation used with these numbers */
  return g_strdup_printf (_("For %s"), examples->str);
}

static GtkWidget *
make_row (CwTranslationsView   *self,
          const CwTranslatable *text,
          CwCatalog          *catalog,
          const char         *source_name)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *source = gtk_label_new (text->source);
  const CwMessage *message = cw_catalog_find (catalog, text->context);
  CwPluralRule *rule = cw_catalog_get_plural_rule (catalog);
  guint n_forms = text->source_plural && rule ? cw_plural_rule_get_n_forms (rule) : 1;
  gboolean review = cw_translatable_get_state (text, catalog) == CW_TRANSLATION_REVIEW;
  g_autofree char *placeholder = NULL;
  Row *row = g_new0 (Row, 1);

  row->self = self;
  row->text = text;
  row->entries = g_ptr_array_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);

  gtk_label_set_wrap (GTK_LABEL (source), TRUE);
  gtk_label_set_selectable (GTK_LABEL (source), TRUE);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_box_append (GTK_BOX (left), source);
  if (text->source_plural != NULL && g_strcmp0 (text->source_plural, text->source) != 0)
    {
      /* Translators: the source text's plural, under its singular */
      g_autofree char *plural_text = g_strdup_printf (_("Plural: %s"), text->source_plural);
      GtkWidget *plural = gtk_label_new (plural_text);

      gtk_label_set_wrap (GTK_LABEL (plural), TRUE);
      gtk_label_set_selectable (GTK_LABEL (plural), TRUE);
      gtk_label_set_xalign (GTK_LABEL (plural), 0);
      gtk_widget_add_css_class (plural, "dim-label");
      gtk_box_append (GTK_BOX (left), plural);
    }
  if (text->comment != NULL && *text->comment != '\0')
    {
      GtkWidget *comment = gtk_label_new (text->comment);

      gtk_label_set_wrap (GTK_LABEL (comment), TRUE);
      gtk_label_set_xalign (GTK_LABEL (comment), 0);
      gtk_label_set_lines (GTK_LABEL (comment), 3);
      gtk_label_set_ellipsize (GTK_LABEL (comment), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (comment, text->comment);
      gtk_widget_add_css_class (comment, "caption");
      gtk_widget_add_css_class (comment, "dim-label");
      gtk_box_append (GTK_BOX (left), comment);
    }

  if (review)
    {
      GtkWidget *note = gtk_label_new (message->fuzzy ? _("Needs review: marked as uncertain")
                                                      : _("Needs review: the text changed since"));
      GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep"));

      row->review_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_set_hexpand (note, TRUE);
      gtk_widget_add_css_class (note, "warning");
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_set_tooltip_text (keep, _("The translation still fits: use it"));
      gtk_widget_add_css_class (keep, "flat");
      g_signal_connect (keep, "clicked", G_CALLBACK (on_keep_clicked), row);
      gtk_box_append (GTK_BOX (row->review_box), note);
      gtk_box_append (GTK_BOX (row->review_box), keep);
      gtk_box_append (GTK_BOX (right), row->review_box);
    }

  /* Translators: in an empty translation; %s is the deck's own language */
  placeholder = g_strdup_printf (_("Not translated: shown in %s"), source_name);
  for (guint f = 0; f < n_forms; f++)
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      const char *current = message && message->forms && f < g_strv_length (message->forms) ? message->forms[f] : "";

      if (n_forms > 1)
        {
          g_autofree char *label_text = plural_examples (rule, f);
          GtkWidget *label = gtk_label_new (label_text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (right), label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label_text, -1);
        }
      else
        gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Translation"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->source, -1);
      gtk_editable_set_text (GTK_EDITABLE (entry), current);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
      g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), row);
      g_signal_connect (focus, "enter", G_CALLBACK (on_entry_focus), row);
      gtk_widget_add_controller (entry, focus);
      g_object_set_data_full (G_OBJECT (entry), "cw-context", g_strdup (text->context), g_free);
      gtk_box_append (GTK_BOX (right), entry);
      g_ptr_array_add (row->entries, entry);
    }

  row->problem_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->problem_label), 0);
  gtk_label_set_wrap (GTK_LABEL (row->problem_label), TRUE);
  gtk_widget_add_css_class (row->problem_label, "error");
  gtk_widget_add_css_class (row->problem_label, "caption");
  gtk_widget_set_visible (row->problem_label, FALSE);
  gtk_box_append (GTK_BOX (right), row->problem_label);

  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (box), right);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  /* the row is named by the text it translates */
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL, text->source, -1);
  g_object_set_data_full (G_OBJECT (list_row), "cw-row", row, (GDestroyNotify) row_free);
  return list_row;
}

/* Which group a text belongs in: its slide, the charts' labels, or the deck. */
static char *
group_title (CwTranslationsView   *self,
             const CwTranslatable *t)
{
  if (t->kind == CW_TRANSLATABLE_POINT_LABEL)
    return g_strdup (_("Chart Labels"));
  if (t->slide != NULL)
    {
      for (guint i = 0; i < cw_deck_get_n_slides (self->deck); i++)
        {
          CwSlide *slide = cw_deck_get_slide (self->deck, i);
          const CwTemplate *template;

          if (g_strcmp0 (cw_slide_get_id (slide), t->slide) != 0)
            continue;
          template = cw_template_lookup (cw_slide_get_template_id (slide));
          /* Translators: a group of texts: slide number and its template */
          return g_strdup_printf (_("Slide %u · %s"), i + 1,
                                  template ? _(template->label) : cw_slide_get_template_id (slide));
        }
    }
  return g_strdup (_("The Whole Deck"));
}

static void
rebuild (CwTranslationsView *self)
{
  CwCatalog *catalog = current_catalog (self);
  GPtrArray *texts;
  g_autofree char *source_name = NULL;
  g_autofree char *last_title = NULL;
  GtkWidget *list = NULL;
  GtkWidget *child;
  gboolean todo = gtk_toggle_button_get_active (self->todo_button);
  guint shown = 0;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  self->dirty = FALSE;

  if (catalog == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
        gtk_box_remove (self->groups_box, child);
      update_busy (self);
      update_coverage (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_label (self->preview_label, "");
      return;
    }

  /* while the texts are listed anew the rows stay (they point into the old
   * list, which stays too); on_texts_listed() comes back here */
  texts = ensure_texts (self);
  if (texts == NULL)
    {
      if (gtk_widget_get_first_child (GTK_WIDGET (self->groups_box)) == NULL)
        gtk_stack_set_visible_child_name (self->stack, "loading");
      update_coverage (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  update_coverage (self);

  source_name = cw_language_get_name (cw_deck_get_language (self->deck), NULL);
  self->filling = TRUE;
  for (guint i = 0; i < texts->len; i++)
    {
      const CwTranslatable *t = g_ptr_array_index (texts, i);
      g_autofree char *title = NULL;

      if (todo && cw_translatable_get_state (t, catalog) == CW_TRANSLATION_DONE)
        continue;

      title = group_title (self, t);
      if (list == NULL || g_strcmp0 (title, last_title) != 0)
        {
          GtkWidget *heading = gtk_label_new (title);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
          {
            GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
            gtk_box_append (GTK_BOX (group), heading);
            gtk_box_append (GTK_BOX (group), list);
            gtk_box_append (self->groups_box, group);
          }
          g_free (last_title);
          last_title = g_strdup (title);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), make_row (self, t, catalog, source_name));
      shown++;
    }
  self->filling = FALSE;

  if (shown == 0)
    {
      GtkWidget *done = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (done), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (done), _("Everything Is Translated"));
      adw_status_page_set_description (ADW_STATUS_PAGE (done),
                                       _("Turn off “To Do Only” to see and change every translation."));
      gtk_box_append (self->groups_box, done);
    }
  gtk_stack_set_visible_child_name (self->stack, "texts");

  {
    g_autofree char *name = cw_language_get_name (cw_translations_view_get_language (self), NULL);
    /* Translators: above the preview on the Languages page */
    g_autofree char *label = g_strdup_printf (_("Preview in %s"), name);
    gtk_label_set_label (self->preview_label, label);
  }
}

static gboolean
rebuild_idle (gpointer data)
{
  CwTranslationsView *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilds soon if the page is on screen, or when it is next shown. */
static void
queue_rebuild (CwTranslationsView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
  update_busy (self);
}

/* The deck's languages other than its own, keeping the one selected. */
static void
fill_languages (CwTranslationsView *self,
                const char         *select)
{
  g_auto(GStrv) codes = self->deck ? cw_deck_list_languages (self->deck) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (select ? select : cw_translations_view_get_language (self));

  /* at first, the language the preview is showing, if it is a translation */
  if (keep == NULL && self->player != NULL)
    keep = g_strdup (cw_player_get_language (self->player));
  guint selected = 0;

  g_clear_object (&self->codes);
  self->codes = gtk_string_list_new (NULL);
  /* the first language is the deck's own */
  for (guint i = 1; codes != NULL && codes[i]; i++)
    {
      g_autofree char *name = cw_language_get_name (codes[i], codes[i]);
      g_autofree char *label = g_strdup_printf ("%s (%s)", name, codes[i]);

      if (g_strcmp0 (codes[i], keep) == 0)
        selected = i - 1;
      gtk_string_list_append (self->codes, codes[i]);
      gtk_string_list_append (names, label);
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown),
                          g_list_model_get_n_items (G_LIST_MODEL (names)) > 0);
  self->filling = FALSE;
  queue_rebuild (self);
}

static void
on_language_selected (CwTranslationsView *self)
{
  const char *language = cw_translations_view_get_language (self);

  if (self->filling)
    return;
  if (self->player != NULL && language != NULL)
    cw_player_set_language (self->player, language);
  rebuild (self);
}

static void
on_todo_toggled (CwTranslationsView *self)
{
  rebuild (self);
}

static void
on_deck_changed (CwTranslationsView *self)
{
  g_auto(GStrv) codes = NULL;

  /* our own edits are already on screen; rebuilding would take the focus */
  if (self->editing)
    return;

  /* a listing of the deck as it was is no use */
  self->texts_stale = TRUE;
  cancel (&self->listing);
  codes = cw_deck_list_languages (self->deck);
  if (self->codes == NULL || g_strv_length (codes) - 1 != g_list_model_get_n_items (G_LIST_MODEL (self->codes)))
    fill_languages (self, NULL);
  else
    queue_rebuild (self);
  update_busy (self);
}

/* Adding a language */

static gboolean
check_code (CwTranslationsView *self,
            const char         *code,
            char              **hint)
{
  if (*code == '\0')
    {
      *hint = g_strdup ("");
      return FALSE;
    }
  if (!cw_language_code_is_valid (code))
    {
      *hint = g_strdup_printf (_("“%s” is not a language code. Use two or three letters, such as az, or a tag such as pt-BR."),
                               code);
      return FALSE;
    }
  if (cw_deck_has_language (self->deck, code))
    {
      *hint = g_strdup_printf (_("The deck already has %s."), code);
      return FALSE;
    }
  {
    g_autofree char *name = cw_language_get_name (code, NULL);

    if (cw_plural_forms_for_language (code) == NULL)
      /* Translators: %s is a language's name */
      *hint = g_strdup_printf (_("%s. Clearway does not know its plural rule; a catalog from a translator brings it."),
                               name);
    else
      *hint = g_strdup (name);
  }
  return TRUE;
}

static void
on_code_changed (CwTranslationsView *self)
{
  g_autofree char *hint = NULL;
  gboolean ok = self->deck && check_code (self, gtk_editable_get_text (GTK_EDITABLE (self->code_entry)), &hint);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), ok);
  gtk_label_set_label (self->code_hint, hint ? hint : "");
}

static void
on_add_language (CwTranslationsView *self)
{
  g_autofree char *code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  g_autofree char *hint = NULL;
  g_autoptr(CwCatalog) catalog = NULL;
  const char *plural_forms;

  if (self->deck == NULL || !check_code (self, code, &hint))
    return;

  catalog = cw_catalog_new (code);
  plural_forms = cw_plural_forms_for_language (code);
  if (plural_forms != NULL)
    cw_catalog_set_plural_forms (catalog, plural_forms, NULL);
  /* the texts to translate stay the same */
  self->editing = TRUE;
  cw_deck_add_catalog (self->deck, catalog);
  self->editing = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_popover_popdown (self->add_popover);
  fill_languages (self, code);
  on_language_selected (self);
}

/* Import */

static void
show_dialog (CwTranslationsView *self,
             const char         *heading,
             const char         *body)
{
  cw_show_message (GTK_WIDGET (self), heading, body);
}

typedef struct
{
  CwDeck    *deck;
  GStrv      paths;
  /* what the worker found: a report and a catalog per file */
  GPtrArray *reports;
  GPtrArray *catalogs;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->deck);
  g_clear_pointer (&job->paths, g_strfreev);
  g_clear_pointer (&job->reports, g_ptr_array_unref);
  g_clear_pointer (&job->catalogs, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  /* into the copy: the deck the user edits takes the catalogs on the main thread */
  if (!cw_deck_import_po (job->deck, (const char * const *) job->paths, &job->reports, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->catalogs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < job->reports->len; i++)
    {
      const CwDiagnostic *r = g_ptr_array_index (job->reports, i);
      g_ptr_array_add (job->catalogs, g_object_ref (cw_deck_get_catalog (job->deck, r->language)));
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwTranslationsView *self = CW_TRANSLATIONS_VIEW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;
  const char *first = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (!is_current (G_TASK (result), &self->importing))
    return;
  update_busy (self);

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("%s\n\nNothing was imported; the deck is as it was. "
                                                    "Fix the line named above, or ask the translator for a "
                                                    "corrected file."), error->message);
      show_dialog (self, _("Could Not Import the Translations"), message);
      return;
    }

  /* the texts to translate are the same: only the translations came */
  self->editing = TRUE;
  for (guint i = 0; i < job->catalogs->len; i++)
    cw_deck_add_catalog (self->deck, g_ptr_array_index (job->catalogs, i));
  self->editing = FALSE;

  body = g_string_new (NULL);
  for (guint i = 0; i < job->reports->len; i++)
    {
      const CwDiagnostic *r = g_ptr_array_index (job->reports, i);
      g_autofree char *file = g_path_get_basename (r->file);

      if (first == NULL)
        first = r->language;
      if (body->len > 0)
        g_string_append (body, "\n\n");
      /* the file without its folder: a dialog has no room for paths */
      g_string_append_printf (body, "%s: %s", file, r->message);
      if (r->hint != NULL)
        g_string_append_printf (body, " %s", r->hint);
    }
  fill_languages (self, first);
  on_language_selected (self);
  show_dialog (self, g_dngettext (GETTEXT_PACKAGE, "Translations Imported", "Translations Imported", job->reports->len),
               body->str);
}

/**
 * cw_translations_view_import:
 * @paths: (array zero-terminated=1): catalogs to bring into the deck
 *
 * Reads the catalogs on a worker thread, then imports every one, or none:
 * a broken one is reported with its file and line, and the deck is left as
 * it was. The view is busy meanwhile.
 */
void
cw_translations_view_import (CwTranslationsView  *self,
                             const char * const  *paths)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (CW_IS_TRANSLATIONS_VIEW (self));
  g_return_if_fail (paths != NULL);

  cancel (&self->importing);
  self->importing = g_cancellable_new ();
  job = g_new0 (ImportJob, 1);
  job->deck = cw_deck_copy (self->deck);
  job->paths = g_strdupv ((char **) paths);
  task = g_task_new (self, self->importing, on_imported, NULL);
  g_task_set_source_tag (task, cw_translations_view_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
  update_busy (self);
}

static void
on_import_response (CwTranslationsView *self,
                    int                 response)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (files == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  cw_translations_view_import (self, (const char * const *) paths->pdata);
}

static void
on_import_clicked (CwTranslationsView *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Translation catalogs (.po)"));
  gtk_file_filter_add_suffix (filter, "po");
  gtk_file_filter_add_mime_type (filter, "text/x-gettext-translation");

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self), _("Import Translations"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Import"), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Export */

typedef struct
{
  CwDeck *deck;
  char   *language;
  GFile  *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->deck);
  g_clear_pointer (&job->language, g_free);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = cw_deck_export_po (job->deck, job->language, &error);
  if (bytes == NULL ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CwTranslationsView *self = CW_TRANSLATIONS_VIEW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (!is_current (G_TASK (result), &self->exporting))
    return;
  update_busy (self);

  if (!ok && error->domain == CW_ERROR)
    show_dialog (self, _("Could Not Export the Texts"), error->message);
  else if (!ok)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      g_autofree char *body = g_strdup_printf (_("%s\n\nChoose another folder, or free some space."), error->message);
      show_dialog (self, heading, body);
    }
  else
    {
      /* Translators: after writing a catalog; %s is its file name */
      g_autofree char *message = g_strdup_printf (_("Saved %s for translators"), name);
      emit_message (self, message);
    }
}

/**
 * cw_translations_view_export:
 * @language: (nullable): the language of the catalog, or %NULL for a template
 *
 * Writes the catalog atomically to @file, on a worker thread; the view is
 * busy meanwhile.
 */
void
cw_translations_view_export (CwTranslationsView *self,
                             const char         *language,
                             GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CW_IS_TRANSLATIONS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  cancel (&self->exporting);
  self->exporting = g_cancellable_new ();
  job = g_new0 (ExportJob, 1);
  job->deck = cw_deck_copy (self->deck);
  job->language = g_strdup (language);
  job->file = g_object_ref (file);
  task = g_task_new (self, self->exporting, on_exported, NULL);
  g_task_set_source_tag (task, cw_translations_view_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
  update_busy (self);
}

static void
on_export_response (CwTranslationsView *self,
                    int                 response)
{
  g_autoptr(GFile) file = NULL;
  const char *language = g_object_get_data (G_OBJECT (self->chooser), "cw-language");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  if (file != NULL)
    cw_translations_view_export (self, language, file);
  g_clear_object (&self->chooser);
}

static void
on_export_clicked (CwTranslationsView *self)
{
  const char *language = cw_translations_view_get_language (self);
  GFile *deck_file = cw_deck_get_file (self->deck);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (deck_file != NULL)
    {
      g_autofree char *base = g_file_get_basename (deck_file);
      stem = g_str_has_suffix (base, ".clearway") ? g_strndup (base, strlen (base) - strlen (".clearway"))
                                                 : g_strdup (base);
    }
  else
    stem = g_strdup ("deck");
  name = language ? g_strdup_printf ("%s-%s.po", stem, language) : g_strdup_printf ("%s.pot", stem);

  g_clear_object (&self->chooser);
  self->chooser = cw_file_chooser_new (GTK_WIDGET (self),
                                       language ? _("Export a Catalog for Translators")
                                                : _("Export a Template for Translators"),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (deck_file != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (deck_file);
      if (dir != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
    }
  g_object_set_data_full (G_OBJECT (self->chooser), "cw-language", g_strdup (language), g_free);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
cw_translations_view_dispose (GObject *object)
{
  CwTranslationsView *self = (CwTranslationsView *)object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  /* whatever the workers bring back has nowhere to go */
  cancel (&self->listing);
  cancel (&self->importing);
  cancel (&self->exporting);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  cw_translations_view_set_player (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_TRANSLATIONS_VIEW);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->texts, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_translations_view_parent_class)->dispose (object);
}

static void
cw_translations_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CwTranslationsView *self = CW_TRANSLATIONS_VIEW (object);

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
cw_translations_view_class_init (CwTranslationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_translations_view_dispose;
  object_class->get_property = cw_translations_view_get_property;

  /**
   * CwTranslationsView:busy:
   *
   * Whether texts are being listed or catalogs read or written.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwTranslationsView::message:
   * @text: something to tell the user in passing
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CW_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-translations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, add_language_button);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, add_popover);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, code_hint);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, todo_button);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, import_button);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, preview_label);
  gtk_widget_class_bind_template_child (widget_class, CwTranslationsView, canvas);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_todo_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_language);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-translations-view");
}

/* Coming to this page shows the preview in the language being translated. */
static void
on_map (CwTranslationsView *self)
{
  const char *language = cw_translations_view_get_language (self);

  if (self->player != NULL && language != NULL)
    cw_player_set_language (self->player, language);
  if (self->dirty)
    rebuild (self);
}

static void
cw_translations_view_init (CwTranslationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  /* for tests: the popover's entry is not in the widget tree until shown */
  g_object_set_data (G_OBJECT (self), "cw-test-code-entry", self->code_entry);
}

void
cw_translations_view_set_player (CwTranslationsView *self,
                                 CwPlayer           *player)
{
  g_return_if_fail (CW_IS_TRANSLATIONS_VIEW (self));

  if (self->player == player)
    return;

  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_data (self->deck, self);
  g_clear_object (&self->deck);
  g_set_object (&self->player, player);
  if (self->canvas != NULL)
    cw_canvas_set_player (self->canvas, player);

  if (player != NULL)
    {
      self->deck = g_object_ref (cw_player_get_deck (player));
      self->texts_stale = TRUE;
      g_signal_connect_object (self->deck, "changed", G_CALLBACK (on_deck_changed), self, G_CONNECT_SWAPPED);
      fill_languages (self, NULL);
    }
}

gboolean
cw_translations_view_get_busy (CwTranslationsView *self)
{
  g_return_val_if_fail (CW_IS_TRANSLATIONS_VIEW (self), FALSE);
  return self->busy;
}

/* For tests: the entries of the text with @context (one per plural form). */
GPtrArray *
cw_translations_view_find_entries (CwTranslationsView *self,
                                   const char         *context)
{
  GPtrArray *found = g_ptr_array_new ();
  GtkWidget *widget = GTK_WIDGET (self->groups_box);

  g_return_val_if_fail (CW_IS_TRANSLATIONS_VIEW (self), found);

  /* depth-first over the rows */
  while (widget != NULL)
    {
      if (GTK_IS_ENTRY (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "cw-context"), context) == 0)
        g_ptr_array_add (found, widget);

      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && widget != GTK_WIDGET (self->groups_box) &&
                 gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          if (widget == NULL || widget == GTK_WIDGET (self->groups_box))
            break;
          widget = gtk_widget_get_next_sibling (widget);
        }
    }
  return found;
}
