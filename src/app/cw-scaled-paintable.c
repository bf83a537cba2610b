/* cw-scaled-paintable.c
 *
 * A picture rendered at twice its display size stays sharp on HiDPI
 * screens, but GtkPicture would ask for its full pixel size. This wrapper
 * reports the size it is meant to be shown at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-scaled-paintable.h"

struct _CwScaledPaintable
{
  GObject       parent_instance;

  GdkPaintable *paintable;
  double        scale;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CwScaledPaintable, cw_scaled_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
cw_scaled_paintable_snapshot (GdkPaintable *paintable,
                              GdkSnapshot  *snapshot,
                              double        width,
                              double        height)
{
  CwScaledPaintable *self = CW_SCALED_PAINTABLE (paintable);

  gdk_paintable_snapshot (self->paintable, snapshot, width, height);
}

static int
cw_scaled_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  CwScaledPaintable *self = CW_SCALED_PAINTABLE (paintable);

  return (int) (gdk_paintable_get_intrinsic_width (self->paintable) / self->scale + 0.5);
}

static int
cw_scaled_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  CwScaledPaintable *self = CW_SCALED_PAINTABLE (paintable);

  return (int) (gdk_paintable_get_intrinsic_height (self->paintable) / self->scale + 0.5);
}

static double
cw_scaled_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  CwScaledPaintable *self = CW_SCALED_PAINTABLE (paintable);

  return gdk_paintable_get_intrinsic_aspect_ratio (self->paintable);
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = cw_scaled_paintable_snapshot;
  iface->get_intrinsic_width = cw_scaled_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = cw_scaled_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = cw_scaled_paintable_get_intrinsic_aspect_ratio;
}

static void
cw_scaled_paintable_dispose (GObject *object)
{
  CwScaledPaintable *self = (CwScaledPaintable *)object;

  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (cw_scaled_paintable_parent_class)->dispose (object);
}

static void
cw_scaled_paintable_class_init (CwScaledPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cw_scaled_paintable_dispose;
}

static void
cw_scaled_paintable_init (CwScaledPaintable *self)
{
  self->scale = 1;
}

/**
 * cw_scaled_paintable_new:
 * @scale: how many of @paintable's pixels make one pixel on screen
 *
 * Returns: (transfer full): @paintable, reporting its size divided by @scale
 */
GdkPaintable *
cw_scaled_paintable_new (GdkPaintable *paintable,
                         double        scale)
{
  CwScaledPaintable *self;

  g_return_val_if_fail (GDK_IS_PAINTABLE (paintable), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  self = g_object_new (CW_TYPE_SCALED_PAINTABLE, NULL);
  self->paintable = g_object_ref (paintable);
  self->scale = scale;
  return GDK_PAINTABLE (self);
}
