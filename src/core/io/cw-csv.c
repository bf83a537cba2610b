/* cw-csv.c
 *
 * Campaign staff keep their figures in spreadsheets. A CSV file exported
 * from one (comma or semicolon, quoted fields, UTF-8 with or without a byte
 * order mark) becomes statistics: a header row names the columns (id,
 * label, value, unit, as_of, source, tone, and point for series), and every row
 * that cannot be used is reported with its line and what is wrong, while
 * the good rows can still be imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-csv.h"
#include "cw-deck-loader.h"
#include "cw-deck-writer.h"
#include "cw-diagnostic.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-sheet.h"
#include "cw-text.h"

static void
row_free (CwCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

static void
set_too_large (GError     **error,
               const char  *name)
{
  g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
               _("%s: the file is larger than 8 MB; a table of statistics is much smaller. Is this the right file?"),
               name);
}

static char
detect_delimiter (const char *data,
                  gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  /* count in the first line only, outside quotes */
  for (gsize i = 0; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == ',')
        commas++;
      else if (!quoted && data[i] == ';')
        semicolons++;
      else if (!quoted && data[i] == '\t')
        tabs++;
    }
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

/**
 * cw_csv_parse:
 * @delimiter: (out) (optional): the delimiter found
 *
 * Returns: (transfer full) (element-type CwCsvRow): the rows, each with the
 *   line it starts on; %NULL with @error set when the file is not text
 */
GPtrArray *
cw_csv_parse (GBytes      *bytes,
              const char  *display_name,
              char        *delimiter,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *data;
  const char *end;
  gsize len;
  char sep;
  guint line = 1, row_line = 1;
  gboolean quoted = FALSE, was_quoted = FALSE, any = FALSE;
  const char *p;

  data = g_bytes_get_data (bytes, &len);
  /* empty bytes may have no data at all, and NULL + 0 is undefined */
  if (data == NULL)
    data = "";
  if (len > CW_CSV_MAX_BYTES)
    {
      set_too_large (error, display_name);
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      guint bad_line = 1;

      for (p = data; p < end; p++)
        bad_line += *p == '\n';
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s:%u: the file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."),
                   display_name, bad_line);
      return NULL;
    }

  sep = detect_delimiter (data, len);
  if (delimiter != NULL)
    *delimiter = sep;

  end = data + len;
  for (p = data; p <= end; p++)
    {
      char c = p < end ? *p : '\n';

      if (quoted)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              if (p < end)
                g_string_append_c (field, c);
              else
                {
                  g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                               _("%s:%u: a quoted field is never closed; add the missing “\"”."),
                               display_name, row_line);
                  return NULL;
                }
            }
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = TRUE;
          was_quoted = TRUE;
          any = TRUE;
        }
      else if (c == sep)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          any = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          if (any || field->len > 0)
            {
              CwCsvRow *row = g_new0 (CwCsvRow, 1);

              g_ptr_array_add (fields, g_strdup (field->str));
              g_ptr_array_add (fields, NULL);
              row->line = row_line;
              /* stealing leaves the array empty, ready for the next row */
              row->fields = (GStrv) g_ptr_array_steal (fields, NULL);
              g_ptr_array_add (rows, row);
            }
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          any = FALSE;
          line++;
          row_line = line;
        }
      else
        {
          g_string_append_c (field, c);
          any = TRUE;
        }
    }

  return g_steal_pointer (&rows);
}

struct _CwCsvImport
{
  GObject     parent_instance;

  GListStore *statistics;
  /* id → statistic, so each row finds its statistic in constant time */
  GHashTable *by_id;
  /* id → the line its statistic starts on, for messages after parsing */
  GHashTable *lines;
  /* ids whose row gave a tone: only those change an existing statistic's */
  GHashTable *toned;
  GPtrArray  *problems;
  char       *name;
  /* a workbook's: the sheet read and every sheet it has; NULL for CSV */
  char       *sheet;
  GStrv       sheets;
  /* the column of each field kind, for naming a problem's cell */
  int         columns[8];
  char        delimiter;
};

G_DEFINE_FINAL_TYPE (CwCsvImport, cw_csv_import, G_TYPE_OBJECT)

static void
cw_csv_import_finalize (GObject *object)
{
  CwCsvImport *self = (CwCsvImport *)object;

  g_clear_object (&self->statistics);
  g_clear_pointer (&self->lines, g_hash_table_unref);
  g_clear_pointer (&self->toned, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->sheets, g_strfreev);

  G_OBJECT_CLASS (cw_csv_import_parent_class)->finalize (object);
}

static void
cw_csv_import_class_init (CwCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cw_csv_import_finalize;
}

static void
cw_csv_import_init (CwCsvImport *self)
{
  self->statistics = g_list_store_new (CW_TYPE_STATISTIC);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* keys are the statistics' own ids */
  self->lines = g_hash_table_new (g_str_hash, g_str_equal);
  self->toned = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
}

