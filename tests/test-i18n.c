/* test-i18n.c: numbers, dates and plural forms as each audience writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

#include "cw-fonts.h"
#include "cw-test-utils.h"

#define NBSP "\xc2\xa0"         /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xe2\x80\xaf"    /* U+202F NARROW NO-BREAK SPACE */

static void
assert_number (const char    *language,
               CwNumberStyle  style,
               double         value,
               guint          decimals,
               const char    *expected)
{
  g_autofree char *got = cw_number_format (language, style, value, decimals);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_date (const char *language,
             const char *as_of,
             const char *expected)
{
  g_autofree char *got = cw_date_format_as_of (language, as_of);

  g_assert_cmpstr (got, ==, expected);
}

/* What the slides of each language show, exactly: ICU 72 (CLDR 42). */
static void
check_all_formats (void)
{
  /* en */
  assert_number ("en", CW_NUMBER_DECIMAL, 161000, 0, "161,000");
  assert_number ("en", CW_NUMBER_DECIMAL, 1234567.891, 3, "1,234,567.891");
  assert_number ("en", CW_NUMBER_DECIMAL, 2.5, 1, "2.5");
  assert_number ("en", CW_NUMBER_PERCENT, 60, 0, "60%");
  assert_number ("en", CW_NUMBER_PERCENT, 42.5, 1, "42.5%");
  assert_number ("en", CW_NUMBER_COMPACT, 161000, 0, "161K");
  assert_number ("en", CW_NUMBER_COMPACT, 2500000, 0, "2.5M");
  assert_number ("en", CW_NUMBER_PERCENT_CHANGE, 9, 0, "+9%");
  assert_date ("en", "2024-10", "Oct 2024");
  assert_date ("en", "2024-10-05", "Oct 5, 2024");
  assert_date ("en", "2024", "2024");

  /* ru: a no-break space groups digits and comes before %, a comma is the decimal sign */
  assert_number ("ru", CW_NUMBER_DECIMAL, 161000, 0, "161" NBSP "000");
  assert_number ("ru", CW_NUMBER_DECIMAL, 1234567.891, 3, "1" NBSP "234" NBSP "567,891");
  assert_number ("ru", CW_NUMBER_DECIMAL, 2.5, 1, "2,5");
  assert_number ("ru", CW_NUMBER_PERCENT, 60, 0, "60" NBSP "%");
  assert_number ("ru", CW_NUMBER_PERCENT, 42.5, 1, "42,5" NBSP "%");
  assert_number ("ru", CW_NUMBER_COMPACT, 161000, 0, "161" NBSP "тыс.");
  assert_number ("ru", CW_NUMBER_COMPACT, 2500000, 0, "2,5" NBSP "млн");
  assert_number ("ru", CW_NUMBER_PERCENT_CHANGE, 9, 0, "+9" NBSP "%");
  assert_date ("ru", "2024-10", "окт. 2024" NNBSP "г.");
  assert_date ("ru", "2024-10-05", "5 окт. 2024" NNBSP "г.");
  assert_date ("ru", "2024", "2024");

  /* az: a dot groups digits, a comma is the decimal sign, % follows without a space */
  assert_number ("az", CW_NUMBER_DECIMAL, 161000, 0, "161.000");
  assert_number ("az", CW_NUMBER_DECIMAL, 1234567.891, 3, "1.234.567,891");
  assert_number ("az", CW_NUMBER_DECIMAL, 2.5, 1, "2,5");
  assert_number ("az", CW_NUMBER_PERCENT, 60, 0, "60%");
  assert_number ("az", CW_NUMBER_PERCENT, 42.5, 1, "42,5%");
  assert_number ("az", CW_NUMBER_COMPACT, 161000, 0, "161K");
  assert_number ("az", CW_NUMBER_COMPACT, 2500000, 0, "2,5" NBSP "mln");
  assert_date ("az", "2024-10", "okt 2024");
  assert_date ("az", "2024-10-05", "5 okt 2024");
}

/*
 * The process locale must not leak into slides: one export renders az, ru
 * and en, whatever the machine is set to. The C locale has no grouping at
 * all, and ICU has a default locale of its own; neither may matter.
 */
static void
test_numbers_ignore_locale (void)
{
  static const char *locales[] = { "C", "C.UTF-8", "POSIX" };
  static const char *icu_defaults[] = { "en_US", "de_DE", "ar_EG", "ru_RU" };
  char saved_icu[ULOC_FULLNAME_CAPACITY];

  g_strlcpy (saved_icu, uloc_getDefault (), sizeof saved_icu);

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (icu_defaults); j++)
        {
          UErrorCode status = U_ZERO_ERROR;

          g_test_message ("process locale %s, ICU default %s", locales[i], icu_defaults[j]);
          g_assert_nonnull (setlocale (LC_ALL, locales[i]));
          uloc_setDefault (icu_defaults[j], &status);
          g_assert_true (U_SUCCESS (status));
          check_all_formats ();
        }
    }

  {
    UErrorCode status = U_ZERO_ERROR;
    uloc_setDefault (saved_icu, &status);
  }
  setlocale (LC_ALL, "C.UTF-8");
}

