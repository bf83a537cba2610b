/* cw-canvas.c
 *
 * The canvas shows the player's latest frame, scaled to fit and drawn at
 * the display's own resolution (the player renders at the canvas's size in
 * device pixels, so text stays sharp on HiDPI screens). It drives playback
 * from the frame clock, and a click picks the element under the pointer
 * from the same scene the renderer drew. A badge on the frame says when
 * texts of the slide show in the deck's language for want of a
 * translation, since they would otherwise pass for translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-canvas.h"

struct _CwCanvas
{
  GtkWidget   parent_instance;

  CwPlayer   *player;
  gboolean    show_safe_zones;
  char       *selected_element;
  guint       tick_id;
  GtkWidget  *badge;
  /* a frame of the player's deck is on screen; the clock it waits on if not */
  gboolean       frame_shown;
  GdkFrameClock *paint_clock;
  gulong         after_paint_id;
};

G_DEFINE_FINAL_TYPE (CwCanvas, cw_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_SHOW_SAFE_ZONES,
  PROP_SELECTED_ELEMENT,
  PROP_FRAME_SHOWN,
  N_PROPS
};

enum {
  ELEMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The rectangle the frame takes in the widget, keeping its aspect ratio. */
static graphene_rect_t
frame_rect (CwCanvas *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 16;
  double fw = 9, fh = 16, scale;

  if (renderer != NULL)
    {
      fw = cw_renderer_get_format (renderer)->width;
      fh = cw_renderer_get_format (renderer)->height;
    }
  w = MAX (1, w - 2 * margin);
  h = MAX (1, h - 2 * margin);
  scale = MIN (w / fw, h / fh);
  return GRAPHENE_RECT_INIT ((gtk_widget_get_width (GTK_WIDGET (self)) - fw * scale) / 2,
                             (gtk_widget_get_height (GTK_WIDGET (self)) - fh * scale) / 2,
                             fw * scale, fh * scale);
}

static gboolean
quit_application (gpointer data)
{
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

/* build-aux/benchmark.sh times the editor from launch to its first frame:
 * with CLEARWAY_REPORT_FIRST_FRAME set, the wall-clock time the preview's
 * first frame has been painted into the window is printed and the editor
 * quits. */
static void
report_first_frame (void)
{
  static gsize reported;

  if (g_getenv ("CLEARWAY_REPORT_FIRST_FRAME") == NULL || !g_once_init_enter (&reported))
    return;
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_idle_add (quit_application, NULL);
  g_once_init_leave (&reported, 1);
}

static void
stop_waiting_for_paint (CwCanvas *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
set_frame_shown (CwCanvas *self,
                 gboolean  shown)
{
  stop_waiting_for_paint (self);
  if (self->frame_shown == shown)
    return;
  self->frame_shown = shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME_SHOWN]);
}

/* A snapshot is only what is to be drawn: the frame is on screen once the
 * frame clock has painted it (the renderer has drawn the window). */
static void
on_after_paint (CwCanvas *self)
{
  report_first_frame ();
  set_frame_shown (self, TRUE);
}

static void
wait_for_paint (CwCanvas *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* a window mapped again may paint on another clock */
  if (self->frame_shown || clock == NULL || clock == self->paint_clock)
    return;
  stop_waiting_for_paint (self);
  self->paint_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), self,
                                                  G_CONNECT_SWAPPED);
}

