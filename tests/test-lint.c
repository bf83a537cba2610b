/* test-lint.c: the checks of the rendered clip, one broken rule at a time
 *
 * Each deck breaks one rule once, and the checks must report exactly that,
 * on the right slide, element and frame: a check that reports too much is
 * ignored by the people it is meant to help.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cw-test-utils.h"

#define HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n" \
  "  <meta><title>Lint</title><language>en</language></meta>\n" \
  "  <output format=\"tiktok\" fps=\"30\"/>\n"

#define THEME "  <theme base=\"night\"/>\n"

#define STATISTICS \
  "  <statistics>\n" \
  "    <statistic id=\"cleared\" value=\"168000\" unit=\"ha\" as-of=\"2026-10\" source=\"ANAMA\"><label>Land cleared</label></statistic>\n" \
  "  </statistics>\n"

#define INTRO(kicker, extra) \
  "    <slide id=\"intro\" template=\"title\"" extra ">\n" \
  "      <text name=\"kicker\">" kicker "</text>\n" \
  "      <text name=\"headline\">The land is coming back</text>\n"

#define LAND \
  "    <slide id=\"land\" template=\"big-number\">\n" \
  "      <field name=\"statistic\" value=\"cleared\"/>\n" \
  "      <text name=\"label\">hectares cleared</text>\n" \
  "    </slide>\n"

#define SAFETY \
  "    <slide id=\"end\" template=\"safety\">\n" \
  "      <field name=\"hotline\" value=\"112\"/>\n" \
  "    </slide>\n"

#define GOOD_DECK HEAD THEME STATISTICS "  <slides>\n" INTRO ("Karabakh", "") "    </slide>\n" LAND SAFETY "  </slides>\n</deck>\n"

/* every text of GOOD_DECK, in Russian */
#define RU_MESSAGES(headline, headline_attrs) \
  "      <message context=\"intro/kicker\" source=\"Karabakh\"><form>Карабах</form></message>\n" \
  "      <message context=\"intro/headline\" source=\"The land is coming back\"" headline_attrs "><form>" headline "</form></message>\n" \
  "      <message context=\"land/label\" source=\"hectares cleared\"><form>гектаров очищено</form></message>\n" \
  "      <message context=\"end/title\" source=\"If you see a mine or a strange object:\"><form>Если вы увидели мину или странный предмет:</form></message>\n" \
  "      <message context=\"end/step1\" source=\"Stop. Do not touch it.\"><form>Остановитесь. Не трогайте.</form></message>\n" \
  "      <message context=\"end/step2\" source=\"Step back the way you came.\"><form>Отойдите тем же путём.</form></message>\n" \
  "      <message context=\"end/step3\" source=\"Mark the place if it is safe.\"><form>Отметьте место, если это безопасно.</form></message>\n" \
  "      <message context=\"end/hotline_label\" source=\"Report it\"><form>Сообщите</form></message>\n" \
  "      <message context=\"end/call\" source=\"Call {hotline}\"><form>Звоните {hotline}</form></message>\n" \
  "      <message context=\"deck/source-line\" source=\"Source: {source}, {date}\"><form>Источник: {source}, {date}</form></message>\n"

static GDateTime *
today (void)
{
  return g_date_time_new_utc (2026, 11, 30, 12, 0, 0);
}

static GPtrArray *
lint (CwDeck     *deck,
      const char *format_name,
      const char *language)
{
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  const char *languages[] = { language, NULL };
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  g_ptr_array_add (formats, cw_format_lookup (format_name, &error));
  g_assert_no_error (error);
  results = cw_lint_deck (deck, formats, languages, now, NULL, &error);
  g_assert_no_error (error);
  return results;
}

static CwDeck *
load (const char *xml)
{
  g_autoptr(GError) error = NULL;
  CwDeck *deck = cw_test_load_string (xml, &error);

  g_assert_no_error (error);
  return deck;
}

static guint
count (GPtrArray  *results,
       CwSeverity  severity,
       const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);

      n += d->severity == severity && (rule == NULL || g_strcmp0 (d->rule, rule) == 0);
    }
  return n;
}

