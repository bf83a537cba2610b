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
 * A sequence's frames go through a CwPngEncoder instead. Consecutive
 * frames of a clip mostly differ in a band of rows (a count-up, a bar
 * growing), so the encoder deflates the image in bands of rows, each an
 * independent piece of deflate data that ends on a byte and refers to
 * nothing before it, and keeps each band's bytes for the next frame: a
 * band whose rows are the same as last time is reused, not compressed
 * again. To know which are, it keeps no copy of the last frame (8 MB at
 * 1080×1920, for each thread), only a 128-bit hash (XXH3) of each band's
 * pixels: the chance that a changed band hashes the same is far below
 * that of the memory flipping a bit. The caller, having drawn the frame
 * over the last one on the same surface, also says outside which box
 * nothing changed (cw_frame_target_get_changed()); the bands there are
 * not even read.
 *
 * The pieces are one zlib stream once joined, closed by an empty
 * final block and the Adler-32 of the whole, combined from the bands'.
 * libdeflate cannot end a piece anywhere but on a final block, so this is
 * zlib's full flush. Rows are filtered "sub": with zlib's run-length
 * strategy that is as small as libdeflate's unfiltered level 1, at about
 * the same speed a row, and a row depends on no other row, so a band does
 * not either.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdeflate.h>
#include <string.h>
#include <xxhash.h>
#include <zlib.h>

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
/* One of cairo's ARGB32 pixels as PNG's RGBA: cairo premultiplies, PNG
 * does not. Shared by the plain and the sub-filtered scanlines. */
static inline void
unpremultiply (guint32  p,
               guint8  *rgba)
{
  guint a = p >> 24;
  guint r = (p >> 16) & 0xff;
  guint g = (p >> 8) & 0xff;
  guint b = p & 0xff;

  if (a != 0 && a != 255)
    {
      r = (r * 255 + a / 2) / a;
      g = (g * 255 + a / 2) / a;
      b = (b * 255 + a / 2) / a;
    }
  rgba[0] = r;
  rgba[1] = g;
  rgba[2] = b;
  rgba[3] = a;
}

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
              unpremultiply (src[x], dst);
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

/* the sRGB tags libpng's png_set_sRGB_gAMA_and_cHRM() writes, and IHDR */
#define HEADER_BYTES (8 + 25 + 13 + 16 + 44)
/* IDAT's length, type and CRC, and IEND */
#define TRAILER_BYTES (12 + 12)

/* Writes the signature and the chunks before IDAT. Returns their end. */
static guint8 *
put_header (guint8   *png,
            int       width,
            int       height,
            gboolean  alpha)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint32 chrm[8] = { 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000 };
  guint8 header[13], values[32];
  guint8 *p;

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
  return put_chunk (p, "cHRM", values, sizeof values);
}

/* Closes @png: the IDAT whose @len bytes are already in place at @p + 8,
 * and IEND. Returns the file's bytes. */
static GBytes *
finish_png (guint8 *png,
            guint8 *p,
            gsize   len)
{
  p = put_chunk (p, "IDAT", p + 8, len);
  p = put_chunk (p, "IEND", NULL, 0);
  return g_bytes_new_take (g_realloc (png, p - png), p - png);
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
  struct libdeflate_compressor *compressor;
  g_autofree guint8 *raw = NULL;
  guint8 *png, *p;
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
  png = raw != NULL && compressor != NULL ? g_try_malloc (HEADER_BYTES + TRAILER_BYTES + bound) : NULL;
  if (png == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("There is not enough memory to encode a frame."));
      return NULL;
    }

  fill_scanlines (raw, cairo_image_surface_get_data (surface), width, height,
                  cairo_image_surface_get_stride (surface), alpha);

  p = put_header (png, width, height, alpha);
  /* compressed straight into place, after the chunk's length and type */
  deflated = libdeflate_zlib_compress (compressor, raw, raw_len, p + 8, bound);
  if (deflated == 0 || deflated > G_MAXINT32)
    {
      g_free (png);
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("A frame of %d×%d pixels is too large to encode as PNG."),
                   width, height);
      return NULL;
    }
  return finish_png (png, p, deflated);
}

/* Rows a band holds: small enough that a count-up's digits dirty few of
 * them, large enough that a band's own Huffman tables and the flush's five
 * bytes are a small part of it. */
#define BAND_ROWS 16

typedef struct
{
  guint8        *deflated;      /* raw deflate, whole blocks, ends on a byte */
  gsize          len;
  guint32        adler;         /* of the band's scanlines */
  gsize          raw_len;
  XXH128_hash_t  hash;          /* of the surface's rows it was made of */
} Band;

