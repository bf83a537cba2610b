/* cw-cli-inspect.c: clearway-cli text, validate and info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cw-cli-private.h"

static CwRenderer *
new_renderer (CwDeck      *deck,
              const char  *language,
              const char  *format_spec,
              GError     **error)
{
  g_autoptr(CwFormat) format = cw_format_lookup (format_spec ? format_spec : cw_deck_get_format (deck),
                                                 error);

  if (format == NULL)
    return NULL;
  return cw_renderer_new (deck, language, format, cw_deck_get_fps (deck));
}

int
cw_cli_text (int    argc,
             char **argv)
{
  g_autofree char *language = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language, N_("Language of the text"), N_("CODE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format (it can change durations)"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — print the text of each slide"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Prints, slide by slide, what a viewer reads once the slide has\n"
                                  "settled, with every number fully counted up: for proofreading."));
  if (!cw_cli_parse (context, "text", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cw_cli_usage_error (context, "text", _("give one deck at most"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  if (language != NULL && !cw_cli_check_language (deck, language, &error))
    return cw_cli_usage_error (context, "text", error->message);

  renderer = new_renderer (deck, language, format, &error);
  if (renderer == NULL)
    return cw_cli_usage_error (context, "text", error->message);

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);
      CwSlide *slide = cw_deck_get_slide (deck, i);
      guint first, n;

      cw_renderer_get_slide_frames (renderer, i, &first, &n);
      /* Translators: slide number, slide id, template, seconds */
      g_print (_("— %u. %s (%s, %.1f s)\n"), i + 1, cw_slide_get_id (slide),
               cw_slide_get_template_id (slide), (double) n / cw_renderer_get_fps (renderer));
      /* the slide's own words, as UTF-8 whatever the locale: g_print()
       * would turn Russian into question marks under LC_ALL=C */
      for (guint j = 0; j < scene->texts->len; j++)
        {
          fputs (g_ptr_array_index (scene->texts, j), stdout);
          fputc ('\n', stdout);
        }
      fputc ('\n', stdout);
      fflush (stdout);
    }

  if (cw_renderer_get_untranslated (renderer)->len > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "warning: %u text has no %s translation and is shown in the source language\n",
                             "warning: %u texts have no %s translation and are shown in the source language\n",
                             cw_renderer_get_untranslated (renderer)->len),
                cw_renderer_get_untranslated (renderer)->len, cw_renderer_get_language (renderer));

  return CW_EXIT_OK;
}

int
cw_cli_validate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DECK… — check deck files"));
  int status = CW_EXIT_OK;

  g_option_context_set_summary (context,
                                _("Checks each deck against the format and reports every problem with\n"
                                  "its file and line. Warnings (a missing logo, text that does not fit)\n"
                                  "are printed but do not fail the check."));
  if (!cw_cli_parse (context, "validate", &argc, &argv, &status))
    return status;
  if (argc < 2)
    return cw_cli_usage_error (context, "validate", _("name the deck to check"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(CwDeck) deck = cw_cli_load_deck (argv[i]);
      g_auto(GStrv) languages = NULL;
      g_autoptr(CwFormat) format = NULL;
      g_autoptr(GPtrArray) seen = NULL;
      g_autoptr(CwRenderer) renderer = NULL;

      if (deck == NULL)
        {
          status = CW_EXIT_FAILURE;
          continue;
        }

      cw_cli_print_warnings (deck);
      cw_cli_print_statistic_warnings (deck, argv[i]);

      /* lay every language out, to find text that does not fit */
      format = cw_format_lookup (cw_deck_get_format (deck), NULL);
      languages = cw_deck_list_languages (deck);
      seen = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; format != NULL && languages[j]; j++)
        {
          g_autoptr(CwRenderer) r = cw_renderer_new (deck, languages[j], format, cw_deck_get_fps (deck));
          GPtrArray *warnings = cw_renderer_get_warnings (r);

          for (guint k = 0; k < warnings->len; k++)
            {
              g_autofree char *w = cw_diagnostic_to_string (g_ptr_array_index (warnings, k));
              if (!g_ptr_array_find_with_equal_func (seen, w, g_str_equal, NULL))
                {
                  g_printerr (_("warning: %s: %s (%s)\n"), argv[i], w, languages[j]);
                  g_ptr_array_add (seen, g_steal_pointer (&w));
                }
            }
          if (j == 0)
            renderer = g_steal_pointer (&r);
        }

      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: valid, %u slide, %.1f s\n",
                            "%s: valid, %u slides, %.1f s\n", cw_deck_get_n_slides (deck)),
               argv[i], cw_deck_get_n_slides (deck),
               renderer ? cw_renderer_get_duration (renderer) : 0.0);
    }

  return status;
}

