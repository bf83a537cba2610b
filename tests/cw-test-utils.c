/* cw-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <png.h>
#include <string.h>

#include <zip.h>

#include "cw-test-utils.h"

void
cw_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cw_core_init ();
}

CwDeck *
cw_test_load_string (const char  *xml,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return cw_deck_load_bytes (bytes, "test.clearway", NULL, error);
}

/* One string a line, so a test can say which line an error must name. */
CwDeck *
cw_test_load_lines (const char **lines,
                    GError     **error)
{
  g_autofree char *xml = g_strjoinv ("\n", (char **) lines);

  return cw_test_load_string (xml, error);
}

CwDeck *
cw_test_load_deck_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "decks", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CwDeck *deck = cw_deck_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return deck;
}

char *
cw_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("clearway-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
cw_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        cw_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Reads a PNG's header: what an encoder or a platform would see. */
gboolean
cw_test_png_info (const char *path,
                  int        *width,
                  int        *height,
                  int        *color_type,
                  int        *bit_depth)
{
  g_autofree char *data = NULL;
  gsize len;
  const guint8 *p;

  if (!g_file_get_contents (path, &data, &len, NULL) || len < 33)
    return FALSE;
  p = (const guint8 *) data;
  if (memcmp (p + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = ((guint32) p[16] << 24) | (p[17] << 16) | (p[18] << 8) | p[19];
  *height = ((guint32) p[20] << 24) | (p[21] << 16) | (p[22] << 8) | p[23];
  *bit_depth = p[24];
  *color_type = p[25];
  return TRUE;
}

/**
 * cw_test_surface_difference:
 * @diff: (out) (optional): an image where differing pixels are red
 *
 * Returns: the share of pixels (0 to 1) whose color differs by more than a
 *   few levels: anti-aliasing noise passes, a moved or missing element does not
 */
double
cw_test_surface_difference (cairo_surface_t  *a,
                            cairo_surface_t  *b,
                            cairo_surface_t **diff)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  int sa, sb, sd = 0;
  const guint8 *pa, *pb;
  guint8 *pd = NULL;
  guint64 differing = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return 1;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  sa = cairo_image_surface_get_stride (a);
  sb = cairo_image_surface_get_stride (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);

  if (diff != NULL)
    {
      *diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      sd = cairo_image_surface_get_stride (*diff);
      pd = cairo_image_surface_get_data (*diff);
    }

  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (pa + (gsize) y * sa);
      const guint32 *rb = (const guint32 *) (gconstpointer) (pb + (gsize) y * sb);
      guint32 *rd = pd ? (guint32 *) (gpointer) (pd + (gsize) y * sd) : NULL;

      for (int x = 0; x < w; x++)
        {
          int worst = 0;

          for (int shift = 0; shift < 32; shift += 8)
            {
              int ca = (ra[x] >> shift) & 0xff;
              int cb = (rb[x] >> shift) & 0xff;
              worst = MAX (worst, ABS (ca - cb));
            }
          if (worst > 40)
            differing++;
          if (rd != NULL)
            {
              /* a dimmed copy of the expected image, with differences in red */
              guint32 grey = ((rb[x] >> 8) & 0xff) / 3;
              rd[x] = worst > 40 ? 0xff0000 : worst > 8 ? 0xff8000 : (grey << 16 | grey << 8 | grey);
            }
        }
    }

  if (diff != NULL)
    cairo_surface_mark_dirty (*diff);
  return (double) differing / ((double) w * h);
}

/**
 * cw_test_assert_golden:
 * @name: the golden image, tests/golden/@name.png
 *
 * Compares with a tolerance (0.3 % of the pixels may differ, to absorb
 * anti-aliasing). On failure the actual and the diff image are written
 * next to the test's build folder, so a person can look. With
 * CW_UPDATE_GOLDEN=1 the golden image is (re)written instead.
 */
void
cw_test_assert_golden (cairo_surface_t *surface,
                       const char      *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "golden-out", NULL);
  g_autoptr(cairo_surface_t) golden = NULL;
  g_autoptr(cairo_surface_t) diff = NULL;
  double share;

  if (g_strcmp0 (g_getenv ("CW_UPDATE_GOLDEN"), "1") == 0)
    {
      /* the smallest PNG our encoder makes, to keep the repository light */
      g_autoptr(GBytes) png = cw_png_encode (surface, 9, NULL);
      g_assert_true (g_file_set_contents (golden_path, g_bytes_get_data (png, NULL),
                                          g_bytes_get_size (png), NULL));
      return;
    }

  golden = cairo_image_surface_create_from_png (golden_path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    {
      g_mkdir_with_parents (out_dir, 0755);
      g_autofree char *actual = g_strconcat (out_dir, "/", name, "-actual.png", NULL);
      cairo_surface_write_to_png (surface, actual);
      g_error ("golden image %s is missing; the actual image is %s (run with CW_UPDATE_GOLDEN=1 to accept it)",
               golden_path, actual);
    }

  share = cw_test_surface_difference (surface, golden, &diff);
  if (share > 0.003)
    {
      g_autofree char *actual = g_strconcat (out_dir, "/", name, "-actual.png", NULL);
      g_autofree char *diff_path = g_strconcat (out_dir, "/", name, "-diff.png", NULL);

      g_mkdir_with_parents (out_dir, 0755);
      cairo_surface_write_to_png (surface, actual);
      cairo_surface_write_to_png (diff, diff_path);
      g_test_message ("%s differs from its golden image in %.2f%% of the pixels; see %s and %s",
                      name, share * 100, actual, diff_path);
      g_test_fail ();
    }
}

static guint
count_matching (const char *dir,
                const char *prefix)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    n += prefix == NULL || g_str_has_prefix (name, prefix);
  g_dir_close (d);
  return n;
}

/* How many frame_*.png files @dir holds (0 when it does not exist). */
guint
cw_test_count_frames (const char *dir)
{
  return count_matching (dir, "frame_");
}

/* How many files of any kind, hidden ones included, @dir holds. */
guint
cw_test_count_entries (const char *dir)
{
  return count_matching (dir, NULL);
}

/**
 * cw_test_make_zip:
 * @first_name: an entry's name, followed by its text, then more names and
 *   texts, then %NULL
 *
 * A zip archive made with libzip, as office suites make workbooks, so a
 * test's workbook is readable in its source rather than an opaque file.
 * Entry names are taken as they are, "../" ones included.
 *
 * Returns: (transfer full): the archive's bytes
 */
GBytes *
cw_test_make_zip (const char *first_name,
                  ...)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "book.zip", NULL);
  char *contents = NULL;
  gsize length = 0;
  zip_t *zip;
  int zerror = 0;
  va_list args;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerror);
  g_assert_nonnull (zip);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *content = va_arg (args, const char *);
      zip_source_t *source = zip_source_buffer (zip, g_strdup (content), strlen (content), 1);

      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  va_end (args);
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  cw_test_remove_tree (dir);
  return g_bytes_new_take (contents, length);
}
