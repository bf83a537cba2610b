/* cw-templates-common.c: decoration and drawing the built-in templates share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cw-fonts.h"
#include "cw-templates-private.h"

/* The texture is drawn the first time a frame shows it, not while the
 * slide is laid out: listing a deck's texts, checking it and opening it in
 * the editor lay every slide out and never draw. Frames are drawn on
 * several threads, so the first one draws under the lock. Every slide of a
 * renderer shares one texture, so the background stays the same from one
 * slide to the next and a transition has nothing behind the content to
 * move or dissolve. */
typedef struct
{
  GMutex           lock;
  cairo_surface_t *surface;
  CwTexture        kind;
  CwRect           frame;
  double           unit;
  CwColor          color;
  double           scale;
} Texture;

static cairo_surface_t *render_texture (const Texture *texture);

static void
texture_clear (gpointer data)
{
  Texture *texture = data;

  g_clear_pointer (&texture->surface, cairo_surface_destroy);
  g_mutex_clear (&texture->lock);
}

static void
texture_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, texture_clear);
}

static cairo_surface_t *
texture_get (Texture *texture)
{
  cairo_surface_t *surface;

  g_mutex_lock (&texture->lock);
  if (texture->surface == NULL)
    texture->surface = render_texture (texture);
  surface = texture->surface;
  g_mutex_unlock (&texture->lock);
  return surface;
}

static void
draw_texture (const CwNode *node,
              cairo_t      *cr,
              double        progress)
{
  Texture *texture = node->data;

  cairo_scale (cr, 1 / texture->scale, 1 / texture->scale);
  cairo_set_source_surface (cr, texture_get (texture), 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            texture->scale == 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint (cr);
}

/* The height of imaginary land at (x, y), both in 0…1 across the frame's
 * short side: a few hills and hollows of different widths on a gentle
 * slope. Fixed, so every clip of a deck shows the same land; no hill is
 * round, so no contour reads as a ring round a target. */
typedef struct
{
  double x, y, sx, sy, turn, h;
  /* cos and sin of @turn, worked out once rather than at every point */
  double c, s;
} Hill;

static void
land_hills (Hill hills[6])
{
  static const Hill land[] = {
    { 0.18, 0.22, 0.34, 0.16, 0.5, 1.0 },
    { 0.82, 0.48, 0.22, 0.42, -0.3, 0.8 },
    { 0.35, 0.95, 0.45, 0.20, 0.9, 0.9 },
    { 1.05, 1.30, 0.30, 0.24, 0.2, -0.7 },
    { 0.10, 1.55, 0.26, 0.38, -0.6, 0.7 },
    { 0.62, 1.70, 0.40, 0.18, 0.4, -0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (land); i++)
    {
      hills[i] = land[i];
      hills[i].c = cos (land[i].turn);
      hills[i].s = sin (land[i].turn);
    }
}

static double
land_height (const Hill hills[6],
             double     x,
             double     y)
{
  double z = 0.35 * x - 0.22 * y;

  for (guint i = 0; i < 6; i++)
    {
      double dx = x - hills[i].x, dy = y - hills[i].y;
      double c = hills[i].c, s = hills[i].s;
      double u = (dx * c + dy * s) / hills[i].sx;
      double v = (-dx * s + dy * c) / hills[i].sy;

      z += hills[i].h * exp (-(u * u + v * v) / 2);
    }
  /* folds, so the lines wander as they do on a map */
  z += 0.06 * sin (7.0 * x + 3.0 * y) + 0.04 * sin (11.0 * y - 5.0 * x + 1.3);
  return z;
}

/* Contour lines of the land above, by marching squares over a grid. */
static void
render_contours (cairo_t       *cr,
                 const Texture *texture,
                 double         width,
                 double         height)
{
  double cell = 6;
  guint nx = (guint) ceil (width / cell) + 1;
  guint ny = (guint) ceil (height / cell) + 1;
  double side = MIN (width, height);
  g_autofree double *z = g_new (double, (gsize) nx * ny);
  /* the lowest and highest corner of each cell: most cells meet no level */
  g_autofree double *cell_lo = g_new (double, (gsize) nx * ny);
  g_autofree double *cell_hi = g_new (double, (gsize) nx * ny);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  const guint n_levels = 22;
  Hill hills[6];

  land_hills (hills);
  for (guint j = 0; j < ny; j++)
    for (guint i = 0; i < nx; i++)
      {
        double v = land_height (hills, i * cell / side, j * cell / side);
        z[j * nx + i] = v;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }
  for (guint j = 0; j + 1 < ny; j++)
    for (guint i = 0; i + 1 < nx; i++)
      {
        double a = z[j * nx + i], b = z[j * nx + i + 1];
        double c = z[(j + 1) * nx + i + 1], d = z[(j + 1) * nx + i];

        cell_lo[j * nx + i] = MIN (MIN (a, b), MIN (c, d));
        cell_hi[j * nx + i] = MAX (MAX (a, b), MAX (c, d));
      }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint level = 1; level < n_levels; level++)
    {
      double iso = lo + (hi - lo) * level / n_levels;
      /* every fifth line a little stronger, as on survey maps */
      gboolean index_line = level % 5 == 0;

      for (guint j = 0; j + 1 < ny; j++)
        for (guint i = 0; i + 1 < nx; i++)
          {
            double c[4] = { z[j * nx + i], z[j * nx + i + 1], z[(j + 1) * nx + i + 1], z[(j + 1) * nx + i] };
            double px[4] = { i * cell, (i + 1) * cell, (i + 1) * cell, i * cell };
            double py[4] = { j * cell, j * cell, (j + 1) * cell, (j + 1) * cell };
            double ex[4], ey[4];
            guint n = 0;

            /* all corners on one side: no edge crosses the level */
            if (cell_hi[j * nx + i] < iso || cell_lo[j * nx + i] >= iso)
              continue;

            /* where the level crosses each edge of the cell */
            for (guint e = 0; e < 4; e++)
              {
                double a = c[e], b = c[(e + 1) % 4];
                if ((a < iso) != (b < iso))
                  {
                    double t = (iso - a) / (b - a);
                    ex[n] = px[e] + (px[(e + 1) % 4] - px[e]) * t;
                    ey[n] = py[e] + (py[(e + 1) % 4] - py[e]) * t;
                    n++;
                  }
              }
            if (n >= 2)
              {
                cairo_move_to (cr, ex[0], ey[0]);
                cairo_line_to (cr, ex[1], ey[1]);
              }
            if (n == 4)
              {
                cairo_move_to (cr, ex[2], ey[2]);
                cairo_line_to (cr, ex[3], ey[3]);
              }
          }
      cairo_set_line_width (cr, (index_line ? 2.2 : 1.3) * texture->unit);
      cw_cairo_set_source_color (cr, &texture->color, index_line ? 0.11 : 0.065);
      cairo_stroke (cr);
    }
}

/* A fine grain: a little light and shade on every pixel. */
static void
render_grain (cairo_surface_t *surface,
              const Texture   *texture)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  unsigned char *data = cairo_image_surface_get_data (surface);
  /* a fixed seed: the same grain in every frame and every clip */
  guint32 state = 0x9e3779b9u;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < w; x++)
        {
          guint32 alpha;
          guint32 grey;

          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          /* premultiplied white or black, at most 6 % */
          alpha = state % 16;
          grey = (state >> 8) & 1 ? alpha : 0;
          row[x] = alpha << 24 | grey << 16 | grey << 8 | grey;
        }
    }
  cairo_surface_mark_dirty (surface);
}