int
cw_cli_info (int    argc,
             char **argv)
{
  g_autofree char *format_spec = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_spec, N_("Output format for durations"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — describe a deck"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  GListModel *statistics;
  int status = CW_EXIT_OK;
  guint n_texts = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cw_cli_parse (context, "info", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cw_cli_usage_error (context, "info", _("give one deck at most"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  renderer = new_renderer (deck, NULL, format_spec, &error);
  if (renderer == NULL)
    return cw_cli_usage_error (context, "info", error->message);

  g_print (_("Title:       %s\n"), cw_deck_get_title (deck) ? cw_deck_get_title (deck) : "");
  if (cw_deck_get_author (deck) != NULL)
    g_print (_("Author:      %s\n"), cw_deck_get_author (deck));
  g_print (_("Format:      %s, %d×%d, %u fps\n"), cw_renderer_get_format (renderer)->label,
           cw_renderer_get_format (renderer)->width, cw_renderer_get_format (renderer)->height,
           cw_renderer_get_fps (renderer));
  g_print (_("Duration:    %.1f s, %u frames\n"), cw_renderer_get_duration (renderer),
           cw_renderer_get_n_frames (renderer));
  g_print (_("Theme:       %s\n"), cw_theme_get_base (cw_deck_get_theme (deck)));

  g_print ("\n%s\n", _("Slides:"));
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwSlide *slide = cw_deck_get_slide (deck, i);
      g_autofree char *seconds = NULL;
      guint first, n;

      cw_renderer_get_slide_frames (renderer, i, &first, &n);
      /* Translators: the duration of a slide the author chose */
      seconds = g_strdup_printf (_("%.1f s"), (double) n / cw_renderer_get_fps (renderer));
      g_print ("  %2u. %-16s %-12s %7s  %s %u–%u\n", i + 1, cw_slide_get_id (slide),
               cw_slide_get_template_id (slide), seconds, _("frames"), first, first + n - 1);
      n_texts += cw_renderer_get_scene (renderer, i)->texts->len;
    }

  statistics = cw_deck_get_statistics (deck);
  g_print ("\n%s\n", _("Statistics:"));
  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CwStatistic) s = g_list_model_get_item (statistics, i);
      g_autofree char *amount = cw_statistic_format_amount (s, cw_deck_get_language (deck), FALSE);

      g_print ("  %-22s %-16s %-10s %s\n", cw_statistic_get_id (s), amount,
               cw_statistic_get_as_of (s) ? cw_statistic_get_as_of (s) : "",
               cw_statistic_get_source (s) ? cw_statistic_get_source (s) : "");
    }

  languages = cw_deck_list_languages (deck);
  g_print ("\n%s\n", _("Languages:"));
  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *name = cw_language_get_name (languages[i], NULL);

      if (i == 0)
        g_print (_("  %-6s %s (source)\n"), languages[i], name);
      else
        {
          guint translated, review;
          guint total = cw_deck_count_translations (deck, languages[i], &translated, &review);

          /* Translators: language code, language name, texts translated, texts in all */
          g_print (_("  %-6s %s: %u of %u texts translated"), languages[i], name, translated, total);
          if (review > 0)
            /* Translators: follows "N of M texts translated" */
            g_print (g_dngettext (GETTEXT_PACKAGE, ", %u to review", ", %u to review", review), review);
          g_print ("\n");
        }
    }

  return CW_EXIT_OK;
}

