/* test-cli.c: clearway-cli as someone types it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cw-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *run_path;
static const char *run_locale;
static const char *run_language;

static void
run_cli (Run        *run,
         const char *cwd,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CLEARWAY_CLI"));
  va_start (args, cwd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  if (run_path != NULL)
    g_subprocess_launcher_setenv (launcher, "PATH", run_path, TRUE);
  if (run_locale != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", run_locale, TRUE);
  if (run_language != NULL)
    {
      /* the interface's own catalogs, built beside the program */
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", run_language, TRUE);
      g_subprocess_launcher_setenv (launcher, "CLEARWAY_LOCALEDIR", g_getenv ("CLEARWAY_BUILD_LOCALEDIR"), TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
test_usage (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_fps = { 0 };
  g_auto(Run) no_jobs = { 0 };
  g_auto(Run) render_help = { 0 };

  run_cli (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "render"));
  g_assert_nonnull (strstr (help.out, "validate"));

  run_cli (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);

  run_cli (&unknown, NULL, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&bad_fps, NULL, "render", "--fps", "29", NULL);
  g_assert_cmpint (bad_fps.status, ==, 2);
  g_assert_nonnull (strstr (bad_fps.err, "--fps"));

  /* no frames at once is not one a core: it is refused, not taken for the default */
  run_cli (&no_jobs, NULL, "render", "-j", "0", NULL);
  g_assert_cmpint (no_jobs.status, ==, 2);
  g_assert_nonnull (strstr (no_jobs.err, "--jobs"));

  run_cli (&render_help, NULL, "render", "--help", NULL);
  g_assert_cmpint (render_help.status, ==, 0);
  g_assert_nonnull (strstr (render_help.out, "--overwrite"));
  g_assert_nonnull (strstr (render_help.out, "--mp4"));
  /* the video types, and what each is for, are the encoder table's */
  g_assert_nonnull (strstr (render_help.out, "--video"));
  for (const CwEncoder * const *e = cw_encoder_list (); *e; e++)
    {
      g_autofree char *entry = g_strdup_printf ("%s (%s)", (*e)->name, (*e)->description);
      g_assert_nonnull (strstr (render_help.out, entry));
    }
}

/* The choices --help offers are the core's: the frame rates of its one
 * list, the formats of resources/formats.json with their names for people
 * and sizes. */
static void
test_help_choices (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) bad_fps = { 0 };
  g_autofree char *rates = cw_frame_rates_to_string ();
  g_autofree char *fps_line = NULL;
  const guint *list = cw_frame_rates_list (NULL);

  run_cli (&help, NULL, "render", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  fps_line = g_strdup (strstr (help.out, "--fps"));
  g_assert_nonnull (fps_line);
  *strchr (fps_line, '\n') = '\0';
  g_assert_nonnull (strstr (fps_line, rates));
  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *rate = g_strdup_printf ("%u", list[i]);
      g_assert_nonnull (strstr (fps_line, rate));
    }

  for (const char * const *name = cw_format_list_names (); *name; name++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (*name, NULL);
      g_autofree char *line = g_strdup_printf ("  %s ", *name);
      g_autofree char *size = g_strdup_printf ("%s, %d×%d (%s)", format->label, format->width, format->height,
                                               format->aspect);
      const char *found = strstr (help.out, line);

      g_assert_nonnull (found);
      g_assert_true (strstr (found, size) != NULL && strstr (found, size) < strchr (found + 1, '\n'));
    }

  run_cli (&bad_fps, NULL, "render", "--fps", "29", NULL);
  g_assert_cmpint (bad_fps.status, ==, 2);
  g_assert_nonnull (strstr (bad_fps.err, rates));
}

/* Arguments of a troff request, quotes taken off: `.BR \-o ", " \-\-output` */
static GStrv
troff_arguments (const char *line)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *p = line;

  while (*p)
    {
      const char *end;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      if (*p == '"')
        {
          end = strchr (p + 1, '"');
          end = end ? end : p + strlen (p);
          g_ptr_array_add (args, g_strndup (p + 1, end - p - 1));
          p = *end ? end + 1 : end;
        }
      else
        {
          end = p + strcspn (p, " ");
          g_ptr_array_add (args, g_strndup (p, end - p));
          p = end;
        }
    }
  g_ptr_array_add (args, NULL);
  return (GStrv) g_ptr_array_free (args, FALSE);
}

/* What a line of the man page reads as: font requests and escapes gone,
 * the alternating-font requests (.BR, .IR…) joining their arguments. */
static char *
troff_line_text (const char *line)
{
  g_autofree char *joined = NULL;
  g_autoptr(GString) text = NULL;

  if (line[0] == '.')
    {
      gsize len = strcspn (line, " ");
      g_autofree char *request = g_strndup (line, len);
      g_auto(GStrv) args = troff_arguments (line + len);
      gboolean alternating = strlen (request) == 3;

      joined = g_strjoinv (alternating ? "" : " ", args);
    }
  else
    joined = g_strdup (line);

  text = g_string_new (joined);
  for (const char *const *e = (const char *const[]) { "\\fB", "\\fI", "\\fP", "\\fR", NULL }; *e; e++)
    g_string_replace (text, *e, "", 0);
  g_string_replace (text, "\\-", "-", 0);
  g_string_replace (text, "\\(mu", "×", 0);
  g_string_replace (text, "’", "'", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The options the man page describes in @section: "-o, --output=DIR" to
 * what it says of it, as read. */
static GHashTable *
man_options (const char *section)
{
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) items = g_strsplit (section, "\n.TP\n", -1);

  for (guint i = 1; items[i]; i++)
    {
      g_auto(GStrv) lines = g_strsplit (items[i], "\n", -1);
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint j = 1; lines[j] && !g_str_has_prefix (lines[j], ".PP"); j++)
        {
          g_autofree char *text = troff_line_text (lines[j]);

          if (body->len > 0)
            g_string_append_c (body, ' ');
          g_string_append (body, text);
        }
      g_hash_table_insert (options, troff_line_text (lines[0]), g_string_free (g_steal_pointer (&body), FALSE));
    }
  return options;
}

