/* cw-scene.c
 *
 * A scene is immutable once cw_scene_finish() ran: exporter threads draw
 * the same scene at different times concurrently, and cw_scene_draw() is
 * a pure function of the time, so no state leaks from one frame to the next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-fonts.h"
#include "cw-scene.h"

CwNode *
cw_node_new (CwNodeKind    kind,
             const char   *element,
             const CwRect *rect)
{
  CwNode *node = g_new0 (CwNode, 1);

  node->kind = kind;
  node->element = g_strdup (element);
  node->rect = *rect;
  node->enter = CW_ANIMATION_NONE;
  node->exit = CW_ANIMATION_NONE;
  node->opacity = 1;
  node->color = (CwColor) { 1, 1, 1, 1 };
  node->font_weight = 400;
  node->align = PANGO_ALIGN_CENTER;
  node->wrap_width = -1;
  return node;
}

void
cw_node_free (CwNode *node)
{
  if (node == NULL)
    return;

  if (node->destroy != NULL)
    node->destroy (node->data);
  g_clear_pointer (&node->surface, cairo_surface_destroy);
  g_free (node->element);
  g_free (node->text);
  g_free (node->font_family);
  g_free (node->language);
  g_free (node->prefix);
  g_free (node->suffix);
  g_free (node);
}

/* Whether @affix is a plus or minus sign and nothing else. */
static gboolean
is_sign (const char *affix)
{
  static const char * const signs[] = { "-", "+", "\u2212", "\u2012", "\u2013", "\u00b1", NULL };

  return affix != NULL && g_strv_contains (signs, affix);
}

/* The text a counter shows at @progress of its count. */
char *
cw_node_get_text_at (const CwNode *node,
                     double        progress)
{
  g_autofree char *number = NULL;
  double value;

  if (node->kind == CW_NODE_TEXT)
    return g_strdup (node->text);
  if (node->kind != CW_NODE_COUNTER)
    return NULL;

  value = node->value * CLAMP (progress, 0, 1);
  number = cw_number_format (node->language, node->style, value, node->decimals);
  /* nothing has risen or fallen yet: no "−0%" in the first frames */
  if (is_sign (node->prefix) && fabs (value) < 0.5 * pow (10, -(double) node->decimals))
    return g_strconcat (number, node->suffix ? node->suffix : "", NULL);
  return g_strconcat (node->prefix ? node->prefix : "", number, node->suffix ? node->suffix : "",
                      NULL);
}

static void
source_text_free (CwSourceText *text)
{
  g_free (text->context);
  g_free (text->source);
  g_free (text->source_plural);
  g_free (text);
}

CwScene *
cw_scene_new (int width,
              int height)
{
  CwScene *scene = g_new0 (CwScene, 1);

  g_atomic_ref_count_init (&scene->ref_count);
  scene->width = width;
  scene->height = height;
  scene->safe = (CwRect) { 0, 0, width, height };
  scene->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_node_free);
  scene->texts = g_ptr_array_new_with_free_func (g_free);
  scene->source_texts = g_ptr_array_new_with_free_func ((GDestroyNotify) source_text_free);
  return scene;
}

CwScene *
cw_scene_ref (CwScene *scene)
{
  g_atomic_ref_count_inc (&scene->ref_count);
  return scene;
}

void
cw_scene_unref (CwScene *scene)
{
  if (scene != NULL && g_atomic_ref_count_dec (&scene->ref_count))
    {
      g_ptr_array_unref (scene->nodes);
      g_ptr_array_unref (scene->texts);
      g_free (scene->source_line);
      g_free (scene->hotline);
      g_ptr_array_unref (scene->source_texts);
      g_free (scene);
    }
}

/* Takes ownership of @node; nodes draw in the order they were added. */
void
cw_scene_add_node (CwScene *scene,
                   CwNode  *node)
{
  g_ptr_array_add (scene->nodes, node);
}

static double
exit_start (const CwScene *scene,
            const CwNode  *node)
{
  if (node->exit.effect == CW_EFFECT_NONE)
    return G_MAXDOUBLE;
  return scene->duration - node->exit.delay - node->exit.duration;
}

/* Works out when the slide stops moving, and what never moves. */
void
cw_scene_finish (CwScene *scene)
{
  scene->settle_time = 0;
  for (guint i = 0; i < scene->nodes->len; i++)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i);
      scene->settle_time = MAX (scene->settle_time, cw_animation_get_end (&node->enter));
    }

  scene->n_fixed = 0;
  while (scene->n_fixed < scene->nodes->len)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, scene->n_fixed);

      if (node->enter.effect != CW_EFFECT_NONE || node->exit.effect != CW_EFFECT_NONE)
        break;
      scene->n_fixed++;
    }
}

