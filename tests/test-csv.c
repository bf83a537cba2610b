/* test-csv.c: statistics from spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-test-utils.h"

static CwCsvImport *
import_text (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return cw_csv_import_new_from_bytes (bytes, "figures.csv", error);
}

static CwStatistic *
get (CwCsvImport *import,
     guint        i)
{
  g_autoptr(CwStatistic) s = g_list_model_get_item (cw_csv_import_get_statistics (import), i);
  return s;
}

static void
test_comma (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = import_text (
    "id,label,value,unit,as_of,source\n"
    "hectares,Land cleared,\"168,000\",ha,2024-10,ANAMA\n"
    "area,\"Area, in km²\",2.5,km²,2024,ANAMA\n"
    "quote,\"She said \"\"hello\"\"\",1,,,\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (cw_csv_import_get_delimiter (import), ==, ',');
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 3);
  g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpfloat (cw_statistic_get_value (get (import, 0)), ==, 168000);
  g_assert_cmpstr (cw_statistic_get_as_of (get (import, 0)), ==, "2024-10");
  g_assert_cmpstr (cw_statistic_get_label (get (import, 1)), ==, "Area, in km²");
  g_assert_cmpfloat (cw_statistic_get_value (get (import, 1)), ==, 2.5);
  g_assert_cmpstr (cw_statistic_get_label (get (import, 2)), ==, "She said \"hello\"");
}

static void
test_semicolon_bom_decimal_comma (void)
{
  g_autoptr(GError) error = NULL;
  /* what spreadsheets in many European locales write: BOM, ';' and decimal commas */
  g_autoptr(CwCsvImport) import = import_text (
    "\xef\xbb\xbfID;Label;Value;Unit\r\n"
    "area;Area;2,5;km²\r\n"
    "mines;Mines;161 000;mines\r\n"
    "big;Big;1.234.567,5;\r\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (cw_csv_import_get_delimiter (import), ==, ';');
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 3);
  g_assert_cmpstr (cw_statistic_get_id (get (import, 0)), ==, "area");
  g_assert_cmpfloat (cw_statistic_get_value (get (import, 0)), ==, 2.5);
  g_assert_cmpfloat (cw_statistic_get_value (get (import, 1)), ==, 161000);
  g_assert_cmpfloat (cw_statistic_get_value (get (import, 2)), ==, 1234567.5);
}

static void
test_series_and_ids_from_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = import_text (
    "label,point,value,source\n"
    "Found in 2024,Unexploded ordnance,59163,ANAMA\n"
    "Found in 2024,Anti-personnel mines,4256,ANAMA\n"
    "Found in 2024,Anti-tank mines,2372,ANAMA\n", &error);
  CwStatistic *s;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 1);
  s = get (import, 0);
  /* an id is made from the label when the table has none */
  g_assert_cmpstr (cw_statistic_get_id (s), ==, "found_in_2024");
  g_assert_cmpuint (cw_statistic_get_n_points (s), ==, 3);
  g_assert_cmpstr (cw_statistic_get_point (s, 2)->label, ==, "Anti-tank mines");
}

static void
test_problems_have_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = import_text (
    "id,value,as_of\n"
    "good,10,2024\n"
    "bad,ten,2024\n"
    "\n"
    "9lives,3,\n"
    "dated,5,October 2024\n"
    "good,11,2024\n", &error);
  GPtrArray *problems;
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  /* the good row still imports; each bad one is reported with its line */
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 1);
  problems = cw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 4);
  first = cw_diagnostic_to_string (g_ptr_array_index (problems, 0));
  g_assert_true (g_str_has_prefix (first, "figures.csv:3: "));
  g_assert_nonnull (strstr (first, "ten"));
  g_assert_cmpuint (((CwDiagnostic *) g_ptr_array_index (problems, 1))->line, ==, 5);
  g_assert_cmpuint (((CwDiagnostic *) g_ptr_array_index (problems, 2))->line, ==, 6);
  g_assert_cmpuint (((CwDiagnostic *) g_ptr_array_index (problems, 3))->line, ==, 7);
}

/* A fuzzer's find: a blank id cell, with no label to make an id from, crashed the import. */
static void
test_blank_id (void)
{
  static const char * const tables[] = {
    "id,value\n,1\n",
    "value,label\n1\n",
    "id,label,value\nkept,Kept,3\n  ,,1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwCsvImport) import = import_text (tables[i], &error);
      GPtrArray *problems;
      g_autofree char *message = NULL;

      g_assert_no_error (error);
      problems = cw_csv_import_get_problems (import);
      g_assert_cmpuint (problems->len, ==, 1);
      message = cw_diagnostic_to_string (g_ptr_array_index (problems, 0));
      /* the file, the line and what to fill in */
      g_assert_true (g_str_has_prefix (message, i < 2 ? "figures.csv:2: " : "figures.csv:3: "));
      g_assert_nonnull (strstr (message, "id"));
      g_assert_nonnull (strstr (message, "label"));
    }
}