enum { COL_ID, COL_LABEL, COL_VALUE, COL_UNIT, COL_AS_OF, COL_SOURCE, COL_TONE, COL_POINT, N_COLUMNS };
G_STATIC_ASSERT (N_COLUMNS == G_N_ELEMENTS (((CwCsvImport *) NULL)->columns));

static int
column_for (const char *header)
{
  static const struct { const char *name; int column; } names[] = {
    { "id", COL_ID }, { "label", COL_LABEL }, { "name", COL_LABEL }, { "value", COL_VALUE },
    { "unit", COL_UNIT }, { "as_of", COL_AS_OF }, { "as-of", COL_AS_OF }, { "as of", COL_AS_OF },
    { "date", COL_AS_OF }, { "source", COL_SOURCE }, { "tone", COL_TONE },
    { "point", COL_POINT },
    { "category", COL_POINT }, { "year", COL_POINT },
  };
  g_autofree char *lower = g_utf8_strdown (header, -1);

  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (lower, names[i].name))
        return names[i].column;
    }
  return -1;
}

/* "161000", "161 000", "161,000", "2,5" (with ';' files), "2.5" */
static gboolean
parse_number (const char *text,
              char        delimiter,
              double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *last_dot, *last_comma;
  char *end = NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* spaces, no-break spaces and apostrophes group thousands */
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == '\'')
        continue;
      if (c == 0x2212)
        c = '-';
      g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    return FALSE;

  last_dot = strrchr (clean->str, '.');
  last_comma = strrchr (clean->str, ',');
  if (last_dot && last_comma)
    {
      /* the later of the two separates the decimals */
      char decimal = last_dot > last_comma ? '.' : ',';
      char group = decimal == '.' ? ',' : '.';
      g_autoptr(GString) out = g_string_new (NULL);

      for (const char *p = clean->str; *p; p++)
        {
          if (*p == group)
            continue;
          g_string_append_c (out, *p == decimal ? '.' : *p);
        }
      g_string_assign (clean, out->str);
    }
  else if (last_comma)
    {
      gboolean grouping = delimiter != ';';
      const char *p = clean->str;

      /* in a comma file, "161,000" groups; a comma with other than three digits after it is a decimal */
      for (const char *c = strchr (p, ','); c && grouping; c = strchr (c + 1, ','))
        {
          guint digits = 0;
          while (g_ascii_isdigit (c[1 + digits]))
            digits++;
          if (digits != 3 || (c[4] != '\0' && c[4] != ','))
            grouping = FALSE;
        }
      if (grouping)
        {
          g_autoptr(GString) out = g_string_new (NULL);
          for (p = clean->str; *p; p++)
            if (*p != ',')
              g_string_append_c (out, *p);
          g_string_assign (clean, out->str);
        }
      else if (strchr (last_comma + 1, ',') == NULL && strchr (clean->str, ',') == last_comma)
        *strchr (clean->str, ',') = '.';
      else
        return FALSE;
    }

  *value = g_ascii_strtod (clean->str, &end);
  return end != clean->str && *end == '\0' && isfinite (*value);
}

/**
 * cw_csv_parse_number:
 * @delimiter: the table's delimiter: in a ';' file "2,5" is 2.5, in a ','
 *   file "161,000" is 161000
 *
 * Reads a figure as spreadsheets write it: "161000", "161 000", "2.5".
 *
 * Returns: whether @text is a finite number
 */
gboolean
cw_csv_parse_number (const char *text,
                     char        delimiter,
                     double     *value)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  return parse_number (text, delimiter, value);
}

/* A sheet asked of a CSV file, which has none, was silently ignored: the
 * user meant a workbook, or the wrong file. */
static gboolean
refuse_sheet_of_csv (const char  *display_name,
                     const char  *sheet,
                     GError     **error)
{
  if (sheet == NULL)
    return TRUE;
  g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
               _("%s is a CSV file, which has no sheets, but sheet “%s” was asked for. Give the .ods or .xlsx workbook that has that sheet, or leave out the sheet."),
               display_name, sheet);
  return FALSE;
}

/**
 * cw_table_read:
 * @sheet: (nullable): a workbook's sheet; %NULL for the first
 * @sheet_read: (out) (optional) (nullable): the sheet read; %NULL for CSV
 * @delimiter: (out) (optional): the delimiter, for cw_csv_parse_number()
 *
 * The rows of a table, whatever it is: CSV text, or a sheet of an .ods or
 * .xlsx workbook (cw_sheet_read()). For CSV a row's line is its line in
 * the file; for a sheet, its row number, field i being column i.
 *
 * Returns: (transfer full) (element-type CwCsvRow): the rows, or %NULL
 *   with @error set
 */