/* Dates are remembered once formatted; a deck with thousands of different
 * dates (a hostile one) still gets each date in its own language. */
static void
test_dates_many (void)
{
  for (guint year = 1700; year < 3900; year++)
    {
      g_autofree char *as_of = g_strdup_printf ("%u-10", year);
      g_autofree char *expected = g_strdup_printf ("окт. %u" NNBSP "г.", year);

      assert_date ("ru", as_of, expected);
    }
  assert_date ("en", "2024-10", "Oct 2024");
  assert_date ("ru", "2024-10", "окт. 2024" NNBSP "г.");
  assert_date ("az", "2024-10", "okt 2024");
}

/* Numbers never break across lines: their separators are no-break spaces. */
static void
test_numbers_do_not_break (void)
{
  static const char *languages[] = { "en", "az", "ru", "fr", "ar" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *number = cw_number_format (languages[i], CW_NUMBER_DECIMAL, 1234567, 0);
      g_autofree char *percent = cw_number_format (languages[i], CW_NUMBER_PERCENT, 60, 0);

      g_assert_null (strchr (number, ' '));
      g_assert_null (strchr (percent, ' '));
    }
}

typedef struct
{
  double n;
  int    en;
  int    ru;
  int    ar;
} PluralCase;

/* The index of the form gettext picks, worked out by hand from each rule. */
static const PluralCase plural_cases[] = {
  /*      n   en  ru  ar */
  {       0,  1,  2,  0 },
  {       1,  0,  0,  1 },
  {       2,  1,  1,  2 },
  {       3,  1,  1,  3 },
  {       5,  1,  2,  3 },
  {      11,  1,  2,  4 },
  {      21,  1,  0,  4 },
  {      22,  1,  1,  4 },
  {      25,  1,  2,  4 },
  {     100,  1,  2,  5 },
  {     101,  1,  0,  5 },
  {     102,  1,  1,  5 },
  {     111,  1,  2,  4 },
  {  161000,  1,  2,  5 },
  /* gettext plurals know integers only; a fraction takes the last form */
  {     1.5,  1,  2,  5 },
  {     2.5,  1,  2,  5 },
  {    0.25,  1,  2,  5 },
  /* a fall is counted like a rise */
  {      -1,  0,  0,  1 },
  {     -22,  1,  1,  4 },
};

static CwPluralRule *
rule_for (const char *language)
{
  g_autoptr(GError) error = NULL;
  const char *header = cw_plural_forms_for_language (language);
  CwPluralRule *rule;

  g_assert_nonnull (header);
  rule = cw_plural_rule_parse (header, &error);
  g_assert_no_error (error);
  return rule;
}