static void
print_results (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *text = cw_lint_describe (g_ptr_array_index (results, i), i + 1);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      /* one line a message, so TAP reads them all as comments */
      for (guint k = 0; lines[k] != NULL; k++)
        g_test_message ("%s", lines[k]);
    }
}

/* The one error of @results, which must be of @rule. */
static const CwDiagnostic *
the_error (GPtrArray  *results,
           const char *rule)
{
  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 1);
  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);

      if (d->severity == CW_SEVERITY_ERROR)
        {
          g_assert_cmpstr (d->rule, ==, rule);
          g_assert_nonnull (d->message);
          g_assert_nonnull (d->hint);
          return d;
        }
    }
  g_assert_not_reached ();
}

static guint
slide_index (CwRenderer *renderer,
             const char *id)
{
  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    if (g_str_equal (cw_renderer_get_slide_id (renderer, i), id))
      return i;
  g_assert_not_reached ();
}

static CwRenderer *
renderer_for (CwDeck     *deck,
              const char *format_name,
              const char *language)
{
  g_autoptr(CwFormat) format = cw_format_lookup (format_name, NULL);

  return cw_renderer_new (deck, language, format, cw_deck_get_fps (deck));
}

static guint
settled_frame (CwDeck     *deck,
               const char *format,
               const char *language,
               const char *slide)
{
  g_autoptr(CwRenderer) renderer = renderer_for (deck, format, language);

  return cw_renderer_get_settled_frame (renderer, slide_index (renderer, slide));
}

static void
test_lint_good_deck (void)
{
  g_autoptr(CwDeck) deck = load (GOOD_DECK);
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");

  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
}

/* A kicker in a colour close to the night theme's background. */
static void
test_lint_faint_label (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh", "")
                                 "      <style element=\"kicker\" color=\"#26313D\"/>\n"
                                 "    </slide>\n" LAND SAFETY "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");
  const CwDiagnostic *d = the_error (results, "contrast");
  g_autoptr(CwRenderer) renderer = renderer_for (deck, "tiktok", "en");
  CwScene *scene = cw_renderer_get_scene (renderer, 0);
  const CwNode *kicker = NULL;
  guint first_visible;

  for (guint i = 0; i < scene->nodes->len; i++)
    if (g_strcmp0 (((CwNode *) g_ptr_array_index (scene->nodes, i))->element, "kicker") == 0)
      kicker = g_ptr_array_index (scene->nodes, i);
  g_assert_nonnull (kicker);
  /* reported where it first is fully visible, not later */
  first_visible = (guint) ceil (cw_animation_get_end (&kicker->enter) * 30 - 1e-6);

  g_assert_cmpstr (d->format, ==, "tiktok");
  g_assert_cmpstr (d->language, ==, "en");
  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "kicker");
  g_assert_cmpint (d->frame, ==, first_visible);
  g_assert_cmpstr (d->required, ==, "4.5:1");
  g_assert_true (g_str_has_prefix (d->measured, "1."));
  g_assert_cmpfloat (d->area.width, >, 0);
}

/* In a tall frame, the safety card's "Report it" is under the minimum
 * x-height; nothing else is. */
static void
test_lint_tiny_text (void)
{
  g_autoptr(CwDeck) deck = load (GOOD_DECK);
  g_autoptr(GPtrArray) results = lint (deck, "1080x2400", "en");
  const CwDiagnostic *d = the_error (results, "text-size");

  g_assert_cmpstr (d->slide, ==, "end");
  g_assert_cmpstr (d->element, ==, "hotline");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "1080x2400", "en", "end"));
  g_assert_cmpstr (d->required, ==, "26.4 px (1.10 %)");
}

/* A Russian headline that needs longer than the 2 s the slide lasts; the
 * English one fits. */
