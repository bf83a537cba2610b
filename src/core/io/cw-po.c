/* cw-po.c
 *
 * Translators work with the tools they know (Poedit, Weblate, msgmerge),
 * so a deck's texts leave Clearway as a standard .pot, each language as a
 * .po merged against the current texts, and come back from .po files.
 *
 * What goes into the template is what the renderer looks up: every slide
 * is laid out once in the source language and the texts it asked
 * translations for are collected (cw_builder_translate() records them), so
 * template defaults, fallbacks for children, series labels and the source
 * line are all there, under exactly the context the renderer will use.
 *
 * Both directions go through libgettextpo. Its error handler carries no
 * user data, may be called with severity FATAL (and must then not return),
 * and the library keeps global state, so every call into it holds one lock
 * and reports to the session that lock protects; a fatal error unwinds
 * with longjmp() to the call that started it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gettext-po.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "cw-error.h"
#include "cw-file.h"
#include "cw-locale.h"
#include "cw-number.h"
#include "cw-plural.h"
#include "cw-po.h"
#include "cw-renderer.h"
#include "cw-template.h"
#include "cw-text.h"

/* problems listed in one error; a broken file can have thousands */
#define MAX_PROBLEMS 30

void
cw_translatable_free (CwTranslatable *translatable)
{
  if (translatable == NULL)
    return;
  g_free (translatable->context);
  g_free (translatable->source);
  g_free (translatable->source_plural);
  g_free (translatable->comment);
  g_free (translatable->slide);
  g_free (translatable);
}

/* libgettextpo sessions */

typedef struct
{
  /* how messages name the file */
  const char *display;
  /* msgctxt → line of its entry, read from the file itself: libgettextpo
   * does not tell where a message was */
  GHashTable *lines;
  /* lines whose string is not closed: the lexer notices on the next line */
  GHashTable *unterminated;
  guint       header_line;
  guint       plural_forms_line;
  guint       language_line;
  GPtrArray  *problems;
  guint       n_problems;
  /* our own checks already named each message with too few plural forms,
   * and said what is wrong with the Plural-Forms header */
  gboolean    counted_plural_forms;
  gboolean    bad_plural_forms;
  /* the line of the entry being checked */
  guint       current_line;
  jmp_buf     fatal;
} PoSession;

static GMutex po_lock;
static PoSession *po_session;

static void
po_session_clear (PoSession *session)
{
  g_clear_pointer (&session->lines, g_hash_table_unref);
  g_clear_pointer (&session->unterminated, g_hash_table_unref);
  g_clear_pointer (&session->problems, g_ptr_array_unref);
}

static void
po_session_init (PoSession  *session,
                 const char *display)
{
  memset (session, 0, sizeof *session);
  session->display = display;
  session->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  session->unterminated = g_hash_table_new (NULL, NULL);
  session->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
}

static void
add_problem (PoSession  *session,
             guint       line,
             const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  session->n_problems++;
  if (session->problems->len >= MAX_PROBLEMS)
    return;
  g_ptr_array_add (session->problems,
                   cw_diagnostic_new (CW_SEVERITY_ERROR, CW_ERROR_CATALOG, session->display, line, clean));
}

static void G_GNUC_PRINTF (3, 4)
add_problemf (PoSession  *session,
              guint       line,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (session, line, text);
}

static guint
line_of_message (PoSession    *session,
                 po_message_t  message)
{
  const char *context;

  if (message == NULL)
    return 0;
  context = po_message_msgctxt (message);
  if (context != NULL && g_hash_table_contains (session->lines, context))
    return GPOINTER_TO_UINT (g_hash_table_lookup (session->lines, context));
  if (context == NULL && *po_message_msgid (message) == '\0')
    return session->header_line;
  return 0;
}

/* A line for a problem libgettextpo reports without one. */
static guint
guess_line (PoSession    *session,
            po_message_t  message,
            size_t        lineno,
            const char   *text)
{
  guint line;

  if (lineno != (size_t) -1 && lineno > 0)
    {
      line = (guint) MIN (lineno, G_MAXUINT);
      /* "end-of-line within string" comes with the line after the string */
      if (line > 1 && g_hash_table_contains (session->unterminated, GUINT_TO_POINTER (line - 1)) &&
          !g_hash_table_contains (session->unterminated, GUINT_TO_POINTER (line)))
        line--;
      return line;
    }
  /* a problem of the header's Plural-Forms */
  if (text != NULL && strstr (text, "plural") != NULL && session->plural_forms_line > 0 &&
      (message == NULL || (po_message_msgctxt (message) == NULL && *po_message_msgid (message) == '\0')))
    return session->plural_forms_line;
  line = line_of_message (session, message);
  if (line > 0)
    return line;
  return session->header_line;
}

static void
on_po_error (int           severity,
             po_message_t  message,
             const char   *filename,
             size_t        lineno,
             size_t        column,
             int           multiline,
             const char   *text)
{
  PoSession *session = po_session;

  /* warnings (a header field left at its default) do not stop an import */
  if (severity >= PO_SEVERITY_ERROR && session != NULL &&
      !(session->bad_plural_forms && text != NULL && strstr (text, "plural expression") != NULL))
    add_problem (session, guess_line (session, message, lineno, text), text ? text : "?");
  if (severity == PO_SEVERITY_FATAL_ERROR)
    {
      /* "must not return" */
      if (session != NULL)
        longjmp (session->fatal, 1);
      abort ();
    }
}

static void
on_po_error2 (int           severity,
              po_message_t  message1,
              const char   *filename1,
              size_t        lineno1,
              size_t        column1,
              int           multiline1,
              const char   *text1,
              po_message_t  message2,
              const char   *filename2,
              size_t        lineno2,
              size_t        column2,
              int           multiline2,
              const char   *text2)
{
  PoSession *session = po_session;

  if (severity >= PO_SEVERITY_ERROR && session != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", text1 ? text1 : "", text2 ? text2 : "");

      /* "nplurals = 3 … but some messages have only 2 plural forms" names no
       * message; our own check has already named each of them */
      if (!(session->counted_plural_forms && text2 != NULL && strstr (text2, "plural forms") != NULL))
        add_problem (session, guess_line (session, message2 ? message2 : message1,
                                          lineno2 != (size_t) -1 && lineno2 > 0 ? lineno2 : lineno1,
                                          text),
                     text);
    }
  if (severity == PO_SEVERITY_FATAL_ERROR)
    {
      if (session != NULL)
        longjmp (session->fatal, 1);
      abort ();
    }
}

static const struct po_xerror_handler po_handler = { on_po_error, on_po_error2 };

