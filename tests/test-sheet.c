/* test-sheet.c: statistics from .ods and .xlsx workbooks
 *
 * The workbooks are built here from their XML parts (cw_test_make_zip()),
 * so every fixture can be read in this file, hostile ones included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-test-utils.h"

#define XLSX_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char xlsx_workbook[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<workbook " XLSX_NS "><sheets>"
  "<sheet name=\"Figures\" sheetId=\"1\" r:id=\"rId1\"/>"
  "<sheet name=\"Regions\" sheetId=\"2\" r:id=\"rId2\"/>"
  "</sheets></workbook>";

static const char xlsx_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
  "</Relationships>";

/* a rich-text string in runs, and a phonetic guide that is not its text */
static const char xlsx_strings[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<sst " XLSX_NS " count=\"6\" uniqueCount=\"6\">"
  "<si><t>id</t></si><si><t>label</t></si><si><t>as_of</t></si><si><t>source</t></si>"
  "<si><r><t xml:space=\"preserve\">Land </t></r><r><rPr><b/></rPr><t>cleared</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
  "<si><t>ANAMA</t></si>"
  "</sst>";

/* style 1 is a built-in date, style 2 a custom one */
static const char xlsx_styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<styleSheet " XLSX_NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
  "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";

static const char xlsx_sheet1[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<worksheet " XLSX_NS "><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
  "<c r=\"C1\" t=\"inlineStr\"><is><t>value</t></is></c><c r=\"D1\" t=\"s\"><v>2</v></c><c r=\"E1\" t=\"s\"><v>3</v></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>hectares</t></is></c><c r=\"B2\" t=\"s\"><v>4</v></c>"
  "<c r=\"C2\"><v>168000</v></c><c r=\"D2\" s=\"1\"><v>45382</v></c><c r=\"E2\" t=\"s\"><v>5</v></c></row>"
  /* a gap: row 3 is empty, and the label cell is left out */
  "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>area</t></is></c>"
  "<c r=\"C4\"><v>2.5000000000000004</v></c><c r=\"D4\" s=\"2\"><v>45292</v></c><c r=\"E4\" t=\"s\"><v>5</v></c></row>"
  "</sheetData></worksheet>";

static const char xlsx_sheet2[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<worksheet " XLSX_NS "><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>value</t></is></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>north</t></is></c><c r=\"B2\"><v>12</v></c></row>"
  "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>south</t></is></c><c r=\"B7\" t=\"inlineStr\"><is><t>many</t></is></c></row>"
  "</sheetData></worksheet>";

static GBytes *
make_xlsx_with (const char *part,
                const char *content)
{
  const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                          "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" };
  const char *contents[] = { xlsx_workbook, xlsx_rels, xlsx_strings, xlsx_styles, xlsx_sheet1, xlsx_sheet2 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (part != NULL && g_str_equal (names[i], part))
        contents[i] = content;
    }
  return cw_test_make_zip ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
                   names[0], contents[0], names[1], contents[1], names[2], contents[2],
                   names[3], contents[3], names[4], contents[4], names[5], contents[5], NULL);
}

#define ODS_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
               "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
               "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

#define ODS_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
                 "<office:document-content " ODS_NS " office:version=\"1.3\"><office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"
#define S(text) "<table:table-cell office:value-type=\"string\"><text:p>" text "</text:p></table:table-cell>"
#define F(value) "<table:table-cell office:value-type=\"float\" office:value=\"" value "\"><text:p>" value "</text:p></table:table-cell>"

/* as LibreOffice writes it: header rows, runs of empty cells and rows to
 * the sheet's last column and row, a date and spaces as elements */
static const char ods_content[] =
  ODS_HEAD
  "<table:table table:name=\"Figures\">"
  "<table:table-column table:number-columns-repeated=\"5\"/>"
  "<table:table-header-rows><table:table-row>"
  S ("id") S ("label") S ("value") S ("as_of") S ("source")
  "<table:table-cell table:number-columns-repeated=\"16379\"/></table:table-row></table:table-header-rows>"
  "<table:table-row>" S ("hectares") S ("Land<text:s/>cleared") F ("168000")
  "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-31\"><text:p>31/03/24</text:p></table:table-cell>"
  S ("ANAMA") "<table:table-cell table:number-columns-repeated=\"16379\"/></table:table-row>"
  "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
  "<table:table-row>" S ("area") "<table:table-cell/>" F ("2.5000000000000004")
  "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-01-01T00:00:00\"><text:p>01/01/24</text:p></table:table-cell>"
  S ("ANAMA") "</table:table-row>"
  "<table:table-row table:number-rows-repeated=\"1048572\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
  "</table:table>"
  "<table:table table:name=\"Regions\">"
  "<table:table-row>" S ("id") S ("value") "</table:table-row>"
  "<table:table-row>" S ("north") F ("12") "</table:table-row>"
  "<table:table-row table:number-rows-repeated=\"4\"><table:table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
  "<table:table-row>" S ("south") S ("many") "</table:table-row>"
  "</table:table>"
  ODS_TAIL;

static GBytes *
make_ods (const char *content)
{
  return cw_test_make_zip ("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   "META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>",
                   "content.xml", content, NULL);
}

static const char csv_twin[] =
  "id,label,value,as_of,source\n"
  "hectares,Land cleared,168000,2024-03-31,ANAMA\n"
  "area,,2.5,2024-01-01,ANAMA\n";

static void
assert_same_statistics (CwCsvImport *a,
                        CwCsvImport *b)
{
  GListModel *sa = cw_csv_import_get_statistics (a);
  GListModel *sb = cw_csv_import_get_statistics (b);

  g_assert_cmpuint (g_list_model_get_n_items (sa), ==, g_list_model_get_n_items (sb));
  for (guint i = 0; i < g_list_model_get_n_items (sa); i++)
    {
      g_autoptr(CwStatistic) x = g_list_model_get_item (sa, i);
      g_autoptr(CwStatistic) y = g_list_model_get_item (sb, i);

      g_assert_cmpstr (cw_statistic_get_id (x), ==, cw_statistic_get_id (y));
      g_assert_cmpstr (cw_statistic_get_label (x), ==, cw_statistic_get_label (y));
      g_assert_cmpfloat (cw_statistic_get_value (x), ==, cw_statistic_get_value (y));
      g_assert_cmpstr (cw_statistic_get_as_of (x), ==, cw_statistic_get_as_of (y));
      g_assert_cmpstr (cw_statistic_get_source (x), ==, cw_statistic_get_source (y));
    }
}

static void
test_twins (GBytes     *workbook,
            const char *name)
{
  g_autoptr(GBytes) csv = g_bytes_new_static (csv_twin, strlen (csv_twin));
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) from_csv = cw_csv_import_new_from_bytes (csv, "figures.csv", &error);
  g_autoptr(CwCsvImport) from_book = NULL;
  const char * const *sheets;

  g_assert_no_error (error);
  from_book = cw_csv_import_new_from_bytes (workbook, name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cw_csv_import_get_problems (from_book)->len, ==, 0);
  /* the first sheet, unless another is chosen */
  g_assert_cmpstr (cw_csv_import_get_sheet (from_book), ==, "Figures");
  sheets = cw_csv_import_get_sheets (from_book);
  g_assert_nonnull (sheets);
  g_assert_cmpuint (g_strv_length ((GStrv) sheets), ==, 2);
  g_assert_cmpstr (sheets[1], ==, "Regions");
  g_assert_null (cw_csv_import_get_sheets (from_csv));
  assert_same_statistics (from_csv, from_book);
  {
    g_autoptr(CwStatistic) hectares = g_list_model_get_item (cw_csv_import_get_statistics (from_book), 0);
    g_autoptr(CwStatistic) area = g_list_model_get_item (cw_csv_import_get_statistics (from_book), 1);

    /* shared strings in runs, a number cell, a date cell as an ISO date */
    g_assert_cmpstr (cw_statistic_get_label (hectares), ==, "Land cleared");
    g_assert_cmpfloat (cw_statistic_get_value (hectares), ==, 168000);
    g_assert_cmpstr (cw_statistic_get_as_of (hectares), ==, "2024-03-31");
    /* as the spreadsheet shows it, not its binary tail */
    g_assert_cmpfloat (cw_statistic_get_value (area), ==, 2.5);
    g_assert_cmpstr (cw_statistic_get_as_of (area), ==, "2024-01-01");
  }
}

