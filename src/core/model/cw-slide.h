/* cw-slide.h: one slide of a deck: a template and the values of its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-animation.h"
#include "cw-statistic.h"

G_BEGIN_DECLS

#define CW_TYPE_SLIDE (cw_slide_get_type ())

G_DECLARE_FINAL_TYPE (CwSlide, cw_slide, CW, SLIDE, GObject)

CwSlide          *cw_slide_new                 (const char        *id,
                                                const char        *template_id);
CwSlide          *cw_slide_copy                (CwSlide           *self);
guint64           cw_slide_get_revision        (CwSlide           *self);
gboolean          cw_slide_equal               (CwSlide           *a,
                                                CwSlide           *b);
const char       *cw_slide_get_id              (CwSlide           *self);
void              cw_slide_set_id              (CwSlide           *self,
                                                const char        *id);
const char       *cw_slide_get_template_id     (CwSlide           *self);
void              cw_slide_set_template_id     (CwSlide           *self,
                                                const char        *template_id);
double            cw_slide_get_duration        (CwSlide           *self);
void              cw_slide_set_duration        (CwSlide           *self,
                                                double             duration);
CwTransitionType  cw_slide_get_transition      (CwSlide           *self);
double            cw_slide_get_transition_duration (CwSlide       *self);
void              cw_slide_set_transition      (CwSlide           *self,
                                                CwTransitionType   type,
                                                double             duration);
gboolean          cw_slide_has_tone            (CwSlide           *self);
CwTone            cw_slide_get_tone            (CwSlide           *self);
void              cw_slide_set_tone            (CwSlide           *self,
                                                CwTone             tone);
void              cw_slide_unset_tone          (CwSlide           *self);

const char       *cw_slide_get_text            (CwSlide           *self,
                                                const char        *name);
const char       *cw_slide_get_text_plural     (CwSlide           *self,
                                                const char        *name);
void              cw_slide_set_text            (CwSlide           *self,
                                                const char        *name,
                                                const char        *text);
void              cw_slide_set_text_plural     (CwSlide           *self,
                                                const char        *name,
                                                const char        *plural);
const char       *cw_slide_get_param           (CwSlide           *self,
                                                const char        *name);
void              cw_slide_set_param           (CwSlide           *self,
                                                const char        *name,
                                                const char        *value);
gboolean          cw_slide_get_animation       (CwSlide           *self,
                                                CwPhase            phase,
                                                const char        *element,
                                                CwAnimation       *animation);
void              cw_slide_set_animation       (CwSlide           *self,
                                                CwPhase            phase,
                                                const char        *element,
                                                const CwAnimation *animation);
GStrv             cw_slide_list_animated_elements (CwSlide        *self,
                                                CwPhase            phase);

const char       *cw_slide_get_element_color   (CwSlide           *self,
                                                const char        *element);
void              cw_slide_set_element_color   (CwSlide           *self,
                                                const char        *element,
                                                const char        *color);
GStrv             cw_slide_list_colored_elements (CwSlide         *self);

guint             cw_slide_get_line            (CwSlide           *self);
void              cw_slide_set_line            (CwSlide           *self,
                                                guint              line);
guint             cw_slide_get_field_line      (CwSlide           *self,
                                                const char        *name);
void              cw_slide_set_field_line      (CwSlide           *self,
                                                const char        *name,
                                                guint              line);

G_END_DECLS