/* Reads @path with the lock held; %NULL when unreadable or after a fatal error. */
static po_file_t
po_read_locked (PoSession  *session,
                const char *path)
{
  po_file_t volatile file = NULL;

  po_session = session;
  if (setjmp (session->fatal) == 0)
    file = po_file_read (path, &po_handler);
  else
    file = NULL;
  po_session = NULL;
  return file;
}

static gboolean
po_check_locked (PoSession *session,
                 po_file_t  file)
{
  gboolean volatile ok = TRUE;

  po_session = session;
  if (setjmp (session->fatal) == 0)
    po_file_check_all (file, &po_handler);
  else
    ok = FALSE;
  po_session = NULL;
  return ok;
}

static gboolean
po_write_locked (PoSession  *session,
                 po_file_t   file,
                 const char *path)
{
  gboolean volatile ok = TRUE;

  po_session = session;
  if (setjmp (session->fatal) == 0)
    ok = po_file_write (file, path, &po_handler) != NULL;
  else
    ok = FALSE;
  po_session = NULL;
  return ok;
}

/* Reading where each entry of a .po file is */

/* The value of a C string literal starting at @p ('"'), appended to @out. */
static void
append_po_string (GString    *out,
                  const char *p)
{
  if (*p != '"')
    return;
  for (p++; *p && *p != '"'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'a': g_string_append_c (out, '\a'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'v': g_string_append_c (out, '\v'); break;
        case 'x':
          {
            guint value = 0;

            while (g_ascii_isxdigit (p[1]))
              value = value * 16 + g_ascii_xdigit_value (*++p);
            g_string_append_c (out, (char) value);
          }
          break;
        default:
          if (*p >= '0' && *p <= '7')
            {
              guint value = *p - '0';

              for (guint i = 0; i < 2 && p[1] >= '0' && p[1] <= '7'; i++)
                value = value * 8 + (*++p - '0');
              g_string_append_c (out, (char) value);
            }
          else
            g_string_append_c (out, *p);
          break;
        }
    }
}

static gboolean
string_is_closed (const char *line)
{
  const char *p = strchr (line, '"');

  if (p == NULL)
    return TRUE;
  for (p++; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        return TRUE;
    }
  return FALSE;
}

/* Whether the C string literal starting at @p ('"') writes a NUL: "\0",
 * "\000" or "\x00", which libgettextpo takes as the end of the text. */
static gboolean
string_has_nul (const char *p)
{
  if (*p != '"')
    return FALSE;
  for (p++; *p && *p != '"'; p++)
    {
      guint value = 1;

      if (*p != '\\' || p[1] == '\0')
        continue;
      p++;
      if (*p == 'x' && g_ascii_isxdigit (p[1]))
        {
          value = 0;
          while (g_ascii_isxdigit (p[1]))
            {
              p++;
              /* only whether it is zero matters: stop growing past a byte */
              value = MIN (value * 16 + (guint) g_ascii_xdigit_value (*p), 256);
            }
        }
      else if (*p >= '0' && *p <= '7')
        {
          value = *p - '0';
          for (guint i = 0; i < 2 && p[1] >= '0' && p[1] <= '7'; i++)
            value = value * 8 + (*++p - '0');
        }
      if (value == 0)
        return TRUE;
    }
  return FALSE;
}

/* A NUL in a string silently cuts it short where libgettextpo reads it,
 * so a translation would lose its end without a word: refused, by line. */
static void
check_nul (PoSession  *session,
           const char *data,
           gsize       len)
{
  const char *nul = memchr (data, '\0', len);
  guint line = 1;

  if (nul == NULL)
    return;
  for (const char *p = data; p < nul; p++)
    line += *p == '\n';
  add_problem (session, line,
               _("this line has a NUL character, which would cut its text short. Remove it: a catalog is text."));
}

/*
 * Finds the line of each msgctxt, of the header and of its Plural-Forms and
 * Language fields, so a problem with a message can name its line. Obsolete
 * entries (#~) are not looked at: they are never refused.
 */
static void
scan_po_lines (PoSession  *session,
               const char *data,
               gsize       len)
{
  g_autofree char *copy = g_strndup (data, len);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  g_autoptr(GString) context = NULL;
  guint context_line = 0;
  gboolean seen_entry = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      guint number = i + 1;

      while (*line == ' ' || *line == '\t')
        line++;

      if ((*line == '"' || g_str_has_prefix (line, "msg")) && !string_is_closed (line))
        g_hash_table_add (session->unterminated, GUINT_TO_POINTER (number));
      if ((*line == '"' || g_str_has_prefix (line, "msg")) && string_has_nul (strchr (line, '"') ? strchr (line, '"') : ""))
        add_problem (session, number,
                     _("this string writes a NUL character (\\0), which would cut its text short. Remove it."));

      if (context != NULL && *line == '"')
        {
          append_po_string (context, line);
          continue;
        }
      if (context != NULL)
        {
          if (!g_hash_table_contains (session->lines, context->str))
            g_hash_table_insert (session->lines, g_strdup (context->str), GUINT_TO_POINTER (context_line));
          g_string_free (g_steal_pointer (&context), TRUE);
        }

      if (g_str_has_prefix (line, "msgctxt"))
        {
          const char *quote = strchr (line, '"');

          context = g_string_new (NULL);
          context_line = number;
          if (quote != NULL)
            append_po_string (context, quote);
          seen_entry = TRUE;
        }
      else if (g_str_has_prefix (line, "msgid"))
        {
          if (!seen_entry && session->header_line == 0 && strncmp (line + 5, " \"\"", 3) == 0)
            session->header_line = number;
          seen_entry = TRUE;
        }
      else if (session->plural_forms_line == 0 && g_str_has_prefix (line, "\"Plural-Forms:"))
        session->plural_forms_line = number;
      else if (session->language_line == 0 && g_str_has_prefix (line, "\"Language:"))
        session->language_line = number;
    }

  if (context != NULL && !g_hash_table_contains (session->lines, context->str))
    g_hash_table_insert (session->lines, g_strdup (context->str), GUINT_TO_POINTER (context_line));

  if (session->plural_forms_line == 0)
    session->plural_forms_line = session->header_line;
  if (session->language_line == 0)
    session->language_line = session->header_line;
}

/* What a deck gives translators */

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