struct _CwPngEncoder
{
  z_stream                        stream;
  gboolean                        stream_ready;
  XXH3_state_t                   *hash_state;
  /* the size and kind of frame @bands are of */
  int                             width;
  int                             height;
  gboolean                        alpha;
  /* the surface last encoded; kept only to know it again */
  cairo_surface_t                *surface;
  Band                           *bands;
  guint                           n_bands;
  guint8                         *scanlines;  /* one band's */
  guint8                         *out;        /* one band's deflated, as it is made */
  gsize                           out_size;
};

/**
 * cw_png_encoder_new:
 *
 * An encoder for the frames of one sequence, on one thread at a time.
 * Frames that share rows with the one encoded before are encoded faster,
 * and faster still when drawn over it on the same surface.
 */
CwPngEncoder *
cw_png_encoder_new (void)
{
  return g_new0 (CwPngEncoder, 1);
}

static void
clear_bands (CwPngEncoder *self)
{
  for (guint i = 0; i < self->n_bands; i++)
    g_free (self->bands[i].deflated);
  g_clear_pointer (&self->bands, g_free);
  self->n_bands = 0;
  g_clear_pointer (&self->surface, cairo_surface_destroy);
}

void
cw_png_encoder_free (CwPngEncoder *self)
{
  if (self == NULL)
    return;
  clear_bands (self);
  if (self->stream_ready)
    deflateEnd (&self->stream);
  g_clear_pointer (&self->hash_state, XXH3_freeState);
  g_free (self->scanlines);
  g_free (self->out);
  g_free (self);
}

/* Fills @raw with the "sub" scanlines of @rows rows: each byte less the
 * same channel of the pixel to its left. */
static void
fill_sub_scanlines (guint8       *raw,
                    const guint8 *pixels,
                    int           width,
                    int           rows,
                    int           stride,
                    gboolean      alpha)
{
  for (int y = 0; y < rows; y++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      guint8 *dst = raw;
      guint8 pr = 0, pg = 0, pb = 0, pa = 0;

      *dst++ = 1;
      if (alpha)
        {
          for (int x = 0; x < width; x++)
            {
              guint8 rgba[4];

              unpremultiply (src[x], rgba);
              dst[0] = rgba[0] - pr;
              dst[1] = rgba[1] - pg;
              dst[2] = rgba[2] - pb;
              dst[3] = rgba[3] - pa;
              pr = rgba[0];
              pg = rgba[1];
              pb = rgba[2];
              pa = rgba[3];
              dst += 4;
            }
        }
      else
        {
          for (int x = 0; x < width; x++)
            {
              guint32 p = src[x];
              guint8 r = p >> 16;
              guint8 g = p >> 8;
              guint8 b = p;

              dst[0] = r - pr;
              dst[1] = g - pg;
              dst[2] = b - pb;
              pr = r;
              pg = g;
              pb = b;
              dst += 3;
            }
        }
      raw = dst;
    }
}

/* The hash of @rows rows of pixels, as the surface holds them. */
static XXH128_hash_t
hash_rows (CwPngEncoder *self,
           const guint8 *pixels,
           int           stride,
           gsize         row_len,
           int           rows)
{
  if ((gsize) stride == row_len)
    return XXH3_128bits (pixels, row_len * rows);

  if (self->hash_state == NULL)
    self->hash_state = XXH3_createState ();
  XXH3_128bits_reset (self->hash_state);
  for (int y = 0; y < rows; y++)
    XXH3_128bits_update (self->hash_state, pixels + (gsize) y * stride, row_len);
  return XXH3_128bits_digest (self->hash_state);
}

/* Deflates @band's scanlines, now in self->scanlines, into a piece that
 * owes nothing to what comes before it and ends on a byte. */
static gboolean
deflate_band (CwPngEncoder *self,
              Band         *band)
{
  z_stream *stream = &self->stream;
  int status;

  if (deflateReset (stream) != Z_OK)
    return FALSE;
  stream->next_in = self->scanlines;
  stream->avail_in = band->raw_len;
  stream->next_out = self->out;
  stream->avail_out = self->out_size;
  /* a flush can need more than deflateBound(): then there is more to come */
  while ((status = deflate (stream, Z_FULL_FLUSH)) == Z_OK && stream->avail_out == 0)
    {
      gsize made = self->out_size;

      self->out_size *= 2;
      self->out = g_realloc (self->out, self->out_size);
      stream->next_out = self->out + made;
      stream->avail_out = self->out_size - made;
    }
  if (status != Z_OK || stream->avail_in != 0)
    return FALSE;

  band->len = stream->next_out - self->out;
  band->deflated = g_realloc (band->deflated, band->len);
  memcpy (band->deflated, self->out, band->len);
  band->adler = libdeflate_adler32 (1, self->scanlines, band->raw_len);
  return TRUE;
}

