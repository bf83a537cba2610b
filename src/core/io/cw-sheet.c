/* cw-sheet.c
 *
 * Figures often arrive as an .ods or .xlsx workbook rather than a CSV
 * export. Both are zip archives of XML parts; this reads one sheet of
 * either into the same rows the CSV parser makes (CwCsvRow, its line being
 * the sheet's row number and field i column i), so the statistic mapping,
 * the checks and the preview are the CSV path's own.
 *
 * A workbook comes from outside, so everything in it is bounded before it
 * is used: the archive's size, its number of entries, each entry's inflated
 * size and ratio (counted again while inflating, as the headers may lie),
 * entry names (no absolute or ".." paths), the sheet's rows, columns and
 * cells, and the XML itself (no DOCTYPE, so no entities, no network).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "cw-core.h"
#include "cw-csv.h"
#include "cw-error.h"
#include "cw-sheet.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_file_t, zip_fclose)

typedef enum { KIND_XLSX, KIND_ODS } Kind;

typedef struct
{
  char    *name;
  /* .xlsx: the worksheet's part; .ods: unused */
  char    *part;
  /* .ods: the <table:table> in the content tree */
  xmlNode *table;
} Sheet;

typedef struct
{
  const char *display_name;
  zip_t      *zip;
  Kind        kind;
  /* .xlsx: date serials count from 1904, as old Mac workbooks do */
  gboolean    date1904;
  GArray     *sheets;
  /* .ods: content.xml, which holds every sheet */
  xmlDoc     *content;
} Book;

static void
sheet_clear (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->part);
}

static void
book_free (Book *book)
{
  g_clear_pointer (&book->sheets, g_array_unref);
  g_clear_pointer (&book->content, xmlFreeDoc);
  g_clear_pointer (&book->zip, zip_discard);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static void
set_hostile (GError     **error,
             const char  *display_name,
             const char  *why)
{
  /* Translators: the file's name, then why it is refused */
  g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
               _("%s: this workbook is refused because %s. Open it in your spreadsheet program and save it again as .ods or .xlsx, or export the sheet as CSV."),
               display_name, why);
}

/**
 * cw_sheet_is_spreadsheet:
 *
 * Returns: whether @bytes are a zip archive (a workbook) rather than text
 */
gboolean
cw_sheet_is_spreadsheet (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

/**
 * cw_sheet_cell_name:
 * @column: from 0
 * @row: from 1
 *
 * Returns: (transfer full): the cell as spreadsheets name it: "B7"
 */
char *
cw_sheet_cell_name (guint column,
                    guint row)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;
  guint n = column + 1;

  letters[i] = '\0';
  while (n > 0 && i > 0)
    {
      letters[--i] = 'A' + (n - 1) % 26;
      n = (n - 1) / 26;
    }
  return g_strdup_printf ("%s%u", letters + i, row);
}

static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/' || name[0] == '\\' ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return FALSE;
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i]; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return FALSE;
    }
  return TRUE;
}

static zip_t *
open_archive (GBytes      *bytes,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(zip_t) zip = NULL;
  zip_source_t *source;
  zip_error_t zerror;
  zip_int64_t n;
  guint64 total = 0;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > CW_SHEET_MAX_BYTES)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the workbook is larger than 16 MB; a table of statistics is much smaller. Copy the sheet with the figures into a new workbook."),
                   display_name);
      return NULL;
    }

  zip_error_init (&zerror);
  source = zip_source_buffer_create (data, len, 0, &zerror);
  if (source != NULL)
    zip = zip_open_from_source (source, ZIP_RDONLY, &zerror);
  if (zip == NULL)
    {
      if (source != NULL)
        zip_source_free (source);
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: the workbook cannot be opened (%s). It may be damaged; save it again from your spreadsheet program."),
                   display_name, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      return NULL;
    }
  zip_error_fini (&zerror);

  n = zip_get_num_entries (zip, 0);
  if (n > CW_SHEET_MAX_ENTRIES)
    {
      set_hostile (error, display_name, _("it holds more files than any workbook needs"));
      return NULL;
    }
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t st;

      zip_stat_init (&st);
      if (zip_stat_index (zip, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
          !(st.valid & ZIP_STAT_SIZE))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                       _("%s: the workbook is damaged; save it again from your spreadsheet program."),
                       display_name);
          return NULL;
        }
      if (!entry_name_is_safe (st.name))
        {
          g_autofree char *why = g_strdup_printf (_("it holds a file with an absolute or “..” path (“%s”), a trick to write outside a folder"),
                                                  st.name);
          set_hostile (error, display_name, why);
          return NULL;
        }
      total += st.size;
      if (total > CW_SHEET_MAX_TOTAL_BYTES)
        {
          set_hostile (error, display_name, _("its files would inflate to more than 128 MB (a “zip bomb”)"));
          return NULL;
        }
    }
  return g_steal_pointer (&zip);
}

