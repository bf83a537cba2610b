/* cw-lint.c
 *
 * A clip that children and shepherds read on a phone can fail without
 * anyone noticing: a faint label, a line too small, a text too long for
 * its slide in Russian, a figure under TikTok's buttons, a box for a
 * missing glyph, a language half in English, no safety message at the
 * end. These checks measure what is rendered: pixels where the rule is
 * about pixels (contrast, flashing), the laid-out scene where it is about
 * text (size, zones, reading time, glyphs, translation). Every rule and
 * its source is in data/lint-checks.md.
 *
 * Frames are sampled sparsely so that checking every format and language
 * costs less than exporting once: for each element the frame where it is
 * first fully visible and the settled frame, drawn by the renderer over
 * its cached layers and never encoded; the flash check reads a luminance
 * track drawn at a twelfth of the size, skipping frames the renderer
 * knows to be identical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-contact-sheet.h"
#include "cw-fonts.h"
#include "cw-lint.h"
#include "cw-locale.h"
#include "cw-renderer.h"
#include "cw-scene.h"
#include "cw-template.h"
#include "cw-text.h"

/* WCAG 1.4.3 and 1.4.11 */
#define TEXT_CONTRAST       4.5
#define LARGE_TEXT_CONTRAST 3.0
#define GRAPHIC_CONTRAST    3.0
/* WCAG's large text is 18 pt (24 CSS px), or 14 pt (18.67 px) bold. A
 * phone shows a 1080 px wide frame about 360 CSS px wide, so a CSS pixel
 * is three reference pixels (data/lint-checks.md). */
#define LARGE_TEXT_PX       (24.0 * 3)
#define LARGE_BOLD_TEXT_PX  (18.67 * 3)
/* the share of the pixels around a text that may be under the ratio:
 * anti-aliased edges of shapes nearby are not what the text is read on */
#define CONTRAST_PERCENTILE 0.10
/* WCAG 2.3.1: at most three flashes in any second; a flash is a pair of
 * opposing changes of relative luminance of 0.1, the darker under 0.8 */
#define MAX_FLASHES         3
#define FLASH_DELTA         0.10
#define FLASH_DARK          0.80
#define FLASH_SCALE         12
#define FLASH_GRID          4

typedef struct
{
  CwDeck       *deck;
  GPtrArray    *formats;
  GStrv         languages;
  GDateTime    *now;
  GPtrArray    *results;
} Lint;

static double linear[256];

static void
init_linear (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < 256; i++)
        {
          double c = i / 255.0;
          linear[i] = c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      g_once_init_leave (&done, 1);
    }
}

/**
 * cw_contrast_ratio:
 * @l1: a relative luminance
 * @l2: another
 *
 * Returns: WCAG's contrast ratio of the two, from 1 to 21
 */
double
cw_contrast_ratio (double l1,
                   double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

static inline double
pixel_luminance (guint32 p)
{
  return 0.2126 * linear[(p >> 16) & 0xff] + 0.7152 * linear[(p >> 8) & 0xff] + 0.0722 * linear[p & 0xff];
}

const char *
cw_severity_to_string (CwSeverity severity)
{
  switch (severity)
    {
    case CW_SEVERITY_ERROR: return "error";
    case CW_SEVERITY_WARNING: return "warning";
    case CW_SEVERITY_NOTE: return "note";
    default: g_assert_not_reached ();
    }
}

static CwDiagnostic *
add_result (Lint           *lint,
            CwSeverity      severity,
            const char     *rule,
            const CwFormat *format,
            const char     *language,
            const char     *slide,
            const char     *element,
            int             frame,
            char           *measured,
            char           *required,
            char           *message,
            const char     *hint)
{
  g_autofree char *owned = message;
  CwDiagnostic *d = cw_diagnostic_new_for_slide (severity, slide, element, owned, hint);

  d->rule = g_strdup (rule);
  d->format = format ? g_strdup (format->name) : NULL;
  d->language = g_strdup (language);
  d->frame = frame;
  d->measured = measured;
  d->required = required;
  g_ptr_array_add (lint->results, d);
  return d;
}

/* What a node shows once it has finished counting or typing. */
static char *
node_text (const CwNode *node)
{
  if (node->kind != CW_NODE_TEXT && node->kind != CW_NODE_COUNTER)
    return NULL;
  return cw_node_get_text_at (node, 1.0);
}

static const char *
element_name (const CwNode *node)
{
  return node->element;
}

/* The frame where @node has finished entering; after the transition into
 * its slide, which shows two slides at once. */
static guint
first_visible_frame (CwRenderer   *renderer,
                     const CwNode *node,
                     guint         first,
                     guint         n_frames)
{
  guint fps = cw_renderer_get_fps (renderer);
  guint local = (guint) ceil (cw_animation_get_end (&node->enter) * fps - 1e-6);
  guint frame = first + MIN (local, n_frames - 1);
  double t;

  while (frame + 1 < first + n_frames && !cw_renderer_get_frame_time (renderer, frame, &t))
    frame++;
  return frame;
}

static gboolean
is_bold (const CwNode *node)
{
  return node->font_weight >= 700;
}

static gboolean
is_large (const CwNode *node,
          double        unit)
{
  return node->font_size >= LARGE_TEXT_PX * unit ||
         (is_bold (node) && node->font_size >= LARGE_BOLD_TEXT_PX * unit);
}

typedef struct
{
  gboolean measured;
  double   ratio;
  CwRect   ink;
} Contrast;

/* The contrast of node @index of @scene against what is drawn around it on
 * @frame (an RGB24 picture of @region of the frame at @t): the node's own
 * pixels are found by drawing it alone, its colour is read where it is
 * solid, and the pixels around its ink are its background. */
/* The part of the frame a node's contrast is measured in: its box, with
 * room around it for its background and for where it travels from. */
static CwRect
contrast_region (const CwNode   *node,
                 const CwFormat *format)
{
  double pad = node->kind == CW_NODE_BOX ? 8 : MAX (8, node->font_size * 0.5);
  int x0 = MAX (0, (int) floor (node->rect.x - pad - fabs (node->travel_x)));
  int y0 = MAX (0, (int) floor (node->rect.y - pad - fabs (node->travel_y)));
  int x1 = MIN (format->width, (int) ceil (node->rect.x + node->rect.width + pad + fabs (node->travel_x)));
  int y1 = MIN (format->height, (int) ceil (node->rect.y + node->rect.height + pad + fabs (node->travel_y)));

  return (CwRect) { x0, y0, MAX (0, x1 - x0), MAX (0, y1 - y0) };
}

static Contrast
measure_contrast (CwScene         *scene,
                  guint            index,
                  double           t,
                  cairo_surface_t *frame,
                  const CwRect    *region)
{
  const CwNode *node = g_ptr_array_index (scene->nodes, index);
  int x0 = region->x, y0 = region->y;
  int x1 = region->x + region->width, y1 = region->y + region->height;
  g_autoptr(cairo_surface_t) mask = NULL;
  g_autoptr(cairo_t) cr = NULL;
  const guint8 *m;
  const guint8 *pixels;
  int mstride, fstride;
  guint8 top = 0;
  int ix0 = G_MAXINT, iy0 = G_MAXINT, ix1 = -1, iy1 = -1;
  double sum_r = 0, sum_g = 0, sum_b = 0;
  guint n_ink = 0;
  double ink_l;
  guint histogram[401] = { 0 };
  guint n_back = 0, wanted, seen;
  int ring;
  Contrast result = { FALSE, 21, { 0 } };

  if (x1 - x0 < 2 || y1 - y0 < 2)
    return result;

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, x1 - x0, y1 - y0);
  cr = cairo_create (mask);
  cairo_translate (cr, -x0, -y0);
  cw_scene_draw_nodes (scene, cr, index, index + 1, t);
  cairo_surface_flush (mask);

  m = cairo_image_surface_get_data (mask);
  mstride = cairo_image_surface_get_stride (mask);
  for (int y = 0; y < y1 - y0; y++)
    for (int x = 0; x < x1 - x0; x++)
      top = MAX (top, m[y * mstride + x]);
  if (top < 32)
    return result;

  pixels = cairo_image_surface_get_data (frame);
  fstride = cairo_image_surface_get_stride (frame);
  for (int y = 0; y < y1 - y0; y++)
    for (int x = 0; x < x1 - x0; x++)
      {
        guint8 a = m[y * mstride + x];

        if (a == 0)
          continue;
        ix0 = MIN (ix0, x);
        iy0 = MIN (iy0, y);
        ix1 = MAX (ix1, x);
        iy1 = MAX (iy1, y);
        if (a >= top * 0.9)
          {
            guint32 p = *(const guint32 *) (pixels + y * fstride + x * 4);

            sum_r += (p >> 16) & 0xff;
            sum_g += (p >> 8) & 0xff;
            sum_b += p & 0xff;
            n_ink++;
          }
      }
  if (n_ink == 0)
    return result;
  {
    guint32 mean = ((guint32) lround (sum_r / n_ink) << 16) | ((guint32) lround (sum_g / n_ink) << 8) |
                   (guint32) lround (sum_b / n_ink);
    ink_l = pixel_luminance (mean);
  }

  /* the pixels around the ink, near enough to be read against */
  ring = node->kind == CW_NODE_BOX ? 6 : MAX (4, (int) (node->font_size * 0.25));
  for (int y = MAX (0, iy0 - ring); y <= MIN (y1 - y0 - 1, iy1 + ring); y++)
    for (int x = MAX (0, ix0 - ring); x <= MIN (x1 - x0 - 1, ix1 + ring); x++)
      {
        guint32 p;
        double ratio;

        if (m[y * mstride + x] != 0)
          continue;
        p = *(const guint32 *) (pixels + y * fstride + x * 4);
        ratio = cw_contrast_ratio (ink_l, pixel_luminance (p));
        histogram[MIN (400, (guint) (ratio * 20))]++;
        n_back++;
      }
  if (n_back == 0)
    return result;

  wanted = (guint) (n_back * CONTRAST_PERCENTILE);
  seen = 0;
  for (guint i = 0; i < G_N_ELEMENTS (histogram); i++)
    {
      seen += histogram[i];
      if (seen > wanted)
        {
          result.ratio = i / 20.0;
          break;
        }
    }
  result.measured = TRUE;
  result.ink = (CwRect) { x0 + ix0, y0 + iy0, ix1 - ix0 + 1, iy1 - iy0 + 1 };
  return result;
}

