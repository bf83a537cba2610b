/* fuzz-csv.c: a table of statistics (CSV), imported into a small deck with the sample's statistics
 *
 * The calls `clearway-cli import` and the editor's import dialog make once
 * the file is read (cw_csv_import_new_from_file() reads it, then calls
 * cw_csv_import_new_from_bytes()). The good rows are applied to a copy of
 * that deck (cw_fuzz_new_small_deck()), loaded once per process, as --skip-bad-rows does; the deck
 * is then saved, as import does, and must open again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(CwCsvImport) import = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GError) error = NULL;

  import = cw_csv_import_new_from_bytes (bytes, "fuzz.csv", &error);
  if (import == NULL)
    {
      cw_fuzz_check_refusal (error, "reading a table");
      return 0;
    }

  /* the preview lists each problem */
  cw_fuzz_check_diagnostics (cw_csv_import_get_problems (import), "a problem of a row");

  /* the import is checked against the loader before it changes the deck,
   * so a refusal leaves the copy as it was, and either way it opens again */
  deck = cw_deck_copy (sample);
  if (!cw_csv_import_apply (import, deck, NULL, NULL, &error))
    cw_fuzz_check_refusal (error, "applying a table");
  cw_fuzz_check_saved (deck, FALSE);
  return 0;
}
