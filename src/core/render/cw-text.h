/* cw-text.h: {placeholders} in slide text, and how long a text may be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CwTextRole:
 * @CW_TEXT_ROLE_LABEL: a few words: a kicker, a label, a name, a category
 * @CW_TEXT_ROLE_HEADLINE: one sentence: a headline, a title, a step
 * @CW_TEXT_ROLE_BODY: a few sentences: a quote
 * @CW_TEXT_ROLE_SOURCE: the line that says where a figure comes from
 *
 * What a text is on a slide, which sets how long it may be.
 */
typedef enum
{
  CW_TEXT_ROLE_LABEL,
  CW_TEXT_ROLE_HEADLINE,
  CW_TEXT_ROLE_BODY,
  CW_TEXT_ROLE_SOURCE,
} CwTextRole;

/**
 * CwPlaceholderFunc:
 * @name: what is between the braces, without a ":compact" suffix
 * @compact: whether the placeholder asked for the short form ("161K")
 *
 * Returns: (transfer full) (nullable): the replacement, or %NULL when
 *   @name is unknown
 */
typedef char *(*CwPlaceholderFunc) (const char *name,
                                    gboolean    compact,
                                    gpointer    user_data);

char      *cw_text_expand             (const char         *text,
                                       CwPlaceholderFunc   func,
                                       gpointer            user_data,
                                       GError            **error);
GPtrArray *cw_text_list_placeholders  (const char         *text);
guint      cw_text_role_get_max_chars (CwTextRole          role);
gboolean   cw_text_check_length       (const char         *text,
                                       CwTextRole          role,
                                       const char         *name,
                                       GError            **error);

G_END_DECLS