static cairo_surface_t *
render_texture (const Texture *texture)
{
  double w = ceil (texture->frame.width * texture->scale);
  double h = ceil (texture->frame.height * texture->scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);

  if (texture->kind == CW_TEXTURE_GRAIN)
    render_grain (surface, texture);
  else if (texture->kind == CW_TEXTURE_CONTOURS)
    {
      g_autoptr(cairo_t) cr = cairo_create (surface);
      Texture scaled = *texture;

      scaled.unit *= texture->scale;
      render_contours (cr, &scaled, w, h);
    }
  cairo_surface_flush (surface);
  return surface;
}

/**
 * cw_templates_add_texture:
 *
 * Adds the theme's texture behind the content (#CwTexture): contour lines
 * of land, a fine grain, or nothing over the background's gradient.
 */
void
cw_templates_add_texture (CwSceneBuilder *builder)
{
  CwTexture kind = cw_theme_get_texture (builder->theme);
  CwColor color = cw_theme_get_color (builder->theme, CW_COLOR_TEXT);
  Texture *texture;
  CwNode *node;

  g_autofree char *key = NULL;

  if (kind == CW_TEXTURE_GRADIENT)
    return;

  key = g_strdup_printf ("texture %d %gx%g %g,%g,%g", kind, builder->frame.width, builder->frame.height,
                         color.red, color.green, color.blue);
  texture = cw_builder_lookup_shared (builder, key);
  if (texture != NULL)
    g_atomic_rc_box_acquire (texture);
  else
    {
      texture = g_atomic_rc_box_new0 (Texture);
      g_mutex_init (&texture->lock);
      texture->kind = kind;
      texture->frame = builder->frame;
      texture->unit = builder->unit;
      texture->color = color;
      /* lines are drawn at half size and smoothed up; grain is as fine as the pixels */
      texture->scale = kind == CW_TEXTURE_GRAIN ? 1 : 0.5;
      cw_builder_share (builder, key, g_atomic_rc_box_acquire (texture), texture_unref);
    }

  node = cw_node_new (CW_NODE_CUSTOM, NULL, &builder->frame);
  node->data = texture;
  node->destroy = texture_unref;
  node->draw = draw_texture;
  /* part of the background: the slide's still layer holds it from the first frame */
  node->enter = CW_ANIMATION_NONE;
  cw_scene_add_node (builder->scene, node);
}