static void
describe_placeholders (GString          *comment,
                       CwDeck           *deck,
                       CwSlide          *slide,
                       const CwTemplate *template,
                       const char       *source,
                       const char       *source_plural)
{
  const char *language = cw_deck_get_language (deck);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) in_source = cw_text_list_placeholders (source);
  g_autoptr(GPtrArray) in_plural = cw_text_list_placeholders (source_plural);

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? in_source : in_plural;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          const char *name = g_ptr_array_index (list, i);
          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
        }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      CwStatistic *statistic = cw_deck_find_statistic (deck, name);
      g_autofree char *note = template ? cw_template_describe_placeholder (template, name, slide, language) : NULL;

      if (note != NULL)
        g_string_append (comment, note);
      else if (statistic != NULL)
        {
          g_autofree char *amount = cw_statistic_format_amount (statistic, language, FALSE);
          const char *label = cw_statistic_get_label (statistic);

          if (label != NULL)
            /* Translators: a note for translators: {id} is a figure; its name, then value and unit */
            g_string_append_printf (comment, _("{%s} shows a figure, “%s”: now %s."), name, label, amount);
          else
            g_string_append_printf (comment, _("{%s} shows a figure: now %s."), name, amount);
        }
      else
        {
          g_string_append_printf (comment, _("{%s} is filled in when the slide is shown."), name);
        }
      g_string_append_c (comment, '\n');
    }

  if (names->len > 0)
    g_string_append (comment,
                     _("Keep each {name} exactly as it is, braces included; you may move it within the sentence.\n"));
}

static CwTranslatable *
describe_field (CwDeck           *deck,
                CwSlide          *slide,
                guint             slide_number,
                const CwTemplate *template,
                const CwField    *field,
                const CwSourceText *text)
{
  CwTranslatable *t = g_new0 (CwTranslatable, 1);
  g_autoptr(GString) comment = g_string_new (NULL);
  const char *written = cw_slide_get_text (slide, field->name);

  t->kind = CW_TRANSLATABLE_FIELD;
  t->context = g_strdup (text->context);
  t->source = g_strdup (text->source);
  t->slide = g_strdup (cw_slide_get_id (slide));
  t->is_default = g_strcmp0 (written, text->source) != 0;
  t->line = t->is_default ? cw_slide_get_line (slide) : cw_slide_get_field_line (slide, field->name);
  if (field->plural)
    t->source_plural = g_strdup (text->source_plural ? text->source_plural : text->source);

  /* Translators: a note for translators: slide number, slide id, template, field, what the field is for */
  g_string_append_printf (comment, _("Slide %u “%s” (%s), %s: %s."), slide_number, cw_slide_get_id (slide),
                          _(template->label), _(field->label), _(field->hint));
  g_string_append_c (comment, '\n');
  if (t->is_default)
    {
      g_string_append (comment, _("This is the template’s own text; the slide does not change it."));
      g_string_append_c (comment, '\n');
    }
  if (field->max_chars > 0)
    {
      g_string_append_printf (comment,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Room for about %u character; a longer text is set smaller or wraps.",
                                           "Room for about %u characters; a longer text is set smaller or wraps.",
                                           field->max_chars),
                              field->max_chars);
      g_string_append_c (comment, '\n');
    }
  if (field->plural)
    {
      CwStatistic *count = field->count_field
                           ? cw_deck_find_statistic (deck, cw_slide_get_param (slide, field->count_field))
                           : NULL;

      if (count != NULL)
        {
          g_autofree char *value = cw_statistic_format (count, cw_deck_get_language (deck), FALSE);
          g_string_append_printf (comment,
                                  _("It follows the number %s ({%s}); give every plural form of your language, the number picks one."),
                                  value, cw_statistic_get_id (count));
        }
      else
        g_string_append (comment, _("It follows a number; give every plural form of your language, the number picks one."));
      g_string_append_c (comment, '\n');
    }
  describe_placeholders (comment, deck, slide, template, text->source, t->source_plural);

  g_strchomp (comment->str);
  t->comment = g_strdup (comment->str);
  return t;
}

static CwTranslatable *
describe_point_label (CwDeck             *deck,
                      CwStatistic        *statistic,
                      CwSlide            *slide,
                      guint               slide_number,
                      const CwSourceText *text)
{
  CwTranslatable *t = g_new0 (CwTranslatable, 1);
  const char *label = cw_statistic_get_label (statistic);

  t->kind = CW_TRANSLATABLE_POINT_LABEL;
  t->context = g_strdup (text->context);
  t->source = g_strdup (text->source);
  t->slide = g_strdup (cw_slide_get_id (slide));
  t->line = cw_slide_get_line (slide);
  /* Translators: a note for translators: the series' name, its id, slide number, slide id */
  t->comment = g_strdup_printf (_("A category or period of the series “%s” (statistic %s), charted on slide %u “%s”.\n"
                                  "It sits next to its bar or under its point: keep it short."),
                                label ? label : cw_statistic_get_id (statistic), cw_statistic_get_id (statistic),
                                slide_number, cw_slide_get_id (slide));
  return t;
}

static CwTranslatable *
describe_source_line (const CwSourceText *text)
{
  CwTranslatable *t = g_new0 (CwTranslatable, 1);

  t->kind = CW_TRANSLATABLE_SOURCE_LINE;
  t->context = g_strdup (text->context);
  t->source = g_strdup (text->source);
  t->comment = g_strdup (_("The line under every data slide that says where its figure comes from.\n"
                           "{source} is who published the figure (such as ANAMA); {date} is its date, "
                           "written the way your language writes dates (such as Oct 2024).\n"
                           "Keep {source} and {date} exactly as they are."));
  return t;
}

static int
field_index (const CwTemplate *template,
             const char       *name)
{
  int i = 0;

  for (const CwField *f = template->fields; f->name; f++, i++)
    {
      if (g_str_equal (f->name, name))
        return i;
    }
  return G_MAXINT;
}

