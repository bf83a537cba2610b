/* cw-png.c
 *
 * Frames are intermediate files for a video encoder, written by the
 * thousand, so speed matters more than size. The profile of an export put
 * a third of its time in zlib and libpng's row-by-row machinery; libdeflate
 * compresses the whole image in one call and is several times faster at
 * the same level. PNG's container around it is a handful of chunks, so it
 * is written here: signature, IHDR, the sRGB tags libpng wrote before
 * (sRGB, and gAMA and cHRM for readers that ignore sRGB), one IDAT, IEND.
 *
 * Rows are not filtered: choosing a filter per row costs more than the
 * compression it buys for frames that only feed a video encoder (shared
 * notes, §7). Opaque frames are 8-bit RGB, as encoders want; alpha is
 * written only for transparent decks (ARGB32 surfaces). libpng still reads
 * PNGs elsewhere, and the tests read these back with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdeflate.h>
#include <string.h>

#include "cw-error.h"
#include "cw-png.h"

/* A compressor holds a few hundred KB of tables: one per thread and level
 * is made once, not once a frame. */
typedef struct
{
  int                           level;
  struct libdeflate_compressor *compressor;
} CachedCompressor;

static void
cached_compressor_free (gpointer data)
{
  CachedCompressor *cached = data;

  libdeflate_free_compressor (cached->compressor);
  g_free (cached);
}

static GPrivate compressor_key = G_PRIVATE_INIT (cached_compressor_free);

static struct libdeflate_compressor *
get_compressor (int level)
{
  CachedCompressor *cached = g_private_get (&compressor_key);

  if (cached != NULL && cached->level == level)
    return cached->compressor;

  cached = g_new0 (CachedCompressor, 1);
  cached->level = level;
  cached->compressor = libdeflate_alloc_compressor (level);
  if (cached->compressor == NULL)
    {
      g_free (cached);
      return NULL;
    }
  /* frees the one it replaces */
  g_private_replace (&compressor_key, cached);
  return cached->compressor;
}

static guint8 *
put_u32 (guint8  *p,
         guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
  return p + 4;
}

/* Writes a chunk's length, type and data at @p, and its CRC after them.
 * @data may already be in place at p + 8. Returns the end of the chunk. */
static guint8 *
put_chunk (guint8       *p,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint8 *start = p;

  p = put_u32 (p, len);
  memcpy (p, type, 4);
  p += 4;
  if (data != NULL && data != p)
    memcpy (p, data, len);
  p += len;
  /* the CRC covers the type and the data, not the length */
  return put_u32 (p, libdeflate_crc32 (0, start + 4, len + 4));
}

/* Fills @raw with PNG scanlines: a filter byte (0, none), then the pixels
 * in byte order, straight alpha where there is alpha. */
static void
fill_scanlines (guint8       *raw,
                const guint8 *pixels,
                int           width,
                int           height,
                int           stride,
                gboolean      alpha)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      guint8 *dst = raw;

      *dst++ = 0;
      if (alpha)
        {
          for (int x = 0; x < width; x++)
            {
              guint32 p = src[x];
              guint a = p >> 24;
              guint r = (p >> 16) & 0xff;
              guint g = (p >> 8) & 0xff;
              guint b = p & 0xff;

              /* cairo premultiplies; PNG does not */
              if (a != 0 && a != 255)
                {
                  r = (r * 255 + a / 2) / a;
                  g = (g * 255 + a / 2) / a;
                  b = (b * 255 + a / 2) / a;
                }
              dst[0] = r;
              dst[1] = g;
              dst[2] = b;
              dst[3] = a;
              dst += 4;
            }
        }
      else
        {
          for (int x = 0; x < width; x++)
            {
              guint32 p = src[x];

              dst[0] = p >> 16;
              dst[1] = p >> 8;
              dst[2] = p;
              dst += 3;
            }
        }
      raw = dst;
    }
}

/**
 * cw_png_encode:
 * @surface: an RGB24 or ARGB32 image surface
 * @level: compression level, 1 (fast) to 12 (small)
 *
 * Returns: (transfer full): the PNG file's bytes: 8-bit RGB, or RGBA for an
 *   ARGB32 surface, tagged sRGB; or %NULL with @error set
 */
GBytes *
cw_png_encode (cairo_surface_t  *surface,
               int               level,
               GError          **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* the values libpng's png_set_sRGB_gAMA_and_cHRM() writes */
  static const guint32 chrm[8] = { 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000 };
  struct libdeflate_compressor *compressor;
  g_autofree guint8 *raw = NULL;
  guint8 *png, *p, *idat;
  guint8 header[13], values[32];
  gsize row_bytes, raw_len, bound, deflated;
  int width, height, channels;
  gboolean alpha;

  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  channels = alpha ? 4 : 3;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  compressor = get_compressor (CLAMP (level, 0, 12));
  row_bytes = 1 + (gsize) width * channels;
  raw_len = row_bytes * height;
  raw = g_try_malloc (raw_len);
  bound = compressor != NULL ? libdeflate_zlib_compress_bound (compressor, raw_len) : 0;
  /* signature, IHDR, sRGB, gAMA, cHRM, IEND, and IDAT's own 12 bytes */
  png = raw != NULL && compressor != NULL ? g_try_malloc (8 + 25 + 13 + 16 + 44 + 12 + 12 + bound) : NULL;
  if (png == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("There is not enough memory to encode a frame."));
      return NULL;
    }

  fill_scanlines (raw, cairo_image_surface_get_data (surface), width, height,
                  cairo_image_surface_get_stride (surface), alpha);

  memcpy (png, signature, sizeof signature);
  p = png + sizeof signature;

  put_u32 (header, width);
  put_u32 (header + 4, height);
  header[8] = 8;                  /* bits per channel */
  header[9] = alpha ? 6 : 2;      /* RGBA : RGB */
  header[10] = 0;                 /* deflate */
  header[11] = 0;                 /* adaptive filtering, each row says which */
  header[12] = 0;                 /* not interlaced */
  p = put_chunk (p, "IHDR", header, sizeof header);

  values[0] = 0;                  /* perceptual rendering intent */
  p = put_chunk (p, "sRGB", values, 1);
  put_u32 (values, 45455);        /* 1 / 2.2, as sRGB tells readers that ignore it */
  p = put_chunk (p, "gAMA", values, 4);
  for (guint i = 0; i < G_N_ELEMENTS (chrm); i++)
    put_u32 (values + 4 * i, chrm[i]);
  p = put_chunk (p, "cHRM", values, sizeof values);

  /* compressed straight into place, after the chunk's length and type */
  idat = p + 8;
  deflated = libdeflate_zlib_compress (compressor, raw, raw_len, idat, bound);
  if (deflated == 0 || deflated > G_MAXINT32)
    {
      g_free (png);
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("A frame of %d×%d pixels is too large to encode as PNG."),
                   width, height);
      return NULL;
    }
  p = put_chunk (p, "IDAT", idat, deflated);
  p = put_chunk (p, "IEND", NULL, 0);

  return g_bytes_new_take (g_realloc (png, p - png), p - png);
}