int
cw_cli_templates (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the slide templates"));
  int status = CW_EXIT_OK;

  g_option_context_set_summary (context,
                                _("Lists each template with its fields: the name a deck file uses,\n"
                                  "the type, the default and what the field is for."));
  if (!cw_cli_parse (context, "templates", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cw_cli_usage_error (context, "templates", _("this command takes no deck"));

  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      const CwTemplate *template = *t;

      g_print ("%s — %s\n  %s\n", template->id, _(template->label), _(template->description));
      for (const CwField *f = template->fields; f->name; f++)
        {
          g_autofree char *type = g_strdup_printf ("%s%s", cw_field_type_to_string (f->type),
                                                  f->plural ? _(", plural") : "");
          /* Translators: a template field: name, type, what it is for */
          g_print (_("  %s (%s): %s\n"), f->name, type, _(f->hint));
          if (f->default_value != NULL)
            g_print (_("      default: %s\n"), f->default_value);
        }
      g_print ("\n");
    }
  return CW_EXIT_OK;
}

int
cw_cli_sheet (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_spec = NULL;
  g_autofree char *language = NULL;
  int width = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write (default: sheet.png)"),
      N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_spec, N_("Output format"), N_("FORMAT") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language, N_("Language"), N_("CODE") },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width, N_("Width of each frame on the sheet, in pixels"),
      N_("PIXELS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[DECK] — render a contact sheet"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  g_autoptr(cairo_surface_t) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes one picture with the settled frame of every slide, numbered,\n"
                                  "with its duration: for approving a clip without playing it."));
  if (!cw_cli_parse (context, "sheet", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cw_cli_usage_error (context, "sheet", _("give one deck at most"));
  if (width != 0 && (width < 64 || width > 1080))
    return cw_cli_usage_error (context, "sheet", _("--width must be between 64 and 1080"));

  deck = cw_cli_load_deck (argc == 2 ? argv[1] : NULL);
  if (deck == NULL)
    return CW_EXIT_FAILURE;
  if (language != NULL && !cw_cli_check_language (deck, language, &error))
    return cw_cli_usage_error (context, "sheet", error->message);

  renderer = new_renderer (deck, language, format_spec, &error);
  if (renderer == NULL)
    return cw_cli_usage_error (context, "sheet", error->message);

  if (width == 0)
    width = cw_renderer_get_format (renderer)->width > cw_renderer_get_format (renderer)->height ? 480 : 300;
  sheet = cw_contact_sheet_render (renderer, cw_deck_get_title (deck), width);
  png = cw_png_encode (sheet, 6, &error);
  file = g_file_new_for_commandline_arg (output ? output : "sheet.png");
  path = g_file_get_parse_name (file);
  if (png == NULL)
    {
      g_printerr (_("Could not write %s: %s\n"), path, error->message);
      return CW_EXIT_FAILURE;
    }
  if (!cw_cli_write_file (output ? output : "sheet.png", png))
    return CW_EXIT_FAILURE;

  for (guint i = 0; i < cw_renderer_get_warnings (renderer)->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (cw_renderer_get_warnings (renderer), i));

      g_printerr (_("warning: %s\n"), line);
    }
  g_print (_("Contact sheet written to %s\n"), path);
  return CW_EXIT_OK;
}

int
cw_cli_import (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *sheet = NULL;
  gboolean skip = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("Read this sheet of an .ods or .xlsx workbook instead of the first"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the updated deck here instead of over DECK"), N_("FILE") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip,
      N_("Import the good rows even when others cannot be used"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DECK TABLE — update statistics from a table (.csv, .ods, .xlsx)"));
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwCsvImport) import = NULL;
  g_autoptr(GFile) table = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  guint added = 0, updated = 0;
  int status = CW_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Reads a CSV table (comma or semicolon, UTF-8), or a sheet of an .ods or\n"
                                  ".xlsx workbook, whose first row names the columns: id, label, value,\n"
                                  "unit, as_of, source, and point for series. Problems in a workbook name\n"
                                  "their sheet and cell.\n"
                                  "A row with the id of an existing statistic replaces its figures, so every\n"
                                  "slide showing it updates; other rows add statistics."));
  if (!cw_cli_parse (context, "import", &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cw_cli_usage_error (context, "import", _("give a deck and a table (.csv, .ods or .xlsx)"));

  deck = cw_cli_load_deck (argv[1]);
  if (deck == NULL)
    return CW_EXIT_FAILURE;

  table = g_file_new_for_commandline_arg (argv[2]);
  import = cw_csv_import_new_from_file_for_sheet (table, sheet, &error);
  if (import == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }

  problems = cw_csv_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (problems, i));
      g_printerr ("%s\n", line);
    }
  if (problems->len > 0 && !skip)
    {
      g_printerr (_("Nothing was imported. Fix the rows above, or import the good rows with --skip-bad-rows.\n"));
      return CW_EXIT_FAILURE;
    }

  /* checked against the deck loader before anything is written: a deck
   * that would no longer open never replaces the one that does */
  if (!cw_csv_import_apply (import, deck, &added, &updated, &error))
    {
      g_printerr ("%s\n", error->message);
      return CW_EXIT_FAILURE;
    }
  target = output ? g_file_new_for_commandline_arg (output) : g_object_ref (cw_deck_get_file (deck));
  if (!cw_cli_save_deck (deck, output))
    return CW_EXIT_FAILURE;

  {
    g_autofree char *name = g_file_get_parse_name (target);
    g_autofree char *done = cw_csv_describe_import (added, updated);

    g_print ("%s: %s\n", name, done);
  }
  return CW_EXIT_OK;
}
