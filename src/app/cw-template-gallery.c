/* cw-template-gallery.c
 *
 * Each card shows the template as it will look: the template filled with
 * the sample's figures, in the deck's own theme, rendered by the core on a
 * worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-texture.h"
#include "cw-scaled-paintable.h"
#include "cw-template-gallery.h"

#define PREVIEW_WIDTH 168

struct _CwTemplateGallery
{
  AdwWindow     parent_instance;

  CwDeck       *deck;
  GPtrArray    *pictures;
  guint         n_previews;

  GtkFlowBox   *flow_box;
};

G_DEFINE_FINAL_TYPE (CwTemplateGallery, cw_template_gallery, ADW_TYPE_WINDOW)

enum {
  TEMPLATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_child_activated (CwTemplateGallery *self,
                    GtkFlowBoxChild   *child)
{
  const CwTemplate *template = g_object_get_data (G_OBJECT (child), "cw-template");

  g_signal_emit (self, signals[TEMPLATE_CHOSEN], 0, template->id);
  gtk_window_close (GTK_WINDOW (self));
}

typedef struct
{
  CwTheme  *theme;
  CwFormat *format;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_clear_object (&job->theme);
  g_clear_pointer (&job->format, cw_format_free);
  g_free (job);
}

static void
previews_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  GPtrArray *surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      g_autoptr(CwDeck) deck = cw_deck_new_template_preview (*t);
      g_autoptr(CwTheme) theme = cw_theme_copy (job->theme);
      g_autoptr(CwRenderer) renderer = NULL;
      cairo_surface_t *surface;
      g_autoptr(cairo_t) cr = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      cw_deck_set_theme (deck, theme);
      renderer = cw_renderer_new (deck, NULL, job->format, 30);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->format->width, job->format->height);
      cr = cairo_create (surface);
      cw_renderer_draw_frame (renderer, cr, cw_renderer_get_settled_frame (renderer, 0));
      g_ptr_array_add (surfaces, surface);
    }
  g_task_return_pointer (task, surfaces, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_previews (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) surfaces = g_task_propagate_pointer (G_TASK (result), NULL);
  CwTemplateGallery *self = user_data;

  if (surfaces == NULL || self->pictures == NULL)
    {
      g_object_unref (self);
      return;
    }
  for (guint i = 0; i < surfaces->len && i < self->pictures->len; i++)
    {
      g_autoptr(GdkTexture) texture = cw_texture_new_for_surface (g_ptr_array_index (surfaces, i));
      g_autoptr(GdkPaintable) scaled = cw_scaled_paintable_new (GDK_PAINTABLE (texture), 2);

      /* drawn at twice the size, for HiDPI screens */
      gtk_picture_set_paintable (g_ptr_array_index (self->pictures, i), scaled);
    }
  self->n_previews = surfaces->len;
  g_object_unref (self);
}

static void
cw_template_gallery_dispose (GObject *object)
{
  CwTemplateGallery *self = (CwTemplateGallery *)object;

  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_object (&self->deck);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_TEMPLATE_GALLERY);

  G_OBJECT_CLASS (cw_template_gallery_parent_class)->dispose (object);
}

static void
cw_template_gallery_class_init (CwTemplateGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_template_gallery_dispose;

  /**
   * CwTemplateGallery::template-chosen:
   * @id: the template picked
   */
  signals[TEMPLATE_CHOSEN] =
    g_signal_new ("template-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-template-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, CwTemplateGallery, flow_box);
  gtk_widget_class_bind_template_callback (widget_class, on_child_activated);
}

static void
cw_template_gallery_init (CwTemplateGallery *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pictures = g_ptr_array_new ();

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      GtkWidget *child = gtk_flow_box_child_new ();
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *picture = gtk_picture_new ();
      GtkWidget *title = gtk_label_new (_((*t)->label));
      GtkWidget *description = gtk_label_new (_((*t)->description));

      gtk_widget_add_css_class (card, "template-card");
      gtk_widget_add_css_class (card, "card");
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, PREVIEW_WIDTH, PREVIEW_WIDTH * 16 / 9);
      gtk_widget_add_css_class (picture, "slide-thumbnail");
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 22);
      gtk_label_set_justify (GTK_LABEL (description), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (description, "caption");
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (card), picture);
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), description);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _((*t)->label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _((*t)->description), -1);
      g_object_set_data (G_OBJECT (child), "cw-template", (gpointer) *t);
      gtk_flow_box_append (self->flow_box, child);
      g_ptr_array_add (self->pictures, picture);
    }
}

/**
 * cw_template_gallery_new:
 * @deck: the deck the slide is for; previews take its theme
 */
CwTemplateGallery *
cw_template_gallery_new (GtkWindow *parent,
                         CwDeck    *deck)
{
  CwTemplateGallery *self = g_object_new (CW_TYPE_TEMPLATE_GALLERY, "transient-for", parent, NULL);
  g_autoptr(GTask) task = NULL;
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  PreviewJob *job = g_new0 (PreviewJob, 1);

  self->deck = g_object_ref (deck);
  job->theme = cw_theme_copy (cw_deck_get_theme (deck));
  job->format = cw_format_scaled (format, PREVIEW_WIDTH * 2);

  task = g_task_new (NULL, NULL, on_previews, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, previews_thread);
  return self;
}

/* How many previews have been drawn (for tests). */
guint
cw_template_gallery_get_n_previews (CwTemplateGallery *self)
{
  g_return_val_if_fail (CW_IS_TEMPLATE_GALLERY (self), 0);
  return self->n_previews;
}