/* The part named @part, inflated; %NULL without @error when it is absent
 * and not @required. */
static GBytes *
read_part (zip_t       *zip,
           const char  *display_name,
           const char  *part,
           gboolean     required,
           GError     **error)
{
  g_autoptr(zip_file_t) file = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  zip_stat_t st;
  zip_int64_t index;
  guint8 chunk[64 * 1024];

  index = zip_name_locate (zip, part, 0);
  if (index < 0)
    {
      if (required)
        g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                     _("%s: the workbook has no “%s”; it is not an .ods or .xlsx spreadsheet, or it is damaged."),
                     display_name, part);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_stat_index (zip, index, 0, &st) != 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: the workbook is damaged; save it again from your spreadsheet program."),
                   display_name);
      return NULL;
    }
  if (st.size > CW_SHEET_MAX_PART_BYTES ||
      (st.size > CW_SHEET_RATIO_FROM && (st.valid & ZIP_STAT_COMP_SIZE) &&
       st.size / MAX (st.comp_size, 1) > CW_SHEET_MAX_RATIO))
    {
      set_hostile (error, display_name, _("a file in it inflates far beyond its size (a “zip bomb”)"));
      return NULL;
    }

  file = zip_fopen_index (zip, index, 0);
  if (file == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: “%s” in the workbook cannot be read (%s); save the workbook again from your spreadsheet program."),
                   display_name, part, zip_strerror (zip));
      return NULL;
    }
  buffer = g_byte_array_new ();
  for (;;)
    {
      zip_int64_t got = zip_fread (file, chunk, sizeof chunk);

      if (got < 0)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                       _("%s: “%s” in the workbook cannot be read (%s); save the workbook again from your spreadsheet program."),
                       display_name, part, zip_file_strerror (file));
          return NULL;
        }
      if (got == 0)
        break;
      /* counted here too: the sizes in the headers are the archive's word */
      if (buffer->len + (guint64) got > CW_SHEET_MAX_PART_BYTES ||
          buffer->len + (guint64) got > MAX (st.size, (guint64) CW_SHEET_RATIO_FROM))
        {
          set_hostile (error, display_name, _("a file in it inflates far beyond its size (a “zip bomb”)"));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) got);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

typedef struct
{
  guint doctype;
} ParseState;

static void
on_internal_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = data;
  ParseState *state = ctxt->_private;

  state->doctype = 1;
  xmlStopParser (ctxt);
}

static void
on_parse_error (void        *data,
                xmlErrorPtr  error)
{
  /* the document comes back NULL, and the caller says what to do */
}

static xmlDoc *
parse_part (GBytes      *bytes,
            const char  *display_name,
            const char  *part,
            GError     **error)
{
  ParseState state = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  cw_core_init ();
  cw_core_silence_xml_errors ();

  /* a workbook's parts never declare entities; refuse before they are read */
  if (g_strstr_len (data, len, "<!DOCTYPE") != NULL || g_strstr_len (data, len, "<!ENTITY") != NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
                   _("%s: “%s” in the workbook has a DOCTYPE, which spreadsheets never write and which can make a file read other files or grow without end. Save the workbook again from your spreadsheet program."),
                   display_name, part);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  ctxt->_private = &state;
  ctxt->sax->serror = on_parse_error;
  ctxt->sax->internalSubset = on_internal_subset;
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, part, NULL, XML_OPTIONS);
  xmlFreeParserCtxt (ctxt);

  if (state.doctype || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
                   _("%s: “%s” in the workbook has a DOCTYPE, which spreadsheets never write and which can make a file read other files or grow without end. Save the workbook again from your spreadsheet program."),
                   display_name, part);
      return NULL;
    }
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: “%s” in the workbook is not well-formed XML; save the workbook again from your spreadsheet program."),
                   display_name, part);
      return NULL;
    }
  return doc;
}

