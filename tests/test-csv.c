/* test-csv.c: statistics from spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
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

/* Labels in Russian or Azerbaijani give ids of their own, in Latin
 * letters: each used to become "s_", and the second row was a duplicate. */
static void
test_ids_from_any_script (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = import_text ("id,label,value\n"
                                               ",Обезврежено мин,161000\n"
                                               ",Очищено гектаров,168000\n"
                                               ",Minalardan təmizlənib,62023\n",
                                               &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 3);
  g_assert_cmpstr (cw_statistic_get_id (get (import, 0)), ==, "obezvrezeno_min");
  g_assert_cmpstr (cw_statistic_get_id (get (import, 1)), ==, "ociseno_gektarov");
  g_assert_cmpstr (cw_statistic_get_id (get (import, 2)), ==, "minalardan_temizlenib");
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

/* An empty table (whose bytes may have no data pointer at all: UBSan
 * flagged the parser's NULL + 0) says so. */
static void
test_empty (void)
{
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = cw_csv_import_new_from_bytes (nothing, "figures.csv", &error);

  g_assert_null (import);
  g_assert_error (error, CW_ERROR, CW_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "figures.csv: the file is empty"));
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
  g_assert_nonnull (strstr (error->message, "8.0\u00a0MiB"));
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
  guint added = 0, updated = 0;
  gboolean shown = FALSE;
  CwScene *scene;

  g_assert_no_error (error);
  g_assert_true (cw_csv_import_apply (import, deck, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
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

static void
test_tone_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwCsvImport) import = import_text (
    "id,value,tone\nvictims_since_1991,3500,\nmines_neutralised,163500,Neutral\nincidents,12,harm\nbad,1,sad\n", &error);
  GPtrArray *problems;

  g_assert_no_error (error);
  /* a tone that is not one is refused with its row */
  problems = cw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((CwDiagnostic *) g_ptr_array_index (problems, 0))->message, "sad"));
  g_assert_true (cw_csv_import_apply (import, deck, NULL, NULL, &error));
  g_assert_no_error (error);
  /* a blank cell keeps the tone the deck gave; a filled one sets it */
  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (deck, "victims_since_1991")), ==, CW_TONE_HARM);
  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (deck, "mines_neutralised")), ==, CW_TONE_NEUTRAL);
  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (deck, "incidents")), ==, CW_TONE_HARM);
}

/* The deck, saved and read back by the loader */
static CwDeck *
reopen (CwDeck *deck)
{
  g_autoptr(GBytes) bytes = cw_deck_save_to_bytes (deck);
  g_autoptr(GError) error = NULL;
  CwDeck *reopened = cw_deck_load_bytes (bytes, "deck.clearway", NULL, &error);

  g_assert_no_error (error);
  return reopened;
}

/* Figures and texts the deck loader refuses were imported, and the saved
 * deck no longer opened. Each is now a row to fix, with its line. */
static void
test_beyond_deck (void)
{
  g_autoptr(GString) table = g_string_new ("id,label,value,unit,as_of,source\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = NULL;
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwDeck) reopened = NULL;
  static const struct { guint line; const char *says; } expected[] = {
    { 2, "larger than a deck holds" },
    { 3, "larger than a deck holds" },
    { 4, "more decimals than a deck keeps" },
    { 5, "“label” cell of “long” is 5242880 characters long" },
    { 6, "“source” cell of “control” holds a control character" },
  };
  GPtrArray *problems;

  g_string_append (table, "x,X,1e300,%,2024,A\n");                   /* line 2 */
  g_string_append (table, "trillions,T,\"2,000,000,000,000,000\",,,\n"); /* line 3 */
  g_string_append (table, "tiny,T,1e-300,,,\n");                     /* line 4 */
  g_string_append (table, "long,");                                  /* line 5 */
  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (table, 'a');
  g_string_append (table, ",1,,,\n");
  g_string_append (table, "control,C,1,,,A\001B\n");                 /* line 6 */
  g_string_append (table, "small,S,0.00001,,,\n");                   /* line 7: fine */
  g_string_append (table, "largest,L,1000000000000000,,,\n");        /* line 8: fine */

  import = import_text (table->str, &error);
  g_assert_no_error (error);
  problems = cw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *message = cw_diagnostic_to_string (g_ptr_array_index (problems, i));
      g_autofree char *prefix = g_strdup_printf ("figures.csv:%u: ", expected[i].line);

      g_assert_true (g_str_has_prefix (message, prefix));
      g_assert_nonnull (strstr (message, expected[i].says));
      /* a message quotes a cell, never a whole megabyte of it */
      g_assert_cmpuint (strlen (message), <, 400);
    }

  /* the good rows import, and the deck still opens with them as they were */
  g_assert_true (cw_csv_import_apply (import, deck, NULL, NULL, &error));
  g_assert_no_error (error);
  reopened = reopen (deck);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (reopened, "small")), ==, 0.00001);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (reopened, "largest")), ==, 1e15);
}