static void
test_plural_select (void)
{
  g_autoptr(CwPluralRule) en = rule_for ("en");
  g_autoptr(CwPluralRule) az = rule_for ("az");
  g_autoptr(CwPluralRule) ru = rule_for ("ru");
  g_autoptr(CwPluralRule) ar = rule_for ("ar");

  g_assert_cmpuint (cw_plural_rule_get_n_forms (en), ==, 2);
  g_assert_cmpuint (cw_plural_rule_get_n_forms (az), ==, 2);
  g_assert_cmpuint (cw_plural_rule_get_n_forms (ru), ==, 3);
  g_assert_cmpuint (cw_plural_rule_get_n_forms (ar), ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (plural_cases); i++)
    {
      const PluralCase *c = &plural_cases[i];

      g_test_message ("n = %g", c->n);
      g_assert_cmpint (cw_plural_rule_select (en, c->n), ==, c->en);
      /* Azerbaijani counts like English in gettext: two forms, one for 1 */
      g_assert_cmpint (cw_plural_rule_select (az, c->n), ==, c->en);
      g_assert_cmpint (cw_plural_rule_select (ru, c->n), ==, c->ru);
      g_assert_cmpint (cw_plural_rule_select (ar, c->n), ==, c->ar);
    }
}

static void
test_plural_table (void)
{
  /* gettext writes pt_BR, BCP 47 pt-BR; both find the Brazilian rule */
  g_assert_cmpstr (cw_plural_forms_for_language ("pt_BR"), ==, "nplurals=2; plural=(n > 1);");
  g_assert_cmpstr (cw_plural_forms_for_language ("pt-BR"), ==, "nplurals=2; plural=(n > 1);");
  g_assert_cmpstr (cw_plural_forms_for_language ("pt"), ==, "nplurals=2; plural=(n != 1);");
  /* a region falls back to its language */
  g_assert_cmpstr (cw_plural_forms_for_language ("ru-UA"), ==, cw_plural_forms_for_language ("ru"));
  g_assert_null (cw_plural_forms_for_language ("tlh"));
  g_assert_null (cw_plural_forms_for_language (NULL));

  /* every rule of the table parses */
  for (const char * const *l = (const char * const[]) { "az", "en", "ru", "uk", "pl", "cs", "ro", "lt",
                                                        "ar", "fr", "ja", NULL }; *l; l++)
    {
      g_autoptr(CwPluralRule) rule = rule_for (*l);
      g_assert_cmpint (cw_plural_rule_select (rule, 7), >=, 0);
    }
}

/* What msgfmt refuses in a rule is refused when it is parsed, wherever it
 * comes from: a deck's catalogs used to take a rule that divides by zero. */
static void
test_plural_refused (void)
{
  static const struct { const char *header; const char *says; } cases[] = {
    { "nplurals=2; plural=(n/0);", "divides by zero when n is 0" },
    { "nplurals=2; plural=(n%(n-5) ? 1 : 0);", "divides by zero when n is 5" },
    { "nplurals=2; plural=n;", "for n = 2 it picks another" },
    { "nplurals=3; plural=(n-1);", "for n = 0 it picks another" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwPluralRule) rule = cw_plural_rule_parse (cases[i].header, &error);

      g_test_message ("%s", cases[i].header);
      g_assert_null (rule);
      g_assert_error (error, CW_ERROR, CW_ERROR_CATALOG);
      g_assert_nonnull (strstr (error->message, cases[i].header));
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

/* Found by fuzzing: 2^64 is a whole number that no guint64 holds, and a
 * header that is not UTF-8 must not reach a message or a deck as it is. */
static void
test_plural_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwPluralRule) ru = cw_plural_rule_parse (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    &error);
  g_autoptr(CwPluralRule) foreign = NULL;

  g_assert_no_error (error);
  /* beyond what the rule can count: the last form, as for fractions */
  g_assert_cmpint (cw_plural_rule_select (ru, 18446744073709551616.0), ==, 2);
  g_assert_cmpint (cw_plural_rule_select (ru, -18446744073709551616.0), ==, 2);
  g_assert_cmpint (cw_plural_rule_select (ru, 1e300), ==, 2);
  g_assert_cmpint (cw_plural_rule_select (ru, 21), ==, 0);

  /* a deck keeps the header in XML, which cannot hold this character */
  {
    g_autoptr(GError) control_error = NULL;
    g_autoptr(CwPluralRule) control = cw_plural_rule_parse ("nplurals=2; \x06plural=(n != 1);",
                                                            &control_error);

    g_assert_null (control);
    g_assert_error (control_error, CW_ERROR, CW_ERROR_CATALOG);
    g_assert_nonnull (strstr (control_error->message, "U+0006"));
  }

  foreign = cw_plural_rule_parse ("nplurals=2; plural=(n != 1) \xff;", &error);
  g_assert_null (foreign);
  g_assert_error (error, CW_ERROR, CW_ERROR_CATALOG);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "not UTF-8"));
}

