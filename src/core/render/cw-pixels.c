/* cw-pixels.c
 *
 * An export renders one format after another: 1080×1920, then 1080×1350,
 * 1080×1080, 1920×1080, each with frames, layers and textures of its own
 * size, a few MB apiece. Taken from malloc, the freed ones stay in its
 * arenas (glibc serves blocks this large from the heap once one has been
 * freed), cut up by the next size's, and a format × language matrix grew
 * to half again the memory of one sequence. Buffers this large are mapped
 * on their own instead, and what the heap still holds free is handed back
 * between sequences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cw-pixels.h"

static cairo_user_data_key_t mapping_key;

typedef struct
{
  gpointer data;
  gsize    size;
} Mapping;

/**
 * cw_pixels_map:
 * @size: bytes
 *
 * Maps @size bytes of zeroed memory of their own, outside malloc's heap:
 * given back to the system by cw_pixels_unmap(), whatever else the heap
 * holds.
 *
 * Returns: (nullable): the memory, or %NULL if it cannot be mapped
 */
gpointer
cw_pixels_map (gsize size)
{
  gpointer data = mmap (NULL, MAX (size, 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  return data == MAP_FAILED ? NULL : data;
}

/**
 * cw_pixels_unmap:
 *
 * Gives back memory cw_pixels_map() mapped, of the @size it was asked for.
 */
void
cw_pixels_unmap (gpointer data,
                 gsize    size)
{
  if (data != NULL)
    munmap (data, MAX (size, 1));
}

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  cw_pixels_unmap (mapping->data, mapping->size);
  g_free (mapping);
}

/**
 * cw_pixels_surface_new:
 *
 * Makes an image surface whose pixels are a mapping of their own, unmapped
 * when the surface is destroyed. Like cairo_image_surface_create(), it
 * starts transparent (anonymous pages are zero).
 *
 * Returns: (transfer full): the surface; one from
 *   cairo_image_surface_create() if the mapping fails
 */
cairo_surface_t *
cw_pixels_surface_new (cairo_format_t format,
                       int            width,
                       int            height)
{
  int stride = cairo_format_stride_for_width (format, width);
  Mapping *mapping;
  cairo_surface_t *surface;

  if (stride <= 0 || width <= 0 || height <= 0)
    return cairo_image_surface_create (format, width, height);

  mapping = g_new0 (Mapping, 1);
  mapping->size = (gsize) stride * height;
  mapping->data = cw_pixels_map (mapping->size);
  if (mapping->data == NULL)
    {
      g_free (mapping);
      return cairo_image_surface_create (format, width, height);
    }
  surface = cairo_image_surface_create_for_data (mapping->data, format, width, height, stride);
  if (cairo_surface_set_user_data (surface, &mapping_key, mapping, mapping_free) != CAIRO_STATUS_SUCCESS)
    mapping_free (mapping);
  return surface;
}

/* A block this large or larger is always mapped on its own. The PNG file
 * of a frame (a few hundred KB) stays below: taken from the heap, it is
 * the same memory frame after frame, without the kernel clearing it. */
#define MAPPED_BLOCK (1024 * 1024)

/**
 * cw_pixels_map_large_blocks:
 *
 * Has malloc map every block of a megabyte or more on its own, for the
 * rest of the process. Left to itself, glibc raises that threshold each
 * time a mapped block is freed, up to 32 MB: after the first frame-sized
 * surface cairo frees, the next ones (textures, glyph images, images
 * drawn for a chart) come from the heap, and the next sequence's sizes
 * cut up what they left instead of reusing it. A format × language
 * matrix grew its heap by megabytes a sequence so.
 */
void
cw_pixels_map_large_blocks (void)
{
#ifdef __GLIBC__
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* setting it at all stops glibc from moving it */
      mallopt (M_MMAP_THRESHOLD, MAPPED_BLOCK);
      g_once_init_leave (&once, 1);
    }
#endif
}

/**
 * cw_pixels_release_free:
 *
 * Hands the memory malloc holds free back to the system: after a piece of
 * work that freed much (a sequence of an export), so the next one does
 * not start from the last one's high-water mark. Takes about a
 * millisecond; not for every frame.
 */
void
cw_pixels_release_free (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}
