/* test-install.c: Clearway as `meson install` leaves it
 *
 * The other tests run the programs from the build folder, where the
 * settings schema and the catalogs are found through variables that point
 * back into the tree. A user runs what `meson install` put under a prefix,
 * and the programs find their data through paths compiled in when the build
 * was configured: gettext through LOCALEDIR, GSettings and the icon theme
 * through the prefix's share/ in XDG_DATA_DIRS. Nothing relocates them.
 *
 * So this test configures a second build of the same source with its prefix
 * inside the build folder (tests/install-test/prefix), installs it as a user
 * does, without DESTDIR, so the post-install steps run, and starts the
 * installed programs with nothing pointing back into the tree: no
 * CLEARWAY_LOCALEDIR, no GSETTINGS_SCHEMA_DIR, and for the editor the
 * prefix's share/ as the only XDG data folder with settings schemas in it.
 * Installing the main build with --destdir would be cheaper but would prove
 * neither half: meson skips the post-install steps under DESTDIR, so there
 * would be no compiled schema to find, and the programs' compiled-in paths
 * would name /usr/local, so they would have to be redirected with the very
 * variables this test must not set.
 *
 * The second build is set up once and then rebuilt incrementally, and only
 * what is installed is built in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cw-test-utils.h"

#define SAMPLE_TITLE "Karabakh: the land is coming back"
#define SAMPLE_PATH  "share/clearway/samples/karabakh.clearway"

static struct
{
  char     *dir;        /* tests/install-test in the build folder */
  char     *build;      /* the second build */
  char     *prefix;     /* where it installs */
  gboolean  installed;
} inst;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The environment of every program started here: nothing may lead an
 * installed program back into the source or build tree, and a DESTDIR
 * from outside would stage the install and skip its post-install steps. */
static char **
clean_environ (void)
{
  static const char * const unset[] = {
    "DESTDIR", "CLEARWAY_LOCALEDIR", "CLEARWAY_BUILD_LOCALEDIR", "CLEARWAY_CLI",
    "GSETTINGS_SCHEMA_DIR", "G_TEST_SRCDIR", "G_TEST_BUILDDIR", "G_DEBUG",
  };
  const struct { const char *name; const char *dir; } own[] = {
    /* GTest's isolated folders, which its environment names /dev/null */
    { "HOME", g_get_home_dir () },
    { "XDG_CACHE_HOME", g_get_user_cache_dir () },
    { "XDG_CONFIG_HOME", g_get_user_config_dir () },
    { "XDG_DATA_HOME", g_get_user_data_dir () },
    { "XDG_STATE_HOME", g_get_user_state_dir () },
    { "XDG_RUNTIME_DIR", g_get_user_runtime_dir () },
  };
  char **env = g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    env = g_environ_unsetenv (env, unset[i]);
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_assert_cmpint (g_mkdir_with_parents (own[i].dir, 0700), ==, 0);
      env = g_environ_setenv (env, own[i].name, own[i].dir, TRUE);
    }
  return env;
}

static void
run_argv (Run                *run,
          const char         *cwd,
          char              **env,
          const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) own_env = NULL;
  int wait_status = 0;

  if (env == NULL)
    env = own_env = clean_environ ();
  g_spawn_sync (cwd, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (wait_status))
    run->status = WEXITSTATUS (wait_status);
  else
    run->status = 128 + WTERMSIG (wait_status);
}

/* Fails with the program's own output, which says what went wrong. */
static void
assert_ran (const Run  *run,
            const char *what)
{
  if (run->status != 0)
    g_printerr ("%s exited with %d:\n%s%s\n", what, run->status, run->out, run->err);
  g_assert_cmpint (run->status, ==, 0);
}

static char *
installed (const char *relative)
{
  return g_build_filename (inst.prefix, relative, NULL);
}

static gboolean
require_install (void)
{
  if (!inst.installed)
    g_test_fail_printf ("nothing to check: meson install failed (see /cw/install/meson-install)");
  return inst.installed;
}