static gboolean
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_MERGE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  return TRUE;
}

/*
 * Our evaluator against glibc's own, on a compiled catalog: for every n up
 * to 3000 and a few large ones, dngettext() and cw_plural_rule_select()
 * must pick the same form of a Russian and an Arabic message.
 */
static void
test_plural_matches_glibc (void)
{
  static const char *languages[] = { "ru", "ar" };
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *dir = NULL;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt is not installed (Debian package gettext); the glibc cross-check needs it");
      return;
    }

  dir = cw_test_make_tmpdir ();
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(CwPluralRule) rule = rule_for (languages[i]);
      g_autofree char *domain = g_strdup_printf ("cw-plural-%s", languages[i]);
      g_autofree char *lc = g_build_filename (dir, languages[i], "LC_MESSAGES", NULL);
      g_autofree char *po = g_build_filename (dir, "plural.po", NULL);
      g_autofree char *mo_name = g_strconcat (domain, ".mo", NULL);
      g_autofree char *mo = g_build_filename (lc, mo_name, NULL);
      g_autoptr(GString) contents = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      guint n_forms = cw_plural_rule_get_n_forms (rule);
      static const unsigned long big[] = { 161000, 1000001, 4294967295ul, 4294967296ul + 22 };

      g_string_append_printf (contents,
                              "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                              "\"Plural-Forms: %s\\n\"\n\nmsgid \"one\"\nmsgid_plural \"many\"\n",
                              cw_plural_forms_for_language (languages[i]));
      for (guint f = 0; f < n_forms; f++)
        g_string_append_printf (contents, "msgstr[%u] \"%u\"\n", f, f);
      g_file_set_contents (po, contents->str, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (lc, 0700), ==, 0);
      run_tool ((const char * const[]) { msgfmt, "-o", mo, po, NULL });

      bindtextdomain (domain, dir);
      bind_textdomain_codeset (domain, "UTF-8");
      g_setenv ("LANGUAGE", languages[i], TRUE);

      for (unsigned long n = 0; n < 3000; n++)
        {
          const char *form = dngettext (domain, "one", "many", n);
          g_assert_cmpint (cw_plural_rule_select (rule, n), ==, atoi (form));
        }
      for (guint j = 0; j < G_N_ELEMENTS (big); j++)
        g_assert_cmpint (cw_plural_rule_select (rule, (double) big[j]), ==,
                         atoi (dngettext (domain, "one", "many", big[j])));
    }

  g_setenv ("LANGUAGE", "", TRUE);
  cw_test_remove_tree (dir);
}

/* "2020-ci ildən", "что-то": a line never ends at the hyphen inside a word */
static void
test_hyphenated_words_stay_whole (void)
{
  static const char *texts[] = { "2020-ci ildən bəri", "Увидели что-то странное?", "Anti-personnel mines" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) whole = cw_text_layout_new (cw_fonts_get_measure_context (), texts[i], "Noto Sans",
                                                         700, 40, -1, 1.1, PANGO_ALIGN_LEFT, FALSE);
      PangoRectangle logical;
      guint broke = 0;

      pango_layout_get_extents (whole, NULL, &logical);

      /* every width from a third of the line to all of it */
      for (double w = logical.width / (double) PANGO_SCALE / 3; w < logical.width / (double) PANGO_SCALE; w += 4)
        {
          g_autoptr(PangoLayout) layout = cw_text_layout_new (cw_fonts_get_measure_context (), texts[i],
                                                              "Noto Sans", 700, 40, w, 1.1, PANGO_ALIGN_LEFT,
                                                              FALSE);
          PangoLayoutIter *iter = pango_layout_get_iter (layout);

          do
            {
              PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
              int end = line->start_index + line->length;

              if (end < (int) strlen (texts[i]))
                {
                  broke++;
                  g_assert_cmpint (texts[i][end - 1], !=, '-');
                }
            }
          while (pango_layout_iter_next_line (iter));
          pango_layout_iter_free (iter);
        }
      /* the texts did wrap, between their words */
      g_assert_cmpuint (broke, >, 0);
    }
}