GPtrArray *
cw_table_read (GBytes      *bytes,
               const char  *display_name,
               const char  *sheet,
               char       **sheet_read,
               char        *delimiter,
               GError     **error)
{
  char found = ',';
  GPtrArray *rows;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (sheet_read != NULL)
    *sheet_read = NULL;
  if (cw_sheet_is_spreadsheet (bytes))
    rows = cw_sheet_read (bytes, display_name, sheet, sheet_read, error);
  else if (!refuse_sheet_of_csv (display_name, sheet, error))
    return NULL;
  else
    rows = cw_csv_parse (bytes, display_name, &found, error);
  if (delimiter != NULL)
    *delimiter = found;
  return rows;
}

/* @text in Latin letters, by ICU's transliteration: "Мины" is "Miny",
 * "Minalar" stays. g_str_to_ascii() alone turns every Cyrillic or Arabic
 * letter into "?", so every such label got the same id. A transliterator
 * takes a while to open and is not for two threads at once: one, locked. */
static char *
to_latin (const char *text)
{
  static GMutex lock;
  static UTransliterator *transliterator;
  static gboolean failed;
  g_autofree gunichar2 *utf16 = NULL;
  g_autofree UChar *buffer = NULL;
  glong len = 0;
  int32_t length, limit, capacity;
  UErrorCode status = U_ZERO_ERROR;
  char *result = NULL;

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &len, NULL);
  if (utf16 == NULL || len > G_MAXINT32 / 8)
    return NULL;

  /* a letter can become several: "Щ" is "Shch" */
  capacity = (int32_t) len * 4 + 16;
  buffer = g_new (UChar, capacity);
  memcpy (buffer, utf16, len * sizeof (UChar));
  length = limit = (int32_t) len;

  g_mutex_lock (&lock);
  if (transliterator == NULL && !failed)
    {
      /* ICU's Latin-ASCII leaves Azerbaijani's schwa as it is */
      static const char rules[] = "::Any-Latin; ::Latin-ASCII; \\u0259 > e; \\u018F > E;";
      static const UChar id[] = { 'c', 'w', '-', 's', 'l', 'u', 'g', 0 };
      UChar urules[64];

      u_unescape (rules, urules, G_N_ELEMENTS (urules));
      transliterator = utrans_openU (id, -1, UTRANS_FORWARD, urules, -1, NULL, &status);
      failed = U_FAILURE (status);
      status = U_ZERO_ERROR;
    }
  if (transliterator != NULL)
    utrans_transUChars (transliterator, buffer, &length, capacity, 0, &limit, &status);
  else
    status = U_UNSUPPORTED_ERROR;
  g_mutex_unlock (&lock);

  if (U_SUCCESS (status))
    result = g_utf16_to_utf8 (buffer, length, NULL, NULL, NULL);
  return result;
}

static char *
slug_for (const char *label)
{
  g_autofree char *latin = to_latin (label);
  g_autofree char *ascii = g_str_to_ascii (latin ? latin : label, NULL);
  GString *id = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '_')
        g_string_append_c (id, '_');
    }
  while (id->len > 0 && id->str[id->len - 1] == '_')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0 || !g_ascii_isalpha (id->str[0]))
    g_string_prepend (id, "s_");
  if (id->len > 64)
    g_string_truncate (id, 64);
  return g_string_free (id, FALSE);
}

/* A cell as a message quotes it: a cell can be megabytes long. */
static char *
quote_cell (const char *cell)
{
  const char *p = cell;

  if (cell == NULL)
    return g_strdup ("");
  for (guint n = 0; *p != '\0' && n < 40; n++)
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return g_strdup (cell);
  return g_strdup_printf ("%.*s…", (int) (p - cell), cell);
}

/* A CSV file's problem is on a line; a workbook's in a cell, named as the
 * spreadsheet names it ("B7"), the cell's name also kept as the element. */
static void
problem_at (CwCsvImport *self,
            guint        line,
            int          column,
            const char  *message)
{
  CwDiagnostic *diagnostic;
  g_autofree char *cell = NULL;
  g_autofree char *located = NULL;

  if (self->sheet == NULL)
    {
      g_ptr_array_add (self->problems,
                       cw_diagnostic_new (CW_SEVERITY_ERROR, CW_ERROR_BAD_VALUE, self->name, line, message));
      return;
    }
  if (column >= 0)
    {
      cell = cw_sheet_cell_name ((guint) column, line);
      /* Translators: a sheet's name, a cell ("B7"), then what is wrong with it */
      located = g_strdup_printf (_("sheet “%s”, cell %s: %s"), self->sheet, cell, message);
    }
  else
    /* Translators: a sheet's name, a row number, then what is wrong with it */
    located = g_strdup_printf (_("sheet “%s”, row %u: %s"), self->sheet, line, message);
  diagnostic = cw_diagnostic_new (CW_SEVERITY_ERROR, CW_ERROR_BAD_VALUE, self->name, 0, located);
  diagnostic->element = g_steal_pointer (&cell);
  g_ptr_array_add (self->problems, diagnostic);
}