static xmlDoc *
load_part (zip_t       *zip,
           const char  *display_name,
           const char  *part,
           gboolean     required,
           GError     **error)
{
  g_autoptr(GBytes) bytes = read_part (zip, display_name, part, required, error);

  if (bytes == NULL)
    return NULL;
  return parse_part (bytes, display_name, part, error);
}

/* Elements and attributes are matched by local name: the two formats and
 * their producers spell the prefixes differently. */
static gboolean
is (xmlNode    *node,
    const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    {
      if (is (c, name))
        return c;
    }
  return NULL;
}

static const char *
attr (xmlNode    *node,
      const char *name)
{
  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      if (g_str_equal ((const char *) a->name, name) && a->children != NULL &&
          a->children->type == XML_TEXT_NODE)
        return (const char *) a->children->content;
    }
  return NULL;
}

static void
append_text (GString *out,
             xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) c->content);
      else if (c->type == XML_ELEMENT_NODE)
        {
          /* .ods: runs of spaces, tabs and breaks are elements */
          if (is (c, "s"))
            {
              const char *count = attr (c, "c");
              guint n = count ? (guint) CLAMP (g_ascii_strtoull (count, NULL, 10), 1, 100) : 1;

              for (guint i = 0; i < n; i++)
                g_string_append_c (out, ' ');
            }
          else if (is (c, "tab"))
            g_string_append_c (out, '\t');
          else if (is (c, "line-break"))
            g_string_append_c (out, '\n');
          /* .xlsx: phonetic guides are not the cell's text */
          else if (!is (c, "rPh") && !is (c, "annotation"))
            append_text (out, c);
        }
    }
}

static char *
format_number (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* not a number: left as written, for the checks to name */
  if (end == text || *end != '\0' || !isfinite (value))
    return g_strdup (text);
  /* 15 digits, as spreadsheets show them: 0.1 + 0.2 is 0.3 */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

static char *
serial_to_date (double serial,
                gboolean from_1904)
{
  g_autoptr(GDate) date = NULL;

  if (!isfinite (serial) || serial < 0 || serial > 2958465)
    return NULL;
  /* 1900-based serials count a 29 February 1900 that never was */
  if (from_1904)
    date = g_date_new_dmy (1, 1, 1904);
  else if (serial < 61)
    date = g_date_new_dmy (31, 12, 1899);
  else
    date = g_date_new_dmy (30, 12, 1899);
  g_date_add_days (date, (guint) floor (serial));
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

typedef struct
{
  const char *display_name;
  const char *sheet;
  GPtrArray  *rows;
  GPtrArray  *fields;
  guint       row;
  guint64     cells;
} Builder;

static gboolean
builder_too_large (Builder  *b,
                   guint     column,
                   GError  **error)
{
  if (b->rows->len >= CW_SHEET_MAX_ROWS)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: the sheet “%s” has more than %u rows; a table of statistics is much smaller. Copy the rows with the figures to a sheet of their own."),
                   b->display_name, b->sheet, CW_SHEET_MAX_ROWS);
      return TRUE;
    }
  if (column >= CW_SHEET_MAX_COLUMNS || b->cells > CW_SHEET_MAX_CELLS)
    {
      g_autofree char *cell = cw_sheet_cell_name (MIN (column, CW_SHEET_MAX_COLUMNS), b->row);

      g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
                   _("%s: sheet “%s”, cell %s: the sheet is wider or larger than a table of statistics can be. Keep the figures in the first columns, on a sheet of their own."),
                   b->display_name, b->sheet, cell);
      return TRUE;
    }
  return FALSE;
}

static gboolean
builder_set (Builder     *b,
             guint        column,
             const char  *text,
             GError     **error)
{
  if (builder_too_large (b, column, error))
    return FALSE;
  while (b->fields->len < column)
    {
      g_ptr_array_add (b->fields, g_strdup (""));
      b->cells++;
    }
  if (column < b->fields->len)
    {
      g_free (b->fields->pdata[column]);
      b->fields->pdata[column] = g_strdup (text);
    }
  else
    {
      g_ptr_array_add (b->fields, g_strdup (text));
      b->cells++;
    }
  return TRUE;
}

