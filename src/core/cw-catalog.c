/* cw-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-catalog.h"
#include "cw-core.h"

struct _CwCatalog
{
  GObject       parent_instance;

  char         *language;
  CwPluralRule *plural_rule;
  /* file order is kept, so a saved deck is stable */
  GPtrArray    *messages;
  GHashTable   *by_context;
  /* see cw_catalog_get_revision() */
  guint64       revision;
};

G_DEFINE_FINAL_TYPE (CwCatalog, cw_catalog, G_TYPE_OBJECT)

static void
message_free (CwMessage *message)
{
  g_free (message->context);
  g_free (message->source);
  g_free (message->source_plural);
  g_strfreev (message->forms);
  g_free (message);
}

static void
cw_catalog_finalize (GObject *object)
{
  CwCatalog *self = (CwCatalog *)object;

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->plural_rule, cw_plural_rule_unref);
  g_clear_pointer (&self->by_context, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_catalog_parent_class)->finalize (object);
}

static void
cw_catalog_class_init (CwCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_catalog_finalize;
}

static void
cw_catalog_init (CwCatalog *self)
{
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  self->by_context = g_hash_table_new (g_str_hash, g_str_equal);
  self->revision = cw_core_next_revision ();
}

CwCatalog *
cw_catalog_new (const char *language)
{
  CwCatalog *self;

  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (CW_TYPE_CATALOG, NULL);
  self->language = g_strdup (language);
  return self;
}

CwCatalog *
cw_catalog_copy (CwCatalog *self)
{
  CwCatalog *copy;

  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);

  copy = cw_catalog_new (self->language);
  if (self->plural_rule != NULL)
    copy->plural_rule = cw_plural_rule_ref (self->plural_rule);
  for (guint i = 0; i < self->messages->len; i++)
    {
      const CwMessage *m = g_ptr_array_index (self->messages, i);
      cw_catalog_add (copy, m->context, m->source, m->source_plural,
                      (const char * const *) m->forms, m->fuzzy, m->line);
    }
  /* the same content: undo may use either */
  copy->revision = self->revision;
  return copy;
}

/**
 * cw_catalog_get_revision:
 *
 * Returns: a number that changes whenever the catalog does; a copy has its
 *   original's, so catalogs with the same revision hold the same
 */
guint64
cw_catalog_get_revision (CwCatalog *self)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), 0);
  return self->revision;
}

/**
 * cw_catalog_equal:
 *
 * Whether @a and @b hold the same translations, in the same order, with
 * the same plural rule. Where they were read from (lines) does not count.
 *
 * Returns: %TRUE when they are the same
 */
gboolean
cw_catalog_equal (CwCatalog *a,
                  CwCatalog *b)
{
  g_return_val_if_fail (CW_IS_CATALOG (a), FALSE);
  g_return_val_if_fail (CW_IS_CATALOG (b), FALSE);

  if (a == b || a->revision == b->revision)
    return TRUE;
  if (g_strcmp0 (a->language, b->language) != 0 ||
      g_strcmp0 (cw_catalog_get_plural_forms (a), cw_catalog_get_plural_forms (b)) != 0 ||
      a->messages->len != b->messages->len)
    return FALSE;
  for (guint i = 0; i < a->messages->len; i++)
    {
      const CwMessage *m = g_ptr_array_index (a->messages, i);
      const CwMessage *n = g_ptr_array_index (b->messages, i);

      if (g_strcmp0 (m->context, n->context) != 0 || g_strcmp0 (m->source, n->source) != 0 ||
          g_strcmp0 (m->source_plural, n->source_plural) != 0 || m->fuzzy != n->fuzzy ||
          !g_strv_equal ((const char * const *) m->forms, (const char * const *) n->forms))
        return FALSE;
    }
  return TRUE;
}

const char *
cw_catalog_get_language (CwCatalog *self)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);
  return self->language;
}

/**
 * cw_catalog_get_plural_forms:
 *
 * Returns: (nullable): the gettext Plural-Forms header of the language
 */
const char *
cw_catalog_get_plural_forms (CwCatalog *self)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);
  return self->plural_rule ? cw_plural_rule_get_header (self->plural_rule) : NULL;
}

