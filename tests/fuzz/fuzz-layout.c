/* fuzz-layout.c: a deck that opens, laid out in every language
 *
 * What `clearway-cli validate`, render and the editor's preview do after
 * loading: fit each text, format each number and plural in each language,
 * and run each template's arithmetic (icon counts, bar lengths, scales).
 * It shares the deck corpus; at about ten inputs a second, run it for a
 * set time rather than a set count.
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
  g_autoptr(CwDeck) deck = NULL;

  deck = cw_deck_load_bytes (bytes, "fuzz.clearway", NULL, NULL);
  if (deck != NULL)
    cw_fuzz_lay_out (deck);
  return 0;
}
