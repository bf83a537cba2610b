/* cw-number.c
 *
 * All formatting goes through ICU with the slide's language, never the
 * process locale: one run renders az, ru and en, and printf would group
 * 161000 the same way (or not at all) in each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unicode/udat.h>
#include <glib/gi18n-lib.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

#include "cw-core.h"
#include "cw-decimal.h"
#include "cw-error.h"
#include "cw-locale.h"
#include "cw-number.h"

/* Formatters are immutable and thread-safe once built (ICU's
 * LocalizedNumberFormatter contract), so one cache serves all workers. */
static GMutex cache_lock;
static GHashTable *cache;

/* Opening ICU's date pattern generator loads a locale's calendar data and
 * takes milliseconds; a deck has a handful of dates in a few languages, and
 * every layout of every slide asks for them again. */
static GMutex dates_lock;
static GHashTable *dates;
#define DATES_MAX 1024

static char *
utf16_to_utf8 (const UChar *str,
               int32_t      len)
{
  char *ret = g_utf16_to_utf8 (str, len, NULL, NULL, NULL);

  return ret ? ret : g_strdup ("");
}

static UNumberFormatter *
get_formatter (const char *locale,
               const char *skeleton)
{
  g_autofree char *key = g_strconcat (locale, "|", skeleton, NULL);
  UNumberFormatter *formatter;

  g_mutex_lock (&cache_lock);

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) unumf_close);

  formatter = g_hash_table_lookup (cache, key);
  if (formatter == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      g_autofree gunichar2 *uskeleton = g_utf8_to_utf16 (skeleton, -1, NULL, NULL, NULL);

      formatter = unumf_openForSkeletonAndLocale (uskeleton, -1, locale, &status);
      if (U_FAILURE (status))
        {
          g_clear_pointer (&formatter, unumf_close);
        }
      else
        {
          g_hash_table_insert (cache, g_steal_pointer (&key), formatter);
        }
    }

  g_mutex_unlock (&cache_lock);

  return formatter;
}

/**
 * cw_number_format:
 * @language: a BCP 47 language tag, such as "az" or "ru"
 * @style: plain, percent (@value 60 gives "60 %"), a change in percent
 *   ("+9 %") or compact ("161K")
 * @decimals: digits after the decimal separator (plain and percent)
 *
 * Returns: (transfer full): the number as the language writes it, with its
 *   own separators (a no-break space in Russian, so a number never breaks
 *   across lines)
 */
char *
cw_number_format (const char    *language,
                  CwNumberStyle  style,
                  double         value,
                  guint          decimals)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  g_autoptr(GString) skeleton = g_string_new (NULL);
  UNumberFormatter *formatter;
  UFormattedNumber *result;
  UErrorCode status = U_ZERO_ERROR;
  UChar buffer[128];
  int32_t len;

  cw_locale_to_icu (language, locale, sizeof locale);
  decimals = MIN (decimals, 6);

  switch (style)
    {
    case CW_NUMBER_COMPACT:
      g_string_append (skeleton, "compact-short");
      break;
    case CW_NUMBER_PERCENT_CHANGE:
      /* a change always shows its sign: +9 %, −60 % */
      g_string_append (skeleton, "sign-except-zero ");
      G_GNUC_FALLTHROUGH;
    case CW_NUMBER_PERCENT:
      g_string_append (skeleton, "percent ");
      G_GNUC_FALLTHROUGH;
    case CW_NUMBER_DECIMAL:
    default:
      if (decimals == 0)
        g_string_append (skeleton, "precision-integer");
      else
        {
          g_string_append_c (skeleton, '.');
          for (guint i = 0; i < decimals; i++)
            g_string_append_c (skeleton, '0');
        }
      break;
    }

  formatter = get_formatter (locale, skeleton->str);
  if (formatter == NULL || !isfinite (value))
    return g_strdup_printf ("%.*f", (int) decimals, value);

  result = unumf_openResult (&status);
  unumf_formatDouble (formatter, value, result, &status);
  len = unumf_resultToString (result, buffer, G_N_ELEMENTS (buffer), &status);
  unumf_closeResult (result);

  if (U_FAILURE (status))
    return g_strdup_printf ("%.*f", (int) decimals, value);

  return utf16_to_utf8 (buffer, len);
}