/* id → statistic for a list of them, the first of each id winning as with
 * cw_deck_find_statistic(): one lookup per row instead of a scan per row,
 * which made a table of 20,000 rows take a minute. */
static GHashTable *
index_statistics (GListModel *statistics)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (statistics);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) s = g_list_model_get_item (statistics, i);

      if (!g_hash_table_contains (index, cw_statistic_get_id (s)))
        g_hash_table_insert (index, (gpointer) cw_statistic_get_id (s), s);
    }
  return index;
}

/* The statistics of @rows, a table's (a CSV file's or a sheet's), the
 * first row naming the columns: the one mapping and the one set of checks. */
static gboolean
import_rows (CwCsvImport  *self,
             GPtrArray    *rows,
             GError      **error)
{
  const char *display_name = self->name;
  static const int text_columns[] = { COL_LABEL, COL_UNIT, COL_SOURCE, COL_POINT };
  /* as the loader limits them: a unit only by the schema's line length */
  const guint text_limits[] = {
    cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL),
    CW_STATISTIC_MAX_TEXT,
    cw_text_role_get_max_chars (CW_TEXT_ROLE_SOURCE),
    cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL),
  };
  int *columns = self->columns;
  CwCsvRow *header;

  if (rows->len == 0)
    {
      if (self->sheet != NULL)
        g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                     _("%s: the sheet “%s” is empty. Choose the sheet with the figures, which needs a header row: id, label, value, unit, as_of, source."),
                     display_name, self->sheet);
      else
        g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                     _("%s: the file is empty. Export the table with a header row: id, label, value, unit, as_of, source."),
                     display_name);
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < N_COLUMNS; i++)
    columns[i] = -1;
  for (guint i = 0; header->fields[i]; i++)
    {
      int column = column_for (g_strstrip (header->fields[i]));
      if (column >= 0 && columns[column] < 0)
        columns[column] = i;
    }
  if (columns[COL_VALUE] < 0 || (columns[COL_ID] < 0 && columns[COL_LABEL] < 0))
    {
      if (self->sheet != NULL)
        g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                     _("%s: sheet “%s”, row %u: the first row must name the columns, with at least “value” and “id” or “label” (also understood: unit, as_of, source, point)."),
                     display_name, self->sheet, header->line);
      else
        g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                     _("%s:%u: the first row must name the columns, with at least “value” and “id” or “label” (also understood: unit, as_of, source, point)."),
                     display_name, header->line);
      return FALSE;
    }

  for (guint r = 1; r < rows->len; r++)
    {
      CwCsvRow *row = g_ptr_array_index (rows, r);
      guint n_fields = g_strv_length (row->fields);
      const char *cells[N_COLUMNS] = { NULL };
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;
      g_autofree char *tone_name = NULL;
      CwStatistic *statistic;
      CwTone tone = CW_TONE_PROGRESS;
      int bad_column = -1;
      double value;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (columns[c] >= 0 && (guint) columns[c] < n_fields)
            {
              cells[c] = g_strstrip (row->fields[columns[c]]);
              if (*cells[c] == '\0')
                cells[c] = NULL;
            }
        }

      if (cells[COL_ID] == NULL && cells[COL_LABEL] == NULL && cells[COL_VALUE] == NULL)
        continue;

      /* a statistic is found by its id; without one (or a label to make one from) the row names nothing */
      if (cells[COL_ID] == NULL && cells[COL_LABEL] == NULL)
        {
          problem_at (self, row->line, columns[COL_ID] >= 0 ? columns[COL_ID] : columns[COL_LABEL],
                      _("the row has no id, so no slide could show its figure; fill in its id (a letter, then letters, digits, “_” or “-”), or a label to make one from."));
          continue;
        }

      id = cells[COL_ID] ? g_strdup (cells[COL_ID]) : slug_for (cells[COL_LABEL]);
      if (!cw_statistic_id_is_valid (id))
        {
          g_autofree char *quoted = quote_cell (id);

          message = g_strdup_printf (_("“%s” is not a usable id: start with a letter, then use letters, digits, “_” or “-”."),
                                     quoted);
          problem_at (self, row->line, cells[COL_ID] ? columns[COL_ID] : columns[COL_LABEL], message);
          continue;
        }
      if (cells[COL_VALUE] == NULL || !parse_number (cells[COL_VALUE], self->delimiter, &value))
        {
          g_autofree char *quoted = quote_cell (cells[COL_VALUE]);

          message = g_strdup_printf (_("the value “%s” of “%s” is not a number."), quoted, id);
          problem_at (self, row->line, columns[COL_VALUE], message);
          continue;
        }
      /* what the deck loader would refuse, refused here with the row's line */
      if (!cw_statistic_value_is_valid (value))
        {
          g_autofree char *quoted = quote_cell (cells[COL_VALUE]);

          if (fabs (value) > CW_STATISTIC_MAX_VALUE)
            message = g_strdup_printf (_("the value “%s” of “%s” is larger than a deck holds (%.0f either way); give it in a larger unit, such as thousands or millions."),
                                       quoted, id, CW_STATISTIC_MAX_VALUE);
          else
            message = g_strdup_printf (_("the value “%s” of “%s” has more decimals than a deck keeps; round it."),
                                       quoted, id);
          problem_at (self, row->line, columns[COL_VALUE], message);
          continue;
        }
      if (cells[COL_AS_OF] != NULL && !cw_statistic_as_of_is_valid (cells[COL_AS_OF]))
        {
          g_autofree char *quoted = quote_cell (cells[COL_AS_OF]);

          message = g_strdup_printf (_("the date “%s” of “%s” must be written YYYY, YYYY-MM or YYYY-MM-DD."),
                                     quoted, id);
          problem_at (self, row->line, columns[COL_AS_OF], message);
          continue;
        }
      /* spreadsheets capitalise what is typed into them */
      tone_name = cells[COL_TONE] ? g_strstrip (g_ascii_strdown (cells[COL_TONE], -1)) : NULL;
      if (tone_name != NULL && !cw_tone_from_string (tone_name, &tone))
        {
          g_autofree char *quoted = quote_cell (cells[COL_TONE]);

          message = g_strdup_printf (_("the tone “%s” of “%s” must be progress, harm or neutral."),
                                     quoted, id);
          problem_at (self, row->line, columns[COL_TONE], message);
          continue;
        }
      for (guint t = 0; t < G_N_ELEMENTS (text_columns) && message == NULL; t++)
        {
          bad_column = columns[text_columns[t]];
          const char *text = cells[text_columns[t]];
          const char *column = text ? header->fields[columns[text_columns[t]]] : NULL;

          if (cw_statistic_text_is_valid (text, text_limits[t]))
            continue;
          if (g_utf8_strlen (text, -1) > text_limits[t])
            {
              glong length = g_utf8_strlen (text, -1);

              message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "the “%s” cell of “%s” is %ld character long, and a deck holds at most %u; shorten it.",
                                                      "the “%s” cell of “%s” is %ld characters long, and a deck holds at most %u; shorten it.",
                                                      length),
                                         column, id, length, text_limits[t]);
            }
          else
            message = g_strdup_printf (_("the “%s” cell of “%s” holds a control character, which a deck cannot keep; remove it."),
                                       column, id);
        }
      if (message != NULL)
        {
          problem_at (self, row->line, bad_column, message);
          continue;
        }

      statistic = g_hash_table_lookup (self->by_id, id);
      if (statistic != NULL && cells[COL_POINT] == NULL)
        {
          message = g_strdup_printf (_("“%s” appears twice; give each statistic its own row, or fill the point column for a series."),
                                     id);
          problem_at (self, row->line, columns[COL_ID] >= 0 ? columns[COL_ID] : columns[COL_LABEL], message);
          continue;
        }
      if (statistic == NULL)
        {
          g_autoptr(CwStatistic) created = cw_statistic_new (id);

          cw_statistic_set_label (created, cells[COL_LABEL]);
          cw_statistic_set_unit (created, cells[COL_UNIT]);
          cw_statistic_set_as_of (created, cells[COL_AS_OF]);
          cw_statistic_set_source (created, cells[COL_SOURCE]);
          cw_statistic_set_tone (created, tone);
          if (cells[COL_TONE] != NULL)
            g_hash_table_add (self->toned, (gpointer) cw_statistic_get_id (created));
          g_list_store_append (self->statistics, created);
          g_hash_table_insert (self->by_id, g_strdup (id), created);
          g_hash_table_insert (self->lines, (gpointer) cw_statistic_get_id (created),
                               GUINT_TO_POINTER (row->line));
          statistic = created;
        }

      if (cells[COL_POINT] != NULL)
        {
          if (cw_statistic_get_n_points (statistic) >= CW_STATISTIC_MAX_POINTS)
            problem_at (self, row->line, columns[COL_POINT], _("a series may have at most 50 points."));
          else
            cw_statistic_add_point (statistic, cells[COL_POINT], value);
        }
      else
        cw_statistic_set_value (statistic, value);
    }

  return TRUE;
}

