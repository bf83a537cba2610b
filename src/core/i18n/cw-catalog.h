/* cw-catalog.h: the translations of a deck's texts into one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-plural.h"
#include "cw-text.h"

G_BEGIN_DECLS

/**
 * CwMessage:
 * @context: which text: "slide-id/field" (or "deck/field")
 * @source: the source-language text the translation was made from
 * @source_plural: (nullable): its plural, for texts that follow a number
 * @forms: the translation; one form, or one per plural form of the language
 * @fuzzy: the translator marked it as needing review; it is not used
 * @line: where it was read from, for messages
 */
typedef struct
{
  char     *context;
  char     *source;
  char     *source_plural;
  GStrv     forms;
  gboolean  fuzzy;
  guint     line;
} CwMessage;

/**
 * CwCatalogSyntax:
 * @CW_CATALOG_SYNTAX_DECK: a <catalog> inside a deck: forms are <form>s
 * @CW_CATALOG_SYNTAX_PO: a gettext .po file: forms are msgstr[N]
 *
 * How a problem names the parts of a translation, in the words of the
 * file the author has open.
 */
typedef enum
{
  CW_CATALOG_SYNTAX_DECK,
  CW_CATALOG_SYNTAX_PO,
} CwCatalogSyntax;

/**
 * CwProblemFunc:
 * @problem: what is wrong and what to do; the caller adds the file and line
 */
typedef void (*CwProblemFunc) (const char *problem,
                               gpointer    user_data);

guint            cw_message_check             (const CwMessage  *message,
                                               CwPluralRule     *rule,
                                               CwTextRole        role,
                                               CwCatalogSyntax   syntax,
                                               CwProblemFunc     func,
                                               gpointer          user_data);

#define CW_TYPE_CATALOG (cw_catalog_get_type ())

G_DECLARE_FINAL_TYPE (CwCatalog, cw_catalog, CW, CATALOG, GObject)

CwCatalog       *cw_catalog_new               (const char       *language);
CwCatalog       *cw_catalog_copy              (CwCatalog        *self);
guint64          cw_catalog_get_revision      (CwCatalog        *self);
gboolean         cw_catalog_equal             (CwCatalog        *a,
                                               CwCatalog        *b);
const char      *cw_catalog_get_language      (CwCatalog        *self);
const char      *cw_catalog_get_plural_forms  (CwCatalog        *self);
gboolean         cw_catalog_set_plural_forms  (CwCatalog        *self,
                                               const char       *plural_forms,
                                               GError          **error);
CwPluralRule    *cw_catalog_get_plural_rule   (CwCatalog        *self);
guint            cw_catalog_get_n_messages    (CwCatalog        *self);
const CwMessage *cw_catalog_get_message       (CwCatalog        *self,
                                               guint             position);
const CwMessage *cw_catalog_find              (CwCatalog        *self,
                                               const char       *context);
void             cw_catalog_add               (CwCatalog        *self,
                                               const char       *context,
                                               const char       *source,
                                               const char       *source_plural,
                                               const char * const *forms,
                                               gboolean          fuzzy,
                                               guint             line);
gboolean         cw_catalog_remove            (CwCatalog        *self,
                                               const char       *context);
void             cw_catalog_clear             (CwCatalog        *self);
const char      *cw_catalog_lookup            (CwCatalog        *self,
                                               const char       *context,
                                               const char       *source,
                                               gboolean          has_count,
                                               double            count);

G_END_DECLS
