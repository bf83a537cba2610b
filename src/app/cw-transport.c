/* cw-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-transport.h"

struct _CwTransport
{
  GtkWidget       parent_instance;

  CwPlayer       *player;
  GBinding       *loop_binding;
  gboolean        updating;

  GtkButton      *play_button;
  GtkToggleButton *loop_button;
  GtkLabel       *time_label;
  GtkLabel       *total_label;
  GtkScale       *scale;
  GtkAdjustment  *adjustment;
};

G_DEFINE_FINAL_TYPE (CwTransport, cw_transport, GTK_TYPE_WIDGET)

static char *
format_time (guint frame,
             guint fps)
{
  double seconds = fps ? (double) frame / fps : 0;
  guint minutes = (guint) (seconds / 60);

  /* Translators: minutes and seconds with tenths, as on a video player */
  return g_strdup_printf (_("%u:%04.1f"), minutes, seconds - minutes * 60);
}

static void
update_position (CwTransport *self)
{
  g_autofree char *time = NULL;

  if (self->player == NULL)
    return;

  time = format_time (cw_player_get_frame (self->player), cw_player_get_fps (self->player));
  gtk_label_set_label (self->time_label, time);
  self->updating = TRUE;
  gtk_adjustment_set_value (self->adjustment, cw_player_get_frame (self->player));
  self->updating = FALSE;
}

/* The scale marks where each slide starts. */
static void
update_length (CwTransport *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  guint n = self->player ? cw_player_get_n_frames (self->player) : 0;
  g_autofree char *total = NULL;

  if (self->player == NULL)
    return;

  total = format_time (n, cw_player_get_fps (self->player));
  gtk_label_set_label (self->total_label, total);
  self->updating = TRUE;
  gtk_adjustment_set_upper (self->adjustment, MAX (n, 1) - 1);
  gtk_adjustment_set_page_increment (self->adjustment, cw_player_get_fps (self->player));
  self->updating = FALSE;

  gtk_scale_clear_marks (self->scale);
  if (renderer != NULL)
    {
      for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
        {
          guint first;

          cw_renderer_get_slide_frames (renderer, i, &first, NULL);
          gtk_scale_add_mark (self->scale, first, GTK_POS_BOTTOM, NULL);
        }
    }
  update_position (self);
}

static void
update_playing (CwTransport *self)
{
  gboolean playing = self->player && cw_player_get_playing (self->player);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, playing ? _("Pause") : _("Play"),
                                  -1);
}

static void
on_scrubbed (CwTransport *self)
{
  if (self->updating || self->player == NULL)
    return;
  cw_player_seek (self->player, (guint) gtk_adjustment_get_value (self->adjustment));
}

static void
cw_transport_dispose (GObject *object)
{
  CwTransport *self = (CwTransport *)object;

  cw_transport_set_player (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_TRANSPORT);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cw_transport_parent_class)->dispose (object);
}

static void
cw_transport_class_init (CwTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_transport_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-transport.ui");
  gtk_widget_class_bind_template_child (widget_class, CwTransport, play_button);
  gtk_widget_class_bind_template_child (widget_class, CwTransport, loop_button);
  gtk_widget_class_bind_template_child (widget_class, CwTransport, time_label);
  gtk_widget_class_bind_template_child (widget_class, CwTransport, total_label);
  gtk_widget_class_bind_template_child (widget_class, CwTransport, scale);
  gtk_widget_class_bind_template_child (widget_class, CwTransport, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_scrubbed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-transport");
}

static void
cw_transport_init (CwTransport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cw_transport_set_player (CwTransport *self,
                         CwPlayer    *player)
{
  g_return_if_fail (CW_IS_TRANSPORT (self));

  if (self->player == player)
    return;

  g_clear_pointer (&self->loop_binding, g_binding_unbind);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_set_object (&self->player, player);

  if (player != NULL)
    {
      g_signal_connect_object (player, "notify::frame", G_CALLBACK (update_position), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::n-frames", G_CALLBACK (update_length), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::renderer", G_CALLBACK (update_length), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::playing", G_CALLBACK (update_playing), self, G_CONNECT_SWAPPED);
      self->loop_binding = g_object_bind_property (player, "loop", self->loop_button, "active",
                                                   G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
      update_length (self);
      update_playing (self);
    }
}