/* The sample's Russian after «более» takes the genitive, as its translator
 * note says: «более 21 человека», «более 22 человек». Each count as the
 * pictogram slide shows it, «более» joined to the number. */
static void
test_sample_russian_plurals (void)
{
  static const struct { double count; const char *text; } cases[] = {
    { 1, "С 1991 года\nболее" NBSP "1\nчеловека погибли или ранены\n" },
    { 2, "С 1991 года\nболее" NBSP "2\nчеловек погибли или ранены\n" },
    { 5, "С 1991 года\nболее" NBSP "5\nчеловек погибли или ранены\n" },
    { 11, "С 1991 года\nболее" NBSP "11\nчеловек погибли или ранены\n" },
    { 21, "С 1991 года\nболее" NBSP "21\nчеловека погибли или ранены\n" },
    { 22, "С 1991 года\nболее" NBSP "22\nчеловек погибли или ранены\n" },
    { 25, "С 1991 года\nболее" NBSP "25\nчеловек погибли или ранены\n" },
    { 101, "С 1991 года\nболее" NBSP "101\nчеловека погибли или ранены\n" },
    { 111, "С 1991 года\nболее" NBSP "111\nчеловек погибли или ранены\n" },
    { 3400, "С 1991 года\nболее" NBSP "3" NBSP "400\nчеловек погибли или ранены\n" },
  };
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CwDeck) deck = cw_deck_new_sample ();
      g_autoptr(CwRenderer) renderer = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      CwScene *scene = NULL;

      cw_statistic_set_value (cw_deck_find_statistic (deck, "victims_since_1991"), cases[i].count);
      renderer = cw_renderer_new (deck, "ru", format, 30);
      for (guint s = 0; s < cw_renderer_get_n_slides (renderer); s++)
        if (g_strcmp0 (cw_renderer_get_slide_id (renderer, s), "victims") == 0)
          scene = cw_renderer_get_scene (renderer, s);
      g_assert_nonnull (scene);
      for (guint t = 0; t < scene->texts->len; t++)
        g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (scene->texts, t));
      if (!g_str_has_prefix (text->str, cases[i].text))
        g_error ("%g: expected\n%s\nbut the slide reads\n%s", cases[i].count, cases[i].text, text->str);
    }
}

/* A figure is typed the way its language writes it, grouped or not, and
 * read the same: "162,500" in English and "162.500" in Azerbaijani are one
 * number. A text that two languages read differently is not guessed at. */
