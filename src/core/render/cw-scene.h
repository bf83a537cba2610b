/* cw-scene.h: a slide laid out for one format and language, ready to draw at any time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "cw-animation.h"
#include "cw-color.h"
#include "cw-format.h"
#include "cw-number.h"

G_BEGIN_DECLS

typedef enum
{
  CW_NODE_TEXT,
  CW_NODE_COUNTER,
  CW_NODE_BOX,
  CW_NODE_IMAGE,
  CW_NODE_CUSTOM,
} CwNodeKind;

typedef struct _CwNode CwNode;

/**
 * CwNodeDrawFunc:
 * @progress: the eased progress of the enter animation, for "grow" effects
 *
 * Draws a custom node (shapes, charts) inside node->rect.
 */
typedef void (*CwNodeDrawFunc) (const CwNode *node,
                                cairo_t      *cr,
                                double        progress);

struct _CwNode
{
  CwNodeKind       kind;
  /* the element this node shows, for selection and animation; NULL for decoration */
  char            *element;
  CwRect           rect;
  CwAnimation      enter;
  CwAnimation      exit;
  double           opacity;
  CwColor          color;

  /* text and counter */
  char            *text;
  char            *font_family;
  int              font_weight;
  double           font_size;
  double           line_height;
  PangoAlignment   align;
  double           wrap_width;

  /* counter: prefix + value counted up + suffix */
  double           value;
  guint            decimals;
  CwNumberStyle    style;
  char            *language;
  char            *prefix;
  char            *suffix;

  /* box */
  double           radius;
  double           stroke_width;
  /* "grow" raises the box from its bottom edge instead of widening it */
  gboolean         grow_vertical;
  /* while entering, the node starts this far back and travels into place
   * with its animation: a value riding the end of a growing bar */
  double           travel_x;
  double           travel_y;

  /* image: pre-rendered at the node's size; NULL draws a placeholder */
  cairo_surface_t *surface;

  /* custom */
  /* a guide (a chart's baseline) that helps the eye but carries no data:
   * WCAG 1.4.11 asks 3:1 only of what is needed to understand a chart */
  gboolean         guide;
  CwNodeDrawFunc   draw;
  gpointer         data;
  GDestroyNotify   destroy;
};

/**
 * CwSourceText:
 * @context: where the text belongs: "slide-id/field", "statistic-id/label"
 *   or "deck/source-line"; the key of its translations
 * @source: the text in the deck's own language
 * @source_plural: (nullable): its plural, when the slide gives one
 *
 * A text a slide shows that translators translate, as the slide looked it up.
 */
typedef struct
{
  char *context;
  char *source;
  char *source_plural;
} CwSourceText;

typedef struct _CwScene CwScene;

struct _CwScene
{
  gatomicrefcount  ref_count;
  int              width;
  int              height;
  CwRect           safe;
  CwColor          background;
  CwColor          background_end;
  gboolean         transparent;
  gboolean         rtl;
  GPtrArray       *nodes;
  /* how many nodes from the first never move (the texture behind the content) */
  guint            n_fixed;
  /* how far the texture drifts closer during the hold, as a fraction of
   * its size: 0 keeps every hold one still picture (CwAmbient) */
  double           ambient;
  /* seconds: when every enter animation has finished */
  double           settle_time;
  /* seconds the slide lasts */
  double           duration;
  /* the text a viewer reads once the slide has settled, in reading order */
  GPtrArray       *texts;
  /* (nullable): the last of @texts when it is the figure's source line */
  char            *source_line;
  /* (nullable): the text that tells viewers whom to call, one of @texts */
  char            *hotline;
  /* (element-type CwSourceText): the translatable texts the slide looked up,
   * in the order it did, whether or not a translation was found */
  GPtrArray       *source_texts;
};

CwNode   *cw_node_new             (CwNodeKind     kind,
                                   const char    *element,
                                   const CwRect  *rect);
void      cw_node_free            (CwNode        *node);
char     *cw_node_get_text_at     (const CwNode  *node,
                                   double         progress);

CwScene  *cw_scene_new            (int            width,
                                   int            height);
CwScene  *cw_scene_ref            (CwScene       *scene);
void      cw_scene_unref          (CwScene       *scene);
void      cw_scene_add_node       (CwScene       *scene,
                                   CwNode        *node);
void      cw_scene_finish         (CwScene       *scene);
double    cw_scene_get_ambient_zoom (CwScene     *scene,
                                     double       t);
double    cw_scene_get_hold_time  (CwScene       *scene,
                                   double         t);
void      cw_scene_draw_background (CwScene      *scene,
                                   cairo_t       *cr);
void      cw_scene_draw           (CwScene       *scene,
                                   cairo_t       *cr,
                                   double         t);
guint     cw_scene_get_still_nodes (CwScene      *scene,
                                   double         t,
                                   GString       *looks);
void      cw_scene_draw_nodes     (CwScene       *scene,
                                   cairo_t       *cr,
                                   guint          first,
                                   guint          last,
                                   double         t);
gboolean  cw_scene_get_nodes_extents (CwScene             *scene,
                                      guint                first,
                                      guint                last,
                                      double               t,
                                      cairo_rectangle_int_t *extents);
gboolean  cw_scene_get_node_fade  (CwScene       *scene,
                                   guint          index,
                                   double         t,
                                   double        *alpha);
void             cw_scene_draw_node_image  (CwScene         *scene,
                                            cairo_t         *cr,
                                            guint            index);
void             cw_scene_paint_node_image (CwScene         *scene,
                                            cairo_t         *cr,
                                            guint            index,
                                            cairo_surface_t *image,
                                            double           alpha);
void      cw_scene_get_counter_box (CwScene      *scene,
                                   guint          index,
                                   double         t,
                                   CwRect        *box);
const CwNode *cw_scene_pick       (CwScene       *scene,
                                   double         x,
                                   double         y);
guint     cw_scene_get_n_layouts_reused (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwScene, cw_scene_unref)

G_END_DECLS
