/* cw-slide-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-slide-row.h"

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

/* Before the first layout: the text the template says sums the slide up. */
static char *
slide_summary (CwSlide          *slide,
               const CwTemplate *template)
{
  const char *text = template ? cw_template_get_summary (template, slide) : NULL;

  return g_strdup (text ? text : cw_slide_get_id (slide));
}

static void
update (CwSlideRow *self)
{
  const CwTemplate *template;
  CwRenderer *renderer;
  g_autofree char *number = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *accessible = NULL;
  GdkTexture *texture;

  if (self->slide == NULL)
    return;

  template = cw_template_lookup (cw_slide_get_template_id (self->slide));
  number = g_strdup_printf ("%u", self->position + 1);
  renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  if (renderer != NULL && self->position < cw_renderer_get_n_slides (renderer) &&
      g_strcmp0 (cw_renderer_get_slide_id (renderer, self->position), cw_slide_get_id (self->slide)) == 0)
    summary = scene_summary (cw_renderer_get_scene (renderer, self->position), template);
  if (summary == NULL)
    summary = slide_summary (self->slide, template);
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->title_label, summary);
  gtk_label_set_label (self->template_label, template ? _(template->label) : cw_slide_get_template_id (self->slide));

  if (renderer != NULL && self->position < cw_renderer_get_n_slides (renderer))
    {
      guint n;
      g_autofree char *duration = NULL;

      cw_renderer_get_slide_frames (renderer, self->position, NULL, &n);
      duration = g_strdup_printf (cw_slide_get_duration (self->slide) > 0
                                    /* Translators: the duration of a slide the author chose */
                                    ? _("%.1f s")
                                    /* Translators: a duration Clearway chose from the reading time */
                                    : _("%.1f s (automatic)"),
                                  (double) n / cw_renderer_get_fps (renderer));
      gtk_label_set_label (self->duration_label, duration);
    }

  /* texts shown in the deck's language in the preview's: the same badge as on the preview */
  {
    guint untranslated = 0;

    if (renderer != NULL && self->position < cw_renderer_get_n_slides (renderer) &&
        g_strcmp0 (cw_renderer_get_slide_id (renderer, self->position), cw_slide_get_id (self->slide)) == 0)
      untranslated = cw_renderer_count_untranslated (renderer, self->position);
    if (untranslated > 0)
      {
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text not translated",
                                                              "%u texts not translated", untranslated),
                                                 untranslated);
        gtk_label_set_label (self->untranslated_label, text);
      }
    gtk_widget_set_visible (GTK_WIDGET (self->untranslated_label), untranslated > 0);
  }

  texture = self->player ? cw_player_get_thumbnail (self->player, self->position) : NULL;
  if (texture != NULL)
    gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));

  /* Translators: how a screen reader names a slide in the list: number, template, text */
  accessible = g_strdup_printf (_("Slide %u, %s: %s"), self->position + 1,
                                template ? _(template->label) : "", summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
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
