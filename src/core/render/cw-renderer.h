/* cw-renderer.h: (deck, language, format, time) → pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cw-deck.h"
#include "cw-diagnostic.h"
#include "cw-format.h"
#include "cw-scene.h"

G_BEGIN_DECLS

#define CW_TYPE_RENDERER (cw_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CwRenderer, cw_renderer, CW, RENDERER, GObject)

typedef struct _CwFrameTarget CwFrameTarget;

CwFrameTarget   *cw_frame_target_new             (cairo_surface_t *surface);
void             cw_frame_target_free            (CwFrameTarget   *target);
cairo_surface_t *cw_frame_target_get_surface     (CwFrameTarget   *target);
gboolean         cw_frame_target_get_changed     (CwFrameTarget   *target,
                                                  cairo_rectangle_int_t *box);

CwRenderer      *cw_renderer_new                 (CwDeck          *deck,
                                                  const char      *language,
                                                  const CwFormat  *format,
                                                  guint            fps);
const CwFormat  *cw_renderer_get_format          (CwRenderer      *self);
const char      *cw_renderer_get_language        (CwRenderer      *self);
guint            cw_renderer_get_fps             (CwRenderer      *self);
guint            cw_renderer_get_n_frames        (CwRenderer      *self);
double           cw_renderer_get_duration        (CwRenderer      *self);
gboolean         cw_renderer_get_transparent     (CwRenderer      *self);
guint            cw_renderer_get_n_slides        (CwRenderer      *self);
CwScene         *cw_renderer_get_scene           (CwRenderer      *self,
                                                  guint            slide);
const char      *cw_renderer_get_slide_id        (CwRenderer      *self,
                                                  guint            slide);
void             cw_renderer_get_slide_frames    (CwRenderer      *self,
                                                  guint            slide,
                                                  guint           *first,
                                                  guint           *n_frames);
guint            cw_renderer_get_slide_at_frame  (CwRenderer      *self,
                                                  guint            frame);
guint            cw_renderer_get_frame_at_time   (CwRenderer      *self,
                                                  double           t);
gboolean         cw_renderer_get_frame_time      (CwRenderer      *self,
                                                  guint            frame,
                                                  double          *t);
gboolean         cw_renderer_frames_identical    (CwRenderer      *self,
                                                  guint            a,
                                                  guint            b);
void             cw_renderer_draw_frame          (CwRenderer      *self,
                                                  cairo_t         *cr,
                                                  guint            frame);
void             cw_renderer_draw_frame_into     (CwRenderer      *self,
                                                  CwFrameTarget   *target,
                                                  guint            frame);
cairo_surface_t *cw_renderer_render_frame        (CwRenderer      *self,
                                                  guint            frame);
void             cw_renderer_warm                (CwRenderer      *self,
                                                  guint            frame);
void             cw_renderer_prefetch            (CwRenderer      *self,
                                                  guint            frame);
gboolean         cw_renderer_get_cache_layers    (CwRenderer      *self);
void             cw_renderer_set_cache_layers    (CwRenderer      *self,
                                                  gboolean         cache_layers);
guint            cw_renderer_get_settled_frame   (CwRenderer      *self,
                                                  guint            slide);
GPtrArray       *cw_renderer_get_warnings        (CwRenderer      *self);
GPtrArray       *cw_renderer_get_untranslated    (CwRenderer      *self);
guint            cw_renderer_count_untranslated  (CwRenderer      *self,
                                                  guint            slide);
GPtrArray       *cw_renderer_list_diagnostics    (CwRenderer      *self);

cairo_surface_t *cw_render_frame                 (CwDeck          *deck,
                                                  const char      *language,
                                                  const CwFormat  *format,
                                                  double           t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFrameTarget, cw_frame_target_free)

G_END_DECLS
