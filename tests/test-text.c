/* test-text.c: placeholders, plural forms in the source language, source lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-test-utils.h"

static char *
resolve (const char *name,
         gboolean    compact,
         gpointer    user_data)
{
  CwDeck *deck = user_data;
  CwStatistic *statistic = cw_deck_find_statistic (deck, name);

  return statistic ? cw_statistic_format (statistic, "en", compact) : NULL;
}

static CwDeck *
make_deck (void)
{
  CwDeck *deck = cw_deck_new ();
  g_autoptr(CwStatistic) mines = cw_statistic_new ("mines");
  g_autoptr(CwStatistic) drop = cw_statistic_new ("drop");
  g_autoptr(CwStatistic) area = cw_statistic_new ("area");

  cw_statistic_set_value (mines, 161000);
  cw_statistic_set_value (drop, 60);
  cw_statistic_set_unit (drop, "%");
  cw_statistic_set_value (area, 2.5);
  cw_deck_add_statistic (deck, mines);
  cw_deck_add_statistic (deck, drop);
  cw_deck_add_statistic (deck, area);
  return deck;
}

static void
test_expand (void)
{
  g_autoptr(CwDeck) deck = make_deck ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = cw_text_expand ("{mines} mines neutralised", resolve, deck, &error);
  g_autofree char *b = cw_text_expand ("down {drop} since 2021", resolve, deck, &error);
  g_autofree char *c = cw_text_expand ("{mines:compact} and {area} km²", resolve, deck, &error);
  g_autofree char *d = cw_text_expand ("literal {{braces}} stay", resolve, deck, &error);
  g_autofree char *e = cw_text_expand ("no placeholders", resolve, deck, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "161,000 mines neutralised");
  g_assert_cmpstr (b, ==, "down 60% since 2021");
  g_assert_cmpstr (c, ==, "161K and 2.5 km²");
  g_assert_cmpstr (d, ==, "literal {braces} stay");
  g_assert_cmpstr (e, ==, "no placeholders");
}

static void
test_expand_errors (void)
{
  g_autoptr(CwDeck) deck = make_deck ();
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = cw_text_expand ("{victims} people", resolve, deck, &error);
  g_autofree char *open = NULL;

  g_assert_null (unknown);
  g_assert_error (error, CW_ERROR, CW_ERROR_UNKNOWN_STATISTIC);
  g_assert_nonnull (strstr (error->message, "{victims}"));
  g_clear_error (&error);

  open = cw_text_expand ("{mines people", resolve, deck, &error);
  g_assert_null (open);
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
}

static void
test_list_placeholders (void)
{
  g_autoptr(GPtrArray) names = cw_text_list_placeholders ("{a} and {b:compact}, not {{c}}");
  g_autoptr(GPtrArray) broken = cw_text_list_placeholders ("{a");

  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "b");
  g_assert_null (broken);
}

/* A number typed once updates every slide that shows it. */
static void
test_statistic_updates_slides (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(CwFormat) format = cw_format_lookup ("tiktok", NULL);
  g_autoptr(CwRenderer) before = cw_renderer_new (deck, "en", format, 30);
  g_autoptr(CwRenderer) after = NULL;
  CwScene *scene;
  gboolean found = FALSE;

  cw_statistic_set_value (cw_deck_find_statistic (deck, "mines_neutralised"), 162500);
  after = cw_renderer_new (deck, "en", format, 30);

  /* slide 3 shows the figure inside a sentence: "{mines_neutralised} mines neutralised" */
  scene = cw_renderer_get_scene (after, 2);
  for (guint i = 0; i < scene->texts->len; i++)
    found |= g_str_equal (g_ptr_array_index (scene->texts, i), "162,500 mines neutralised");
  g_assert_true (found);

  scene = cw_renderer_get_scene (before, 2);
  for (guint i = 0; i < scene->texts->len; i++)
    g_assert_null (strstr (g_ptr_array_index (scene->texts, i), "162,500"));
}

/* Which slides use a statistic is what the placeholder parser finds: a
 * statistic "mines" is not used by {mines_neutralised}, so it may be
 * renamed or removed without breaking that slide. */
