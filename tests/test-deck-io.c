/* test-deck-io.c: loading and saving .clearway files, good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "cw-test-utils.h"

/* A small valid deck; the cases below change one line of it. */
static const char *base_deck[] = {
  /*  1 */ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
  /*  2 */ "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
  /*  3 */ "  <meta>",
  /*  4 */ "    <title>Test</title>",
  /*  5 */ "    <language>en</language>",
  /*  6 */ "  </meta>",
  /*  7 */ "  <statistics>",
  /*  8 */ "    <statistic id=\"mines\" value=\"161000\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"/>",
  /*  9 */ "  </statistics>",
  /* 10 */ "  <slides>",
  /* 11 */ "    <slide id=\"one\" template=\"big-number\">",
  /* 12 */ "      <field name=\"statistic\" value=\"mines\"/>",
  /* 13 */ "      <text name=\"label\">mines neutralised</text>",
  /* 14 */ "    </slide>",
  /* 15 */ "  </slides>",
  /* 16 */ "</deck>",
  NULL
};

typedef struct
{
  const char *name;
  guint       line;
  const char *replacement;
  CwError     code;
  const char *must_mention;
  /* the line the message names, when not the line changed */
  guint       error_line;
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-template", 11, "    <slide id=\"one\" template=\"big-numbr\">",
    CW_ERROR_UNKNOWN_TEMPLATE, "big-numbr" },
  { "unknown-field", 12, "      <field name=\"colour\" value=\"mines\"/>",
    CW_ERROR_UNKNOWN_FIELD, "colour" },
  { "text-as-field", 12, "      <text name=\"statistic\">mines</text>",
    CW_ERROR_UNKNOWN_FIELD, "statistic" },
  { "unknown-statistic", 12, "      <field name=\"statistic\" value=\"landmines\"/>",
    CW_ERROR_UNKNOWN_STATISTIC, "landmines" },
  { "unknown-placeholder", 13, "      <text name=\"label\">{victims} mines</text>",
    CW_ERROR_UNKNOWN_STATISTIC, "{victims}" },
  { "unclosed-brace", 13, "      <text name=\"label\">{mines mines</text>",
    CW_ERROR_BAD_VALUE, "{" },
  { "grouped-value", 8, "    <statistic id=\"mines\" value=\"161,000\" unit=\"mines\"/>",
    CW_ERROR_BAD_VALUE, "161,000" },
  { "bad-date", 8, "    <statistic id=\"mines\" value=\"1\" as-of=\"Oct 2024\"/>",
    CW_ERROR_BAD_VALUE, "YYYY-MM" },
  { "bad-tone", 8, "    <statistic id=\"mines\" value=\"1\" tone=\"sad\"/>",
    CW_ERROR_BAD_VALUE, "sad" },
  { "bad-digits", 5, "    <language>en</language><digits>roman</digits>",
    CW_ERROR_BAD_VALUE, "roman" },
  { "bad-slide-tone", 11, "    <slide id=\"one\" template=\"big-number\" tone=\"grim\">",
    CW_ERROR_BAD_VALUE, "grim" },
  { "bad-statistic-id", 8, "    <statistic id=\"9mines\" value=\"1\"/>",
    CW_ERROR_BAD_VALUE, "9mines" },
  { "unknown-element", 13, "      <sparkle/>",
    CW_ERROR_SCHEMA, "sparkle" },
  { "unknown-attribute", 11, "    <slide id=\"one\" template=\"big-number\" speed=\"9\">",
    CW_ERROR_SCHEMA, "speed" },
  { "bad-effect", 13, "      <enter element=\"label\" effect=\"explode\"/>",
    CW_ERROR_BAD_VALUE, "explode" },
  { "unknown-element-to-animate", 13, "      <enter element=\"sparkles\" effect=\"fade\"/>",
    CW_ERROR_UNKNOWN_FIELD, "sparkles" },
  { "bad-fps", 7, "  <output fps=\"29\"/><statistics>",
    CW_ERROR_BAD_VALUE, "29" },
  { "bad-format", 7, "  <output format=\"cinema\"/><statistics>",
    CW_ERROR_BAD_FORMAT, "cinema" },
  { "bad-color", 7, "  <theme><color role=\"accent\" value=\"yellow\"/></theme><statistics>",
    CW_ERROR_BAD_VALUE, "yellow" },
  { "unknown-theme", 7, "  <theme base=\"neon\"/><statistics>",
    CW_ERROR_BAD_VALUE, "neon" },
  { "no-statistic", 12, "",
    CW_ERROR_BAD_VALUE, "statistic", 11 },
  { "mismatched-tag", 13, "      <text name=\"label\">mines neutralised</txet>",
    CW_ERROR_MALFORMED, "txet" },
  { "newer-version", 2, "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"7\">",
    CW_ERROR_VERSION, "newer" },
  { "no-version", 2, "<deck xmlns=\"https://clearway.github.io/ns/deck\">",
    CW_ERROR_SCHEMA, "version" },
  { "wrong-namespace", 2, "<deck xmlns=\"http://example.com/deck\" version=\"1\">",
    CW_ERROR_NOT_A_DECK, "not a Clearway deck" },
  { "no-title", 4, "",
    CW_ERROR_SCHEMA, "title", 3 },
  { "bad-language", 5, "    <language>English</language>",
    CW_ERROR_BAD_VALUE, "English" },
  { "long-transition", 13, "      <transition type=\"crossfade\" duration=\"30\"/>",
    CW_ERROR_BAD_VALUE, "30" },
  { "no-value", 8, "    <statistic id=\"mines\" unit=\"mines\"/>",
    CW_ERROR_BAD_VALUE, "no value" },
  { "bad-point", 8, "    <statistic id=\"mines\"><point label=\"2024\" value=\"many\"/></statistic>",
    CW_ERROR_BAD_VALUE, "many" },
  { "style-unknown-element", 13, "      <style element=\"sparkles\" color=\"#FF0000\"/>",
    CW_ERROR_UNKNOWN_FIELD, "sparkles" },
  { "style-bad-color", 13, "      <style element=\"number\" color=\"#GG0000\"/>",
    CW_ERROR_BAD_VALUE, "#GG0000" },
  { "foreign-placeholder", 13, "      <text name=\"label\">one per {per_icon}</text>",
    CW_ERROR_UNKNOWN_STATISTIC, "{per_icon}" },
  { "bad-audience", 5, "    <language>en</language><audience>teenagers</audience>",
    CW_ERROR_BAD_VALUE, "teenagers" },
  { "bad-boolean", 12, "      <field name=\"statistic\" value=\"mines\"/><field name=\"compact\" value=\"yes\"/>",
    CW_ERROR_BAD_VALUE, "true" },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree const char **lines = g_memdup2 (base_deck, sizeof base_deck);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autofree char *prefix = g_strdup_printf ("test.clearway:%u:", c->error_line ? c->error_line : c->line);

  lines[c->line - 1] = c->replacement;
  deck = cw_test_load_lines (lines, &error);

  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, c->code);
  /* the message names the file and the line, then says what is wrong */
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("%s: expected a message starting with “%s”, got “%s”", c->name, prefix, error->message);
  if (c->must_mention != NULL && strstr (error->message, c->must_mention) == NULL)
    g_error ("%s: the message does not mention “%s”: %s", c->name, c->must_mention, error->message);
}

static void
test_base_deck_is_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (base_deck, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cw_deck_get_n_slides (deck), ==, 1);
  g_assert_cmpstr (cw_deck_get_title (deck), ==, "Test");
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (deck, "mines")), ==, 161000);
}

static void
test_several_errors (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <statistics>",
    "    <statistic id=\"a\" value=\"1\"/>",
    "    <statistic id=\"a\" value=\"2\"/>",
    "  </statistics>",
    "  <slides>",
    "    <slide id=\"s\" template=\"nope\"/>",
    "    <slide id=\"s\" template=\"title\"/>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);

  g_assert_null (deck);
  /* every problem is listed, in file order, so one fix-and-retry round is enough */
  g_assert_error (error, CW_ERROR, CW_ERROR_DUPLICATE_ID);
  g_assert_true (g_str_has_prefix (error->message, "test.clearway:6:"));
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_assert_nonnull (strstr (error->message, "test.clearway:9:"));
  g_assert_nonnull (strstr (error->message, "test.clearway:10:"));
}

