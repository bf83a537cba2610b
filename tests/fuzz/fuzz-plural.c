/* fuzz-plural.c: Plural-Forms headers, parsed and evaluated
 *
 * A header comes from any translator's catalog (and from a deck's own
 * catalogs); the plural form is chosen for every number a slide shows.
 * The input is the header, then optionally a NUL and numbers separated
 * by spaces. Each rule is evaluated for those and for the numbers that
 * trip evaluators up: small counts, the 100s that Slavic rules test,
 * fractions, negatives, and values near the ends of the integer types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-fuzz.h"

static const double special[] = {
  -1, -0.0, 0.5, 1.5, 1e3, 1e6, 1e9, 2147483647.0, 2147483648.0, 4294967295.0,
  4294967296.0, 9007199254740993.0, 9223372036854775807.0, 1e19, 1e20, 1e300, -1e300, INFINITY, -INFINITY, NAN,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cw_fuzz_init ();
  return 0;
}

static void
check_select (CwPluralRule *rule,
              const char   *header,
              double        n)
{
  int form = cw_plural_rule_select (rule, n);

  if (form < -1 || form >= (int) cw_plural_rule_get_n_forms (rule))
    cw_fuzz_fail ("“%s” selects form %d of %u for %g", header, form,
                  cw_plural_rule_get_n_forms (rule), n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* a header value is a C string: it ends at the first NUL */
  g_autofree char *header = g_strndup ((const char *) data, size);
  gsize header_len = strlen (header);
  g_autofree char *numbers = header_len < size
    ? g_strndup ((const char *) data + header_len + 1, size - header_len - 1) : NULL;
  g_autoptr(CwPluralRule) rule = NULL;
  g_autoptr(GError) error = NULL;

  rule = cw_plural_rule_parse (header, &error);
  if (rule == NULL)
    {
      cw_fuzz_check_refusal (error, "parsing a Plural-Forms header");
      return 0;
    }

  for (int n = 0; n <= 211; n++)
    check_select (rule, header, n);
  for (gsize i = 0; i < G_N_ELEMENTS (special); i++)
    check_select (rule, header, special[i]);
  for (const char *p = numbers; p != NULL && *p != '\0';)
    {
      char *end = NULL;
      double n = g_ascii_strtod (p, &end);

      if (end == p)
        break;
      check_select (rule, header, n);
      p = end;
    }
  return 0;
}
