/* cw-plural.c
 *
 * gettext has no public API to evaluate a catalog's Plural-Forms expression
 * (libgettextpo keeps its evaluator private), so this is a small parser for
 * the C subset the expressions use: n, integers, ! * / % + - < > <= >= == !=
 * && || ?: and parentheses. It is built for untrusted catalogs: nesting is
 * limited, and a division by zero selects no form instead of crashing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cw-error.h"
#include "cw-plural.h"

#define MAX_DEPTH 64
#define MAX_NODES 512

typedef enum
{
  OP_N,
  OP_CONST,
  OP_NOT,
  OP_MUL, OP_DIV, OP_MOD,
  OP_ADD, OP_SUB,
  OP_LT, OP_GT, OP_LE, OP_GE,
  OP_EQ, OP_NE,
  OP_AND, OP_OR,
  OP_COND,
} Op;

typedef struct
{
  Op      op;
  guint64 value;
  int     a;
  int     b;
  int     c;
} Node;

struct _CwPluralRule
{
  gatomicrefcount ref_count;
  char           *header;
  guint           n_forms;
  GArray         *nodes;
  int             root;
};

typedef struct
{
  const char *p;
  GArray     *nodes;
  int         depth;
  gboolean    failed;
} Parser;

static int parse_cond (Parser *parser);

static void
skip_space (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static gboolean
accept (Parser     *parser,
        const char *token)
{
  size_t len = strlen (token);

  skip_space (parser);
  if (strncmp (parser->p, token, len) != 0)
    return FALSE;
  /* "<" must not eat the start of "<=", nor "!" of "!=", nor "=" alone */
  if (len == 1 && strchr ("<>!", token[0]) && parser->p[1] == '=')
    return FALSE;
  if (len == 1 && strchr ("&|", token[0]))
    return FALSE;
  parser->p += len;
  return TRUE;
}

static int
add_node (Parser *parser,
          Op      op,
          guint64 value,
          int     a,
          int     b,
          int     c)
{
  Node node = { op, value, a, b, c };

  if (parser->failed || parser->nodes->len >= MAX_NODES)
    {
      parser->failed = TRUE;
      return -1;
    }
  g_array_append_val (parser->nodes, node);
  return parser->nodes->len - 1;
}

static int
parse_primary (Parser *parser)
{
  int ret;

  if (parser->failed || ++parser->depth > MAX_DEPTH)
    {
      parser->failed = TRUE;
      return -1;
    }

  skip_space (parser);
  if (accept (parser, "("))
    {
      ret = parse_cond (parser);
      if (!accept (parser, ")"))
        parser->failed = TRUE;
    }
  else if (accept (parser, "!"))
    {
      ret = add_node (parser, OP_NOT, 0, parse_primary (parser), -1, -1);
    }
  else if (*parser->p == 'n')
    {
      parser->p++;
      ret = add_node (parser, OP_N, 0, -1, -1, -1);
    }
  else if (g_ascii_isdigit (*parser->p))
    {
      char *end = NULL;
      guint64 v = g_ascii_strtoull (parser->p, &end, 10);

      parser->p = end;
      ret = add_node (parser, OP_CONST, v, -1, -1, -1);
    }
  else
    {
      parser->failed = TRUE;
      ret = -1;
    }

  parser->depth--;
  return ret;
}

typedef struct
{
  const char *token;
  Op          op;
} Binary;

static int
parse_binary_level (Parser       *parser,
                    const Binary *ops,
                    guint         n_ops,
                    int         (*next) (Parser *))
{
  int left = next (parser);

  while (!parser->failed)
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < n_ops; i++)
        {
          if (accept (parser, ops[i].token))
            {
              int right = next (parser);
              left = add_node (parser, ops[i].op, 0, left, right, -1);
              matched = TRUE;
              break;
            }
        }
      if (!matched)
        break;
    }

  return left;
}