static void
cw_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CwCanvas *self = CW_CANVAS (widget);
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  GdkTexture *texture = self->player ? cw_player_get_texture (self->player) : NULL;
  graphene_rect_t rect = frame_rect (self);
  GdkRGBA shadow = { 0, 0, 0, 0.5 };

  gtk_snapshot_append_outset_shadow (snapshot, &GSK_ROUNDED_RECT_INIT (rect.origin.x, rect.origin.y,
                                                                       rect.size.width, rect.size.height),
                                     &shadow, 0, 4, 0, 16);
  if (texture != NULL)
    {
      gtk_snapshot_append_texture (snapshot, texture, &rect);
      wait_for_paint (self);
    }
  else
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.1, 0.1, 0.1, 1 }, &rect);

  gtk_widget_snapshot_child (widget, self->badge, snapshot);
  if (renderer == NULL)
    return;

  {
    const CwFormat *format = cw_renderer_get_format (renderer);
    double s = rect.size.width / format->width;

    if (self->show_safe_zones)
      {
        GdkRGBA covered = { 0.9, 0.2, 0.2, 0.28 };
        GdkRGBA edge = { 1, 1, 1, 0.8 };
        const CwRect *safe = &format->safe;
        graphene_rect_t inner = GRAPHENE_RECT_INIT (rect.origin.x + safe->x * s, rect.origin.y + safe->y * s,
                                                    safe->width * s, safe->height * s);

        /* the platform's buttons and captions cover everything outside the safe zone */
        gtk_snapshot_append_color (snapshot, &covered,
                                   &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, rect.size.width,
                                                        inner.origin.y - rect.origin.y));
        gtk_snapshot_append_color (snapshot, &covered,
                                   &GRAPHENE_RECT_INIT (rect.origin.x, inner.origin.y + inner.size.height,
                                                        rect.size.width,
                                                        rect.origin.y + rect.size.height - inner.origin.y - inner.size.height));
        gtk_snapshot_append_color (snapshot, &covered,
                                   &GRAPHENE_RECT_INIT (rect.origin.x, inner.origin.y,
                                                        inner.origin.x - rect.origin.x, inner.size.height));
        gtk_snapshot_append_color (snapshot, &covered,
                                   &GRAPHENE_RECT_INIT (inner.origin.x + inner.size.width, inner.origin.y,
                                                        rect.origin.x + rect.size.width - inner.origin.x - inner.size.width,
                                                        inner.size.height));
        gtk_snapshot_append_border (snapshot,
                                    &GSK_ROUNDED_RECT_INIT (inner.origin.x, inner.origin.y,
                                                            inner.size.width, inner.size.height),
                                    (float[4]) { 1, 1, 1, 1 }, (GdkRGBA[4]) { edge, edge, edge, edge });
      }

    if (self->selected_element != NULL && self->player != NULL && !cw_player_get_playing (self->player))
      {
        CwScene *scene = cw_renderer_get_scene (renderer, cw_player_get_slide (self->player));
        GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };

        for (guint i = 0; i < scene->nodes->len; i++)
          {
            const CwNode *node = g_ptr_array_index (scene->nodes, i);
            graphene_rect_t r;

            if (g_strcmp0 (node->element, self->selected_element) != 0)
              continue;
            r = GRAPHENE_RECT_INIT (rect.origin.x + node->rect.x * s - 4, rect.origin.y + node->rect.y * s - 4,
                                    node->rect.width * s + 8, node->rect.height * s + 8);
            gtk_snapshot_append_border (snapshot,
                                        &GSK_ROUNDED_RECT_INIT (r.origin.x, r.origin.y, r.size.width, r.size.height),
                                        (float[4]) { 2, 2, 2, 2 },
                                        (GdkRGBA[4]) { accent, accent, accent, accent });
          }
      }
  }
}

/* "2 texts in English": what of the slide on show is not translated */
static void
update_badge (CwCanvas *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  CwDeck *deck = self->player ? cw_player_get_deck (self->player) : NULL;
  guint n = 0;

  if (renderer != NULL && cw_renderer_get_n_slides (renderer) > 0)
    n = cw_renderer_count_untranslated (renderer, cw_player_get_slide (self->player));
  if (n > 0)
    {
      g_autofree char *source = cw_language_get_name (cw_deck_get_language (deck), NULL);
      /* Translators: a count of texts, then the deck's own language, such as English */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text not translated: shown in %s",
                                                            "%u texts not translated: shown in %s", n),
                                               n, source);

      gtk_label_set_label (GTK_LABEL (self->badge), text);
    }
  gtk_widget_set_visible (self->badge, n > 0);
}

/**
 * cw_canvas_get_badge:
 *
 * Returns: (nullable): what the badge on the frame says, when it shows
 */
const char *
cw_canvas_get_badge (CwCanvas *self)
{
  g_return_val_if_fail (CW_IS_CANVAS (self), NULL);

  if (!gtk_widget_get_visible (self->badge))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->badge));
}

static void
cw_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  CwCanvas *self = CW_CANVAS (widget);
  graphene_rect_t rect;
  int scale = gtk_widget_get_scale_factor (widget);

  rect = frame_rect (self);
  if (gtk_widget_get_visible (self->badge))
    {
      int badge_width, badge_height;

      gtk_widget_measure (self->badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &badge_width, NULL, NULL);
      badge_width = MIN (badge_width, MAX (1, (int) rect.size.width - 16));
      gtk_widget_measure (self->badge, GTK_ORIENTATION_VERTICAL, badge_width, NULL, &badge_height, NULL, NULL);
      gtk_widget_size_allocate (self->badge,
                                &(GtkAllocation) { (int) rect.origin.x + 8, (int) rect.origin.y + 8,
                                                   badge_width, badge_height },
                                -1);
    }
  if (self->player == NULL)
    return;
  /* render at the pixels the screen has, so HiDPI stays sharp */
  cw_player_set_preview_width (self->player, (int) (rect.size.width * scale));
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  CwCanvas *self = CW_CANVAS (widget);

  if (self->player != NULL)
    cw_player_tick (self->player, gdk_frame_clock_get_frame_time (clock));
  return G_SOURCE_CONTINUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CwCanvas        *self)
{
  CwRenderer *renderer = self->player ? cw_player_get_renderer (self->player) : NULL;
  graphene_rect_t rect = frame_rect (self);
  const CwNode *node;
  CwScene *scene;
  double s;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (renderer == NULL || cw_renderer_get_n_slides (renderer) == 0)
    return;

  s = rect.size.width / cw_renderer_get_format (renderer)->width;
  scene = cw_renderer_get_scene (renderer, cw_player_get_slide (self->player));
  node = cw_scene_pick (scene, (x - rect.origin.x) / s, (y - rect.origin.y) / s);
  cw_canvas_set_selected_element (self, node ? node->element : NULL);
  if (node != NULL)
    g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, node->element);
}