static double
hold_end (CwScene *scene)
{
  double first_exit = scene->duration;

  for (guint i = 0; i < scene->nodes->len; i++)
    first_exit = MIN (first_exit, exit_start (scene, g_ptr_array_index (scene->nodes, i)));
  return first_exit;
}

/**
 * cw_scene_get_ambient_zoom:
 * @t: seconds into the slide
 *
 * With an ambient motion, the texture behind a holding slide drifts slowly
 * closer and back: from the moment the slide settles to its first exit,
 * starting and ending at rest, so it joins the still frames around it
 * without a jump. Outside the hold, and without an ambient motion, 1.
 *
 * Returns: how much larger than its size the texture is drawn at @t
 */
double
cw_scene_get_ambient_zoom (CwScene *scene,
                           double   t)
{
  double end, s;

  if (scene->ambient <= 0)
    return 1;
  end = hold_end (scene);
  if (t <= scene->settle_time || t >= end)
    return 1;
  s = (t - scene->settle_time) / (end - scene->settle_time);
  return 1 + scene->ambient * (1 - cos (2 * G_PI * s)) / 2;
}

/**
 * cw_scene_get_hold_time:
 * @t: seconds into the slide
 *
 * Between the moment everything has settled and the first exit animation,
 * every frame is the same picture. This maps such times onto the settle
 * time, so the exporter can tell identical frames apart without comparing
 * pixels, and draws them from one time, so they really are identical.
 * Unless the texture drifts (#CwScene:ambient): then no two are the same.
 *
 * Returns: the time to draw for @t
 */
double
cw_scene_get_hold_time (CwScene *scene,
                        double   t)
{
  double first_exit = G_MAXDOUBLE;

  /* a drifting texture makes every frame of the hold its own */
  if (scene->ambient > 0)
    return t;
  for (guint i = 0; i < scene->nodes->len; i++)
    first_exit = MIN (first_exit, exit_start (scene, g_ptr_array_index (scene->nodes, i)));
  if (t >= scene->settle_time && t < first_exit)
    return scene->settle_time;
  return t;
}

void
cw_scene_draw_background (CwScene *scene,
                          cairo_t *cr)
{
  g_autoptr(cairo_pattern_t) gradient = NULL;

  cairo_save (cr);
  if (scene->transparent)
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_rectangle (cr, 0, 0, scene->width, scene->height);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  /* top to bottom: every row is one color, which the PNG encoder's filters
   * turn into runs of zeros that deflate squeezes at once */
  gradient = cairo_pattern_create_linear (0, 0, 0, scene->height);
  cairo_pattern_add_color_stop_rgb (gradient, 0, scene->background.red,
                                    scene->background.green, scene->background.blue);
  cairo_pattern_add_color_stop_rgb (gradient, 1, scene->background_end.red,
                                    scene->background_end.green, scene->background_end.blue);
  cairo_set_source (cr, gradient);
  /* fill the frame, not the surface: a transition may have moved the scene */
  cairo_rectangle (cr, 0, 0, scene->width, scene->height);
  cairo_fill (cr);
  cairo_restore (cr);
}

typedef struct
{
  double alpha;
  double dx;
  double dy;
  double scale;
  double clip;
  double reveal;
  double count;
  double grow;
} NodeState;

static void
apply_effect (NodeState        *state,
              CwEffect          effect,
              double            p,
              double            raw,
              double            distance)
{
  double appear = cw_easing_apply (CW_EASING_EASE_OUT_QUAD, MIN (1, raw * 1.6));

  switch (effect)
    {
    case CW_EFFECT_NONE:
      break;
    case CW_EFFECT_FADE:
      state->alpha *= CLAMP (p, 0, 1);
      break;
    case CW_EFFECT_SLIDE_UP:
      state->dy += (1 - p) * distance;
      state->alpha *= appear;
      break;
    case CW_EFFECT_SLIDE_DOWN:
      state->dy -= (1 - p) * distance;
      state->alpha *= appear;
      break;
    case CW_EFFECT_SLIDE_LEFT:
      state->dx += (1 - p) * distance;
      state->alpha *= appear;
      break;
    case CW_EFFECT_SLIDE_RIGHT:
      state->dx -= (1 - p) * distance;
      state->alpha *= appear;
      break;
    case CW_EFFECT_POP:
      state->scale *= MAX (p, 0);
      state->alpha *= cw_easing_apply (CW_EASING_LINEAR, MIN (1, raw * 4));
      break;
    case CW_EFFECT_WIPE:
      state->clip *= CLAMP (p, 0, 1);
      break;
    case CW_EFFECT_TYPEWRITER:
    case CW_EFFECT_WORDS:
      state->reveal *= CLAMP (p, 0, 1);
      break;
    case CW_EFFECT_COUNT_UP:
      state->count *= CLAMP (p, 0, 1);
      state->alpha *= MIN (1, raw * 5);
      break;
    case CW_EFFECT_GROW:
      state->grow *= CLAMP (p, 0, 1);
      break;
    case CW_N_EFFECTS:
    default:
      break;
    }
}