static char *
date_format_as_of (const char *locale,
                   const char *as_of)
{
  int y = 0, m = 1, d = 1;
  int n;
  const char *skeleton;
  UErrorCode status = U_ZERO_ERROR;
  UDateTimePatternGenerator *generator;
  UChar pattern[64];
  int32_t pattern_len;
  UChar uskeleton[16];
  UChar tz[] = { 'U', 'T', 'C', 0 };
  UDateFormat *format;
  UChar buffer[128];
  int32_t len;
  g_autoptr(GDateTime) dt = NULL;

  n = sscanf (as_of, "%d-%d-%d", &y, &m, &d);
  if (n < 1)
    return g_strdup (as_of);
  skeleton = n == 1 ? "y" : n == 2 ? "yMMM" : "yMMMd";

  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  if (dt == NULL)
    return g_strdup (as_of);

  u_uastrcpy (uskeleton, skeleton);

  generator = udatpg_open (locale, &status);
  pattern_len = udatpg_getBestPattern (generator, uskeleton, -1, pattern, G_N_ELEMENTS (pattern),
                                       &status);
  udatpg_close (generator);
  if (U_FAILURE (status))
    return g_strdup (as_of);

  format = udat_open (UDAT_PATTERN, UDAT_PATTERN, locale, tz, -1, pattern, pattern_len, &status);
  len = udat_format (format, (UDate) g_date_time_to_unix (dt) * 1000.0, buffer,
                     G_N_ELEMENTS (buffer), NULL, &status);
  udat_close (format);
  if (U_FAILURE (status))
    return g_strdup (as_of);

  return utf16_to_utf8 (buffer, len);
}

/**
 * cw_date_format_as_of:
 * @as_of: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 *
 * Returns: (transfer full): the date at the precision it was given in, as
 *   @language writes it: "Oct 2024", "окт. 2024 г.", "okt 2024"
 */
char *
cw_date_format_as_of (const char *language,
                      const char *as_of)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  g_autofree char *key = NULL;
  char *result;

  if (as_of == NULL)
    return NULL;

  cw_locale_to_icu (language, locale, sizeof locale);
  key = g_strconcat (locale, "|", as_of, NULL);

  g_mutex_lock (&dates_lock);
  if (dates == NULL)
    dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result = g_strdup (g_hash_table_lookup (dates, key));
  g_mutex_unlock (&dates_lock);
  if (result != NULL)
    return result;

  result = date_format_as_of (locale, as_of);

  g_mutex_lock (&dates_lock);
  /* any text can be a date in a hostile deck; keep the table small */
  if (g_hash_table_size (dates) >= DATES_MAX)
    g_hash_table_remove_all (dates);
  g_hash_table_replace (dates, g_steal_pointer (&key), g_strdup (result));
  g_mutex_unlock (&dates_lock);
  return result;
}

/* The ten digits @locale writes numbers in, as UTF-8, "0123456789" when
 * they are not a plain decimal set. */
static char **
digits_of (const char *locale)
{
  static GMutex lock;
  static GHashTable *known;
  char **digits;

  g_mutex_lock (&lock);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  digits = g_hash_table_lookup (known, locale);
  if (digits == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      UNumberingSystem *system = unumsys_open (locale, &status);
      UChar description[64];
      int32_t len = 0;
      g_autofree char *set = NULL;

      if (U_SUCCESS (status) && !unumsys_isAlgorithmic (system) && unumsys_getRadix (system) == 10)
        len = unumsys_getDescription (system, description, G_N_ELEMENTS (description), &status);
      g_clear_pointer (&system, unumsys_close);
      if (U_SUCCESS (status) && len > 0)
        set = g_utf16_to_utf8 (description, len, NULL, NULL, NULL);
      digits = g_new0 (char *, 11);
      for (guint i = 0; i < 10; i++)
        {
          const char *c = set != NULL && g_utf8_strlen (set, -1) == 10 ? g_utf8_offset_to_pointer (set, i) : NULL;

          digits[i] = c ? g_strndup (c, g_utf8_next_char (c) - c) : g_strdup_printf ("%u", i);
        }
      g_hash_table_insert (known, g_strdup (locale), digits);
    }
  g_mutex_unlock (&lock);
  return digits;
}

