/* main.c: clearway, the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cw-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CwApplication) app = NULL;
  const char *localedir = g_getenv ("CLEARWAY_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* CLEARWAY_LOCALEDIR lets the build folder's catalogs be tried uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* without its settings schema GSettings would abort; say what to do instead */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

    if (schema == NULL)
      {
        g_printerr (_("clearway: the settings schema %s is not installed.\n"
                      "Install Clearway (meson install), or run it from the source tree with "
                      "build-aux/run-editor.sh.\n"), APP_ID);
        return 1;
      }
  }

  app = cw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