/* Every file (not folder) under @root, relative to it, sorted. */
static void
list_tree_into (const char *root,
                const char *relative,
                GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = *relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        list_tree_into (root, child, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static GPtrArray *
list_tree (const char *root)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  list_tree_into (root, "", files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static gboolean
strv_has (GPtrArray  *array,
          const char *item)
{
  return g_ptr_array_find_with_equal_func (array, item, g_str_equal, NULL);
}

/* What the post-install steps write: caches of what was installed. Meson's
 * uninstall removes what the install log lists, and "files created by
 * custom scripts have not been removed", as it says; it never removes
 * folders either. */
static gboolean
is_post_install_cache (const char *relative)
{
  return g_str_equal (relative, "share/glib-2.0/schemas/gschemas.compiled")
         || g_str_equal (relative, "share/icons/hicolor/icon-theme.cache")
         || g_str_equal (relative, "share/applications/mimeinfo.cache")
         || (g_str_has_prefix (relative, "share/mime/")
             && !g_str_has_prefix (relative, "share/mime/packages/"));
}

static GPtrArray *
languages (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "LINGUAS", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *hash = strchr (lines[i], '#');
      g_auto(GStrv) words = NULL;

      if (hash)
        *hash = '\0';
      words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      for (guint j = 0; words[j]; j++)
        if (*words[j])
          g_ptr_array_add (codes, g_strdup (words[j]));
    }
  return codes;
}

/* Configures the second build once, builds what it installs, and installs
 * it into an empty prefix. */
static void
test_meson_install (void)
{
  const char *meson = g_getenv ("MESON");
  const char *ninja = g_getenv ("NINJA");
  g_autofree char *build_ninja = g_build_filename (inst.build, "build.ninja", NULL);
  g_autofree char *prefix_arg = g_strconcat ("--prefix=", inst.prefix, NULL);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *build_slash = g_strconcat (inst.build, G_DIR_SEPARATOR_S, NULL);
  g_auto(Run) introspect = { 0 };
  g_auto(Run) make = { 0 };
  g_auto(Run) install = { 0 };
  JsonObject *files;

  g_assert_nonnull (meson);
  g_assert_nonnull (ninja);

  if (!g_file_test (build_ninja, G_FILE_TEST_EXISTS))
    {
      const char *setup[] = { meson, "setup", prefix_arg, "--buildtype=plain", "-Dgui=enabled",
                              "--wrap-mode=nodownload", inst.build, g_getenv ("CLEARWAY_SOURCE_ROOT"), NULL };
      g_auto(Run) run = { 0 };

      cw_test_remove_tree (inst.build);
      run_argv (&run, NULL, NULL, setup);
      assert_ran (&run, "meson setup");
    }

  /* an edited meson.build can change what is installed: regenerate first */
  {
    const char *argv[] = { ninja, "-C", inst.build, "build.ninja", NULL };
    g_auto(Run) run = { 0 };

    run_argv (&run, NULL, NULL, argv);
    assert_ran (&run, "ninja build.ninja (the second build's regeneration)");
  }
  /* tests and benchmarks are not installed: building them twice is waste */
  {
    const char *argv[] = { meson, "introspect", "--installed", inst.build, NULL };
    run_argv (&introspect, NULL, NULL, argv);
    assert_ran (&introspect, "meson introspect --installed");
  }
  json_parser_load_from_data (parser, introspect.out, -1, &error);
  g_assert_no_error (error);
  files = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (files);
  g_ptr_array_add (targets, g_strdup (ninja));
  g_ptr_array_add (targets, g_strdup ("-C"));
  g_ptr_array_add (targets, g_strdup (inst.build));
  for (GList *l = members; l; l = l->next)
    if (g_str_has_prefix (l->data, build_slash))
      g_ptr_array_add (targets, g_strdup ((const char *) l->data + strlen (build_slash)));
  g_assert_true (strv_has (targets, "src/cli/clearway-cli"));
  g_assert_true (strv_has (targets, "src/app/clearway"));
  g_ptr_array_add (targets, NULL);
  run_argv (&make, NULL, NULL, (const char * const *) targets->pdata);
  assert_ran (&make, "ninja (the installed targets of the second build)");

  cw_test_remove_tree (inst.prefix);
  {
    const char *argv[] = { meson, "install", "-C", inst.build, "--no-rebuild", "--quiet", NULL };
    run_argv (&install, NULL, NULL, argv);
    assert_ran (&install, "meson install");
  }
  inst.installed = TRUE;
}

static void
test_files (void)
{
  static const char * const always[] = {
    "bin/clearway",
    "bin/clearway-cli",
    "share/applications/" APP_ID ".desktop",
    "share/applications/mimeinfo.cache",
    "share/clearway/clearway-deck.rng",
    "share/clearway/deck-format.md",
    "share/clearway/lint-checks.md",
    "share/clearway/lint-schema.json",
    SAMPLE_PATH,
    "share/clearway/samples/po/az.po",
    "share/clearway/samples/po/ru.po",
    "share/gettext/its/clearway.its",
    "share/gettext/its/clearway.loc",
    "share/glib-2.0/schemas/" APP_ID ".gschema.xml",
    "share/glib-2.0/schemas/gschemas.compiled",
    "share/icons/hicolor/icon-theme.cache",
    "share/icons/hicolor/scalable/apps/" APP_ID ".svg",
    "share/icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg",
    "share/man/man1/clearway-cli.1",
    "share/man/man1/clearway.1",
    "share/metainfo/" APP_ID ".metainfo.xml",
    "share/mime/application/x-clearway-deck.xml",
    "share/mime/mime.cache",
    "share/mime/packages/" APP_ID ".xml",
  };
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) langs = languages ();
  g_autoptr(GPtrArray) actual = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) unexpected = g_string_new (NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schemas = installed ("share/glib-2.0/schemas");
  g_autofree char *mimeinfo_path = installed ("share/applications/mimeinfo.cache");
  g_autofree char *globs_path = installed ("share/mime/globs2");
  g_autofree char *mimeinfo = NULL;
  g_autofree char *globs = NULL;

  if (!require_install ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    g_ptr_array_add (expected, g_strdup (always[i]));
  g_assert_true (strv_has (langs, "az"));
  g_assert_true (strv_has (langs, "ru"));
  for (guint i = 0; i < langs->len; i++)
    g_ptr_array_add (expected, g_strdup_printf ("share/locale/%s/LC_MESSAGES/clearway.mo",
                                                (const char *) langs->pdata[i]));

  actual = list_tree (inst.prefix);
  for (guint i = 0; i < expected->len; i++)
    if (!strv_has (actual, expected->pdata[i]))
      g_string_append_printf (missing, " %s", (const char *) expected->pdata[i]);
  for (guint i = 0; i < actual->len; i++)
    if (!strv_has (expected, actual->pdata[i]) && !is_post_install_cache (actual->pdata[i]))
      g_string_append_printf (unexpected, " %s", (const char *) actual->pdata[i]);
  if (missing->len > 0)
    g_test_fail_printf ("meson install did not install (or its post-install steps did not make):%s",
                        missing->str);
  if (unexpected->len > 0)
    g_test_fail_printf ("meson install put files no one expects under the prefix (if they are "
                        "meant to be installed, add them to the list in %s):%s", __FILE__, unexpected->str);
  if (missing->len > 0 || unexpected->len > 0)
    return;

  /* the caches hold what the desktop reads */
  source = g_settings_schema_source_new_from_directory (schemas, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);

  g_file_get_contents (mimeinfo_path, &mimeinfo, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mimeinfo, "application/x-clearway-deck=" APP_ID ".desktop;"));

  g_file_get_contents (globs_path, &globs, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (globs, ":application/x-clearway-deck:*.clearway"));

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *program = installed (i == 0 ? "bin/clearway" : "bin/clearway-cli");
      g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));
    }
}