/**
 * cw_csv_import_new_from_bytes:
 *
 * Reads statistics from a table: CSV text, or the first sheet of an .ods
 * or .xlsx workbook (see cw_csv_import_new_from_sheet()). Rows that cannot
 * be used become problems (see cw_csv_import_get_problems()); only a file
 * that is not a table at all is an error.
 *
 * Returns: (transfer full): the import, to preview and apply
 */
CwCsvImport *
cw_csv_import_new_from_bytes (GBytes      *bytes,
                              const char  *display_name,
                              GError     **error)
{
  return cw_csv_import_new_from_sheet (bytes, display_name, NULL, error);
}

/**
 * cw_csv_import_new_from_sheet:
 * @sheet: (nullable): a workbook's sheet to read; %NULL for the first.
 *   Ignored for CSV text.
 *
 * As cw_csv_import_new_from_bytes(), with the sheet chosen. A workbook's
 * problems name their sheet and cell ("sheet “Regions”, cell C7").
 *
 * Returns: (transfer full): the import, to preview and apply
 */
CwCsvImport *
cw_csv_import_new_from_sheet (GBytes      *bytes,
                              const char  *display_name,
                              const char  *sheet,
                              GError     **error)
{
  g_autoptr(CwCsvImport) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_object_new (CW_TYPE_CSV_IMPORT, NULL);
  self->name = g_strdup (display_name);
  if (cw_sheet_is_spreadsheet (bytes))
    {
      self->sheets = cw_sheet_list_sheets (bytes, display_name, error);
      if (self->sheets == NULL)
        return NULL;
      /* a sheet's numbers are plain decimals, and its texts as a comma file's */
      self->delimiter = ',';
      rows = cw_sheet_read (bytes, display_name, sheet, &self->sheet, error);
    }
  else if (!refuse_sheet_of_csv (display_name, sheet, error))
    return NULL;
  else
    rows = cw_csv_parse (bytes, display_name, &self->delimiter, error);
  if (rows == NULL)
    return NULL;
  if (!import_rows (self, rows, error))
    return NULL;
  return g_steal_pointer (&self);
}