/* The man page and --help say the same: every command --help lists has a
 * section; in it, every option the command's --help lists (generated from
 * its option table) appears with the same short name and argument, and its
 * description begins as --help's does up to the first comma, colon or
 * parenthesis; and the page describes no option the program lacks. */
static void
test_man_page_agrees (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "clearway-cli.1", NULL);
  g_autofree char *man = NULL;
  g_autoptr(GRegex) option_re = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) help = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean in_commands = FALSE;
  guint commands = 0;

  g_assert_true (g_file_get_contents (path, &man, NULL, &error));
  g_assert_no_error (error);
  option_re = g_regex_new ("^  ((?:-\\w, )?--[a-z0-9-]+(?:=\\S+)?)  +(.*)$", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);

  run_cli (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  lines = g_strsplit (help.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *command = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *section = NULL;
      g_autoptr(GHashTable) described = NULL;
      g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_auto(Run) command_help = { 0 };
      const char *start;
      const char *end;
      GHashTableIter iter;
      gpointer key;

      if (g_str_equal (lines[i], "Commands:"))
        {
          in_commands = TRUE;
          continue;
        }
      if (!in_commands)
        continue;
      if (!g_str_has_prefix (lines[i], "  "))
        break;
      command = g_strndup (lines[i] + 2, strcspn (lines[i] + 2, " "));
      commands++;

      heading = g_strdup_printf ("\n.SS \"%s ", command);
      start = strstr (man, heading);
      if (start == NULL)
        {
          heading[strlen (heading) - 1] = '"';
          start = strstr (man, heading);
        }
      if (start == NULL)
        {
          g_test_fail_printf ("data/clearway-cli.1 has no section for “%s”", command);
          continue;
        }
      start += strlen (heading);
      end = strstr (start, "\n.S");
      section = end ? g_strndup (start, end - start) : g_strdup (start);
      described = man_options (section);

      run_cli (&command_help, NULL, command, "--help", NULL);
      g_assert_cmpint (command_help.status, ==, 0);
      g_regex_match (option_re, command_help.out, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *option = g_match_info_fetch (match, 1);
          g_autofree char *text = g_match_info_fetch (match, 2);
          g_autofree char *said = troff_line_text (text);
          const char *there;

          if (g_str_equal (option, "-h, --help"))
            continue;
          g_hash_table_add (listed, g_strdup (option));
          there = g_hash_table_lookup (described, option);
          said[strcspn (said, ",:;(")] = '\0';
          if (there == NULL)
            g_test_fail_printf ("data/clearway-cli.1 does not describe “%s %s” as --help does", command, option);
          else if (!g_str_has_prefix (there, g_strchomp (said)))
            g_test_fail_printf ("data/clearway-cli.1 says of “%s %s”: “%s”; --help begins “%s”",
                                command, option, there, said);
        }

      g_hash_table_iter_init (&iter, described);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (listed, key))
          g_test_fail_printf ("data/clearway-cli.1 describes “%s %s”, which its --help does not list",
                              command, (const char *) key);
    }
  g_assert_cmpuint (commands, >=, 9);
}

#define NBSP "\xc2\xa0"

static void
test_text (void)
{
  g_auto(Run) run = { 0 };

  /* the built-in sample, with every number counted up */
  run_cli (&run, NULL, "text", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "168,000\nhectares cleared of mines\n"));
  g_assert_nonnull (strstr (run.out, "161,000 mines neutralised\nAnti-tank and other\n136,000\nAnti-personnel\n25,000"));
  g_assert_nonnull (strstr (run.out, "Since 1991\nover" NBSP "3,400\npeople killed or injured"));
  g_assert_nonnull (strstr (run.out, "Source: ANAMA, Oct 2024"));
  /* "fewer" says the fall once: no minus sign before it */
  g_assert_nonnull (strstr (run.out, "\n60%\nfewer mine incidents\n"));
  g_assert_null (strstr (run.out, "−60"));
  g_assert_nonnull (strstr (run.out, "\nReport it\nCall 112\n"));
}