/* The colours a chart node draws in solid ink (mask at least @top * 0.9),
 * each with at least this share of its solid pixels: a gauge's track and
 * fill, filled and unfilled pictograms, a line and its baseline. */
#define MIN_INK_SHARE  0.03
#define MAX_INKS       6
/* how far from its ink a pixel counts as what the ink is seen against */
#define ADJACENT_PX    3

typedef struct
{
  guint   key;
  guint   n;
  double  r, g, b;
} Ink;

static guint
ink_key (guint32 p)
{
  /* four bits a channel: one colour through anti-aliasing and dithering */
  return (((p >> 20) & 0xf) << 8) | (((p >> 12) & 0xf) << 4) | ((p >> 4) & 0xf);
}

/* Marks in @near the pixels within ADJACENT_PX of a pixel of @seed
 * (separable square dilation). */
static void
dilate (const guint8 *seed,
        guint8       *near,
        guint8       *scratch,
        int           width,
        int           height)
{
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 v = 0;

        for (int dx = -ADJACENT_PX; dx <= ADJACENT_PX && !v; dx++)
          if (x + dx >= 0 && x + dx < width)
            v = seed[y * width + x + dx];
        scratch[y * width + x] = v;
      }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 v = 0;

        for (int dy = -ADJACENT_PX; dy <= ADJACENT_PX && !v; dy++)
          if (y + dy >= 0 && y + dy < height)
            v = scratch[(y + dy) * width + x];
        near[y * width + x] = v;
      }
}

/* The contrast of a chart node (bars, a line, a ring's track, pictograms,
 * an arrow) that draws in several colours: each colour it draws in solid
 * against the pixels next to that colour that the node does not draw, so
 * a track is measured against the page around it, and the mark inside a
 * sign, which touches only the sign, is not measured at all. The worst
 * colour is the node's contrast. */
static Contrast
measure_graphic_contrast (CwScene         *scene,
                          guint            index,
                          double           t,
                          cairo_surface_t *frame,
                          const CwRect    *region)
{
  int w = (int) region->width, h = (int) region->height;
  g_autoptr(cairo_surface_t) mask = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autofree guint8 *seed = NULL;
  g_autofree guint8 *near = NULL;
  g_autofree guint8 *scratch = NULL;
  g_autofree guint16 *cluster = NULL;
  g_autofree guint *by_key = NULL;
  Ink inks[MAX_INKS];
  guint n_inks = 0, n_solid = 0;
  const guint8 *m;
  const guint8 *pixels;
  int mstride, fstride;
  guint8 top = 0;
  int ix0 = G_MAXINT, iy0 = G_MAXINT, ix1 = -1, iy1 = -1;
  Contrast result = { FALSE, 21, { 0 } };

  if (w < 2 || h < 2)
    return result;

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cr = cairo_create (mask);
  cairo_translate (cr, -region->x, -region->y);
  cw_scene_draw_nodes (scene, cr, index, index + 1, t);
  cairo_surface_flush (mask);
  m = cairo_image_surface_get_data (mask);
  mstride = cairo_image_surface_get_stride (mask);
  pixels = cairo_image_surface_get_data (frame);
  fstride = cairo_image_surface_get_stride (frame);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      top = MAX (top, m[y * mstride + x]);
  if (top < 32)
    return result;

  /* the colours of the solid ink that has a share of it */
  by_key = g_new0 (guint, 1 << 12);
  cluster = g_new0 (guint16, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 a = m[y * mstride + x];
        guint32 p;
        guint key;

        if (a == 0)
          continue;
        ix0 = MIN (ix0, x);
        iy0 = MIN (iy0, y);
        ix1 = MAX (ix1, x);
        iy1 = MAX (iy1, y);
        if (a < top * 0.9)
          continue;
        p = *(const guint32 *) (pixels + y * fstride + x * 4);
        key = ink_key (p);
        n_solid++;
        by_key[key]++;
        /* 0 is no solid ink */
        cluster[y * w + x] = (guint16) (key + 1);
      }
  if (n_solid == 0)
    return result;

  for (guint key = 0; key < 1 << 12; key++)
    {
      guint n = by_key[key];

      if (n == 0 || n < n_solid * MIN_INK_SHARE)
        continue;
      if (n_inks < MAX_INKS)
        inks[n_inks++] = (Ink) { key + 1, n, 0, 0, 0 };
      else
        for (guint i = 0; i < n_inks; i++)
          if (inks[i].n < n)
            {
              inks[i] = (Ink) { key + 1, n, 0, 0, 0 };
              break;
            }
    }

  seed = g_new0 (guint8, (gsize) w * h);
  near = g_new0 (guint8, (gsize) w * h);
  scratch = g_new0 (guint8, (gsize) w * h);
  for (guint i = 0; i < n_inks; i++)
    {
      Ink *ink = &inks[i];
      guint histogram[401] = { 0 };
      guint n_back = 0, wanted, seen = 0;
      double ink_l, ratio = 21;
      guint32 mean;

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            gboolean mine = cluster[y * w + x] == ink->key;

            seed[y * w + x] = mine;
            if (mine)
              {
                guint32 p = *(const guint32 *) (pixels + y * fstride + x * 4);

                ink->r += (p >> 16) & 0xff;
                ink->g += (p >> 8) & 0xff;
                ink->b += p & 0xff;
              }
          }
      mean = ((guint32) lround (ink->r / ink->n) << 16) | ((guint32) lround (ink->g / ink->n) << 8) |
             (guint32) lround (ink->b / ink->n);
      ink_l = pixel_luminance (mean);

      dilate (seed, near, scratch, w, h);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            guint32 p;

            if (!near[y * w + x] || m[y * mstride + x] != 0)
              continue;
            p = *(const guint32 *) (pixels + y * fstride + x * 4);
            histogram[MIN (400, (guint) (cw_contrast_ratio (ink_l, pixel_luminance (p)) * 20))]++;
            n_back++;
          }
      if (n_back == 0)
        continue;

      wanted = (guint) (n_back * CONTRAST_PERCENTILE);
      for (guint k = 0; k < G_N_ELEMENTS (histogram); k++)
        {
          seen += histogram[k];
          if (seen > wanted)
            {
              ratio = k / 20.0;
              break;
            }
        }
      result.measured = TRUE;
      result.ratio = MIN (result.ratio, ratio);
    }
  if (result.measured)
    result.ink = (CwRect) { region->x + ix0, region->y + iy0, ix1 - ix0 + 1, iy1 - iy0 + 1 };
  return result;
}