static void
builder_end_row (Builder *b)
{
  CwCsvRow *row;

  /* empty cells at the end are no columns */
  while (b->fields->len > 0 && *(char *) g_ptr_array_index (b->fields, b->fields->len - 1) == '\0')
    g_ptr_array_remove_index (b->fields, b->fields->len - 1);
  if (b->fields->len == 0)
    return;
  g_ptr_array_add (b->fields, NULL);
  row = g_new0 (CwCsvRow, 1);
  row->line = b->row;
  row->fields = (GStrv) g_ptr_array_steal (b->fields, NULL);
  g_ptr_array_add (b->rows, row);
}

static void
row_free (CwCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

/* "B7" → column 1 (and row 7) */
static gboolean
parse_reference (const char *ref,
                 guint      *column,
                 guint      *row)
{
  guint64 c = 0;
  const char *p = ref;
  char *end = NULL;
  guint64 r;

  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > G_MAXINT)
        return FALSE;
    }
  if (c == 0)
    return FALSE;
  r = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != '\0' || r == 0 || r > G_MAXINT)
    return FALSE;
  *column = (guint) c - 1;
  if (row != NULL)
    *row = (guint) r;
  return TRUE;
}

/* ---- .xlsx ---- */

static gboolean
xlsx_format_is_date (guint        id,
                     const char  *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return TRUE;
  if (code == NULL)
    return FALSE;
  for (const char *p = code; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket = TRUE;
      else if (!quoted && *p == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && *p == '\\' && p[1])
        p++;
      else if (!quoted && !bracket && strchr ("dDyY", *p))
        return TRUE;
    }
  return FALSE;
}

/* for each cell style (the s attribute), whether it shows a date */
static GArray *
xlsx_date_styles (zip_t       *zip,
                  const char  *display_name,
                  GError     **error)
{
  g_autoptr(GArray) styles = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(xmlDoc) doc = load_part (zip, display_name, "xl/styles.xml", FALSE, &local_error);
  xmlNode *root;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (doc == NULL)
    return g_steal_pointer (&styles);
  root = xmlDocGetRootElement (doc);
  for (xmlNode *f = child (child (root, "numFmts"), "numFmt"); f; f = f->next)
    {
      const char *id = is (f, "numFmt") ? attr (f, "numFmtId") : NULL;

      if (id != NULL && attr (f, "formatCode") != NULL)
        g_hash_table_insert (codes, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             g_strdup (attr (f, "formatCode")));
    }
  for (xmlNode *x = child (child (root, "cellXfs"), "xf"); x; x = x->next)
    {
      const char *id;
      guint n;
      gboolean date;

      if (!is (x, "xf"))
        continue;
      if (styles->len >= CW_SHEET_MAX_CELLS)
        break;
      id = attr (x, "numFmtId");
      n = id ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
      date = xlsx_format_is_date (n, g_hash_table_lookup (codes, GUINT_TO_POINTER (n)));
      g_array_append_val (styles, date);
    }
  return g_steal_pointer (&styles);
}

static GPtrArray *
xlsx_shared_strings (zip_t       *zip,
                     const char  *display_name,
                     GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(xmlDoc) doc = load_part (zip, display_name, "xl/sharedStrings.xml", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (doc == NULL)
    return g_steal_pointer (&strings);
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si; si = si->next)
    {
      GString *text;

      if (!is (si, "si"))
        continue;
      if (strings->len >= CW_SHEET_MAX_CELLS)
        {
          set_hostile (error, display_name, _("it holds more texts than a table of statistics could"));
          return NULL;
        }
      text = g_string_new (NULL);
      append_text (text, si);
      g_ptr_array_add (strings, g_string_free (text, FALSE));
    }
  return g_steal_pointer (&strings);
}