static CwCsvImport *
new_from_file (GFile         *file,
               const char    *sheet,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *lower = g_utf8_strdown (name, -1);
  g_autoptr(GBytes) bytes = NULL;
  gboolean workbook = g_str_has_suffix (lower, ".ods") || g_str_has_suffix (lower, ".xlsx");

  /* by its name, so a pipe or device is cut at the cap the user is told of */
  bytes = cw_file_load_bounded (file, workbook ? CW_SHEET_MAX_BYTES : CW_CSV_MAX_BYTES, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return cw_csv_import_new_from_sheet (bytes, name, sheet, error);
}

/**
 * cw_csv_import_new_from_file:
 *
 * Reads a table from @file: CSV, or the first sheet of an .ods or .xlsx
 * workbook. See cw_csv_import_new_from_bytes().
 */
CwCsvImport *
cw_csv_import_new_from_file (GFile   *file,
                             GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return new_from_file (file, NULL, NULL, error);
}

/**
 * cw_csv_import_new_from_file_for_sheet:
 * @sheet: (nullable): the workbook's sheet to read; %NULL for the first
 */
CwCsvImport *
cw_csv_import_new_from_file_for_sheet (GFile       *file,
                                       const char  *sheet,
                                       GError     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return new_from_file (file, sheet, NULL, error);
}

typedef struct
{
  GFile *file;
  char  *sheet;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_free (job->sheet);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  CwCsvImport *import = new_from_file (job->file, job->sheet, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, g_object_unref);
}

/**
 * cw_csv_import_new_from_file_async:
 * @sheet: (nullable): a workbook's sheet to read; %NULL for the first
 *
 * Reads and checks @file on a worker thread, as
 * cw_csv_import_new_from_file_for_sheet() does.
 */
void
cw_csv_import_new_from_file_async (GFile               *file,
                                   const char          *sheet,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ReadJob, 1);
  job->file = g_object_ref (file);
  job->sheet = g_strdup (sheet);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_csv_import_new_from_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * cw_csv_import_new_from_file_finish:
 *
 * Returns: (transfer full): the import, or %NULL with @error set
 */
CwCsvImport *
cw_csv_import_new_from_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_csv_import_new_from_file_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cw_csv_import_get_statistics:
 *
 * Returns: (transfer none): the statistics the good rows make
 */
GListModel *
cw_csv_import_get_statistics (CwCsvImport *self)
{
  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), NULL);
  return G_LIST_MODEL (self->statistics);
}

/**
 * cw_csv_import_get_problems:
 *
 * Returns: (transfer none) (element-type CwDiagnostic): the rows that
 *   cannot be imported, each with its line and what is wrong
 */
GPtrArray *
cw_csv_import_get_problems (CwCsvImport *self)
{
  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), NULL);
  return self->problems;
}

/**
 * cw_csv_import_get_sheet:
 *
 * Returns: (nullable): the name of the workbook's sheet read; %NULL for CSV
 */
const char *
cw_csv_import_get_sheet (CwCsvImport *self)
{
  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), NULL);
  return self->sheet;
}

/**
 * cw_csv_import_get_sheets:
 *
 * Returns: (nullable) (transfer none): the names of every sheet of the
 *   workbook, in order, to choose another; %NULL for CSV
 */