gboolean
cw_catalog_set_plural_forms (CwCatalog   *self,
                             const char  *plural_forms,
                             GError     **error)
{
  CwPluralRule *rule = NULL;

  g_return_val_if_fail (CW_IS_CATALOG (self), FALSE);

  if (plural_forms != NULL)
    {
      rule = cw_plural_rule_parse (plural_forms, error);
      if (rule == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->plural_rule, cw_plural_rule_unref);
  self->plural_rule = rule;
  self->revision = cw_core_next_revision ();
  return TRUE;
}

CwPluralRule *
cw_catalog_get_plural_rule (CwCatalog *self)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);
  return self->plural_rule;
}

guint
cw_catalog_get_n_messages (CwCatalog *self)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), 0);
  return self->messages->len;
}

const CwMessage *
cw_catalog_get_message (CwCatalog *self,
                        guint      position)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->messages->len, NULL);
  return g_ptr_array_index (self->messages, position);
}

const CwMessage *
cw_catalog_find (CwCatalog  *self,
                 const char *context)
{
  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);
  return g_hash_table_lookup (self->by_context, context);
}

/**
 * cw_catalog_add:
 *
 * Adds the translation of @context, replacing an earlier one.
 */
void
cw_catalog_add (CwCatalog          *self,
                const char         *context,
                const char         *source,
                const char         *source_plural,
                const char * const *forms,
                gboolean            fuzzy,
                guint               line)
{
  CwMessage *message;
  CwMessage *old;

  g_return_if_fail (CW_IS_CATALOG (self));
  g_return_if_fail (context != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (forms != NULL && forms[0] != NULL);

  message = g_new0 (CwMessage, 1);
  message->context = g_strdup (context);
  message->source = g_strdup (source);
  message->source_plural = g_strdup (source_plural);
  message->forms = g_strdupv ((char **) forms);
  message->fuzzy = fuzzy;
  message->line = line;

  old = g_hash_table_lookup (self->by_context, context);
  if (old != NULL)
    {
      guint pos;

      g_ptr_array_find (self->messages, old, &pos);
      g_hash_table_remove (self->by_context, context);
      self->messages->pdata[pos] = message;
      message_free (old);
    }
  else
    {
      g_ptr_array_add (self->messages, message);
    }
  g_hash_table_insert (self->by_context, message->context, message);
  self->revision = cw_core_next_revision ();
}

gboolean
cw_catalog_remove (CwCatalog  *self,
                   const char *context)
{
  CwMessage *message;

  g_return_val_if_fail (CW_IS_CATALOG (self), FALSE);

  message = g_hash_table_lookup (self->by_context, context);
  if (message == NULL)
    return FALSE;
  g_hash_table_remove (self->by_context, context);
  g_ptr_array_remove (self->messages, message);
  self->revision = cw_core_next_revision ();
  return TRUE;
}

void
cw_catalog_clear (CwCatalog *self)
{
  g_return_if_fail (CW_IS_CATALOG (self));

  g_hash_table_remove_all (self->by_context);
  g_ptr_array_set_size (self->messages, 0);
  self->revision = cw_core_next_revision ();
}

/**
 * cw_catalog_lookup:
 * @context: which text
 * @source: the text as it is now in the source language
 * @has_count: whether the text follows a number
 * @count: that number
 *
 * A translation is used only when it is not fuzzy and was made from the
 * current source text: when the author changes the English, the old
 * translation stops showing until a translator has looked at it.
 *
 * Returns: (nullable): the translated text, or %NULL to fall back to @source
 */
const char *
cw_catalog_lookup (CwCatalog  *self,
                   const char *context,
                   const char *source,
                   gboolean    has_count,
                   double      count)
{
  const CwMessage *message;
  guint n_forms;
  int form = 0;

  g_return_val_if_fail (CW_IS_CATALOG (self), NULL);

  message = g_hash_table_lookup (self->by_context, context);
  if (message == NULL || message->fuzzy || g_strcmp0 (message->source, source) != 0)
    return NULL;

  n_forms = g_strv_length (message->forms);
  if (has_count && message->source_plural != NULL && self->plural_rule != NULL)
    form = cw_plural_rule_select (self->plural_rule, count);
  if (form < 0 || form >= (int) n_forms)
    return NULL;
  if (message->forms[form][0] == '\0')
    return NULL;

  return message->forms[form];
}
