/* fuzz-replay.c: a fuzz target's main() without libFuzzer
 *
 * Every build links each target with this file, so `meson test` replays
 * the committed corpus and every past crash with gcc as well as clang.
 * The folders are listed when the test runs: a reproducer dropped into
 * one is replayed without touching meson. Prints TAP, one line an input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cw-fuzz.h"

/* seconds one input may take before it counts as a hang */
#define DEFAULT_TIMEOUT 60

static char current[4096];

G_NORETURN static void
on_alarm (int signum)
{
  static const char prefix[] = "cw-fuzz: this input hangs: ";

  /* only async-signal-safe calls here */
  (void) !write (STDERR_FILENO, prefix, sizeof prefix - 1);
  (void) !write (STDERR_FILENO, current, strlen (current));
  (void) !write (STDERR_FILENO, "\n", 1);
  abort ();
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Files in @path (a folder, or one file), sorted so runs are comparable;
 * hidden files are not inputs. A folder that does not exist holds none:
 * a target has no crashes folder until it first crashes. */
static void
collect (const char *path,
         GPtrArray  *inputs)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_ptr_array_add (inputs, g_strdup (path));
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new ();
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (inputs, g_steal_pointer (&file));
    }
}

/* "corpus/csv/blank-id.csv" rather than the whole path */
static char *
short_name (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *d = g_path_get_basename (dir);
  g_autofree char *p = g_path_get_basename (parent);
  g_autofree char *f = g_path_get_basename (path);

  return g_build_filename (p, d, f, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("CW_FUZZ_TIMEOUT");
  guint timeout = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_TIMEOUT;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FOLDER|FILE…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    collect (argv[i], inputs);
  /* a wrong folder name must not pass as "nothing to replay" */
  if (inputs->len == 0)
    {
      fprintf (stderr, "%s: no inputs to replay\n", argv[0]);
      return 1;
    }

  LLVMFuzzerInitialize (&argc, &argv);
  signal (SIGALRM, on_alarm);

  printf ("1..%u\n", inputs->len);
  fflush (stdout);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autofree char *name = short_name (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree guint8 *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u %s # %s\n", i + 1, name, error->message);
          continue;
        }
      /* exactly as long as the input, as libFuzzer passes it, so that
       * AddressSanitizer sees a read one byte past the end */
      data = g_malloc (MAX (len, 1));
      memcpy (data, contents, len);

      g_strlcpy (current, name, sizeof current);
      fprintf (stderr, "replaying %s\n", name);
      fflush (stderr);
      alarm (timeout);
      LLVMFuzzerTestOneInput (data, len);
      alarm (0);

      printf ("ok %u %s\n", i + 1, name);
      fflush (stdout);
    }

  return 0;
}