static void
compute_state (const CwScene *scene,
               const CwNode  *node,
               double         t,
               NodeState     *state)
{
  double distance = 0.06 * MIN (scene->width, scene->height);
  double raw;
  double p;

  *state = (NodeState) { node->opacity, 0, 0, 1, 1, 1, 1, 1 };

  raw = cw_animation_get_raw_progress (&node->enter, t);
  p = cw_easing_apply (node->enter.easing, raw);
  apply_effect (state, node->enter.effect, p, raw, distance);
  /* right to left, the slide is mirrored, its motion too: what slides in
   * from the end of the line comes from the left */
  if (scene->rtl)
    state->dx = -state->dx;
  state->dx -= (1 - p) * (scene->rtl ? -node->travel_x : node->travel_x);
  state->dy += (1 - p) * node->travel_y;

  if (node->exit.effect != CW_EFFECT_NONE)
    {
      CwAnimation exit = node->exit;
      double start = exit_start (scene, node);

      exit.delay = start;
      raw = cw_animation_get_raw_progress (&exit, t);
      if (raw > 0)
        {
          /* leaving is entering backwards; a count never counts down */
          CwEffect effect = exit.effect == CW_EFFECT_COUNT_UP ? CW_EFFECT_FADE : exit.effect;
          double dx = state->dx;

          p = 1 - cw_easing_apply (exit.easing, raw);
          apply_effect (state, effect, p, 1 - raw, -distance);
          if (scene->rtl)
            state->dx = dx - (state->dx - dx);
        }
    }
}

static void
set_reveal_attributes (PangoLayout *layout,
                       const char  *text,
                       CwEffect     effect,
                       double       reveal)
{
  PangoAttrList *current = pango_layout_get_attributes (layout);
  /* a copy: the layout ignores a list equal to the one it has, so changing
   * its own list in place would leave it laid out without the changes */
  g_autoptr(PangoAttrList) attrs = current ? pango_attr_list_copy (current) : pango_attr_list_new ();

  if (effect == CW_EFFECT_WORDS)
    {
      /* each word fades in after the one before it */
      guint n_words = 0;
      const char *p = text;
      guint index = 0;

      for (const char *q = text; *q; q = g_utf8_next_char (q))
        {
          if (!g_unichar_isspace (g_utf8_get_char (q)) &&
              (q == text || g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (q)))))
            n_words++;
        }

      while (*p)
        {
          const char *start;
          double a;

          while (*p && g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (!*p)
            break;
          start = p;
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);

          a = CLAMP (reveal * n_words - index, 0, 1);
          if (a < 1)
            {
              PangoAttribute *attr = pango_attr_foreground_alpha_new (MAX (1, (guint16) (a * 65535)));
              attr->start_index = start - text;
              attr->end_index = p - text;
              pango_attr_list_insert (attrs, attr);
            }
          index++;
        }
    }
  else
    {
      glong n_chars = g_utf8_strlen (text, -1);
      glong visible = (glong) floor (n_chars * reveal + 0.5);

      if (visible < n_chars)
        {
          PangoAttribute *attr = pango_attr_foreground_alpha_new (1);
          attr->start_index = g_utf8_offset_to_pointer (text, visible) - text;
          attr->end_index = strlen (text);
          pango_attr_list_insert (attrs, attr);
        }
    }

  pango_layout_set_attributes (layout, attrs);
}

/* Laying a text out (itemizing and shaping it) costs more than drawing
 * it, and frame after frame the same texts are laid out again: a label
 * that slides in, the settled number a count is placed by, and every
 * moving text twice a frame, once to find the box it changes
 * (cw_scene_get_nodes_extents()) and once to draw it. Each font map keeps
 * the layouts drawn with it last: a map serves one thread at a time, and
 * its layouts go with it. A layout depends on its text, its font and the
 * linear part of the context's matrix, not on where it is drawn: the
 * context's own options turn hinting off (cw_fonts_create_context()), and
 * cairo renders the glyphs with the target's options, whatever context
 * laid them out. They are kept under cw_fonts_map_cache_quark(): letting
 * a map's fonts go drops them at once, since they hold those fonts; a map
 * that changes otherwise (a font added) changes its serial, and its
 * layouts are forgotten when next asked for. */