/* The sample speaks Russian: its words, its plural, its numbers and dates. */
/* The interface follows the user's language: LANGUAGE=az speaks Azerbaijani. */
static void
test_interface_language (void)
{
  static const struct { const char *language; const char *said; } cases[] = {
    { "az", "Layihədən PNG ardıcıllıqları" },
    { "ru", "Отрисовать проект" },
    { "en", "Render a deck to PNG sequences" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_locale = "C.UTF-8";
      run_language = cases[i].language;
      run_cli (&run, NULL, "--help", NULL);
      run_locale = NULL;
      run_language = NULL;
      g_assert_cmpint (run.status, ==, 0);
      if (strstr (run.out, cases[i].said) == NULL)
        g_error ("LANGUAGE=%s: the help does not say “%s”:\n%s", cases[i].language, cases[i].said, run.out);
    }
}

static void
test_text_russian (void)
{
  static const char *locales[] = { "C", "C.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_auto(Run) run = { 0 };

      /* whatever the machine's locale */
      run_locale = locales[i];
      run_cli (&run, NULL, "text", "--lang", "ru", NULL);
      run_locale = NULL;
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "С 2020 года\n168" NBSP "000\nгектаров очищено от мин\n"));
      g_assert_nonnull (strstr (run.out, "Обезврежено мин: 161" NBSP "000\nПротивотанковые и другие\n136" NBSP "000\n"));
      g_assert_nonnull (strstr (run.out, "С 1991 года\nболее" NBSP "3" NBSP "400\nчеловек погибли или ранены\n"));
      g_assert_nonnull (strstr (run.out, "1 фигурка = 100 человек"));
      g_assert_nonnull (strstr (run.out, "\n60" NBSP "%\nснижение числа инцидентов с минами\n"));
      g_assert_nonnull (strstr (run.out, "Источник: ANAMA, окт. 2024\xe2\x80\xafг."));
      g_assert_nonnull (strstr (run.out, "\nСообщите о находке\nЗвоните 112\n"));
      /* every text has its translation */
      g_assert_null (strstr (run.err, "source language"));
      g_assert_null (strstr (run.out, "Source:"));
    }

  {
    g_auto(Run) az = { 0 };

    run_cli (&az, NULL, "text", "--lang", "az", NULL);
    g_assert_cmpint (az.status, ==, 0);
    g_assert_nonnull (strstr (az.out, "168.000\nhektar minalardan təmizlənib\n"));
    g_assert_nonnull (strstr (az.out, "161.000 mina zərərsizləşdirilib"));
    g_assert_nonnull (strstr (az.out, "\n60%\ndaha az mina hadisəsi\n"));
    g_assert_nonnull (strstr (az.out, "Tank əleyhinə və digər minalar\n"));
    g_assert_nonnull (strstr (az.out, "1991-dən bəri\nən azı" NBSP "3.400\nnəfər həlak olub və ya yaralanıb\n"));
    g_assert_nonnull (strstr (az.out, "1 işarə = 100 nəfər"));
    g_assert_nonnull (strstr (az.out, "\nFövqəladə hallara xəbər verin\nZəng edin: 112\n"));
    g_assert_nonnull (strstr (az.out, "Mənbə: ANAMA, okt 2024"));
    g_assert_null (strstr (az.err, "source language"));
  }
}

static const char *small_deck =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
  "  <meta><title>Small</title><language>en</language></meta>\n"
  "  <statistics>\n"
  "    <statistic id=\"mines\" value=\"161000\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"/>\n"
  "  </statistics>\n"
  "  <slides>\n"
  "    <slide id=\"count\" template=\"big-number\">\n"
  "      <field name=\"statistic\" value=\"mines\"/>\n"
  "      <text name=\"label\" plural=\"mines neutralised\">mine neutralised</text>\n"
  "      <text name=\"detail\">{mines} in all</text>\n"
  "    </slide>\n"
  "  </slides>\n"
  "</deck>\n";

static char *
po_from_template (const char *pot,
                  const char *language,
                  const char *plural_forms)
{
  g_autoptr(GString) po = g_string_new (pot);

  /* what a translator's tool does first: say the language */
  g_string_replace (po, "#, fuzzy\nmsgid \"\"", "msgid \"\"", 1);
  g_string_replace (po, "\"Language: \\n\"", language, 1);
  g_string_replace (po, "nplurals=2; plural=(n != 1);", plural_forms, 1);
  return g_string_free (g_steal_pointer (&po), FALSE);
}

/* strings, a translator, translate: and a broken catalog changes nothing */
static void
test_strings_and_translate (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck = g_build_filename (dir, "small.clearway", NULL);
  g_autofree char *pot_path = g_build_filename (dir, "small.pot", NULL);
  g_autofree char *ru_path = g_build_filename (dir, "ru.po", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.po", NULL);
  g_autofree char *pot = NULL;
  g_autofree char *po = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) strings = { 0 };
  g_auto(Run) source = { 0 };
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) lang = { 0 };
  g_auto(Run) text = { 0 };
  g_autoptr(GError) error = NULL;
  gsize before_len, after_len;

  g_file_set_contents (deck, small_deck, -1, &error);
  g_assert_no_error (error);

  run_cli (&strings, dir, "strings", "small.clearway", "-o", "small.pot", NULL);
  g_assert_cmpint (strings.status, ==, 0);
  g_assert_nonnull (strstr (strings.err, "small.pot"));
  g_file_get_contents (pot_path, &pot, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pot, "#: small.clearway:10\nmsgctxt \"count/label\"\nmsgid \"mine neutralised\"\n"
                                 "msgid_plural \"mines neutralised\"\n"));

  /* the deck's own language is not a translation */
  run_cli (&source, dir, "strings", "small.clearway", "--lang", "en", NULL);
  g_assert_cmpint (source.status, ==, 1);
  g_assert_nonnull (strstr (source.err, "template"));

  /* a Russian translation, as a translator would return it */
  po = po_from_template (pot, "\"Language: ru\\n\"",
                         "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);");
  {
    g_autoptr(GString) s = g_string_new (po);
    g_string_replace (s, "msgid_plural \"mines neutralised\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n",
                      "msgid_plural \"mines neutralised\"\nmsgstr[0] \"мина обезврежена\"\n"
                      "msgstr[1] \"мины обезврежены\"\nmsgstr[2] \"мин обезврежено\"\n", 1);
    g_string_replace (s, "msgid \"{mines} in all\"\nmsgstr \"\"", "msgid \"{mines} in all\"\nmsgstr \"всего {mines}\"", 1);
    g_free (po);
    po = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_file_set_contents (ru_path, po, -1, &error);
  g_assert_no_error (error);

  /* a broken copy: the translation loses its figure */
  broken = g_strdup (po);
  {
    g_autoptr(GString) s = g_string_new (broken);
    g_string_replace (s, "msgstr \"всего {mines}\"", "msgstr \"всего\"", 1);
    g_free (broken);
    broken = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_file_set_contents (broken_path, broken, -1, &error);
  g_assert_no_error (error);

  g_file_get_contents (deck, &before, &before_len, &error);
  g_assert_no_error (error);
  run_cli (&bad, dir, "translate", "small.clearway", "--po", "ru.po", "--po", "broken.po", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "broken.po:"));
  g_assert_nonnull (strstr (bad.err, "leaves out {mines}"));
  g_assert_nonnull (strstr (bad.err, "Nothing was imported"));
  /* the deck is exactly as it was */
  g_file_get_contents (deck, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_pointer (&after, g_free);

  run_cli (&usage, dir, "translate", "small.clearway", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "--po"));

  /* -o leaves the deck alone */
  run_cli (&good, dir, "translate", "small.clearway", "--po", "ru.po", "-o", "out.clearway", NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "ru.po:"));
  g_assert_nonnull (strstr (good.out, " (ru): 2 translated, 0 to review, 1 untranslated, 0 no longer in the deck."));
  g_assert_nonnull (strstr (good.out, "Ask the translator"));
  g_file_get_contents (deck, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);

  run_cli (&text, dir, "text", "out.clearway", "--lang", "ru", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "161" NBSP "000\nмин обезврежено\nвсего 161" NBSP "000\n"));

  /* and the Russian catalog comes back out, translated */
  run_cli (&lang, dir, "strings", "out.clearway", "--lang", "ru", NULL);
  g_assert_cmpint (lang.status, ==, 0);
  g_assert_nonnull (strstr (lang.out, "\"Language: ru\\n\""));
  g_assert_nonnull (strstr (lang.out, "msgstr[2] \"мин обезврежено\""));

  cw_test_remove_tree (dir);
}