/* The section of the man page about @command: from its .SS line to the
 * next heading. */
static char *
man_section (const char *man,
             const char *command)
{
  g_autofree char *heading = g_strdup_printf ("\n.SS \"%s", command);
  const char *start = strstr (man, heading);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (heading);
  if (*start != ' ' && *start != '"')
    return NULL;
  end = strstr (start, "\n.S");
  return end ? g_strndup (start, end - start) : g_strdup (start);
}

/* The man page must not fall behind the program: every command of
 * `clearway-cli --help` has a section, with every long option its own
 * --help lists. */
static void
test_man_page (void)
{
  g_autofree char *man_path = installed ("share/man/man1/clearway-cli.1");
  g_autofree char *cli = installed ("bin/clearway-cli");
  g_autofree char *man = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) option_re = NULL;
  g_auto(Run) help = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean in_commands = FALSE;
  guint commands = 0;

  if (!require_install ())
    return;

  if (!g_file_get_contents (man_path, &man, NULL, NULL))
    {
      g_test_fail_printf ("clearway-cli has no man page: %s is not installed", man_path);
      return;
    }
  option_re = g_regex_new ("^\\s+(?:-\\w, )?--([a-z0-9-]+)", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { cli, "--help", NULL };
    run_argv (&help, NULL, NULL, argv);
    assert_ran (&help, "clearway-cli --help");
  }
  lines = g_strsplit (help.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *command = NULL;
      g_autofree char *section = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      g_auto(Run) command_help = { 0 };

      if (g_str_equal (lines[i], "Commands:"))
        {
          in_commands = TRUE;
          continue;
        }
      if (!in_commands)
        continue;
      if (!g_str_has_prefix (lines[i], "  "))
        break;
      command = g_strndup (lines[i] + 2, strcspn (lines[i] + 2, " "));
      commands++;

      section = man_section (man, command);
      if (section == NULL)
        {
          g_test_fail_printf ("data/clearway-cli.1 has no section (.SS \"%s …\") for the command “%s”",
                              command, command);
          continue;
        }

      {
        const char *argv[] = { cli, command, "--help", NULL };
        run_argv (&command_help, NULL, NULL, argv);
        assert_ran (&command_help, "clearway-cli COMMAND --help");
      }
      g_regex_match (option_re, command_help.out, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *option = g_match_info_fetch (match, 1);
          g_auto(GStrv) parts = NULL;
          g_autofree char *joined = NULL;
          g_autofree char *troff = NULL;

          if (g_str_equal (option, "help"))
            continue;
          /* troff writes a minus sign as \- */
          parts = g_strsplit (option, "-", -1);
          joined = g_strjoinv ("\\-", parts);
          troff = g_strconcat ("\\-\\-", joined, NULL);
          if (strstr (section, troff) == NULL)
            g_test_fail_printf ("data/clearway-cli.1 does not describe “%s --%s”", command, option);
        }
    }
  g_assert_cmpuint (commands, >=, 9);
}