/**
 * cw_templates_balance:
 * @first: the index of the first node of the content, in the scene
 * @box: the box to balance it in
 *
 * Moves the content (the nodes from @first on that show an element, but
 * the source line) up or down, so that it sits in the middle of @box
 * rather than at its top: on a tall frame, a chart laid out from the top
 * leaves the lower part of the safe area empty.
 */
void
cw_templates_balance (CwSceneBuilder *b,
                      guint           first,
                      const CwRect   *box)
{
  GPtrArray *nodes = b->scene->nodes;
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, shift;

  for (guint i = first; i < nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (nodes, i);

      if (node->element == NULL || g_str_equal (node->element, "source"))
        continue;
      top = MIN (top, node->rect.y);
      bottom = MAX (bottom, node->rect.y + node->rect.height);
    }
  if (top > bottom)
    return;

  shift = box->y + (box->height - (bottom - top)) / 2 - top;
  /* never out of the box */
  shift = CLAMP (shift, box->y - top, box->y + box->height - bottom);
  shift = round (shift);
  if (fabs (shift) < 1)
    return;
  for (guint i = first; i < nodes->len; i++)
    {
      CwNode *node = g_ptr_array_index (nodes, i);

      if (node->element == NULL || g_str_equal (node->element, "source"))
        continue;
      node->rect.y += shift;
    }
}

/* Where the deck's alignment puts a line's start: 0 at the start, 0.5 centered. */
double
cw_templates_halign (CwSceneBuilder *b)
{
  return cw_theme_get_align (b->theme) == CW_ALIGN_START ? 0 : 0.5;
}

/* A short bar that grows in under a headline or a number, in @color. */
void
cw_templates_add_rule (CwSceneBuilder *builder,
                       CwStack        *stack,
                       const char     *element,
                       double          gap_before,
                       double          halign,
                       const CwColor  *color)
{
  CwRect rect = { 0, 0, 132 * builder->unit, 12 * builder->unit };
  CwNode *node = cw_node_new (CW_NODE_BOX, element, &rect);

  node->color = *color;
  node->radius = 6 * builder->unit;
  cw_builder_style_node (builder, node);
  cw_stack_add_node (stack, node, gap_before, halign);
}