typedef struct
{
  CwTranslatable *translatable;
  int             order;
  guint           seq;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/**
 * cw_deck_list_translatables:
 *
 * Lists every text of @deck that translators translate, in the order a
 * viewer meets them: slide by slide, each slide's fields in the order its
 * template declares them, the labels of the series it charts after them,
 * and the source line last. Texts a slide shows without setting them (the
 * template's defaults) are included; series labels without a letter
 * ("2021") are not, since they read the same in every language.
 *
 * Returns: (transfer full) (element-type CwTranslatable): the texts
 */
GPtrArray *
cw_deck_list_translatables (CwDeck *deck)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_translatable_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CwFormat) format = NULL;
  g_autoptr(CwRenderer) renderer = NULL;
  CwTranslatable *source_line = NULL;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  format = cw_format_lookup (cw_deck_get_format (deck), NULL);
  if (format == NULL)
    format = cw_format_lookup ("tiktok", NULL);
  /* laid out in its own language, every lookup is recorded and none is a translation */
  renderer = cw_renderer_new (deck, cw_deck_get_language (deck), format, cw_deck_get_fps (deck));

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);
      CwSlide *slide = cw_deck_get_slide (deck, i);
      const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
      g_autofree char *prefix = g_strconcat (cw_slide_get_id (slide), "/", NULL);
      g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

      for (guint j = 0; j < scene->source_texts->len; j++)
        {
          const CwSourceText *text = g_ptr_array_index (scene->source_texts, j);
          Ranked r = { NULL, G_MAXINT, j };
          const CwField *field = NULL;

          if (g_hash_table_contains (seen, text->context))
            continue;

          if (g_str_equal (text->context, "deck/source-line"))
            {
              source_line = describe_source_line (text);
              g_hash_table_add (seen, source_line->context);
              continue;
            }

          if (template != NULL && g_str_has_prefix (text->context, prefix))
            field = cw_template_find_field (template, text->context + strlen (prefix));

          if (field != NULL && cw_field_is_translatable (field))
            {
              r.translatable = describe_field (deck, slide, i + 1, template, field, text);
              r.order = field_index (template, field->name);
            }
          else
            {
              const char *slash = strchr (text->context, '/');
              g_autofree char *id = slash ? g_strndup (text->context, slash - text->context) : NULL;
              CwStatistic *statistic = id ? cw_deck_find_statistic (deck, id) : NULL;

              if (!has_letter (text->source))
                continue;
              if (statistic != NULL)
                r.translatable = describe_point_label (deck, statistic, slide, i + 1, text);
              else
                {
                  /* a template looked up a text of its own making */
                  r.translatable = g_new0 (CwTranslatable, 1);
                  r.translatable->kind = CW_TRANSLATABLE_FIELD;
                  r.translatable->context = g_strdup (text->context);
                  r.translatable->source = g_strdup (text->source);
                  r.translatable->source_plural = g_strdup (text->source_plural);
                  r.translatable->slide = g_strdup (cw_slide_get_id (slide));
                  r.translatable->line = cw_slide_get_line (slide);
                  r.translatable->comment = g_strdup_printf (_("Slide %u “%s”."), i + 1, cw_slide_get_id (slide));
                }
            }

          g_hash_table_add (seen, r.translatable->context);
          g_array_append_val (ranked, r);
        }

      g_array_sort (ranked, compare_ranked);
      for (guint j = 0; j < ranked->len; j++)
        g_ptr_array_add (result, g_array_index (ranked, Ranked, j).translatable);
    }

  if (source_line != NULL)
    g_ptr_array_add (result, source_line);

  return g_steal_pointer (&result);
}

/**
 * cw_deck_get_text_role:
 * @context: (nullable): the context a translation is looked up by (see
 *   #CwTranslatable)
 *
 * What the text translated under @context is on its slide, for the length
 * its translations may have. A context the deck does not show (a text of
 * a template's own, a translation kept for a text that is gone) gets the
 * most room any text has.
 *
 * Returns: the role
 */
CwTextRole
cw_deck_get_text_role (CwDeck     *deck,
                       const char *context)
{
  const char *slash;
  g_autofree char *id = NULL;
  CwSlide *slide;

  g_return_val_if_fail (CW_IS_DECK (deck), CW_TEXT_ROLE_BODY);

  if (context == NULL || (slash = strchr (context, '/')) == NULL)
    return CW_TEXT_ROLE_BODY;
  if (g_str_equal (context, "deck/source-line"))
    return CW_TEXT_ROLE_SOURCE;

  id = g_strndup (context, slash - context);
  slide = cw_deck_find_slide (deck, id);
  if (slide != NULL)
    {
      const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
      const CwField *field = template ? cw_template_find_field (template, slash + 1) : NULL;

      if (field != NULL && cw_field_is_translatable (field))
        return field->text_role;
    }
  if (cw_deck_find_statistic (deck, id) != NULL)
    return CW_TEXT_ROLE_LABEL;
  return CW_TEXT_ROLE_BODY;
}

/* Writing catalogs */

static char *
one_line (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  return g_strstrip (g_strdelimit (copy, "\r\n", ' '));
}

static char *
make_header (CwDeck     *deck,
             const char *language,
             const char *plural_forms)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M%z");
  g_autofree char *title = one_line (cw_deck_get_title (deck));
  GString *header = g_string_new (NULL);

  g_string_append_printf (header, "Project-Id-Version: %s\n", title);
  g_string_append (header, "Report-Msgid-Bugs-To: \n");
  g_string_append_printf (header, "POT-Creation-Date: %s\n", date);
  if (language == NULL)
    {
      g_string_append (header, "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n");
      g_string_append (header, "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n");
      g_string_append (header, "Language-Team: LANGUAGE <LL@li.org>\n");
      g_string_append (header, "Language: \n");
    }
  else
    {
      g_string_append_printf (header, "PO-Revision-Date: %s\n", date);
      g_string_append (header, "Last-Translator: \n");
      g_string_append (header, "Language-Team: \n");
      g_string_append_printf (header, "Language: %s\n", language);
    }
  g_string_append (header, "MIME-Version: 1.0\n");
  g_string_append (header, "Content-Type: text/plain; charset=UTF-8\n");
  g_string_append (header, "Content-Transfer-Encoding: 8bit\n");
  g_string_append_printf (header, "Plural-Forms: %s\n",
                          plural_forms ? plural_forms : "nplurals=INTEGER; plural=EXPRESSION;");
  g_string_append_printf (header, "X-Generator: Clearway %s\n", PACKAGE_VERSION);
  return g_string_free (header, FALSE);
}

static void
set_forms (po_message_t        message,
           gboolean            plural,
           guint               n_forms,
           const char * const *forms)
{
  guint n_given = forms ? g_strv_length ((char **) forms) : 0;

  if (!plural)
    {
      po_message_set_msgstr (message, n_given > 0 ? forms[0] : "");
      return;
    }
  /* a singular translation of a text that now follows a number starts every form */
  for (guint i = 0; i < n_forms; i++)
    po_message_set_msgstr_plural (message, i, i < n_given ? forms[i] : n_given == 1 ? forms[0] : "");
}

static po_message_t
new_message (const char *context,
             const char *msgid,
             const char *msgid_plural)
{
  po_message_t message = po_message_create ();

  po_message_set_msgctxt (message, context);
  po_message_set_msgid (message, msgid);
  if (msgid_plural != NULL)
    po_message_set_msgid_plural (message, msgid_plural);
  return message;
}

/**
 * cw_deck_export_po:
 * @language: (nullable): a language of the deck's translations, or %NULL
 *   for the template (.pot) of every text
 *
 * Writes the texts of @deck as a gettext catalog. With a @language, the
 * deck's translations are merged against its current texts the way
 * msgmerge does: a translation of an unchanged text is kept; one of a text
 * that has changed is kept but marked fuzzy, with the text it was made from
 * as the previous msgid (#| msgid); new texts come empty; translations of
 * texts the deck no longer has are written as obsolete (#~).
 *
 * Returns: (transfer full): the .pot or .po file, or %NULL with @error set
 */
