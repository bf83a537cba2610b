/* cw-templates-common.c: decoration and drawing the built-in templates share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cw-fonts.h"
#include "cw-templates-private.h"

/* The rings are drawn into a texture the first time a frame shows them,
 * not while the slide is laid out: listing a deck's texts, checking it and
 * opening it in the editor lay every slide out and never draw. Frames are
 * drawn on several threads, so the first one draws under the lock. */
typedef struct
{
  GMutex           lock;
  cairo_surface_t *surface;
  CwRect           frame;
  double           cx;
  double           cy;
  double           step;
  double           line;
  CwColor          color;
  double           scale;
} ContourTexture;

typedef struct
{
  ContourTexture *texture;
  double          cx;
  double          cy;
} Contours;

static cairo_surface_t *render_contours (const CwRect  *frame,
                                         double         cx,
                                         double         cy,
                                         double         step,
                                         double         line,
                                         const CwColor *color,
                                         double         scale);

static void
contour_texture_clear (gpointer data)
{
  ContourTexture *texture = data;

  g_clear_pointer (&texture->surface, cairo_surface_destroy);
  g_mutex_clear (&texture->lock);
}

static void
contour_texture_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, contour_texture_clear);
}

static cairo_surface_t *
contour_texture_get (ContourTexture *texture)
{
  cairo_surface_t *surface;

  g_mutex_lock (&texture->lock);
  if (texture->surface == NULL)
    texture->surface = render_contours (&texture->frame, texture->cx, texture->cy, texture->step,
                                        texture->line, &texture->color, texture->scale);
  surface = texture->surface;
  g_mutex_unlock (&texture->lock);
  return surface;
}

static void
contours_free (gpointer data)
{
  Contours *c = data;

  contour_texture_unref (c->texture);
  g_free (c);
}

static void
draw_contours (const CwNode *node,
               cairo_t      *cr,
               double        progress)
{
  const Contours *c = node->data;
  double scale = c->texture->scale;
  double grow = 0.92 + 0.08 * progress;

  /* the rings spread out as they appear */
  cairo_translate (cr, c->cx, c->cy);
  cairo_scale (cr, grow / scale, grow / scale);
  cairo_translate (cr, -c->cx * scale, -c->cy * scale);
  cairo_set_source_surface (cr, contour_texture_get (c->texture), 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint_with_alpha (cr, CLAMP (progress, 0, 1));
}

/* Drawn once per renderer at half size: a full-frame gradient and a hundred
 * arcs are too slow to draw again on every frame. */
static cairo_surface_t *
render_contours (const CwRect  *frame,
                 double         cx,
                 double         cy,
                 double         step,
                 double         line,
                 const CwColor *color,
                 double         scale)
{
  cairo_surface_t *surface;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(cairo_pattern_t) glow = NULL;
  double reach = hypot (frame->width, frame->height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (frame->width * scale),
                                        (int) ceil (frame->height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  /* a soft light where the rings start, so the content does not float on a flat fill */
  glow = cairo_pattern_create_radial (cx, cy, 0, cx, cy, reach * 0.45);
  cairo_pattern_add_color_stop_rgba (glow, 0, color->red, color->green, color->blue, 0.10);
  cairo_pattern_add_color_stop_rgba (glow, 1, color->red, color->green, color->blue, 0);
  cairo_set_source (cr, glow);
  cairo_paint (cr);

  cairo_set_line_width (cr, line);
  for (guint i = 1; step * i < reach; i++)
    {
      /* rings fade as they spread, like contour lines on a survey map */
      double fade = 1 - (step * i) / reach;
      cw_cairo_set_source_color (cr, color, 0.10 * fade);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, step * i, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  cairo_surface_flush (surface);
  return surface;
}

/**
 * cw_templates_add_contours:
 * @cx: center of the rings, in frame pixels (may lie outside the frame)
 *
 * Faint concentric rings: a quiet texture that echoes survey maps of
 * cleared land, drawn behind the content.
 */
void
cw_templates_add_contours (CwSceneBuilder *builder,
                           double          cx,
                           double          cy,
                           CwColorRole     role)
{
  Contours *c = g_new0 (Contours, 1);
  CwNode *node = cw_node_new (CW_NODE_CUSTOM, NULL, &builder->frame);
  CwColor color = cw_theme_get_color (builder->theme, role);

  g_autofree char *key = g_strdup_printf ("contours %gx%g %g,%g %g,%g,%g", builder->frame.width,
                                          builder->frame.height, cx, cy, color.red, color.green,
                                          color.blue);

  c->cx = cx;
  c->cy = cy;
  c->texture = cw_builder_lookup_shared (builder, key);
  if (c->texture != NULL)
    g_atomic_rc_box_acquire (c->texture);
  else
    {
      c->texture = g_atomic_rc_box_new0 (ContourTexture);
      g_mutex_init (&c->texture->lock);
      c->texture->frame = builder->frame;
      c->texture->cx = cx;
      c->texture->cy = cy;
      c->texture->step = 64 * builder->unit;
      c->texture->line = 2.5 * builder->unit;
      c->texture->color = color;
      c->texture->scale = 0.5;
      cw_builder_share (builder, key, g_atomic_rc_box_acquire (c->texture), contour_texture_unref);
    }
  node->data = c;
  node->destroy = contours_free;
  node->draw = draw_contours;
  /* part of the background: the slide's still layer holds it from the first frame */
  node->enter = CW_ANIMATION_NONE;
  cw_scene_add_node (builder->scene, node);
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
  CwTextStyle kicker_style = { CW_FONT_HEADING, 44, 32, 1.1, 2, align };
  CwTextStyle title_style = { CW_FONT_HEADING, 92, 46, 1.05, 3, align };
  CwColor muted = cw_builder_theme_color (b, CW_COLOR_MUTED);
  CwColor text = cw_builder_theme_color (b, CW_COLOR_TEXT);
  double gap = 40 * b->unit;

  /* a header takes at most a third of the box, so the chart keeps room */
  if (box->height < 900 * b->unit)
    {
      title_style.max_size = 68;
      kicker_style.max_size = 38;
    }

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
