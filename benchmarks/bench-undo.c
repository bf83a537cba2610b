/* bench-undo.c: what an undo step costs, as snapshots and as the file it once was
 *
 * Run with `meson test -C _build --benchmark -v`. Each step is an edit to
 * one slide of a long deck with an embedded logo, as typing makes them.
 * "file" is how undo used to work (write the whole deck at each step, read
 * and validate it back to undo); "snapshot" is CwDeckSnapshot. Results are
 * ratios, so they compare across machines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>

#include "clearway-core.h"

#define STEPS 200
#define UNDOS 20

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* The sample, its slides repeated, with many more statistics. */
static CwDeck *
long_deck (guint times,
           guint statistics)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  CwDeck *deck = cw_deck_copy (sample);
  guint n = cw_deck_get_n_slides (sample);

  for (guint t = 1; t < times; t++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CwSlide) copy = cw_slide_copy (cw_deck_get_slide (sample, i));
        g_autofree char *id = g_strdup_printf ("%s-%u", cw_slide_get_id (copy), t);

        cw_slide_set_id (copy, id);
        cw_deck_add_slide (deck, copy);
      }
  for (guint i = 0; i < statistics; i++)
    {
      g_autofree char *id = g_strdup_printf ("figure_%u", i);
      g_autoptr(CwStatistic) statistic = cw_statistic_new (id);

      cw_statistic_set_label (statistic, "A figure from the monthly table");
      cw_statistic_set_value (statistic, i * 10.0);
      cw_deck_add_statistic (deck, statistic);
    }
  return deck;
}

static void
edit (CwDeck *deck,
      guint   step)
{
  g_autofree char *text = g_strdup_printf ("Stay on the path %u", step);

  cw_slide_set_text (cw_deck_get_slide (deck, step % cw_deck_get_n_slides (deck)), "headline", text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_deck_snapshot_unref);
  double start, file_commit, file_undo, snapshot_commit, snapshot_undo;
  gsize file_bytes = 0, heap_before, snapshot_bytes;

  setlocale (LC_ALL, "C.UTF-8");
  cw_core_init ();
  deck = long_deck (20, 2000);
  g_print ("Clearway undo benchmark: %u slides, %u statistics, an embedded logo; %u steps\n\n",
           cw_deck_get_n_slides (deck), g_list_model_get_n_items (cw_deck_get_statistics (deck)), STEPS);

  start = now ();
  for (guint i = 0; i < STEPS; i++)
    {
      GBytes *bytes;

      edit (deck, i);
      bytes = cw_deck_save_to_bytes (deck);
      file_bytes += g_bytes_get_size (bytes);
      g_ptr_array_add (files, bytes);
    }
  file_commit = (now () - start) / STEPS;

  start = now ();
  for (guint i = 0; i < UNDOS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwDeck) back = cw_deck_load_bytes (g_ptr_array_index (files, STEPS - 2 - i), "undo", NULL, &error);

      g_assert_no_error (error);
      cw_deck_assign (deck, back);
    }
  file_undo = (now () - start) / UNDOS;

  g_ptr_array_add (snapshots, cw_deck_snapshot_new (deck, NULL));
  heap_before = mallinfo2 ().uordblks;
  start = now ();
  for (guint i = 0; i < STEPS; i++)
    {
      edit (deck, i);
      g_ptr_array_add (snapshots, cw_deck_snapshot_new (deck, g_ptr_array_index (snapshots, snapshots->len - 1)));
    }
  snapshot_commit = (now () - start) / STEPS;
  /* what the steps hold, beyond the deck itself */
  snapshot_bytes = mallinfo2 ().uordblks - heap_before;

  start = now ();
  for (guint i = 0; i < UNDOS; i++)
    cw_deck_restore (deck, g_ptr_array_index (snapshots, snapshots->len - 2 - i));
  snapshot_undo = (now () - start) / UNDOS;

  g_print ("commit a step:  file %7.2f ms   snapshot %7.3f ms   %6.0f× faster\n",
           file_commit * 1000, snapshot_commit * 1000, file_commit / snapshot_commit);
  g_print ("undo a step:    file %7.2f ms   snapshot %7.3f ms   %6.0f× faster\n",
           file_undo * 1000, snapshot_undo * 1000, file_undo / snapshot_undo);
  /* a snapshot step holds the slide that changed and an array of pointers
   * to the slides; the statistics and the logo are shared */
  g_print ("a step holds:   file %7.1f KiB   snapshot %7.1f KiB   %6.0f× smaller\n",
           file_bytes / (double) STEPS / 1024, snapshot_bytes / (double) STEPS / 1024,
           (double) file_bytes / snapshot_bytes);
  return 0;
}
