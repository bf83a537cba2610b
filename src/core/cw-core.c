/* cw-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "clearway-resources.h"
#include "cw-core.h"
#include "cw-deck.h"

/* Decks never need another file or URL; refusing every external entity
 * is a second lock behind the refusal of DOCTYPEs. */
static xmlParserInputPtr
deny_external_entities (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

/* Errors are collected per parser context; nothing goes to stderr. */
static void
silence_generic_errors (void       *ctx,
                        const char *msg,
                        ...)
{
}

/* libxml2 keeps its generic error handler per thread; loaders call this on theirs. */
void
cw_core_silence_xml_errors (void)
{
  xmlSetGenericErrorFunc (NULL, silence_generic_errors);
}

/**
 * cw_core_init:
 *
 * Sets up libxml2 and the core's resources. Called by every entry point
 * that needs it; safe to call more than once and from any thread.
 */
void
cw_core_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external_entities);
      xmlSetGenericErrorFunc (NULL, silence_generic_errors);
      /* referencing the resource keeps the linker from dropping it from the static library */
      clearway_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * cw_core_get_interface_language:
 *
 * The language the interface speaks (from LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG), as a code decks use: what new slides and decks are written in.
 *
 * Returns: "az", "ru"…, or "en" when the locale names none
 */
static char *interface_language;

/**
 * cw_core_set_interface_language:
 * @language: a language code decks use, such as "az"
 *
 * Speaks @language from now on, whatever the locale says: for tests that
 * drive the editor as someone with another interface language would.
 * Call it on the main thread before anything else runs.
 */
void
cw_core_set_interface_language (const char *language)
{
  g_return_if_fail (cw_language_code_is_valid (language));

  cw_core_get_interface_language ();
  g_free (interface_language);
  interface_language = g_strdup (language);
}

const char *
cw_core_get_interface_language (void)
{
  static gsize once;
  char *language;

  if (g_once_init_enter (&once))
    {
      const char * const *names = g_get_language_names ();
      char *found = NULL;

      for (guint i = 0; names[i] && found == NULL; i++)
        {
          g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

          if (g_str_equal (code, "C") || g_str_equal (code, "POSIX"))
            break;
          if (cw_language_code_is_valid (code))
            found = g_steal_pointer (&code);
        }
      language = found ? found : g_strdup ("en");
      interface_language = language;
      g_once_init_leave (&once, 1);
    }
  return interface_language;
}
