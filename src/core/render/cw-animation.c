/* cw-animation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-animation.h"
#include "cw-keywords.h"

static const CwKeyword effects[CW_N_EFFECTS] = {
  [CW_EFFECT_NONE] = { "none", N_("None") },
  [CW_EFFECT_FADE] = { "fade", N_("Fade") },
  [CW_EFFECT_SLIDE_UP] = { "slide-up", N_("Slide up") },
  [CW_EFFECT_SLIDE_DOWN] = { "slide-down", N_("Slide down") },
  [CW_EFFECT_SLIDE_LEFT] = { "slide-left", N_("Slide left") },
  [CW_EFFECT_SLIDE_RIGHT] = { "slide-right", N_("Slide right") },
  [CW_EFFECT_POP] = { "pop", N_("Pop") },
  [CW_EFFECT_WIPE] = { "wipe", N_("Wipe") },
  [CW_EFFECT_TYPEWRITER] = { "typewriter", N_("Typewriter") },
  [CW_EFFECT_WORDS] = { "words", N_("Word by word") },
  [CW_EFFECT_COUNT_UP] = { "count-up", N_("Count up") },
  [CW_EFFECT_GROW] = { "grow", N_("Grow") },
};

static const CwKeyword transitions[CW_N_TRANSITIONS] = {
  [CW_TRANSITION_CUT] = { "cut", N_("Cut") },
  [CW_TRANSITION_CROSSFADE] = { "crossfade", N_("Crossfade") },
  [CW_TRANSITION_PUSH] = { "push", N_("Push") },
  [CW_TRANSITION_WIPE] = { "wipe", N_("Wipe") },
};

/* Progress before easing, in [0, 1]. An animation without duration (or
 * without effect) is complete from its first instant.
 */
double
cw_animation_get_raw_progress (const CwAnimation *animation,
                               double             t)
{
  double p;

  if (animation->effect == CW_EFFECT_NONE)
    return 1;
  if (animation->duration <= 0)
    return t >= animation->delay ? 1 : 0;

  p = (t - animation->delay) / animation->duration;
  return CLAMP (p, 0, 1);
}

double
cw_animation_get_progress (const CwAnimation *animation,
                           double             t)
{
  return cw_easing_apply (animation->easing, cw_animation_get_raw_progress (animation, t));
}

/* The time at which the element has settled. */
double
cw_animation_get_end (const CwAnimation *animation)
{
  if (animation->effect == CW_EFFECT_NONE)
    return 0;
  return animation->delay + MAX (animation->duration, 0);
}

const char *
cw_effect_to_string (CwEffect effect)
{
  g_return_val_if_fail (effect < CW_N_EFFECTS, "none");
  return effects[effect].name;
}

const char *
cw_effect_get_label (CwEffect effect)
{
  g_return_val_if_fail (effect < CW_N_EFFECTS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, effects[effect].label);
}

gboolean
cw_effect_from_string (const char *str,
                       CwEffect   *effect)
{
  int i = cw_keyword_lookup (effects, CW_N_EFFECTS, str);

  if (i < 0)
    return FALSE;
  *effect = i;
  return TRUE;
}

const char *
cw_transition_to_string (CwTransitionType type)
{
  g_return_val_if_fail (type < CW_N_TRANSITIONS, "cut");
  return transitions[type].name;
}

const char *
cw_transition_get_label (CwTransitionType type)
{
  g_return_val_if_fail (type < CW_N_TRANSITIONS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, transitions[type].label);
}

gboolean
cw_transition_from_string (const char       *str,
                           CwTransitionType *type)
{
  int i = cw_keyword_lookup (transitions, CW_N_TRANSITIONS, str);

  if (i < 0)
    return FALSE;
  *type = i;
  return TRUE;
}
