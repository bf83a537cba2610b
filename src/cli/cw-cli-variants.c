/* cw-cli-variants.c: clearway-cli render --data, one clip per row of a table
 *
 * The table is read and every row checked first (cw_variants_from_file()),
 * so a bad cell stops the run before a frame is drawn. Then each row's
 * deck is exported as a plain render would be, into <name>/<lang>-<format>/,
 * one row after another, each using every core for its frames; last comes
 * index.json, which lists every variant's manifests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "cw-cli-private.h"

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      done;
} VariantRun;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  VariantRun *run = data;

  cw_exporter_run_finish (CW_EXPORTER (object), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  VariantRun *run = data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/**
 * cw_cli_render_variants:
 *
 * Renders one variant of @deck per row of the table @data, with the
 * languages, formats, videos and settings render was given.
 *
 * Returns: the exit status
 */
int
cw_cli_render_variants (CwDeck      *deck,
                        const char  *data,
                        const char  *sheet,
                        GStrv        languages,
                        GPtrArray   *formats,
                        GPtrArray   *encoders,
                        int          fps,
                        int          jobs,
                        gboolean     overwrite,
                        gboolean     quiet,
                        GFile       *output_dir)
{
  g_autoptr(GFile) table = g_file_new_for_commandline_arg (data);
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output_path = g_file_get_path (output_dir);
  VariantRun run = { 0 };
  guint sigint, sigterm;
  int status = CW_EXIT_OK;

  variants = cw_variants_from_file (deck, table, sheet, NULL, &error);
  if (variants == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }
  if (!g_file_make_directory_with_parents (output_dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_printerr ("%s: %s\n", output_path, error->message);
      return CW_EXIT_FAILURE;
    }
  g_clear_error (&error);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &run);

  for (guint i = 0; i < variants->len && status == CW_EXIT_OK; i++)
    {
      CwVariant *variant = g_ptr_array_index (variants, i);
      g_autoptr(CwExporter) exporter = cw_exporter_new (variant->deck);
      g_autoptr(GFile) folder = g_file_get_child (output_dir, variant->name);

      if (!quiet)
        /* Translators: a row's name, then its place among all rows: "north (1/3)" */
        g_printerr (_("Rendering %s (%u/%u)…\n"), variant->name, i + 1, variants->len);
      cw_exporter_set_output_dir (exporter, folder);
      for (guint j = 0; languages[j]; j++)
        cw_exporter_add_language (exporter, languages[j]);
      for (guint j = 0; j < formats->len; j++)
        cw_exporter_add_format (exporter, g_ptr_array_index (formats, j));
      if (fps > 0)
        cw_exporter_set_fps (exporter, fps);
      cw_exporter_set_jobs (exporter, jobs);
      for (guint j = 0; j < encoders->len; j++)
        cw_exporter_add_encoder (exporter, g_ptr_array_index (encoders, j));
      cw_exporter_set_overwrite (exporter, overwrite);
      cw_exporter_set_folder_per_sequence (exporter, TRUE);

      run.done = FALSE;
      cw_exporter_run_async (exporter, run.cancellable, on_exported, &run);
      if (!run.done)
        g_main_loop_run (run.loop);

      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr (_("Stopped. The rows finished before are kept; no index was written.\n"));
          status = CW_EXIT_CANCELLED;
        }
      else if (run.error != NULL)
        {
          /* Translators: a row's name, then why its clips failed */
          g_printerr (_("%s: %s\n"), variant->name, run.error->message);
          status = CW_EXIT_FAILURE;
        }
      g_clear_error (&run.error);
    }

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  if (status != CW_EXIT_OK)
    return status;

  if (!cw_variants_write_index (variants, output_dir, &error))
    {
      g_printerr ("%s: %s\n", output_path, error->message);
      return CW_EXIT_FAILURE;
    }
  if (!quiet)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u variant rendered; index.json in %s lists its manifests\n",
                          "%u variants rendered; index.json in %s lists their manifests\n", variants->len),
             variants->len, output_path);
  return CW_EXIT_OK;
}