static void
test_xlsx_twin (void)
{
  g_autoptr(GBytes) book = make_xlsx_with (NULL, NULL);

  test_twins (book, "figures.xlsx");
}

static void
test_ods_twin (void)
{
  g_autoptr(GBytes) book = make_ods (ods_content);

  test_twins (book, "figures.ods");
}

/* the chosen sheet, and a problem named with its sheet and cell */
static void
test_chosen_sheet (GBytes *book)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = cw_csv_import_new_from_sheet (book, "regions.book", "Regions", &error);
  GPtrArray *problems;
  g_autofree char *text = NULL;
  const CwDiagnostic *d;

  g_assert_no_error (error);
  g_assert_cmpstr (cw_csv_import_get_sheet (import), ==, "Regions");
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (import)), ==, 1);
  problems = cw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 1);
  d = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (d->element, ==, "B7");
  text = cw_diagnostic_to_string (d);
  g_assert_cmpstr (text, ==, "regions.book: sheet “Regions”, cell B7: the value “many” of “south” is not a number.");

  /* a sheet that is not there names the ones that are */
  g_clear_object (&import);
  import = cw_csv_import_new_from_sheet (book, "regions.book", "Districts", &error);
  g_assert_null (import);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“Districts”"));
  g_assert_nonnull (strstr (error->message, "“Figures”, “Regions”"));
}

