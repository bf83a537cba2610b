/* cw-plural.h: gettext Plural-Forms expressions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CwPluralRule CwPluralRule;

CwPluralRule *cw_plural_rule_parse      (const char    *header,
                                         GError       **error);
CwPluralRule *cw_plural_rule_ref        (CwPluralRule  *rule);
void          cw_plural_rule_unref      (CwPluralRule  *rule);
guint         cw_plural_rule_get_n_forms (CwPluralRule *rule);
const char   *cw_plural_rule_get_header (CwPluralRule  *rule);
int           cw_plural_rule_select     (CwPluralRule  *rule,
                                         double         n);
const char   *cw_plural_forms_for_language (const char *language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwPluralRule, cw_plural_rule_unref)

G_END_DECLS