static void
test_series_and_styles (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language><audience>children</audience></meta>",
    "  <statistics>",
    "    <statistic id=\"found\" unit=\"items\" source=\"ANAMA\">",
    "      <point label=\"UXO\" value=\"59163\"/>",
    "      <point label=\"Anti-personnel mines\" value=\"4256.5\"/>",
    "    </statistic>",
    "    <statistic id=\"people\" value=\"3400\"/>",
    "  </statistics>",
    "  <slides>",
    "    <slide id=\"bars\" template=\"bar-chart\">",
    "      <field name=\"statistic\" value=\"found\"/>",
    "      <style element=\"bars\" color=\"#00FF00\"/>",
    "    </slide>",
    "    <slide id=\"icons\" template=\"pictogram\">",
    "      <field name=\"statistic\" value=\"people\"/>",
    "      <text name=\"legend\">1 = {per_icon}</text>",
    "    </slide>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(CwDeck) again = NULL;
  g_autoptr(GBytes) resaved = NULL;
  CwStatistic *found;

  g_assert_no_error (error);
  g_assert_cmpint (cw_deck_get_audience (deck), ==, CW_AUDIENCE_CHILDREN);
  found = cw_deck_find_statistic (deck, "found");
  g_assert_cmpuint (cw_statistic_get_n_points (found), ==, 2);
  g_assert_cmpstr (cw_statistic_get_point (found, 1)->label, ==, "Anti-personnel mines");
  /* a series without a value of its own stands for its last point */
  g_assert_false (cw_statistic_has_value (found));
  g_assert_cmpfloat (cw_statistic_get_value (found), ==, 4256.5);
  g_assert_cmpuint (cw_statistic_get_decimals (found), ==, 1);
  g_assert_cmpstr (cw_slide_get_element_color (cw_deck_find_slide (deck, "bars"), "bars"), ==, "#00FF00");

  /* and all of it survives a save */
  saved = cw_deck_save_to_bytes (deck);
  again = cw_deck_load_bytes (saved, "again.clearway", NULL, &error);
  g_assert_no_error (error);
  resaved = cw_deck_save_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, resaved));
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "id=\"found\" value="));
}

static void
test_round_trip_sample (void)
{
  g_autoptr(GBytes) original = cw_deck_get_sample_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_load_bytes (original, "karabakh.clearway", NULL, &error);
  g_autoptr(GBytes) saved = NULL;

  g_assert_no_error (error);
  saved = cw_deck_save_to_bytes (deck);

  /* saving what was just loaded gives back the very same bytes */
  if (!g_bytes_equal (original, saved))
    {
      g_autofree char *a = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      g_autofree char *b = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
      g_assert_cmpstr (b, ==, a);
    }
}

static void
test_round_trip_everything (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new ();
  g_autoptr(CwStatistic) s = cw_statistic_new ("area");
  g_autoptr(CwSlide) slide = cw_slide_new ("a", "big-number");
  g_autoptr(CwSlide) title = cw_slide_new ("t", "title");
  g_autoptr(CwCatalog) ru = cw_catalog_new ("ru");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(CwDeck) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *forms[] = { "гектар", "гектара", "гектаров", NULL };
  CwAnimation pop = { CW_EFFECT_POP, CW_EASING_SPRING, 0.25, 0.9 };
  CwColor accent = { 1, 0.5, 0, 1 };
  CwSlide *copy;

  cw_deck_set_title (deck, "Everything <&> \"quoted\"");
  cw_deck_set_author (deck, "Ramil Azizov");
  cw_deck_set_language (deck, "en");
  cw_deck_set_source_line (deck, "Data: {source} ({date})");
  cw_deck_set_format (deck, "square");
  cw_deck_set_fps (deck, 25);
  cw_deck_set_transparent (deck, TRUE);
  cw_theme_set_base (cw_deck_get_theme (deck), "sand");
  cw_theme_set_color (cw_deck_get_theme (deck), CW_COLOR_ACCENT, &accent);
  cw_theme_set_font (cw_deck_get_theme (deck), CW_FONT_BODY, "Noto Serif", 600);

  cw_statistic_set_value (s, 2.5);
  cw_statistic_set_unit (s, "km²");
  cw_statistic_set_as_of (s, "2024-10-15");
  cw_statistic_set_source (s, "ANAMA");
  cw_statistic_set_label (s, "Area");
  cw_statistic_set_tone (s, CW_TONE_HARM);
  cw_deck_add_statistic (deck, s);

  cw_slide_set_param (slide, "statistic", "area");
  cw_slide_set_text (slide, "label", "hectare cleared");
  cw_slide_set_text_plural (slide, "label", "hectares cleared");
  cw_slide_set_text (slide, "detail", "Line one\nline two with {area} and {{braces}}");
  cw_slide_set_duration (slide, 4.5);
  cw_slide_set_transition (slide, CW_TRANSITION_WIPE, 0.75);
  cw_slide_set_tone (slide, CW_TONE_NEUTRAL);
  cw_deck_set_digits (deck, CW_DIGITS_NATIVE);
  cw_slide_set_animation (slide, CW_PHASE_ENTER, "number", &pop);
  cw_slide_set_animation (slide, CW_PHASE_EXIT, "label", &pop);
  cw_deck_add_slide (deck, title);
  cw_deck_add_slide (deck, slide);

  cw_catalog_set_plural_forms (ru, "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", NULL);
  cw_catalog_add (ru, "a/label", "hectare cleared", "hectares cleared", forms, FALSE, 0);
  cw_catalog_add (ru, "a/detail", "old text", NULL, (const char *[]) { "старый", NULL }, TRUE, 0);
  cw_deck_add_catalog (deck, ru);

  first = cw_deck_save_to_bytes (deck);
  reloaded = cw_deck_load_bytes (first, "everything.clearway", NULL, &error);
  g_assert_no_error (error);
  second = cw_deck_save_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (first, second));

  /* and what was saved is what was set */
  g_assert_cmpstr (cw_deck_get_title (reloaded), ==, "Everything <&> \"quoted\"");
  g_assert_cmpuint (cw_deck_get_fps (reloaded), ==, 25);
  g_assert_true (cw_deck_get_transparent (reloaded));
  g_assert_cmpstr (cw_deck_get_format (reloaded), ==, "square");
  g_assert_cmpstr (cw_theme_get_font_family (cw_deck_get_theme (reloaded), CW_FONT_BODY), ==, "Noto Serif");
  g_assert_cmpint (cw_theme_get_font_weight (cw_deck_get_theme (reloaded), CW_FONT_BODY), ==, 600);
  g_assert_cmpfloat (cw_statistic_get_value (cw_deck_find_statistic (reloaded, "area")), ==, 2.5);
  g_assert_cmpint (cw_statistic_get_tone (cw_deck_find_statistic (reloaded, "area")), ==, CW_TONE_HARM);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "tone=\"harm\""));
  copy = cw_deck_find_slide (reloaded, "a");
  g_assert_cmpstr (cw_slide_get_text (copy, "detail"), ==, "Line one\nline two with {area} and {{braces}}");
  g_assert_cmpstr (cw_slide_get_text_plural (copy, "label"), ==, "hectares cleared");
  g_assert_cmpint (cw_slide_get_transition (copy), ==, CW_TRANSITION_WIPE);
  g_assert_cmpint (cw_deck_get_digits (reloaded), ==, CW_DIGITS_NATIVE);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "<digits>native</digits>"));
  g_assert_true (cw_slide_has_tone (copy));
  g_assert_cmpint (cw_slide_get_tone (copy), ==, CW_TONE_NEUTRAL);
  g_assert_false (cw_slide_has_tone (cw_deck_find_slide (reloaded, "t")));
  g_assert_true (cw_slide_get_animation (copy, CW_PHASE_EXIT, "label", &pop));
  g_assert_cmpint (pop.easing, ==, CW_EASING_SPRING);
  g_assert_cmpuint (cw_catalog_get_n_messages (cw_deck_get_catalog (reloaded, "ru")), ==, 2);
  g_assert_true (cw_catalog_find (cw_deck_get_catalog (reloaded, "ru"), "a/detail")->fuzzy);
}

static void
assert_refused (const char *xml,
                CwError     code,
                const char *must_not_contain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_string (xml, &error);

  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, code);
  if (must_not_contain != NULL)
    g_assert_null (strstr (error->message, must_not_contain));
}

static void
test_hostile_doctype (void)
{
  /* billion laughs: refused before a single entity is looked at */
  assert_refused ("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE deck [\n"
                  " <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
                  " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                  " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                  " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
                  "]>\n"
                  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\"><meta><title>&d;</title>"
                  "<language>en</language></meta><slides/></deck>\n",
                  CW_ERROR_FORBIDDEN, NULL);
}

static void
test_hostile_external_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE deck [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\"><meta><title>&secret;</title>"
    "<language>en</language></meta><slides/></deck>\n";

  deck = cw_test_load_string (xml, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_FORBIDDEN);
  /* the message points at the declaration and never shows the file */
  g_assert_true (g_str_has_prefix (error->message, "test.clearway:2:"));
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_hostile_external_dtd (void)
{
  assert_refused ("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE deck SYSTEM \"http://example.com/evil.dtd\">\n"
                  "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\"/>\n",
                  CW_ERROR_FORBIDDEN, NULL);
}

static void
test_hostile_doctype_utf16 (void)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                    "<!DOCTYPE deck [ <!ENTITY x \"y\"> ]>\n"
                    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\"><meta><title>&x;</title>"
                    "<language>en</language></meta><slides/></deck>\n";
  g_autofree gunichar2 *utf16 = NULL;
  glong len = 0;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  const guint8 bom[] = { 0xff, 0xfe };

  /* the byte scan cannot see a DOCTYPE in UTF-16; the parsed tree is checked too */
  utf16 = g_utf8_to_utf16 (xml, -1, NULL, &len, NULL);
  g_byte_array_append (data, bom, 2);
  g_byte_array_append (data, (const guint8 *) utf16, len * 2);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));

  deck = cw_deck_load_bytes (bytes, "utf16.clearway", NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_FORBIDDEN);
  /* and the message still says where it is */
  g_assert_true (g_str_has_prefix (error->message, "utf16.clearway:2:"));
}