static void
test_lint_long_russian (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh", " duration=\"3\"") "    </slide>\n" LAND SAFETY
                                 "  </slides>\n  <translations>\n    <catalog language=\"ru\" plural-forms=\"nplurals=1; plural=0;\">\n"
                                 RU_MESSAGES ("Земля, на которой десятилетиями лежали мины, постепенно возвращается к мирной жизни", "")
                                 "    </catalog>\n  </translations>\n</deck>\n");
  g_autoptr(GPtrArray) english = lint (deck, "tiktok", "en");
  g_autoptr(GPtrArray) russian = lint (deck, "tiktok", "ru");
  g_autoptr(CwRenderer) renderer = renderer_for (deck, "tiktok", "ru");
  const CwDiagnostic *d;
  guint first, n_frames;

  print_results (english);
  g_assert_cmpuint (count (english, CW_SEVERITY_ERROR, NULL), ==, 0);

  d = the_error (russian, "reading-time");
  cw_renderer_get_slide_frames (renderer, 0, &first, &n_frames);
  g_assert_cmpstr (d->language, ==, "ru");
  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "duration");
  g_assert_cmpint (d->frame, ==, first + n_frames - 1);
}

/* The layout ignores TikTok's button column (a safe area out to the right
 * edge), so the big figure runs under it. Wide texts of other slides do
 * too; on the figure's slide, the figure is the one result. */
static void
test_lint_tiktok_buttons (void)
{
  g_autoptr(CwDeck) deck = load (GOOD_DECK);
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  const char *languages[] = { "en", NULL };
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  CwFormat *format = cw_format_lookup ("tiktok", NULL);
  const CwDiagnostic *found = NULL;
  guint n_zone = 0;

  format->safe.x += 120;
  format->safe.width = format->width - format->safe.x;
  g_ptr_array_add (formats, format);
  results = cw_lint_deck (deck, formats, languages, now, NULL, NULL);
  print_results (results);

  for (guint i = 0; i < results->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (results, i);

      if (g_strcmp0 (d->rule, "zones") != 0 || g_strcmp0 (d->slide, "land") != 0)
        continue;
      n_zone++;
      if (g_strcmp0 (d->element, "number") == 0)
        found = d;
    }
  g_assert_nonnull (found);
  g_assert_cmpuint (n_zone, ==, 1);
  g_assert_cmpint (found->severity, ==, CW_SEVERITY_ERROR);
  g_assert_cmpstr (found->slide, ==, "land");
  renderer = cw_renderer_new (deck, "en", format, 30);
  g_assert_cmpint (found->frame, ==, cw_renderer_get_settled_frame (renderer, 1));
  /* under the buttons, which start at x 940 */
  g_assert_cmpfloat (found->area.x + found->area.width, >, 940);
  g_assert_nonnull (strstr (found->message, "TikTok"));
}

static void
test_lint_missing_glyph (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh \xee\x80\x80", "") "    </slide>\n" LAND SAFETY
                                 "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");
  const CwDiagnostic *d = the_error (results, "glyphs");

  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "kicker");
  g_assert_cmpstr (d->measured, ==, "U+E000");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "tiktok", "en", "intro"));
}

static void
test_lint_fuzzy_translation (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh", "") "    </slide>\n" LAND SAFETY
                                 "  </slides>\n  <translations>\n    <catalog language=\"ru\" plural-forms=\"nplurals=1; plural=0;\">\n"
                                 RU_MESSAGES ("Земля возвращается", " fuzzy=\"true\"")
                                 "    </catalog>\n  </translations>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "ru");
  const CwDiagnostic *d = the_error (results, "translation");

  g_assert_cmpstr (d->language, ==, "ru");
  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "headline");
  g_assert_cmpstr (d->measured, ==, "fuzzy");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "tiktok", "ru", "intro"));
}

/* A kicker naming a statistic that was deleted after it was typed, as the
 * editor lets one do: viewers would read the braces. */
