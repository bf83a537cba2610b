/* cw-slide-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-slide-row.h"

/* the largest thumbnail, for the tallest format and the widest */
#define THUMBNAIL_MAX_WIDTH  112
#define THUMBNAIL_MAX_HEIGHT 128

struct _CwSlideRow
{
  GtkWidget   parent_instance;

  CwSlide    *slide;
  CwPlayer   *player;
  guint       position;

  GtkLabel   *number_label;
  GtkPicture *thumbnail;
  GtkLabel   *title_label;
  GtkLabel   *template_label;
  GtkLabel   *duration_label;
  GtkLabel   *untranslated_label;
};

G_DEFINE_FINAL_TYPE (CwSlideRow, cw_slide_row, GTK_TYPE_WIDGET)

/* What a viewer reads on the slide, as the renderer laid it out: the
 * figures counted up, placeholders filled, plurals chosen. What the
 * template calls supporting text (kickers, legends, the source line…) is
 * left out: the list has room for what the slide is about, not for all
 * it says. */
static char *
scene_summary (CwScene          *scene,
               const CwTemplate *template)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint parts = 0;

  for (guint i = 0; i < scene->nodes->len && parts < 3; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      g_autofree char *text = NULL;

      if ((node->kind != CW_NODE_TEXT && node->kind != CW_NODE_COUNTER) || node->element == NULL ||
          (template != NULL && cw_template_element_is_supporting (template, node->element)))
        continue;
      text = cw_node_get_text_at (node, 1.0);
      if (text == NULL || *text == '\0')
        continue;
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append (summary, text);
      parts++;
    }
  return summary->len > 0 ? g_string_free (g_steal_pointer (&summary), FALSE) : NULL;
}

typedef struct
{
  CwDeck     *deck;
  const char *language;
} Figures;

static char *
fill_figure (const char *name,
             gboolean    compact,
             gpointer    user_data)
{
  Figures *figures = user_data;
  CwStatistic *statistic = figures->deck ? cw_deck_find_statistic (figures->deck, name) : NULL;

  /* never a raw {id}: an unknown figure is left out, as the renderer does */
  if (statistic == NULL || !cw_statistic_has_value (statistic))
    return g_strdup ("…");
  return cw_statistic_format (statistic, figures->language, compact);
}

/* Before the slide's first layout: the text the template says sums the
 * slide up, with its figures filled in. */
static char *
slide_summary (CwSlideRow       *self,
               const CwTemplate *template)
{
  const char *text = template ? cw_template_get_summary (template, self->slide) : NULL;
  Figures figures = { NULL, NULL };
  char *summary;

  if (text == NULL)
    return g_strdup (template ? _(template->label) : cw_slide_get_id (self->slide));
  if (self->player != NULL)
    {
      figures.deck = cw_player_get_deck (self->player);
      figures.language = cw_player_get_language (self->player);
    }
  summary = cw_text_expand (text, fill_figure, &figures, NULL);
  return summary ? summary : g_strdup (template ? _(template->label) : cw_slide_get_id (self->slide));
}

/* Where the laid-out clip has this slide: by its id, never by the row's
 * place, which changes before the clip is laid out again. */
static guint
find_in_renderer (CwRenderer *renderer,
                  CwSlide    *slide)
{
  for (guint i = 0; renderer != NULL && i < cw_renderer_get_n_slides (renderer); i++)
    if (g_strcmp0 (cw_renderer_get_slide_id (renderer, i), cw_slide_get_id (slide)) == 0)
      return i;
  return G_MAXUINT;
}

/* Every row the same size, in the shape of the preview's format, so the
 * titles line up and a square slide is not a small square in a tall frame. */
static void
size_thumbnail (CwSlideRow *self)
{
  g_autoptr(CwFormat) format = NULL;
  double scale;

  format = cw_format_lookup (self->player ? cw_player_get_format (self->player) : "tiktok", NULL);
  if (format == NULL || format->width <= 0 || format->height <= 0)
    return;
  scale = MIN (THUMBNAIL_MAX_WIDTH / (double) format->width, THUMBNAIL_MAX_HEIGHT / (double) format->height);
  gtk_widget_set_size_request (GTK_WIDGET (self->thumbnail), (int) (format->width * scale + 0.5),
                               (int) (format->height * scale + 0.5));
}