/* The x-height of a font as a share of its size, measured once. */
static double
x_height_ratio (const char *family,
                int         weight)
{
  static GMutex lock;
  static GHashTable *cache;
  g_autofree char *key = g_strdup_printf ("%s/%d", family ? family : "", weight);
  gpointer found;
  double ratio;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_hash_table_lookup (cache, key);
  g_mutex_unlock (&lock);
  if (found != NULL)
    return *(double *) found;

  {
    g_autoptr(PangoLayout) layout = cw_text_layout_new (cw_fonts_get_measure_context (), "x", family, weight,
                                                        100, -1, 0, PANGO_ALIGN_LEFT, FALSE);
    PangoRectangle ink;

    pango_layout_get_extents (layout, &ink, NULL);
    ratio = (double) ink.height / PANGO_SCALE / 100;
  }

  g_mutex_lock (&lock);
  g_hash_table_replace (cache, g_steal_pointer (&key), g_memdup2 (&ratio, sizeof ratio));
  g_mutex_unlock (&lock);
  return ratio;
}

static gboolean
rects_intersect (const CwRect *a,
                 const CwRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static char *
describe_rect (const CwRect *r)
{
  return g_strdup_printf ("x %.0f–%.0f, y %.0f–%.0f", r->x, r->x + r->width, r->y, r->y + r->height);
}

/* Where a node is drawn once settled: what it inks, or its box. */
static CwRect
node_area (const Contrast *contrast,
           const CwNode   *node)
{
  if (contrast != NULL && contrast->measured)
    return contrast->ink;
  return node->rect;
}

static int
compare_frames (gconstpointer a,
                gconstpointer b)
{
  guint fa = *(const guint *) a, fb = *(const guint *) b;

  return fa < fb ? -1 : fa > fb;
}

/* Contrast, size, zones: what is measured on one format's pixels. */
static void
check_pixels (Lint            *lint,
              CwRenderer      *renderer,
              guint            slide,
              const CwFormat  *format,
              const char      *language,
              gboolean         transparent)
{
  CwScene *scene = cw_renderer_get_scene (renderer, slide);
  const char *slide_id = cw_renderer_get_slide_id (renderer, slide);
  double unit = MIN (format->width, format->height) / 1080.0;
  guint first, n_frames, settled;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) zones = cw_format_list_zones (format);
  g_autoptr(GHashTable) text_elements = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_direct_hash, g_direct_equal);
  CwSlide *deck_slide = cw_deck_find_slide (lint->deck, slide_id);
  const CwTemplate *template = deck_slide ? cw_template_lookup (cw_slide_get_template_id (deck_slide)) : NULL;

  cw_renderer_get_slide_frames (renderer, slide, &first, &n_frames);
  settled = cw_renderer_get_settled_frame (renderer, slide);

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      guint frame = first_visible_frame (renderer, node, first, n_frames);

      /* a picture the same as the settled one need not be drawn twice */
      if (cw_renderer_frames_identical (renderer, frame, settled))
        frame = settled;
      g_array_append_val (visible, frame);
      if ((node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER) && node->element != NULL)
        g_hash_table_add (text_elements, node->element);
    }
  g_array_append_val (frames, settled);
  for (guint i = 0; i < visible->len; i++)
    {
      guint f = g_array_index (visible, guint, i);
      gboolean known = FALSE;

      for (guint k = 0; k < frames->len; k++)
        known |= g_array_index (frames, guint, k) == f;
      if (!known)
        g_array_append_val (frames, f);
    }

  /* in time order, so a problem is reported where it is first seen */
  g_array_sort (frames, compare_frames);
  for (guint k = 0; k < frames->len; k++)
    {
      guint f = g_array_index (frames, guint, k);
      double t;

      if (!cw_renderer_get_frame_time (renderer, f, &t))
        continue;

      for (guint i = 0; i < scene->nodes->len; i++)
        {
          const CwNode *node = g_ptr_array_index (scene->nodes, i);
          gboolean text = node->kind == CW_NODE_TEXT || node->kind == CW_NODE_COUNTER;
          /* a box or chart drawing that is its own element; a surface
           * behind a text of the same element is what the text is read
           * on, measured with the text */
          gboolean chart = node->kind == CW_NODE_CUSTOM && node->element != NULL && !node->guide &&
                           !g_hash_table_contains (text_elements, node->element);
          gboolean graphic = chart || (node->kind == CW_NODE_BOX && node->element != NULL &&
                                       !g_hash_table_contains (text_elements, node->element));
          g_autofree char *shown = NULL;
          Contrast contrast = { FALSE, 21, { 0 } };

          if (f != settled && f != g_array_index (visible, guint, i))
            continue;
          if (!text && !graphic)
            continue;
          if (text)
            {
              shown = node_text (node);
              if (shown == NULL || g_utf8_strlen (g_strstrip (shown), -1) == 0)
                continue;
            }

          if (!transparent)
            {
              /* only the part around the node, where the renderer draws
               * every layer of the frame: whole frames would build a
               * full-size layer for each frame sampled, and one picture
               * around all the nodes rasterizes far more than is read
               * (both measured slower) */
              CwRect region = contrast_region (node, format);
              g_autoptr(cairo_surface_t) picture = NULL;
              g_autoptr(cairo_t) cr = NULL;

              if (region.width < 2 || region.height < 2)
                continue;
              picture = cairo_image_surface_create (CAIRO_FORMAT_RGB24, region.width, region.height);
              cr = cairo_create (picture);
              cairo_translate (cr, -region.x, -region.y);
              cw_renderer_draw_frame (renderer, cr, f);
              cairo_surface_flush (picture);
              if (chart)
                contrast = measure_graphic_contrast (scene, i, t, picture, &region);
              else
                contrast = measure_contrast (scene, i, t, picture, &region);
            }

          if (contrast.measured && !g_hash_table_contains (reported, node))
            {
              double required = graphic ? GRAPHIC_CONTRAST : is_large (node, unit) ? LARGE_TEXT_CONTRAST : TEXT_CONTRAST;

              if (contrast.ratio < required)
                {
                  CwDiagnostic *d;

                  g_hash_table_add (reported, (gpointer) node);
                  if (text)
                    d = add_result (lint, CW_SEVERITY_ERROR, "contrast", format, language, slide_id,
                                    element_name (node), f,
                                    g_strdup_printf ("%.1f:1", contrast.ratio),
                                    g_strdup_printf ("%.1f:1", required),
                                    /* Translators: a slide id, the text, then a contrast ratio such as 2.1:1 */
                                    g_strdup_printf (_("Slide “%s”: “%s” stands out from what is behind it by %.1f:1 only."),
                                                     slide_id, shown, contrast.ratio),
                                    _("Give the text or what is behind it a colour further apart in lightness, or place the text on a plain surface."));
                  else
                    d = add_result (lint, CW_SEVERITY_WARNING, "contrast", format, language, slide_id,
                                    element_name (node), f,
                                    g_strdup_printf ("%.1f:1", contrast.ratio),
                                    g_strdup_printf ("%.1f:1", required),
                                    /* Translators: a slide id, an element name, then a contrast ratio */
                                    g_strdup_printf (_("Slide “%s”: the shape “%s” stands out from its surroundings by %.1f:1 only."),
                                                     slide_id, node->element, contrast.ratio),
                                    _("Choose a colour further apart in lightness, or give the shape an outline."));
                  d->area = contrast.ink;
                }
            }

          if (f != settled || !text)
            continue;

          /* size: the x-height, what a reader's eye needs */
          {
            double x_height = x_height_ratio (node->font_family, node->font_weight) * node->font_size;
            double minimum = CW_LINT_MIN_X_HEIGHT * format->height;

            if (x_height < minimum - 0.05)
              {
                /* fine print (the source line, a legend) supports what the
                 * slide says; too small, it is a warning, not a failure */
                gboolean supporting = g_strcmp0 (node->element, "source") == 0 ||
                                      (template != NULL && node->element != NULL &&
                                       cw_template_element_is_supporting (template, node->element));
                CwDiagnostic *d;

                d = add_result (lint, supporting ? CW_SEVERITY_WARNING : CW_SEVERITY_ERROR, "text-size", format, language, slide_id,
                                element_name (node), f,
                                g_strdup_printf ("%.1f px", x_height),
                                g_strdup_printf ("%.1f px (%.2f %%)", minimum, CW_LINT_MIN_X_HEIGHT * 100),
                                /* Translators: a slide id, a text, then two sizes in pixels */
                                g_strdup_printf (_("Slide “%s”: “%s” is too small to read on a phone: its x-height is %.1f px, and needs %.1f px."),
                                                 slide_id, shown, x_height, minimum),
                                _("Shorten the text so the slide can show it larger."));
                d->area = node_area (&contrast, node);
              }
          }

          /* zones: what the platform's own buttons and captions cover */
          for (guint z = 0; z < zones->len; z++)
            {
              const CwZone *zone = &g_array_index (zones, CwZone, z);
              CwRect area = node_area (&contrast, node);
              CwDiagnostic *d;

              if (!rects_intersect (&area, &zone->rect))
                continue;
              d = add_result (lint, CW_SEVERITY_ERROR, "zones", format, language, slide_id,
                              element_name (node), f,
                              describe_rect (&area), describe_rect (&zone->rect),
                              /* Translators: a slide id, a text, a platform such as TikTok, then what covers that part ("Like, comment and share buttons") */
                              g_strdup_printf (_("Slide “%s”: “%s” is under %s’s %s."),
                                               slide_id, shown, format->label, zone->label),
                              _("Keep text and figures inside the safe area; if a template put it there, report it."));
              d->area = area;
              break;
            }
        }
    }
}