static void
test_hostile_xinclude (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" version=\"1\">\n"
    "  <meta><title>T</title><language>en</language></meta>\n"
    "  <slides>\n"
    "    <xi:include href=\"file:///etc/passwd\" parse=\"text\"/>\n"
    "  </slides>\n"
    "</deck>\n";

  /* XInclude is never processed: the element is just something a deck cannot hold */
  deck = cw_test_load_string (xml, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_SCHEMA);
  g_assert_true (g_str_has_prefix (error->message, "test.clearway:5:"));
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_oversized (void)
{
  gsize len = CW_DECK_MAX_BYTES + 1;
  char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;

  memset (data, ' ', len);
  bytes = g_bytes_new_take (data, len);
  deck = cw_deck_load_bytes (bytes, "huge.clearway", NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.clearway:"));
}

static void
test_compressed (void)
{
  g_autoptr(GBytes) sample = cw_deck_get_sample_bytes ();
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (sample);
  g_autoptr(GInputStream) zin = g_converter_input_stream_new (in, gzip);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gz.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_output_stream_splice (out, zin, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_file_set_contents (path, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed), &error);
  g_assert_no_error (error);

  /* libxml2 would gunzip a file it opened itself; we read the bytes, so it cannot */
  deck = cw_deck_load_file (file, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_MALFORMED);
  cw_test_remove_tree (dir);
}

static void
test_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?>\n<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">");

  assert_refused ("", CW_ERROR_MALFORMED, NULL);
  assert_refused ("this is not a deck", CW_ERROR_MALFORMED, NULL);
  assert_refused ("<?xml version=\"1.0\"?>\n<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\"><meta><title>\xff\xfe</title></meta></deck>",
                  CW_ERROR_MALFORMED, NULL);
  assert_refused ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", CW_ERROR_NOT_A_DECK, NULL);
  assert_refused ("<?xml version=\"1.0\"?>\n<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
                  CW_ERROR_MALFORMED, NULL);

  /* nesting far beyond anything a deck has */
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "<slides>");
  deck = cw_test_load_string (deep->str, &error);
  g_assert_null (deck);
  g_assert_nonnull (error);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deck.clearway");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_deck_load_file (file, NULL, &error);

  g_assert_null (deck);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/deck.clearway"));
}

static void
test_missing_logo_and_font (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <theme>",
    "    <font role=\"heading\" family=\"Imaginary Grotesk\"/>",
    "    <logo href=\"logos/agency.png\"/>",
    "  </theme>",
    "  <slides><slide id=\"t\" template=\"title\"/></slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwFormat) format = cw_format_lookup ("square", NULL);
  g_autoptr(cairo_surface_t) frame = NULL;
  GPtrArray *warnings;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* missing assets are warnings with a line, and the deck still renders */
  deck = cw_test_load_lines (lines, &error);
  g_assert_no_error (error);
  warnings = cw_deck_get_warnings (deck);
  g_assert_cmpuint (warnings->len, ==, 2);
  first = cw_diagnostic_to_string (g_ptr_array_index (warnings, 0));
  second = cw_diagnostic_to_string (g_ptr_array_index (warnings, 1));
  g_assert_true (g_str_has_prefix (first, "test.clearway:5:"));
  g_assert_nonnull (strstr (first, "Imaginary Grotesk"));
  g_assert_true (g_str_has_prefix (second, "test.clearway:6:"));
  g_assert_nonnull (strstr (second, "logos/agency.png"));

  frame = cw_render_frame (deck, NULL, format, 2.0);
  g_assert_cmpint (cairo_surface_status (frame), ==, CAIRO_STATUS_SUCCESS);

  /* and saving keeps the reference, so putting the file back fixes it */
  {
    g_autoptr(GBytes) saved = cw_deck_save_to_bytes (deck);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                    "href=\"logos/agency.png\""));
  }
}

static void
test_logo_next_to_deck (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *deck_path = g_build_filename (dir, "d.clearway", NULL);
  g_autofree char *logo_path = g_build_filename (dir, "logo.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"red\"/></svg>";
  const char *xml = "<?xml version=\"1.0\"?>\n"
                    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">"
                    "<meta><title>T</title><language>en</language></meta>"
                    "<theme><logo href=\"logo.svg\"/></theme>"
                    "<slides><slide id=\"t\" template=\"title\"/></slides></deck>";

  g_file_set_contents (logo_path, svg, -1, &error);
  g_file_set_contents (deck_path, xml, -1, &error);
  g_assert_no_error (error);

  deck = cw_deck_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cw_deck_get_warnings (deck)->len, ==, 0);
  g_assert_nonnull (cw_theme_get_logo (cw_deck_get_theme (deck)));
  g_assert_cmpfloat (cw_image_get_aspect_ratio (cw_theme_get_logo (cw_deck_get_theme (deck))), ==, 2.0);
  cw_test_remove_tree (dir);
}

static void
test_atomic_save (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.clearway", NULL);
  g_autofree char *target = g_build_filename (dir, "real.clearway", NULL);
  g_autofree char *link = g_build_filename (dir, "link.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = cw_deck_save_to_bytes (deck);
  g_autofree char *content = NULL;
  g_autofree char *read_link = NULL;
  gsize len;
  GDir *d;
  const char *name;
  guint n = 0;

  g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_no_error (error);
  /* a second save replaces the first */
  cw_deck_set_title (deck, "Second");
  g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &content, &len, NULL));
  g_assert_nonnull (strstr (content, "<title>Second</title>"));
  g_assert_true (g_file_equal (cw_deck_get_file (deck), file));

  /* a saved symbolic link stays a link; its target gets the new content */
  g_file_set_contents (target, "old", -1, NULL);
  g_assert_cmpint (symlink ("real.clearway", link), ==, 0);
  g_assert_true (cw_deck_save_file (deck, link_file, NULL, &error));
  g_assert_no_error (error);
  read_link = g_file_read_link (link, NULL);
  g_assert_cmpstr (read_link, ==, "real.clearway");
  g_clear_pointer (&content, g_free);
  g_file_get_contents (target, &content, &len, NULL);
  g_assert_nonnull (strstr (content, "<title>Second</title>"));

  /* nothing but the three files: no temporary file was left behind */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    n++;
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 3);

  cw_test_remove_tree (dir);
}

static void
test_save_failure (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/deck.clearway");
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/deck.clearway"));
  g_assert_nonnull (strstr (error->message, "folder"));
  /* a failed save does not pretend the deck now lives there */
  g_assert_null (cw_deck_get_file (deck));
}

/* A deck without slides is no clip: refused with the line, not rendered to nothing. */
static void
test_no_slides (void)
{
  static const char *lines[] = {
    "<?xml version=\"1.0\"?>",
    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">",
    "  <meta><title>T</title><language>en</language></meta>",
    "  <statistics><statistic id=\"a\" value=\"1\"/></statistics>",
    "  <slides>",
    "  </slides>",
    "</deck>",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = cw_test_load_lines (lines, &error);

  g_assert_null (deck);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "test.clearway:5:"));
  g_assert_nonnull (strstr (error->message, "Add a slide"));
}

typedef struct
{
  char  *path;
  gsize  limit;
  gsize  written;
} Writer;

/* Feeds a FIFO with zeros, up to @limit bytes, until the reader goes away. */
static gpointer
feed_fifo (gpointer data)
{
  Writer *w = data;
  static const char zeros[65536];
  int fd = g_open (w->path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  while (w->written < w->limit)
    {
      gssize n = write (fd, zeros, sizeof zeros);

      if (n <= 0)
        break;
      w->written += n;
    }
  close (fd);
  return NULL;
}

/* A pipe states no size: the cap holds all the same, and reading stops there. */
static void
test_endless_pipe (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "pipe.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  Writer w = { path, (gsize) 4 * CW_DECK_MAX_BYTES, 0 };
  GThread *thread;
  struct sigaction ignore = { .sa_handler = SIG_IGN }, old;

  /* the writer learns the reader has gone from EPIPE, not from a signal */
  sigaction (SIGPIPE, &ignore, &old);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("feed", feed_fifo, &w);

  deck = cw_deck_load_file (file, NULL, &error);
  g_thread_join (thread);
  sigaction (SIGPIPE, &old, NULL);

  /* the reader stopped just past the cap, instead of taking all it was given */
  g_assert_cmpuint (w.written, <, (gsize) 2 * CW_DECK_MAX_BYTES);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "32.0\xc2\xa0MiB"));

  cw_test_remove_tree (dir);
}

