/* test-easing.c: animation curves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "cw-test-utils.h"

static void
test_endpoints (void)
{
  /* every curve starts at rest and ends exactly where the layout put the element */
  for (CwEasing e = 0; e < CW_N_EASINGS; e++)
    {
      g_assert_cmpfloat (cw_easing_apply (e, 0), ==, 0);
      g_assert_cmpfloat (cw_easing_apply (e, 1), ==, 1);
      g_assert_cmpfloat (cw_easing_apply (e, -3), ==, 0);
      g_assert_cmpfloat (cw_easing_apply (e, 7), ==, 1);
      g_assert_cmpfloat (cw_easing_apply (e, NAN), ==, 0);
    }
}

static void
test_values (void)
{
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_LINEAR, 0.25), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_IN_QUAD, 0.5), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_OUT_QUAD, 0.5), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_IN_CUBIC, 0.5), 0.125, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_OUT_CUBIC, 0.5), 0.875, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_IN_OUT_CUBIC, 0.5), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_IN_OUT_QUAD, 0.25), 0.125, 1e-12);
}

static void
test_shapes (void)
{
  double peak = 0;

  /* ease-out curves are ahead of linear, ease-in behind, in-out symmetric */
  for (int i = 1; i < 100; i++)
    {
      double t = i / 100.0;

      g_assert_cmpfloat (cw_easing_apply (CW_EASING_EASE_OUT_CUBIC, t), >, t);
      g_assert_cmpfloat (cw_easing_apply (CW_EASING_EASE_IN_CUBIC, t), <, t);
      g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_EASE_IN_OUT_CUBIC, t) +
                                      cw_easing_apply (CW_EASING_EASE_IN_OUT_CUBIC, 1 - t), 1, 1e-9);
      /* the plain curves never go backwards */
      g_assert_cmpfloat (cw_easing_apply (CW_EASING_EASE_IN_OUT_QUAD, t), >=,
                         cw_easing_apply (CW_EASING_EASE_IN_OUT_QUAD, t - 0.01));
      peak = MAX (peak, cw_easing_apply (CW_EASING_EASE_OUT_BACK, t));
    }

  /* overshoot: the pop goes past its size and settles back, by about 10 % */
  g_assert_cmpfloat (peak, >, 1.05);
  g_assert_cmpfloat (peak, <, 1.15);

  /* the spring overshoots too, then settles */
  g_assert_cmpfloat (cw_easing_apply (CW_EASING_SPRING, 0.4), >, 1.0);
  g_assert_cmpfloat_with_epsilon (cw_easing_apply (CW_EASING_SPRING, 0.99), 1, 0.02);
}

static void
test_names (void)
{
  for (CwEasing e = 0; e < CW_N_EASINGS; e++)
    {
      CwEasing back;

      g_assert_true (cw_easing_from_string (cw_easing_to_string (e), &back));
      g_assert_cmpint (back, ==, e);
    }
  for (CwEffect e = 0; e < CW_N_EFFECTS; e++)
    {
      CwEffect back;

      g_assert_true (cw_effect_from_string (cw_effect_to_string (e), &back));
      g_assert_cmpint (back, ==, e);
    }
  g_assert_false (cw_easing_from_string ("bounce-a-lot", &(CwEasing) { 0 }));
}

static void
test_animation_progress (void)
{
  CwAnimation a = { CW_EFFECT_FADE, CW_EASING_LINEAR, 0.5, 1.0 };

  g_assert_cmpfloat (cw_animation_get_progress (&a, 0), ==, 0);
  g_assert_cmpfloat (cw_animation_get_progress (&a, 0.5), ==, 0);
  g_assert_cmpfloat_with_epsilon (cw_animation_get_progress (&a, 1.0), 0.5, 1e-12);
  g_assert_cmpfloat (cw_animation_get_progress (&a, 1.5), ==, 1);
  g_assert_cmpfloat (cw_animation_get_progress (&a, 99), ==, 1);
  g_assert_cmpfloat (cw_animation_get_end (&a), ==, 1.5);

  a.effect = CW_EFFECT_NONE;
  g_assert_cmpfloat (cw_animation_get_progress (&a, 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/easing/endpoints", test_endpoints);
  g_test_add_func ("/cw/easing/values", test_values);
  g_test_add_func ("/cw/easing/shapes", test_shapes);
  g_test_add_func ("/cw/easing/names", test_names);
  g_test_add_func ("/cw/easing/animation-progress", test_animation_progress);

  return g_test_run ();
}