/* A blank id with a label still names the statistic, from the label. */
static void
test_blank_id_with_label (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = import_text ("id,label,value\n,Mines found,4256\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 1);
  g_assert_cmpstr (cw_statistic_get_id (get (import, 0)), ==, "mines_found");
}

static void
test_not_a_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) no_header = import_text ("1,2,3\n4,5,6\n", &error);
  g_autoptr(CwCsvImport) latin1 = NULL;
  g_autoptr(CwCsvImport) unclosed = NULL;

  g_assert_null (no_header);
  g_assert_error (error, CW_ERROR, CW_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "figures.csv:1: "));
  g_clear_error (&error);

  latin1 = import_text ("id,value\nm\xe9tres,1\n", &error);
  g_assert_null (latin1);
  g_assert_error (error, CW_ERROR, CW_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "figures.csv:2: "));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  unclosed = import_text ("id,value\n\"open,1\n", &error);
  g_assert_null (unclosed);
  g_assert_error (error, CW_ERROR, CW_ERROR_MALFORMED);
}

/* A missing table is a message naming it, not a GLib-CRITICAL. */
static void
test_missing_file (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = cw_csv_import_new_from_file (file, &error);
  g_autoptr(CwCsvImport) not_a_file = NULL;

  g_assert_null (import);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "no such file"));
  g_clear_error (&error);

  not_a_file = cw_csv_import_new_from_file (folder, &error);
  g_assert_null (not_a_file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, dir));
  cw_test_remove_tree (dir);
}

/* A device or a pipe states no size; the cap must hold while reading, or
 * /dev/zero is read until memory runs out. */
static void
test_endless_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero here");
      return;
    }
  import = cw_csv_import_new_from_file (file, &error);
  g_assert_null (import);
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero: "));
  g_assert_nonnull (strstr (error->message, "8 MB"));
}

static void
test_apply_updates_slides (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwCsvImport) import = import_text (
    "id,value,as_of\nmines_neutralised,163500,2024-11\nnew_figure,7,2024\n", &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) renderer = NULL;
  guint updated = 0;
  gboolean shown = FALSE;
  CwScene *scene;

  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_apply (import, deck, &updated), ==, 1);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_nonnull (cw_deck_find_statistic (deck, "new_figure"));
  g_assert_cmpstr (cw_statistic_get_as_of (cw_deck_find_statistic (deck, "mines_neutralised")), ==, "2024-11");

  /* the new figure reaches the slide that shows it */
  renderer = cw_renderer_new (deck, "en", format, 30);
  scene = cw_renderer_get_scene (renderer, 2);
  for (guint i = 0; i < scene->texts->len; i++)
    shown |= g_str_has_prefix (g_ptr_array_index (scene->texts, i), "163,500");
  g_assert_true (shown);
}

/* Each row used to look its id up by scanning every statistic before it,
 * and the deck's too: 20,000 rows took a minute. Twice as many rows, run
 * twice so the second run updates every one, now take well under a second;
 * before, this alone outran the test's timeout several times over. */
static void
test_many_rows (void)
{
  const guint n_rows = 40000;
  g_autoptr(GString) table = g_string_new ("id,label,value,unit,as_of,source\n");
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  guint n_before = g_list_model_get_n_items (cw_deck_get_statistics (deck));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (table, "figure_%u,Figure %u,%u,ha,2024,ANAMA\n", i, i, i * 7);

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(CwCsvImport) import = import_text (table->str, &error);
      guint updated = 0, added;

      g_assert_no_error (error);
      g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, n_rows);
      added = cw_csv_import_apply (import, deck, &updated);
      g_assert_cmpuint (added, ==, run == 0 ? n_rows : 0);
      g_assert_cmpuint (updated, ==, run == 0 ? 0 : n_rows);
    }
  g_assert_cmpuint (g_list_model_get_n_items (cw_deck_get_statistics (deck)), ==, n_before + n_rows);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "figure_39999")), ==, 39999.0 * 7);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/csv/comma", test_comma);
  g_test_add_func ("/cw/csv/semicolon-bom-decimal-comma", test_semicolon_bom_decimal_comma);
  g_test_add_func ("/cw/csv/series-and-ids", test_series_and_ids_from_labels);
  g_test_add_func ("/cw/csv/problems-have-lines", test_problems_have_lines);
  g_test_add_func ("/cw/csv/blank-id", test_blank_id);
  g_test_add_func ("/cw/csv/blank-id-with-label", test_blank_id_with_label);
  g_test_add_func ("/cw/csv/not-a-table", test_not_a_table);
  g_test_add_func ("/cw/csv/missing-file", test_missing_file);
  g_test_add_func ("/cw/csv/endless-file", test_endless_file);
  g_test_add_func ("/cw/csv/apply", test_apply_updates_slides);
  g_test_add_func ("/cw/csv/many-rows", test_many_rows);

  return g_test_run ();
}
