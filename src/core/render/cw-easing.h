/* cw-easing.h: easing curves for enter animations and transitions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CW_EASING_LINEAR,
  CW_EASING_EASE_IN_QUAD,
  CW_EASING_EASE_OUT_QUAD,
  CW_EASING_EASE_IN_OUT_QUAD,
  CW_EASING_EASE_IN_CUBIC,
  CW_EASING_EASE_OUT_CUBIC,
  CW_EASING_EASE_IN_OUT_CUBIC,
  CW_EASING_EASE_OUT_BACK,
  CW_EASING_SPRING,
  CW_N_EASINGS
} CwEasing;

double       cw_easing_apply      (CwEasing    easing,
                                   double      t);
const char  *cw_easing_to_string  (CwEasing    easing);
gboolean     cw_easing_from_string (const char *str,
                                   CwEasing   *easing);
const char  *cw_easing_get_label  (CwEasing    easing);

G_END_DECLS