static int
parse_mul (Parser *parser)
{
  static const Binary ops[] = { { "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_primary);
}

static int
parse_add (Parser *parser)
{
  static const Binary ops[] = { { "+", OP_ADD }, { "-", OP_SUB } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_mul);
}

static int
parse_rel (Parser *parser)
{
  static const Binary ops[] = { { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT }, { ">", OP_GT } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_add);
}

static int
parse_eq (Parser *parser)
{
  static const Binary ops[] = { { "==", OP_EQ }, { "!=", OP_NE } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_rel);
}

static int
parse_and (Parser *parser)
{
  static const Binary ops[] = { { "&&", OP_AND } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_eq);
}

static int
parse_or (Parser *parser)
{
  static const Binary ops[] = { { "||", OP_OR } };
  return parse_binary_level (parser, ops, G_N_ELEMENTS (ops), parse_and);
}

static int
parse_cond (Parser *parser)
{
  int cond;

  if (parser->failed || ++parser->depth > MAX_DEPTH)
    {
      parser->failed = TRUE;
      return -1;
    }

  cond = parse_or (parser);
  if (accept (parser, "?"))
    {
      int yes = parse_cond (parser);
      int no;

      if (!accept (parser, ":"))
        {
          parser->failed = TRUE;
          parser->depth--;
          return -1;
        }
      no = parse_cond (parser);
      cond = add_node (parser, OP_COND, 0, cond, yes, no);
    }

  parser->depth--;
  return cond;
}

/* Evaluation returns FALSE on division by zero. */
static gboolean
eval (const Node *nodes,
      int         i,
      guint64     n,
      guint64    *out)
{
  const Node *node = &nodes[i];
  guint64 a = 0, b = 0;

  switch (node->op)
    {
    case OP_N:
      *out = n;
      return TRUE;
    case OP_CONST:
      *out = node->value;
      return TRUE;
    case OP_NOT:
      if (!eval (nodes, node->a, n, &a))
        return FALSE;
      *out = !a;
      return TRUE;
    case OP_AND:
      if (!eval (nodes, node->a, n, &a))
        return FALSE;
      if (!a)
        {
          *out = 0;
          return TRUE;
        }
      if (!eval (nodes, node->b, n, &b))
        return FALSE;
      *out = b != 0;
      return TRUE;
    case OP_OR:
      if (!eval (nodes, node->a, n, &a))
        return FALSE;
      if (a)
        {
          *out = 1;
          return TRUE;
        }
      if (!eval (nodes, node->b, n, &b))
        return FALSE;
      *out = b != 0;
      return TRUE;
    case OP_COND:
      if (!eval (nodes, node->a, n, &a))
        return FALSE;
      return eval (nodes, a ? node->b : node->c, n, out);
    case OP_MUL: case OP_DIV: case OP_MOD: case OP_ADD: case OP_SUB:
    case OP_LT: case OP_GT: case OP_LE: case OP_GE: case OP_EQ: case OP_NE:
      if (!eval (nodes, node->a, n, &a) || !eval (nodes, node->b, n, &b))
        return FALSE;
      switch (node->op)
        {
        case OP_MUL: *out = a * b; break;
        case OP_DIV: if (b == 0) return FALSE; *out = a / b; break;
        case OP_MOD: if (b == 0) return FALSE; *out = a % b; break;
        case OP_ADD: *out = a + b; break;
        case OP_SUB: *out = a - b; break;
        case OP_LT: *out = a < b; break;
        case OP_GT: *out = a > b; break;
        case OP_LE: *out = a <= b; break;
        case OP_GE: *out = a >= b; break;
        case OP_EQ: *out = a == b; break;
        case OP_NE: *out = a != b; break;
        case OP_N: case OP_CONST: case OP_NOT: case OP_AND: case OP_OR: case OP_COND:
        default:
          g_assert_not_reached ();
        }
      return TRUE;
    default:
      return FALSE;
    }
}

/* msgfmt --check evaluates the rule for these numbers, and so do we */
#define CHECK_UP_TO 1000

/* What msgfmt refuses in a rule that parses: a division by zero, or a form
 * the rule picks that nplurals does not count. */
static gboolean
check_rule (CwPluralRule  *rule,
            GError       **error)
{
  const Node *nodes = (const Node *) (gpointer) rule->nodes->data;

  for (guint64 n = 0; n <= CHECK_UP_TO; n++)
    {
      guint64 form;

      if (!eval (nodes, rule->root, n, &form))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_CATALOG,
                       /* Translators: a Plural-Forms header, then a number */
                       _("The Plural-Forms header “%s” divides by zero when n is %u. Copy the one your translation tool suggests for the language."),
                       rule->header, (guint) n);
          return FALSE;
        }
      if (form >= rule->n_forms)
        {
          g_set_error (error, CW_ERROR, CW_ERROR_CATALOG,
                       /* Translators: a Plural-Forms header, its nplurals, nplurals minus one, then a number */
                       _("The Plural-Forms header “%s” says nplurals=%u, so its plural expression may pick forms 0 to %u, but for n = %u it picks another. Copy the one your translation tool suggests for the language."),
                       rule->header, rule->n_forms, rule->n_forms - 1, (guint) n);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * cw_plural_rule_parse:
 * @header: the value of a Plural-Forms header, such as
 *   "nplurals=2; plural=(n != 1);"
 *
 * Returns: (transfer full): the rule, or %NULL with @error set when the
 *   header cannot be understood or the rule fails (see check_rule())
 */
CwPluralRule *
cw_plural_rule_parse (const char  *header,
                      GError     **error)
{
  g_autoptr(CwPluralRule) rule = NULL;
  const char *np;
  const char *pl;
  guint64 n_forms;
  char *end = NULL;
  Parser parser = { 0 };

  g_return_val_if_fail (header != NULL, NULL);

  /* it is quoted in messages and kept in the deck, which is UTF-8 */
  if (!g_utf8_validate (header, -1, NULL))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_CATALOG,
                   _("The Plural-Forms header holds bytes that are not UTF-8 text. Copy the one your translation tool suggests for the language."));
      return NULL;
    }

  /* and XML has no way to write most control characters */
  for (const char *p = header; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        {
          g_set_error (error, CW_ERROR, CW_ERROR_CATALOG,
                       _("The Plural-Forms header holds a control character (U+%04X). Copy the one your translation tool suggests for the language."),
                       (guint) (guchar) *p);
          return NULL;
        }
    }

  np = strstr (header, "nplurals");
  pl = strstr (header, "plural=");
  if (np == NULL || pl == NULL)
    goto fail;

  np += strlen ("nplurals");
  while (g_ascii_isspace (*np))
    np++;
  if (*np++ != '=')
    goto fail;
  n_forms = g_ascii_strtoull (np, &end, 10);
  if (end == np || n_forms < 1 || n_forms > 6)
    goto fail;

  rule = g_new0 (CwPluralRule, 1);
  g_atomic_ref_count_init (&rule->ref_count);
  rule->header = g_strdup (header);
  rule->n_forms = n_forms;
  rule->nodes = g_array_new (FALSE, FALSE, sizeof (Node));

  parser.p = pl + strlen ("plural=");
  parser.nodes = rule->nodes;
  rule->root = parse_cond (&parser);
  skip_space (&parser);
  if (*parser.p == ';')
    parser.p++;
  skip_space (&parser);
  if (parser.failed || rule->root < 0 || *parser.p != '\0')
    goto fail;
  if (!check_rule (rule, error))
    return NULL;

  return g_steal_pointer (&rule);

fail:
  g_set_error (error, CW_ERROR, CW_ERROR_CATALOG,
               _("The Plural-Forms header “%s” cannot be understood. Copy the one your translation tool suggests for the language."),
               header);
  return NULL;
}

CwPluralRule *
cw_plural_rule_ref (CwPluralRule *rule)
{
  g_atomic_ref_count_inc (&rule->ref_count);
  return rule;
}

void
cw_plural_rule_unref (CwPluralRule *rule)
{
  if (rule != NULL && g_atomic_ref_count_dec (&rule->ref_count))
    {
      g_clear_pointer (&rule->nodes, g_array_unref);
      g_free (rule->header);
      g_free (rule);
    }
}

guint
cw_plural_rule_get_n_forms (CwPluralRule *rule)
{
  return rule->n_forms;
}

const char *
cw_plural_rule_get_header (CwPluralRule *rule)
{
  return rule->header;
}

/**
 * cw_plural_rule_select:
 * @n: the number the text follows
 *
 * gettext plurals are defined on integers; a value with a fraction
 * takes the last form, which is the "other" form in every catalog
 * language we know of.
 *
 * Returns: the index of the form, or -1 when the expression fails for @n
 */
int
cw_plural_rule_select (CwPluralRule *rule,
                       double        n)
{
  guint64 result;
  double a = fabs (n);

  /* (double) G_MAXUINT64 rounds up to 2^64, which does not fit */
  if (a != floor (a) || a >= (double) G_MAXUINT64)
    return rule->n_forms - 1;

  if (!eval ((const Node *) (gpointer) rule->nodes->data, rule->root, (guint64) a, &result))
    return -1;

  return MIN (result, rule->n_forms - 1);
}

/* The Plural-Forms headers of common catalog languages, as the gettext
 * manual and msginit give them. A catalog's own header always wins; this
 * only fills in the header of a catalog Clearway starts. */
static const struct
{
  const char *languages;
  const char *header;
} plural_table[] = {
  { "az en pt de es it nl sv da no nb nn fi et el hu tr ka kk ky uz tk bg ps ku ur sw so am",
    "nplurals=2; plural=(n != 1);" },
  { "fr pt-BR hy fa ti ln",
    "nplurals=2; plural=(n > 1);" },
  { "ru uk be sr hr bs",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
  { "pl",
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
  { "cs sk",
    "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;" },
  { "ro",
    "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);" },
  { "lt",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);" },
  { "ar",
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" },
  { "he",
    "nplurals=2; plural=(n != 1);" },
  { "zh ja ko vi th id ms lo km my",
    "nplurals=1; plural=0;" },
};

static gboolean
word_in (const char *list,
         const char *word)
{
  g_auto(GStrv) words = g_strsplit (list, " ", -1);

  return g_strv_contains ((const char * const *) words, word);
}

/**
 * cw_plural_forms_for_language:
 * @language: a language tag, such as "ru" or "pt-BR"
 *
 * Returns: (nullable): the usual Plural-Forms header of @language, or %NULL
 *   when Clearway does not know it (the translator's tool then asks)
 */
const char *
cw_plural_forms_for_language (const char *language)
{
  g_autofree char *tag = NULL;
  g_autofree char *primary = NULL;

  if (language == NULL)
    return NULL;

  /* gettext writes pt_BR, BCP 47 pt-BR */
  tag = g_strdelimit (g_strdup (language), "_", '-');
  primary = g_strndup (tag, strcspn (tag, "-@"));
  for (guint i = 0; i < G_N_ELEMENTS (plural_table); i++)
    {
      if (word_in (plural_table[i].languages, tag))
        return plural_table[i].header;
    }
  for (guint i = 0; i < G_N_ELEMENTS (plural_table); i++)
    {
      if (word_in (plural_table[i].languages, primary))
        return plural_table[i].header;
    }
  return NULL;
}