static void
test_cli_english (void)
{
  g_autofree char *cli = installed ("bin/clearway-cli");
  g_autofree char *sample = installed (SAMPLE_PATH);
  g_autofree char *tmp = NULL;
  g_autofree char *sheet = NULL;
  g_auto(Run) info = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) draw = { 0 };
  int width, height, color_type, depth;

  if (!require_install ())
    return;

  {
    const char *argv[] = { cli, "info", sample, NULL };
    run_argv (&info, NULL, NULL, argv);
    assert_ran (&info, "clearway-cli info");
  }
  g_assert_nonnull (strstr (info.out, "Title:"));
  g_assert_nonnull (strstr (info.out, SAMPLE_TITLE));

  {
    const char *argv[] = { cli, "text", sample, NULL };
    run_argv (&text, NULL, NULL, argv);
    assert_ran (&text, "clearway-cli text");
  }
  g_assert_nonnull (strstr (text.out, "The land is coming back"));

  /* every slide through the renderer, with the installed program's fonts
   * and resources, in a second rather than a whole clip's minute */
  tmp = cw_test_make_tmpdir ();
  sheet = g_build_filename (tmp, "sheet.png", NULL);
  {
    const char *argv[] = { cli, "sheet", sample, "--width", "64", "-o", sheet, NULL };
    run_argv (&draw, tmp, NULL, argv);
    assert_ran (&draw, "clearway-cli sheet");
  }
  g_assert_true (cw_test_png_info (sheet, &width, &height, &color_type, &depth));
  g_assert_cmpint (width, >, 64);
  cw_test_remove_tree (tmp);
}