static gboolean
has_letters_of (const char  *text,
                GUnicodeScript script)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c) && g_unichar_get_script (c) == script)
        return TRUE;
    }
  return FALSE;
}

static guint
count_letters_of (const char     *text,
                  GUnicodeScript  script)
{
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n += g_unichar_isalpha (c) && g_unichar_get_script (c) == script;
    }
  return n;
}

static gboolean
find_placeholder (const char *text,
                  char      **found)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("\\{[^{}\\s]{1,40}\\}", G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;
  *found = g_match_info_fetch (match, 0);
  return TRUE;
}

/* Reading time, glyphs and translation: about the text of one language,
 * the same in every format, so checked on the first. */
static void
check_text (Lint           *lint,
            CwRenderer     *renderer,
            guint           slide,
            const CwFormat *format,
            const char     *language)
{
  CwScene *scene = cw_renderer_get_scene (renderer, slide);
  const char *slide_id = cw_renderer_get_slide_id (renderer, slide);
  CwTheme *theme = cw_deck_get_theme (lint->deck);
  const char *families[CW_N_FONT_ROLES + 1] = { NULL };
  double speed = cw_deck_get_reading_speed (lint->deck);
  guint first, n_frames, settled;
  double first_text = G_MAXDOUBLE;
  guint chars = 0, cyrillic = 0, latin = 0;

  for (guint role = 0; role < CW_N_FONT_ROLES; role++)
    families[role] = cw_theme_get_font_family (theme, role);
  cw_renderer_get_slide_frames (renderer, slide, &first, &n_frames);
  settled = cw_renderer_get_settled_frame (renderer, slide);

  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      g_autofree char *text = node_text (node);
      g_autoptr(GArray) missing = NULL;
      g_autofree char *placeholder = NULL;

      if (text == NULL || *text == '\0')
        continue;

      if (g_strcmp0 (node->element, "source") != 0)
        {
          chars += g_utf8_strlen (text, -1);
          first_text = MIN (first_text, node->enter.delay);
        }
      cyrillic += count_letters_of (text, G_UNICODE_SCRIPT_CYRILLIC);
      latin += count_letters_of (text, G_UNICODE_SCRIPT_LATIN);

      missing = cw_fonts_find_missing (text, families);
      if (missing != NULL)
        {
          g_autoptr(GString) codes = g_string_new (NULL);
          CwDiagnostic *d;

          for (guint j = 0; j < MIN (missing->len, 8); j++)
            g_string_append_printf (codes, "%sU+%04X", j > 0 ? ", " : "", g_array_index (missing, gunichar, j));
          d = add_result (lint, CW_SEVERITY_ERROR, "glyphs", format, language, slide_id, node->element, settled,
                          g_strdup (codes->str), g_strdup (_("a glyph for every character")),
                          /* Translators: a slide id, character codes such as U+E000, then the text they are in */
                          g_strdup_printf (_("Slide “%s”: no font has %s in “%s”, so viewers see a box."),
                                           slide_id, codes->str, text),
                          _("Replace the character, or choose a theme font that has it."));
          d->area = node->rect;
        }

      if (find_placeholder (text, &placeholder))
        {
          CwDiagnostic *d;

          d = add_result (lint, CW_SEVERITY_ERROR, "translation", format, language, slide_id, node->element,
                          settled, g_strdup (placeholder), g_strdup (_("no placeholder on screen")),
                          /* Translators: a slide id, a placeholder such as {hotline}, then the text */
                          g_strdup_printf (_("Slide “%s”: %s is shown as it is typed in “%s”."),
                                           slide_id, placeholder, text),
                          _("Use a placeholder the slide knows (see its fields), or remove the braces."));
          d->area = node->rect;
        }
    }

  /* a Cyrillic slide with words left in Latin letters, most often English
   * that was never translated. The language says whether the slide is
   * Cyrillic: a majority of letters would miss the slide whose longest
   * text is the one left in English. */
  if (latin > 0 && (cw_locale_is_cyrillic (language) || cyrillic > latin))
    for (guint i = 0; i < scene->nodes->len; i++)
      {
        const CwNode *node = g_ptr_array_index (scene->nodes, i);
        g_autofree char *text = node_text (node);
        CwDiagnostic *d;

        /* the source line names the source as the source writes itself */
        if (text == NULL || g_strcmp0 (node->element, "source") == 0 ||
            !has_letters_of (text, G_UNICODE_SCRIPT_LATIN))
          continue;
        d = add_result (lint, CW_SEVERITY_WARNING, "translation", format, language, slide_id, node->element,
                        settled, g_strdup (_("Latin letters")), g_strdup (_("Cyrillic only")),
                        /* Translators: a slide id, then a text */
                        g_strdup_printf (_("Slide “%s”: “%s” has Latin letters on a Cyrillic slide."), slide_id, text),
                        _("Translate or transliterate it, unless it is a name that is written that way."));
        d->area = node->rect;
      }

  if (chars > 0)
    {
      double shown = MAX (0, scene->duration - first_text);
      double needed = chars / speed;

      if (shown + 0.05 < needed)
        add_result (lint, CW_SEVERITY_ERROR, "reading-time", format, language, slide_id, "duration",
                    first + n_frames - 1,
                    g_strdup_printf ("%.1f s", shown),
                    /* Translators: seconds, a number of characters, then a reading speed */
                    g_strdup_printf (_("%.1f s (%u characters at %.0f a second)"), needed, chars, speed),
                    /* Translators: a slide id, a language code, then two durations in seconds */
                    g_strdup_printf (_("Slide “%s” in %s shows its text for %.1f s, but it takes %.1f s to read."),
                                     slide_id, language, shown, needed),
                    _("Lengthen the slide (or leave its duration to Clearway), or shorten the text in this language."));
    }
}