/**
 * cw_digits_convert:
 * @language: a BCP 47 tag, with the digits to write in ("ar-u-nu-latn",
 *   see cw_locale_with_digits())
 *
 * Rewrites every decimal digit of @text, of any script, in @language's
 * digits: a year a translator types as 2021 in an Arabic text shows as
 * ٢٠٢١ beside Arabic-Indic numbers, and ٢٠٢١ shows as 2021 beside Western
 * ones, so a slide never mixes two systems.
 *
 * Returns: (transfer full): the text with its digits rewritten
 */
char *
cw_digits_convert (const char *language,
                   const char *text)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  char **digits;
  GString *out;

  if (text == NULL)
    return NULL;

  cw_locale_to_icu (language, locale, sizeof locale);
  digits = digits_of (locale);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      if (value >= 0 && value <= 9)
        g_string_append (out, digits[value]);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}
static gunichar
decimal_separator (const char *language)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  UChar symbol[8];
  int32_t len;

  cw_locale_to_icu (language, locale, sizeof locale);
  format = unum_open (UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
  len = unum_getSymbol (format, UNUM_DECIMAL_SEPARATOR_SYMBOL, symbol, G_N_ELEMENTS (symbol), &status);
  unum_close (format);
  if (U_FAILURE (status) || len != 1)
    return '.';
  return symbol[0];
}

/**
 * cw_number_format_plain:
 *
 * A figure to edit: every digit it holds and @language's decimal
 * separator, but no grouping, so that it reads back as the same number in
 * that language and in every language that groups differently: "2,5" and
 * "161000" in Azerbaijani, "2.5" in English.
 *
 * Returns: (transfer full): the number
 */