static void
test_lint_placeholder (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME
                                 "  <statistics>\n"
                                 "    <statistic id=\"cleared\" value=\"168000\" unit=\"ha\" as-of=\"2026-10\" source=\"ANAMA\"><label>Land cleared</label></statistic>\n"
                                 "    <statistic id=\"mines\" value=\"161000\" unit=\"mines\" as-of=\"2026-10\" source=\"ANAMA\"><label>Mines</label></statistic>\n"
                                 "  </statistics>\n  <slides>\n"
                                 INTRO ("{mines} mines", "") "    </slide>\n" LAND SAFETY
                                 "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = NULL;
  const CwDiagnostic *d;

  cw_deck_remove_statistic (deck, cw_deck_find_statistic (deck, "mines"));
  results = lint (deck, "tiktok", "en");
  d = the_error (results, "translation");
  g_assert_cmpuint (count (results, CW_SEVERITY_WARNING, "translation"), ==, 0);
  g_assert_cmpstr (d->language, ==, "en");
  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "kicker");
  g_assert_cmpstr (d->measured, ==, "{mines}");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "tiktok", "en", "intro"));
}

/* A Russian headline left in English among Cyrillic texts: a warning on
 * that text alone, not on the kicker, whose translation is Cyrillic. */
static void
test_lint_latin_leftover (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh", "") "    </slide>\n" LAND SAFETY
                                 "  </slides>\n  <translations>\n    <catalog language=\"ru\" plural-forms=\"nplurals=1; plural=0;\">\n"
                                 RU_MESSAGES ("The land is back", "")
                                 "    </catalog>\n  </translations>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "ru");
  const CwDiagnostic *d = NULL;

  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
  g_assert_cmpuint (count (results, CW_SEVERITY_WARNING, "translation"), ==, 1);
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (((CwDiagnostic *) g_ptr_array_index (results, i))->rule, "translation") == 0)
      d = g_ptr_array_index (results, i);
  g_assert_cmpstr (d->language, ==, "ru");
  g_assert_cmpstr (d->slide, ==, "intro");
  g_assert_cmpstr (d->element, ==, "headline");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "tiktok", "ru", "intro"));
  g_assert_nonnull (strstr (d->message, "The land is back"));
}

/* A percent ring whose fill is close to the night theme's background: the
 * chart itself, not a text, is too faint to read at 3:1. */
static void
test_lint_faint_ring (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME
                                 "  <statistics>\n"
                                 "    <statistic id=\"down\" value=\"60\" unit=\"%\" as-of=\"2026-10\" source=\"ANAMA\"><label>Fewer incidents</label></statistic>\n"
                                 "  </statistics>\n  <slides>\n"
                                 "    <slide id=\"fewer\" template=\"percent\">\n"
                                 "      <field name=\"statistic\" value=\"down\"/>\n"
                                 "      <text name=\"label\">fewer incidents since 2021</text>\n"
                                 "      <style element=\"gauge\" color=\"#26313D\"/>\n"
                                 "    </slide>\n" SAFETY "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");
  g_autoptr(CwRenderer) renderer = renderer_for (deck, "tiktok", "en");
  CwScene *scene = cw_renderer_get_scene (renderer, 0);
  const CwNode *gauge = NULL;
  const CwDiagnostic *d = NULL;

  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
  g_assert_cmpuint (count (results, CW_SEVERITY_WARNING, "contrast"), ==, 1);
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (((CwDiagnostic *) g_ptr_array_index (results, i))->rule, "contrast") == 0)
      d = g_ptr_array_index (results, i);
  for (guint i = 0; i < scene->nodes->len; i++)
    if (g_strcmp0 (((CwNode *) g_ptr_array_index (scene->nodes, i))->element, "gauge") == 0)
      gauge = g_ptr_array_index (scene->nodes, i);
  g_assert_nonnull (gauge);

  g_assert_cmpstr (d->format, ==, "tiktok");
  g_assert_cmpstr (d->slide, ==, "fewer");
  g_assert_cmpstr (d->element, ==, "gauge");
  g_assert_cmpstr (d->required, ==, "3.0:1");
  g_assert_true (g_str_has_prefix (d->measured, "1."));
  /* where the ring has grown whole, not later */
  g_assert_cmpint (d->frame, ==, (int) ceil (cw_animation_get_end (&gauge->enter) * 30 - 1e-6));
  g_assert_true (d->area.x >= gauge->rect.x - 1 && d->area.x + d->area.width <= gauge->rect.x + gauge->rect.width + 1);
}