/* A regular file too large for a deck is refused before it is read. */
static void
test_large_file (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sparse.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

  /* sparse: 3 GB that take no room on the disk */
  g_assert_cmpint (ftruncate (fd, (off_t) 3 * 1024 * 1024 * 1024), ==, 0);
  close (fd);

  deck = cw_deck_load_file (file, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "3.0\xc2\xa0GiB"));
  g_assert_nonnull (strstr (error->message, "32.0\xc2\xa0MiB"));
  cw_test_remove_tree (dir);
}

static CwDeck *
load_with_soundtrack (const char  *dir,
                      const char  *element)
{
  g_autofree char *path = g_build_filename (dir, "d.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                          "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
                                          "<meta><title>T</title><language>en</language></meta>\n"
                                          "%s\n"
                                          "<slides><slide id=\"t\" template=\"title\"/></slides></deck>\n",
                                          element);
  CwDeck *deck;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  deck = cw_deck_load_file (file, NULL, &error);
  g_assert_no_error (error);
  return deck;
}

/* The soundtrack's type comes from its first bytes, whatever its name. */
static void
test_soundtrack_sniff (void)
{
  static const struct { const char *head; gsize len; const char *type; } cases[] = {
    { "OggS\0\2", 6, "audio/ogg" },
    { "fLaC\0\0\0\42", 8, "audio/flac" },
    { "RIFF\44\0\0\0WAVEfmt ", 16, "audio/wav" },
    { "ID3\4\0", 5, "audio/mpeg" },
    { "\377\373\220\0", 4, "audio/mpeg" },
    { "RIFF\44\0\0\0AVI LIST", 16, NULL },
    { "\211PNG\r\n\32\n", 8, NULL },
    { "\377\340", 2, NULL },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (cw_audio_media_type_sniff ((const guint8 *) cases[i].head, cases[i].len), ==, cases[i].type);
}

/* Embedded or beside the deck, a soundtrack survives a save and reload
 * as the same bytes, and an embedded one stays embedded. */
static void
test_soundtrack_round_trip (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *flac_path = g_build_filename (dir, "music.ogg", NULL);
  static const char flac[] = "fLaC\0\0\0\42 not really a stream, but a FLAC by its head";
  static const char ogg[] = "OggS\0\2 an embedded tune";
  g_autoptr(GBytes) ogg_bytes = g_bytes_new_static (ogg, sizeof ogg);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAudio) audio = cw_audio_new_from_bytes (ogg_bytes, "tune.ogg", &error);
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwDeck) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) resaved = NULL;
  g_autoptr(CwDeckSnapshot) before = NULL;
  CwAudio *loaded;

  g_assert_no_error (error);

  /* embedded */
  deck = cw_test_load_deck_file ("templates.clearway");
  before = cw_deck_snapshot_new (deck, NULL);
  cw_deck_set_soundtrack (deck, audio, NULL);
  saved = cw_deck_save_to_bytes (deck);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "media-type=\"audio/ogg\""));
  again = cw_deck_load_bytes (saved, "again.clearway", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cw_deck_get_warnings (again)->len, ==, 0);
  loaded = cw_deck_get_soundtrack (again);
  g_assert_nonnull (loaded);
  g_assert_null (cw_deck_get_soundtrack_href (again));
  g_assert_cmpstr (cw_audio_get_media_type (loaded), ==, "audio/ogg");
  g_assert_true (g_bytes_equal (cw_audio_get_bytes (loaded), ogg_bytes));
  resaved = cw_deck_save_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, resaved));

  /* undo takes it away again */
  cw_deck_restore (deck, before);
  g_assert_null (cw_deck_get_soundtrack (deck));
  g_clear_object (&again);
  g_clear_pointer (&saved, g_bytes_unref);

  /* beside the deck: read, typed by content (a FLAC named .ogg), and saved as its path */
  g_assert_true (g_file_set_contents (flac_path, flac, sizeof flac, NULL));
  again = load_with_soundtrack (dir, "<soundtrack href=\"music.ogg\"/>");
  g_assert_cmpuint (cw_deck_get_warnings (again)->len, ==, 0);
  loaded = cw_deck_get_soundtrack (again);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (cw_audio_get_media_type (loaded), ==, "audio/flac");
  g_assert_cmpuint (g_bytes_get_size (cw_audio_get_bytes (loaded)), ==, sizeof flac);
  g_assert_cmpstr (cw_deck_get_soundtrack_href (again), ==, "music.ogg");
  saved = cw_deck_save_to_bytes (again);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "<soundtrack href=\"music.ogg\"/>"));

  cw_test_remove_tree (dir);
}

/* A soundtrack that is missing, not audio, or too large: the deck opens
 * with a warning on its line that names the file, has no sound, and keeps
 * the reference so that putting the right file back fixes it. */
static void
test_soundtrack_refused (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *png_path = g_build_filename (dir, "picture.mp3", NULL);
  g_autofree char *huge_path = g_build_filename (dir, "huge.wav", NULL);
  static const char png[] = "\211PNG\r\n\32\n not a sound";
  static const struct { const char *href; const char *says; } cases[] = {
    { "missing.ogg", "missing" },
    { "picture.mp3", "not an OGG, MP3, WAV or FLAC" },
    { "huge.wav", "16 MB" },
  };

  g_assert_true (g_file_set_contents (png_path, png, sizeof png, NULL));
  {
    /* a real WAV head, then more than the cap allows */
    int fd = g_open (huge_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, "RIFF\44\0\0\0WAVEfmt ", 16), ==, 16);
    g_assert_cmpint (ftruncate (fd, CW_AUDIO_MAX_BYTES + 1), ==, 0);
    g_close (fd, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *element = g_strdup_printf ("<soundtrack href=\"%s\"/>", cases[i].href);
      g_autoptr(CwDeck) deck = load_with_soundtrack (dir, element);
      g_autoptr(GBytes) saved = NULL;
      GPtrArray *warnings = cw_deck_get_warnings (deck);
      g_autofree char *message = NULL;

      g_assert_cmpuint (warnings->len, ==, 1);
      message = cw_diagnostic_to_string (g_ptr_array_index (warnings, 0));
      g_assert_nonnull (strstr (message, "d.clearway:4: "));
      g_assert_nonnull (strstr (message, cases[i].href));
      g_assert_nonnull (strstr (message, cases[i].says));
      g_assert_null (cw_deck_get_soundtrack (deck));
      g_assert_cmpstr (cw_deck_get_soundtrack_href (deck), ==, cases[i].href);
      saved = cw_deck_save_to_bytes (deck);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), element));
    }

  /* embedded bytes that are not audio: a warning, and no soundtrack at all */
  {
    g_autoptr(CwDeck) deck = load_with_soundtrack (dir, "<soundtrack media-type=\"audio/ogg\">aGVsbG8=</soundtrack>");
    g_autofree char *message = NULL;

    g_assert_cmpuint (cw_deck_get_warnings (deck)->len, ==, 1);
    message = cw_diagnostic_to_string (g_ptr_array_index (cw_deck_get_warnings (deck), 0));
    g_assert_nonnull (strstr (message, "embedded soundtrack"));
    g_assert_null (cw_deck_get_soundtrack (deck));
    g_assert_null (cw_deck_get_soundtrack_href (deck));
  }

  cw_test_remove_tree (dir);
}

static CwDeck *
load_with_logo (const char  *dir,
                const char  *href,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "d.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                          "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
                                          "<meta><title>T</title><language>en</language></meta>\n"
                                          "<theme><logo href=\"%s\"/></theme>\n"
                                          "<slides><slide id=\"t\" template=\"title\"/></slides></deck>\n",
                                          href);

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  return cw_deck_load_file (file, NULL, error);
}

