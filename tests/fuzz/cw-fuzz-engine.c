/* cw-fuzz-engine.c: linked into the libFuzzer programs only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-fuzz.h"

const char *__lsan_default_suppressions (void);

/* libFuzzer checks for leaks after each input with fast unwinding, whose
 * stacks end in the first library built without frame pointers, so the
 * function names in tests/lsan.supp do not match libgettextpo's own leaks
 * there; the library's name does. The replay programs keep the exact
 * suppressions, so a catalog Clearway forgets to free still shows. */
const char *
__lsan_default_suppressions (void)
{
  return "leak:libgettextpo.so\n";
}