/* Chart drawings in the theme's own colours are measured and pass: a
 * ring with its track, an arrow, a line with the shade under it, and
 * pictograms counted and not. */
static void
test_lint_chart_graphics (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME
                                 "  <statistics>\n"
                                 "    <statistic id=\"down\" value=\"60\" unit=\"%\" as-of=\"2026-10\" source=\"ANAMA\"><label>Fewer incidents</label></statistic>\n"
                                 "    <statistic id=\"victims\" value=\"34\" unit=\"people\" as-of=\"2026-10\" source=\"ANAMA\"><label>Victims</label></statistic>\n"
                                 "    <statistic id=\"all\" value=\"100\" unit=\"people\" as-of=\"2026-10\" source=\"ANAMA\"><label>All</label></statistic>\n"
                                 "    <statistic id=\"years\" unit=\"incidents\" as-of=\"2026-10\" source=\"ANAMA\"><label>Incidents</label>"
                                 "<point label=\"2021\" value=\"120\"/><point label=\"2022\" value=\"90\"/><point label=\"2023\" value=\"70\"/>"
                                 "<point label=\"2024\" value=\"48\"/></statistic>\n"
                                 "  </statistics>\n  <slides>\n"
                                 "    <slide id=\"fewer\" template=\"percent\">\n"
                                 "      <field name=\"statistic\" value=\"down\"/>\n"
                                 "      <text name=\"label\">fewer incidents since 2021</text>\n"
                                 "    </slide>\n"
                                 "    <slide id=\"change\" template=\"percent\">\n"
                                 "      <field name=\"statistic\" value=\"down\"/>\n"
                                 "      <field name=\"style\" value=\"change\"/>\n"
                                 "      <text name=\"label\">fewer incidents since 2021</text>\n"
                                 "    </slide>\n"
                                 "    <slide id=\"people\" template=\"pictogram\">\n"
                                 "      <field name=\"statistic\" value=\"victims\"/>\n"
                                 "      <field name=\"total\" value=\"all\"/>\n"
                                 "    </slide>\n"
                                 "    <slide id=\"trend\" template=\"line-chart\">\n"
                                 "      <field name=\"statistic\" value=\"years\"/>\n"
                                 "      <field name=\"area\" value=\"true\"/>\n"
                                 "    </slide>\n" SAFETY "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");

  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
  g_assert_cmpuint (count (results, CW_SEVERITY_WARNING, "contrast"), ==, 0);
}

/* Twelve slides of 0.1 s whose bars are white, then black, on black: ten
 * changes a second. */
static void
test_lint_flicker (void)
{
  g_autoptr(GString) xml = g_string_new (HEAD);
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  const CwDiagnostic *d = NULL;
  guint first;

  g_string_append (xml, "  <theme base=\"night\"><color role=\"background\" value=\"#000000\"/>"
                        "<color role=\"background-end\" value=\"#000000\"/></theme>\n"
                        "  <statistics><statistic id=\"people\" unit=\"people\" as-of=\"2026-10\" source=\"ANAMA\">"
                        "<label>People</label><point label=\"A\" value=\"100\"/><point label=\"B\" value=\"100\"/>"
                        "</statistic></statistics>\n  <slides>\n");
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (xml, "    <slide id=\"f%u\" template=\"bar-chart\" duration=\"0.1\">\n"
                                 "      <field name=\"statistic\" value=\"people\"/>\n"
                                 "      <field name=\"orientation\" value=\"vertical\"/>\n"
                                 "      <style element=\"bars\" color=\"%s\"/>\n"
                                 "      <enter element=\"bars\" effect=\"none\"/>\n"
                                 "    </slide>\n", i, i % 2 == 0 ? "#FFFFFF" : "#000000");
  g_string_append (xml, SAFETY "  </slides>\n</deck>\n");
  deck = load (xml->str);
  results = lint (deck, "tiktok", "en");
  print_results (results);

  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, "flashing"), ==, 1);
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (((CwDiagnostic *) g_ptr_array_index (results, i))->rule, "flashing") == 0)
      d = g_ptr_array_index (results, i);
  /* from the first change, white to black */
  renderer = renderer_for (deck, "tiktok", "en");
  cw_renderer_get_slide_frames (renderer, 1, &first, NULL);
  g_assert_cmpstr (d->slide, ==, "f1");
  g_assert_cmpint (d->frame, ==, first);
  g_assert_cmpint (atoi (d->measured), >, 3);
}

