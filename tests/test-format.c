/* test-format.c: output formats and safe zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-test-utils.h"

static void
test_presets (void)
{
  const char * const *names = cw_format_list_names ();
  guint n = 0;

  for (guint i = 0; names[i]; i++, n++)
    {
      g_autoptr(CwFormat) f = cw_format_lookup (names[i], NULL);

      g_assert_nonnull (f);
      /* encoders need even sizes */
      g_assert_cmpint (f->width % 2, ==, 0);
      g_assert_cmpint (f->height % 2, ==, 0);
      /* the safe zone lies inside the frame and leaves most of it */
      g_assert_cmpfloat (f->safe.x, >=, 0);
      g_assert_cmpfloat (f->safe.y, >=, 0);
      g_assert_cmpfloat (f->safe.x + f->safe.width, <=, f->width);
      g_assert_cmpfloat (f->safe.y + f->safe.height, <=, f->height);
      g_assert_cmpfloat (f->safe.width * f->safe.height, >, 0.4 * f->width * f->height);
    }
  g_assert_cmpuint (n, >=, 7);

  {
    g_autoptr(CwFormat) tiktok = cw_format_lookup ("tiktok", NULL);
    g_autoptr(CwFormat) reels = cw_format_lookup ("REELS", NULL);
    g_autoptr(CwFormat) square = cw_format_lookup ("square", NULL);
    g_autoptr(CwFormat) landscape = cw_format_lookup ("landscape", NULL);
    g_autoptr(CwFormat) portrait = cw_format_lookup ("portrait", NULL);

    g_assert_cmpint (tiktok->width, ==, 1080);
    g_assert_cmpint (tiktok->height, ==, 1920);
    /* TikTok's action rail covers the right edge; Reels covers more of the bottom */
    g_assert_cmpfloat (tiktok->width - tiktok->safe.x - tiktok->safe.width, >=, 120);
    g_assert_cmpfloat (reels->height - reels->safe.y - reels->safe.height, >, 600);
    g_assert_cmpint (square->width, ==, square->height);
    g_assert_cmpint (landscape->width, ==, 1920);
    g_assert_cmpint (portrait->height, ==, 1350);
  }
}

static void
test_custom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwFormat) vertical = cw_format_lookup ("720x1280", &error);
  g_autoptr(CwFormat) odd = NULL;
  g_autoptr(CwFormat) tiny = NULL;
  g_autoptr(CwFormat) junk = NULL;

  g_assert_no_error (error);
  /* a 9:16 custom size takes the 9:16 safe zone, scaled */
  g_assert_cmpstr (vertical->aspect, ==, "9:16");
  g_assert_cmpfloat_with_epsilon (vertical->safe.x, 60 * 720.0 / 1080, 0.01);

  odd = cw_format_lookup ("1081x1920", &error);
  g_assert_null (odd);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT);
  g_assert_nonnull (strstr (error->message, "1082×1920"));
  g_clear_error (&error);

  tiny = cw_format_lookup ("20x20", &error);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT);
  g_clear_error (&error);

  junk = cw_format_lookup ("cinema", &error);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT);
  g_assert_nonnull (strstr (error->message, "tiktok"));
}

/* A side too large for the machine's integers is reported as it was typed. */
static void
test_custom_overflow (void)
{
  static const char * const too_large[] = {
    "4294967296x2", "1080x4294967296", "4294968376x1920", "99999999999999999999999x1920", NULL
  };
  static const char * const not_sizes[] = {
    "-1080x1920", "+1080x1920", "1080x1920x2", "1080x", "x1920", "1080 x1920", "0x1080x1920", NULL
  };

  for (guint i = 0; too_large[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwFormat) format = cw_format_lookup (too_large[i], &error);

      g_assert_null (format);
      g_assert_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT);
      if (!g_str_has_prefix (error->message, too_large[i]) || strstr (error->message, "4096") == NULL)
        g_error ("%s: the message does not give the size as typed: %s", too_large[i], error->message);
    }

  for (guint i = 0; not_sizes[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwFormat) format = cw_format_lookup (not_sizes[i], &error);

      g_assert_null (format);
      g_assert_error (error, CW_ERROR, CW_ERROR_BAD_FORMAT);
      g_assert_nonnull (strstr (error->message, "is not an output format"));
    }
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/format/presets", test_presets);
  g_test_add_func ("/cw/format/custom", test_custom);
  g_test_add_func ("/cw/format/custom-overflow", test_custom_overflow);

  return g_test_run ();
}