static void
test_info (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "info", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Karabakh"));
  g_assert_nonnull (strstr (run.out, "Duration:"));
  g_assert_nonnull (strstr (run.out, "mines_neutralised"));
  g_assert_nonnull (strstr (run.out, "big-number"));

  /* each figure with its unit once: a percentage's format carries its own */
  {
    const char *line = strstr (run.out, "  incident_drop ");
    g_autofree char *text = NULL;

    g_assert_nonnull (line);
    text = g_strndup (line, strcspn (line, "\n"));
    g_assert_nonnull (strstr (text, " 60% "));
    g_assert_null (strstr (text, "% %"));
    g_assert_true (strchr (text, '%') == strrchr (text, '%'));
    g_assert_nonnull (strstr (run.out, " 168,000 ha "));
  }
}

static void
test_validate (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.clearway", NULL);
  g_auto(Run) good = { 0 };
  g_auto(Run) broken = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_autofree char *sample_path = g_build_filename (dir, "sample.clearway", NULL);

  g_file_set_contents (sample_path, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), NULL);
  run_cli (&good, dir, "validate", "sample.clearway", NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "sample.clearway: valid"));

  g_file_set_contents (bad,
                       "<?xml version=\"1.0\"?>\n"
                       "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
                       "  <meta><title>T</title><language>en</language></meta>\n"
                       "  <slides>\n"
                       "    <slide id=\"a\" template=\"pie-in-the-sky\"/>\n"
                       "  </slides>\n"
                       "</deck>\n", -1, NULL);
  /* the message names the file as it was typed, and the line */
  run_cli (&broken, dir, "validate", "bad.clearway", NULL);
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_true (g_str_has_prefix (broken.err, "bad.clearway:5: "));
  g_assert_nonnull (strstr (broken.err, "pie-in-the-sky"));

  run_cli (&missing, dir, "validate", "gone.clearway", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "gone.clearway"));

  cw_test_remove_tree (dir);
}

/* validate warns about figures that load but look wrong, with the line
 * and what to do, and does not fail for them. */
static void
test_validate_warnings (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "odd.clearway", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
    "  <meta><title>T</title><language>en</language></meta>\n"
    "  <statistics>\n"
    "    <statistic id=\"mines\" value=\"-5\" unit=\"mines\" as-of=\"%d\" source=\"ANAMA\"/>\n"
    "    <statistic id=\"share\" value=\"150\" unit=\"%%\" as-of=\"%d\" source=\"ANAMA\"/>\n"
    "    <statistic id=\"old\" value=\"3\" as-of=\"2001-05\" source=\"ANAMA\"/>\n"
    "  </statistics>\n"
    "  <slides>\n"
    "    <slide id=\"a\" template=\"big-number\"><field name=\"statistic\" value=\"mines\"/></slide>\n"
    "  </slides>\n"
    "</deck>\n", g_date_time_get_year (now), g_date_time_get_year (now));
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint warnings = 0;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  run_cli (&run, dir, "validate", "odd.clearway", NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "odd.clearway: valid"));

  lines = g_strsplit (run.err, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      /* named as typed, with the line */
      g_assert_true (g_str_has_prefix (lines[i], "warning: odd.clearway:"));
      warnings++;
      if (strstr (lines[i], "“mines”") != NULL)
        g_assert_true (strstr (lines[i], "odd.clearway:5: ") != NULL && strstr (lines[i], "below zero") != NULL);
      else if (strstr (lines[i], "“share”") != NULL)
        g_assert_true (strstr (lines[i], "odd.clearway:6: ") != NULL && strstr (lines[i], "more than the whole") != NULL);
      else
        g_assert_true (strstr (lines[i], "odd.clearway:7: ") != NULL && strstr (lines[i], "“old”") != NULL &&
                       strstr (lines[i], "newer figures") != NULL);
    }
  g_assert_cmpuint (warnings, ==, 3);
  cw_test_remove_tree (dir);
}

static void
test_render (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) lang = { 0 };
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("180x320", NULL);
  g_autoptr(CwRenderer) renderer = cw_renderer_new (sample, "en", format, 30);

  run_cli (&first, dir, "render", "-o", "out", "--format", "180x320", NULL);
  g_assert_cmpint (first.status, ==, 0);
  /* it says where the frames went */
  g_assert_nonnull (strstr (first.out, out));
  g_assert_cmpuint (cw_test_count_frames (out), ==, cw_renderer_get_n_frames (renderer));
  /* progress went to stderr, not into a pipeline reading stdout */
  g_assert_null (strstr (first.out, "%"));

  run_cli (&again, dir, "render", "-o", "out", "--format", "180x320", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "--overwrite"));

  run_cli (&lang, dir, "render", "-o", "other", "--lang", "fr", NULL);
  g_assert_cmpint (lang.status, ==, 2);
  g_assert_nonnull (strstr (lang.err, "fr"));

  cw_test_remove_tree (dir);
}