/* A deck from someone else cannot pull other files of this computer into a render. */
static void
test_logo_outside_folder (void)
{
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>";
  g_autofree char *top = cw_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (top, "deck", NULL);
  g_autofree char *sub = g_build_filename (dir, "logos", NULL);
  g_autofree char *outside = g_build_filename (top, "private.svg", NULL);
  g_autofree char *inside = g_build_filename (sub, "logo.svg", NULL);
  g_autofree char *link_out = g_build_filename (dir, "escape.svg", NULL);
  g_autofree char *link_in = g_build_filename (dir, "alias.svg", NULL);
  const char *outside_hrefs[] = { outside, "../private.svg", "logos/../../private.svg", "escape.svg", NULL };
  const char *inside_hrefs[] = { "logos/logo.svg", "alias.svg", "./logos/../logos/logo.svg", NULL };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside, svg, -1, NULL));
  g_assert_true (g_file_set_contents (inside, svg, -1, NULL));
  g_assert_cmpint (symlink ("../private.svg", link_out), ==, 0);
  g_assert_cmpint (symlink ("logos/logo.svg", link_in), ==, 0);

  for (guint i = 0; outside_hrefs[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwDeck) deck = load_with_logo (dir, outside_hrefs[i], &error);
      g_autofree char *warning = NULL;
      CwTheme *theme;

      g_assert_no_error (error);
      theme = cw_deck_get_theme (deck);
      /* not read: a warning on the logo's line, a placeholder, and the reference kept */
      g_assert_null (cw_theme_get_logo (theme));
      g_assert_cmpstr (cw_theme_get_logo_href (theme), ==, outside_hrefs[i]);
      g_assert_cmpuint (cw_deck_get_warnings (deck)->len, ==, 1);
      warning = cw_diagnostic_to_string (g_ptr_array_index (cw_deck_get_warnings (deck), 0));
      if (!g_str_has_suffix (warning, "placeholder is shown instead.") ||
          strstr (warning, "d.clearway:4:") == NULL || strstr (warning, "beside the deck") == NULL)
        g_error ("%s: unexpected warning “%s”", outside_hrefs[i], warning);
    }

  for (guint i = 0; inside_hrefs[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CwDeck) deck = load_with_logo (dir, inside_hrefs[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (cw_theme_get_logo (cw_deck_get_theme (deck)));
      g_assert_cmpuint (cw_deck_get_warnings (deck)->len, ==, 0);
    }

  /* slide pictures follow the same rule, as the editor adds them */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CwDeck) deck = load_with_logo (dir, "logos/logo.svg", &error);

    g_assert_no_error (error);
    g_assert_null (cw_deck_load_image (deck, "../private.svg", &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_assert_null (cw_deck_load_image (deck, outside, &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_assert_nonnull (cw_deck_load_image (deck, "alias.svg", &error));
    g_assert_no_error (error);
  }

  cw_test_remove_tree (top);
}

/* A photo field outside the folder is a warning with its line, like a logo. */
static void
test_photo_outside_folder (void)
{
  g_autofree char *top = cw_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (top, "deck", NULL);
  g_autofree char *outside = g_build_filename (top, "private.svg", NULL);
  g_autofree char *path = g_build_filename (dir, "d.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autofree char *warning = NULL;
  const char *xml = "<?xml version=\"1.0\"?>\n"
                    "<deck xmlns=\"https://clearway.github.io/ns/deck\" version=\"1\">\n"
                    "<meta><title>T</title><language>en</language></meta>\n"
                    "<slides><slide id=\"q\" template=\"quote\">\n"
                    "<text name=\"quote\">Hello</text>\n"
                    "<field name=\"photo\" value=\"../private.svg\"/>\n"
                    "</slide></slides></deck>\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>", -1, NULL));
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));

  deck = cw_deck_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cw_deck_get_image (deck, "../private.svg"));
  g_assert_cmpuint (cw_deck_get_warnings (deck)->len, ==, 1);
  warning = cw_diagnostic_to_string (g_ptr_array_index (cw_deck_get_warnings (deck), 0));
  g_assert_true (g_str_has_prefix (warning, path));
  g_assert_nonnull (strstr (warning, ":6:"));
  g_assert_nonnull (strstr (warning, "not in the deck’s folder"));

  cw_test_remove_tree (top);
}

