/* cw-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>
#include <png.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-image.h"

struct _CwImage
{
  GObject          parent_instance;

  GBytes          *bytes;
  const char      *media_type;

  /* exactly one of these is set */
  cairo_surface_t *raster;
  RsvgHandle      *svg;
  /* RsvgHandle is not thread-safe, and exporter threads render logos */
  GMutex           svg_lock;

  double           width;
  double           height;
};

G_DEFINE_FINAL_TYPE (CwImage, cw_image, G_TYPE_OBJECT)

static void
cw_image_finalize (GObject *object)
{
  CwImage *self = (CwImage *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  g_clear_object (&self->svg);
  g_mutex_clear (&self->svg_lock);

  G_OBJECT_CLASS (cw_image_parent_class)->finalize (object);
}

static void
cw_image_class_init (CwImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_image_finalize;
}

static void
cw_image_init (CwImage *self)
{
  g_mutex_init (&self->svg_lock);
}

static gboolean
looks_like_svg (const guint8 *data,
                gsize         len)
{
  g_autofree char *head = g_strndup ((const char *) data, MIN (len, 4096));

  return strstr (head, "<svg") != NULL;
}

static cairo_surface_t *
decode_png (const guint8  *data,
            gsize          len,
            const char    *display_name,
            GError       **error)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  g_autoptr(cairo_surface_t) surface = NULL;
  guint8 *pixels;
  int stride;

  if (!png_image_begin_read_from_memory (&image, data, len))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the PNG image cannot be read (%s). Export it again from your image editor."),
                   display_name, image.message);
      return NULL;
    }

  if (image.width > CW_IMAGE_MAX_SIDE || image.height > CW_IMAGE_MAX_SIDE)
    {
      png_image_free (&image);
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the image is %u×%u pixels; images may be at most %d pixels on a side. Scale it down first."),
                   display_name, image.width, image.height, CW_IMAGE_MAX_SIDE);
      return NULL;
    }

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  image.format = PNG_FORMAT_BGRA;
#else
  image.format = PNG_FORMAT_ARGB;
#endif

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image.width, image.height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      png_image_free (&image);
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: there is not enough memory to decode the image."), display_name);
      return NULL;
    }

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  if (!png_image_finish_read (&image, NULL, pixels, stride, NULL))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the PNG image is damaged (%s). Export it again from your image editor."),
                   display_name, image.message);
      png_image_free (&image);
      return NULL;
    }

  /* cairo wants premultiplied alpha */
  for (guint y = 0; y < image.height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (pixels + (gsize) y * stride);
      for (guint x = 0; x < image.width; x++)
        {
          guint32 p = row[x];
          guint a = p >> 24;
          if (a != 255)
            {
              guint r = ((p >> 16) & 0xff) * a / 255;
              guint g = ((p >> 8) & 0xff) * a / 255;
              guint b = (p & 0xff) * a / 255;
              row[x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
    }
  cairo_surface_mark_dirty (surface);

  return g_steal_pointer (&surface);
}

typedef struct
{
  int width;
  int height;
} JpegSize;

/* The loader knows the size from the frame header, before it decodes a
 * pixel; a size of 0×0 makes it stop there, so a huge image is refused
 * without its pixels ever being allocated. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  JpegSize        *size)
{
  size->width = width;
  size->height = height;
  if (width > CW_IMAGE_MAX_SIDE || height > CW_IMAGE_MAX_SIDE)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

static cairo_surface_t *
decode_jpeg (const guint8  *data,
             gsize          len,
             const char    *display_name,
             GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  GdkPixbuf *pixbuf = NULL;
  JpegSize size = { 0, 0 };
  guint width, height;
  const guint8 *pixels;
  guint8 *out;
  int stride, out_stride, channels;
  gboolean done = FALSE;

  /* only the JPEG loader, not every format gdk-pixbuf knows */
  loader = gdk_pixbuf_loader_new_with_type ("jpeg", &local_error);
  if (loader != NULL)
    {
      gboolean written;

      g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &size);
      written = gdk_pixbuf_loader_write (loader, data, len, &local_error);
      /* closed once, whatever happened: the first error is the one to tell */
      done = gdk_pixbuf_loader_close (loader, written ? &local_error : NULL) && written &&
             (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) != NULL;
    }

  if (size.width > CW_IMAGE_MAX_SIDE || size.height > CW_IMAGE_MAX_SIDE)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the image is %u×%u pixels; images may be at most %d pixels on a side. Scale it down first."),
                   display_name, (guint) size.width, (guint) size.height, CW_IMAGE_MAX_SIDE);
      return NULL;
    }
  if (!done && size.width == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the JPEG image cannot be read. Export it again from your image editor."),
                   display_name);
      return NULL;
    }
  if (!done)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the JPEG image is damaged (%s). Export it again from your image editor."),
                   display_name, local_error ? local_error->message : "?");
      return NULL;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *src = pixels + (gsize) y * stride;
      guint32 *dst = (guint32 *) (gpointer) (out + (gsize) y * out_stride);

      for (guint x = 0; x < width; x++, src += channels)
        dst[x] = 0xff000000u | (src[0] << 16) | (src[1] << 8) | src[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * cw_image_new_from_bytes:
 * @bytes: the file's content
 * @display_name: how to name the image in messages
 *
 * Decodes a PNG, a JPEG or an SVG. Anything else, anything larger than
 * %CW_IMAGE_MAX_BYTES or with a side over %CW_IMAGE_MAX_SIDE, is refused
 * with a message that names @display_name.
 */
CwImage *
cw_image_new_from_bytes (GBytes      *bytes,
                         const char  *display_name,
                         GError     **error)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(CwImage) self = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > CW_IMAGE_MAX_BYTES)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the image is larger than 16 MB. Use a smaller PNG or an SVG."),
                   display_name);
      return NULL;
    }

  self = g_object_new (CW_TYPE_IMAGE, NULL);
  self->bytes = g_bytes_ref (bytes);

  if (len >= 8 && memcmp (data, png_signature, 8) == 0)
    {
      self->media_type = "image/png";
      self->raster = decode_png (data, len, display_name, error);
      if (self->raster == NULL)
        return NULL;
      self->width = cairo_image_surface_get_width (self->raster);
      self->height = cairo_image_surface_get_height (self->raster);
    }
  else if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    {
      self->media_type = "image/jpeg";
      self->raster = decode_jpeg (data, len, display_name, error);
      if (self->raster == NULL)
        return NULL;
      self->width = cairo_image_surface_get_width (self->raster);
      self->height = cairo_image_surface_get_height (self->raster);
    }
  else if (looks_like_svg (data, len))
    {
      g_autoptr(GError) local_error = NULL;
      gdouble w = 0, h = 0;

      self->media_type = "image/svg+xml";
      /* No base file: an SVG cannot pull in other files or URLs. */
      self->svg = rsvg_handle_new_from_data (data, len, &local_error);
      if (self->svg == NULL)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("%s: the SVG image cannot be read (%s). Save it again as plain SVG."),
                       display_name, local_error->message);
          return NULL;
        }

      if (!rsvg_handle_get_intrinsic_size_in_pixels (self->svg, &w, &h) || w <= 0 || h <= 0)
        {
          gboolean has_viewbox = FALSE;
          RsvgRectangle viewbox = { 0 };

          rsvg_handle_get_intrinsic_dimensions (self->svg, NULL, NULL, NULL, NULL,
                                                &has_viewbox, &viewbox);
          if (!has_viewbox || viewbox.width <= 0 || viewbox.height <= 0)
            {
              g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                           _("%s: the SVG image has neither a size nor a viewBox. Add width and height to its <svg> element."),
                           display_name);
              return NULL;
            }
          w = viewbox.width;
          h = viewbox.height;
        }
      self->width = w;
      self->height = h;
    }
  else
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: this is not a PNG, JPEG or SVG image. Convert it to one of those."),
                   display_name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