static void
test_all_formats_and_sheet (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck_path = g_build_filename (dir, "short.clearway", NULL);
  g_autofree char *sheet = g_build_filename (dir, "sheet.png", NULL);
  g_autoptr(CwDeck) deck = cw_test_load_deck_file ("templates.clearway");
  g_autoptr(GError) error = NULL;
  g_auto(Run) all = { 0 };
  g_auto(Run) contact = { 0 };
  g_auto(Run) templates = { 0 };
  const char * const *names = cw_format_list_names ();
  int w, h, type, depth;

  /* two one-second slides keep it quick */
  while (cw_deck_get_n_slides (deck) > 2)
    cw_deck_remove_slide (deck, cw_deck_get_slide (deck, 2));
  cw_slide_set_duration (cw_deck_get_slide (deck, 0), 1);
  cw_slide_set_duration (cw_deck_get_slide (deck, 1), 1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (deck_path);
    g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  }

  run_cli (&all, dir, "render", "short.clearway", "-o", "all", "--format", "all", NULL);
  g_assert_cmpint (all.status, ==, 0);
  /* every format in a folder of its own, at its own size */
  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(CwFormat) format = cw_format_lookup (names[i], NULL);
      g_autofree char *folder = g_build_filename (dir, "all", names[i], NULL);
      g_autofree char *first = g_build_filename (folder, "frame_00000.png", NULL);

      g_assert_cmpuint (cw_test_count_frames (folder), ==, 60);
      g_assert_true (cw_test_png_info (first, &w, &h, &type, &depth));
      g_assert_cmpint (w, ==, format->width);
      g_assert_cmpint (h, ==, format->height);
    }

  run_cli (&contact, dir, "sheet", "short.clearway", "-o", "sheet.png", "--format", "square", NULL);
  g_assert_cmpint (contact.status, ==, 0);
  g_assert_true (cw_test_png_info (sheet, &w, &h, &type, &depth));
  g_assert_cmpint (w, >, h);

  run_cli (&templates, NULL, "templates", NULL);
  g_assert_cmpint (templates.status, ==, 0);
  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    g_assert_nonnull (strstr (templates.out, (*t)->id));
  g_assert_nonnull (strstr (templates.out, "per_icon"));

  cw_test_remove_tree (dir);
}

static void
test_mp4_without_ffmpeg (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(Run) run = { 0 };

  /* a machine without ffmpeg: a clear message, before any work is done */
  run_path = "/nonexistent";
  run_cli (&run, dir, "render", "-o", "out", "--format", "180x320", "--mp4", NULL);
  run_path = NULL;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "ffmpeg"));
  g_assert_nonnull (strstr (run.err, "apt install ffmpeg"));
  g_assert_cmpuint (cw_test_count_frames (out), ==, 0);
  cw_test_remove_tree (dir);
}

/* Saves two one-second slides as short.clearway in @dir: quick to render. */
static void
save_short_deck (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "short.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CwDeck) deck = cw_test_load_deck_file ("templates.clearway");
  g_autoptr(GError) error = NULL;

  while (cw_deck_get_n_slides (deck) > 2)
    cw_deck_remove_slide (deck, cw_deck_get_slide (deck, 2));
  cw_slide_set_duration (cw_deck_get_slide (deck, 0), 1);
  cw_slide_set_duration (cw_deck_get_slide (deck, 1), 1);
  g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_no_error (error);
}

/* clearway-cli render -o ~/Videos --overwrite, where the user keeps their
 * own videos and notes: they are not export output, whatever their names,
 * and rendering there (twice) leaves them as they were. */
static void
test_overwrite_keeps_user_files (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "Videos", NULL);
  const char * const files[][2] = {
    { "holiday.mp4", "my own video" },
    { "interview.mov", "raw footage" },
    { "notes.txt", "what to post when" },
  };

  save_short_deck (dir);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (out, files[i][0], NULL);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  for (guint run = 0; run < 2; run++)
    {
      g_auto(Run) render = { 0 };

      run_cli (&render, dir, "render", "short.clearway", "-q", "-o", "Videos", "--format", "180x320",
               "--overwrite", NULL);
      g_assert_cmpstr (render.err, ==, "");
      g_assert_cmpint (render.status, ==, 0);
      g_assert_cmpuint (cw_test_count_frames (out), ==, 60);
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = g_build_filename (out, files[i][0], NULL);
          g_autofree char *content = NULL;

          g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
          g_assert_cmpstr (content, ==, files[i][1]);
        }
    }

  cw_test_remove_tree (dir);
}

/* Choosing the videos: --video takes the table's names, --mp4 is one of
 * them, and what is made is named at the end. The ffmpeg here is a stand-in
 * that writes the file it is asked for. */