/* Texts shown in the deck's language, or with a translation marked for
 * review, in a language the clip is exported in. */
static void
check_translations (Lint           *lint,
                    CwRenderer     *renderer,
                    const CwFormat *format,
                    const char     *language)
{
  GPtrArray *untranslated = cw_renderer_get_untranslated (renderer);
  CwCatalog *catalog = cw_deck_get_catalog (lint->deck, language);

  if (g_strcmp0 (language, cw_deck_get_language (lint->deck)) == 0)
    return;

  for (guint i = 0; i < untranslated->len; i++)
    {
      const char *context = g_ptr_array_index (untranslated, i);
      const char *slash = strchr (context, '/');
      g_autofree char *owner = slash ? g_strndup (context, slash - context) : NULL;
      const CwMessage *message = catalog ? cw_catalog_find (catalog, context) : NULL;
      gboolean fuzzy = message != NULL && message->fuzzy;
      int frame = -1;
      const char *slide = NULL;

      for (guint s = 0; owner != NULL && s < cw_renderer_get_n_slides (renderer); s++)
        if (g_str_equal (cw_renderer_get_slide_id (renderer, s), owner))
          {
            slide = cw_renderer_get_slide_id (renderer, s);
            frame = cw_renderer_get_settled_frame (renderer, s);
          }

      add_result (lint, CW_SEVERITY_ERROR, "translation", format, language, slide,
                  slide ? slash + 1 : context, frame,
                  g_strdup (fuzzy ? "fuzzy" : "untranslated"), g_strdup (_("translated")),
                  fuzzy
                  /* Translators: a text's context such as "land/label", then a language code */
                  ? g_strdup_printf (_("“%s” in %s is marked as needing review, so the clip shows it in the deck’s language."),
                                     context, language)
                  /* Translators: a text's context such as "land/label", then a language code */
                  : g_strdup_printf (_("“%s” has no %s translation, so the clip shows it in the deck’s language."),
                                     context, language),
                  fuzzy ? _("Review the translation and clear its “needs review” mark.")
                        : _("Translate it on the Languages page, or import the translator’s catalog."));
    }
}

/* Frame-to-frame luminance of a grid of cells, drawn small. */
typedef struct
{
  double l;
  double red;
} Cell;

static void
measure_cells (cairo_surface_t *surface,
               Cell            *cells)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int gy = 0; gy < FLASH_GRID; gy++)
    for (int gx = 0; gx < FLASH_GRID; gx++)
      {
        int xa = gx * w / FLASH_GRID, xb = (gx + 1) * w / FLASH_GRID;
        int ya = gy * h / FLASH_GRID, yb = (gy + 1) * h / FLASH_GRID;
        double l = 0, r = 0, g = 0, b = 0;
        guint n = 0;

        for (int y = ya; y < yb; y++)
          for (int x = xa; x < xb; x++)
            {
              guint32 p = *(const guint32 *) (data + y * stride + x * 4);

              l += pixel_luminance (p);
              r += ((p >> 16) & 0xff) / 255.0;
              g += ((p >> 8) & 0xff) / 255.0;
              b += (p & 0xff) / 255.0;
              n++;
            }
        n = MAX (n, 1);
        l /= n, r /= n, g /= n, b /= n;
        cells[gy * FLASH_GRID + gx].l = l;
        /* WCAG's saturated red: R/(R+G+B) ≥ 0.8, measured as R−G−B */
        cells[gy * FLASH_GRID + gx].red = r + g + b > 0 && r / (r + g + b) >= 0.8 ? MAX (0, r - g - b) * 320 : 0;
      }
}

/* The transitions of one cell: changes of luminance of at least
 * FLASH_DELTA against the last extreme, in the other direction, where the
 * darker side is under FLASH_DARK; and the same for saturated red. */
static void
find_transitions (const Cell *track,
                  guint       n_frames,
                  guint       cell,
                  gboolean    red,
                  GArray     *transitions)
{
  double extreme, value;
  int direction = 0;

  if (n_frames == 0)
    return;
  extreme = red ? track[cell].red : track[cell].l;
  for (guint f = 1; f < n_frames; f++)
    {
      value = red ? track[f * FLASH_GRID * FLASH_GRID + cell].red : track[f * FLASH_GRID * FLASH_GRID + cell].l;
      if ((direction >= 0 && value > extreme) || (direction <= 0 && value < extreme))
        {
          if (direction != 0)
            {
              extreme = value;
              continue;
            }
        }
      if (red ? fabs (value - extreme) > 20 :
                fabs (value - extreme) >= FLASH_DELTA && MIN (value, extreme) < FLASH_DARK)
        {
          int d = value > extreme ? 1 : -1;

          if (d != direction)
            {
              g_array_append_val (transitions, f);
              direction = d;
            }
          extreme = value;
        }
    }
}

