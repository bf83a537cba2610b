/* cw-text.c
 *
 * A number is typed once, as a statistic, and slide text refers to it as
 * {mines_neutralised}; "{{" and "}}" write literal braces. "{id:compact}"
 * asks for the short form (161K, 161 тыс.).
 *
 * Every text that reaches a slide, from the deck, its catalogs or a .po
 * file, is held to the length its role allows (cw_text_check_length()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cw-error.h"
#include "cw-text.h"

typedef gboolean (*SegmentFunc) (const char *name,
                                 gsize       len,
                                 gpointer    user_data);

/* Walks @text, calling @literal for plain runs and @placeholder for {…}.
 * Returns FALSE with @error set on an unclosed or empty brace. */
static gboolean
scan (const char  *text,
      GString     *out,
      SegmentFunc  placeholder,
      gpointer     user_data,
      GError     **error)
{
  const char *p = text;

  while (*p)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          if (out)
            g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          if (out)
            g_string_append_c (out, '}');
          p += 2;
        }
      else if (p[0] == '{')
        {
          const char *end = strchr (p + 1, '}');

          if (end == NULL || end == p + 1 || memchr (p + 1, '{', end - p - 1) != NULL)
            {
              g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                           _("The text “%s” has a “{” without its closing “}”. Write {statistic_id} to show a figure, or {{ for a brace."),
                           text);
              return FALSE;
            }
          if (!placeholder (p + 1, end - p - 1, user_data))
            return FALSE;
          p = end + 1;
        }
      else
        {
          if (out)
            g_string_append_c (out, *p);
          p++;
        }
    }

  return TRUE;
}

typedef struct
{
  GString           *out;
  CwPlaceholderFunc  func;
  gpointer           user_data;
  GError           **error;
  const char        *text;
} ExpandData;

static gboolean
expand_one (const char *name,
            gsize       len,
            gpointer    user_data)
{
  ExpandData *data = user_data;
  g_autofree char *key = g_strndup (name, len);
  g_autofree char *value = NULL;
  gboolean compact = FALSE;
  char *colon = strchr (key, ':');

  if (colon != NULL)
    {
      compact = g_str_equal (colon + 1, "compact");
      *colon = '\0';
    }

  value = data->func (key, compact, data->user_data);
  if (value == NULL)
    {
      g_set_error (data->error, CW_ERROR, CW_ERROR_UNKNOWN_STATISTIC,
                   _("The text “%s” shows {%s}, but the deck has no statistic with that id. Add the statistic, or correct the name between the braces."),
                   data->text, key);
      return FALSE;
    }
  g_string_append (data->out, value);
  return TRUE;
}

/**
 * cw_text_expand:
 *
 * Returns: (transfer full) (nullable): @text with every placeholder
 *   replaced, or %NULL with @error set when one cannot be
 */
char *
cw_text_expand (const char         *text,
                CwPlaceholderFunc   func,
                gpointer            user_data,
                GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ExpandData data = { out, func, user_data, error, text };

  if (text == NULL)
    return NULL;
  if (!scan (text, out, expand_one, &data, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
collect_one (const char *name,
             gsize       len,
             gpointer    user_data)
{
  GPtrArray *names = user_data;
  g_autofree char *key = g_strndup (name, len);
  char *colon = strchr (key, ':');

  if (colon != NULL)
    *colon = '\0';
  g_ptr_array_add (names, g_steal_pointer (&key));
  return TRUE;
}

/**
 * cw_text_list_placeholders:
 *
 * Returns: (transfer full) (nullable): the names between braces, in order,
 *   or %NULL when the braces do not pair up
 */
GPtrArray *
cw_text_list_placeholders (const char *text)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (text != NULL && !scan (text, NULL, collect_one, names, NULL))
    return NULL;
  return g_steal_pointer (&names);
}

/*
 * How long a text may be. Viewers read a slide's text at about 17
 * characters a second (13 for children, cw_deck_get_reading_speed()), on a
 * phone, while the slide is up, and a whole clip lasts 15 to 60 seconds. The
 * limits are generous, several times what the templates' boxes hold
 * comfortably (CwField.max_chars), so no text meant for a viewer meets
 * them; they stop text nobody could read from making layout, rendering and
 * the reading time run away (a 240,000-character headline asked for a
 * slide of 14,118 s):
 *
 *   a label (a few words)      150 characters, about  9 s of reading
 *   a headline (one sentence)  300 characters, about 18 s
 *   the source line            300 characters, about 18 s
 *   a body text (a quote)    1,000 characters, about a minute: a whole clip
 */
static const guint max_chars[] = {
  [CW_TEXT_ROLE_LABEL] = 150,
  [CW_TEXT_ROLE_HEADLINE] = 300,
  [CW_TEXT_ROLE_BODY] = 1000,
  [CW_TEXT_ROLE_SOURCE] = 300,
};

/**
 * cw_text_role_get_max_chars:
 *
 * Returns: the most characters a text of @role may have
 */
guint
cw_text_role_get_max_chars (CwTextRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (max_chars), max_chars[CW_TEXT_ROLE_LABEL]);
  return max_chars[role];
}

/**
 * cw_text_check_length:
 * @role: what the text is on its slide
 * @name: which text it is, such as "intro/headline"; the message quotes it
 *
 * Callers put the file and the line before the message.
 *
 * Returns: %TRUE when @text is no longer than @role allows; otherwise
 *   %FALSE with @error set
 */
gboolean
cw_text_check_length (const char  *text,
                      CwTextRole   role,
                      const char  *name,
                      GError     **error)
{
  guint limit = cw_text_role_get_max_chars (role);
  glong length;

  if (text == NULL)
    return TRUE;
  /* cheap for the usual short text, and no slower than reading it for the rest */
  if (strlen (text) <= limit)
    return TRUE;
  length = g_utf8_strlen (text, -1);
  if (length <= (glong) limit)
    return TRUE;

  switch (role)
    {
    case CW_TEXT_ROLE_HEADLINE:
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   /* Translators: a text's name (such as intro/headline), its length, then the limit */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The headline “%s” has %ld character; a headline may have at most %u. Shorten it: viewers read a slide in seconds, on a phone.",
                                "The headline “%s” has %ld characters; a headline may have at most %u. Shorten it: viewers read a slide in seconds, on a phone.",
                                length),
                   name, length, limit);
      break;
    case CW_TEXT_ROLE_BODY:
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   /* Translators: a text's name (such as intro/quote), its length, then the limit */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The text “%s” has %ld character; a text may have at most %u. Shorten it: viewers read a slide in seconds, on a phone.",
                                "The text “%s” has %ld characters; a text may have at most %u. Shorten it: viewers read a slide in seconds, on a phone.",
                                length),
                   name, length, limit);
      break;
    case CW_TEXT_ROLE_SOURCE:
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   /* Translators: a text's name (such as deck/source-line), its length, then the limit */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The source line “%s” has %ld character; a source line may have at most %u. Shorten it to who published the figure and when.",
                                "The source line “%s” has %ld characters; a source line may have at most %u. Shorten it to who published the figure and when.",
                                length),
                   name, length, limit);
      break;
    case CW_TEXT_ROLE_LABEL:
    default:
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   /* Translators: a text's name (such as intro/kicker), its length, then the limit */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The label “%s” has %ld character; a label may have at most %u. Shorten it to a few words: viewers read a slide in seconds, on a phone.",
                                "The label “%s” has %ld characters; a label may have at most %u. Shorten it to a few words: viewers read a slide in seconds, on a phone.",
                                length),
                   name, length, limit);
      break;
    }

  return FALSE;
}
