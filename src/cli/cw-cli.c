/* cw-cli.c: clearway-cli, the headless front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cw-cli-private.h"

static const CwCommand commands[] = {
  { "render", N_("Render a deck to PNG sequences (and MP4s)"), cw_cli_render },
  { "text", N_("Print the text of each slide, as a viewer reads it"), cw_cli_text },
  { "validate", N_("Check a deck file and report its problems"), cw_cli_validate },
  { "info", N_("Show a deck’s slides, duration, statistics and languages"), cw_cli_info },
  { "lint", N_("Check the clip in every format and language before it is posted"), cw_cli_lint },
  { "sheet", N_("Render a contact sheet: every slide, settled, on one picture"), cw_cli_sheet },
  { "import", N_("Update a deck’s statistics from a table (.csv, .ods, .xlsx)"), cw_cli_import },
  { "templates", N_("List the slide templates and their fields"), cw_cli_templates },
  { "strings", N_("Write the texts to translate as a gettext template or catalog"), cw_cli_strings },
  { "translate", N_("Bring translated gettext catalogs into a deck"), cw_cli_translate },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  clearway-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTIONS…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “clearway-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", _("Without a deck, commands use the sample deck built into Clearway."));
}

/**
 * cw_cli_load_deck:
 * @path: (nullable): a deck file, or %NULL for the built-in sample
 *
 * Returns: (transfer full) (nullable): the deck; on failure the reason is
 *   printed (with file and line) and %NULL returned
 */
CwDeck *
cw_cli_load_deck (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CwDeck *deck;

  if (path == NULL)
    return cw_deck_new_sample ();

  /* name the file as the user typed it; absolute paths are long to read */
  file = g_file_new_for_commandline_arg (path);
  deck = cw_deck_load_file (file, NULL, &error);
  if (deck == NULL)
    {
      g_autofree char *full = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup (error->message);

      if (!g_str_equal (full, path) && g_str_has_prefix (message, full))
        {
          g_autofree char *rest = g_strdup (message + strlen (full));
          g_free (message);
          message = g_strconcat (path, rest, NULL);
        }
      g_printerr ("%s\n", message);
      return NULL;
    }
  return deck;
}

/**
 * cw_cli_write_file:
 * @path: the file to write, as the user typed it
 *
 * Writes an output file (a sheet, a catalog) whole or not at all. A
 * symbolic link at @path is replaced, never written through: a link left
 * where an output goes must not redirect it into another file.
 *
 * Returns: %TRUE on success; otherwise the reason is printed
 */