static void
cw_canvas_dispose (GObject *object)
{
  CwCanvas *self = (CwCanvas *)object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  cw_canvas_set_player (self, NULL);
  stop_waiting_for_paint (self);
  g_clear_pointer (&self->badge, gtk_widget_unparent);

  G_OBJECT_CLASS (cw_canvas_parent_class)->dispose (object);
}

static void
cw_canvas_finalize (GObject *object)
{
  CwCanvas *self = (CwCanvas *)object;

  g_clear_pointer (&self->selected_element, g_free);

  G_OBJECT_CLASS (cw_canvas_parent_class)->finalize (object);
}

static void
cw_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CwCanvas *self = CW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;
    case PROP_SHOW_SAFE_ZONES:
      g_value_set_boolean (value, self->show_safe_zones);
      break;
    case PROP_SELECTED_ELEMENT:
      g_value_set_string (value, self->selected_element);
      break;
    case PROP_FRAME_SHOWN:
      g_value_set_boolean (value, self->frame_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CwCanvas *self = CW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      cw_canvas_set_player (self, g_value_get_object (value));
      break;
    case PROP_SHOW_SAFE_ZONES:
      cw_canvas_set_show_safe_zones (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_ELEMENT:
      cw_canvas_set_selected_element (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_canvas_class_init (CwCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_canvas_dispose;
  object_class->finalize = cw_canvas_finalize;
  object_class->get_property = cw_canvas_get_property;
  object_class->set_property = cw_canvas_set_property;
  widget_class->snapshot = cw_canvas_snapshot;
  widget_class->size_allocate = cw_canvas_size_allocate;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, CW_TYPE_PLAYER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_SAFE_ZONES] =
    g_param_spec_boolean ("show-safe-zones", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ELEMENT] =
    g_param_spec_string ("selected-element", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CwCanvas:frame-shown:
   *
   * Whether a frame of the player's deck has been painted on screen: work
   * the first frame does not need waits for it.
   */
  properties[PROP_FRAME_SHOWN] =
    g_param_spec_boolean ("frame-shown", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwCanvas::element-activated:
   * @element: the element clicked
   */
  signals[ELEMENT_ACTIVATED] =
    g_signal_new ("element-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "cw-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cw_canvas_init (CwCanvas *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "stage");
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 300);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview of the current slide"),
                                  -1);

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);

  self->badge = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->badge), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->badge), 0);
  gtk_widget_add_css_class (self->badge, "untranslated-badge");
  gtk_widget_set_visible (self->badge, FALSE);
  gtk_widget_set_parent (self->badge, GTK_WIDGET (self));
}

GtkWidget *
cw_canvas_new (void)
{
  return g_object_new (CW_TYPE_CANVAS, NULL);
}

CwPlayer *
cw_canvas_get_player (CwCanvas *self)
{
  g_return_val_if_fail (CW_IS_CANVAS (self), NULL);
  return self->player;
}

void
cw_canvas_set_player (CwCanvas *self,
                      CwPlayer *player)
{
  g_return_if_fail (CW_IS_CANVAS (self));

  if (self->player == player)
    return;

  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_set_object (&self->player, player);
  if (player != NULL)
    {
      g_signal_connect_object (player, "notify::texture", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::renderer", G_CALLBACK (gtk_widget_queue_allocate), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::renderer", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::slide", G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::playing", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  update_badge (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
  set_frame_shown (self, FALSE);
}

gboolean
cw_canvas_get_frame_shown (CwCanvas *self)
{
  g_return_val_if_fail (CW_IS_CANVAS (self), FALSE);
  return self->frame_shown;
}

gboolean
cw_canvas_get_show_safe_zones (CwCanvas *self)
{
  g_return_val_if_fail (CW_IS_CANVAS (self), FALSE);
  return self->show_safe_zones;
}

void
cw_canvas_set_show_safe_zones (CwCanvas *self,
                               gboolean  show)
{
  g_return_if_fail (CW_IS_CANVAS (self));

  show = !!show;
  if (self->show_safe_zones == show)
    return;
  self->show_safe_zones = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SAFE_ZONES]);
}

const char *
cw_canvas_get_selected_element (CwCanvas *self)
{
  g_return_val_if_fail (CW_IS_CANVAS (self), NULL);
  return self->selected_element;
}

void
cw_canvas_set_selected_element (CwCanvas   *self,
                                const char *element)
{
  g_return_if_fail (CW_IS_CANVAS (self));

  if (g_strcmp0 (self->selected_element, element) == 0)
    return;
  g_free (self->selected_element);
  self->selected_element = g_strdup (element);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ELEMENT]);
}