static void
test_numbers_parse (void)
{
  static const char *en[] = { "en", NULL };
  static const char *az[] = { "az", NULL };
  static const char *ru[] = { "ru", NULL };
  static const char *en_az[] = { "en", "az", "ru", NULL };
  static const struct { const char * const *languages; const char *text; double value; } ok[] = {
    { en, "162,500", 162500 },
    { en, " 162500 ", 162500 },
    { en, "162 500", 162500 },
    { en, "162\u00a0500", 162500 },
    { en, "162\u202f500", 162500 },
    { en, "2.5", 2.5 },
    { en, "-5", -5 },
    { en, "\u22125", -5 },
    { en, "1,234,567.5", 1234567.5 },
    { az, "162.500", 162500 },
    { az, "162 500", 162500 },
    { az, "2,5", 2.5 },
    /* the deck file's own notation, as the cell showed it before */
    { az, "2.5", 2.5 },
    { az, "0.125", 0.125 },
    { ru, "162\u00a0500", 162500 },
    { ru, "162 500", 162500 },
    { ru, "2,5", 2.5 },
    /* every language reads these alike */
    { en_az, "162500", 162500 },
    { en_az, "1,234,567.5", 1234567.5 },
    { en_az, "1.234.567,5", 1234567.5 },
    { en_az, "162 500", 162500 },
  };
  static const struct { const char * const *languages; const char *text; } refused[] = {
    { en, "abc" }, { en, "" }, { en, "1e5" }, { en, "12,34,567" }, { en, "162,500 mines" },
    { en, "1,50" }, { az, "2.5.1" }, { en, "--5" },
  };
  g_autoptr(GArray) readings = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      double value = 0;

      g_test_message ("%s in %s", ok[i].text, ok[i].languages[0]);
      g_assert_true (cw_number_parse (ok[i].text, ok[i].languages, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (value, ==, ok[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      double value = 7;

      g_test_message ("%s in %s", refused[i].text, refused[i].languages[0]);
      g_assert_false (cw_number_parse (refused[i].text, refused[i].languages, &value, &error));
      g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
      g_assert_cmpfloat (value, ==, 7);
      g_clear_error (&error);
    }

  /* as the interface prints a number, it is that number, whatever a deck language makes of it */
  {
    static const char *az_en[] = { "az", "en", NULL };
    double value = 0;

    g_assert_true (cw_number_parse ("162,500", en_az, &value, &error));
    g_assert_cmpfloat (value, ==, 162500);
    g_assert_true (cw_number_parse ("162.500", az_en, &value, &error));
    g_assert_cmpfloat (value, ==, 162500);
    g_assert_true (cw_number_parse ("-5", en_az, &value, &error));
    g_assert_cmpfloat (value, ==, -5);
    g_assert_no_error (error);

    /* "1,500" in an Azerbaijani interface: 1.5, but 1,500 in English; asked, not guessed */
    g_assert_false (cw_number_parse ("1,500", az_en, &value, &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_AMBIGUOUS);
    g_assert_nonnull (strstr (error->message, "1,500"));
    g_assert_nonnull (strstr (error->message, "1.500"));
    g_clear_error (&error);
    readings = cw_number_parse_readings ("1,500", az_en);
    g_assert_cmpuint (readings->len, ==, 2);
    g_assert_cmpfloat (g_array_index (readings, CwNumberReading, 0).value, ==, 1.5);
    g_assert_cmpstr (g_array_index (readings, CwNumberReading, 0).language, ==, "az");
    g_assert_cmpfloat (g_array_index (readings, CwNumberReading, 1).value, ==, 1500);
    g_assert_cmpstr (g_array_index (readings, CwNumberReading, 1).language, ==, "en");

    /* and "1.500" in an English one: nobody writes 1.5 so */
    g_assert_false (cw_number_parse ("1.500", en_az, &value, &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_AMBIGUOUS);
    g_clear_error (&error);
  }

  /* what an edit shows reads back as the same number */
  for (guint i = 0; i < 3; i++)
    {
      const char * const *languages = i == 0 ? en : i == 1 ? az : ru;
      static const double values[] = { 162500, 2.5, -0.125, 1234567.25 };

      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        {
          g_autofree char *plain = cw_number_format_plain (languages[0], values[j]);
          double value = 0;

          g_assert_true (cw_number_parse (plain, en_az, &value, &error) || i > 0);
          g_clear_error (&error);
          g_assert_true (cw_number_parse (plain, languages, &value, &error));
          g_assert_no_error (error);
          g_assert_cmpfloat (value, ==, values[j]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/i18n/numbers/ignore-locale", test_numbers_ignore_locale);
  g_test_add_func ("/cw/i18n/numbers/do-not-break", test_numbers_do_not_break);
  g_test_add_func ("/cw/i18n/numbers/parse", test_numbers_parse);
  g_test_add_func ("/cw/i18n/dates/many", test_dates_many);
  g_test_add_func ("/cw/i18n/plural/select", test_plural_select);
  g_test_add_func ("/cw/i18n/plural/table", test_plural_table);
  g_test_add_func ("/cw/i18n/plural/refused", test_plural_refused);
  g_test_add_func ("/cw/i18n/plural/edges", test_plural_edges);
  g_test_add_func ("/cw/i18n/plural/matches-glibc", test_plural_matches_glibc);
  g_test_add_func ("/cw/i18n/hyphenated-words-stay-whole", test_hyphenated_words_stay_whole);
  g_test_add_func ("/cw/i18n/sample-russian-plurals", test_sample_russian_plurals);

  return g_test_run ();
}