gboolean
cw_cli_write_file (const char *path,
                   GBytes     *bytes)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!cw_file_replace (file, bytes, CW_WRITE_NONE, NULL, &error))
    {
      g_printerr (_("Could not write %s: %s\n"), path, error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * cw_cli_save_deck:
 * @output: (nullable): where -o said to save, or %NULL to save over the
 *   deck itself
 *
 * Saves @deck over itself (through a link, if it was opened through one)
 * or to @output (replacing a link there). Prints why on failure.
 */
gboolean
cw_cli_save_deck (CwDeck     *deck,
                  const char *output)
{
  g_autoptr(GFile) file = output ? g_file_new_for_commandline_arg (output)
                                 : g_object_ref (cw_deck_get_file (deck));
  g_autoptr(GError) error = NULL;

  if (!cw_deck_save_file_full (deck, file, output ? CW_WRITE_NONE : CW_WRITE_FOLLOW_LINK, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

void
cw_cli_print_warnings (CwDeck *deck)
{
  GPtrArray *warnings = cw_deck_get_warnings (deck);

  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (warnings, i));
      /* Translators: prefix of a warning printed by clearway-cli */
      g_printerr (_("warning: %s\n"), line);
    }
}

/* Figures the deck holds but probably should not: a count below zero, a
 * percentage over 100, a figure more than a year old. The deck is named
 * as @path was typed. */
void
cw_cli_print_statistic_warnings (CwDeck     *deck,
                                 const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) warnings = cw_deck_check_statistics (deck, now);

  for (guint i = 0; i < warnings->len; i++)
    {
      CwDiagnostic *d = g_ptr_array_index (warnings, i);
      g_autofree char *line = NULL;

      g_free (d->file);
      d->file = g_strdup (path);
      line = cw_diagnostic_to_string (d);

      g_printerr (_("warning: %s\n"), line);
    }
}

int
cw_cli_usage_error (GOptionContext *context,
                    const char     *command,
                    const char     *message)
{
  g_printerr ("clearway-cli %s: %s\n", command, message);
  g_printerr (_("Run “clearway-cli %s --help” to see the options.\n"), command);
  return CW_EXIT_USAGE;
}

/* Parses the options of @command; on failure sets @exit_status. */
gboolean
cw_cli_parse (GOptionContext   *context,
              const char       *command,
              int              *argc,
              char           ***argv,
              int              *exit_status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_status = cw_cli_usage_error (context, command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Whether @deck has @language (its own or a translation); if not, says
 * which languages it has. */
gboolean
cw_cli_check_language (CwDeck      *deck,
                       const char  *language,
                       GError     **error)
{
  g_auto(GStrv) known = NULL;
  g_autofree char *list = NULL;

  if (cw_deck_has_language (deck, language))
    return TRUE;
  known = cw_deck_list_languages (deck);
  list = g_strjoinv (", ", known);
  g_set_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE,
               _("The deck has no “%s” translation; its languages are %s."), language, list);
  return FALSE;
}

/**
 * cw_cli_expand_languages:
 * @spec: (nullable): "az", "az,ru,en" or "all"; %NULL for the deck's own
 *
 * Returns: (transfer full): the languages, each checked against the deck
 */
GStrv
cw_cli_expand_languages (CwDeck      *deck,
                         const char  *spec,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (spec == NULL)
    {
      g_strv_builder_add (builder, cw_deck_get_language (deck));
      return g_strv_builder_end (builder);
    }
  if (g_str_equal (spec, "all"))
    return cw_deck_list_languages (deck);

  parts = g_strsplit (spec, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (!cw_cli_check_language (deck, parts[i], error))
        return NULL;
      g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/**
 * cw_cli_expand_formats:
 * @spec: (nullable): "tiktok", "square,landscape", "1080x1350" or "all";
 *   %NULL for the deck's own
 *
 * Returns: (transfer full) (element-type CwFormat): the formats
 */
GPtrArray *
cw_cli_expand_formats (CwDeck      *deck,
                       const char  *spec,
                       GError     **error)
{
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  g_auto(GStrv) parts = NULL;

  if (spec == NULL)
    spec = cw_deck_get_format (deck);

  if (g_str_equal (spec, "all"))
    parts = g_strdupv ((char **) cw_format_list_names ());
  else
    parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      CwFormat *format;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      format = cw_format_lookup (parts[i], error);
      if (format == NULL)
        return NULL;
      g_ptr_array_add (formats, format);
    }
  return g_steal_pointer (&formats);
}

/**
 * cw_cli_describe_formats:
 *
 * The built-in output formats for --help, one a line with its name, size
 * and aspect ratio, as resources/formats.json gives them.
 *
 * Returns: (transfer full): the text
 */
char *
cw_cli_describe_formats (void)
{
  const char * const *names = cw_format_list_names ();
  /* Translators: as in the --format help ("A format listed below, WIDTHxHEIGHT, …") */
  const char *custom = _("WIDTHxHEIGHT");
  GString *text = g_string_new (_("Formats:"));
  /* in characters, not bytes: a translated column lines up too */
  glong width = g_utf8_strlen (custom, -1);

  for (guint i = 0; names[i]; i++)
    width = MAX (width, g_utf8_strlen (names[i], -1));

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (names[i], NULL);

      g_string_append_printf (text, "\n  %s%*s  ", names[i], (int) (width - g_utf8_strlen (names[i], -1)), "");
      /* Translators: a format in --help: its name, width×height and aspect, "TikTok, 1080×1920 (9:16)" */
      g_string_append_printf (text, _("%s, %d×%d (%s)"), format->label, format->width, format->height,
                              format->aspect);
    }
  g_string_append_printf (text, "\n  %s%*s  %s\n", custom, (int) (width - g_utf8_strlen (custom, -1)), "",
                          _("a size of your own, such as 1080x1920"));
  return g_string_free (text, FALSE);
}

int
cw_cli_run (int    argc,
            char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  /* CLEARWAY_LOCALEDIR lets the build folder's catalogs be tried uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLEARWAY_LOCALEDIR") && *g_getenv ("CLEARWAY_LOCALEDIR")
                                   ? g_getenv ("CLEARWAY_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("clearway-cli");
  cw_core_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return CW_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return CW_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      g_print ("clearway-cli %s\n", PACKAGE_VERSION);
      return CW_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("clearway-cli: “%s” is not a command.\n\n"), name);
  print_usage (stderr);
  return CW_EXIT_USAGE;
}