/* The interface's catalogs come from the compiled-in LOCALEDIR, that is the
 * prefix's share/locale: nothing else points at them. */
static void
test_cli_russian (void)
{
  g_autofree char *cli = installed ("bin/clearway-cli");
  g_autofree char *sample = installed (SAMPLE_PATH);
  g_auto(GStrv) env = clean_environ ();
  g_auto(Run) help = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) text = { 0 };

  if (!require_install ())
    return;

  env = g_environ_setenv (env, "LANGUAGE", "ru", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  {
    const char *argv[] = { cli, "--help", NULL };
    run_argv (&help, NULL, env, argv);
    assert_ran (&help, "LANGUAGE=ru clearway-cli --help");
  }
  g_assert_nonnull (strstr (help.out, "Использование:"));
  {
    const char *argv[] = { cli, "info", sample, NULL };
    run_argv (&info, NULL, env, argv);
    assert_ran (&info, "LANGUAGE=ru clearway-cli info");
  }
  g_assert_nonnull (strstr (info.out, "Название:"));
  g_assert_nonnull (strstr (info.out, "Слайды:"));
  /* the slides' own Russian travels in the installed sample */
  {
    const char *argv[] = { cli, "text", sample, "--lang", "ru", NULL };
    run_argv (&text, NULL, env, argv);
    assert_ran (&text, "clearway-cli text --lang ru");
  }
  g_assert_nonnull (strstr (text.out, "Земля возвращается к жизни"));
}

static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  /* a window can go away between listing and reading it */
  return 0;
}

static gboolean
window_property (Display   *display,
                 Window     window,
                 Atom       property,
                 Atom       type,
                 guchar   **data,
                 gulong    *items)
{
  Atom actual_type;
  int format;
  gulong after;

  *data = NULL;
  if (XGetWindowProperty (display, window, property, 0, 4096, False, type, &actual_type,
                          &format, items, &after, data) != Success || *data == NULL)
    return FALSE;
  if (actual_type != type || *items == 0)
    {
      g_clear_pointer (data, XFree);
      return FALSE;
    }
  return TRUE;
}

/* A mapped top-level window of process @pid whose title holds @title. */
static gboolean
find_window (Display    *display,
             Window      window,
             gulong      pid,
             const char *title)
{
  Atom net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  Atom net_wm_name = XInternAtom (display, "_NET_WM_NAME", False);
  Atom utf8_string = XInternAtom (display, "UTF8_STRING", False);
  XWindowAttributes attributes;
  guchar *data = NULL;
  gulong items;
  Window root, parent, *children = NULL;
  guint n_children = 0;
  gboolean found = FALSE;

  if (window_property (display, window, net_wm_pid, XA_CARDINAL, &data, &items))
    {
      gulong owner = *(gulong *) data;

      XFree (data);
      if (owner == pid
          && XGetWindowAttributes (display, window, &attributes)
          && attributes.map_state == IsViewable
          && window_property (display, window, net_wm_name, utf8_string, &data, &items))
        {
          g_autofree char *name = g_strndup ((const char *) data, items);

          XFree (data);
          if (strstr (name, title) != NULL)
            return TRUE;
        }
    }

  if (!XQueryTree (display, window, &root, &parent, &children, &n_children))
    return FALSE;
  for (guint i = 0; i < n_children && !found; i++)
    found = find_window (display, children[i], pid, title);
  if (children)
    XFree (children);
  return found;
}

