/* cw-locale.c: languages: the ICU locale, writing direction and name of each
 *
 * Decks name languages by BCP 47 tag ("az", "ru", "ar"); ICU wants its own
 * locale IDs, and anything unknown falls back to English rather than to the
 * process locale, so one run renders every language the same on any machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <unicode/uldnames.h>
#include <unicode/ulocdata.h>
#include <unicode/uloc.h>

#include "cw-locale.h"

/**
 * cw_locale_to_icu:
 * @language: (nullable): a BCP 47 tag; %NULL for English
 * @out: where the ICU locale ID goes
 *
 * Writes the ICU locale ID for @language, or "en" when ICU does not know it.
 */
void
cw_locale_to_icu (const char *language,
                  char       *out,
                  gsize       out_len)
{
  /* Parsing a tag costs ICU a few microseconds of table lookups, and a
   * layout asks for the same few languages for every text it sets: the
   * answers are kept for the life of the process (a deck has a handful). */
  static GMutex lock;
  static GHashTable *known;
  const char *tag = language ? language : "en";
  const char *found;

  g_mutex_lock (&lock);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_hash_table_lookup (known, tag);
  if (found == NULL)
    {
      char id[ULOC_FULLNAME_CAPACITY];
      UErrorCode status = U_ZERO_ERROR;
      int32_t parsed = 0;

      uloc_forLanguageTag (tag, id, sizeof id, &parsed, &status);
      if (U_FAILURE (status) || status == U_STRING_NOT_TERMINATED_WARNING || id[0] == '\0')
        g_strlcpy (id, "en", sizeof id);
      found = g_strdup (id);
      g_hash_table_insert (known, g_strdup (tag), (char *) found);
    }
  g_strlcpy (out, found, out_len);
  g_mutex_unlock (&lock);
}

/**
 * cw_locale_with_digits:
 * @language: (nullable): a BCP 47 tag; %NULL for English
 * @native: the language's own digits rather than Western ones
 *
 * Returns: (transfer full): @language with the digits to write numbers in,
 *   as a BCP 47 tag ICU formats by: "ar-u-nu-latn" for 0–9, "ar-u-nu-native"
 *   for Arabic-Indic. Without it ICU picks each language's default, which
 *   is Arabic-Indic for Arabic while a translator types years in 0–9.
 */
char *
cw_locale_with_digits (const char *language,
                       gboolean    native)
{
  return g_strconcat (language ? language : "en", native ? "-u-nu-native" : "-u-nu-latn", NULL);
}

/* Whether @language is written right to left (Arabic, Persian, Hebrew…). */
gboolean
cw_locale_is_rtl (const char *language)
{
  char locale[ULOC_FULLNAME_CAPACITY];

  cw_locale_to_icu (language, locale, sizeof locale);
  return uloc_isRightToLeft (locale);
}

/* Whether @language is usually written in Cyrillic (ru, uk, bg, sr, kk…),
 * by ICU's likely script for it. */
gboolean
cw_locale_is_cyrillic (const char *language)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  char likely[ULOC_FULLNAME_CAPACITY];
  char script[ULOC_SCRIPT_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;

  cw_locale_to_icu (language, locale, sizeof locale);
  uloc_addLikelySubtags (locale, likely, sizeof likely, &status);
  if (U_FAILURE (status))
    return FALSE;
  uloc_getScript (likely, script, sizeof script, &status);
  return U_SUCCESS (status) && g_ascii_strcasecmp (script, "Cyrl") == 0;
}

/**
 * cw_language_get_name:
 * @display_language: (nullable): the language to name it in; %NULL for its own
 *
 * Returns: (transfer full): "Azerbaijani", "Azərbaycan", "Русский"…,
 *   capitalized as a name standing alone in a list
 */
char *
cw_language_get_name (const char *language,
                      const char *display_language)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  char display[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  UDisplayContext contexts[] = { UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU, UDISPCTX_DIALECT_NAMES };
  ULocaleDisplayNames *names;
  UChar buffer[128];
  int32_t len;

  cw_locale_to_icu (language, locale, sizeof locale);
  if (display_language != NULL)
    cw_locale_to_icu (display_language, display, sizeof display);
  else
    g_strlcpy (display, locale, sizeof display);

  names = uldn_openForContext (display, contexts, G_N_ELEMENTS (contexts), &status);
  if (U_FAILURE (status))
    return g_strdup (language);
  len = uldn_localeDisplayName (names, locale, buffer, G_N_ELEMENTS (buffer), &status);
  uldn_close (names);
  if (U_FAILURE (status) || len <= 0)
    return g_strdup (language);

  /* ICU knows the rule for some languages only (not for Azerbaijani);
   * a name standing alone in a list starts with a capital in all of ours */
  {
    g_autofree char *name = g_utf16_to_utf8 (buffer, len, NULL, NULL, NULL);
    gunichar first;
    char title[8];
    int n;

    if (name == NULL || *name == '\0')
      return g_strdup (language);
    first = g_utf8_get_char (name);
    n = g_unichar_to_utf8 (g_unichar_totitle (first), title);

    title[n] = '\0';
    return g_strconcat (title, g_utf8_next_char (name), NULL);
  }
}

static char *
get_delimiter (ULocaleData        *data,
               ULocaleDataDelimiterType type,
               const char         *fallback)
{
  UChar buffer[8];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = ulocdata_getDelimiter (data, type, buffer, G_N_ELEMENTS (buffer), &status);
  char *utf8;

  if (U_FAILURE (status) || length <= 0)
    return g_strdup (fallback);
  utf8 = g_utf16_to_utf8 (buffer, length, NULL, NULL, NULL);
  return utf8 != NULL ? utf8 : g_strdup (fallback);
}

/**
 * cw_locale_get_quotes:
 * @open: (out) (transfer full): the mark that opens a quotation
 * @close: (out) (transfer full): the mark that closes it
 *
 * The quotation marks @language sets, from CLDR through ICU: “…” in
 * English, «…» in Russian and Azerbaijani, „…“ in German.
 */
void
cw_locale_get_quotes (const char  *language,
                      char       **open,
                      char       **close)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  ULocaleData *data;

  cw_locale_to_icu (language, locale, sizeof locale);
  data = ulocdata_open (locale, &status);
  if (U_FAILURE (status) || data == NULL)
    {
      *open = g_strdup ("\u201c");
      *close = g_strdup ("\u201d");
      return;
    }
  *open = get_delimiter (data, ULOCDATA_QUOTATION_START, "\u201c");
  *close = get_delimiter (data, ULOCDATA_QUOTATION_END, "\u201d");
  ulocdata_close (data);
}

static gboolean
is_quotation_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == 0x201e || c == 0x201a || c == 0x300c || c == 0x300d ||
         type == G_UNICODE_INITIAL_PUNCTUATION || type == G_UNICODE_FINAL_PUNCTUATION;
}

/**
 * cw_locale_quote:
 *
 * Returns: (transfer full): @text between @language's quotation marks;
 *   marks the author typed at its ends give way to the language's, so
 *   they are never doubled
 */
char *
cw_locale_quote (const char *language,
                 const char *text)
{
  g_autofree char *open = NULL;
  g_autofree char *close = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *start = stripped;
  const char *end = stripped + strlen (stripped);

  cw_locale_get_quotes (language, &open, &close);
  while (*start != '\0' && is_quotation_mark (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && is_quotation_mark (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (end == start)
    return g_strdup (text);
  return g_strdup_printf ("%s%.*s%s", open, (int) (end - start), start, close);
}