GBytes *
cw_deck_export_po (CwDeck      *deck,
                   const char  *language,
                   GError     **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GHashTable) current = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *header = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  CwCatalog *catalog = NULL;
  const char *plural_forms = NULL;
  guint n_forms = 2;
  po_file_t file;
  po_message_iterator_t iterator;
  po_message_t message;
  PoSession session;
  gboolean ok;
  gsize len;
  int fd;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  if (language != NULL)
    {
      if (!cw_language_code_is_valid (language))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("“%s” is not a language code; use a code such as az, ru or pt-BR."), language);
          return NULL;
        }
      if (g_str_equal (language, cw_deck_get_language (deck)))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_NO_LANGUAGE,
                       _("The deck is written in “%s”, so it has no translation into it. Leave out the language to write the template (.pot) that translations start from."),
                       language);
          return NULL;
        }
      catalog = cw_deck_get_catalog (deck, language);
      plural_forms = catalog ? cw_catalog_get_plural_forms (catalog) : NULL;
      if (plural_forms == NULL)
        plural_forms = cw_plural_forms_for_language (language);
    }
  else
    {
      /* The template describes its msgid and msgid_plural: the rule of the
       * deck's own language, a valid one so that msgfmt --check accepts the
       * file; msginit and translation tools put the target language's in. */
      plural_forms = cw_plural_forms_for_language (cw_deck_get_language (deck));
      if (plural_forms == NULL)
        plural_forms = "nplurals=2; plural=(n != 1);";
    }
  if (plural_forms != NULL)
    {
      g_autoptr(CwPluralRule) rule = cw_plural_rule_parse (plural_forms, NULL);
      n_forms = rule ? cw_plural_rule_get_n_forms (rule) : 2;
    }

  if (cw_deck_get_file (deck) != NULL)
    reference = g_file_get_basename (cw_deck_get_file (deck));

  texts = cw_deck_list_translatables (deck);
  header = make_header (deck, language, plural_forms);

  g_mutex_lock (&po_lock);

  file = po_file_create ();
  iterator = po_message_iterator (file, NULL);

  message = new_message (NULL, "", NULL);
  po_message_set_msgstr (message, header);
  if (language == NULL)
    po_message_set_fuzzy (message, TRUE);
  po_message_insert (iterator, message);

  for (guint i = 0; i < texts->len; i++)
    {
      const CwTranslatable *t = g_ptr_array_index (texts, i);
      const CwMessage *old = catalog ? cw_catalog_find (catalog, t->context) : NULL;
      gboolean plural = t->source_plural != NULL;

      g_hash_table_add (current, t->context);
      message = new_message (t->context, t->source, t->source_plural);
      po_message_set_extracted_comments (message, t->comment);
      if (reference != NULL)
        po_message_add_filepos (message, reference, t->line > 0 ? t->line : (size_t) -1);

      if (old == NULL)
        set_forms (message, plural, n_forms, NULL);
      else
        {
          gboolean changed = g_strcmp0 (old->source, t->source) != 0 ||
                             (plural && g_strcmp0 (old->source_plural, t->source_plural) != 0);

          set_forms (message, plural, n_forms, (const char * const *) old->forms);
          if (old->fuzzy || changed)
            po_message_set_fuzzy (message, TRUE);
          if (changed)
            {
              po_message_set_prev_msgid (message, old->source);
              if (old->source_plural != NULL)
                po_message_set_prev_msgid_plural (message, old->source_plural);
            }
        }
      po_message_insert (iterator, message);
    }

  /* translations of texts that are gone, kept for when they come back */
  for (guint i = 0; catalog != NULL && i < cw_catalog_get_n_messages (catalog); i++)
    {
      const CwMessage *old = cw_catalog_get_message (catalog, i);

      if (g_hash_table_contains (current, old->context))
        continue;
      message = new_message (old->context, old->source, old->source_plural);
      set_forms (message, old->source_plural != NULL, n_forms, (const char * const *) old->forms);
      if (old->fuzzy)
        po_message_set_fuzzy (message, TRUE);
      po_message_set_obsolete (message, TRUE);
      po_message_insert (iterator, message);
    }

  po_message_iterator_free (iterator);

  /* libgettextpo writes to a file name; a private temporary file it is */
  po_session_init (&session, "catalog");
  fd = g_file_open_tmp ("clearway-XXXXXX.po", &tmp_path, &local_error);
  if (fd >= 0)
    {
      g_close (fd, NULL);
      ok = po_write_locked (&session, file, tmp_path);
    }
  else
    ok = FALSE;
  po_file_free (file);

  g_mutex_unlock (&po_lock);

  if (ok && !g_file_get_contents (tmp_path, &contents, &len, &local_error))
    ok = FALSE;
  if (tmp_path != NULL)
    g_unlink (tmp_path);

  if (!ok)
    {
      g_autofree char *problem = session.problems->len > 0 ? cw_diagnostic_to_string (g_ptr_array_index (session.problems, 0))
                                                           : NULL;
      const char *reason = local_error ? local_error->message : problem ? problem : "?";

      g_set_error (error, CW_ERROR, CW_ERROR_WRITE,
                   _("The catalog could not be written: %s. Check that the temporary folder has room."), reason);
      po_session_clear (&session);
      return NULL;
    }

  po_session_clear (&session);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* Reading catalogs */

/* What one catalog translates, for the note that reports it. */
typedef struct
{
  guint translated;
  /* marked fuzzy, or made from a source text that has changed since */
  guint fuzzy;
  guint untranslated;
  /* translations of texts the deck no longer has; not imported */
  guint obsolete;
} Counts;

typedef struct
{
  char      *path;
  char      *display;
  char      *language;
  guint      line;
  CwCatalog *catalog;
  Counts     counts;
} Import;

static void
import_free (Import *import)
{
  g_free (import->path);
  g_free (import->display);
  g_free (import->language);
  g_clear_object (&import->catalog);
  g_free (import);
}

/* A note on the catalog's Language line: what it translates, and what is
 * left to do when the translation is not complete. */
static CwDiagnostic *
import_report (const Import *import)
{
  const Counts *c = &import->counts;
  g_autofree char *name = cw_language_get_name (import->language, NULL);
  g_autofree char *message = NULL;
  CwDiagnostic *report;

  /* Translators: a language name and its code, then the translated, to review, untranslated and obsolete counts */
  message = g_strdup_printf (_("%s (%s): %u translated, %u to review, %u untranslated, %u no longer in the deck."),
                             name, import->language, c->translated, c->fuzzy, c->untranslated, c->obsolete);
  report = cw_diagnostic_new (CW_SEVERITY_NOTE, 0, import->display, import->line, message);
  report->language = g_strdup (import->language);
  if (c->fuzzy > 0 || c->untranslated > 0)
    report->hint = g_strdup (_("Ask the translator to translate and review the rest; until then those texts are shown in the deck’s language."));
  return report;
}