#define N_RECENT_LAYOUTS 32

typedef struct
{
  CwTextRequest  request;
  double         matrix[4];
  PangoLayout   *layout;
} RecentLayout;

typedef struct
{
  guint      serial;
  /* (element-type RecentLayout): the one drawn last at the end */
  GPtrArray *layouts;
} RecentLayouts;

static gint n_layouts_reused;

static void
recent_layout_free (gpointer data)
{
  RecentLayout *recent = data;

  cw_text_request_clear (&recent->request);
  g_clear_object (&recent->layout);
  g_free (recent);
}

static void
recent_layouts_free (gpointer data)
{
  RecentLayouts *recent = data;

  g_ptr_array_unref (recent->layouts);
  g_free (recent);
}

/* Returns: (transfer full): a layout of @text in @node's font for drawing
 * on @cr, as cw_text_layout_new() lays it out on a context for @cr; one
 * laid out before when there is one. Callers may change its alignment,
 * which it keeps (setting it again costs nothing), but nothing else. */
static PangoLayout *
get_layout (cairo_t      *cr,
            const CwNode *node,
            const char   *text,
            double        width,
            gboolean      tabular)
{
  PangoFontMap *map = cw_fonts_get_font_map ();
  CwTextRequest request = { (char *) text, (char *) (node->font_family ? node->font_family : ""),
                            node->font_weight, node->font_size, width, node->line_height, node->align,
                            tabular };
  RecentLayouts *recent;
  RecentLayout *layout;
  cairo_matrix_t m;
  double matrix[4];
  g_autoptr(PangoContext) context = NULL;

  cairo_get_matrix (cr, &m);
  matrix[0] = m.xx;
  matrix[1] = m.yx;
  matrix[2] = m.xy;
  matrix[3] = m.yy;

  recent = g_object_get_qdata (G_OBJECT (map), cw_fonts_map_cache_quark ());
  if (recent == NULL)
    {
      recent = g_new0 (RecentLayouts, 1);
      recent->layouts = g_ptr_array_new_with_free_func (recent_layout_free);
      g_object_set_qdata_full (G_OBJECT (map), cw_fonts_map_cache_quark (), recent, recent_layouts_free);
    }
  if (recent->serial != pango_font_map_get_serial (map))
    {
      g_ptr_array_set_size (recent->layouts, 0);
      recent->serial = pango_font_map_get_serial (map);
    }

  for (guint i = recent->layouts->len; i-- > 0;)
    {
      layout = g_ptr_array_index (recent->layouts, i);
      if (memcmp (layout->matrix, matrix, sizeof matrix) == 0 &&
          cw_text_request_equal (&layout->request, &request))
        {
          if (i + 1 < recent->layouts->len)
            {
              g_ptr_array_steal_index (recent->layouts, i);
              g_ptr_array_add (recent->layouts, layout);
            }
          g_atomic_int_inc (&n_layouts_reused);
          return g_object_ref (layout->layout);
        }
    }

  context = cw_fonts_create_context (cr);
  layout = g_new0 (RecentLayout, 1);
  cw_text_request_copy (&request, &layout->request);
  memcpy (layout->matrix, matrix, sizeof matrix);
  layout->layout = cw_text_layout_new (context, text, node->font_family, node->font_weight,
                                       node->font_size, width, node->line_height, node->align, tabular);
  /* laying it out may have added the font to the map */
  if (recent->serial != pango_font_map_get_serial (map))
    {
      g_ptr_array_set_size (recent->layouts, 0);
      recent->serial = pango_font_map_get_serial (map);
    }
  if (recent->layouts->len >= N_RECENT_LAYOUTS)
    g_ptr_array_remove_index (recent->layouts, 0);
  g_ptr_array_add (recent->layouts, layout);
  return g_object_ref (layout->layout);
}

/**
 * cw_scene_get_n_layouts_reused:
 *
 * Returns: how many times a text was drawn with a layout laid out for an
 *   earlier drawing, on every thread (it wraps around): what tests count
 *   to tell that the layouts of moving text are kept
 */
guint
cw_scene_get_n_layouts_reused (void)
{
  return (guint) g_atomic_int_get (&n_layouts_reused);
}

