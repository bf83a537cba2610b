/* cw-slide-list.c
 *
 * The list follows the player: selecting a slide shows it settled in the
 * preview, and playing or scrubbing moves the selection along. Slides are
 * reordered by dragging a row onto another, or with Alt+Up and Alt+Down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-slide-list.h"
#include "cw-slide-row.h"

struct _CwSlideList
{
  GtkWidget           parent_instance;

  CwPlayer           *player;
  GtkSingleSelection *selection;
  gboolean            syncing;

  GtkListView        *list_view;
  GtkWidget          *button_box;
};

G_DEFINE_FINAL_TYPE (CwSlideList, cw_slide_list, GTK_TYPE_WIDGET)

enum {
  MOVE,
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_position_changed (GtkListItem *item,
                     GParamSpec  *pspec,
                     CwSlideList *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  CwSlide *slide = gtk_list_item_get_item (item);

  if (slide != NULL && self->player != NULL)
    cw_slide_row_bind (CW_SLIDE_ROW (row), slide, gtk_list_item_get_position (item), self->player);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, gtk_list_item_get_position (item));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListItem   *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *item)
{
  CwSlideList *self = g_object_get_data (G_OBJECT (item), "cw-slide-list");
  guint from = g_value_get_uint (value);
  guint to = gtk_list_item_get_position (item);

  if (from == to)
    return FALSE;
  g_signal_emit (self, signals[MOVE], 0, from, to);
  return TRUE;
}

/* A click picks the slide under it. A legacy controller sees the release
 * even though the row's own click gesture has claimed the press to select. */
static gboolean
on_row_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              GtkListItem              *item)
{
  CwSlideList *self = g_object_get_data (G_OBJECT (item), "cw-slide-list");

  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE &&
      gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY &&
      gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[PICKED], 0, gtk_list_item_get_position (item));
  return GDK_EVENT_PROPAGATE;
}

/* Enter or a double click on a row */
static void
on_activate (GtkListView *list_view,
             guint        position,
             CwSlideList *self)
{
  cw_slide_list_select (self, position);
  g_signal_emit (self, signals[PICKED], 0, position);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CwSlideList              *self)
{
  GtkWidget *row = cw_slide_row_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  g_object_set_data (G_OBJECT (item), "cw-slide-list", self);
  gtk_list_item_set_child (item, row);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  g_signal_connect (legacy, "event", G_CALLBACK (on_row_event), item);
  gtk_widget_add_controller (row, legacy);

  g_signal_connect (item, "notify::position", G_CALLBACK (on_position_changed), self);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CwSlideList              *self)
{
  on_position_changed (item, NULL, self);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CwSlideList              *self)
{
  cw_slide_row_unbind (CW_SLIDE_ROW (gtk_list_item_get_child (item)));
}

/* Playing and scrubbing move the selection along with the preview. */
static void
on_player_slide (CwSlideList *self)
{
  guint slide = cw_player_get_slide (self->player);

  if (self->syncing || slide >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, slide);
  self->syncing = FALSE;
}

static void
on_selected (CwSlideList *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->syncing || self->player == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->syncing = TRUE;
  cw_player_set_playing (self->player, FALSE);
  cw_player_seek_to_slide (self->player, selected);
  self->syncing = FALSE;
}

static void
cw_slide_list_dispose (GObject *object)
{
  CwSlideList *self = (CwSlideList *)object;

  cw_slide_list_set_player (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CW_TYPE_SLIDE_LIST);
  /* the template's outer box is not a bound child, so it is not unparented above */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (cw_slide_list_parent_class)->dispose (object);
}

/* The list is one Tab stop, as a list is for keyboard users: arrow keys
 * move between slides, Tab goes on to the buttons below and Shift+Tab
 * back out, instead of visiting every slide on the way. */
static gboolean
focus_selected_row (CwSlideList *self)
{
  g_autoptr(CwSlide) selected = gtk_single_selection_get_selected_item (self->selection)
                                  ? g_object_ref (gtk_single_selection_get_selected_item (self->selection))
                                  : NULL;

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); item;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (CW_IS_SLIDE_ROW (row) && cw_slide_row_get_slide (CW_SLIDE_ROW (row)) == selected &&
          gtk_widget_get_mapped (item))
        return gtk_widget_grab_focus (item);
    }
  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
cw_slide_list_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  CwSlideList *self = CW_SLIDE_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
  gboolean in_self = focus != NULL && gtk_widget_is_ancestor (focus, widget);

  if (direction == GTK_DIR_TAB_FORWARD)
    {
      if (in_list)
        return gtk_widget_child_focus (self->button_box, direction);
      /* coming in, the focus lands on the slide shown */
      if (!in_self)
        return focus_selected_row (self);
    }
  else if (direction == GTK_DIR_TAB_BACKWARD)
    {
      if (in_list)
        return FALSE;
      /* from after the list: its buttons first, then the slide shown */
      if (!gtk_widget_child_focus (self->button_box, direction))
        return focus_selected_row (self);
      return TRUE;
    }
  return GTK_WIDGET_CLASS (cw_slide_list_parent_class)->focus (widget, direction);
}

static void
cw_slide_list_class_init (CwSlideListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cw_slide_list_dispose;
  widget_class->focus = cw_slide_list_focus;

  /**
   * CwSlideList::move:
   * @from: the position of the slide dragged
   * @to: where it was dropped
   */
  signals[MOVE] =
    g_signal_new ("move",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * CwSlideList::picked:
   * @position: the slide the user chose, by a click or Enter
   *
   * Unlike a change of selection, which arrow keys and playback also
   * make, this says the user is done choosing.
   */
  signals[PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/clearway/Clearway/ui/cw-slide-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CwSlideList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CwSlideList, button_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cw-slide-list");
}

static void
cw_slide_list_init (CwSlideList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);
}

void
cw_slide_list_set_player (CwSlideList *self,
                          CwPlayer    *player)
{
  g_return_if_fail (CW_IS_SLIDE_LIST (self));

  if (self->player == player)
    return;

  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_set_object (&self->player, player);

  gtk_single_selection_set_model (self->selection,
                                  player ? cw_deck_get_slides (cw_player_get_deck (player)) : NULL);
  if (player != NULL)
    g_signal_connect_object (player, "notify::slide", G_CALLBACK (on_player_slide), self, G_CONNECT_SWAPPED);
}

guint
cw_slide_list_get_selected (CwSlideList *self)
{
  g_return_val_if_fail (CW_IS_SLIDE_LIST (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

void
cw_slide_list_select (CwSlideList *self,
                      guint        position)
{
  g_return_if_fail (CW_IS_SLIDE_LIST (self));

  gtk_single_selection_set_selected (self->selection, position);
  on_selected (self);
}