/* Whether the sample deck, with @statistic added, opens again once saved. */
static gboolean
opens_with (CwStatistic *statistic)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CwDeck) reopened = NULL;
  g_autoptr(CwStatistic) read_back = NULL;

  cw_deck_add_statistic (deck, statistic);
  bytes = cw_deck_save_to_bytes (deck);
  reopened = cw_deck_load_bytes (bytes, "deck.clearway", NULL, NULL);
  if (reopened == NULL)
    return FALSE;
  read_back = g_object_ref (cw_deck_find_statistic (reopened, cw_statistic_get_id (statistic)));
  g_assert_cmpstr (cw_statistic_get_label (read_back), ==, cw_statistic_get_label (statistic));
  g_assert_cmpfloat (cw_statistic_get_value (read_back), ==, cw_statistic_get_value (statistic));
  g_assert_cmpuint (cw_statistic_get_n_points (read_back), ==, cw_statistic_get_n_points (statistic));
  return TRUE;
}

/* CSV import checks its rows with the statistic limits; the loader must
 * refuse exactly past them, or the two disagree about what a deck holds. */
static void
test_limits_match_loader (void)
{
  const double past_max = nextafter (CW_STATISTIC_MAX_VALUE, G_MAXDOUBLE);

  for (guint past = 0; past <= 1; past++)
    {
      g_autoptr(CwStatistic) texts = cw_statistic_new ("texts");
      g_autoptr(CwStatistic) figure = cw_statistic_new ("figure");
      g_autoptr(CwStatistic) series = cw_statistic_new ("series");
      g_autoptr(GString) label = g_string_new (NULL);

      /* characters, not bytes: "ə" is two bytes */
      for (guint i = 0; i < cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL) + past; i++)
        g_string_append (label, "ə");
      g_assert_true (cw_statistic_text_is_valid (label->str, cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL)) == !past);
      cw_statistic_set_label (texts, label->str);
      cw_statistic_set_value (texts, 1);
      g_assert_true (opens_with (texts) == !past);

      g_assert_true (cw_statistic_value_is_valid (past ? -past_max : -CW_STATISTIC_MAX_VALUE) == !past);
      cw_statistic_set_value (figure, past ? -past_max : -CW_STATISTIC_MAX_VALUE);
      g_assert_true (opens_with (figure) == !past);

      for (guint i = 0; i < CW_STATISTIC_MAX_POINTS + past; i++)
        {
          g_autofree char *name = g_strdup_printf ("%u", 2000 + i);
          cw_statistic_add_point (series, name, i);
        }
      g_assert_true (opens_with (series) == !past);
    }
}

/* What the rows cannot show: the table's texts together make a deck larger
 * than the loader opens. The import is refused whole, and the deck is
 * left as it was. */