CwImage *
cw_image_new_from_file (GFile   *file,
                        GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;

  bytes = cw_file_load_bounded (file, CW_IMAGE_MAX_BYTES, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, CW_ERROR, CW_ERROR_TOO_LARGE))
        g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                     _("%s: the image is larger than 16 MB. Use a smaller PNG or an SVG."), name);
      else
        /* the message names the file already */
        g_set_error_literal (error, CW_ERROR, CW_ERROR_BAD_VALUE, local_error->message);
      return NULL;
    }

  return cw_image_new_from_bytes (bytes, name, error);
}

GBytes *
cw_image_get_bytes (CwImage *self)
{
  g_return_val_if_fail (CW_IS_IMAGE (self), NULL);
  return self->bytes;
}

const char *
cw_image_get_media_type (CwImage *self)
{
  g_return_val_if_fail (CW_IS_IMAGE (self), NULL);
  return self->media_type;
}

/* width / height */
double
cw_image_get_aspect_ratio (CwImage *self)
{
  g_return_val_if_fail (CW_IS_IMAGE (self), 1);
  return self->width / self->height;
}

/**
 * cw_image_render:
 *
 * Draws the image scaled into a new @width × @height surface, keeping
 * its aspect ratio and centering it. Safe to call from any thread.
 *
 * Returns: (transfer full): an ARGB32 image surface
 */
cairo_surface_t *
cw_image_render (CwImage *self,
                 int      width,
                 int      height)
{
  g_autoptr(cairo_t) cr = NULL;
  cairo_surface_t *surface;
  double scale;

  g_return_val_if_fail (CW_IS_IMAGE (self), NULL);

  width = CLAMP (width, 1, CW_IMAGE_MAX_SIDE);
  height = CLAMP (height, 1, CW_IMAGE_MAX_SIDE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  scale = MIN (width / self->width, height / self->height);

  if (self->raster != NULL)
    {
      cairo_translate (cr, (width - self->width * scale) / 2, (height - self->height * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->raster, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
    }
  else
    {
      RsvgRectangle viewport = { 0, 0, width, height };

      g_mutex_lock (&self->svg_lock);
      /* a failure leaves the surface transparent; the SVG parsed, so it is a drawing error only */
      rsvg_handle_render_document (self->svg, cr, &viewport, NULL);
      g_mutex_unlock (&self->svg_lock);
    }

  return surface;
}
