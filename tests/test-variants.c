/* test-variants.c: one clip per row of a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cw-test-utils.h"

static GPtrArray *
variants_from (CwDeck      *deck,
               const char  *text,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return cw_variants_from_table (deck, bytes, "regions.csv", NULL, error);
}

static double
value_of (CwDeck     *deck,
          const char *id)
{
  return cw_statistic_get_value (cw_deck_find_statistic (deck, id));
}

static void
test_rows (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = variants_from (deck,
                                                 "name,hectares_cleared,mines_neutralised\n"
                                                 "North,12000,9000\n"
                                                 "South,\"13,500\",10000\n"
                                                 "West,14000,11000\n", &error);
  CwVariant *south;

  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 3);
  south = g_ptr_array_index (variants, 1);
  g_assert_cmpstr (south->name, ==, "South");
  g_assert_cmpuint (south->row, ==, 3);
  g_assert_cmpfloat (value_of (south->deck, "hectares_cleared"), ==, 13500);
  g_assert_cmpfloat (value_of (south->deck, "mines_neutralised"), ==, 10000);
  /* what the table does not set stays the deck's */
  g_assert_cmpfloat (value_of (south->deck, "victims_since_1991"), ==, value_of (deck, "victims_since_1991"));
  /* and the deck itself is untouched */
  g_assert_cmpfloat (value_of (deck, "hectares_cleared"), ==, 168000);
}

static void
test_no_name_column (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = variants_from (deck, "hectares_cleared\n1\n2\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 2);
  g_assert_cmpstr (((CwVariant *) g_ptr_array_index (variants, 0))->name, ==, "row-2");
  g_assert_cmpstr (((CwVariant *) g_ptr_array_index (variants, 1))->name, ==, "row-3");
}

/* Every bad cell is named by row and column, and no variant is made. */
static void
test_bad_rows (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = variants_from (deck,
                                                 "name,hectares_cleared\n"
                                                 "North,12000\n"
                                                 "South,\n"
                                                 "../up,abc\n"
                                                 "North,1\n", &error);

  g_assert_null (variants);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "regions.csv: no clip was rendered"));
  g_assert_nonnull (strstr (error->message, "\nregions.csv:3: column “hectares_cleared”: no value"));
  g_assert_nonnull (strstr (error->message, "\nregions.csv:4: column “hectares_cleared”: “abc” is not a number"));
  g_assert_nonnull (strstr (error->message, "\nregions.csv:4: column “name”: the name cannot be a folder's"));
  g_assert_nonnull (strstr (error->message, "\nregions.csv:5: column “name”: another row has this name"));
}

static void
test_unknown_column (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = variants_from (deck, "name,hectares,mines_by_type\nNorth,1,2\n", &error);

  g_assert_null (variants);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  /* a typo, with the ids it could have meant */
  g_assert_nonnull (strstr (error->message, "regions.csv:1: column “hectares”: the deck has no statistic “hectares”"));
  g_assert_nonnull (strstr (error->message, "hectares_cleared, mines_neutralised"));
  /* a series cannot take one figure */
  g_assert_nonnull (strstr (error->message, "“mines_by_type” is a series"));
}

static void
test_workbook (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GBytes) book = NULL;

#define CELL(text) "<table:table-cell office:value-type=\"string\"><text:p>" text "</text:p></table:table-cell>"
  book = cw_test_make_zip ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml",
                           "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                           "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
                           "<table:table table:name=\"Districts\"><table:table-row>" CELL ("name") CELL ("hectares_cleared") "</table:table-row>"
                           "<table:table-row>" CELL ("Fuzuli") "<table:table-cell office:value-type=\"float\" office:value=\"4200\"/></table:table-row>"
                           "<table:table-row>" CELL ("Aghdam") CELL ("many") "</table:table-row></table:table>"
                           "</office:spreadsheet></office:body></office:document-content>", NULL);