/* Where a counter showing a text laid out with @logical starts, when the
 * settled number is @final_w wide.
 *
 * A single line, in a box as wide as the final number and placed where the
 * settled number sits; the count is set flush with the box's right edge,
 * where its last digit stays. With tabular figures every digit then keeps
 * its place as the count grows, so the number never slides sideways when
 * it gains a digit (99,999 → 100,000). Digits run left to right in every
 * script, so the right edge holds on right-to-left slides too. */
static double
counter_x (const CwNode         *node,
           double                final_w,
           const PangoRectangle *logical)
{
  double w = logical->width / (double) PANGO_SCALE;
  double x;

  if (node->align == PANGO_ALIGN_CENTER)
    x = node->rect.x + (node->rect.width - final_w) / 2;
  else if (node->align == PANGO_ALIGN_RIGHT)
    x = node->rect.x + node->rect.width - final_w;
  else
    x = node->rect.x;
  return x + final_w - w - logical->x / (double) PANGO_SCALE;
}

/* the width of the settled number of counter @node, laid out as @layout
 * (showing @text) is, or on @context when @layout is %NULL */
static double
final_width (const CwNode   *node,
             const char     *text,
             const PangoRectangle *logical,
             PangoContext   *context,
             cairo_t        *cr)
{
  g_autoptr(PangoLayout) final = NULL;
  PangoRectangle final_logical;

  if (node->text == NULL || g_strcmp0 (node->text, text) == 0)
    return logical->width / (double) PANGO_SCALE;

  if (cr != NULL)
    final = get_layout (cr, node, node->text, -1, TRUE);
  else
    final = cw_text_layout_new (context, node->text, node->font_family, node->font_weight,
                                node->font_size, -1, node->line_height, node->align, TRUE);
  pango_layout_get_extents (final, NULL, &final_logical);
  return final_logical.width / (double) PANGO_SCALE;
}

