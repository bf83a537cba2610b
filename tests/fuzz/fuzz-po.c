/* fuzz-po.c: a translator's catalog (.po), imported into a small deck with the sample's statistics
 *
 * The same call `clearway-cli translate` and the editor's Languages page
 * make. libgettextpo reads catalogs by name only, so each input is written
 * to one file in a folder of this process's own. The deck is loaded once
 * per process; an import that succeeds changes the deck, so the next input
 * gets a fresh copy. A translated deck is then saved, as translate does,
 * and must open again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cw-fuzz.h"

static CwDeck *sample;
static CwDeck *deck;
static char *folder;
static char *path;

static void
remove_folder (void)
{
  g_remove (path);
  g_rmdir (folder);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  cw_fuzz_init ();
  /* The import lays the deck out to list its texts, and at 1080×1920 that
   * is most of an input's time; no text depends on the frame's size, and
   * two slides hold every kind of text a catalog can get wrong. */
  sample = cw_fuzz_new_small_deck ();
  folder = g_dir_make_tmp ("clearway-fuzz-po-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "fuzz.po", NULL);
  atexit (remove_folder);
  return 0;
}

static void
write_input (const uint8_t *data,
             size_t         size)
{
  FILE *file = fopen (path, "wb");

  if (file == NULL || fwrite (data, 1, size, file) != size || fclose (file) != 0)
    cw_fuzz_fail ("cannot write %s", path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *files[] = { path, NULL };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  write_input (data, size);
  if (deck == NULL)
    deck = cw_deck_copy (sample);

  if (!cw_deck_import_po (deck, files, &reports, &error))
    {
      cw_fuzz_check_refusal (error, "importing a catalog");
      return 0;
    }

  cw_fuzz_check_saved (deck, FALSE);
  g_clear_object (&deck);
  return 0;
}