#undef CELL
  variants = cw_variants_from_table (deck, book, "districts.ods", NULL, &error);
  g_assert_null (variants);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message,
                            "\ndistricts.ods: sheet “Districts”, cell B3 (column “hectares_cleared”): “many” is not a number"));
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static int
run_cli (const char  *cwd,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CLEARWAY_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

/* Three rows, three complete variants and an index of them. */
static void
test_cli_render (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "regions.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *err = NULL;
  g_autofree char *index_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *names[] = { "North", "South", "West" };
  const double hectares[] = { 12000, 13500, 14000 };
  const double mines[] = { 9000, 10000, 11000 };
  JsonArray *list;
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);

  g_assert_true (g_file_set_contents (table, "name,hectares_cleared,mines_neutralised\n"
                                      "North,12000,9000\nSouth,13500,10000\nWest,14000,11000\n", -1, NULL));
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sequence = g_build_filename (out, names[i], "en-180x320", NULL);
      g_autofree char *manifest = g_build_filename (sequence, "manifest.json", NULL);
      g_autoptr(CwDeck) deck = cw_deck_new_sample ();
      g_autoptr(CwRenderer) renderer = NULL;

      /* a clip's length follows its figures (count-ups), so each row's own */
      cw_statistic_set_value (cw_deck_find_statistic (deck, "hectares_cleared"), hectares[i]);
      cw_statistic_set_value (cw_deck_find_statistic (deck, "mines_neutralised"), mines[i]);
      renderer = cw_renderer_new (deck, "en", format, 30);
      g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpuint (cw_test_count_frames (sequence), ==, cw_renderer_get_n_frames (renderer));
    }
  /* each row's own figure: the land slide's last frame differs between rows */
  {
    g_autofree char *north_path = g_build_filename (out, "North/en-180x320/frame_00200.png", NULL);
    g_autofree char *south_path = g_build_filename (out, "South/en-180x320/frame_00200.png", NULL);
    g_autoptr(GBytes) a = NULL;
    g_autoptr(GBytes) b = NULL;
    char *data = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (north_path, &data, &len, NULL));
    a = g_bytes_new_take (data, len);
    g_assert_true (g_file_get_contents (south_path, &data, &len, NULL));
    b = g_bytes_new_take (data, len);
    g_assert_false (g_bytes_equal (a, b));
  }

  index_text = read_text (out, "index.json");
  json_parser_load_from_data (parser, index_text, -1, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "variants");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *variant = json_array_get_object_element (list, i);
      JsonArray *manifests = json_object_get_array_member (variant, "manifests");
      g_autofree char *expected = g_strdup_printf ("%s/en-180x320/manifest.json", names[i]);

      g_assert_cmpstr (json_object_get_string_member (variant, "name"), ==, names[i]);
      g_assert_cmpint (json_object_get_int_member (variant, "row"), ==, i + 2);
      g_assert_cmpuint (json_array_get_length (manifests), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (manifests, 0), ==, expected);
    }
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (list, 1), "values"),
                                                    "hectares_cleared"), ==, 13500);
  cw_test_remove_tree (dir);
}

/* A bad row stops the run before anything is written. */
static void
test_cli_bad_row (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "regions.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (table, "name,hectares_cleared\nNorth,12000\nSouth,twelve\nWest,14000\n", -1, NULL));
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "regions.csv:3: column “hectares_cleared”: “twelve” is not a number"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cw_test_remove_tree (dir);
}

/* A sheet asked of a CSV file was silently ignored. */
static void
test_sheet_of_csv (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("name,hectares_cleared\nNorth,1\n", 29);
  g_autoptr(GPtrArray) variants = cw_variants_from_table (deck, bytes, "regions.csv", "Districts", &error);

  g_assert_null (variants);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "regions.csv is a CSV file, which has no sheets, but sheet “Districts”"));
}

static void
test_cli_sheet_of_csv (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "regions.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (table, "name,hectares_cleared\nNorth,12000\n", -1, NULL));
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "--sheet", "Districts", "-o", "out",
                            "-f", "180x320", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "has no sheets"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cw_test_remove_tree (dir);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  GError **error = data;

  g_assert_false (cw_variants_export_finish (CW_EXPORTER (object), result, error));
  g_assert_nonnull (*error);
}

/* Every row's destination is looked into before any row renders: a file
 * in the last row's folder refuses the run with nothing published, where
 * rows exported one after another left the first rows' clips behind. */