static void
test_video_types (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *bin = g_build_filename (dir, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "ffmpeg", NULL);
  g_autofree char *path = g_strconcat (bin, ":/usr/bin:/bin", NULL);
  g_autofree char *mp4 = g_build_filename (dir, "out", "every-template-en-180x320.mp4", NULL);
  g_autofree char *webm = g_build_filename (dir, "out", "every-template-en-180x320.webm", NULL);
  g_auto(Run) unknown = { 0 };
  g_auto(Run) both = { 0 };

  run_cli (&unknown, dir, "render", "-o", "out", "--video", "mp4,gif", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "gif"));
  g_assert_nonnull (strstr (unknown.err, "webm"));
  g_assert_cmpuint (cw_test_count_entries (dir), ==, 0);

  save_short_deck (dir);
  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fake,
                                      "#!/bin/sh\n"
                                      "case \"$*\" in *-encoders*) exit 1;; esac\n"
                                      "for arg; do out=$arg; done\n"
                                      "echo video > \"$out\"\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);
  run_path = path;
  run_cli (&both, dir, "render", "short.clearway", "-o", "out", "--format", "180x320", "--video", "webm",
           "--mp4", NULL);
  run_path = NULL;
  g_assert_cmpint (both.status, ==, 0);
  g_assert_true (g_file_test (mp4, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (webm, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (both.out, mp4));
  g_assert_nonnull (strstr (both.out, webm));
  /* the frames of the sequence, counted once however many videos were made of them */
  g_assert_nonnull (strstr (both.out, "\n60 frames written"));

  cw_test_remove_tree (dir);
}

/* --video-only keeps the video, its captions and manifest: the frames are
 * made for ffmpeg in the staging folder and go once the video is made. */
static void
test_video_only (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *mp4 = g_build_filename (out, "every-template-en-180x320.mp4", NULL);
  g_autofree char *manifest_path = g_build_filename (out, "manifest.json", NULL);
  g_autofree char *manifest = NULL;
  g_autoptr(GDir) listing = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  const char *name;
  guint n = 0;

  if (!cw_ffmpeg_is_available ())
    {
      g_test_skip ("ffmpeg is not installed");
      return;
    }
  save_short_deck (dir);
  run_cli (&run, dir, "render", "short.clearway", "-o", "out", "--format", "180x320", "--video-only", NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (mp4, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (cw_test_count_frames (out), ==, 0);
  listing = g_dir_open (out, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("left: %s", name);
      g_assert_false (g_str_has_suffix (name, ".png"));
      /* and no staging folder */
      g_assert_false (g_str_has_prefix (name, "."));
      n++;
    }
  /* the video, captions.txt, .srt, .vtt and manifest.json */
  g_assert_cmpuint (n, ==, 5);
  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "\"frames_kept\" : false"));

  /* the manifest lists the video, so it is replaced, not refused, next time */
  run_cli (&again, dir, "render", "short.clearway", "-o", "out", "--format", "180x320", "--video-only",
           "--overwrite", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (cw_test_count_frames (out), ==, 0);
  cw_test_remove_tree (dir);
}

/* A folder with the sample deck in it, as deck.clearway, and the table @csv as table.csv. */
static char *
import_setup (const char *csv,
              gssize      csv_len)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck_path = g_build_filename (dir, "deck.clearway", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (deck_path, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), &error);
  g_assert_no_error (error);
  if (csv != NULL)
    {
      g_file_set_contents (csv_path, csv, csv_len, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&dir);
}

/* The deck in @dir is byte for byte the sample: nothing was written over it. */
static void
assert_deck_untouched (const char *dir)
{
  g_autofree char *deck_path = g_build_filename (dir, "deck.clearway", NULL);
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (deck_path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
}

/* A blank id cell crashed the import (a fuzzer found it); now it is a row to fix. */
static void
test_import_blank_id (void)
{
  static const char * const tables[] = { "id,value\n,1\n", "value,label\n1\n" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *dir = import_setup (tables[i], -1);
      g_auto(Run) run = { 0 };

      run_cli (&run, dir, "import", "deck.clearway", "table.csv", NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "table.csv:2: "));
      g_assert_nonnull (strstr (run.err, "no id"));
      g_assert_null (strstr (run.err, "CRITICAL"));
      assert_deck_untouched (dir);
      cw_test_remove_tree (dir);
    }
}

/* --sheet names a workbook's sheet; given for a CSV file, which has none,
 * or to render without --data, it was silently ignored. */
static void
test_sheet_without_workbook (void)
{
  g_autofree char *dir = import_setup ("id,value\nhectares_cleared,1\n", -1);
  g_auto(Run) import = { 0 };
  g_auto(Run) render = { 0 };

  run_cli (&import, dir, "import", "deck.clearway", "table.csv", "--sheet", "Regions", NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, "table.csv is a CSV file, which has no sheets, but sheet “Regions”"));
  assert_deck_untouched (dir);

  run_cli (&render, dir, "render", "deck.clearway", "--sheet", "Regions", "-o", "out", NULL);
  g_assert_cmpint (render.status, ==, 2);
  g_assert_nonnull (strstr (render.err, "--data"));
  cw_test_remove_tree (dir);
}

/* A missing table, or one that never ends, is refused with its name and
 * without a GLib-CRITICAL; the deck is left as it was. */
static void
test_import_unreadable (void)
{
  g_autofree char *dir = import_setup (NULL, 0);
  g_auto(Run) missing = { 0 };
  g_auto(Run) endless = { 0 };

  run_cli (&missing, dir, "import", "deck.clearway", "missing.csv", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "missing.csv: there is no such file"));
  g_assert_null (strstr (missing.err, "CRITICAL"));

  run_cli (&endless, dir, "import", "deck.clearway", "/dev/zero", NULL);
  g_assert_cmpint (endless.status, ==, 1);
  g_assert_nonnull (strstr (endless.err, "/dev/zero: the file goes on past 8.0\u00a0MiB"));

  assert_deck_untouched (dir);
  cw_test_remove_tree (dir);
}

/* A row the deck loader refuses (a figure of 1e300, a 5 MB label) was
 * imported over the deck, which then no longer opened. */