/* One line of text centered on (cx, cy), for labels inside custom shapes. */
void
cw_templates_draw_label (cairo_t       *cr,
                         const char    *text,
                         const char    *family,
                         int            weight,
                         double         size,
                         double         cx,
                         double         cy,
                         const CwColor *color)
{
  g_autoptr(PangoContext) context = cw_fonts_create_context (cr);
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle ink, logical;

  layout = cw_text_layout_new (context, text, family, weight, size, -1, 0, PANGO_ALIGN_CENTER, TRUE);
  pango_layout_get_extents (layout, &ink, &logical);
  cw_cairo_set_source_color (cr, color, 1);
  /* center the ink horizontally, and the logical box vertically, so digits sit level */
  cairo_move_to (cr,
                 cx - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                 cy - (logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/**
 * cw_templates_add_header:
 * @box: (inout): the content box; the header's room is taken off its top
 *
 * A kicker and a title at the top of a chart slide. Either may be %NULL.
 */
void
cw_templates_add_header (CwSceneBuilder *b,
                         CwRect         *box,
                         const char     *kicker,
                         const char     *title,
                         PangoAlignment  align)
{
  CwTextStyle kicker_style = cw_builder_type_style (b, CW_TYPE_KICKER);
  CwTextStyle title_style = cw_builder_type_style (b, CW_TYPE_HEADLINE);
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  double gap = 40 * b->unit;

  kicker_style.align = title_style.align = align;
  /* a header takes at most a third of the box, so the chart keeps room */
  title_style.max_lines = 3;
  if (box->height < 900 * b->unit)
    title_style.max_size = MAX (title_style.min_size, title_style.max_size * 0.72);

  if (kicker != NULL)
    {
      CwNode *node = cw_builder_add_text (b, "kicker", kicker, &kicker_style, &muted, box);
      box->y += node->rect.height + 12 * b->unit;
      box->height -= node->rect.height + 12 * b->unit;
    }
  if (title != NULL)
    {
      CwNode *node = cw_builder_add_text (b, "title", title, &title_style, &text, box);
      box->y += node->rect.height;
      box->height -= node->rect.height;
    }
  if (kicker != NULL || title != NULL)
    {
      box->y += gap;
      box->height -= gap;
    }
}

/* @rect as it sits in a right-to-left layout of @box. */
CwRect
cw_templates_mirror (CwSceneBuilder *b,
                     const CwRect   *box,
                     CwRect          rect)
{
  if (b->scene->rtl)
    rect.x = box->x + box->width - (rect.x - box->x) - rect.width;
  return rect;
}

/* The color of bars and icons that are not the point of the slide: the
 * theme's track, which is seen against the background (3:1) and still
 * stays behind the figure. */
CwColor
cw_templates_dim (CwSceneBuilder *b)
{
  return cw_theme_get_track_color (b->theme);
}

/* Width and height of one line of text, for placing labels exactly. */
void
cw_templates_measure (CwSceneBuilder *b,
                      const char     *text,
                      CwFontRole      font,
                      double          size,
                      gboolean        tabular,
                      double         *width,
                      double         *height)
{
  CwTextExtents extents;

  cw_text_measure (text, cw_theme_get_font_family (b->theme, font),
                   cw_theme_get_font_weight (b->theme, font), size, -1, 0, PANGO_ALIGN_LEFT,
                   tabular, &extents);
  if (width)
    *width = extents.width;
  if (height)
    *height = extents.height;
}

/**
 * cw_templates_add_counter:
 * @rect: where the settled number sits; it is drawn by @align inside it
 *
 * Returns: (transfer none): a number that counts up to @value
 */
CwNode *
cw_templates_add_counter (CwSceneBuilder *b,
                          const char     *element,
                          double          value,
                          guint           decimals,
                          CwNumberStyle   style,
                          const char     *prefix,
                          const char     *suffix,
                          CwFontRole      font,
                          double          size,
                          const CwColor  *color,
                          const CwRect   *rect,
                          PangoAlignment  align)
{
  CwNode *node = cw_node_new (CW_NODE_COUNTER, element, rect);
  g_autofree char *number = cw_number_format (b->language, style, value, decimals);
  g_autofree char *key = g_strdup_printf ("%s/counter/%d", element, font);

  /* a number fitted to a shape ("60 %" in a ring) is as large in every
   * language as in the one whose number is widest */
  size = cw_builder_agree (b, key, size);
  node->font_family = g_strdup (cw_theme_get_font_family (b->theme, font));
  node->font_weight = cw_theme_get_font_weight (b->theme, font);
  node->font_size = size;
  node->align = align;
  node->color = *color;
  node->value = value;
  node->decimals = decimals;
  node->style = style;
  node->language = g_strdup (b->language);
  node->prefix = cw_builder_counter_affix (prefix, TRUE);
  node->suffix = cw_builder_counter_affix (suffix, FALSE);
  node->text = g_strconcat (node->prefix ? node->prefix : "", number,
                            node->suffix ? node->suffix : "", NULL);
  cw_builder_style_node (b, node);
  cw_scene_add_node (b->scene, node);
  cw_builder_note_reading (b, node->text);
  return node;
}

/* Delays the node's enter animation by @index steps, so siblings come in one after another. */
void
cw_templates_stagger (CwNode *node,
                      guint   index,
                      double  step)
{
  node->enter.delay += index * step;
}

/**
 * cw_templates_hold_after_reading:
 * @seconds: how long the settled slide stays once it has been read
 *
 * The automatic duration is the time to read the slide's texts at the
 * audience's reading speed, then a short rest; a card people must act on,
 * such as a hotline, stays longer. The renderer times it (build_scene()
 * in cw-renderer.c).
 */
void
cw_templates_hold_after_reading (CwSceneBuilder *b,
                                 double          seconds)
{
  b->rest_after_reading = MAX (b->rest_after_reading, seconds);
}
