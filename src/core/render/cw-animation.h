/* cw-animation.h: how an element enters a slide, and how slides follow each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cw-easing.h"

G_BEGIN_DECLS

typedef enum
{
  CW_EFFECT_NONE,
  CW_EFFECT_FADE,
  CW_EFFECT_SLIDE_UP,
  CW_EFFECT_SLIDE_DOWN,
  CW_EFFECT_SLIDE_LEFT,
  CW_EFFECT_SLIDE_RIGHT,
  CW_EFFECT_POP,
  CW_EFFECT_WIPE,
  CW_EFFECT_TYPEWRITER,
  CW_EFFECT_WORDS,
  CW_EFFECT_COUNT_UP,
  CW_EFFECT_GROW,
  CW_N_EFFECTS
} CwEffect;

typedef enum
{
  CW_TRANSITION_CUT,
  CW_TRANSITION_CROSSFADE,
  CW_TRANSITION_PUSH,
  CW_TRANSITION_WIPE,
  CW_N_TRANSITIONS
} CwTransitionType;

typedef enum
{
  CW_PHASE_ENTER,
  CW_PHASE_EXIT,
} CwPhase;

/**
 * CwAnimation:
 * @effect: what moves
 * @easing: the curve of the movement
 * @delay: seconds from the start of the slide (enter) or before its end (exit)
 * @duration: seconds the movement lasts
 */
typedef struct
{
  CwEffect effect;
  CwEasing easing;
  double   delay;
  double   duration;
} CwAnimation;

#define CW_ANIMATION_NONE ((CwAnimation) { CW_EFFECT_NONE, CW_EASING_LINEAR, 0, 0 })

double       cw_animation_get_raw_progress (const CwAnimation *animation,
                                            double             t);
double       cw_animation_get_progress     (const CwAnimation *animation,
                                            double             t);
double       cw_animation_get_end          (const CwAnimation *animation);

const char  *cw_effect_to_string      (CwEffect          effect);
gboolean     cw_effect_from_string    (const char       *str,
                                       CwEffect         *effect);
const char  *cw_effect_get_label      (CwEffect          effect);

const char  *cw_transition_to_string  (CwTransitionType  type);
gboolean     cw_transition_from_string (const char      *str,
                                       CwTransitionType *type);
const char  *cw_transition_get_label  (CwTransitionType  type);

G_END_DECLS