static gboolean
xlsx_open (Book    *book,
           GError **error)
{
  g_autoptr(xmlDoc) workbook = NULL;
  g_autoptr(xmlDoc) rels = NULL;
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  workbook = load_part (book->zip, book->display_name, "xl/workbook.xml", TRUE, error);
  if (workbook == NULL)
    return FALSE;
  rels = load_part (book->zip, book->display_name, "xl/_rels/workbook.xml.rels", TRUE, error);
  if (rels == NULL)
    return FALSE;

  for (xmlNode *r = xmlDocGetRootElement (rels)->children; r; r = r->next)
    {
      const char *id, *target;
      g_autofree char *part = NULL;

      if (!is (r, "Relationship") || (id = attr (r, "Id")) == NULL || (target = attr (r, "Target")) == NULL)
        continue;
      /* a target is relative to xl/, or to the package's root with a "/" */
      part = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
      if (!entry_name_is_safe (part))
        {
          g_autofree char *why = g_strdup_printf (_("it points outside itself (“%s”)"), target);
          set_hostile (error, book->display_name, why);
          return FALSE;
        }
      g_hash_table_insert (targets, g_strdup (id), g_steal_pointer (&part));
    }

  for (xmlNode *s = child (child (xmlDocGetRootElement (workbook), "sheets"), "sheet"); s; s = s->next)
    {
      Sheet sheet = { 0 };
      const char *name, *id;

      if (!is (s, "sheet") || (name = attr (s, "name")) == NULL || (id = attr (s, "id")) == NULL ||
          !g_hash_table_contains (targets, id))
        continue;
      if (book->sheets->len >= CW_SHEET_MAX_ENTRIES)
        break;
      sheet.name = g_strdup (name);
      sheet.part = g_strdup (g_hash_table_lookup (targets, id));
      g_array_append_val (book->sheets, sheet);
    }

  {
    xmlNode *pr = child (xmlDocGetRootElement (workbook), "workbookPr");
    const char *date1904 = pr ? attr (pr, "date1904") : NULL;

    book->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
  }
  return TRUE;
}

static GPtrArray *
xlsx_read (Book        *book,
           Sheet       *sheet,
           GError     **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GArray) dates = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  gboolean from_1904 = book->date1904;
  Builder b = { book->display_name, sheet->name, rows, fields, 0, 0 };

  strings = xlsx_shared_strings (book->zip, book->display_name, error);
  if (strings == NULL)
    return NULL;
  dates = xlsx_date_styles (book->zip, book->display_name, error);
  if (dates == NULL)
    return NULL;
  doc = load_part (book->zip, book->display_name, sheet->part, TRUE, error);
  if (doc == NULL)
    return NULL;

  for (xmlNode *r = child (child (xmlDocGetRootElement (doc), "sheetData"), "row"); r; r = r->next)
    {
      const char *number;
      guint next_column = 0;

      if (!is (r, "row"))
        continue;
      number = attr (r, "r");
      b.row = number ? (guint) MIN (g_ascii_strtoull (number, NULL, 10), G_MAXINT) : b.row + 1;
      if (b.row == 0)
        b.row = 1;

      for (xmlNode *c = r->children; c; c = c->next)
        {
          const char *ref, *type, *style;
          xmlNode *v;
          g_autofree char *text = NULL;
          guint column = next_column;

          if (!is (c, "c"))
            continue;
          ref = attr (c, "r");
          if (ref != NULL && !parse_reference (ref, &column, NULL))
            column = next_column;
          next_column = column + 1;
          type = attr (c, "t");
          style = attr (c, "s");
          v = child (c, "v");

          if (type != NULL && g_str_equal (type, "inlineStr"))
            {
              GString *s = g_string_new (NULL);
              xmlNode *is_node = child (c, "is");

              if (is_node != NULL)
                append_text (s, is_node);
              text = g_string_free (s, FALSE);
            }
          else if (v == NULL)
            continue;
          else
            {
              g_autofree char *raw = (char *) xmlNodeGetContent (v);

              if (type != NULL && g_str_equal (type, "s"))
                {
                  char *end = NULL;
                  guint64 i = g_ascii_strtoull (raw, &end, 10);

                  if (end == raw || *end != '\0' || i >= strings->len)
                    {
                      g_autofree char *cell = cw_sheet_cell_name (column, b.row);

                      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                                   _("%s: sheet “%s”, cell %s: the cell names a text the workbook does not have; the file is damaged. Save it again from your spreadsheet program."),
                                   book->display_name, sheet->name, cell);
                      return NULL;
                    }
                  text = g_strdup (g_ptr_array_index (strings, i));
                }
              else if (type == NULL || g_str_equal (type, "n"))
                {
                  guint64 s = style ? g_ascii_strtoull (style, NULL, 10) : 0;

                  if (s < dates->len && g_array_index (dates, gboolean, s))
                    text = serial_to_date (g_ascii_strtod (raw, NULL), from_1904);
                  if (text == NULL)
                    text = format_number (raw);
                }
              else if (g_str_equal (type, "d"))
                text = g_strndup (raw, 10);
              else if (g_str_equal (type, "b"))
                text = g_strdup (g_str_equal (raw, "1") ? "TRUE" : "FALSE");
              else
                text = g_strdup (raw);
            }
          b.cells++;
          if (!builder_set (&b, column, g_strstrip (text), error))
            return NULL;
        }
      builder_end_row (&b);
    }
  return g_steal_pointer (&rows);
}