/**
 * cw_png_encoder_encode:
 * @surface: an RGB24 or ARGB32 image surface
 * @changed: (nullable): when @surface is the surface this encoder encoded
 *   last, drawn on again since: the box outside which every pixel is as it
 *   was then (it may be empty); %NULL when any pixel may differ
 *
 * The rows outside @changed are not read: their bytes from the last frame
 * are reused. A box too small makes a wrong picture. Rows inside it, or
 * anywhere without one, are compressed again only if they changed.
 *
 * Returns: (transfer full): the PNG file's bytes, as cw_png_encode() makes
 *   them but for the filter; or %NULL with @error set
 */
GBytes *
cw_png_encoder_encode (CwPngEncoder                *self,
                       cairo_surface_t             *surface,
                       const cairo_rectangle_int_t *changed,
                       GError                     **error)
{
  /* deflate, 32 KB window; "fastest" level, and a multiple of 31 */
  static const guint8 zlib_header[2] = { 0x78, 0x01 };
  /* an empty final block with the fixed codes: 1, 01, then end-of-block */
  static const guint8 last_block[2] = { 0x03, 0x00 };
  const guint8 *pixels;
  guint8 *png, *p, *idat;
  gsize row_len, row_bytes, idat_len;
  int width, height, stride, channels;
  gboolean alpha, boxed;
  guint32 adler;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  channels = alpha ? 4 : 3;
  pixels = cairo_image_surface_get_data (surface);

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (!self->stream_ready)
    {
      /* raw deflate: the zlib header and checksum are written here */
      if (deflateInit2 (&self->stream, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("There is not enough memory to encode a frame."));
          return NULL;
        }
      self->stream_ready = TRUE;
    }

  row_len = (gsize) width * 4;
  row_bytes = 1 + (gsize) width * channels;
  if (self->bands == NULL || self->width != width || self->height != height || self->alpha != alpha)
    {
      clear_bands (self);
      self->width = width;
      self->height = height;
      self->alpha = alpha;
      self->n_bands = (height + BAND_ROWS - 1) / BAND_ROWS;
      self->bands = g_new0 (Band, self->n_bands);
      g_free (self->scanlines);
      self->scanlines = g_malloc (row_bytes * BAND_ROWS);
      g_free (self->out);
      self->out_size = deflateBound (&self->stream, row_bytes * BAND_ROWS) + 64;
      self->out = g_malloc (self->out_size);
    }
  /* a box is only about the surface it was drawn on */
  boxed = changed != NULL && surface == self->surface;

  idat_len = sizeof zlib_header + sizeof last_block + 4;
  adler = 1;
  for (guint i = 0; i < self->n_bands; i++)
    {
      Band *band = &self->bands[i];
      int y = i * BAND_ROWS;
      int rows = MIN (BAND_ROWS, height - y);
      gsize at = (gsize) y * stride;

      if (!boxed || (changed->width > 0 && changed->height > 0 &&
                     y < changed->y + changed->height && changed->y < y + rows))
        {
          XXH128_hash_t hash = hash_rows (self, pixels + at, stride, row_len, rows);

          if (band->deflated == NULL || !XXH128_isEqual (hash, band->hash))
            {
              band->raw_len = row_bytes * rows;
              band->hash = hash;
              fill_sub_scanlines (self->scanlines, pixels + at, width, rows, stride, alpha);
              if (!deflate_band (self, band))
                {
                  /* nothing kept is known to be right now */
                  clear_bands (self);
                  g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("There is not enough memory to encode a frame."));
                  return NULL;
                }
            }
        }
      adler = adler32_combine (adler, band->adler, band->raw_len);
      idat_len += band->len;
    }

  if (surface != self->surface)
    {
      g_clear_pointer (&self->surface, cairo_surface_destroy);
      self->surface = cairo_surface_reference (surface);
    }

  if (idat_len > G_MAXINT32)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("A frame of %d×%d pixels is too large to encode as PNG."),
                   width, height);
      return NULL;
    }

  png = g_try_malloc (HEADER_BYTES + TRAILER_BYTES + idat_len);
  if (png == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_WRITE, _("There is not enough memory to encode a frame."));
      return NULL;
    }
  p = put_header (png, width, height, alpha);
  idat = p + 8;
  memcpy (idat, zlib_header, sizeof zlib_header);
  idat += sizeof zlib_header;
  for (guint i = 0; i < self->n_bands; i++)
    {
      memcpy (idat, self->bands[i].deflated, self->bands[i].len);
      idat += self->bands[i].len;
    }
  memcpy (idat, last_block, sizeof last_block);
  idat += sizeof last_block;
  put_u32 (idat, adler);
  return finish_png (png, p, idat_len);
}