static void
test_apply_checks_deck (void)
{
  g_autoptr(GString) table = g_string_new ("id,label,value,unit,source\n");
  g_autoptr(GString) ampersands = g_string_new (NULL);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GBytes) before = cw_deck_save_to_bytes (deck);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = NULL;
  guint added = 7, updated = 7;

  /* each "&" is written "&amp;": under 8 MB of table, over 32 MB of deck;
   * every cell as long as its column may be */
  for (guint i = 0; i < CW_STATISTIC_MAX_TEXT; i++)
    g_string_append_c (ampersands, '&');
  for (guint i = 0; table->len + 3 * ampersands->len < CW_CSV_MAX_BYTES - 64 * 1024; i++)
    g_string_append_printf (table, "figure_%u,%.*s,%u,%s,%.*s\n", i,
                            (int) cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL), ampersands->str, i,
                            ampersands->str,
                            (int) cw_text_role_get_max_chars (CW_TEXT_ROLE_SOURCE), ampersands->str);
  g_assert_cmpuint (5 * table->len, >, CW_DECK_MAX_BYTES);
  import = import_text (table->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);

  g_assert_false (cw_csv_import_apply (import, deck, &added, &updated, &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "figures.csv: "));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_cmpuint (added, ==, 7);
  g_assert_cmpuint (updated, ==, 7);
  after = cw_deck_save_to_bytes (deck);
  g_assert_true (g_bytes_equal (before, after));
}

/* Each row used to look its id up by scanning every statistic before it,
 * and the deck's too: 20,000 rows took a minute. Twice as many now take
 * about a second (the deck loader's check of the result included); before,
 * this outran the test's timeout several times over. */
static void
test_many_rows (void)
{
  const guint n_rows = 40000;
  g_autoptr(GString) table = g_string_new ("id,label,value,unit,as_of,source\n");
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  guint n_before = g_list_model_get_n_items (cw_deck_get_statistics (deck));
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = NULL;
  guint updated = 7, added = 0;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (table, "figure_%u,Figure %u,%u,ha,2024,ANAMA\n", i, i, i * 7);
  /* and one the deck has */
  g_string_append (table, "hectares_cleared,,170000,,,\n");

  import = import_text (table->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, n_rows + 1);
  g_assert_true (cw_csv_import_apply (import, deck, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, n_rows);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cw_deck_get_statistics (deck)), ==, n_before + n_rows);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "figure_39999")), ==, 39999.0 * 7);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "hectares_cleared")), ==, 170000);
}

static void
count_changed (guint *count)
{
  (*count)++;
}

/* Importing makes and frees whole decks of statistics, so a deck lets go
 * of its statistics by hand (see watch_statistic()); a statistic that
 * outlives its deck, or moves to another, no longer calls the old one. */
static void
test_deck_lets_go (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwDeck) other = cw_deck_new ();
  g_autoptr(CwDeck) moved = cw_deck_copy (deck);
  g_autoptr(CwStatistic) kept = NULL;
  g_autoptr(CwStatistic) moving = NULL;
  guint deck_changes = 0, other_changes = 0;

  kept = g_object_ref (cw_deck_find_statistic (deck, "hectares_cleared"));
  g_clear_object (&deck);
  /* the deck is gone; a change to its statistic reaches nothing */
  cw_statistic_set_value (kept, 1);

  moving = g_object_ref (cw_deck_find_statistic (moved, "hectares_cleared"));
  g_signal_connect_swapped (moved, "changed", G_CALLBACK (count_changed), &deck_changes);
  g_signal_connect_swapped (other, "changed", G_CALLBACK (count_changed), &other_changes);
  cw_deck_assign (other, moved);
  deck_changes = other_changes = 0;
  /* only the deck that holds it now hears of the change */
  cw_statistic_set_value (moving, 2);
  g_assert_cmpuint (deck_changes, ==, 0);
  g_assert_cmpuint (other_changes, ==, 1);
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
  g_test_add_func ("/cw/csv/ids-from-any-script", test_ids_from_any_script);
  g_test_add_func ("/cw/csv/not-a-table", test_not_a_table);
  g_test_add_func ("/cw/csv/empty", test_empty);
  g_test_add_func ("/cw/csv/missing-file", test_missing_file);
  g_test_add_func ("/cw/csv/endless-file", test_endless_file);
  g_test_add_func ("/cw/csv/apply", test_apply_updates_slides);
  g_test_add_func ("/cw/csv/tone", test_tone_column);
  g_test_add_func ("/cw/csv/beyond-deck", test_beyond_deck);
  g_test_add_func ("/cw/csv/limits-match-loader", test_limits_match_loader);
  g_test_add_func ("/cw/csv/apply-checks-deck", test_apply_checks_deck);
  g_test_add_func ("/cw/csv/many-rows", test_many_rows);
  g_test_add_func ("/cw/csv/deck-lets-go", test_deck_lets_go);

  return g_test_run ();
}