static void
check_flashing (Lint           *lint,
                CwRenderer     *renderer,
                const CwFormat *format,
                const char     *language,
                GCancellable   *cancellable)
{
  guint n = cw_renderer_get_n_frames (renderer);
  guint fps = cw_renderer_get_fps (renderer);
  int w = MAX (FLASH_GRID, format->width / FLASH_SCALE);
  int h = MAX (FLASH_GRID, format->height / FLASH_SCALE);
  g_autoptr(cairo_surface_t) small = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  g_autofree Cell *track = g_new0 (Cell, (gsize) n * FLASH_GRID * FLASH_GRID);

  for (guint f = 0; f < n; f++)
    {
      g_autoptr(cairo_t) cr = NULL;

      if (f % 30 == 0 && g_cancellable_is_cancelled (cancellable))
        return;
      if (f > 0 && cw_renderer_frames_identical (renderer, f - 1, f))
        {
          memcpy (track + f * FLASH_GRID * FLASH_GRID, track + (f - 1) * FLASH_GRID * FLASH_GRID,
                  sizeof (Cell) * FLASH_GRID * FLASH_GRID);
          continue;
        }
      cr = cairo_create (small);
      cairo_scale (cr, (double) w / format->width, (double) h / format->height);
      cw_renderer_draw_frame (renderer, cr, f);
      cairo_surface_flush (small);
      measure_cells (small, track + f * FLASH_GRID * FLASH_GRID);
    }

  for (guint cell = 0; cell < FLASH_GRID * FLASH_GRID; cell++)
    for (guint red = 0; red < 2; red++)
      {
        g_autoptr(GArray) transitions = g_array_new (FALSE, FALSE, sizeof (guint));

        find_transitions (track, n, cell, red, transitions);
        /* a flash is two transitions: more than MAX_FLASHES in any second */
        for (guint i = 0; i + 2 * MAX_FLASHES < transitions->len; i++)
          {
            guint start = g_array_index (transitions, guint, i);
            guint end = g_array_index (transitions, guint, i + 2 * MAX_FLASHES);

            if (end - start < fps)
              {
                guint count = 0;
                guint slide = cw_renderer_get_slide_at_frame (renderer, start);
                CwDiagnostic *d;

                for (guint k = i; k < transitions->len && g_array_index (transitions, guint, k) < start + fps; k++)
                  count++;
                d = add_result (lint, CW_SEVERITY_ERROR, "flashing", format, language,
                                cw_renderer_get_slide_id (renderer, slide), NULL, start,
                                g_strdup_printf ("%u", count / 2),
                                g_strdup_printf ("%d", MAX_FLASHES),
                                red
                                /* Translators: a slide id, then a number of flashes */
                                ? g_strdup_printf (_("Slide “%s” flashes red %u times in one second, which can cause seizures."),
                                                   cw_renderer_get_slide_id (renderer, slide), count / 2)
                                /* Translators: a slide id, then a number of flashes */
                                : g_strdup_printf (_("Slide “%s” flashes %u times in one second, which can cause seizures."),
                                                   cw_renderer_get_slide_id (renderer, slide), count / 2),
                                _("Slow the change down to at most three flashes a second, or make it smaller or less bright."));
                d->area = (CwRect) { (double) (cell % FLASH_GRID) * format->width / FLASH_GRID,
                                     (double) (cell / FLASH_GRID) * format->height / FLASH_GRID,
                                     (double) format->width / FLASH_GRID, (double) format->height / FLASH_GRID };
                /* one flash is enough to send the author to it */
                return;
              }
          }
      }
}

static gboolean
slide_shows_statistic (CwSlide            *slide,
                       const CwTemplate   *template,
                       GPtrArray          *ids)
{
  for (const CwField *f = template ? template->fields : NULL; f != NULL && f->name != NULL; f++)
    {
      if (f->type == CW_FIELD_STATISTIC && cw_slide_get_param (slide, f->name) != NULL)
        g_ptr_array_add (ids, g_strdup (cw_slide_get_param (slide, f->name)));
      if (f->type == CW_FIELD_TEXT && cw_slide_get_text (slide, f->name) != NULL)
        {
          g_autoptr(GPtrArray) names = cw_text_list_placeholders (cw_slide_get_text (slide, f->name));

          for (guint i = 0; names != NULL && i < names->len; i++)
            g_ptr_array_add (ids, g_strdup (g_ptr_array_index (names, i)));
        }
    }
  return ids->len > 0;
}

/* The message: the clip ends on a safety card with a hotline, and every
 * figure on screen says where it comes from and when. */
static void
check_message (Lint       *lint,
               CwRenderer *renderer)
{
  guint n = cw_deck_get_n_slides (lint->deck);
  CwSlide *last = n > 0 ? cw_deck_get_slide (lint->deck, n - 1) : NULL;
  const char *hotline = last ? cw_slide_get_param (last, "hotline") : NULL;
  g_autofree char *hotline_text = hotline ? g_strstrip (g_strdup (hotline)) : NULL;
  int last_frame = (int) cw_renderer_get_n_frames (renderer) - 1;

  if (last == NULL || g_strcmp0 (cw_slide_get_template_id (last), "safety") != 0)
    add_result (lint, CW_SEVERITY_ERROR, "message", NULL, NULL, last ? cw_slide_get_id (last) : NULL, NULL,
                last_frame, g_strdup (last ? cw_slide_get_template_id (last) : "—"), g_strdup ("safety"),
                g_strdup (_("The clip does not end with a safety card, so viewers learn the risk but not what to do.")),
                _("Add a “Safety message” slide at the end, with the hotline."));
  else if (hotline_text == NULL || *hotline_text == '\0')
    add_result (lint, CW_SEVERITY_ERROR, "message", NULL, NULL, cw_slide_get_id (last), "hotline",
                last_frame, g_strdup ("—"), g_strdup (_("a hotline")),
                /* Translators: a slide id */
                g_strdup_printf (_("Slide “%s”, the safety card, gives no hotline to call."), cw_slide_get_id (last)),
                _("Enter the number people should call on finding a mine."));

  for (guint i = 0; i < n; i++)
    {
      CwSlide *slide = cw_deck_get_slide (lint->deck, i);
      const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      guint settled = i < cw_renderer_get_n_slides (renderer) ? cw_renderer_get_settled_frame (renderer, i) : 0;

      if (!slide_shows_statistic (slide, template, ids))
        continue;
      for (guint k = 0; k < ids->len; k++)
        {
          CwStatistic *statistic = cw_deck_find_statistic (lint->deck, g_ptr_array_index (ids, k));
          const char *source, *as_of;

          if (statistic == NULL)
            continue;
          source = cw_statistic_get_source (statistic);
          as_of = cw_statistic_get_as_of (statistic);
          if (source != NULL && *source != '\0' && as_of != NULL && *as_of != '\0')
            continue;
          add_result (lint, CW_SEVERITY_ERROR, "message", NULL, NULL, cw_slide_get_id (slide),
                      cw_statistic_get_id (statistic), settled,
                      g_strdup (source == NULL || *source == '\0' ? _("no source") : _("no as-of date")),
                      g_strdup (_("a source and an as-of date")),
                      /* Translators: a slide id, then a statistic id */
                      g_strdup_printf (_("Slide “%s” shows “%s” without saying where it comes from and when."),
                                       cw_slide_get_id (slide), cw_statistic_get_id (statistic)),
                      _("Give the statistic its source and as-of date on the Statistics page."));
        }
    }
}

/* The deck's own checks of its figures (cw_deck_check_statistics()), on
 * the first slide that shows each. */