static void
test_checked_before_rendering (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *west = g_build_filename (dir, "West", "en-180x320", NULL);
  g_autofree char *stray = g_build_filename (west, "frame_00000.png", NULL);
  g_autofree char *north = g_build_filename (dir, "North", NULL);
  g_autofree char *index = g_build_filename (dir, "index.json", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (dir);
  g_autoptr(CwExporter) exporter = cw_exporter_new (deck);
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variants = variants_from (deck, "name,hectares_cleared\nNorth,1\nSouth,2\nWest,3\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (west, 0755), ==, 0);
  g_assert_true (g_file_set_contents (stray, "not ours", -1, NULL));
  cw_exporter_set_output_dir (exporter, output);
  cw_exporter_add_format (exporter, format);
  cw_variants_export_async (exporter, variants, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, CW_ERROR, CW_ERROR_OUTPUT_FOREIGN);
  g_assert_cmpuint (cw_exporter_get_frames_rendered (exporter), ==, 0);
  g_assert_false (g_file_test (north, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  cw_test_remove_tree (dir);
}

/* index.json is an export's file like the others: an earlier run's is
 * replaced only with --overwrite, one Clearway did not write never, and
 * the folders of rows the new table does not have are kept. */
static void
test_cli_existing_index (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "regions.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *index = g_build_filename (out, "index.json", NULL);
  g_autofree char *east = g_build_filename (out, "East", "en-180x320", "manifest.json", NULL);
  g_autofree char *north = g_build_filename (out, "North", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (table, "name,hectares_cleared\nEast,12000\n", -1, NULL));
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320", NULL), ==, 0);
  g_assert_true (g_file_test (east, G_FILE_TEST_IS_REGULAR));

  /* an earlier run's index: refused without --overwrite, nothing rendered */
  g_assert_true (g_file_set_contents (table, "name,hectares_cleared\nNorth,12000\n", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds clips of a table’s rows"));
  g_assert_nonnull (strstr (err, "--overwrite"));
  g_assert_false (g_file_test (north, G_FILE_TEST_EXISTS));
  text = read_text (out, "index.json");
  g_assert_nonnull (strstr (text, "\"East\""));
  g_clear_pointer (&text, g_free);

  /* with --overwrite the index is the new run's; East's clips stay */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320",
                            "--overwrite", NULL), ==, 0);
  text = read_text (out, "index.json");
  g_assert_nonnull (strstr (text, "\"North\""));
  g_assert_null (strstr (text, "\"East\""));
  g_assert_true (g_file_test (east, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&text, g_free);

  /* an index.json Clearway did not write is never replaced */
  g_assert_true (g_file_set_contents (index, "{\"mine\": true}", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320",
                            "--overwrite", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "which Clearway did not write"));
  text = read_text (out, "index.json");
  g_assert_cmpstr (text, ==, "{\"mine\": true}");
  cw_test_remove_tree (dir);
}

/* --video-only keeps only each row's video, manifest and captions. */
static void
test_cli_video_only (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "regions.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *sequence = g_build_filename (out, "North", "en-180x320", NULL);
  g_autofree char *frame = g_build_filename (sequence, "frame_00000.png", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");
  const char *name;
  gboolean video = FALSE;

  if (ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (table, "name,hectares_cleared\nNorth,12000\n", -1, NULL));
  g_assert_cmpint (run_cli (dir, &err, "render", "--data", "regions.csv", "-o", "out", "-f", "180x320",
                            "--video-only", NULL), ==, 0);
  g_assert_false (g_file_test (frame, G_FILE_TEST_EXISTS));
  listing = g_dir_open (sequence, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    video |= g_str_has_suffix (name, ".mp4");
  g_assert_true (video);
  cw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/variants/rows", test_rows);
  g_test_add_func ("/cw/variants/no-name-column", test_no_name_column);
  g_test_add_func ("/cw/variants/bad-rows", test_bad_rows);
  g_test_add_func ("/cw/variants/unknown-column", test_unknown_column);
  g_test_add_func ("/cw/variants/workbook", test_workbook);
  g_test_add_func ("/cw/variants/cli-render", test_cli_render);
  g_test_add_func ("/cw/variants/cli-bad-row", test_cli_bad_row);
  g_test_add_func ("/cw/variants/sheet-of-csv", test_sheet_of_csv);
  g_test_add_func ("/cw/variants/cli-sheet-of-csv", test_cli_sheet_of_csv);
  g_test_add_func ("/cw/variants/checked-before-rendering", test_checked_before_rendering);
  g_test_add_func ("/cw/variants/cli-existing-index", test_cli_existing_index);
  g_test_add_func ("/cw/variants/cli-video-only", test_cli_video_only);

  return g_test_run ();
}