static void
draw_text (const CwScene   *scene,
           const CwNode    *node,
           cairo_t         *cr,
           const NodeState *state)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  gboolean counter = node->kind == CW_NODE_COUNTER;
  PangoRectangle logical;
  double x;
  double wrap;

  text = counter ? cw_node_get_text_at (node, state->count) : g_strdup (node->text);
  wrap = node->wrap_width > 0 ? MIN (node->wrap_width, node->rect.width) : node->rect.width;
  if (!counter && state->reveal < 1)
    {
      /* the attributes that reveal it change from frame to frame */
      g_autoptr(PangoContext) context = cw_fonts_create_context (cr);

      layout = cw_text_layout_new (context, text, node->font_family, node->font_weight,
                                   node->font_size, wrap, node->line_height, node->align, FALSE);
    }
  else
    layout = get_layout (cr, node, text, counter ? -1 : wrap, counter);

  /* Pango aligns each paragraph by its own direction; a slide aligns all of
   * its text by the slide's, so a Latin name on an Arabic slide starts at
   * the right like the rest, and an Arabic label on an English slide at
   * the left. Pango swaps left and right for a right-to-left paragraph;
   * swapping once more where the paragraph and the slide disagree leaves
   * every line at the slide's start (or end). */
  if (!counter && node->align != PANGO_ALIGN_CENTER)
    {
      PangoLayoutLine *first = pango_layout_get_line_readonly (layout, 0);
      gboolean text_rtl = first != NULL &&
                          pango_layout_line_get_resolved_direction (first) == PANGO_DIRECTION_RTL;

      /* both ways: the layout may have been swapped for another slide */
      if (text_rtl != scene->rtl)
        pango_layout_set_alignment (layout, node->align == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT
                                                                             : PANGO_ALIGN_LEFT);
      else
        pango_layout_set_alignment (layout, node->align);
    }

  if (!counter && state->reveal < 1)
    set_reveal_attributes (layout, text,
                           node->enter.effect == CW_EFFECT_WORDS ? CW_EFFECT_WORDS : CW_EFFECT_TYPEWRITER,
                           state->reveal);

  pango_layout_get_extents (layout, NULL, &logical);

  if (counter)
    x = counter_x (node, final_width (node, text, &logical, NULL, cr), &logical);
  else
    {
      /* lines wrapped narrower than the box sit where the alignment puts them */
      double slack = node->rect.width - wrap;
      gboolean end = node->align == PANGO_ALIGN_RIGHT;

      if (scene->rtl && node->align != PANGO_ALIGN_CENTER)
        end = !end;
      x = node->rect.x + (node->align == PANGO_ALIGN_CENTER ? slack / 2 : end ? slack : 0);
    }

  cw_cairo_set_source_color (cr, &node->color, state->alpha);
  cairo_move_to (cr, x, node->rect.y);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_box (const CwScene   *scene,
          const CwNode    *node,
          cairo_t         *cr,
          const NodeState *state)
{
  double w = node->rect.width;
  double h = node->rect.height;
  double x = node->rect.x;
  double y = node->rect.y;

  if (node->grow_vertical)
    {
      h *= state->grow;
      y += node->rect.height - h;
    }
  else
    {
      w *= state->grow;
      if (scene->rtl)
        x += node->rect.width - w;
    }

  if (w <= 0 || h <= 0)
    return;

  rounded_rectangle (cr, x, y, w, h, node->radius);
  cw_cairo_set_source_color (cr, &node->color, state->alpha);
  if (node->stroke_width > 0)
    {
      cairo_set_line_width (cr, node->stroke_width);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
}

static void
draw_placeholder (const CwNode    *node,
                  cairo_t         *cr,
                  const NodeState *state)
{
  const CwRect *r = &node->rect;
  double s = MIN (r->width, r->height);
  double dash = s / 16;
  double cx = r->x + r->width / 2;
  double cy = r->y + r->height / 2;

  cw_cairo_set_source_color (cr, &node->color, state->alpha * 0.6);
  cairo_set_line_width (cr, MAX (2, s / 40));
  cairo_set_dash (cr, &dash, 1, 0);
  rounded_rectangle (cr, r->x, r->y, r->width, r->height, s / 10);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* a small landscape: the usual sign for "a picture goes here" */
  cairo_move_to (cr, cx - s * 0.25, cy + s * 0.15);
  cairo_line_to (cr, cx - s * 0.08, cy - s * 0.08);
  cairo_line_to (cr, cx + s * 0.04, cy + s * 0.05);
  cairo_line_to (cr, cx + s * 0.12, cy - s * 0.02);
  cairo_line_to (cr, cx + s * 0.25, cy + s * 0.15);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_arc (cr, cx + s * 0.14, cy - s * 0.16, s * 0.05, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_image (const CwNode    *node,
            cairo_t         *cr,
            const NodeState *state)
{
  if (node->surface == NULL)
    {
      draw_placeholder (node, cr, state);
      return;
    }

  cairo_set_source_surface (cr, node->surface, node->rect.x, node->rect.y);
  cairo_paint_with_alpha (cr, state->alpha);
}

/* A custom node fades as one group, clipped near its box so the group is no larger than it needs. */
static void
clip_to_group (const CwScene *scene,
               const CwNode  *node,
               cairo_t       *cr)
{
  double m = MIN (scene->width, scene->height) * 0.05;

  cairo_rectangle (cr, node->rect.x - m, node->rect.y - m,
                   node->rect.width + 2 * m, node->rect.height + 2 * m);
  cairo_clip (cr);
}

static void
draw_node (const CwScene *scene,
           const CwNode  *node,
           cairo_t       *cr,
           double         t)
{
  NodeState state;
  double cx, cy;
  gboolean grouped = FALSE;

  compute_state (scene, node, t, &state);
  if (state.alpha <= 0.001 || state.scale <= 0.001 || state.clip <= 0.001)
    return;

  cairo_save (cr);
  /* text drawing leaves a current point; a stray one would join the next path */
  cairo_new_path (cr);
  cairo_translate (cr, state.dx, state.dy);

  if (state.scale != 1)
    {
      cx = node->rect.x + node->rect.width / 2;
      cy = node->rect.y + node->rect.height / 2;
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, state.scale, state.scale);
      cairo_translate (cr, -cx, -cy);
    }

  if (state.clip < 1)
    {
      double w = node->rect.width * state.clip;
      double margin = node->rect.height;
      double x = scene->rtl ? node->rect.x + node->rect.width - w : node->rect.x - margin;

      cairo_rectangle (cr, x, node->rect.y - margin, w + margin, node->rect.height + 2 * margin);
      cairo_clip (cr);
    }

  switch (node->kind)
    {
    case CW_NODE_TEXT:
    case CW_NODE_COUNTER:
      draw_text (scene, node, cr, &state);
      break;
    case CW_NODE_BOX:
      draw_box (scene, node, cr, &state);
      break;
    case CW_NODE_IMAGE:
      draw_image (node, cr, &state);
      break;
    case CW_NODE_CUSTOM:
      if (node->draw != NULL)
        {
          /* custom drawing paints several shapes; fade them as one */
          if (state.alpha < 1)
            {
              clip_to_group (scene, node, cr);
              cairo_push_group (cr);
              grouped = TRUE;
            }
          node->draw (node, cr, state.grow);
          if (grouped)
            {
              cairo_pop_group_to_source (cr);
              cairo_paint_with_alpha (cr, state.alpha);
            }
        }
      break;
    default:
      break;
    }

  cairo_restore (cr);
}

/**
 * cw_scene_draw:
 * @t: seconds since the slide started
 *
 * Draws the background and every node as they are at @t.
 */
void
cw_scene_draw (CwScene *scene,
               cairo_t *cr,
               double   t)
{
  cw_scene_draw_background (scene, cr);
  cw_scene_draw_nodes (scene, cr, 0, scene->nodes->len, t);
}

/**
 * cw_scene_draw_nodes:
 * @first: the first node to draw
 * @last: the node after the last one to draw
 *
 * Draws nodes @first to @last - 1 as they are at @t, without the
 * background: the rest of a frame over a cached layer.
 */
void
cw_scene_draw_nodes (CwScene *scene,
                     cairo_t *cr,
                     guint    first,
                     guint    last,
                     double   t)
{
  double zoom = cw_scene_get_ambient_zoom (scene, t);

  last = MIN (last, scene->nodes->len);
  for (guint i = first; i < last; i++)
    {
      if (i < scene->n_fixed && zoom != 1)
        {
          /* closer about the middle: the texture still covers the frame */
          cairo_save (cr);
          cairo_translate (cr, scene->width / 2.0, scene->height / 2.0);
          cairo_scale (cr, zoom, zoom);
          cairo_translate (cr, -scene->width / 2.0, -scene->height / 2.0);
          draw_node (scene, g_ptr_array_index (scene->nodes, i), cr, t);
          cairo_restore (cr);
        }
      else
        draw_node (scene, g_ptr_array_index (scene->nodes, i), cr, t);
    }
}

/* pixels beyond any frame, within what an int holds */
#define EXTENTS_BOUND ((double) (1 << 24))

/**
 * cw_scene_get_nodes_extents:
 * @first: the first node
 * @last: the node after the last one
 * @extents: (out): in whole frame pixels, a box outside which drawing
 *   nodes @first to @last - 1 at @t with cw_scene_draw_nodes() changes
 *   no pixel
 *
 * The nodes are recorded, not drawn, and the box is where cairo would
 * put ink for them, widened by two pixels: cairo composites no further
 * than these extents, and the margin takes in where a glyph's pixels are
 * placed to a fraction of a pixel.
 *
 * Returns: %FALSE when they draw nothing at @t
 */
gboolean
cw_scene_get_nodes_extents (CwScene               *scene,
                            guint                  first,
                            guint                  last,
                            double                 t,
                            cairo_rectangle_int_t *extents)
{
  g_autoptr(cairo_surface_t) recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  double x, y, width, height;
  double x0, y0, x1, y1;

  {
    g_autoptr(cairo_t) cr = cairo_create (recording);

    cw_scene_draw_nodes (scene, cr, first, last, t);
  }
  cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);
  if (!(width > 0 && height > 0))
    return FALSE;

  /* ink without bounds (a paint) is as good as the whole frame, and more
   * than that must not overflow */
  x0 = CLAMP (floor (x) - 2, -EXTENTS_BOUND, EXTENTS_BOUND);
  y0 = CLAMP (floor (y) - 2, -EXTENTS_BOUND, EXTENTS_BOUND);
  x1 = CLAMP (ceil (x + width) + 2, -EXTENTS_BOUND, EXTENTS_BOUND);
  y1 = CLAMP (ceil (y + height) + 2, -EXTENTS_BOUND, EXTENTS_BOUND);
  *extents = (cairo_rectangle_int_t) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) };
  return TRUE;
}

