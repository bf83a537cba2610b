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
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unumberformatter.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

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