const char * const *
cw_csv_import_get_sheets (CwCsvImport *self)
{
  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), NULL);
  return (const char * const *) self->sheets;
}

char
cw_csv_import_get_delimiter (CwCsvImport *self)
{
  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), ',');
  return self->delimiter;
}

static void
apply_to (CwCsvImport *self,
          CwDeck      *deck,
          guint       *n_added,
          guint       *n_updated)
{
  g_autoptr(GHashTable) existing_ids = NULL;
  guint n, added = 0, updated = 0;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));
  /* the imported ids are distinct, so the statistics added need no entry */
  existing_ids = index_statistics (cw_deck_get_statistics (deck));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) imported = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      CwStatistic *existing = g_hash_table_lookup (existing_ids, cw_statistic_get_id (imported));

      if (existing == NULL)
        {
          g_autoptr(CwStatistic) copy = cw_statistic_copy (imported);
          cw_deck_add_statistic (deck, copy);
          added++;
          continue;
        }

      if (cw_statistic_has_value (imported))
        cw_statistic_set_value (existing, cw_statistic_get_value (imported));
      if (cw_statistic_get_n_points (imported) > 0)
        {
          cw_statistic_clear_points (existing);
          for (guint p = 0; p < cw_statistic_get_n_points (imported); p++)
            {
              const CwPoint *point = cw_statistic_get_point (imported, p);
              cw_statistic_add_point (existing, point->label, point->value);
            }
        }
      if (cw_statistic_get_label (imported) != NULL)
        cw_statistic_set_label (existing, cw_statistic_get_label (imported));
      if (cw_statistic_get_unit (imported) != NULL)
        cw_statistic_set_unit (existing, cw_statistic_get_unit (imported));
      if (cw_statistic_get_as_of (imported) != NULL)
        cw_statistic_set_as_of (existing, cw_statistic_get_as_of (imported));
      if (cw_statistic_get_source (imported) != NULL)
        cw_statistic_set_source (existing, cw_statistic_get_source (imported));
      if (g_hash_table_contains (self->toned, cw_statistic_get_id (imported)))
        cw_statistic_set_tone (existing, cw_statistic_get_tone (imported));
      updated++;
    }

  if (n_added != NULL)
    *n_added = added;
  if (n_updated != NULL)
    *n_updated = updated;
}

static gboolean
same_statistic (CwStatistic *a,
                CwStatistic *b)
{
  if (g_strcmp0 (cw_statistic_get_label (a), cw_statistic_get_label (b)) != 0 ||
      g_strcmp0 (cw_statistic_get_unit (a), cw_statistic_get_unit (b)) != 0 ||
      g_strcmp0 (cw_statistic_get_as_of (a), cw_statistic_get_as_of (b)) != 0 ||
      g_strcmp0 (cw_statistic_get_source (a), cw_statistic_get_source (b)) != 0 ||
      cw_statistic_get_tone (a) != cw_statistic_get_tone (b) ||
      cw_statistic_has_value (a) != cw_statistic_has_value (b) ||
      (cw_statistic_has_value (a) && cw_statistic_get_value (a) != cw_statistic_get_value (b)) ||
      cw_statistic_get_n_points (a) != cw_statistic_get_n_points (b))
    return FALSE;
  for (guint i = 0; i < cw_statistic_get_n_points (a); i++)
    {
      const CwPoint *pa = cw_statistic_get_point (a, i);
      const CwPoint *pb = cw_statistic_get_point (b, i);

      if (g_strcmp0 (pa->label, pb->label) != 0 || pa->value != pb->value)
        return FALSE;
    }
  return TRUE;
}

/* The deck loader's own verdict on @deck as it would be written: the bytes
 * the writer makes, read back by the loader from memory, must open, and
 * hold every statistic the import touched as it is. The per-row checks
 * catch what is known; this catches whatever else the loader refuses (a
 * deck grown past its size cap), so a deck that no longer opens is never
 * written. */
