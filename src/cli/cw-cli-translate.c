/* cw-cli-translate.c: clearway-cli strings and translate
 *
 * Thin: the catalogs are written and read by the core (cw-po.c), so the
 * editor offers the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-private.h"

int
cw_cli_strings (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *language = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (default: the standard output)"), N_("FILE") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Write this language’s catalog, merged with the deck’s current texts, instead of the template"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — write the texts to translate"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes every text of the deck that translators translate as a gettext\n"
                                  "template (.pot), with a note on each: where it is shown, how much room\n"
                                  "it has and what its {placeholders} stand for. With --lang, writes that\n"
                                  "language’s catalog (.po) instead: its translations kept, those of\n"
                                  "changed texts marked fuzzy, new texts empty. Give the file to a\n"
                                  "translator, then bring it back with “clearway-cli translate”."));
  if (!cw_cli_parse (context, "strings", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cw_cli_usage_error (context, "strings", _("give one deck at most"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  if (language != NULL && !cw_language_code_is_valid (language))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a language code; use a code such as az or ru"),
                                                  language);
      return cw_cli_usage_error (context, "strings", message);
    }

  bytes = cw_deck_export_po (deck, language, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }

  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      return fflush (stdout) == 0 ? CW_EXIT_OK : CW_EXIT_FAILURE;
    }
  else
    {
      /* a translator's file is replaced whole or not at all */
      if (!cw_cli_write_file (output, bytes))
        return CW_EXIT_FAILURE;
      if (language != NULL)
        g_printerr (_("The %s catalog was written to %s\n"), language, output);
      else
        g_printerr (_("The texts to translate were written to %s\n"), output);
    }

  return CW_EXIT_OK;
}

int
cw_cli_translate (int    argc,
                  char **argv)
{
  g_auto(GStrv) po_files = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "po", 'p', 0, G_OPTION_ARG_FILENAME_ARRAY, &po_files,
      N_("A translated catalog; give --po once for each language"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Save the translated deck here instead of over DECK"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DECK --po FILE… — bring translations into a deck"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Reads translated gettext catalogs (.po) into the deck, one language a\n"
                                  "catalog (its Language header says which), and saves the deck. Every\n"
                                  "catalog is checked first: a syntax error, a wrong number of plural\n"
                                  "forms or a translation that loses or adds a {placeholder} stops the\n"
                                  "import with the file and line, and the deck is left as it was."));
  if (!cw_cli_parse (context, "translate", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cw_cli_usage_error (context, "translate", _("name the deck to translate"));
  if (po_files == NULL || po_files[0] == NULL)
    return cw_cli_usage_error (context, "translate", _("give at least one catalog with --po FILE"));

  deck = cw_cli_load_deck (argv[1]);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  if (!cw_deck_import_po (deck, (const char * const *) po_files, &reports, &error))
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }

  /* what each catalog translates, and what is left to do */
  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (reports, i));

      g_print ("%s\n", line);
    }

  if (!cw_cli_save_deck (deck, output))
    return CW_EXIT_FAILURE;
  g_print (_("Saved %s\n"), output ? output : argv[1]);
  return CW_EXIT_OK;
}