/* A session bus of the editor's own: on a shared one, a Clearway already
 * running (the developer's own) would take the deck and this one would exit. */
static GSubprocess *
start_bus (char **env,
           char **address)
{
  const char *daemon = g_getenv ("DBUS_DAEMON");
  const char *argv[] = { daemon, "--session", "--nofork", "--print-address=1", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  if (daemon == NULL || *daemon == '\0')
    g_error ("dbus-daemon is not installed; install the dbus package (build-aux/install-deps.sh does)");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, env);
  bus = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  *address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*address);
  return g_steal_pointer (&bus);
}

/* The installed editor, started the way the desktop file does, opens the
 * installed sample in a window. */
static void
test_editor (void)
{
  g_autofree char *program = installed ("bin/clearway");
  g_autofree char *sample = installed (SAMPLE_PATH);
  g_autofree char *data_dir = installed ("share");
  g_autofree char *tmp = NULL;
  g_autofree char *err_path = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bus_address = NULL;
  g_autofree char *system_dir = NULL;
  g_autofree char *data_dirs = NULL;
  static const char * const system_parts[] = { "mime", "icons" };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GSubprocess) editor = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = clean_environ ();
  const char *argv[] = { program, sample, NULL };
  Display *display;
  gulong pid;
  gboolean found = FALSE;
  gboolean exited = FALSE;
  gint64 deadline;

  if (!require_install ())
    return;
  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_test_skip ("no X display; run under xvfb-run (build-aux/run-tests.sh does)");
      return;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_test_fail_printf ("cannot open the X display “%s”", g_getenv ("DISPLAY"));
      return;
    }
  XSetErrorHandler (ignore_x_error);

  tmp = cw_test_make_tmpdir ();
  err_path = g_build_filename (tmp, "stderr.txt", NULL);
  bus = start_bus (env, &bus_address);

  /* The prefix's share/ and, standing in for the system's, one with the
   * system's MIME database (GdkPixbuf needs it to tell an SVG icon) and
   * icon themes but no settings schemas: the editor's schema can only come
   * from the prefix, even on a machine where Clearway is installed. */
  system_dir = g_build_filename (tmp, "system-share", NULL);
  g_assert_cmpint (g_mkdir (system_dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (system_parts); i++)
    {
      g_autofree char *target = g_build_filename ("/usr/share", system_parts[i], NULL);
      g_autofree char *link = g_build_filename (system_dir, system_parts[i], NULL);
      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  data_dirs = g_strconcat (data_dir, ":", system_dir, NULL);
  env = g_environ_setenv (env, "XDG_DATA_DIRS", data_dirs, TRUE);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, tmp);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  editor = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  pid = strtoul (g_subprocess_get_identifier (editor), NULL, 10);

  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  while (!found && g_get_monotonic_time () < deadline)
    {
      found = find_window (display, DefaultRootWindow (display), pid, SAMPLE_TITLE);
      /* GSubprocess forgets the pid once the process has exited */
      if (!found && g_subprocess_get_identifier (editor) == NULL)
        {
          exited = TRUE;
          break;
        }
      if (!found)
        g_usleep (G_USEC_PER_SEC / 5);
    }

  g_subprocess_send_signal (editor, SIGTERM);
  g_subprocess_wait (editor, NULL, NULL);
  g_subprocess_send_signal (bus, SIGTERM);
  g_subprocess_wait (bus, NULL, NULL);
  XCloseDisplay (display);

  /* its own words go to stderr: TAP takes one line a message */
  g_file_get_contents (err_path, &err, NULL, NULL);
  if (err != NULL && *err != '\0')
    g_printerr ("The installed clearway printed:\n%s\n", err);
  if (!found)
    g_test_fail_printf ("the installed clearway %s without a window titled “%s” (its messages are in the log)",
                        exited ? "exited" : "ran for 90 s", SAMPLE_TITLE);
  else if (err != NULL && (strstr (err, "CRITICAL") || strstr (err, "WARNING")))
    g_test_fail_printf ("the installed clearway warned (its messages are in the log)");
  cw_test_remove_tree (tmp);
}