static void
make_file (const char *dir,
           const char *name,
           gint64      age)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 when = g_get_real_time () / G_USEC_PER_SEC - age;
  struct utimbuf times = { when, when };

  g_assert_true (g_file_set_contents (path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<deck", -1, NULL));
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

/* What a save killed half-way left is removed by the next save; nothing else is. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deck.clearway", NULL);
  g_autofree char *busy = g_build_filename (dir, ".deck.clearway.saving-Busy01", NULL);
  g_autofree char *fake = g_build_filename (dir, ".deck.clearway.saving-Link01", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  int held;

  g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_no_error (error);

  /* a save was killed an hour ago, and another one a minute ago */
  make_file (dir, ".deck.clearway.saving-a1B2c3", 3600);
  make_file (dir, ".deck.clearway.saving-Zz9yX8", 60);
  /* a save running now (it holds its file locked), one just begun */
  make_file (dir, ".deck.clearway.saving-Busy01", 3600);
  held = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (flock (held, LOCK_EX), ==, 0);
  make_file (dir, ".deck.clearway.saving-Fresh1", 0);
  /* files that only look alike: the user's, another deck's, a link */
  make_file (dir, "deck.clearway.backup", 3600);
  make_file (dir, "deck.clearway.XYZ123", 3600);
  make_file (dir, ".deck.clearway.saving-toolong", 3600);
  make_file (dir, ".other.clearway.saving-a1B2c3", 3600);
  make_file (dir, "target", 3600);
  g_assert_cmpint (symlink ("target", fake), ==, 0);

  cw_deck_set_title (deck, "Again");
  g_assert_true (cw_deck_save_file (deck, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (exists (dir, ".deck.clearway.saving-a1B2c3"));
  g_assert_false (exists (dir, ".deck.clearway.saving-Zz9yX8"));
  g_assert_true (exists (dir, ".deck.clearway.saving-Busy01"));
  g_assert_true (exists (dir, ".deck.clearway.saving-Fresh1"));
  g_assert_true (exists (dir, "deck.clearway.backup"));
  g_assert_true (exists (dir, "deck.clearway.XYZ123"));
  g_assert_true (exists (dir, ".deck.clearway.saving-toolong"));
  g_assert_true (exists (dir, ".other.clearway.saving-a1B2c3"));
  g_assert_true (exists (dir, ".deck.clearway.saving-Link01"));
  g_assert_true (exists (dir, "target"));
  g_assert_true (exists (dir, "deck.clearway"));

  close (held);
  cw_test_remove_tree (dir);
}

/* An output replaces a link where it goes; the file the link names is left alone. */
static void
test_save_replaces_link (void)
{
  g_autofree char *dir = cw_test_make_tmpdir ();
  g_autofree char *victim = g_build_filename (dir, "victim.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "out.clearway", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  g_assert_cmpint (symlink ("victim.txt", link), ==, 0);

  g_assert_true (cw_deck_save_file_full (deck, file, CW_WRITE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (victim, &content, NULL, NULL));
  if (!g_str_equal (content, "precious"))
    g_error ("the deck was written into the file the link points to");
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (link, &content, NULL, NULL));
  g_assert_nonnull (strstr (content, "<deck xmlns="));

  cw_test_remove_tree (dir);
}

/* What a catalog inside a deck is refused for: what `translate` refuses in a .po file. */
static const BadCase catalog_cases[] = {
  { "lost-placeholder", 15,
    "  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" source=\"{mines} neutralised\"><form>обезврежено</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "the translation of “one/label” leaves out {mines}" },
  { "invented-placeholder", 15,
    "  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" source=\"mines neutralised\"><form>{year} мин</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "has {year}" },
  { "unclosed-brace", 15,
    "  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" source=\"{mines} neutralised\"><form>{mines обезврежено</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "without its closing" },
  { "division-by-zero", 15,
    "  </slides><translations><catalog language=\"ru\" plural-forms=\"nplurals=2; plural=(n/0);\"><message context=\"one/label\" source=\"mines neutralised\"><form>мины</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "divides by zero when n is 0" },
  { "form-beyond-nplurals", 15,
    "  </slides><translations><catalog language=\"ru\" plural-forms=\"nplurals=2; plural=n;\"><message context=\"one/label\" source=\"mines neutralised\"><form>мины</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "for n = 2 it picks another" },
  { "too-few-forms", 15,
    "  </slides><translations><catalog language=\"ru\" plural-forms=\"nplurals=3; plural=(n==1 ? 0 : n&gt;=2 &amp;&amp; n&lt;=4 ? 1 : 2);\"><message context=\"one/label\" source=\"mine neutralised\" source-plural=\"mines neutralised\"><form>мина</form><form>мины</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "“one/label” has 2 plural forms, but its catalog’s plural-forms says nplurals=3" },
  { "control-character", 15,
    "  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" source=\"mines neutralised\"><form>мины&#13;обезврежены</form></message></catalog></translations>",
    CW_ERROR_CATALOG, "control characters" },
};

/* A translation marked fuzzy is work in progress: kept, not shown, not checked for placeholders. */
static void
test_catalog_fuzzy_is_kept (void)
{
  g_autofree const char **lines = g_memdup2 (base_deck, sizeof base_deck);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;

  lines[14] = "  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" "
              "source=\"{mines} neutralised\" fuzzy=\"true\"><form>обезврежено</form></message></catalog></translations>";
  deck = cw_test_load_lines (lines, &error);
  g_assert_no_error (error);
  g_assert_true (cw_catalog_find (cw_deck_get_catalog (deck, "ru"), "one/label")->fuzzy);
}

/* @count copies of @unit */
static char *
repeat (const char *unit,
        guint       count)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* Loads the base deck with line @line replaced by @replacement; the deck
 * loads, or the message names the line and mentions @must_mention. */
static void
assert_line (guint       line,
             const char *replacement,
             const char *must_mention)
{
  g_autofree const char **lines = g_memdup2 (base_deck, sizeof base_deck);
  g_autofree char *prefix = g_strdup_printf ("test.clearway:%u:", line);
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;

  lines[line - 1] = replacement;
  deck = cw_test_load_lines (lines, &error);
  if (must_mention == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (deck);
      return;
    }
  g_assert_null (deck);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, must_mention));
}

/* Each text is held to the length its role allows, counted in characters:
 * a deck with a text no viewer could read made validate, text and render
 * hang, and asked for a slide of hours. */
static void
test_text_too_long (void)
{
  guint headline = cw_text_role_get_max_chars (CW_TEXT_ROLE_HEADLINE);
  guint label = cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL);
  guint source = cw_text_role_get_max_chars (CW_TEXT_ROLE_SOURCE);
  g_autofree char *at_limit = repeat ("ə", headline);
  g_autofree char *over = repeat ("a", headline + 1);
  g_autofree char *label_over = repeat ("a", label + 1);
  g_autofree char *source_over = repeat ("a", source + 1);
  g_autofree char *huge = repeat ("mines cleared ", 90000);
  g_autofree char *line = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpuint (label, <, headline);
  g_assert_cmpuint (headline, <, cw_text_role_get_max_chars (CW_TEXT_ROLE_BODY));

  /* a headline at its limit loads, though its bytes are twice as many */
  line = g_strdup_printf ("    </slide><slide id=\"t\" template=\"title\"><text name=\"headline\">%s</text></slide>", at_limit);
  assert_line (14, line, NULL);
  g_clear_pointer (&line, g_free);

  line = g_strdup_printf ("    </slide><slide id=\"t\" template=\"title\"><text name=\"headline\">%s</text></slide>", over);
  message = g_strdup_printf ("The headline “t/headline” has %u characters; a headline may have at most %u.", headline + 1, headline);
  assert_line (14, line, message);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&message, g_free);

  line = g_strdup_printf ("    </slide><slide id=\"t\" template=\"title\"><text name=\"headline\">%s</text></slide>", huge);
  assert_line (14, line, "has 1259999 characters");
  g_clear_pointer (&line, g_free);

  line = g_strdup_printf ("      <text name=\"label\">%s</text>", label_over);
  message = g_strdup_printf ("The label “one/label” has %u characters; a label may have at most %u.", label + 1, label);
  assert_line (13, line, message);
  g_clear_pointer (&line, g_free);

  line = g_strdup_printf ("      <text name=\"label\" plural=\"%s\">mine</text>", label_over);
  assert_line (13, line, message);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&message, g_free);

  /* the texts of statistics show on slides too */
  line = g_strdup_printf ("    <statistic id=\"mines\" value=\"1\"><label>%s</label></statistic>", label_over);
  assert_line (8, line, "The label “mines” has");
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("    <statistic id=\"mines\"><point label=\"%s\" value=\"1\"/></statistic>", label_over);
  assert_line (8, line, "The label “mines” has");
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("    <statistic id=\"mines\" value=\"1\" source=\"%s\"/>", source_over);
  assert_line (8, line, "The source line “mines” has");
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("    <language>en</language><source-line>%s</source-line>", source_over);
  assert_line (5, line, "The source line “deck/source-line” has");
  g_clear_pointer (&line, g_free);

  /* and so do their translations */
  line = g_strdup_printf ("  </slides><translations><catalog language=\"ru\"><message context=\"one/label\" "
                          "source=\"mines neutralised\"><form>%s</form></message></catalog></translations>", label_over);
  assert_line (15, line, "The label “one/label” has");
}

/* A copy is the same content, so it keeps the revision; any change makes a
 * new one. Undo relies on both to share what did not change. */
static void
test_revisions (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  CwSlide *slide = cw_deck_get_slide (deck, 0);
  g_autoptr(CwSlide) slide_copy = cw_slide_copy (slide);
  CwStatistic *statistic = cw_deck_find_statistic (deck, "mines_neutralised");
  g_autoptr(CwStatistic) statistic_copy = cw_statistic_copy (statistic);
  CwTheme *theme = cw_deck_get_theme (deck);
  g_autoptr(CwTheme) theme_copy = cw_theme_copy (theme);
  CwCatalog *catalog = cw_deck_get_catalog (deck, "az");
  g_autoptr(CwCatalog) catalog_copy = cw_catalog_copy (catalog);
  const char *forms[] = { "Yoldan çıxmayın", NULL };
  CwColor red = { 1, 0, 0, 1 };
  guint64 revision;

  g_assert_cmpuint (cw_slide_get_revision (slide_copy), ==, cw_slide_get_revision (slide));
  g_assert_cmpuint (cw_statistic_get_revision (statistic_copy), ==, cw_statistic_get_revision (statistic));
  g_assert_cmpuint (cw_theme_get_revision (theme_copy), ==, cw_theme_get_revision (theme));
  g_assert_cmpuint (cw_catalog_get_revision (catalog_copy), ==, cw_catalog_get_revision (catalog));

  revision = cw_slide_get_revision (slide_copy);
  cw_slide_set_text (slide_copy, "headline", "Stay on the path");
  g_assert_cmpuint (cw_slide_get_revision (slide_copy), !=, revision);
  g_assert_false (cw_slide_equal (slide, slide_copy));
  cw_slide_set_text (slide_copy, "headline", cw_slide_get_text (slide, "headline"));
  /* typed back: another revision, the same slide */
  g_assert_cmpuint (cw_slide_get_revision (slide_copy), !=, cw_slide_get_revision (slide));
  g_assert_true (cw_slide_equal (slide, slide_copy));

  cw_statistic_add_point (statistic_copy, "2024", 1);
  g_assert_false (cw_statistic_equal (statistic, statistic_copy));
  cw_theme_set_color (theme_copy, CW_COLOR_ACCENT, &red);
  g_assert_false (cw_theme_equal (theme, theme_copy));
  cw_catalog_add (catalog_copy, "intro/headline", "Stay on the path", NULL, forms, FALSE, 0);
  g_assert_false (cw_catalog_equal (catalog, catalog_copy));
}

/* Restoring a snapshot gives back the deck byte for byte, without reading
 * any file: the parts that did not change stay the same objects, and the
 * logo is never copied. */
static void
test_snapshot_restore (void)
{
  g_autoptr(CwDeck) deck = cw_deck_new_sample ();
  g_autoptr(GBytes) before = cw_deck_save_to_bytes (deck);
  g_autoptr(GBytes) after_bytes = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(CwDeckSnapshot) snapshot = cw_deck_snapshot_new (deck, NULL);
  g_autoptr(CwDeckSnapshot) again = cw_deck_snapshot_new (deck, snapshot);
  g_autoptr(CwDeckSnapshot) after = NULL;
  g_autoptr(CwStatistic) added = cw_statistic_new ("roads_checked");
  CwImage *logo = cw_theme_get_logo (cw_deck_get_theme (deck));
  CwSlide *kept = cw_deck_get_slide (deck, 1);
  CwStatistic *kept_statistic = cw_deck_find_statistic (deck, "hectares_cleared");
  guint n_slides = cw_deck_get_n_slides (deck);
  const char *forms[] = { "Yoldan çıxmayın", NULL };
  CwColor red = { 1, 0, 0, 1 };

  g_assert_nonnull (logo);
  g_assert_true (cw_deck_snapshot_equal (snapshot, again));

  cw_deck_set_title (deck, "November");
  cw_slide_set_text (cw_deck_get_slide (deck, 0), "headline", "Stay on the path");
  cw_deck_remove_slide (deck, cw_deck_get_slide (deck, 2));
  cw_deck_move_slide (deck, 3, 0);
  cw_statistic_set_value (cw_deck_find_statistic (deck, "mines_neutralised"), 162500);
  cw_deck_insert_statistic (deck, 0, added);
  cw_theme_set_color (cw_deck_get_theme (deck), CW_COLOR_ACCENT, &red);
  cw_catalog_add (cw_deck_get_catalog (deck, "az"), "intro/headline", "Stay on the path", NULL, forms, FALSE, 0);
  after = cw_deck_snapshot_new (deck, snapshot);
  after_bytes = cw_deck_save_to_bytes (deck);
  g_assert_false (cw_deck_snapshot_equal (snapshot, after));

  cw_deck_restore (deck, snapshot);
  now = cw_deck_save_to_bytes (deck);
  g_assert_true (g_bytes_equal (now, before));
  g_assert_cmpuint (cw_deck_get_n_slides (deck), ==, n_slides);
  g_assert_true (cw_deck_get_slide (deck, 1) == kept);
  g_assert_true (cw_deck_find_statistic (deck, "hectares_cleared") == kept_statistic);
  g_assert_true (cw_theme_get_logo (cw_deck_get_theme (deck)) == logo);
  g_clear_pointer (&again, cw_deck_snapshot_unref);
  again = cw_deck_snapshot_new (deck, snapshot);
  g_assert_true (cw_deck_snapshot_equal (again, snapshot));

  cw_deck_restore (deck, after);
  g_clear_pointer (&now, g_bytes_unref);
  now = cw_deck_save_to_bytes (deck);
  g_assert_true (g_bytes_equal (now, after_bytes));
  g_assert_true (cw_deck_find_statistic (deck, "hectares_cleared") == kept_statistic);
  g_assert_true (cw_theme_get_logo (cw_deck_get_theme (deck)) == logo);
}

/* The frame rates of the schema are the core's list, and the loader takes
 * each one and refuses any other. */
static void
test_frame_rates (void)
{
  g_autofree char *rng = g_test_build_filename (G_TEST_DIST, "..", "data", "clearway-deck.rng", NULL);
  g_autofree char *schema = NULL;
  gsize len = 0;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GArray) in_schema = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  guint n_rates;
  const guint *rates = cw_frame_rates_list (&n_rates);

  /* read here: the core lets libxml2 open no file itself */
  g_assert_true (g_file_get_contents (rng, &schema, &len, NULL));
  doc = xmlReadMemory (schema, len, "clearway-deck.rng", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_ptr_array_add (nodes, xmlDocGetRootElement (doc));
  while (nodes->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (nodes, nodes->len - 1);
      g_autoptr(CwXmlChar) name = xmlGetProp (node, (const xmlChar *) "name");

      if (g_str_equal ((const char *) node->name, "attribute") && g_strcmp0 ((const char *) name, "fps") == 0)
        {
          for (xmlNode *c = node->children; c; c = c->next)
            for (xmlNode *v = c->children; c->type == XML_ELEMENT_NODE && v; v = v->next)
              if (v->type == XML_ELEMENT_NODE && g_str_equal ((const char *) v->name, "value"))
                {
                  g_autoptr(CwXmlChar) text = xmlNodeGetContent (v);
                  guint rate = atoi ((const char *) text);

                  g_array_append_val (in_schema, rate);
                }
          continue;
        }
      for (xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
          g_ptr_array_add (nodes, c);
    }

  g_assert_cmpuint (n_rates, >, 0);
  g_assert_cmpmem (in_schema->data, in_schema->len * sizeof (guint), rates, n_rates * sizeof (guint));
  g_assert_cmpuint (rates[n_rates], ==, 0);

  for (guint i = 0; i < n_rates + 2; i++)
    {
      /* each rate of the list, then two that are not in it */
      guint rate = i < n_rates ? rates[i] : i == n_rates ? 29 : 120;
      g_autofree const char **lines = g_memdup2 (base_deck, sizeof base_deck);
      g_autofree char *line = g_strdup_printf ("  <output fps=\"%u\"/><statistics>", rate);
      g_autoptr(GError) error = NULL;
      g_autoptr(CwDeck) deck = NULL;

      lines[6] = line;
      deck = cw_test_load_lines (lines, &error);
      g_assert_true (cw_frame_rate_is_valid (rate) == (i < n_rates));
      if (i < n_rates)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (cw_deck_get_fps (deck), ==, rate);
        }
      else
        g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
    }
}

/* What is typed into a statistic is held to the rules of the deck file,
 * so nothing typed makes a deck that no longer opens. */
static void
test_statistic_from_text (void)
{
  g_autoptr(CwStatistic) statistic = cw_statistic_new ("mines");
  g_autoptr(GError) error = NULL;

  g_assert_true (cw_statistic_set_from_text (statistic, "value", " 161000 ", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (cw_statistic_get_value (statistic), ==, 161000);

  /* refused, and nothing changes */
  g_assert_false (cw_statistic_set_from_text (statistic, "value", "161,000", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "161,000"));
  /* and the example it gives is one this reading takes */
  g_assert_nonnull (strstr (error->message, "like 161000 or 2.5"));
  g_clear_error (&error);
  g_assert_false (cw_statistic_set_from_text (statistic, "value", "1e300", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (cw_statistic_set_from_text (statistic, "as-of", "Oct 2024", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "YYYY-MM"));
  g_clear_error (&error);
  g_assert_false (cw_statistic_set_from_text (statistic, "label", "Mines\x01", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_cmpfloat (cw_statistic_get_value (statistic), ==, 161000);
  g_assert_null (cw_statistic_get_as_of (statistic));

  /* the tone: a keyword, blank for the default */
  g_assert_cmpint (cw_statistic_get_tone (statistic), ==, CW_TONE_PROGRESS);
  g_assert_true (cw_statistic_set_from_text (statistic, "tone", "harm", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cw_statistic_get_tone (statistic), ==, CW_TONE_HARM);
  g_assert_false (cw_statistic_set_from_text (statistic, "tone", "sad", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (cw_statistic_get_tone (statistic), ==, CW_TONE_HARM);
  g_assert_true (cw_statistic_set_from_text (statistic, "tone", "", &error));
  g_assert_cmpint (cw_statistic_get_tone (statistic), ==, CW_TONE_PROGRESS);
  g_assert_null (cw_statistic_get_label (statistic));

  /* a negative count is taken (it may be a typing slip, or meant), and warned about */
  g_assert_true (cw_statistic_set_from_text (statistic, "value", "-5", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (cw_statistic_get_value (statistic), ==, -5);
  g_assert_true (cw_statistic_set_from_text (statistic, "as-of", "2024-10", &error));
  g_assert_cmpstr (cw_statistic_get_as_of (statistic), ==, "2024-10");

  /* typed as the interface's language writes it; asked when a deck language reads it otherwise */
  {
    static const char *en[] = { "en", NULL };
    static const char *ru_en[] = { "ru", "en", NULL };

    g_assert_true (cw_statistic_set_from_text_in (statistic, "value", "162,500", en, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (cw_statistic_get_value (statistic), ==, 162500);
    g_assert_false (cw_statistic_set_from_text_in (statistic, "value", "1,500", ru_en, &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_AMBIGUOUS);
    g_clear_error (&error);
    g_assert_cmpfloat (cw_statistic_get_value (statistic), ==, 162500);
    g_assert_false (cw_statistic_set_from_text_in (statistic, "value", "1,000,000,000,000,000,000", en, &error));
    g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
    g_clear_error (&error);
  }
  g_assert_true (cw_statistic_set_from_text (statistic, "unit", "", &error));
  g_assert_null (cw_statistic_get_unit (statistic));
}

static guint
count_warnings (CwStatistic *statistic,
                const char  *property,
                GDateTime   *now,
                const char  *must_mention)
{
  g_autoptr(GPtrArray) warnings = cw_statistic_check (statistic, property, now);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CwDiagnostic *d = g_ptr_array_index (warnings, i);

      g_test_message ("%s %s", d->message, d->hint);
      g_assert_cmpint (d->severity, ==, CW_SEVERITY_WARNING);
      /* the statistic is named as the element, and the hint says what to do */
      g_assert_cmpstr (d->element, ==, cw_statistic_get_id (statistic));
      g_assert_null (d->slide);
      g_assert_nonnull (d->hint);
      g_assert_cmpuint (strlen (d->hint), >, 0);
      if (must_mention != NULL && strstr (d->message, must_mention) == NULL)
        g_error ("the warning does not mention “%s”: %s", must_mention, d->message);
    }
  return warnings->len;
}

/* Figures a deck may hold but probably should not are warned about, each
 * with what to do. */
static void
test_statistic_warnings (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 15, 12, 0, 0);
  g_autoptr(CwStatistic) count = cw_statistic_new ("mines");
  g_autoptr(CwStatistic) share = cw_statistic_new ("cleared");
  g_autoptr(CwStatistic) series = cw_statistic_new ("by_year");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree const char **lines = g_memdup2 (base_deck, sizeof base_deck);
  g_autofree char *name = NULL;
  CwDiagnostic *d;

  cw_statistic_set_unit (count, "mines");
  cw_statistic_set_value (count, 161000);
  g_assert_cmpuint (count_warnings (count, NULL, now, NULL), ==, 0);
  cw_statistic_set_value (count, -5);
  g_assert_cmpuint (count_warnings (count, NULL, now, "below zero"), ==, 1);
  g_assert_cmpuint (count_warnings (count, "value", now, "mines"), ==, 1);
  g_assert_cmpuint (count_warnings (count, "as-of", now, NULL), ==, 0);

  /* a percentage may fall; it may not pass the whole */
  cw_statistic_set_unit (share, "%");
  cw_statistic_set_value (share, -60);
  g_assert_cmpuint (count_warnings (share, NULL, now, NULL), ==, 0);
  cw_statistic_set_value (share, 150);
  g_assert_cmpuint (count_warnings (share, NULL, now, "more than the whole"), ==, 1);
  cw_statistic_set_value (share, 100);
  g_assert_cmpuint (count_warnings (share, NULL, now, NULL), ==, 0);

  /* a figure as of a year, month or day, measured from its last day */
  cw_statistic_set_as_of (share, "2025-06");
  g_assert_cmpuint (count_warnings (share, NULL, now, NULL), ==, 0);
  cw_statistic_set_as_of (share, "2025");
  g_assert_cmpuint (count_warnings (share, NULL, now, NULL), ==, 0);
  cw_statistic_set_as_of (share, "2025-06-14");
  g_assert_cmpuint (count_warnings (share, "as-of", now, "2025-06-14"), ==, 1);
  cw_statistic_set_as_of (share, "2025-05");
  g_assert_cmpuint (count_warnings (share, NULL, now, "more than a year ago"), ==, 1);
  g_assert_cmpuint (count_warnings (share, "value", now, NULL), ==, 0);

  /* each point of a series is a figure too */
  cw_statistic_add_point (series, "2023", 120);
  cw_statistic_add_point (series, "2024", -3);
  g_assert_cmpuint (count_warnings (series, NULL, now, "2024"), ==, 1);

  /* a deck lists them with the line each statistic is on */
  lines[7] = "    <statistic id=\"mines\" value=\"-5\" unit=\"mines\" as-of=\"2024-10\" source=\"ANAMA\"/>";
  deck = cw_test_load_lines (lines, &error);
  g_assert_no_error (error);
  diagnostics = cw_deck_check_statistics (deck, now);
  /* named as the loader's warnings name the deck */
  name = cw_deck_dup_display_name (deck);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (d->severity, ==, CW_SEVERITY_WARNING);
  g_assert_cmpuint (d->line, ==, 8);
  g_assert_cmpstr (d->file, ==, name);
  g_assert_nonnull (strstr (d->message, "below zero"));
  g_assert_cmpstr (d->element, ==, "mines");
  g_assert_nonnull (strstr (d->hint, "percentage"));
  d = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpuint (d->line, ==, 8);
  g_assert_nonnull (strstr (d->message, "2024-10"));
  g_assert_nonnull (strstr (d->hint, "newer figures"));
}

static GBytes *
make_jpeg (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "jpeg", &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* @jpeg with its frame header saying @width × @height */
static GBytes *
claim_size (GBytes *jpeg,
            guint   width,
            guint   height)
{
  gsize len;
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, &len), g_bytes_get_size (jpeg));

  for (gsize i = 2; i + 9 < len; i++)
    {
      if (data[i] == 0xff && data[i + 1] == 0xc0)
        {
          data[i + 5] = height >> 8;
          data[i + 6] = height & 0xff;
          data[i + 7] = width >> 8;
          data[i + 8] = width & 0xff;
          return g_bytes_new_take (data, len);
        }
    }
  g_assert_not_reached ();
}

/* JPEG photos are read by gdk-pixbuf, their size checked before a pixel is
 * decoded. */
static void
test_jpeg (void)
{
  g_autoptr(GBytes) photo = make_jpeg (64, 32);
  g_autoptr(GBytes) huge = claim_size (photo, 60000, 60000);
  g_autoptr(GBytes) wide = make_jpeg (CW_IMAGE_MAX_SIDE + 8, 8);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (photo, 0, 40);
  g_autoptr(GByteArray) commented = g_byte_array_new ();
  g_autoptr(GBytes) with_comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwImage) image = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  static const guint8 comment_head[] = { 0xff, 0xd8, 0xff, 0xfe, 0xff, 0xf0 };
  guint8 *pixel;

  image = cw_image_new_from_bytes (photo, "photo.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cw_image_get_media_type (image), ==, "image/jpeg");
  g_assert_cmpfloat (cw_image_get_aspect_ratio (image), ==, 2.0);
  surface = cw_image_render (image, 64, 32);
  pixel = cairo_image_surface_get_data (surface) + 16 * cairo_image_surface_get_stride (surface) + 32 * 4;
  /* BGRA in memory: the blue of the photo, give or take JPEG's rounding */
  g_assert_cmpint (ABS (pixel[0] - 0xcc), <=, 4);
  g_assert_cmpint (ABS (pixel[2] - 0x33), <=, 4);
  g_clear_object (&image);

  /* a frame header past a long comment is still found */
  g_byte_array_append (commented, comment_head, sizeof comment_head);
  for (guint i = 0; i < 0xfff0 - 2; i++)
    g_byte_array_append (commented, (const guint8 *) "x", 1);
  g_byte_array_append (commented, (const guint8 *) g_bytes_get_data (photo, NULL) + 2, g_bytes_get_size (photo) - 2);
  with_comment = g_byte_array_free_to_bytes (g_steal_pointer (&commented));
  image = cw_image_new_from_bytes (with_comment, "photo.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cw_image_get_aspect_ratio (image), ==, 2.0);
  g_clear_object (&image);

  /* too large, whether it says so or is so: refused before decoding */
  g_assert_null (cw_image_new_from_bytes (huge, "huge.jpg", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.jpg: "));
  g_assert_nonnull (strstr (error->message, "60000×60000"));
  g_clear_error (&error);
  g_assert_null (cw_image_new_from_bytes (wide, "wide.jpg", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (cw_image_new_from_bytes (truncated, "cut.jpg", &error));
  g_assert_error (error, CW_ERROR, CW_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "cut.jpg: "));
}

int
main (int   argc,
      char *argv[])
{
  cw_test_init (&argc, &argv);

  g_test_add_func ("/cw/deck-io/valid", test_base_deck_is_valid);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/deck-io/error/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }
  g_test_add_func ("/cw/deck-io/several-errors", test_several_errors);
  g_test_add_func ("/cw/deck-io/series-and-styles", test_series_and_styles);
  g_test_add_func ("/cw/deck-io/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/cw/deck-io/soundtrack/sniff", test_soundtrack_sniff);
  g_test_add_func ("/cw/deck-io/soundtrack/round-trip", test_soundtrack_round_trip);
  g_test_add_func ("/cw/deck-io/soundtrack/refused", test_soundtrack_refused);
  g_test_add_func ("/cw/deck-io/round-trip/everything", test_round_trip_everything);
  g_test_add_func ("/cw/deck-io/hostile/doctype", test_hostile_doctype);
  g_test_add_func ("/cw/deck-io/hostile/external-entity", test_hostile_external_entity);
  g_test_add_func ("/cw/deck-io/hostile/external-dtd", test_hostile_external_dtd);
  g_test_add_func ("/cw/deck-io/hostile/doctype-utf16", test_hostile_doctype_utf16);
  g_test_add_func ("/cw/deck-io/hostile/xinclude", test_hostile_xinclude);
  g_test_add_func ("/cw/deck-io/hostile/oversized", test_oversized);
  g_test_add_func ("/cw/deck-io/hostile/compressed", test_compressed);
  g_test_add_func ("/cw/deck-io/hostile/garbage", test_garbage);
  g_test_add_func ("/cw/deck-io/missing-file", test_missing_file);
  g_test_add_func ("/cw/deck-io/missing-logo-and-font", test_missing_logo_and_font);
  g_test_add_func ("/cw/deck-io/logo-next-to-deck", test_logo_next_to_deck);
  g_test_add_func ("/cw/deck-io/atomic-save", test_atomic_save);
  g_test_add_func ("/cw/deck-io/save-failure", test_save_failure);
  g_test_add_func ("/cw/deck-io/no-slides", test_no_slides);
  g_test_add_func ("/cw/deck-io/hostile/endless-pipe", test_endless_pipe);
  g_test_add_func ("/cw/deck-io/hostile/large-file", test_large_file);
  g_test_add_func ("/cw/deck-io/hostile/logo-outside-folder", test_logo_outside_folder);
  g_test_add_func ("/cw/deck-io/hostile/photo-outside-folder", test_photo_outside_folder);
  g_test_add_func ("/cw/deck-io/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/cw/deck-io/save-replaces-link", test_save_replaces_link);
  for (guint i = 0; i < G_N_ELEMENTS (catalog_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cw/deck-io/catalog/%s", catalog_cases[i].name);
      g_test_add_data_func (path, &catalog_cases[i], test_bad_case);
    }
  g_test_add_func ("/cw/deck-io/catalog/fuzzy-is-kept", test_catalog_fuzzy_is_kept);
  g_test_add_func ("/cw/deck-io/text-too-long", test_text_too_long);
  g_test_add_func ("/cw/deck-io/revisions", test_revisions);
  g_test_add_func ("/cw/deck-io/snapshot-restore", test_snapshot_restore);
  g_test_add_func ("/cw/deck-io/frame-rates", test_frame_rates);
  g_test_add_func ("/cw/deck-io/statistic-from-text", test_statistic_from_text);
  g_test_add_func ("/cw/deck-io/statistic-warnings", test_statistic_warnings);
  g_test_add_func ("/cw/deck-io/jpeg", test_jpeg);

  return g_test_run ();
}
