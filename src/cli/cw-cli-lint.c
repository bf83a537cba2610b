/* cw-cli-lint.c: clearway-cli lint, the checks of the rendered clip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-private.h"

int
cw_cli_lint (int    argc,
             char **argv)
{
  g_autofree char *format_spec = NULL;
  g_autofree char *language_spec = NULL;
  g_autofree char *sheet_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_spec,
      N_("Formats to check, comma-separated, or “all” (default: the deck’s)"), N_("FORMAT") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language_spec,
      N_("Languages to check, comma-separated, or “all” (default: the deck’s)"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the results as JSON (data/lint-schema.json)"), NULL },
    { "sheet", 0, 0, G_OPTION_ARG_FILENAME, &sheet_path,
      N_("Also write a contact sheet with each problem outlined and numbered"), N_("FILE.png") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — check the clip before it is posted"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GPtrArray) formats = NULL;
  g_auto(GStrv) languages = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *formats_help = cw_cli_describe_formats ();
  guint errors, warnings, notes;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks the clip in each format and language, on the frames it renders:\n"
                                  "contrast, text size, reading time, platform zones, glyphs, translation,\n"
                                  "flashing, the safety message and the figures. Exits with 1 when it\n"
                                  "finds an error, 0 otherwise, and 2 for a wrong command line."));
  g_option_context_set_description (context, formats_help);
  if (!cw_cli_parse (context, "lint", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cw_cli_usage_error (context, "lint", _("give one deck at most"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  formats = cw_cli_expand_formats (deck, format_spec, &error);
  if (formats == NULL)
    return cw_cli_usage_error (context, "lint", error->message);
  languages = cw_cli_expand_languages (deck, language_spec, &error);
  if (languages == NULL)
    return cw_cli_usage_error (context, "lint", error->message);
  if (formats->len == 0 || languages[0] == NULL)
    return cw_cli_usage_error (context, "lint", _("give at least one format and one language"));

  results = cw_lint_deck (deck, formats, (const char * const *) languages, NULL, NULL, &error);
  if (results == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }

  name = argc == 2 ? g_strdup (argv[1]) : cw_deck_dup_display_name (deck);
  cw_lint_count (results, &errors, &warnings, &notes);
  if (json)
    {
      g_autofree char *document = cw_lint_to_json (results, name, formats, (const char * const *) languages);

      g_print ("%s\n", document);
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          g_autofree char *text = cw_lint_describe (g_ptr_array_index (results, i), i + 1);

          g_print ("%s\n", text);
        }
      /* Translators: the last line of clearway-cli lint: numbers of errors and warnings, formats, languages */
      g_print (_("%u errors, %u warnings in %u formats and %u languages.\n"),
               errors, warnings, formats->len, g_strv_length (languages));
    }

  if (sheet_path != NULL)
    {
      g_autoptr(cairo_surface_t) sheet = cw_lint_render_sheet (deck, results, formats, cw_deck_get_title (deck), 240);
      g_autoptr(GBytes) png = cw_png_encode (sheet, 6, &error);

      if (png == NULL)
        {
          g_printerr (_("Could not write %s: %s\n"), sheet_path, error->message);
          return CW_EXIT_FAILURE;
        }
      if (!cw_cli_write_file (sheet_path, png))
        return CW_EXIT_FAILURE;
    }

  return errors > 0 ? CW_EXIT_FAILURE : CW_EXIT_OK;
}