static void
test_import_unopenable (void)
{
  g_autoptr(GString) long_label = g_string_new ("id,label,value\nlong,");
  struct { const char *table; const char *says; } cases[] = {
    { "id,label,value,unit,as_of,source\nx,X,1e300,%,2024,A\n", "table.csv:2: the value “1e300” of “x” is larger" },
    { NULL, "table.csv:2: the “label” cell of “long” is 5242880 characters long" },
  };

  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (long_label, 'a');
  g_string_append (long_label, ",1\n");
  cases[1].table = long_label->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = import_setup (cases[i].table, -1);
      g_autofree char *out = g_build_filename (dir, "out.clearway", NULL);
      g_auto(Run) over = { 0 };
      g_auto(Run) beside = { 0 };

      run_cli (&over, dir, "import", "deck.clearway", "table.csv", NULL);
      g_assert_cmpint (over.status, ==, 1);
      g_assert_nonnull (strstr (over.err, cases[i].says));
      assert_deck_untouched (dir);

      run_cli (&beside, dir, "import", "deck.clearway", "table.csv", "-o", "out.clearway", NULL);
      g_assert_cmpint (beside.status, ==, 1);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      cw_test_remove_tree (dir);
    }
}

/* With --skip-bad-rows the good rows are written, and the deck opens. */
static void
test_import_skip_bad_rows (void)
{
  g_autofree char *dir = import_setup ("id,label,value,unit,as_of,source\n"
                                       "x,X,1e300,%,2024,A\n"
                                       "mines_neutralised,,163500,,2024-11,\n"
                                       "tiny,Tiny,0.00001,,,\n", -1);
  g_auto(Run) import = { 0 };
  g_auto(Run) validate = { 0 };
  g_auto(Run) info = { 0 };

  run_cli (&import, dir, "import", "deck.clearway", "table.csv", "--skip-bad-rows", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.err, "table.csv:2: "));
  g_assert_nonnull (strstr (import.out, "1 statistic added, 1 updated"));

  run_cli (&validate, dir, "validate", "deck.clearway", NULL);
  g_assert_cmpint (validate.status, ==, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (dir);
    g_autoptr(GFile) deck_file = g_file_get_child (file, "deck.clearway");
    g_autoptr(GError) error = NULL;
    g_autoptr(CwDeck) deck = cw_deck_load_file (deck_file, NULL, &error);

    g_assert_no_error (error);
    /* a tiny figure is kept, not written as 0 */
    g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "tiny")), ==, 0.00001);
    g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "mines_neutralised")), ==, 163500);
  }
  cw_test_remove_tree (dir);
}

static gboolean
staging_has_frames (const char *out)
{
  GDir *d = g_dir_open (out, 0, NULL);
  const char *name;
  gboolean found = FALSE;

  if (d == NULL)
    return FALSE;
  while (!found && (name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, ".clearway-partial-"))
        {
          g_autofree char *staging = g_build_filename (out, name, NULL);
          found = cw_test_count_frames (staging) > 3;
        }
    }
  g_dir_close (d);
  return found;
}

static void
test_interrupt (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("CLEARWAY_CLI"), "render", "-o", "out", "-j", "1", NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* wait until frames are being written, then press Ctrl+C */
  while (!staging_has_frames (out) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (staging_has_frames (out));
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  /* no sequence that looks complete, and no hidden leftovers */
  g_assert_cmpuint (cw_test_count_entries (out), ==, 0);

  cw_test_remove_tree (dir);
}

static void
limit_memory (gpointer data)
{
  /* under AddressSanitizer a memory limit would stop the program before it starts */
#ifndef UNDER_ASAN
  /* several times what the program needs, far below what reading a device whole takes */
  struct rlimit limit = { 512 * 1024 * 1024, 512 * 1024 * 1024 };

  setrlimit (RLIMIT_DATA, &limit);
#endif
}

/* Runs @script with sh in @cwd, $CLEARWAY_CLI naming the program, within a memory limit. */
static void
run_shell (Run        *run,
           const char *cwd,
           const char *script)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_set_child_setup (launcher, limit_memory, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* A device or a pipe is read up to the size of a deck, not until memory runs out. */
static void
test_endless_input (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_auto(Run) device = { 0 };
  g_auto(Run) pipe = { 0 };

  run_shell (&device, dir, "exec \"$CLEARWAY_CLI\" validate /dev/zero");
  g_assert_cmpint (device.status, ==, 1);
  g_assert_true (g_str_has_prefix (device.err, "/dev/zero: "));
  g_assert_nonnull (strstr (device.err, "32.0" NBSP "MiB"));

  /* a deck of 600 MB through a pipe: refused once 32 MiB have come */
  run_shell (&pipe, dir, "head -c 600000000 /dev/zero | \"$CLEARWAY_CLI\" validate /dev/stdin");
  g_assert_cmpint (pipe.status, ==, 1);
  g_assert_true (g_str_has_prefix (pipe.err, "/dev/stdin: "));
  g_assert_nonnull (strstr (pipe.err, "32.0" NBSP "MiB"));

  cw_test_remove_tree (dir);
}

/* A catalog can come through a pipe too, read with the same limit. */
static void
test_translate_from_pipe (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck = g_build_filename (dir, "sample.clearway", NULL);
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_auto(Run) piped = { 0 };
  g_auto(Run) device = { 0 };

  g_assert_true (g_file_set_contents (deck, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), NULL));
  run_shell (&piped, dir,
             "\"$CLEARWAY_CLI\" strings sample.clearway --lang ru | "
             "\"$CLEARWAY_CLI\" translate sample.clearway --po /dev/stdin -o out.clearway");
  g_assert_cmpint (piped.status, ==, 0);
  g_assert_true (g_str_has_prefix (piped.out, "/dev/stdin:"));
  g_assert_nonnull (strstr (piped.out, " (ru): 21 translated"));

  run_shell (&device, dir, "exec \"$CLEARWAY_CLI\" translate sample.clearway --po /dev/zero");
  g_assert_cmpint (device.status, ==, 1);
  g_assert_nonnull (strstr (device.err, "/dev/zero: the file is larger than a catalog may be"));

  cw_test_remove_tree (dir);
}

/* A deck without slides is an error with its line, for validate and for render. */
static void
test_no_slides (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.clearway", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(Run) validate = { 0 };
  g_auto(Run) render = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
                                      "  <meta><title>T</title><language>en</language></meta>\n"
                                      "  <slides/>\n"
                                      "</deck>\n", -1, NULL));

  run_cli (&validate, dir, "validate", "empty.clearway", NULL);
  g_assert_cmpint (validate.status, ==, 1);
  g_assert_true (g_str_has_prefix (validate.err, "empty.clearway:4: "));
  g_assert_nonnull (strstr (validate.err, "Add a slide"));
  g_assert_null (strstr (validate.out, "valid"));

  run_cli (&render, dir, "render", "empty.clearway", "-o", "out", NULL);
  g_assert_cmpint (render.status, ==, 1);
  g_assert_true (g_str_has_prefix (render.err, "empty.clearway:4: "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  cw_test_remove_tree (dir);
}

static void
assert_link_replaced (const char *dir,
                      const char *link,
                      const char *victim)
{
  g_autofree char *link_path = g_build_filename (dir, link, NULL);
  g_autofree char *victim_path = g_build_filename (dir, victim, NULL);
  g_autofree char *content = NULL;

  /* the file the link pointed to is as it was; the link is now the output */
  g_assert_true (g_file_get_contents (victim_path, &content, NULL, NULL));
  if (!g_str_equal (content, "precious"))
    g_error ("%s was written through, into %s", link, victim);
  g_assert_false (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_REGULAR));
}