static void
test_xlsx_sheet (void)
{
  g_autoptr(GBytes) book = make_xlsx_with (NULL, NULL);

  test_chosen_sheet (book);
}

static void
test_ods_sheet (void)
{
  g_autoptr(GBytes) book = make_ods (ods_content);

  test_chosen_sheet (book);
}

static void
assert_refused (GBytes     *book,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) import = cw_csv_import_new_from_bytes (book, "hostile.xlsx", &error);

  g_assert_null (import);
  g_assert_error (error, CW_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_true (g_str_has_prefix (error->message, "hostile.xlsx: "));
}

static void
test_zip_bomb (void)
{
  /* 4 MB of spaces inside the sheet deflate to a few kilobytes */
  g_autofree char *padding = g_strnfill (4 * 1024 * 1024, ' ');
  g_autofree char *sheet = g_strconcat ("<?xml version=\"1.0\"?>\n<worksheet " XLSX_NS ">", padding,
                                        "<sheetData/></worksheet>", NULL);
  g_autoptr(GBytes) book = make_xlsx_with ("xl/worksheets/sheet1.xml", sheet);

  g_assert_cmpuint (g_bytes_get_size (book), <, 64 * 1024);
  assert_refused (book, CW_ERROR_FORBIDDEN, "zip bomb");
}

static void
test_dotdot_path (void)
{
  g_autoptr(GBytes) dotdot = cw_test_make_zip ("xl/workbook.xml", xlsx_workbook, "xl/_rels/workbook.xml.rels", xlsx_rels,
                                       "xl/worksheets/sheet1.xml", xlsx_sheet1,
                                       "xl/../../evil.sh", "echo owned", NULL);
  g_autoptr(GBytes) absolute = cw_test_make_zip ("xl/workbook.xml", xlsx_workbook, "/etc/cron.d/evil", "x", NULL);
  g_autoptr(GBytes) outside = NULL;

  assert_refused (dotdot, CW_ERROR_FORBIDDEN, "“xl/../../evil.sh”");
  assert_refused (absolute, CW_ERROR_FORBIDDEN, "absolute or “..” path");

  /* a relationship that points out of the archive */
  outside = make_xlsx_with ("xl/_rels/workbook.xml.rels",
                            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            "<Relationship Id=\"rId1\" Target=\"../../../etc/passwd\"/></Relationships>");
  assert_refused (outside, CW_ERROR_FORBIDDEN, "points outside itself");
}

