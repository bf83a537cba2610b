/* cw-catalog.c
 *
 * A deck carries its translations, and they come from two places: .po
 * files a translator sends back (cw_deck_import_po()), and the deck file
 * itself, which anyone can edit by hand. Both are untrusted and both are
 * held to the same rules, cw_message_check(), so a translation that is
 * refused from a .po file cannot slip in through the deck.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cw-catalog.h"
#include "cw-revision.h"

struct _CwCatalog
{
  GObject       parent_instance;

  char         *language;
  CwPluralRule *plural_rule;
  /* file order is kept, so a saved deck is stable */
  GPtrArray    *messages;
  GHashTable   *by_context;
  CwRevision    revision;
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
  self->revision = cw_revision_next ();
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
 * Returns: the #CwRevision of @self: the same as a copy's
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
  self->revision = cw_revision_next ();
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
  self->revision = cw_revision_next ();
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
  self->revision = cw_revision_next ();
  return TRUE;
}

void
cw_catalog_clear (CwCatalog *self)
{
  g_return_if_fail (CW_IS_CATALOG (self));

  g_hash_table_remove_all (self->by_context);
  g_ptr_array_set_size (self->messages, 0);
  self->revision = cw_revision_next ();
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

/* Text a deck file can hold: UTF-8, and no control character but tab and newline. */
static gboolean
text_is_storable (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
        return FALSE;
    }
  return TRUE;
}

static char *
format_names (GPtrArray *names)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "{%s}", (const char *) g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_unique_name (GPtrArray  *names,
                 const char *name)
{
  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (name));
}

/* A name to quote in a message: a context can hold a whole series label. */
static char *
shorten (const char *name)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (name, 61) <= 60)
    return g_strdup (name);
  start = g_utf8_substring (name, 0, 59);
  return g_strconcat (start, "…", NULL);
}

typedef struct
{
  CwProblemFunc func;
  gpointer      user_data;
  guint         count;
} Problems;

static void G_GNUC_PRINTF (2, 3)
report (Problems   *problems,
        const char *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  problems->count++;
  problems->func (text, problems->user_data);
}

/* How the file names form @index of a translation with @n_forms forms. */
static char *
form_name (CwCatalogSyntax syntax,
           gboolean        plural,
           guint           index)
{
  if (syntax == CW_CATALOG_SYNTAX_PO)
    return plural ? g_strdup_printf ("msgstr[%u]", index) : g_strdup ("msgstr");
  /* Translators: which <form> of a translation in a deck file; counted from 0 like msgstr[N] */
  return plural ? g_strdup_printf (_("plural form %u"), index) : g_strdup (_("translation"));
}

/* A translation shows the figures of its source, no more and no fewer. */
static void
check_placeholders (const CwMessage *message,
                    const char      *context,
                    CwCatalogSyntax  syntax,
                    Problems        *problems)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) in_msgid = cw_text_list_placeholders (message->source);
  g_autoptr(GPtrArray) in_plural = cw_text_list_placeholders (message->source_plural);
  gboolean plural = message->source_plural != NULL;

  for (guint i = 0; in_msgid != NULL && i < in_msgid->len; i++)
    add_unique_name (expected, g_ptr_array_index (in_msgid, i));
  for (guint i = 0; in_plural != NULL && i < in_plural->len; i++)
    add_unique_name (expected, g_ptr_array_index (in_plural, i));

  for (guint f = 0; message->forms[f]; f++)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *which = form_name (syntax, plural, f);

      if (*message->forms[f] == '\0')
        continue;

      found = cw_text_list_placeholders (message->forms[f]);
      if (found == NULL)
        {
          report (problems,
                  /* Translators: %s: msgstr or msgstr[N]; then a context such as "land/label" */
                  _("the %s of “%s” has a “{” without its closing “}”. Keep each {name} of the source text whole; write {{ for a brace."),
                  which, context);
          continue;
        }

      for (guint i = 0; i < expected->len; i++)
        {
          const char *name = g_ptr_array_index (expected, i);
          if (!g_ptr_array_find_with_equal_func (found, name, g_str_equal, NULL))
            report (problems,
                    /* Translators: %s: msgstr or msgstr[N]; a context; a placeholder name */
                    _("the %s of “%s” leaves out {%s}. Put {%s} back where the figure belongs in your sentence."),
                    which, context, name, name);
        }
      for (guint i = 0; i < found->len; i++)
        {
          const char *name = g_ptr_array_index (found, i);
          if (!g_ptr_array_find_with_equal_func (expected, name, g_str_equal, NULL))
            {
              g_autofree char *allowed = format_names (expected);
              if (expected->len > 0)
                report (problems,
                        /* Translators: %s: msgstr or msgstr[N]; a context; a placeholder; the placeholders of the source */
                        _("the %s of “%s” has {%s}, which the source text does not have. Use only %s, exactly as the source writes them."),
                        which, context, name, allowed);
              else
                report (problems,
                        _("the %s of “%s” has {%s}, but the source text has no {placeholders}. Remove it, or write {{ and }} for braces."),
                        which, context, name);
            }
        }
    }
}