static void
test_lint_no_safety_card (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n" INTRO ("Karabakh", "") "    </slide>\n"
                                 LAND "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");
  const CwDiagnostic *d = the_error (results, "message");
  g_autoptr(CwRenderer) renderer = renderer_for (deck, "tiktok", "en");

  g_assert_cmpstr (d->slide, ==, "land");
  g_assert_cmpint (d->frame, ==, (int) cw_renderer_get_n_frames (renderer) - 1);
}

static void
test_lint_series_total (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME
                                 "  <statistics>\n"
                                 "    <statistic id=\"total\" value=\"161000\" unit=\"mines\" as-of=\"2026-10\" source=\"ANAMA\"><label>Mines</label></statistic>\n"
                                 "    <statistic id=\"bytype\" unit=\"mines\" as-of=\"2026-10\" source=\"ANAMA\"><label>By type</label>"
                                 "<point label=\"Anti-tank\" value=\"130000\"/><point label=\"Anti-personnel\" value=\"25000\"/></statistic>\n"
                                 "  </statistics>\n  <slides>\n"
                                 "    <slide id=\"mines\" template=\"bar-chart\">\n"
                                 "      <field name=\"statistic\" value=\"bytype\"/>\n"
                                 "      <text name=\"title\">{total} mines</text>\n"
                                 "    </slide>\n" SAFETY "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) results = lint (deck, "tiktok", "en");
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GPtrArray) statistics = cw_deck_check_statistics (deck, now);
  const CwDiagnostic *d = NULL;

  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
  g_assert_cmpuint (count (results, CW_SEVERITY_WARNING, "consistency"), ==, 1);
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (((CwDiagnostic *) g_ptr_array_index (results, i))->rule, "consistency") == 0)
      d = g_ptr_array_index (results, i);
  g_assert_cmpstr (d->slide, ==, "mines");
  g_assert_cmpstr (d->measured, ==, "155000");
  g_assert_cmpstr (d->required, ==, "161000");
  g_assert_cmpint (d->frame, ==, settled_frame (deck, "tiktok", "en", "mines"));

  /* validate and the editor see it too */
  g_assert_cmpuint (statistics->len, ==, 1);
}

/* The sample passes in every format and language, without errors. */
static void
test_lint_sample (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  g_auto(GStrv) languages = cw_deck_list_languages (deck);
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GPtrArray) results = NULL;
  const char * const *names = cw_format_list_names ();

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (formats, cw_format_lookup (names[i], NULL));
  results = cw_lint_deck (deck, formats, (const char * const *) languages, now, NULL, NULL);
  print_results (results);
  g_assert_cmpuint (count (results, CW_SEVERITY_ERROR, NULL), ==, 0);
}

/* The JSON document: stable fields, numbered as on the contact sheet. */
static void
test_lint_json (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n" INTRO ("Karabakh", "") "    </slide>\n"
                                 LAND "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  const char *languages[] = { "en", NULL };
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *first;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (formats, cw_format_lookup ("tiktok", NULL));
  results = cw_lint_deck (deck, formats, languages, now, NULL, NULL);
  json = cw_lint_to_json (results, "lint.clearway", formats, languages);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, CW_LINT_JSON_VERSION);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "summary"), "errors"), ==, 1);
  first = json_array_get_object_element (json_object_get_array_member (root, "results"), 0);
  g_assert_cmpint (json_object_get_int_member (first, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "message");
}

