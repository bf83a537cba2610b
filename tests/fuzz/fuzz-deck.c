/* fuzz-deck.c: the deck loader, on any bytes
 *
 * The same call the editor and clearway-cli make once a file is read
 * (cw_deck_load_file() reads it, then calls cw_deck_load_bytes()). A deck
 * that opens is then saved, as the editor would, and must open again.
 * Laying it out is the target `layout`: it is a hundred times slower.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cw_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;

  /* no folder, so a relative image reference is not looked up on disk */
  deck = cw_deck_load_bytes (bytes, "fuzz.clearway", NULL, &error);
  if (deck == NULL)
    {
      cw_fuzz_check_refusal (error, "loading a deck");
      return 0;
    }

  cw_fuzz_check_diagnostics (cw_deck_get_warnings (deck), "a warning of the deck");
  cw_fuzz_check_saved (deck, TRUE);
  return 0;
}