/* ---- .ods ---- */

static void
ods_collect_tables (Book    *book,
                    xmlNode *node)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    {
      Sheet sheet = { 0 };

      if (!is (c, "table") || attr (c, "name") == NULL)
        continue;
      if (book->sheets->len >= CW_SHEET_MAX_ENTRIES)
        return;
      sheet.name = g_strdup (attr (c, "name"));
      sheet.table = c;
      g_array_append_val (book->sheets, sheet);
    }
}

static gboolean
ods_open (Book    *book,
          GError **error)
{
  g_autoptr(GBytes) mimetype = read_part (book->zip, book->display_name, "mimetype", FALSE, NULL);

  if (mimetype != NULL &&
      g_strstr_len (g_bytes_get_data (mimetype, NULL), g_bytes_get_size (mimetype), "opendocument.spreadsheet") == NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: this OpenDocument file is not a spreadsheet; open the table in a spreadsheet program and save it as .ods."),
                   book->display_name);
      return FALSE;
    }
  book->content = load_part (book->zip, book->display_name, "content.xml", TRUE, error);
  if (book->content == NULL)
    return FALSE;
  ods_collect_tables (book, child (child (xmlDocGetRootElement (book->content), "body"), "spreadsheet"));
  return TRUE;
}

static guint
repeated (xmlNode    *node,
          const char *name)
{
  const char *value = attr (node, name);
  guint64 n = value ? g_ascii_strtoull (value, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, G_MAXINT);
}