static void
test_entities (void)
{
  static const char laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE sst [<!ENTITY a \"lollollollollollollollollollol\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
    "<sst " XLSX_NS "><si><t>&e;&e;&e;&e;&e;</t></si></sst>";
  static const char external[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
    "<office:document-content " ODS_NS "><office:body><office:spreadsheet><table:table table:name=\"S\">"
    "<table:table-row><table:table-cell><text:p>&x;</text:p></table:table-cell></table:table-row>"
    "</table:table></office:spreadsheet></office:body></office:document-content>";
  g_autoptr(GBytes) xlsx = make_xlsx_with ("xl/sharedStrings.xml", laughs);
  g_autoptr(GBytes) ods = make_ods (external);

  assert_refused (xlsx, CW_ERROR_FORBIDDEN, "“xl/sharedStrings.xml” in the workbook has a DOCTYPE");
  assert_refused (ods, CW_ERROR_FORBIDDEN, "“content.xml” in the workbook has a DOCTYPE");
}

static void
test_huge_sheet (void)
{
  /* a few hundred bytes that would be 200,000 filled rows */
  g_autoptr(GBytes) rows = make_ods (ODS_HEAD "<table:table table:name=\"S\">"
                                     "<table:table-row table:number-rows-repeated=\"200000\">" S ("x") F ("1")
                                     "</table:table-row></table:table>" ODS_TAIL);
  /* a cell at the sheet's last column */
  g_autoptr(GBytes) wide = make_xlsx_with ("xl/worksheets/sheet1.xml",
                                           "<worksheet " XLSX_NS "><sheetData><row r=\"3\">"
                                           "<c r=\"XFD3\"><v>1</v></c></row></sheetData></worksheet>");
  g_autoptr(GBytes) cells = make_ods (ODS_HEAD "<table:table table:name=\"S\"><table:table-row>"
                                      "<table:table-cell table:number-columns-repeated=\"100000\" office:value-type=\"float\" office:value=\"1\"/>"
                                      "</table:table-row></table:table>" ODS_TAIL);

  assert_refused (rows, CW_ERROR_TOO_LARGE, "more than 100000 rows");
  assert_refused (wide, CW_ERROR_TOO_LARGE, "sheet “Figures”, cell ");
  assert_refused (cells, CW_ERROR_TOO_LARGE, "wider or larger");
}

static void
test_not_a_workbook (void)
{
  g_autoptr(GBytes) damaged = g_bytes_new_static ("PK\x03\x04 not really", 15);
  g_autoptr(GBytes) other = cw_test_make_zip ("word/document.xml", "<w/>", NULL);

  assert_refused (damaged, CW_ERROR_MALFORMED, "cannot be opened");
  assert_refused (other, CW_ERROR_MALFORMED, "not an .ods or .xlsx spreadsheet");
}

static void
test_cell_names (void)
{
  const struct { guint column, row; const char *name; } cases[] = {
    { 0, 1, "A1" }, { 1, 7, "B7" }, { 25, 2, "Z2" }, { 26, 3, "AA3" }, { 701, 4, "ZZ4" }, { 702, 5, "AAA5" },
    { 16383, 1048576, "XFD1048576" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = cw_sheet_cell_name (cases[i].column, cases[i].row);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* The CLI's import reads a workbook's first sheet or the one named, and
 * writes nothing while a cell is wrong. */
static void
test_cli_import (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck_path = g_build_filename (dir, "deck.clearway", NULL);
  g_autofree char *book_path = g_build_filename (dir, "figures.ods", NULL);
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_autoptr(GBytes) book = make_ods (ods_content);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status = -1;
  const char *cli = g_getenv ("CLEARWAY_CLI");

  g_assert_nonnull (cli);
  g_assert_true (g_file_set_contents (deck_path, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), NULL));
  g_assert_true (g_file_set_contents (book_path, g_bytes_get_data (book, NULL), g_bytes_get_size (book), NULL));
  g_assert_true (g_file_get_contents (deck_path, &before, NULL, NULL));

  {
    const char *argv[] = { cli, "import", "deck.clearway", "figures.ods", "--sheet", "Regions", NULL };

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "figures.ods: sheet “Regions”, cell B7: the value “many” of “south” is not a number."));
    g_assert_nonnull (strstr (err, "Nothing was imported"));
    g_assert_true (g_file_get_contents (deck_path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "import", "deck.clearway", "figures.ods", NULL };
    g_autoptr(GFile) file = g_file_new_for_path (deck_path);
    g_autoptr(CwDeck) deck = NULL;

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("import failed: %s", err);
    deck = cw_deck_load_file (file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "hectares")), ==, 168000);
    g_assert_cmpstr (cw_statistic_get_as_of (cw_deck_find_statistic (deck, "area")), ==, "2024-01-01");
  }
  cw_test_remove_tree (dir);
}

/* Workbooks as an office suite writes them (tests/sheets/make-fixtures.sh,
 * LibreOffice from the same CSV): the same statistics as their CSV twin,
 * dates read from real date cells, labels in any script intact. */
static void
test_office_made (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "sheets", "figures.csv", NULL);
  g_autofree char *book_path = g_test_build_filename (G_TEST_DIST, "sheets", name, NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) book_file = g_file_new_for_path (book_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwCsvImport) from_csv = cw_csv_import_new_from_file (csv_file, &error);
  g_autoptr(CwCsvImport) from_book = NULL;
  g_autoptr(CwStatistic) victims = NULL;
  g_autoptr(CwStatistic) area = NULL;

  g_assert_no_error (error);
  from_book = cw_csv_import_new_from_file (book_file, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cw_csv_import_get_problems (from_book)->len; i++)
    g_test_message ("%s", ((CwDiagnostic *) g_ptr_array_index (cw_csv_import_get_problems (from_book), i))->message);
  g_assert_cmpuint (cw_csv_import_get_problems (from_book)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cw_csv_import_get_statistics (from_book)), ==, 4);
  assert_same_statistics (from_csv, from_book);

  victims = g_list_model_get_item (cw_csv_import_get_statistics (from_book), 2);
  g_assert_cmpstr (cw_statistic_get_label (victims), ==, "Люди погибли или ранены");
  g_assert_cmpfloat (cw_statistic_get_value (victims), ==, 3400);
  g_assert_cmpstr (cw_statistic_get_as_of (victims), ==, "2024-10-31");
  area = g_list_model_get_item (cw_csv_import_get_statistics (from_book), 3);
  g_assert_cmpfloat (cw_statistic_get_value (area), ==, 2.5);
  g_assert_cmpstr (cw_statistic_get_as_of (area), ==, "2024-09-30");
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/sheet/xlsx-twin", test_xlsx_twin);
  g_test_add_func ("/cw/sheet/ods-twin", test_ods_twin);
  g_test_add_data_func ("/cw/sheet/office-made/ods", "figures.ods", test_office_made);
  g_test_add_data_func ("/cw/sheet/office-made/xlsx", "figures.xlsx", test_office_made);
  g_test_add_func ("/cw/sheet/xlsx-chosen-sheet", test_xlsx_sheet);
  g_test_add_func ("/cw/sheet/ods-chosen-sheet", test_ods_sheet);
  g_test_add_func ("/cw/sheet/zip-bomb", test_zip_bomb);
  g_test_add_func ("/cw/sheet/dotdot-path", test_dotdot_path);
  g_test_add_func ("/cw/sheet/entities", test_entities);
  g_test_add_func ("/cw/sheet/huge-sheet", test_huge_sheet);
  g_test_add_func ("/cw/sheet/not-a-workbook", test_not_a_workbook);
  g_test_add_func ("/cw/sheet/cell-names", test_cell_names);
  g_test_add_func ("/cw/sheet/cli-import", test_cli_import);

  return g_test_run ();
}
