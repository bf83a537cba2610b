/* cw-fuzz.c: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cw-fuzz.h"

/* Run by hand, a target reads the same suppressions and stops on the
 * first undefined behaviour as it does under `meson test`; the
 * environment variables still win. */
const char *__lsan_default_options  (void);
const char *__ubsan_default_options (void);

const char *
__lsan_default_options (void)
{
  return "suppressions=" CW_FUZZ_LSAN_SUPP ":print_suppressions=0";
}

const char *
__ubsan_default_options (void)
{
  return "halt_on_error=1:print_stacktrace=1";
}

void
cw_fuzz_init (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* the fonts and settings the tests see, also when run by hand */
  g_setenv ("FONTCONFIG_FILE", CW_FUZZ_FONTS_CONF, FALSE);
  g_setenv ("GIO_USE_VFS", "local", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  /* as G_DEBUG=fatal-warnings does in the tests: a warning or a critical
   * is a bug the fuzzer must stop on */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  cw_core_init ();
}

/* A finding that is not a crash: abort, so libFuzzer saves the input. */
void
cw_fuzz_fail (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  fputs ("cw-fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  fflush (stderr);
  abort ();
}

/* What a user reads: the CLI prints it, the editor puts it in a label. */
void
cw_fuzz_check_message (const char *message,
                       const char *what)
{
  if (message == NULL || message[0] == '\0')
    cw_fuzz_fail ("%s: an empty message", what);
  if (!g_utf8_validate (message, -1, NULL))
    cw_fuzz_fail ("%s: a message that is not UTF-8", what);
}

/* Each diagnostic, as clearway-cli prints it and the editor lists it. */
void
cw_fuzz_check_diagnostics (GPtrArray  *diagnostics,
                           const char *what)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      cw_fuzz_check_message (line, what);
    }
}

/* Refusing an input is fine; refusing it without saying why is not. */
void
cw_fuzz_check_refusal (const GError *error,
                       const char   *what)
{
  if (error == NULL)
    cw_fuzz_fail ("%s failed without an error", what);
  cw_fuzz_check_message (error->message, what);
}

/* Every language laid out, as `clearway-cli validate` and the editor's
 * preview do it: text fitting, number and plural formatting, each
 * template's arithmetic. */
void
cw_fuzz_lay_out (CwDeck *deck)
{
  g_autoptr(CwFormat) format = cw_format_lookup (cw_deck_get_format (deck), NULL);
  g_auto(GStrv) languages = cw_deck_list_languages (deck);

  for (guint i = 0; format != NULL && languages[i] != NULL; i++)
    {
      g_autoptr(CwRenderer) renderer = cw_renderer_new (deck, languages[i], format, cw_deck_get_fps (deck));
      GPtrArray *warnings = cw_renderer_get_warnings (renderer);

      for (guint j = 0; j < warnings->len; j++)
        {
          g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (warnings, j));

          cw_fuzz_check_message (line, "a layout warning");
        }
      if (!(cw_renderer_get_duration (renderer) >= 0))
        cw_fuzz_fail ("the %s clip lasts %g s", languages[i], cw_renderer_get_duration (renderer));
    }
}

static GBytes *
save_and_reopen (CwDeck  *deck,
                 CwDeck **reopened)
{
  g_autoptr(GBytes) saved = cw_deck_save_to_bytes (deck);
  g_autoptr(GError) error = NULL;

  *reopened = cw_deck_load_bytes (saved, "saved.clearway", NULL, &error);
  if (*reopened == NULL)
    cw_fuzz_fail ("a deck Clearway saved does not open again: %s", error->message);
  return g_steal_pointer (&saved);
}

/* What the editor and the CLI do next with a deck: save it. What Clearway
 * saved must open again, and saving what it opened must give the same
 * bytes, or each save would lose or alter something. @opened says the
 * deck came from the loader, so even its first save must be stable; an
 * import's text has not been through the loader's normalising yet. */
void
cw_fuzz_check_saved (CwDeck   *deck,
                     gboolean  opened)
{
  g_autoptr(CwDeck) first = NULL;
  g_autoptr(CwDeck) second = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;

  saved = save_and_reopen (deck, &first);
  if (!opened)
    {
      g_clear_pointer (&saved, g_bytes_unref);
      saved = save_and_reopen (first, &second);
      g_set_object (&first, second);
    }
  saved_again = cw_deck_save_to_bytes (first);
  if (!g_bytes_equal (saved, saved_again))
    cw_fuzz_fail ("a deck saved, opened and saved again changed: something was lost or altered");
}

/* The sample's statistics, so that a table or a catalog written for the
 * sample finds what it names, on two slides instead of seven: each import
 * checks the deck it would write by saving and loading it (and a catalog's
 * import lays every slide out), so a smaller deck runs many more inputs a
 * second over the same code. One slide has a plural label, the other a
 * {placeholder}, as translations must keep. */
static const char small_deck[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta><title>Karabakh</title><language>en</language></meta>\n"
  "  <output format=\"144x256\" fps=\"30\"/>\n"
  "  <theme base=\"night\"/>\n"
  "  <statistics>\n"
  "    <statistic id=\"hectares_cleared\" value=\"168000\" unit=\"ha\" as-of=\"2024-10\" source=\"ANAMA\"><label>Land cleared of mines</label></statistic>\n"
  "    <statistic id=\"mines_neutralised\" value=\"161000\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"><label>Mines neutralised</label></statistic>\n"
  "    <statistic id=\"antipersonnel_mines\" value=\"25000\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"/>\n"
  "    <statistic id=\"mines_by_type\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\">"
  "<point label=\"Anti-tank and other\" value=\"136000\"/><point label=\"Anti-personnel\" value=\"25000\"/></statistic>\n"
  "    <statistic id=\"victims_since_1991\" value=\"3400\" unit=\"people\" as-of=\"2024-10\" source=\"ANAMA\"/>\n"
  "    <statistic id=\"incident_drop\" value=\"60\" unit=\"%\" as-of=\"2024-10\" source=\"ANAMA\"/>\n"
  "  </statistics>\n"
  "  <slides>\n"
  "    <slide id=\"land\" template=\"big-number\"><field name=\"statistic\" value=\"hectares_cleared\"/>"
  "<text name=\"kicker\">Since 2020</text>"
  "<text name=\"label\" plural=\"hectares cleared of mines\">hectare cleared of mines</text></slide>\n"
  "    <slide id=\"mines\" template=\"bar-chart\"><field name=\"statistic\" value=\"mines_by_type\"/>"
  "<text name=\"title\">{mines_neutralised} mines neutralised</text></slide>\n"
  "  </slides>\n"
  "</deck>\n";

/**
 * cw_fuzz_new_small_deck:
 *
 * Returns: (transfer full): a two-slide deck with the sample's statistics
 *   and texts, at a small frame size
 */
CwDeck *
cw_fuzz_new_small_deck (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (small_deck, sizeof small_deck - 1);
  g_autoptr(GError) error = NULL;
  CwDeck *deck = cw_deck_load_bytes (bytes, "small.clearway", NULL, &error);

  if (deck == NULL)
    cw_fuzz_fail ("the small deck does not load: %s", error->message);
  return deck;
}