static char *
ods_cell_text (xmlNode *cell)
{
  const char *type = attr (cell, "value-type");
  GString *text;
  gboolean first = TRUE;

  if (type != NULL && (g_str_equal (type, "float") || g_str_equal (type, "percentage") ||
                       g_str_equal (type, "currency")) && attr (cell, "value") != NULL)
    return format_number (attr (cell, "value"));
  if (type != NULL && g_str_equal (type, "date") && attr (cell, "date-value") != NULL)
    return g_strndup (attr (cell, "date-value"), 10);
  if (type != NULL && g_str_equal (type, "boolean") && attr (cell, "boolean-value") != NULL)
    return g_strdup (g_str_equal (attr (cell, "boolean-value"), "true") ? "TRUE" : "FALSE");

  text = g_string_new (NULL);
  for (xmlNode *p = cell->children; p; p = p->next)
    {
      if (!is (p, "p"))
        continue;
      if (!first)
        g_string_append_c (text, '\n');
      append_text (text, p);
      first = FALSE;
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  guint  column;
  char  *text;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_free (cell->text);
}

static gboolean
ods_read_rows (Builder  *b,
               xmlNode  *parent,
               GError  **error)
{
  for (xmlNode *r = parent->children; r; r = r->next)
    {
      g_autoptr(GArray) cells = NULL;
      guint times, column = 0;
      gboolean any = FALSE;

      /* header rows and row groups hold rows of their own */
      if (is (r, "table-header-rows") || is (r, "table-row-group") || is (r, "table-rows"))
        {
          if (!ods_read_rows (b, r, error))
            return FALSE;
          continue;
        }
      if (!is (r, "table-row"))
        continue;

      times = repeated (r, "number-rows-repeated");
      /* the cells of one copy of the row */
      cells = g_array_new (FALSE, FALSE, sizeof (Cell));
      g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
      for (xmlNode *c = r->children; c; c = c->next)
        {
          g_autofree char *text = NULL;
          guint n;

          if (!is (c, "table-cell") && !is (c, "covered-table-cell"))
            continue;
          n = repeated (c, "number-columns-repeated");
          text = ods_cell_text (c);
          g_strstrip (text);
          /* an empty run (LibreOffice writes one to the last column) is skipped, not copied */
          if (*text != '\0')
            {
              if ((guint64) column + n > CW_SHEET_MAX_COLUMNS)
                {
                  b->row++;
                  builder_too_large (b, CW_SHEET_MAX_COLUMNS, error);
                  return FALSE;
                }
              for (guint i = 0; i < n; i++)
                {
                  Cell cell = { column + i, g_strdup (text) };
                  g_array_append_val (cells, cell);
                }
              any = TRUE;
            }
          column = (guint) MIN ((guint64) column + n, G_MAXINT);
        }
      /* nor is an empty run of rows */
      if (!any)
        {
          b->row = (guint) MIN ((guint64) b->row + times, G_MAXINT);
          continue;
        }
      /* a filled row repeated still costs its cells: the caps stop it */
      for (guint t = 0; t < times; t++)
        {
          b->row++;
          for (guint i = 0; i < cells->len; i++)
            {
              Cell *cell = &g_array_index (cells, Cell, i);

              b->cells++;
              if (!builder_set (b, cell->column, cell->text, error))
                return FALSE;
            }
          builder_end_row (b);
        }
    }
  return TRUE;
}

static GPtrArray *
ods_read (Book    *book,
          Sheet   *sheet,
          GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  Builder b = { book->display_name, sheet->name, rows, fields, 0, 0 };

  if (!ods_read_rows (&b, sheet->table, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* ---- both ---- */

static Book *
book_open (GBytes      *bytes,
           const char  *display_name,
           GError     **error)
{
  g_autoptr(Book) book = g_new0 (Book, 1);

  book->display_name = display_name;
  book->sheets = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_array_set_clear_func (book->sheets, (GDestroyNotify) sheet_clear);
  book->zip = open_archive (bytes, display_name, error);
  if (book->zip == NULL)
    return NULL;

  if (zip_name_locate (book->zip, "xl/workbook.xml", 0) >= 0)
    {
      book->kind = KIND_XLSX;
      if (!xlsx_open (book, error))
        return NULL;
    }
  else if (zip_name_locate (book->zip, "content.xml", 0) >= 0)
    {
      book->kind = KIND_ODS;
      if (!ods_open (book, error))
        return NULL;
    }
  else
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: this is a zip archive, but not an .ods or .xlsx spreadsheet. Open the table in a spreadsheet program and save it as .ods, .xlsx or CSV."),
                   display_name);
      return NULL;
    }
  if (book->sheets->len == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: the workbook has no sheet; save it again from your spreadsheet program."),
                   display_name);
      return NULL;
    }
  return g_steal_pointer (&book);
}

/**
 * cw_sheet_list_sheets:
 *
 * Returns: (transfer full): the names of the workbook's sheets, in order,
 *   or %NULL with @error set
 */
GStrv
cw_sheet_list_sheets (GBytes      *bytes,
                      const char  *display_name,
                      GError     **error)
{
  g_autoptr(Book) book = book_open (bytes, display_name, error);
  GStrvBuilder *builder;
  GStrv names;

  if (book == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < book->sheets->len; i++)
    g_strv_builder_add (builder, g_array_index (book->sheets, Sheet, i).name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * cw_sheet_read:
 * @sheet: (nullable): the sheet's name; %NULL for the first
 * @sheet_read: (out) (optional): the name of the sheet read
 *
 * Reads one sheet of an .ods or .xlsx workbook: text as it shows, numbers
 * as plain decimals ("162500", "0.3"), dates as ISO dates ("2024-03-31").
 *
 * Returns: (transfer full) (element-type CwCsvRow): the sheet's non-empty
 *   rows, line being the row's number and field i column i; %NULL with
 *   @error set when the workbook cannot be read or is refused
 */
GPtrArray *
cw_sheet_read (GBytes      *bytes,
               const char  *display_name,
               const char  *sheet,
               char       **sheet_read,
               GError     **error)
{
  g_autoptr(Book) book = book_open (bytes, display_name, error);
  Sheet *chosen = NULL;
  GPtrArray *rows;

  if (book == NULL)
    return NULL;
  for (guint i = 0; i < book->sheets->len && chosen == NULL; i++)
    {
      Sheet *s = &g_array_index (book->sheets, Sheet, i);

      if (sheet == NULL || g_str_equal (s->name, sheet))
        chosen = s;
    }
  if (chosen == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < book->sheets->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                g_array_index (book->sheets, Sheet, i).name);
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("%s: the workbook has no sheet “%s”; choose one of %s."),
                   display_name, sheet, names->str);
      return NULL;
    }

  if (book->kind == KIND_XLSX)
    rows = xlsx_read (book, chosen, error);
  else
    rows = ods_read (book, chosen, error);
  if (rows != NULL && sheet_read != NULL)
    *sheet_read = g_strdup (chosen->name);
  return rows;
}