static void
add_statistic_checks (Lint       *lint,
                      CwRenderer *renderer)
{
  g_autoptr(GPtrArray) checks = cw_deck_check_statistics (lint->deck, lint->now);

  for (guint i = 0; i < checks->len; i++)
    {
      CwDiagnostic *d = cw_diagnostic_copy (g_ptr_array_index (checks, i));

      if (d->slide == NULL && d->element != NULL)
        {
          g_autoptr(GPtrArray) slides = cw_deck_list_slides_using (lint->deck, d->element);

          if (slides->len > 0)
            d->slide = g_strdup (cw_slide_get_id (g_ptr_array_index (slides, 0)));
        }
      for (guint s = 0; d->slide != NULL && s < cw_renderer_get_n_slides (renderer); s++)
        if (g_str_equal (cw_renderer_get_slide_id (renderer, s), d->slide))
          d->frame = cw_renderer_get_settled_frame (renderer, s);
      if (d->rule == NULL)
        d->rule = g_strdup ("consistency");
      g_ptr_array_add (lint->results, d);
    }
}

/* What laying the slides out found (text that does not fit…), besides
 * what these checks measure themselves. */
static void
add_layout_warnings (Lint           *lint,
                     CwRenderer     *renderer,
                     const CwFormat *format,
                     const char     *language)
{
  GPtrArray *warnings = cw_renderer_get_warnings (renderer);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *w = g_ptr_array_index (warnings, i);
      CwDiagnostic *d;

      if (w->rule != NULL)
        continue;
      d = cw_diagnostic_copy (w);
      d->rule = g_strdup ("layout");
      d->format = g_strdup (format->name);
      g_free (d->language);
      d->language = g_strdup (language);
      for (guint s = 0; d->slide != NULL && s < cw_renderer_get_n_slides (renderer); s++)
        if (g_str_equal (cw_renderer_get_slide_id (renderer, s), d->slide))
          d->frame = cw_renderer_get_settled_frame (renderer, s);
      cw_diagnostics_add_unique (lint->results, d);
    }
}

typedef struct
{
  Lint            lint;
  const CwFormat *format;
  const char     *language;
  gboolean        first_format;
  gboolean        first;
  GCancellable   *cancellable;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->lint.deck);
  g_clear_pointer (&job->lint.now, g_date_time_unref);
  g_clear_pointer (&job->lint.results, g_ptr_array_unref);
  g_free (job);
}

/* Everything about one format and language. What is the same in every
 * format (text, translation) is checked on the first; what is the same in
 * every language too (the message, the figures, motion), once. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Lint *lint = &job->lint;
  g_autoptr(CwRenderer) renderer = NULL;
  gboolean transparent;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  renderer = cw_renderer_new (lint->deck, job->language, job->format, cw_deck_get_fps (lint->deck));
  transparent = cw_renderer_get_transparent (renderer);
  if (job->first)
    {
      check_message (lint, renderer);
      add_statistic_checks (lint, renderer);
    }
  if (job->first_format)
    check_translations (lint, renderer, job->format, job->language);
  for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
    {
      if (g_cancellable_is_cancelled (job->cancellable))
        return;
      if (job->first_format)
        check_text (lint, renderer, s, job->format, job->language);
      check_pixels (lint, renderer, s, job->format, job->language, transparent);
    }
  add_layout_warnings (lint, renderer, job->format, job->language);
  if (!transparent && job->first)
    check_flashing (lint, renderer, job->format, job->language, job->cancellable);
}

/**
 * cw_lint_deck:
 * @deck: the deck; read only, so a snapshot when on another thread
 * @formats: (element-type CwFormat): the formats to check
 * @languages: the languages to check
 * @now: (nullable): the day to date figures against; %NULL for today
 *
 * Checks the clip @deck makes in each of @formats and @languages:
 * contrast, text size, reading time, platform zones, glyphs, translation,
 * flashing, the safety message and the figures. Each result names its
 * check (rule), format, language, slide, element and frame where it has
 * them, what was measured and what the rule asks.
 *
 * Returns: (transfer full) (element-type CwDiagnostic): the results, or
 *   %NULL with @error set when cancelled
 */
GPtrArray *
cw_lint_deck (CwDeck              *deck,
              GPtrArray           *formats,
              const char * const  *languages,
              GDateTime           *now,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autoptr(GDateTime) today = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  GThreadPool *pool;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);
  g_return_val_if_fail (formats != NULL && formats->len > 0, NULL);
  g_return_val_if_fail (languages != NULL && languages[0] != NULL, NULL);

  init_linear ();

  /* one job a format and language, on every core, each on its own copy of
   * the deck; their results are then listed in order */
  pool = g_thread_pool_new (run_job, NULL, (int) MAX (1, g_get_num_processors ()), FALSE, NULL);
  for (guint l = 0; languages[l] != NULL; l++)
    for (guint fi = 0; fi < formats->len; fi++)
      {
        Job *job = g_new0 (Job, 1);

        job->lint.deck = cw_deck_copy (deck);
        job->lint.now = g_date_time_ref (today);
        job->lint.results = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
        job->format = g_ptr_array_index (formats, fi);
        job->language = languages[l];
        job->first_format = fi == 0;
        job->first = l == 0 && fi == 0;
        job->cancellable = cancellable;
        g_ptr_array_add (jobs, job);
        g_thread_pool_push (pool, job, NULL);
      }
  g_thread_pool_free (pool, FALSE, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      g_ptr_array_extend_and_steal (results, g_steal_pointer (&job->lint.results));
    }
  return g_steal_pointer (&results);
}

typedef struct
{
  CwDeck    *deck;
  GPtrArray *formats;
  GStrv      languages;
} LintTask;

static void
lint_task_free (LintTask *task)
{
  g_clear_object (&task->deck);
  g_clear_pointer (&task->formats, g_ptr_array_unref);
  g_clear_pointer (&task->languages, g_strfreev);
  g_free (task);
}

static void
lint_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LintTask *data = task_data;
  GError *error = NULL;
  GPtrArray *results = cw_lint_deck (data->deck, data->formats, (const char * const *) data->languages,
                                     NULL, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * cw_lint_deck_async:
 * @deck: the deck; copied, so the caller may go on editing it
 *
 * Runs cw_lint_deck() on a worker thread.
 */
void
cw_lint_deck_async (CwDeck              *deck,
                    GPtrArray           *formats,
                    const char * const  *languages,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LintTask *data = g_new0 (LintTask, 1);

  data->deck = cw_deck_copy (deck);
  data->formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  for (guint i = 0; i < formats->len; i++)
    g_ptr_array_add (data->formats, cw_format_copy (g_ptr_array_index (formats, i)));
  data->languages = g_strdupv ((char **) languages);
  g_task_set_source_tag (task, cw_lint_deck_async);
  g_task_set_task_data (task, data, (GDestroyNotify) lint_task_free);
  g_task_run_in_thread (task, lint_thread);
}

/**
 * cw_lint_deck_finish:
 *
 * Returns: (transfer full) (element-type CwDiagnostic): the results
 */
GPtrArray *
cw_lint_deck_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cw_lint_count (GPtrArray *results,
               guint     *n_errors,
               guint     *n_warnings,
               guint     *n_notes)
{
  guint counts[3] = { 0 };

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);

      counts[d->severity == CW_SEVERITY_ERROR ? 0 : d->severity == CW_SEVERITY_WARNING ? 1 : 2]++;
    }
  if (n_errors)
    *n_errors = counts[0];
  if (n_warnings)
    *n_warnings = counts[1];
  if (n_notes)
    *n_notes = counts[2];
}