static void
test_statistic_uses (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <statistics>",
    "    <statistic id=\"mines\" value=\"25000\"/>",
    "    <statistic id=\"mines_neutralised\" value=\"161000\"/>",
    "    <statistic id=\"people\" value=\"3400\"/>",
    "    <statistic id=\"share\" value=\"60\" unit=\"%\"/>",
    "  </statistics>",
    "  <slides>",
    "    <slide id=\"a\" template=\"big-number\">",
    "      <field name=\"statistic\" value=\"mines_neutralised\"/>",
    "      <text name=\"label\">{mines_neutralised} mines neutralised</text>",
    "    </slide>",
    "    <slide id=\"b\" template=\"big-number\">",
    "      <field name=\"statistic\" value=\"mines_neutralised\"/>",
    "      <text name=\"label\" plural=\"people hurt\">person hurt</text>",
    "      <text name=\"detail\">{{people}} is not a figure; {share:compact} is</text>",
    "    </slide>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
  g_autoptr(GPtrArray) mines = NULL;
  g_autoptr(GPtrArray) neutralised = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) share = NULL;
  CwStatistic *statistic;

  g_assert_no_error (error);
  mines = cw_deck_list_slides_using (deck, "mines");
  neutralised = cw_deck_list_slides_using (deck, "mines_neutralised");
  people = cw_deck_list_slides_using (deck, "people");
  share = cw_deck_list_slides_using (deck, "share");
  g_assert_cmpuint (mines->len, ==, 0);
  g_assert_cmpuint (neutralised->len, ==, 2);
  g_assert_true (g_ptr_array_index (neutralised, 0) == cw_deck_get_slide (deck, 0));
  g_assert_cmpuint (people->len, ==, 0);
  g_assert_cmpuint (share->len, ==, 1);

  /* so "mines" may be renamed; a statistic a slide shows may not */
  statistic = cw_deck_find_statistic (deck, "mines");
  g_assert_true (cw_deck_rename_statistic (deck, statistic, "ap_mines", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cw_statistic_get_id (statistic), ==, "ap_mines");
  statistic = cw_deck_find_statistic (deck, "mines_neutralised");
  g_assert_false (cw_deck_rename_statistic (deck, statistic, "neutralised", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "mines_neutralised"));
  g_clear_error (&error);
  g_assert_false (cw_deck_rename_statistic (deck, cw_deck_find_statistic (deck, "people"), "share", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_false (cw_deck_rename_statistic (deck, cw_deck_find_statistic (deck, "people"), "9people", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_cmpstr (cw_statistic_get_id (cw_deck_find_statistic (deck, "people")), ==, "people");
}

static const char *
find_text (CwScene    *scene,
           const char *prefix)
{
  for (guint i = 0; i < scene->texts->len; i++)
    {
      const char *text = g_ptr_array_index (scene->texts, i);
      if (g_str_has_prefix (text, prefix))
        return text;
    }
  return NULL;
}

static void
test_source_plural_and_source_line (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <statistics>",
    "    <statistic id=\"one\" value=\"1\" as-of=\"2024-10\" source=\"ANAMA\"/>",
    "    <statistic id=\"many\" value=\"3400\" as-of=\"2024\" source=\"Landmine Monitor\"/>",
    "    <statistic id=\"undated\" value=\"5\" source=\"MAG\"/>",
    "  </statistics>",
    "  <slides>",
    "    <slide id=\"a\" template=\"big-number\">",
    "      <field name=\"statistic\" value=\"one\"/>",
    "      <text name=\"label\" plural=\"mines found\">mine found</text>",
    "    </slide>",
    "    <slide id=\"b\" template=\"big-number\">",
    "      <field name=\"statistic\" value=\"many\"/>",
    "      <text name=\"label\" plural=\"mines found\">mine found</text>",
    "    </slide>",
    "    <slide id=\"c\" template=\"big-number\">",
    "      <field name=\"statistic\" value=\"undated\"/>",
    "      <text name=\"label\">teams</text>",
    "    </slide>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(CwRenderer) renderer = NULL;

  g_assert_no_error (error);
  renderer = cw_renderer_new (deck, NULL, format, 30);

  /* one mine, many mines */
  g_assert_nonnull (find_text (cw_renderer_get_scene (renderer, 0), "mine found"));
  g_assert_nonnull (find_text (cw_renderer_get_scene (renderer, 1), "mines found"));
  /* the provenance of each figure, dated as precisely as it was given */
  g_assert_cmpstr (find_text (cw_renderer_get_scene (renderer, 0), "Source"), ==, "Source: ANAMA, Oct 2024");
  g_assert_cmpstr (find_text (cw_renderer_get_scene (renderer, 1), "Source"), ==, "Source: Landmine Monitor, 2024");
  g_assert_cmpstr (find_text (cw_renderer_get_scene (renderer, 2), "Source"), ==, "Source: MAG");
}

static void
test_number_formats (void)
{
  g_autofree char *en = cw_number_format ("en", CW_NUMBER_DECIMAL, 161000, 0);
  g_autofree char *pct = cw_number_format ("en", CW_NUMBER_PERCENT, 60, 0);
  g_autofree char *compact = cw_number_format ("en", CW_NUMBER_COMPACT, 161000, 0);
  g_autofree char *decimals = cw_number_format ("en", CW_NUMBER_DECIMAL, 2.5, 1);
  g_autofree char *date = cw_date_format_as_of ("en", "2024-10");
  g_autoptr(CwStatistic) s = cw_statistic_new ("s");

  g_assert_cmpstr (en, ==, "161,000");
  g_assert_cmpstr (pct, ==, "60%");
  g_assert_cmpstr (compact, ==, "161K");
  g_assert_cmpstr (decimals, ==, "2.5");
  g_assert_cmpstr (date, ==, "Oct 2024");

  /* figures keep the decimals they were typed with */
  cw_statistic_set_value (s, 161000);
  g_assert_cmpuint (cw_statistic_get_decimals (s), ==, 0);
  cw_statistic_set_value (s, 2.5);
  g_assert_cmpuint (cw_statistic_get_decimals (s), ==, 1);
  cw_statistic_set_value (s, 0.125);
  g_assert_cmpuint (cw_statistic_get_decimals (s), ==, 3);
}

/* How long a text may be depends on what it is, counts characters (not
 * bytes), and the message says which text, how long it is and the limit. */
static void
test_length_limits (void)
{
  static const struct { CwTextRole role; const char *says; } roles[] = {
    { CW_TEXT_ROLE_LABEL, "The label “a/b” has" },
    { CW_TEXT_ROLE_HEADLINE, "The headline “a/b” has" },
    { CW_TEXT_ROLE_BODY, "The text “a/b” has" },
    { CW_TEXT_ROLE_SOURCE, "The source line “a/b” has" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      guint limit = cw_text_role_get_max_chars (roles[i].role);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *numbers = NULL;

      /* generous: more than any template's box holds comfortably */
      g_assert_cmpuint (limit, >=, 150);
      g_assert_cmpuint (limit, <=, 1000);

      for (guint c = 0; c < limit; c++)
        g_string_append (text, "ə");
      g_assert_true (cw_text_check_length (text->str, roles[i].role, "a/b", &error));
      g_assert_no_error (error);

      g_string_append_c (text, 'x');
      g_assert_false (cw_text_check_length (text->str, roles[i].role, "a/b", &error));
      g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
      g_assert_true (g_str_has_prefix (error->message, roles[i].says));
      numbers = g_strdup_printf ("has %u characters; ", limit + 1);
      g_assert_nonnull (strstr (error->message, numbers));
      g_clear_pointer (&numbers, g_free);
      numbers = g_strdup_printf ("at most %u.", limit);
      g_assert_nonnull (strstr (error->message, numbers));
    }

  g_assert_true (cw_text_check_length (NULL, CW_TEXT_ROLE_LABEL, "a/b", NULL));
  g_assert_true (cw_text_check_length ("", CW_TEXT_ROLE_LABEL, "a/b", NULL));
  g_assert_cmpuint (cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL), <,
                    cw_text_role_get_max_chars (CW_TEXT_ROLE_HEADLINE));
  g_assert_cmpuint (cw_text_role_get_max_chars (CW_TEXT_ROLE_HEADLINE), <,
                    cw_text_role_get_max_chars (CW_TEXT_ROLE_BODY));
}

/* Every text a template declares says what it is; a sentence gets more room than a label. */
static void
test_template_text_roles (void)
{
  const CwTemplate *title = cw_template_lookup ("title");
  const CwTemplate *quote = cw_template_lookup ("quote");

  g_assert_cmpint (cw_template_find_field (title, "headline")->text_role, ==, CW_TEXT_ROLE_HEADLINE);
  g_assert_cmpint (cw_template_find_field (title, "kicker")->text_role, ==, CW_TEXT_ROLE_LABEL);
  g_assert_cmpint (cw_template_find_field (quote, "quote")->text_role, ==, CW_TEXT_ROLE_BODY);

  /* no template's own text (nor its comfortable length) is near its limit */
  for (const CwTemplate * const *t = cw_template_list (); *t; t++)
    {
      for (const CwField *f = (*t)->fields; f->name; f++)
        {
          guint limit = cw_text_role_get_max_chars (f->text_role);

          if (f->type != CW_FIELD_TEXT)
            continue;
          g_assert_cmpuint (f->max_chars * 2, <=, limit);
          if (f->default_value != NULL)
            g_assert_true (cw_text_check_length (f->default_value, f->text_role, f->name, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/text/expand", test_expand);
  g_test_add_func ("/cw/text/expand-errors", test_expand_errors);
  g_test_add_func ("/cw/text/list-placeholders", test_list_placeholders);
  g_test_add_func ("/cw/text/statistic-updates-slides", test_statistic_updates_slides);
  g_test_add_func ("/cw/text/statistic-uses", test_statistic_uses);
  g_test_add_func ("/cw/text/plural-and-source-line", test_source_plural_and_source_line);
  g_test_add_func ("/cw/text/number-formats", test_number_formats);
  g_test_add_func ("/cw/text/length-limits", test_length_limits);
  g_test_add_func ("/cw/text/template-text-roles", test_template_text_roles);

  return g_test_run ();
}