/* All of the row at once, from this slide only: a row reused for another
 * slide, or moved, never shows a moment of what it showed before. */
static void
update (CwSlideRow *self)
{
  const CwTemplate *template;
  CwRenderer *renderer;
  g_autofree char *number = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *accessible = NULL;
  GdkTexture *texture;
  GtkWidget *item;
  guint index;

  if (self->slide == NULL)
    return;

  template = cw_template_lookup (cw_slide_get_template_id (self->slide));
  number = g_strdup_printf ("%u", self->position + 1);
  renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  index = find_in_renderer (renderer, self->slide);
  if (index != G_MAXUINT)
    {
      guint n;

      summary = scene_summary (cw_renderer_get_scene (renderer, index), template);
      cw_renderer_get_slide_frames (renderer, index, NULL, &n);
      duration = g_strdup_printf (cw_slide_get_duration (self->slide) > 0
                                    /* Translators: the duration of a slide the author chose */
                                    ? _("%.1f s")
                                    /* Translators: a duration Clearway chose from the reading time */
                                    : _("%.1f s (automatic)"),
                                  (double) n / cw_renderer_get_fps (renderer));
    }
  if (summary == NULL)
    summary = slide_summary (self, template);
  texture = self->player ? cw_player_get_thumbnail (self->player, cw_slide_get_id (self->slide)) : NULL;

  size_thumbnail (self);
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->title_label, summary);
  gtk_label_set_label (self->template_label, template ? _(template->label) : cw_slide_get_template_id (self->slide));
  gtk_label_set_label (self->duration_label, duration ? duration : "");
  gtk_picture_set_paintable (self->thumbnail, texture ? GDK_PAINTABLE (texture) : NULL);

  /* texts shown in the deck's language in the preview's: the same badge as on the preview */
  {
    guint untranslated = index != G_MAXUINT ? cw_renderer_count_untranslated (renderer, index) : 0;

    if (untranslated > 0)
      {
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text not translated",
                                                              "%u texts not translated", untranslated),
                                                 untranslated);
        gtk_label_set_label (self->untranslated_label, text);
      }
    gtk_widget_set_visible (GTK_WIDGET (self->untranslated_label), untranslated > 0);
  }

  /* Translators: how a screen reader names a slide in the list: number, template, text */
  accessible = g_strdup_printf (_("Slide %u, %s: %s"), self->position + 1,
                                template ? _(template->label) : "", summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* the list's row around this one is what takes the focus, and what a
   * screen reader announces */
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
cw_slide_row_dispose (GObject *object)
{
  CwSlideRow *self = (CwSlideRow *)object;

  cw_slide_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_SLIDE_ROW);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cw_slide_row_parent_class)->dispose (object);
}

static void
cw_slide_row_class_init (CwSlideRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_slide_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-slide-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, template_label);
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, CwSlideRow, untranslated_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-slide-row");
}

static void
cw_slide_row_init (CwSlideRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "slide-row");
}

GtkWidget *
cw_slide_row_new (void)
{
  return g_object_new (CW_TYPE_SLIDE_ROW, NULL);
}

void
cw_slide_row_bind (CwSlideRow *self,
                   CwSlide    *slide,
                   guint       position,
                   CwPlayer   *player)
{
  g_return_if_fail (CW_IS_SLIDE_ROW (self));

  cw_slide_row_unbind (self);
  self->slide = g_object_ref (slide);
  self->player = g_object_ref (player);
  self->position = position;
  g_signal_connect_object (slide, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "thumbnails-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "notify::renderer", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "notify::format", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

void
cw_slide_row_unbind (CwSlideRow *self)
{
  g_return_if_fail (CW_IS_SLIDE_ROW (self));

  if (self->slide != NULL)
    g_signal_handlers_disconnect_by_data (self->slide, self);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->slide);
  g_clear_object (&self->player);
}

CwSlide *
cw_slide_row_get_slide (CwSlideRow *self)
{
  g_return_val_if_fail (CW_IS_SLIDE_ROW (self), NULL);
  return self->slide;
}