static void
plant_link (const char *dir,
            const char *link,
            const char *victim)
{
  g_autofree char *link_path = g_build_filename (dir, link, NULL);
  g_autofree char *victim_path = g_build_filename (dir, victim, NULL);

  g_assert_true (g_file_set_contents (victim_path, "precious", -1, NULL));
  g_assert_cmpint (symlink (victim, link_path), ==, 0);
}

/* -o replaces a symbolic link it finds; it never writes into the file the link names. */
static void
test_output_links (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck = g_build_filename (dir, "small.clearway", NULL);
  g_autofree char *csv = g_build_filename (dir, "figures.csv", NULL);
  g_auto(Run) strings = { 0 };
  g_auto(Run) sheet = { 0 };
  g_auto(Run) po = { 0 };
  g_auto(Run) translate = { 0 };
  g_auto(Run) import = { 0 };

  g_assert_true (g_file_set_contents (deck, small_deck, -1, NULL));

  plant_link (dir, "small.pot", "victim-pot");
  run_cli (&strings, dir, "strings", "small.clearway", "-o", "small.pot", NULL);
  g_assert_cmpint (strings.status, ==, 0);
  assert_link_replaced (dir, "small.pot", "victim-pot");

  plant_link (dir, "sheet.png", "victim-png");
  run_cli (&sheet, dir, "sheet", "small.clearway", "-o", "sheet.png", "--width", "64", NULL);
  g_assert_cmpint (sheet.status, ==, 0);
  assert_link_replaced (dir, "sheet.png", "victim-png");

  run_cli (&po, dir, "strings", "small.clearway", "--lang", "ru", "-o", "ru.po", NULL);
  g_assert_cmpint (po.status, ==, 0);
  plant_link (dir, "out.clearway", "victim-deck");
  run_cli (&translate, dir, "translate", "small.clearway", "--po", "ru.po", "-o", "out.clearway", NULL);
  g_assert_cmpint (translate.status, ==, 0);
  assert_link_replaced (dir, "out.clearway", "victim-deck");

  g_assert_true (g_file_set_contents (csv, "id,value\nmines,162000\n", -1, NULL));
  plant_link (dir, "imported.clearway", "victim-import");
  run_cli (&import, dir, "import", "small.clearway", "figures.csv", "-o", "imported.clearway", NULL);
  g_assert_cmpint (import.status, ==, 0);
  assert_link_replaced (dir, "imported.clearway", "victim-import");

  cw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/cli/usage", test_usage);
  g_test_add_func ("/cw/cli/text", test_text);
  g_test_add_func ("/cw/cli/text-russian", test_text_russian);
  g_test_add_func ("/cw/cli/interface-language", test_interface_language);
  g_test_add_func ("/cw/cli/strings-and-translate", test_strings_and_translate);
  g_test_add_func ("/cw/cli/info", test_info);
  g_test_add_func ("/cw/cli/help-choices", test_help_choices);
  g_test_add_func ("/cw/cli/validate", test_validate);
  g_test_add_func ("/cw/cli/validate-warnings", test_validate_warnings);
  g_test_add_func ("/cw/cli/render", test_render);
  g_test_add_func ("/cw/cli/all-formats-and-sheet", test_all_formats_and_sheet);
  g_test_add_func ("/cw/cli/mp4-without-ffmpeg", test_mp4_without_ffmpeg);
  g_test_add_func ("/cw/cli/video-only", test_video_only);
  g_test_add_func ("/cw/cli/overwrite-keeps-user-files", test_overwrite_keeps_user_files);
  g_test_add_func ("/cw/cli/video-types", test_video_types);
  g_test_add_func ("/cw/cli/interrupt", test_interrupt);
  g_test_add_func ("/cw/cli/endless-input", test_endless_input);
  g_test_add_func ("/cw/cli/translate-from-pipe", test_translate_from_pipe);
  g_test_add_func ("/cw/cli/no-slides", test_no_slides);
  g_test_add_func ("/cw/cli/output-links", test_output_links);
  g_test_add_func ("/cw/cli/import-blank-id", test_import_blank_id);
  g_test_add_func ("/cw/cli/sheet-without-workbook", test_sheet_without_workbook);
  g_test_add_func ("/cw/cli/import-unreadable", test_import_unreadable);
  g_test_add_func ("/cw/cli/import-unopenable", test_import_unopenable);
  g_test_add_func ("/cw/cli/import-skip-bad-rows", test_import_skip_bad_rows);
  g_test_add_func ("/cw/cli/man-page-agrees", test_man_page_agrees);

  return g_test_run ();
}