char *
cw_number_format_plain (const char *language,
                        double      value)
{
  g_autofree char *plain = cw_decimal_format (value);
  char *dot = strchr (plain, '.');
  g_autoptr(GString) out = NULL;

  if (dot == NULL)
    return g_steal_pointer (&plain);
  out = g_string_new_len (plain, dot - plain);
  g_string_append_unichar (out, decimal_separator (language));
  g_string_append (out, dot + 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* As the deck file writes numbers: "-2.5", "161000" */
static gboolean
parse_plain (const char *text,
             double     *value)
{
  const char *p = text;
  char *end = NULL;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*value);
}

/* @text as @language writes numbers, all of it, by ICU's strict parser:
 * its own grouping and decimal separators, its minus, a space or no-break
 * space for grouping. */
static gboolean
parse_in (const char *language,
          const char *text,
          double     *value)
{
  char locale[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  g_autofree gunichar2 *utf16 = NULL;
  UNumberFormat *format;
  glong len = 0;
  int32_t position = 0;
  const char *p = text;

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &len, NULL);
  if (utf16 == NULL || len == 0 || len > 256)
    return FALSE;

  cw_locale_to_icu (language, locale, sizeof locale);
  format = unum_open (UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
  unum_setAttribute (format, UNUM_LENIENT_PARSE, 0);
  *value = unum_parseDouble (format, utf16, (int32_t) len, &position, &status);
  unum_close (format);
  if (U_FAILURE (status) || position != len || !isfinite (*value))
    return FALSE;

  /* nobody groups after a leading zero: "0.125" is never 125 */
  if (*p == '-' || *p == '+')
    p++;
  else if (g_str_has_prefix (p, "\u2212"))
    p += strlen ("\u2212");
  if (p[0] == '0' && p[1] != '\0' && !g_ascii_isdigit (p[1]) && fabs (*value) >= 1)
    return FALSE;
  return TRUE;
}

/* @text with every kind of space as a no-break space, and a minus sign
 * as the hyphen people type */
static char *
spaces_as_one (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        c = 0x00A0;
      else if (c == 0x2212)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
printed_so (const char *language,
            const char *text,
            double      value)
{
  g_autofree char *plain = cw_decimal_format (value);
  const char *dot = strchr (plain, '.');
  g_autofree char *printed = cw_number_format (language, CW_NUMBER_DECIMAL, value, dot ? (guint) strlen (dot + 1) : 0);
  g_autofree char *a = spaces_as_one (printed);
  g_autofree char *b = spaces_as_one (text);

  return g_str_equal (a, b);
}

static void
add_reading (GArray     *readings,
             double      value,
             const char *language)
{
  CwNumberReading reading = { value, g_strdup (language) };

  for (guint i = 0; i < readings->len; i++)
    if (g_array_index (readings, CwNumberReading, i).value == value)
      {
        g_free (reading.language);
        return;
      }
  g_array_append_val (readings, reading);
}

static void
clear_reading (CwNumberReading *reading)
{
  g_clear_pointer (&reading->language, g_free);
}

/**
 * cw_number_parse_readings:
 * @text: a number as someone typed it: "162,500", "162.500", "162 500"
 * @languages: (nullable) (array zero-terminated=1): the languages it may
 *   be written in, the one the person reads first
 *
 * What @text may mean: one reading for each different number the
 * languages make of it, in the order of @languages; only the first
 * language's reading when @text is exactly how Clearway prints that number
 * in that language ("1,500" in English, "1.500" in Azerbaijani), since a
 * person types a figure as they read it. When none reads it,
 * the deck file's notation ("2.5") still does. An exponent is never
 * read: "1e5" is a slip more often than a figure.
 *
 * Returns: (transfer full) (element-type CwNumberReading): the readings,
 *   perhaps none
 */
GArray *
cw_number_parse_readings (const char         *text,
                          const char * const *languages)
{
  g_autoptr(GArray) readings = g_array_new (FALSE, FALSE, sizeof (CwNumberReading));
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  double value;

  g_array_set_clear_func (readings, (GDestroyNotify) clear_reading);
  if (*clean == '\0' || strpbrk (clean, "eE") != NULL || !g_utf8_validate (clean, -1, NULL))
    return g_steal_pointer (&readings);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (parse_in (languages[i], clean, &value))
      {
        add_reading (readings, value, languages[i]);
        /* exactly as Clearway prints it in the first language: meant so */
        if (i == 0 && printed_so (languages[0], clean, value))
          return g_steal_pointer (&readings);
      }
  if (readings->len == 0 && parse_plain (clean, &value))
    add_reading (readings, value, NULL);
  return g_steal_pointer (&readings);
}

static char *
reading_to_string (const CwNumberReading *reading,
                   const char            *display_language)
{
  g_autofree char *plain = cw_decimal_format (reading->value);
  const char *dot = strchr (plain, '.');

  return cw_number_format (display_language, CW_NUMBER_DECIMAL, reading->value,
                           dot ? (guint) strlen (dot + 1) : 0);
}

/**
 * cw_number_parse:
 *
 * @text as a number, when every language in @languages that reads it
 * reads the same number (see cw_number_parse_readings()).
 *
 * Returns: %FALSE with %CW_ERROR_BAD_VALUE when nothing reads @text as a
 *   number, or %CW_ERROR_AMBIGUOUS when two languages read it differently:
 *   a person must say which is meant
 */
gboolean
cw_number_parse (const char          *text,
                 const char * const  *languages,
                 double              *value,
                 GError             **error)
{
  g_autoptr(GArray) readings = cw_number_parse_readings (text, languages);
  const char *display = languages && languages[0] ? languages[0] : cw_core_get_interface_language ();
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  if (readings->len == 0)
    {
      gboolean plain = languages == NULL || languages[0] == NULL;
      /* the examples read back as asked: grouped only where a language reads grouping */
      g_autofree char *example = plain ? g_strdup ("161000") : cw_number_format (display, CW_NUMBER_DECIMAL, 161000, 0);
      g_autofree char *fraction = plain ? g_strdup ("2.5") : cw_number_format (display, CW_NUMBER_DECIMAL, 2.5, 1);

      if (*clean == '\0')
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE, _("Type a number, like %s or %s."), example, fraction);
      else
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                     /* Translators: what was typed, then two numbers as the interface writes them */
                     _("“%s” is not a number; type digits, like %s or %s."), clean, example, fraction);
      return FALSE;
    }
  if (readings->len > 1)
    {
      const CwNumberReading *a = &g_array_index (readings, CwNumberReading, 0);
      const CwNumberReading *b = &g_array_index (readings, CwNumberReading, 1);
      g_autofree char *a_text = reading_to_string (a, display);
      g_autofree char *b_text = reading_to_string (b, display);
      g_autofree char *a_name = cw_language_get_name (a->language ? a->language : display, display);
      g_autofree char *b_name = cw_language_get_name (b->language ? b->language : display, display);

      g_set_error (error, CW_ERROR, CW_ERROR_AMBIGUOUS,
                   /* Translators: what was typed, a number, a language, another number, another language */
                   _("“%s” is %s in %s but %s in %s; choose which you mean."),
                   clean, a_text, a_name, b_text, b_name);
      return FALSE;
    }
  *value = g_array_index (readings, CwNumberReading, 0).value;
  return TRUE;
}