/**
 * cw_message_check:
 * @message: a translation; @message->context may be %NULL for an entry of
 *   a .po file without msgctxt, which is not imported
 * @rule: (nullable): the catalog's plural rule
 * @role: what the translated text is on its slide
 * @syntax: how the problems name the forms
 * @func: called with each problem
 *
 * Checks one translation the way `translate` does, wherever it comes
 * from: as many plural forms as the catalog's rule has, text a deck can
 * hold, no longer than its role allows (cw_text_check_length()), and the
 * same {placeholders} as its source (unless it is marked fuzzy: that
 * translation is work in progress, kept but not shown).
 *
 * Returns: the number of problems found
 */
guint
cw_message_check (const CwMessage *message,
                  CwPluralRule    *rule,
                  CwTextRole       role,
                  CwCatalogSyntax  syntax,
                  CwProblemFunc    func,
                  gpointer         user_data)
{
  Problems problems = { func, user_data, 0 };
  const char *context = message->context;
  g_autofree char *name = NULL;
  guint n_forms;

  g_return_val_if_fail (message->source != NULL, 0);
  g_return_val_if_fail (message->forms != NULL, 0);

  n_forms = g_strv_length (message->forms);

  if (!text_is_storable (message->source) || (context && !text_is_storable (context)) ||
      (message->source_plural && !text_is_storable (message->source_plural)))
    {
      report (&problems,
              _("this entry has text that is not UTF-8 or has control characters. Save the catalog as UTF-8 and remove the control characters."));
      return problems.count;
    }
  name = shorten (context ? context : message->source);

  if (message->source_plural != NULL && rule != NULL && n_forms != cw_plural_rule_get_n_forms (rule))
    {
      guint n = cw_plural_rule_get_n_forms (rule);

      if (syntax == CW_CATALOG_SYNTAX_PO)
        report (&problems,
                /* Translators: a context, a number of forms, then the number the header asks for (twice), minus one */
                g_dngettext (GETTEXT_PACKAGE,
                             "“%s” has %u plural form, but the header’s Plural-Forms says nplurals=%u. Give it exactly %u: msgstr[0] to msgstr[%u].",
                             "“%s” has %u plural forms, but the header’s Plural-Forms says nplurals=%u. Give it exactly %u: msgstr[0] to msgstr[%u].",
                             n_forms),
                name, n_forms, n, n, n - 1);
      else
        report (&problems,
                /* Translators: a context, a number of forms, then the number the catalog asks for (twice) */
                g_dngettext (GETTEXT_PACKAGE,
                             "“%s” has %u plural form, but its catalog’s plural-forms says nplurals=%u. Give it exactly %u <form> elements.",
                             "“%s” has %u plural forms, but its catalog’s plural-forms says nplurals=%u. Give it exactly %u <form> elements.",
                             n_forms),
                name, n_forms, n, n);
    }

  for (guint f = 0; message->forms[f]; f++)
    {
      if (!text_is_storable (message->forms[f]))
        {
          report (&problems,
                  _("the translation of “%s” is not UTF-8 or has control characters. Save the catalog as UTF-8 and remove the control characters."),
                  name);
          return problems.count;
        }
    }

  for (guint f = 0; message->forms[f]; f++)
    {
      g_autoptr(GError) error = NULL;

      if (!cw_text_check_length (message->forms[f], role, name, &error))
        {
          report (&problems, "%s", error->message);
          /* the other forms say the same */
          break;
        }
    }

  if (context != NULL && !message->fuzzy)
    check_placeholders (message, name, syntax, &problems);

  return problems.count;
}