static gboolean
check_round_trip (CwCsvImport  *self,
                  CwDeck       *before,
                  CwDeck       *after,
                  GError      **error)
{
  g_autofree char *deck_name = cw_deck_dup_display_name (before);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GBytes) bytes = cw_deck_save_to_bytes (after);
  g_autoptr(CwDeck) reloaded = NULL;
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GHashTable) read_back = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n;

  if (cw_deck_get_file (before) != NULL)
    folder = g_file_get_parent (cw_deck_get_file (before));

  reloaded = cw_deck_load_bytes (bytes, deck_name, folder, &local_error);
  if (reloaded == NULL)
    {
      g_autoptr(GBytes) unchanged = cw_deck_save_to_bytes (before);
      g_autoptr(CwDeck) reopened = cw_deck_load_bytes (unchanged, deck_name, folder, NULL);

      /* blame the table only for what it causes */
      if (reopened == NULL)
        g_set_error (error, local_error->domain, local_error->code,
                     _("%s: the deck would not open again once saved, even without this table, so nothing was imported. Fix the deck first:\n%s"),
                     deck_name, local_error->message);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("%s: with the statistics of this table the deck would no longer open, so nothing was imported. Import fewer rows, or shorten their texts. The deck would say:\n%s"),
                     self->name, local_error->message);
      return FALSE;
    }

  written = index_statistics (cw_deck_get_statistics (after));
  read_back = index_statistics (cw_deck_get_statistics (reloaded));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) imported = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      const char *id = cw_statistic_get_id (imported);
      CwStatistic *a = g_hash_table_lookup (written, id);
      CwStatistic *b = g_hash_table_lookup (read_back, id);

      if ((a == NULL || b == NULL || !same_statistic (a, b)) && self->sheet != NULL)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("%s: sheet “%s”, row %u: a deck cannot keep “%s” as the table has it, so nothing was imported. Check its cells for unusual figures or characters."),
                       self->name, self->sheet, GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, id)), id);
          return FALSE;
        }
      if (a == NULL || b == NULL || !same_statistic (a, b))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("%s:%u: a deck cannot keep “%s” as the table has it, so nothing was imported. Check its cells for unusual figures or characters."),
                       self->name, GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, id)), id);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * cw_csv_import_apply:
 * @n_added: (out) (optional): how many statistics were added
 * @n_updated: (out) (optional): how many existing statistics got new figures
 *
 * Adds the imported statistics to @deck; one with the id of an existing
 * statistic replaces its figures, so every slide showing it updates.
 *
 * First the import is tried on a copy of @deck, which the deck loader must
 * open again from the bytes the writer makes of it; when it does not,
 * @deck is left as it was and @error says why.
 *
 * Returns: whether the statistics were imported
 */
gboolean
cw_csv_import_apply (CwCsvImport  *self,
                     CwDeck       *deck,
                     guint        *n_added,
                     guint        *n_updated,
                     GError      **error)
{
  g_autoptr(CwDeck) trial = NULL;

  g_return_val_if_fail (CW_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (CW_IS_DECK (deck), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trial = cw_deck_copy (deck);
  apply_to (self, trial, NULL, NULL);
  if (!check_round_trip (self, deck, trial, error))
    return FALSE;

  apply_to (self, deck, n_added, n_updated);
  return TRUE;
}

typedef struct
{
  /* the deck the import goes into, touched only on the caller's thread */
  CwDeck *deck;
  /* a copy to try it on, for the worker */
  CwDeck *before;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  g_clear_object (&job->deck);
  g_clear_object (&job->before);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  g_autoptr(CwDeck) trial = cw_deck_copy (job->before);
  GError *error = NULL;

  apply_to (source_object, trial, NULL, NULL);
  if (check_round_trip (source_object, job->before, trial, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cw_csv_import_apply_async:
 *
 * Does what cw_csv_import_apply() does, with the trial run (writing and
 * reading back a copy of @deck) on a worker thread. @deck changes only in
 * cw_csv_import_apply_finish(), on the thread that called this one; @self
 * must not be used until then.
 */
void
cw_csv_import_apply_async (CwCsvImport         *self,
                           CwDeck              *deck,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyJob *job;

  g_return_if_fail (CW_IS_CSV_IMPORT (self));
  g_return_if_fail (CW_IS_DECK (deck));

  job = g_new0 (ApplyJob, 1);
  job->deck = g_object_ref (deck);
  job->before = cw_deck_copy (deck);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_csv_import_apply_async);
  g_task_set_task_data (task, job, (GDestroyNotify) apply_job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * cw_csv_import_apply_finish:
 * @n_added: (out) (optional): how many statistics were added
 * @n_updated: (out) (optional): how many existing statistics got new figures
 *
 * Adds the statistics to the deck when the trial run found nothing wrong.
 *
 * Returns: whether the statistics were imported
 */
gboolean
cw_csv_import_apply_finish (CwCsvImport   *self,
                            GAsyncResult  *result,
                            guint         *n_added,
                            guint         *n_updated,
                            GError       **error)
{
  ApplyJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_csv_import_apply_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  apply_to (self, job->deck, n_added, n_updated);
  return TRUE;
}

/**
 * cw_csv_describe_import:
 * @added: statistics the import added to the deck
 * @updated: statistics it updated
 *
 * What an import did, as the editor's toast and clearway-cli say it: "1
 * statistic added, 3 updated", with each count's plural form.
 *
 * Returns: (transfer full): the sentence
 */
char *
cw_csv_describe_import (guint added,
                        guint updated)
{
  g_autofree char *added_text = NULL;

  added_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statistic added", "%u statistics added", added),
                                added);
  /* Translators: the first %s is "N statistics added", then the number updated */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u updated", "%s, %u updated", updated),
                          added_text, updated);
}