/* The contact sheet outlines each problem on its frame. */
static void
test_lint_sheet (void)
{
  g_autoptr(CwDeck) deck = load (HEAD THEME STATISTICS "  <slides>\n"
                                 INTRO ("Karabakh", "")
                                 "      <style element=\"kicker\" color=\"#26313D\"/>\n"
                                 "    </slide>\n" LAND SAFETY "  </slides>\n</deck>\n");
  g_autoptr(GPtrArray) formats = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_format_free);
  const char *languages[] = { "en", NULL };
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(cairo_surface_t) sheet = NULL;
  const guint8 *data;
  int stride, red = 0;

  g_ptr_array_add (formats, cw_format_lookup ("tiktok", NULL));
  results = cw_lint_deck (deck, formats, languages, now, NULL, NULL);
  sheet = cw_lint_render_sheet (deck, results, formats, "Lint", 240);
  g_assert_cmpint (cairo_image_surface_get_width (sheet), >, 240);
  data = cairo_image_surface_get_data (sheet);
  stride = cairo_image_surface_get_stride (sheet);
  /* the error's outline is red, a colour the night theme does not use */
  for (int y = 0; y < cairo_image_surface_get_height (sheet); y++)
    for (int x = 0; x < cairo_image_surface_get_width (sheet); x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        red += ((p >> 16) & 0xff) > 240 && ((p >> 8) & 0xff) < 80 && (p & 0xff) < 80;
      }
  g_assert_cmpint (red, >, 100);
}

/* clearway-cli lint: 0 without errors, 1 with, 2 for a wrong command line. */
static int
run_lint (const char  *deck_path,
          const char  *extra,
          char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CLEARWAY_CLI"));
  g_ptr_array_add (argv, (gpointer) "lint");
  if (deck_path)
    g_ptr_array_add (argv, (gpointer) deck_path);
  if (extra)
    g_ptr_array_add (argv, (gpointer) extra);
  g_ptr_array_add (argv, NULL);
  /* its output is captured, never mixed into this test's TAP */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &stdout_text, NULL,
                &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_lint_exit_codes (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.clearway", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.clearway", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (good, GOOD_DECK, -1, NULL));
  g_assert_true (g_file_set_contents (bad, HEAD THEME STATISTICS "  <slides>\n" INTRO ("Karabakh", "")
                                      "    </slide>\n" LAND "  </slides>\n</deck>\n", -1, NULL));
  g_assert_cmpint (run_lint (good, NULL, NULL), ==, 0);
  g_assert_cmpint (run_lint (bad, NULL, &out), ==, 1);
  g_assert_nonnull (strstr (out, "safety card"));
  g_assert_cmpint (run_lint (good, "--format=nonsense", NULL), ==, 2);
  g_assert_cmpint (run_lint (good, "--lang=xx", NULL), ==, 2);
  g_assert_cmpint (run_lint (good, "--frobnicate", NULL), ==, 2);
  cw_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/lint/good-deck", test_lint_good_deck);
  g_test_add_func ("/cw/lint/faint-label", test_lint_faint_label);
  g_test_add_func ("/cw/lint/tiny-text", test_lint_tiny_text);
  g_test_add_func ("/cw/lint/long-russian", test_lint_long_russian);
  g_test_add_func ("/cw/lint/tiktok-buttons", test_lint_tiktok_buttons);
  g_test_add_func ("/cw/lint/missing-glyph", test_lint_missing_glyph);
  g_test_add_func ("/cw/lint/fuzzy-translation", test_lint_fuzzy_translation);
  g_test_add_func ("/cw/lint/placeholder", test_lint_placeholder);
  g_test_add_func ("/cw/lint/latin-leftover", test_lint_latin_leftover);
  g_test_add_func ("/cw/lint/faint-ring", test_lint_faint_ring);
  g_test_add_func ("/cw/lint/chart-graphics", test_lint_chart_graphics);
  g_test_add_func ("/cw/lint/flicker", test_lint_flicker);
  g_test_add_func ("/cw/lint/no-safety-card", test_lint_no_safety_card);
  g_test_add_func ("/cw/lint/series-total", test_lint_series_total);
  g_test_add_func ("/cw/lint/sample", test_lint_sample);
  g_test_add_func ("/cw/lint/json", test_lint_json);
  g_test_add_func ("/cw/lint/sheet", test_lint_sheet);
  g_test_add_func ("/cw/lint/exit-codes", test_lint_exit_codes);

  return g_test_run ();
}