/* `ninja uninstall` removes what the install log lists; what may stay is
 * what meson says it leaves: the caches the post-install steps wrote, and
 * folders. */
static void
test_uninstall (void)
{
  const char *ninja = g_getenv ("NINJA");
  const char *argv[] = { ninja, "-C", inst.build, "uninstall", NULL };
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_auto(Run) run = { 0 };

  if (!require_install ())
    return;

  /* it exits 0 whatever happened, and counts as failures the folders it
   * created but cannot remove, as they hold the caches: the files left
   * are what tells */
  run_argv (&run, NULL, NULL, argv);
  assert_ran (&run, "ninja uninstall");

  left = list_tree (inst.prefix);
  for (guint i = 0; i < left->len; i++)
    if (!is_post_install_cache (left->pdata[i]))
      g_string_append_printf (kept, " %s", (const char *) left->pdata[i]);
  if (kept->len > 0)
    g_test_fail_printf ("ninja uninstall left behind:%s", kept->str);
  inst.installed = FALSE;
}

/* A staged install (packages) puts everything under DESTDIR and skips the
 * post-install steps: the caches are the target system's business. */
static void
test_destdir (void)
{
  const char *meson = g_getenv ("MESON");
  g_autofree char *destdir = g_build_filename (inst.dir, "destdir", NULL);
  g_autofree char *staged = g_build_filename (destdir, inst.prefix, NULL);
  const char *argv[] = { meson, "install", "-C", inst.build, "--no-rebuild", "--quiet",
                         "--destdir", destdir, NULL };
  g_autofree char *build_ninja = g_build_filename (inst.build, "build.ninja", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_auto(Run) run = { 0 };

  if (!g_file_test (build_ninja, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("nothing to install: the second build was not set up");
      return;
    }

  cw_test_remove_tree (destdir);
  cw_test_remove_tree (inst.prefix);
  run_argv (&run, NULL, NULL, argv);
  assert_ran (&run, "meson install --destdir");

  /* nothing was written to the real prefix, not even by a script */
  g_assert_false (g_file_test (inst.prefix, G_FILE_TEST_EXISTS));
  files = list_tree (staged);
  g_assert_true (strv_has (files, "bin/clearway-cli"));
  g_assert_true (strv_has (files, "share/glib-2.0/schemas/" APP_ID ".gschema.xml"));
  for (guint i = 0; i < files->len; i++)
    if (is_post_install_cache (files->pdata[i]))
      g_test_fail_printf ("a staged install ran a post-install step: %s", (const char *) files->pdata[i]);
  cw_test_remove_tree (destdir);
}

int
main (int    argc,
      char **argv)
{
  const char *builddir;

  cw_test_init (&argc, &argv);

  builddir = g_getenv ("G_TEST_BUILDDIR");
  g_assert_nonnull (builddir);
  inst.dir = g_build_filename (builddir, "install-test", NULL);
  inst.build = g_build_filename (inst.dir, "build", NULL);
  inst.prefix = g_build_filename (inst.dir, "prefix", NULL);

  /* in this order: each step uses what the one before installed */
  g_test_add_func ("/cw/install/meson-install", test_meson_install);
  g_test_add_func ("/cw/install/files", test_files);
  g_test_add_func ("/cw/install/man-page", test_man_page);
  g_test_add_func ("/cw/install/cli-english", test_cli_english);
  g_test_add_func ("/cw/install/cli-russian", test_cli_russian);
  g_test_add_func ("/cw/install/editor", test_editor);
  g_test_add_func ("/cw/install/uninstall", test_uninstall);
  g_test_add_func ("/cw/install/destdir", test_destdir);

  return g_test_run ();
}
