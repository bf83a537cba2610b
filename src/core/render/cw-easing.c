/* cw-easing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cw-easing.h"
#include "cw-keywords.h"

static const CwKeyword easings[CW_N_EASINGS] = {
  [CW_EASING_LINEAR] = { "linear", N_("Linear") },
  [CW_EASING_EASE_IN_QUAD] = { "ease-in-quad", N_("Ease in (gentle)") },
  [CW_EASING_EASE_OUT_QUAD] = { "ease-out-quad", N_("Ease out (gentle)") },
  [CW_EASING_EASE_IN_OUT_QUAD] = { "ease-in-out-quad", N_("Ease in and out (gentle)") },
  [CW_EASING_EASE_IN_CUBIC] = { "ease-in-cubic", N_("Ease in") },
  [CW_EASING_EASE_OUT_CUBIC] = { "ease-out-cubic", N_("Ease out") },
  [CW_EASING_EASE_IN_OUT_CUBIC] = { "ease-in-out-cubic", N_("Ease in and out") },
  [CW_EASING_EASE_OUT_BACK] = { "ease-out-back", N_("Overshoot") },
  [CW_EASING_SPRING] = { "spring", N_("Spring") },
};

/**
 * cw_easing_apply:
 * @easing: the curve
 * @t: progress in [0, 1]; values outside are clamped
 *
 * Returns: the eased progress. Every curve maps 0 to 0 and 1 to 1 exactly,
 *   so an animation always ends where the layout put the element; the
 *   overshooting curves may go above 1 on the way.
 */
double
cw_easing_apply (CwEasing easing,
                 double   t)
{
  double u;

  if (!(t > 0))
    return 0;
  if (t >= 1)
    return 1;

  switch (easing)
    {
    case CW_EASING_LINEAR:
      return t;
    case CW_EASING_EASE_IN_QUAD:
      return t * t;
    case CW_EASING_EASE_OUT_QUAD:
      return 1 - (1 - t) * (1 - t);
    case CW_EASING_EASE_IN_OUT_QUAD:
      return t < 0.5 ? 2 * t * t : 1 - pow (-2 * t + 2, 2) / 2;
    case CW_EASING_EASE_IN_CUBIC:
      return t * t * t;
    case CW_EASING_EASE_OUT_CUBIC:
      u = 1 - t;
      return 1 - u * u * u;
    case CW_EASING_EASE_IN_OUT_CUBIC:
      return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
    case CW_EASING_EASE_OUT_BACK:
      {
        const double c1 = 1.70158;
        const double c3 = c1 + 1;
        u = t - 1;
        return 1 + c3 * u * u * u + c1 * u * u;
      }
    case CW_EASING_SPRING:
      /* A damped oscillation whose envelope is pinned to reach exactly 1 at t = 1. */
      return 1 - (1 - t) * exp (-5 * t) * cos (2.5 * G_PI * t);
    case CW_N_EASINGS:
    default:
      return t;
    }
}

const char *
cw_easing_to_string (CwEasing easing)
{
  g_return_val_if_fail (easing < CW_N_EASINGS, "linear");

  return easings[easing].name;
}

const char *
cw_easing_get_label (CwEasing easing)
{
  g_return_val_if_fail (easing < CW_N_EASINGS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, easings[easing].label);
}

gboolean
cw_easing_from_string (const char *str,
                       CwEasing   *easing)
{
  int i = cw_keyword_lookup (easings, CW_N_EASINGS, str);

  if (i < 0)
    return FALSE;
  *easing = i;
  return TRUE;
}