/**
 * cw_lint_describe:
 * @number: its number in the list (and on the contact sheet)
 *
 * Returns: (transfer full): the result as two or three lines for people
 */
char *
cw_lint_describe (const CwDiagnostic *d,
                  guint               number)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) where = g_ptr_array_new_with_free_func (g_free);
  const char *severity = d->severity == CW_SEVERITY_ERROR ? _("error")
                       : d->severity == CW_SEVERITY_WARNING ? _("warning") : _("note");

  if (d->format != NULL)
    g_ptr_array_add (where, g_strdup (d->format));
  if (d->language != NULL)
    g_ptr_array_add (where, g_strdup (d->language));
  if (d->slide != NULL)
    /* Translators: where a problem is: a slide id */
    g_ptr_array_add (where, g_strdup_printf (_("slide %s"), d->slide));
  if (d->element != NULL)
    g_ptr_array_add (where, g_strdup (d->element));
  if (d->frame >= 0)
    /* Translators: where a problem is: a frame number */
    g_ptr_array_add (where, g_strdup_printf (_("frame %d"), d->frame));
  g_ptr_array_add (where, NULL);

  g_string_append_printf (text, "%u. %s [%s]", number, severity, d->rule ? d->rule : "deck");
  if (where->len > 1)
    {
      g_autofree char *joined = g_strjoinv (" · ", (char **) where->pdata);
      g_string_append_printf (text, " %s", joined);
    }
  g_string_append_printf (text, "\n   %s", d->message);
  if (d->measured != NULL && d->required != NULL)
    /* Translators: what a check measured, then what its rule asks */
    g_string_append_printf (text, _("\n   measured %s, rule %s"), d->measured, d->required);
  if (d->hint != NULL)
    g_string_append_printf (text, "\n   %s", d->hint);
  return g_string_free (text, FALSE);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/**
 * cw_lint_to_json:
 *
 * The results as the JSON document data/lint-schema.json describes.
 *
 * Returns: (transfer full): the document
 */
char *
cw_lint_to_json (GPtrArray           *results,
                 const char          *deck_name,
                 GPtrArray           *formats,
                 const char * const  *languages)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint errors, warnings, notes;

  cw_lint_count (results, &errors, &warnings, &notes);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, CW_LINT_JSON_VERSION);
  add_string (b, "deck", deck_name);
  json_builder_set_member_name (b, "formats");
  json_builder_begin_array (b);
  for (guint i = 0; formats != NULL && i < formats->len; i++)
    json_builder_add_string_value (b, ((CwFormat *) g_ptr_array_index (formats, i))->name);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "languages");
  json_builder_begin_array (b);
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    json_builder_add_string_value (b, languages[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, errors);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, warnings);
  json_builder_set_member_name (b, "notes");
  json_builder_add_int_value (b, notes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, i + 1);
      add_string (b, "severity", cw_severity_to_string (d->severity));
      add_string (b, "rule", d->rule ? d->rule : "deck");
      add_string (b, "format", d->format);
      add_string (b, "language", d->language);
      add_string (b, "slide", d->slide);
      add_string (b, "element", d->element);
      json_builder_set_member_name (b, "frame");
      if (d->frame >= 0)
        json_builder_add_int_value (b, d->frame);
      else
        json_builder_add_null_value (b);
      add_string (b, "measured", d->measured);
      add_string (b, "required", d->required);
      add_string (b, "message", d->message);
      add_string (b, "hint", d->hint);
      json_builder_set_member_name (b, "area");
      if (d->area.width > 0 && d->area.height > 0)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "x");
          json_builder_add_int_value (b, (gint64) floor (d->area.x));
          json_builder_set_member_name (b, "y");
          json_builder_add_int_value (b, (gint64) floor (d->area.y));
          json_builder_set_member_name (b, "width");
          json_builder_add_int_value (b, (gint64) ceil (d->area.width));
          json_builder_set_member_name (b, "height");
          json_builder_add_int_value (b, (gint64) ceil (d->area.height));
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      add_string (b, "file", d->file);
      json_builder_set_member_name (b, "line");
      if (d->line > 0)
        json_builder_add_int_value (b, d->line);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static const CwFormat *
find_format (GPtrArray  *formats,
             const char *name)
{
  for (guint i = 0; formats != NULL && i < formats->len; i++)
    {
      const CwFormat *format = g_ptr_array_index (formats, i);

      if (g_strcmp0 (format->name, name) == 0)
        return format;
    }
  return NULL;
}

/**
 * cw_lint_render_sheet:
 * @formats: (element-type CwFormat): the formats linted, to lay out again
 *
 * A contact sheet of the frames that have problems, each problem outlined
 * and numbered as in the list of @results.
 *
 * Returns: (transfer full): the picture
 */
cairo_surface_t *
cw_lint_render_sheet (CwDeck      *deck,
                      GPtrArray   *results,
                      GPtrArray   *formats,
                      const char  *title,
                      int          thumb_width)
{
  g_autoptr(GHashTable) renderers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_sheet_tile_free);
  g_autofree char *subtitle = NULL;
  guint errors, warnings;

  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);
      const char *format_name = d->format ? d->format : formats && formats->len > 0
                                ? ((CwFormat *) g_ptr_array_index (formats, 0))->name : cw_deck_get_format (deck);
      const char *language = d->language ? d->language : cw_deck_get_language (deck);
      g_autofree char *key = g_strdup_printf ("%s/%s", format_name, language);
      CwRenderer *renderer;
      CwSheetTile *tile = NULL;
      CwSheetMark mark;

      if (d->frame < 0)
        continue;
      renderer = g_hash_table_lookup (renderers, key);
      if (renderer == NULL)
        {
          const CwFormat *known = find_format (formats, format_name);
          g_autoptr(CwFormat) looked_up = known ? NULL : cw_format_lookup (format_name, NULL);

          if (known == NULL && looked_up == NULL)
            continue;
          renderer = cw_renderer_new (deck, language, known ? known : looked_up, cw_deck_get_fps (deck));
          g_hash_table_insert (renderers, g_strdup (key), renderer);
        }
      if ((guint) d->frame >= cw_renderer_get_n_frames (renderer))
        continue;

      for (guint k = 0; k < tiles->len; k++)
        {
          CwSheetTile *t = g_ptr_array_index (tiles, k);

          if (t->renderer == renderer && t->frame == (guint) d->frame)
            tile = t;
        }
      if (tile == NULL)
        {
          tile = g_new0 (CwSheetTile, 1);
          tile->renderer = g_object_ref (renderer);
          tile->frame = d->frame;
          /* Translators: under a frame of the checks' contact sheet: format, language, frame number */
          tile->caption = g_strdup_printf (_("%s · %s · frame %d"), format_name, language, d->frame);
          tile->marks = g_array_new (FALSE, FALSE, sizeof (CwSheetMark));
          g_ptr_array_add (tiles, tile);
        }
      mark.number = i + 1;
      mark.area = d->area;
      mark.error = d->severity == CW_SEVERITY_ERROR;
      g_array_append_val (tile->marks, mark);
    }

  cw_lint_count (results, &errors, &warnings, NULL);
  /* Translators: under the title of the checks' contact sheet */
  subtitle = g_strdup_printf (_("%u errors · %u warnings"), errors, warnings);
  return cw_contact_sheet_render_tiles (title, subtitle, tiles, thumb_width);
}