/* A deck keeps its texts without space around them (the loader strips
 * it), so a translation is kept the same way: as it reads after a reopen. */
static void
add_form (GStrvBuilder *builder,
          const char   *form)
{
  g_autofree char *stripped = g_strstrip (g_strdup (form));

  g_strv_builder_add (builder, stripped);
}

static GStrv
message_forms (po_message_t message)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (po_message_msgid_plural (message) == NULL)
    add_form (builder, po_message_msgstr (message));
  else
    {
      /* more forms than a language has are refused by the count check */
      for (int i = 0; i < 64; i++)
        {
          const char *form = po_message_msgstr_plural (message, i);
          if (form == NULL)
            break;
          add_form (builder, form);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
forms_complete (const char * const *forms)
{
  if (forms == NULL || forms[0] == NULL)
    return FALSE;
  for (guint i = 0; forms[i]; i++)
    {
      if (*forms[i] == '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
forms_empty (const char * const *forms)
{
  for (guint i = 0; forms != NULL && forms[i]; i++)
    {
      if (*forms[i] != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
charset_is_utf8 (const char *header)
{
  g_autofree char *content_type = po_header_field (header, "Content-Type");
  const char *charset;

  if (content_type == NULL)
    return TRUE;
  charset = strstr (content_type, "charset=");
  if (charset == NULL)
    return TRUE;
  charset += strlen ("charset=");
  return g_ascii_strncasecmp (charset, "UTF-8", 5) == 0 || g_ascii_strncasecmp (charset, "ASCII", 5) == 0 ||
         g_ascii_strncasecmp (charset, "US-ASCII", 8) == 0 || g_ascii_strncasecmp (charset, "CHARSET", 7) == 0;
}

static char *
header_field (const char *header,
              const char *name)
{
  char *raw = po_header_field (header, name);
  char *value;

  if (raw == NULL)
    return NULL;
  /* quoted in messages even when the catalog is not UTF-8, which is a
   * problem of its own (charset_is_utf8()) */
  value = g_strstrip (g_utf8_make_valid (raw, -1));
  free (raw);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* The bytes of a catalog, within the size a catalog may have: a pipe or a
 * device is read as far as that and no further. */
static GBytes *
read_catalog_bytes (PoSession  *session,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = cw_file_load_bounded (file, CW_PO_MAX_BYTES, NULL, &error);
  if (bytes != NULL)
    return bytes;

  if (g_error_matches (error, CW_ERROR, CW_ERROR_TOO_LARGE))
    {
      g_autofree char *limit = g_format_size_full (CW_PO_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);
      add_problemf (session, 0, _("the file is larger than a catalog may be (%s). Check that this is the right file."),
                    limit);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    add_problem (session, 0, _("this is not a file. Name a .po file."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    add_problemf (session, 0, _("the file cannot be read: %s. Check its name and folder."), g_strerror (ENOENT));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    add_problemf (session, 0, _("the file cannot be read: %s. Check its name and folder."), g_strerror (EACCES));
  else
    add_problemf (session, 0, _("the file cannot be read: %s."), error->message);
  return NULL;
}

/* libgettextpo reads only from a file name, and reading a pipe twice is
 * not possible: it gets a private copy of exactly the bytes checked here. */
static char *
write_private_copy (PoSession *session,
                    GBytes    *bytes)
{
  g_autoptr(GError) error = NULL;
  char *tmp_path = NULL;
  int fd;

  fd = g_file_open_tmp ("clearway-XXXXXX.po", &tmp_path, &error);
  if (fd < 0)
    {
      add_problemf (session, 0, _("the catalog could not be copied for reading: %s. Check that the temporary folder has room."),
                    error->message);
      return NULL;
    }
  g_close (fd, NULL);
  /* written in place, so the copy stays as private as g_file_open_tmp() made it */
  if (!g_file_set_contents_full (tmp_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    {
      add_problemf (session, 0, _("the catalog could not be copied for reading: %s. Check that the temporary folder has room."),
                    error->message);
      g_unlink (tmp_path);
      g_free (tmp_path);
      return NULL;
    }
  return tmp_path;
}

typedef struct
{
  char         *language;
  char         *plural_forms;
  CwPluralRule *rule;
  gboolean      has_plural;
  /* msgctxt → po_message_t, and the messages of texts the deck does not have */
  GHashTable   *found;
  GPtrArray    *extra;
} Reading;

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->language, g_free);
  g_clear_pointer (&reading->plural_forms, g_free);
  g_clear_pointer (&reading->rule, cw_plural_rule_unref);
  g_clear_pointer (&reading->found, g_hash_table_unref);
  g_clear_pointer (&reading->extra, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

/* The header: its language, its charset, its Plural-Forms. */
static void
check_header (PoSession  *session,
              CwDeck     *deck,
              const char *header,
              Reading    *reading)
{
  if (header == NULL)
    {
      add_problem (session, 1,
                   _("the catalog has no header. Start it with an entry msgid \"\" whose msgstr gives “Language: ” and the language’s code."));
      return;
    }

  reading->language = header_field (header, "Language");
  reading->plural_forms = header_field (header, "Plural-Forms");

  if (!charset_is_utf8 (header))
    add_problem (session, session->header_line,
                 _("the catalog is not in UTF-8. Save it as UTF-8 and set “charset=UTF-8” in its Content-Type."));

  if (reading->language == NULL)
    add_problem (session, session->language_line,
                 _("the header does not say which language the catalog is in. Add a line “Language: az” to it, with the code of the language."));
  else
    {
      /* gettext writes pt_BR, decks write pt-BR */
      g_strdelimit (reading->language, "_", '-');
      if (!cw_language_code_is_valid (reading->language))
        add_problemf (session, session->language_line,
                      _("“%s” is not a language code Clearway knows how to use. Write a code such as az, ru or pt_BR after “Language:”."),
                      reading->language);
      else if (g_str_equal (reading->language, cw_deck_get_language (deck)))
        add_problemf (session, session->language_line,
                      _("the catalog is in “%s”, the language the deck is written in. Translate into another language, and say which after “Language:”."),
                      reading->language);
    }

  /* msginit's placeholder "nplurals=INTEGER" means no rule yet */
  if (reading->plural_forms != NULL && strstr (reading->plural_forms, "INTEGER") == NULL)
    {
      g_autoptr(GError) error = NULL;

      reading->rule = cw_plural_rule_parse (reading->plural_forms, &error);
      if (reading->rule == NULL)
        {
          add_problem (session, session->plural_forms_line, error->message);
          session->bad_plural_forms = TRUE;
        }
    }
}

static void
add_message_problem (const char *problem,
                     gpointer    user_data)
{
  PoSession *session = user_data;

  add_problem (session, session->current_line, problem);
}

/* One entry: what a translation must be wherever it comes from (cw_message_check()). */
static void
check_message (PoSession    *session,
               CwDeck       *deck,
               po_message_t  message,
               Reading      *reading)
{
  const char *context = po_message_msgctxt (message);
  const char *msgid_plural = po_message_msgid_plural (message);
  g_auto(GStrv) forms = message_forms (message);
  CwMessage m = { (char *) context, (char *) po_message_msgid (message), (char *) msgid_plural,
                  forms, po_message_is_fuzzy (message), 0 };

  if (msgid_plural != NULL)
    {
      reading->has_plural = TRUE;
      /* our check names each message with too few forms; msgfmt's does not */
      if (reading->rule != NULL && g_strv_length (forms) != cw_plural_rule_get_n_forms (reading->rule))
        session->counted_plural_forms = TRUE;
    }

  session->current_line = line_of_message (session, message);
  cw_message_check (&m, reading->rule, cw_deck_get_text_role (deck, context), CW_CATALOG_SYNTAX_PO,
                    add_message_problem, session);
}

/* The catalog as the deck will hold it, and what it translates. */
static Import *
build_import (PoSession *session,
              po_file_t  file,
              GPtrArray *texts,
              Reading   *reading)
{
  Import *import = g_new0 (Import, 1);
  const char *plural_forms = reading->rule ? reading->plural_forms
                                           : cw_plural_forms_for_language (reading->language);
  po_message_iterator_t iterator;
  po_message_t message;

  import->language = g_strdup (reading->language);
  import->catalog = cw_catalog_new (reading->language);
  import->display = g_strdup (session->display);
  import->line = session->language_line;
  if (plural_forms != NULL)
    cw_catalog_set_plural_forms (import->catalog, plural_forms, NULL);

  /* deck order first, so the saved deck does not depend on the catalog's order */
  for (guint i = 0; i < texts->len + reading->extra->len; i++)
    {
      const CwTranslatable *t = i < texts->len ? g_ptr_array_index (texts, i) : NULL;
      g_auto(GStrv) forms = NULL;
      const char *msgid_plural;
      gboolean fuzzy, current;

      message = t ? g_hash_table_lookup (reading->found, t->context)
                  : g_ptr_array_index (reading->extra, i - texts->len);
      if (message == NULL)
        {
          import->counts.untranslated++;
          continue;
        }

      forms = message_forms (message);
      msgid_plural = po_message_msgid_plural (message);
      fuzzy = po_message_is_fuzzy (message);
      current = t != NULL && g_str_equal (po_message_msgid (message), t->source) &&
                (t->source_plural == NULL || g_strcmp0 (msgid_plural, t->source_plural) == 0);

      if (t == NULL)
        import->counts.obsolete++;
      else if (forms_empty ((const char * const *) forms))
        import->counts.untranslated++;
      else if (fuzzy || !current)
        import->counts.fuzzy++;
      else if (!forms_complete ((const char * const *) forms))
        import->counts.untranslated++;
      else
        import->counts.translated++;

      /* what the deck does not show is counted, not kept: the catalog file still has it */
      if (t != NULL && !forms_empty ((const char * const *) forms))
        cw_catalog_add (import->catalog, po_message_msgctxt (message), po_message_msgid (message),
                        msgid_plural, (const char * const *) forms, fuzzy, 0);
    }

  /* obsolete entries (#~), and entries without a context, count but are not imported */
  iterator = po_message_iterator (file, NULL);
  while ((message = po_next_message (iterator)) != NULL)
    {
      if (po_message_is_obsolete (message) ||
          (po_message_msgctxt (message) == NULL && *po_message_msgid (message) != '\0'))
        import->counts.obsolete++;
    }
  po_message_iterator_free (iterator);

  return import;
}

/*
 * Reads and checks one catalog, building what it would import. Problems
 * go to @session; the caller imports nothing when there are any.
 */
static Import *
read_catalog (CwDeck     *deck,
              GHashTable *by_context,
              GPtrArray  *texts,
              const char *path,
              PoSession  *session)
{
  g_auto(Reading) reading = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *header = NULL;
  Import *import = NULL;
  po_file_t file;
  po_message_iterator_t iterator;
  po_message_t message;

  bytes = read_catalog_bytes (session, path);
  if (bytes == NULL)
    return NULL;
  check_nul (session, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  scan_po_lines (session, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  copy = write_private_copy (session, bytes);
  if (copy == NULL)
    return NULL;

  g_mutex_lock (&po_lock);

  file = po_read_locked (session, copy);
  g_unlink (copy);
  if (file == NULL)
    {
      g_mutex_unlock (&po_lock);
      if (session->problems->len == 0)
        add_problem (session, 0, _("the file cannot be read as a gettext catalog. Check that it is a .po file."));
      return NULL;
    }

  /* declared const, but a copy the caller frees (xstrdup in every libgettextpo) */
  header = (char *) po_file_domain_header (file, NULL);
  check_header (session, deck, header, &reading);

  reading.found = g_hash_table_new (g_str_hash, g_str_equal);
  reading.extra = g_ptr_array_new ();
  iterator = po_message_iterator (file, NULL);
  while ((message = po_next_message (iterator)) != NULL)
    {
      const char *context = po_message_msgctxt (message);

      if ((context == NULL && *po_message_msgid (message) == '\0') || po_message_is_obsolete (message))
        continue;
      check_message (session, deck, message, &reading);
      if (context == NULL)
        continue;
      g_hash_table_insert (reading.found, (gpointer) context, message);
      if (!g_hash_table_contains (by_context, context))
        g_ptr_array_add (reading.extra, message);
    }
  po_message_iterator_free (iterator);

  if (reading.has_plural && reading.rule == NULL && header != NULL && session->n_problems == 0)
    {
      const char *suggested = cw_plural_forms_for_language (reading.language);

      if (suggested != NULL)
        add_problemf (session, session->plural_forms_line,
                      _("the catalog has texts with plural forms but no Plural-Forms header. Add “Plural-Forms: %s”."),
                      suggested);
      else
        add_problem (session, session->plural_forms_line,
                     _("the catalog has texts with plural forms but no Plural-Forms header. Add the one your translation tool suggests for the language."));
    }

  /* msgfmt's own checks (the plural expression against nplurals, line ends…) */
  if (!po_check_locked (session, file))
    add_problem (session, session->header_line, _("the catalog could not be checked."));

  if (session->n_problems == 0)
    {
      import = build_import (session, file, texts, &reading);
      import->path = g_strdup (path);
    }

  po_file_free (file);
  g_mutex_unlock (&po_lock);

  return import;
}

/**
 * cw_deck_import_po:
 * @files: (array zero-terminated=1): paths of .po files; messages name
 *   them as given
 * @diagnostics: (out) (optional) (transfer full) (element-type CwDiagnostic):
 *   when the catalogs were imported, a note for each on what it translates
 *   (its file, the line of its Language header, its language); when they
 *   were not, an error for each problem, with its file and line
 *
 * Replaces the translations of @deck into each catalog's language (from
 * its Language header) with the catalog's. Every file is read and checked
 * before anything changes: a syntax error, an unusable Plural-Forms, a
 * plural text with the wrong number of forms, or a translation that drops
 * or invents a {placeholder} refuses the whole import, naming the file and
 * line of each problem. Fuzzy translations are kept, marked, and not used.
 *
 * Returns: %TRUE when the catalogs were imported
 */
gboolean
cw_deck_import_po (CwDeck              *deck,
                   const char * const  *files,
                   GPtrArray          **diagnostics,
                   GError             **error)
{
  g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) import_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GHashTable) by_context = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_problems = 0;

  g_return_val_if_fail (CW_IS_DECK (deck), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (diagnostics != NULL)
    *diagnostics = NULL;

  texts = cw_deck_list_translatables (deck);
  for (guint i = 0; i < texts->len; i++)
    {
      CwTranslatable *t = g_ptr_array_index (texts, i);
      g_hash_table_insert (by_context, t->context, t);
    }

  for (guint i = 0; files[i]; i++)
    {
      PoSession session;
      Import *import;

      po_session_init (&session, files[i]);
      import = read_catalog (deck, by_context, texts, files[i], &session);

      for (guint j = 0; import != NULL && j < imports->len; j++)
        {
          Import *other = g_ptr_array_index (imports, j);
          if (g_str_equal (other->language, import->language))
            {
              add_problemf (&session, session.language_line,
                            _("this catalog is in “%s”, like %s. Import one catalog a language."),
                            import->language, other->path);
              g_clear_pointer (&import, import_free);
            }
        }

      n_problems += session.n_problems;
      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&session.problems));
      if (import != NULL)
        g_ptr_array_add (imports, import);
      po_session_clear (&session);
    }

  if (n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len && i < MAX_PROBLEMS; i++)
        {
          g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (problems, i));
          g_string_append_printf (message, "%s\n", line);
        }
      if (n_problems > MIN (problems->len, MAX_PROBLEMS))
        g_string_append_printf (message,
                                g_dngettext (GETTEXT_PACKAGE, "…and %u more problem.\n",
                                             "…and %u more problems.\n",
                                             n_problems - MIN (problems->len, MAX_PROBLEMS)),
                                n_problems - MIN (problems->len, MAX_PROBLEMS));
      g_string_append (message, _("Nothing was imported. Correct the catalogs and import them again."));
      g_set_error_literal (error, CW_ERROR, CW_ERROR_CATALOG, message->str);
      if (diagnostics != NULL)
        *diagnostics = g_steal_pointer (&problems);
      return FALSE;
    }

  for (guint i = 0; i < imports->len; i++)
    {
      Import *import = g_ptr_array_index (imports, i);
      cw_deck_add_catalog (deck, import->catalog);
    }

  if (diagnostics != NULL)
    {
      *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
      for (guint i = 0; i < imports->len; i++)
        g_ptr_array_add (*diagnostics, import_report (g_ptr_array_index (imports, i)));
    }

  return TRUE;
}

/**
 * cw_translatable_get_state:
 * @catalog: (nullable): the translations to look in
 *
 * Returns: whether @catalog translates @translatable usably, has a
 *   translation to review (marked fuzzy, or made from a source text that has
 *   changed since), or has none (or leaves a plural form empty)
 */
CwTranslationState
cw_translatable_get_state (const CwTranslatable *translatable,
                           CwCatalog            *catalog)
{
  const CwMessage *m = catalog ? cw_catalog_find (catalog, translatable->context) : NULL;

  if (m == NULL)
    return CW_TRANSLATION_MISSING;
  for (guint f = 0; m->forms[f]; f++)
    if (m->forms[f][0] == '\0')
      return CW_TRANSLATION_MISSING;
  if (m->fuzzy || g_strcmp0 (m->source, translatable->source) != 0)
    return CW_TRANSLATION_REVIEW;
  return CW_TRANSLATION_DONE;
}

/**
 * cw_translatables_count:
 * @texts: (element-type CwTranslatable): from cw_deck_list_translatables()
 * @catalog: (nullable): the translations to count
 * @translated: (out) (optional): texts with a usable translation
 * @review: (out) (optional): texts whose translation is marked fuzzy or was
 *   made from a source text that has changed since; they are not shown
 *
 * Counts without laying the deck out again, for callers that keep the list.
 *
 * Returns: the number of texts in all
 */
guint
cw_translatables_count (GPtrArray  *texts,
                        CwCatalog  *catalog,
                        guint      *translated,
                        guint      *review)
{
  guint done = 0, stale = 0;

  g_return_val_if_fail (texts != NULL, 0);

  for (guint i = 0; i < texts->len; i++)
    {
      switch (cw_translatable_get_state (g_ptr_array_index (texts, i), catalog))
        {
        case CW_TRANSLATION_DONE:
          done++;
          break;
        case CW_TRANSLATION_REVIEW:
          stale++;
          break;
        case CW_TRANSLATION_MISSING:
        default:
          break;
        }
    }
  if (translated != NULL)
    *translated = done;
  if (review != NULL)
    *review = stale;
  return texts->len;
}

/**
 * cw_deck_count_translations:
 * @language: a language of the deck's catalogs
 * @translated: (out) (optional): texts with a usable translation
 * @review: (out) (optional): texts to review, see cw_translatables_count()
 *
 * How far the deck is translated into @language, counted over the texts
 * cw_deck_list_translatables() lists: what `info` and the editor show.
 * It lays the deck out; see cw_translatables_count() to avoid that.
 *
 * Returns: the number of texts in all
 */
guint
cw_deck_count_translations (CwDeck     *deck,
                            const char *language,
                            guint      *translated,
                            guint      *review)
{
  g_autoptr(GPtrArray) texts = NULL;

  g_return_val_if_fail (CW_IS_DECK (deck), 0);
  g_return_val_if_fail (language != NULL, 0);

  texts = cw_deck_list_translatables (deck);
  return cw_translatables_count (texts, cw_deck_get_catalog (deck, language), translated, review);
}
