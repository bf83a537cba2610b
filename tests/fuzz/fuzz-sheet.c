/* fuzz-sheet.c: an .ods or .xlsx workbook, read sheet by sheet and imported
 *
 * Inflating is libzip's; what this target is after is the sheet readers'
 * walk of the XML parts and the archive checks. Random bytes rarely make a
 * zip archive whose parts inflate to XML, so an input is the archive's
 * entries, each a name, a NUL, its content and a NUL, which the target
 * zips before reading (an input starting with "PK\3\4" is read as the
 * archive itself). Every sheet is read (up to 8), then imported as the
 * CLI and the editor do, with the first sheet's problems checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "cw-fuzz.h"

static CwDeck *sample;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cw_fuzz_init ();
  sample = cw_fuzz_new_small_deck ();
  return 0;
}

/* the entries of @data zipped in memory; NULL when libzip will not have them */
static GBytes *
zip_entries (const uint8_t *data,
             size_t         size)
{
  zip_error_t zerror;
  zip_source_t *source;
  zip_t *zip;
  const char *p = (const char *) data;
  const char *end = p + size;
  zip_int64_t length;
  char *buffer;

  zip_error_init (&zerror);
  source = zip_source_buffer_create (NULL, 0, 0, &zerror);
  zip_error_fini (&zerror);
  if (source == NULL)
    return NULL;
  zip_source_keep (source);
  zip = zip_open_from_source (source, ZIP_TRUNCATE, NULL);
  if (zip == NULL)
    {
      zip_source_free (source);
      zip_source_free (source);
      return NULL;
    }
  while (p < end)
    {
      const char *name = p;
      const char *name_end = memchr (p, '\0', end - p);
      const char *content, *content_end;
      g_autofree char *name_copy = NULL;
      zip_source_t *part;

      if (name_end == NULL)
        break;
      content = name_end + 1;
      content_end = content < end ? memchr (content, '\0', end - content) : NULL;
      if (content_end == NULL)
        content_end = end;
      name_copy = g_strndup (name, name_end - name);
      part = zip_source_buffer (zip, content, content_end - content, 0);
      if (part != NULL && zip_file_add (zip, name_copy, part, ZIP_FL_OVERWRITE) < 0)
        zip_source_free (part);
      p = content_end + 1;
    }
  if (zip_close (zip) != 0)
    {
      zip_discard (zip);
      zip_source_free (source);
      return NULL;
    }

  if (zip_source_open (source) != 0)
    {
      zip_source_free (source);
      return NULL;
    }
  zip_source_seek (source, 0, SEEK_END);
  length = zip_source_tell (source);
  zip_source_seek (source, 0, SEEK_SET);
  buffer = g_malloc (MAX (length, 1));
  if (length < 0 || zip_source_read (source, buffer, length) != length)
    {
      g_free (buffer);
      zip_source_close (source);
      zip_source_free (source);
      return NULL;
    }
  zip_source_close (source);
  zip_source_free (source);
  return g_bytes_new_take (buffer, length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CwCsvImport) import = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = NULL;

  if (size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    bytes = g_bytes_new (data, size);
  else
    bytes = zip_entries (data, size);
  if (bytes == NULL)
    return 0;

  sheets = cw_sheet_list_sheets (bytes, "fuzz.xlsx", &error);
  if (sheets == NULL)
    {
      cw_fuzz_check_refusal (error, "listing a workbook's sheets");
      return 0;
    }
  for (guint i = 0; sheets[i] && i < 8; i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *read = NULL;

      rows = cw_sheet_read (bytes, "fuzz.xlsx", sheets[i], &read, &error);
      if (rows == NULL)
        {
          cw_fuzz_check_refusal (error, "reading a sheet");
          g_clear_error (&error);
          continue;
        }
      /* two sheets of one name: the first is read */
      if (read == NULL || !g_str_equal (read, sheets[i]))
        cw_fuzz_fail ("asked for sheet “%s”, read “%s”", sheets[i], read ? read : "(none)");
      for (guint r = 0; r < rows->len; r++)
        {
          CwCsvRow *row = g_ptr_array_index (rows, r);

          if (row->line == 0)
            cw_fuzz_fail ("a row numbered 0");
          for (guint f = 0; row->fields[f]; f++)
            cw_fuzz_check_message (row->fields[f][0] ? row->fields[f] : "-", "a cell");
        }
    }

  import = cw_csv_import_new_from_bytes (bytes, "fuzz.xlsx", &error);
  if (import == NULL)
    {
      cw_fuzz_check_refusal (error, "importing a workbook");
      return 0;
    }
  cw_fuzz_check_diagnostics (cw_csv_import_get_problems (import), "a problem of a cell");
  deck = cw_deck_copy (sample);
  if (!cw_csv_import_apply (import, deck, NULL, NULL, &error))
    cw_fuzz_check_refusal (error, "applying a workbook");
  cw_fuzz_check_saved (deck, FALSE);
  return 0;
}