/**
 * cw_scene_get_node_fade:
 * @index: a node
 * @alpha: (out): the alpha it is painted at
 *
 * A custom node that only fades at @t (it neither moves, grows nor is
 * wiped) is drawn whole into a group and painted at @alpha: the group can
 * come from an image drawn once with cw_scene_draw_node_image() and be
 * painted with cw_scene_paint_node_image().
 *
 * Returns: whether node @index is drawn that way at @t
 */
gboolean
cw_scene_get_node_fade (CwScene *scene,
                        guint    index,
                        double   t,
                        double  *alpha)
{
  const CwNode *node = g_ptr_array_index (scene->nodes, index);
  NodeState state;

  if (node->kind != CW_NODE_CUSTOM || node->draw == NULL)
    return FALSE;

  compute_state (scene, node, t, &state);
  if (state.dx != 0 || state.dy != 0 || state.scale != 1 || state.clip != 1 || state.grow != 1 ||
      state.alpha >= 1 || state.alpha <= 0.001)
    return FALSE;
  *alpha = state.alpha;
  return TRUE;
}

/* Draws node @index whole into @cr, on nothing, as it is drawn into its group. */
void
cw_scene_draw_node_image (CwScene *scene,
                          cairo_t *cr,
                          guint    index)
{
  const CwNode *node = g_ptr_array_index (scene->nodes, index);

  cairo_save (cr);
  clip_to_group (scene, node, cr);
  node->draw (node, cr, 1);
  cairo_restore (cr);
}

/* Paints @image, from cw_scene_draw_node_image(), the way the group of node @index is painted at @alpha. */
void
cw_scene_paint_node_image (CwScene         *scene,
                           cairo_t         *cr,
                           guint            index,
                           cairo_surface_t *image,
                           double           alpha)
{
  cairo_save (cr);
  clip_to_group (scene, g_ptr_array_index (scene->nodes, index), cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/**
 * cw_scene_get_counter_box:
 * @index: a counter node
 * @box: (out): the box its text takes at @t, in frame pixels
 *
 * Where the text of a counter is laid out at @t, before its enter
 * animation moves or scales it: how a number's place is checked.
 */
void
cw_scene_get_counter_box (CwScene *scene,
                          guint    index,
                          double   t,
                          CwRect  *box)
{
  const CwNode *node = g_ptr_array_index (scene->nodes, index);
  PangoContext *context = cw_fonts_get_measure_context ();
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  PangoRectangle logical;
  NodeState state;

  g_return_if_fail (node->kind == CW_NODE_COUNTER);

  compute_state (scene, node, t, &state);
  text = cw_node_get_text_at (node, state.count);
  layout = cw_text_layout_new (context, text, node->font_family, node->font_weight,
                               node->font_size, -1, node->line_height, node->align, TRUE);
  pango_layout_get_extents (layout, NULL, &logical);
  box->x = counter_x (node, final_width (node, text, &logical, context, NULL), &logical) +
           logical.x / (double) PANGO_SCALE;
  box->y = node->rect.y + logical.y / (double) PANGO_SCALE;
  box->width = logical.width / (double) PANGO_SCALE;
  box->height = logical.height / (double) PANGO_SCALE;
}

/* How a node looks depends only on how far its enter and exit animations
 * have run (see compute_state()); it is still at @t when neither is under
 * way. Then @look names which of the four still pictures it shows. */
static gboolean
node_still_at (const CwScene *scene,
               const CwNode  *node,
               double         t,
               char          *look)
{
  double enter = cw_animation_get_raw_progress (&node->enter, t);
  double leave = 0;

  if (node->exit.effect != CW_EFFECT_NONE)
    {
      CwAnimation exit = node->exit;

      exit.delay = exit_start (scene, node);
      leave = cw_animation_get_raw_progress (&exit, t);
    }
  if ((enter != 0 && enter != 1) || (leave != 0 && leave != 1))
    return FALSE;
  *look = '0' + (enter == 1) + 2 * (leave == 1);
  return TRUE;
}

/**
 * cw_scene_get_still_nodes:
 * @looks: (out caller-allocates): set to one character for each still
 *   node, naming how it looks
 *
 * The background and the nodes this returns, counted from the first, do
 * not move at @t: they look the same at every time with the same @looks,
 * so they can be drawn once into a layer and the frame finished over it
 * with cw_scene_draw_nodes(). Nodes after the first moving one are not
 * counted even when still, since they draw over it.
 *
 * Returns: how many nodes from the first are still at @t
 */
guint
cw_scene_get_still_nodes (CwScene *scene,
                          double   t,
                          GString *looks)
{
  guint n = 0;

  g_string_truncate (looks, 0);
  for (; n < scene->nodes->len; n++)
    {
      char look;

      if (!node_still_at (scene, g_ptr_array_index (scene->nodes, n), t, &look))
        break;
      g_string_append_c (looks, look);
    }
  return n;
}

/**
 * cw_scene_pick:
 *
 * Returns: (nullable): the topmost element at (@x, @y) in frame pixels
 */
const CwNode *
cw_scene_pick (CwScene *scene,
               double   x,
               double   y)
{
  for (guint i = scene->nodes->len; i > 0; i--)
    {
      const CwNode *node = g_ptr_array_index (scene->nodes, i - 1);
      const CwRect *r = &node->rect;

      if (node->element != NULL &&
          x >= r->x && x <= r->x + r->width &&
          y >= r->y && y <= r->y + r->height)
        return node;
    }
  return NULL;
}
