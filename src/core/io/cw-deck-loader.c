/* cw-deck-loader.c: reading .clearway files, which may come from anyone
 *
 * A deck file is untrusted input. The bytes are read by us (never by
 * libxml2, which would follow URLs and unpack gzip on its own), capped in
 * size, and parsed without DTDs, entity substitution, network or XInclude.
 * A document with a DOCTYPE is refused outright: nothing a deck needs can
 * be in one, and entities are how XML files read other files or explode in
 * memory. Every problem is reported with the file and the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-core.h"
#include "cw-deck-loader.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-fonts.h"
#include "cw-format.h"
#include "cw-po.h"
#include "cw-template.h"
#include "cw-text.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)
#define MAX_MESSAGES 8
#define SAMPLE_RESOURCE "/io/github/clearway/Clearway/samples/karabakh.clearway"

typedef struct
{
  const char *name;
  GFile      *base_dir;
  GPtrArray  *errors;
  CwDeck     *deck;
  GHashTable *statistic_lines;
  GHashTable *slide_lines;
} Loader;

static void loader_error (Loader     *loader,
                          guint       line,
                          int         code,
                          const char *format,
                          ...) G_GNUC_PRINTF (4, 5);

static void
loader_error (Loader     *loader,
              guint       line,
              int         code,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (loader->errors,
                   cw_diagnostic_new (CW_SEVERITY_ERROR, code, loader->name, line, message));
}

static guint
line_of (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  g_autoptr(CwXmlChar) value = xmlGetNoNsProp (node, (const xmlChar *) name);

  return value ? g_strdup ((const char *) value) : NULL;
}

/* The text inside an element, trimmed: indentation is not content. */
static char *
get_text (xmlNode *node)
{
  g_autoptr(CwXmlChar) content = xmlNodeGetContent (node);

  return g_strstrip (g_strdup (content ? (const char *) content : ""));
}

static gboolean
parse_decimal (const char *str,
               double     *value)
{
  char *end = NULL;
  double v;

  if (str == NULL || *str == '\0')
    return FALSE;
  v = g_ascii_strtod (str, &end);
  if (end == str || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
parse_seconds (Loader     *loader,
               xmlNode    *node,
               const char *attr,
               double     *value)
{
  g_autofree char *str = get_attr (node, attr);

  if (str == NULL)
    return FALSE;
  if (!parse_decimal (str, value) || *value < 0 || *value > 600)
    {
      loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                    _("%s=\"%s\" is not a number of seconds; write it like 2.5 (from 0 to 600)."),
                    attr, str);
      return FALSE;
    }
  return TRUE;
}

/* A text longer than its role allows (cw_text_check_length()); @name says which. */
static gboolean
check_length (Loader     *loader,
              guint       line,
              const char *text,
              CwTextRole  role,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  if (cw_text_check_length (text, role, name, &error))
    return TRUE;
  loader_error (loader, line, error->code, "%s", error->message);
  return FALSE;
}

/* libxml2 errors, gathered per parser context (ctxt->_private) */

typedef struct
{
  GPtrArray  *messages;
  const char *name;
  /* where the parser met a DOCTYPE, if it did */
  guint       doctype_line;
} XmlErrors;

static void
on_xml_error (void        *data,
              xmlErrorPtr  error)
{
  XmlErrors *errors = data;
  g_autofree char *message = NULL;

  if (error->level < XML_ERR_ERROR || errors->messages->len >= MAX_MESSAGES)
    return;

  /* libxml2 quotes the file's own bytes, which need not be UTF-8 */
  message = g_strstrip (g_utf8_make_valid (error->message ? error->message : "?", -1));
  g_ptr_array_add (errors->messages,
                   cw_diagnostic_new (CW_SEVERITY_ERROR, error->code, errors->name,
                                      MAX (error->line, 0), message));
}

static void
on_parser_error (void        *data,
                 xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = data;

  on_xml_error (ctxt->_private, error);
}

/* Notes where a DOCTYPE is, in whatever encoding the file is in, and stops
 * the parser right there, before one declaration inside it is read. */
static void
on_internal_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = data;
  XmlErrors *errors = ctxt->_private;

  errors->doctype_line = ctxt->input != NULL && ctxt->input->line > 0 ? (guint) ctxt->input->line : 1;
  xmlStopParser (ctxt);
}

static guint
find_line (const char *data,
           gsize       len,
           const char *needle)
{
  const char *found = g_strstr_len (data, len, needle);
  guint line = 1;

  if (found == NULL)
    return 0;
  for (const char *p = data; p < found; p++)
    {
      if (*p == '\n')
        line++;
    }
  return line;
}

static void
set_error_from_diagnostics (GError    **error,
                            GPtrArray  *diagnostics,
                            const char *intro)
{
  g_autoptr(GString) message = g_string_new (NULL);
  const CwDiagnostic *first = g_ptr_array_index (diagnostics, 0);

  for (guint i = 0; i < diagnostics->len && i < MAX_MESSAGES; i++)
    {
      g_autofree char *line = cw_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, line);
      if (i == 0 && intro != NULL)
        {
          g_string_append_c (message, ' ');
          g_string_append (message, intro);
        }
    }
  if (diagnostics->len > MAX_MESSAGES)
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE, "\n…and %u more problem",
                                         "\n…and %u more problems",
                                         diagnostics->len - MAX_MESSAGES),
                            diagnostics->len - MAX_MESSAGES);

  g_set_error_literal (error, CW_ERROR, first->code, message->str);
}

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized;
  static xmlRelaxNGPtr schema;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/clearway/Clearway/clearway-deck.rng",
                                                          0, NULL);
      g_autoptr(xmlRelaxNGParserCtxt) ctxt = NULL;

      g_assert (bytes != NULL);
      ctxt = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      schema = xmlRelaxNGParse (ctxt);
      g_assert (schema != NULL);
      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

static GMutex schema_lock;

static gboolean
validate (Loader *loader,
          xmlDoc *doc)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  XmlErrors errors = { messages, loader->name };
  g_autoptr(xmlRelaxNGValidCtxt) ctxt = NULL;
  int result;

  g_mutex_lock (&schema_lock);
  ctxt = xmlRelaxNGNewValidCtxt (get_schema ());
  xmlRelaxNGSetValidStructuredErrors (ctxt, on_xml_error, &errors);
  result = xmlRelaxNGValidateDoc (ctxt, doc);
  g_mutex_unlock (&schema_lock);

  if (result == 0)
    return TRUE;

  for (guint i = 0; i < messages->len; i++)
    {
      CwDiagnostic *d = g_ptr_array_index (messages, i);
      g_autofree char *text = g_strdup_printf (_("%s (see the deck format reference, deck-format.md)"),
                                               d->message);
      loader_error (loader, d->line, CW_ERROR_SCHEMA, "%s", text);
    }
  if (messages->len == 0)
    loader_error (loader, 0, CW_ERROR_SCHEMA,
                  _("The file does not follow the deck format (see deck-format.md)."));
  return FALSE;
}

static void
load_meta (Loader  *loader,
           xmlNode *meta)
{
  gboolean has_title = FALSE;

  for (xmlNode *n = meta->children; n; n = n->next)
    {
      g_autofree char *text = NULL;

      if (!is_element (n, NULL))
        continue;
      text = get_text (n);

      if (is_element (n, "title"))
        {
          cw_deck_set_title (loader->deck, text);
          has_title = TRUE;
        }
      else if (is_element (n, "author"))
        {
          cw_deck_set_author (loader->deck, text);
        }
      else if (is_element (n, "language"))
        {
          if (!cw_language_code_is_valid (text))
            loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                          _("“%s” is not a language code; use a code such as en, az or ru."), text);
          else
            cw_deck_set_language (loader->deck, text);
        }
      else if (is_element (n, "source-line"))
        {
          if (check_length (loader, line_of (n), text, CW_TEXT_ROLE_SOURCE, "deck/source-line"))
            cw_deck_set_source_line (loader->deck, text);
        }
      else if (is_element (n, "audience"))
        {
          if (g_str_equal (text, "children"))
            cw_deck_set_audience (loader->deck, CW_AUDIENCE_CHILDREN);
          else if (!g_str_equal (text, "adults"))
            loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                          _("“%s” is not an audience; write adults or children."), text);
        }
      else if (is_element (n, "digits"))
        {
          if (g_str_equal (text, "native"))
            cw_deck_set_digits (loader->deck, CW_DIGITS_NATIVE);
          else if (!g_str_equal (text, "western"))
            loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                          _("“%s” is not a choice of digits; write western (0–9 in every language) or native (each language’s own)."),
                          text);
        }
    }

  if (!has_title)
    loader_error (loader, line_of (meta), CW_ERROR_SCHEMA,
                  _("The deck has no title; add <title>…</title> inside <meta>."));
}

static void
load_output (Loader  *loader,
             xmlNode *output)
{
  g_autofree char *format = get_attr (output, "format");
  g_autofree char *fps = get_attr (output, "fps");
  g_autofree char *background = get_attr (output, "background");

  if (format != NULL)
    {
      g_autoptr(CwFormat) found = NULL;
      g_autoptr(GError) error = NULL;

      found = cw_format_lookup (format, &error);
      if (found == NULL)
        loader_error (loader, line_of (output), CW_ERROR_BAD_FORMAT, "%s", error->message);
      else
        cw_deck_set_format (loader->deck, found->name);
    }

  if (fps != NULL)
    {
      guint64 rate = 0;

      /* written as the schema lists it: "24", never "024" */
      if (!g_ascii_string_to_unsigned (fps, 10, 1, G_MAXUINT, &rate, NULL) || fps[0] == '0' ||
          !cw_frame_rate_is_valid (rate))
        {
          g_autofree char *rates = cw_frame_rates_to_string ();

          loader_error (loader, line_of (output), CW_ERROR_BAD_VALUE,
                        _("fps=\"%s\" is not a frame rate the platforms take; use one of %s."),
                        fps, rates);
        }
      else
        cw_deck_set_fps (loader->deck, rate);
    }

  if (background != NULL)
    cw_deck_set_transparent (loader->deck, g_str_equal (background, "transparent"));
}

/* Slide images, inside the deck's folder (the deck has no file yet). */
static CwImage *
loader_load_image (Loader      *loader,
                   const char  *href,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  CwImage *image;

  file = cw_file_resolve_beside (loader->base_dir, href, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE, _("The image “%s” is missing."), href);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  image = cw_image_new_from_file (file, error);
  if (image == NULL)
    return NULL;
  /* the deck keeps it under the name the slide uses */
  cw_deck_add_image (loader->deck, href, image);
  g_object_unref (image);
  return cw_deck_get_image (loader->deck, href);
}

static void
load_logo (Loader  *loader,
           CwTheme *theme,
           xmlNode *node)
{
  g_autofree char *href = get_attr (node, "href");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwImage) image = NULL;

  if (href != NULL)
    {
      g_autofree char *scheme = g_uri_parse_scheme (href);
      g_autoptr(GFile) file = NULL;

      if (scheme != NULL)
        {
          loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                        _("The logo “%s” is a web address; decks only use image files. Save the logo next to the deck and write its file name."),
                        href);
          return;
        }

      file = cw_file_resolve_beside (loader->base_dir, href, &error);
      if (file != NULL)
        image = cw_image_new_from_file (file, &error);

      if (image == NULL)
        {
          g_autofree char *message = NULL;

          if (g_error_matches (error, CW_ERROR, CW_ERROR_FORBIDDEN))
            message = g_strdup_printf (_("The logo “%s” is outside the deck’s folder, so it is not used: a logo must sit beside the deck or be embedded in it. Copy it next to the deck, or choose it again in Clearway to embed it. A placeholder is shown instead."),
                                       href);
          else if (loader->base_dir == NULL)
            message = g_strdup_printf (_("The logo “%s” cannot be found, because the deck has not been saved in a folder yet. A placeholder is shown instead."),
                                       href);
          else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            message = g_strdup_printf (_("The logo “%s” is missing. A placeholder is shown until you put the file back next to the deck or choose another logo."),
                                       href);
          else
            /* Translators: the reason is a whole sentence of its own */
            message = g_strdup_printf (_("The logo cannot be used. %s A placeholder is shown instead."),
                                       error->message);
          cw_deck_add_warning (loader->deck, line_of (node), message);
        }

      cw_theme_set_logo (theme, image, href);
    }
  else
    {
      g_autofree char *data = get_text (node);
      g_autofree guchar *decoded = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;

      decoded = g_base64_decode (data, &len);
      bytes = g_bytes_new_take (g_steal_pointer (&decoded), len);
      image = cw_image_new_from_bytes (bytes, _("the embedded logo"), &error);
      if (image == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s. A placeholder is shown instead; choose the logo again."),
                                                      error->message);
          cw_deck_add_warning (loader->deck, line_of (node), message);
          return;
        }
      cw_theme_set_logo (theme, image, NULL);
    }
}

/* A soundtrack that cannot be used does not stop the deck from opening: it
 * is a warning here, its path is kept so that saving does not lose it, and
 * a video export refuses it by name (cw_encoder_run()). */
static void
load_soundtrack (Loader  *loader,
                 xmlNode *node)
{
  g_autofree char *href = get_attr (node, "href");
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAudio) audio = NULL;

  if (href != NULL)
    {
      g_autofree char *scheme = g_uri_parse_scheme (href);
      g_autoptr(GFile) file = NULL;

      if (scheme != NULL)
        {
          loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                        _("The soundtrack “%s” is a web address; decks only use audio files. Save it next to the deck and write its file name."),
                        href);
          return;
        }

      file = cw_file_resolve_beside (loader->base_dir, href, &error);
      if (file != NULL)
        audio = cw_audio_new_from_file (file, &error);

      if (audio == NULL)
        {
          g_autofree char *message = NULL;

          if (g_error_matches (error, CW_ERROR, CW_ERROR_FORBIDDEN))
            message = g_strdup_printf (_("The soundtrack “%s” is outside the deck’s folder, so it is not used: it must sit beside the deck or be embedded in it. Copy it next to the deck, or choose it again in Clearway to embed it."),
                                       href);
          else if (loader->base_dir == NULL)
            message = g_strdup_printf (_("The soundtrack “%s” cannot be found, because the deck has not been saved in a folder yet."),
                                       href);
          else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            message = g_strdup_printf (_("The soundtrack “%s” is missing. Videos cannot be made until you put the file back next to the deck or choose another soundtrack."),
                                       href);
          else
            /* Translators: the first %s is a file name, the second a whole sentence of its own */
            message = g_strdup_printf (_("The soundtrack “%s” cannot be used. %s"), href, error->message);
          cw_deck_add_warning (loader->deck, line_of (node), message);
        }
      cw_deck_set_soundtrack (loader->deck, audio, href);
    }
  else
    {
      g_autofree char *data = get_text (node);
      g_autofree guchar *decoded = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;

      decoded = g_base64_decode (data, &len);
      bytes = g_bytes_new_take (g_steal_pointer (&decoded), len);
      audio = cw_audio_new_from_bytes (bytes, _("the embedded soundtrack"), &error);
      if (audio == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s The clip has no sound; choose the soundtrack again."),
                                                      error->message);
          cw_deck_add_warning (loader->deck, line_of (node), message);
          return;
        }
      cw_deck_set_soundtrack (loader->deck, audio, NULL);
    }
}

static void
load_theme (Loader  *loader,
            xmlNode *node)
{
  g_autofree char *base = get_attr (node, "base");
  g_autoptr(CwTheme) theme = NULL;

  if (base != NULL && !cw_theme_is_builtin (base))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) cw_theme_list_builtin ());
      loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                    _("There is no built-in theme “%s”; use one of %s."), base, names);
    }
  theme = cw_theme_new (base);

  {
    g_autofree char *align = get_attr (node, "align");
    g_autofree char *texture = get_attr (node, "texture");
    g_autofree char *ambient = get_attr (node, "ambient");
    CwAlign a;
    CwTexture t;
    CwAmbient m;

    if (align != NULL && !cw_align_from_string (align, &a))
      loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                    _("“%s” is not an alignment; use start or center."), align);
    else if (align != NULL)
      cw_theme_set_align (theme, a);
    if (texture != NULL && !cw_texture_from_string (texture, &t))
      loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                    _("“%s” is not a background texture; use contours, grain or gradient."), texture);
    else if (texture != NULL)
      cw_theme_set_texture (theme, t);
    if (ambient != NULL && !cw_ambient_from_string (ambient, &m))
      loader_error (loader, line_of (node), CW_ERROR_BAD_VALUE,
                    _("“%s” is not an ambient motion; use none or drift."), ambient);
    else if (ambient != NULL)
      cw_theme_set_ambient (theme, m);
  }

  for (xmlNode *n = node->children; n; n = n->next)
    {
      if (is_element (n, "color"))
        {
          g_autofree char *role = get_attr (n, "role");
          g_autofree char *value = get_attr (n, "value");
          CwColorRole r;
          CwColor color;

          if (!cw_color_role_from_string (role, &r))
            loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                          _("“%s” is not a color role; use background, background-end, surface, text, muted, accent or alert."),
                          role ? role : "");
          else if (!cw_color_parse (value, &color))
            loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                          _("“%s” is not a color; write it as #RRGGBB, for example #FFC53D."),
                          value ? value : "");
          else
            cw_theme_set_color (theme, r, &color);
        }
      else if (is_element (n, "font"))
        {
          g_autofree char *role = get_attr (n, "role");
          g_autofree char *family = get_attr (n, "family");
          g_autofree char *weight = get_attr (n, "weight");
          CwFontRole r;
          int w = 0;

          if (!cw_font_role_from_string (role, &r))
            {
              loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                            _("“%s” is not a font role; use heading, body or number."),
                            role ? role : "");
              continue;
            }
          if (weight != NULL && !cw_font_weight_from_string (weight, &w))
            {
              loader_error (loader, line_of (n), CW_ERROR_BAD_VALUE,
                            _("“%s” is not a font weight; use regular, medium, semibold, bold or black."),
                            weight);
              continue;
            }
          if (family == NULL || *family == '\0')
            continue;
          if (!cw_font_family_is_installed (family))
            {
              g_autofree char *message = g_strdup_printf (_("The font “%s” is not installed, so another font is used in its place. Install it, or choose an installed font."),
                                                          family);
              cw_deck_add_warning (loader->deck, line_of (n), message);
            }
          cw_theme_set_font (theme, r, family, w);
        }
      else if (is_element (n, "logo"))
        {
          load_logo (loader, theme, n);
        }
    }

  cw_deck_set_theme (loader->deck, theme);
}

static void
load_statistics (Loader  *loader,
                 xmlNode *node)
{
  for (xmlNode *n = node->children; n; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *value = NULL;
      g_autofree char *unit = NULL;
      g_autofree char *as_of = NULL;
      g_autofree char *source = NULL;
      g_autofree char *tone = NULL;
      g_autoptr(CwStatistic) statistic = NULL;
      CwTone t = CW_TONE_PROGRESS;
      double v = 0;
      guint line;

      if (!is_element (n, "statistic"))
        continue;

      line = line_of (n);
      id = get_attr (n, "id");
      value = get_attr (n, "value");
      unit = get_attr (n, "unit");
      as_of = get_attr (n, "as-of");
      source = get_attr (n, "source");
      tone = get_attr (n, "tone");

      if (!cw_statistic_id_is_valid (id))
        {
          loader_error (loader, line, CW_ERROR_BAD_VALUE,
                        _("“%s” is not a statistic id: ids start with a letter and use only letters, digits, “_” and “-”."),
                        id ? id : "");
          continue;
        }
      if (g_hash_table_contains (loader->statistic_lines, id))
        {
          loader_error (loader, line, CW_ERROR_DUPLICATE_ID,
                        _("There is already a statistic “%s” (line %u); give this one another id."),
                        id, GPOINTER_TO_UINT (g_hash_table_lookup (loader->statistic_lines, id)));
          continue;
        }
      g_hash_table_insert (loader->statistic_lines, g_strdup (id), GUINT_TO_POINTER (line));

      if (value != NULL && !parse_decimal (value, &v))
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The statistic “%s” has the value “%s”, which is not a number; write it without grouping, like 161000 or 2.5."),
                      id, value);
      else if (value != NULL && !cw_statistic_value_is_valid (v))
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The statistic “%s” has the value “%s”, beyond what a deck holds: figures go up to %.0f either way, and a tiny one needs fewer decimals. Give it in a larger unit, such as thousands, or round it."),
                      id, value, CW_STATISTIC_MAX_VALUE);
      if (as_of != NULL && !cw_statistic_as_of_is_valid (as_of))
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The statistic “%s” is dated “%s”; write the date as YYYY, YYYY-MM or YYYY-MM-DD."),
                      id, as_of);
      if (tone != NULL && !cw_tone_from_string (tone, &t))
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The statistic “%s” has the tone “%s”; write progress, harm or neutral."),
                      id, tone);
      /* who published it is shown in the source line */
      check_length (loader, line, source, CW_TEXT_ROLE_SOURCE, id);

      statistic = cw_statistic_new (id);
      cw_statistic_set_line (statistic, line);
      if (value != NULL)
        cw_statistic_set_value (statistic, v);
      cw_statistic_set_unit (statistic, unit);
      cw_statistic_set_as_of (statistic, as_of);
      cw_statistic_set_source (statistic, source);
      cw_statistic_set_tone (statistic, t);

      for (xmlNode *c = n->children; c; c = c->next)
        {
          if (is_element (c, "label"))
            {
              g_autofree char *label = get_text (c);

              check_length (loader, line_of (c), label, CW_TEXT_ROLE_LABEL, id);
              cw_statistic_set_label (statistic, label);
            }
          else if (is_element (c, "point"))
            {
              g_autofree char *label = get_attr (c, "label");
              g_autofree char *pvalue = get_attr (c, "value");
              double pv = 0;

              if (!check_length (loader, line_of (c), label, CW_TEXT_ROLE_LABEL, id))
                continue;
              if (!parse_decimal (pvalue, &pv))
                loader_error (loader, line_of (c), CW_ERROR_BAD_VALUE,
                              _("The point “%s” of “%s” has the value “%s”, which is not a number; write it without grouping, like 4256."),
                              label ? label : "", id, pvalue ? pvalue : "");
              else if (!cw_statistic_value_is_valid (pv))
                loader_error (loader, line_of (c), CW_ERROR_BAD_VALUE,
                              _("The point “%s” of “%s” has the value “%s”, beyond what a deck holds: figures go up to %.0f either way, and a tiny one needs fewer decimals. Give it in a larger unit, such as thousands, or round it."),
                              label ? label : "", id, pvalue, CW_STATISTIC_MAX_VALUE);
              else if (cw_statistic_get_n_points (statistic) >= CW_STATISTIC_MAX_POINTS)
                loader_error (loader, line_of (c), CW_ERROR_BAD_VALUE,
                              _("The statistic “%s” has more than 50 points; a chart that dense cannot be read on a phone."),
                              id);
              else
                cw_statistic_add_point (statistic, label ? label : "", pv);
            }
        }

      if (value == NULL && cw_statistic_get_n_points (statistic) == 0)
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The statistic “%s” has no value; add value=\"…\", or <point> elements for a series."),
                      id);

      cw_deck_add_statistic (loader->deck, statistic);
    }
}

static void
check_placeholders (Loader           *loader,
                    const CwTemplate *template,
                    guint             line,
                    const char       *text)
{
  g_autoptr(GPtrArray) names = cw_text_list_placeholders (text);

  if (names == NULL)
    {
      loader_error (loader, line, CW_ERROR_BAD_VALUE,
                    _("The text “%s” has a “{” without its closing “}”. Write {statistic_id} to show a figure, or {{ for a brace."),
                    text);
      return;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!g_hash_table_contains (loader->statistic_lines, name) &&
          (template == NULL || !cw_template_has_placeholder (template, name)))
        loader_error (loader, line, CW_ERROR_UNKNOWN_STATISTIC,
                      _("The text “%s” shows {%s}, but the deck has no statistic with that id. Add the statistic, or correct the name between the braces."),
                      text, name);
    }
}

static char *
list_field_names (const CwTemplate *template,
                  gboolean          text)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (const CwField *f = template->fields; f->name; f++)
    {
      if (cw_field_is_translatable (f) != text)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, f->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
load_animation (Loader           *loader,
                CwSlide          *slide,
                const CwTemplate *template,
                xmlNode          *n,
                CwPhase           phase)
{
  g_autofree char *element = get_attr (n, "element");
  g_autofree char *effect = get_attr (n, "effect");
  g_autofree char *easing = get_attr (n, "easing");
  CwAnimation animation = { CW_EFFECT_FADE, CW_EASING_EASE_OUT_CUBIC, 0, 0.6 };
  const CwElement *info = cw_template_find_element (template, element);
  guint line = line_of (n);

  if (info == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (const CwElement *e = template->elements; e->name; e++)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", e->name);
      loader_error (loader, line, CW_ERROR_UNKNOWN_FIELD,
                    _("The template “%s” has no element “%s” to animate; its elements are %s."),
                    template->id, element ? element : "", names->str);
      return;
    }

  if (phase == CW_PHASE_ENTER)
    animation = info->enter;

  if (!cw_effect_from_string (effect, &animation.effect))
    {
      loader_error (loader, line, CW_ERROR_BAD_VALUE, _("“%s” is not an animation effect."),
                    effect ? effect : "");
      return;
    }
  if (easing != NULL && !cw_easing_from_string (easing, &animation.easing))
    {
      loader_error (loader, line, CW_ERROR_BAD_VALUE, _("“%s” is not an easing curve."), easing);
      return;
    }
  parse_seconds (loader, n, "delay", &animation.delay);
  parse_seconds (loader, n, "duration", &animation.duration);

  if (cw_slide_get_animation (slide, phase, element, NULL))
    {
      loader_error (loader, line, CW_ERROR_DUPLICATE_ID,
                    _("The element “%s” is animated twice on this slide; keep one."), element);
      return;
    }
  cw_slide_set_animation (slide, phase, element, &animation);
}

static void
load_slide (Loader  *loader,
            xmlNode *node)
{
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *template_id = get_attr (node, "template");
  g_autoptr(CwSlide) slide = NULL;
  const CwTemplate *template;
  guint line = line_of (node);
  guint errors_before;
  double duration = 0;
  g_autofree char *tone = get_attr (node, "tone");

  if (id == NULL || !cw_statistic_id_is_valid (id))
    {
      loader_error (loader, line, CW_ERROR_BAD_VALUE,
                    _("“%s” is not a slide id: ids start with a letter and use only letters, digits, “_” and “-”."),
                    id ? id : "");
      return;
    }
  if (g_hash_table_contains (loader->slide_lines, id))
    {
      loader_error (loader, line, CW_ERROR_DUPLICATE_ID,
                    _("There is already a slide “%s” (line %u); give this one another id."),
                    id, GPOINTER_TO_UINT (g_hash_table_lookup (loader->slide_lines, id)));
      return;
    }
  g_hash_table_insert (loader->slide_lines, g_strdup (id), GUINT_TO_POINTER (line));

  template = cw_template_lookup (template_id);
  if (template == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (const CwTemplate * const *t = cw_template_list (); *t; t++)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", (*t)->id);
      loader_error (loader, line, CW_ERROR_UNKNOWN_TEMPLATE,
                    _("There is no template “%s”; use one of %s."),
                    template_id ? template_id : "", names->str);
      return;
    }

  slide = cw_slide_new (id, template_id);
  cw_slide_set_line (slide, line);
  errors_before = loader->errors->len;
  if (parse_seconds (loader, node, "duration", &duration))
    cw_slide_set_duration (slide, duration);
  if (tone != NULL)
    {
      CwTone t;

      if (cw_tone_from_string (tone, &t))
        cw_slide_set_tone (slide, t);
      else
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The slide “%s” has the tone “%s”; write progress, harm or neutral, or leave it out to take the statistic’s."),
                      id, tone);
    }

  for (xmlNode *n = node->children; n; n = n->next)
    {
      guint nline = line_of (n);

      if (is_element (n, "text") || is_element (n, "field"))
        {
          gboolean is_text = is_element (n, "text");
          g_autofree char *name = get_attr (n, "name");
          const CwField *field = cw_template_find_field (template, name);

          if (field == NULL || cw_field_is_translatable (field) != is_text)
            {
              g_autofree char *names = list_field_names (template, is_text);

              if (field != NULL)
                loader_error (loader, nline, CW_ERROR_UNKNOWN_FIELD,
                              is_text ? _("“%s” is not text on a “%s” slide; write it as <field name=\"%s\" value=\"…\"/>.")
                                      : _("“%s” is text on a “%s” slide; write it as <text name=\"%s\">…</text>."),
                              name, template->id, name);
              else
                loader_error (loader, nline, CW_ERROR_UNKNOWN_FIELD,
                              is_text ? _("The template “%s” has no text “%s”; its texts are %s.")
                                      : _("The template “%s” has no field “%s”; its fields are %s."),
                              template->id, name ? name : "", names);
              continue;
            }

          if (cw_slide_get_text (slide, name) != NULL || cw_slide_get_param (slide, name) != NULL)
            {
              loader_error (loader, nline, CW_ERROR_DUPLICATE_ID,
                            _("“%s” is set twice on this slide; keep one."), name);
              continue;
            }
          cw_slide_set_field_line (slide, name, nline);

          if (is_text)
            {
              g_autofree char *text = get_text (n);
              g_autofree char *plural = get_attr (n, "plural");
              g_autofree char *context = g_strdup_printf ("%s/%s", id, name);

              if (!check_length (loader, nline, text, field->text_role, context) ||
                  !check_length (loader, nline, plural, field->text_role, context))
                continue;

              if (plural != NULL && !field->plural)
                loader_error (loader, nline, CW_ERROR_BAD_VALUE,
                              _("The text “%s” does not follow a number, so it cannot have a plural; remove plural=\"…\"."),
                              name);
              check_placeholders (loader, template, nline, text);
              cw_slide_set_text (slide, name, text);
              if (plural != NULL)
                {
                  check_placeholders (loader, template, nline, plural);
                  cw_slide_set_text_plural (slide, name, plural);
                }
            }
          else
            {
              g_autofree char *value = get_attr (n, "value");
              g_autoptr(GError) error = NULL;

              if (value == NULL)
                value = g_strdup ("");
              if (!cw_field_check_value (field, value, &error))
                {
                  loader_error (loader, nline, CW_ERROR_BAD_VALUE, "%s", error->message);
                  continue;
                }
              if (field->type == CW_FIELD_IMAGE)
                {
                  g_autoptr(GError) image_error = NULL;

                  if (loader_load_image (loader, value, &image_error) == NULL)
                    {
                      g_autofree char *message = g_strdup_printf (_("%s A placeholder is shown until the image is back next to the deck, or another is chosen."),
                                                                  image_error->message);
                      cw_deck_add_warning (loader->deck, nline, message);
                    }
                }
              if (field->type == CW_FIELD_STATISTIC &&
                  !g_hash_table_contains (loader->statistic_lines, value))
                loader_error (loader, nline, CW_ERROR_UNKNOWN_STATISTIC,
                              _("The slide shows the statistic “%s”, but the deck has none with that id. Add it under <statistics>, or correct the id."),
                              value);
              cw_slide_set_param (slide, name, value);
            }
        }
      else if (is_element (n, "enter"))
        {
          load_animation (loader, slide, template, n, CW_PHASE_ENTER);
        }
      else if (is_element (n, "exit"))
        {
          load_animation (loader, slide, template, n, CW_PHASE_EXIT);
        }
      else if (is_element (n, "style"))
        {
          g_autofree char *element = get_attr (n, "element");
          g_autofree char *color = get_attr (n, "color");
          CwColor parsed;

          if (cw_template_find_element (template, element) == NULL)
            loader_error (loader, nline, CW_ERROR_UNKNOWN_FIELD,
                          _("The template “%s” has no element “%s” to color."),
                          template->id, element ? element : "");
          else if (!cw_color_parse (color, &parsed))
            loader_error (loader, nline, CW_ERROR_BAD_VALUE,
                          _("“%s” is not a color; write it as #RRGGBB, for example #FFC53D."),
                          color ? color : "");
          else
            cw_slide_set_element_color (slide, element, color);
        }
      else if (is_element (n, "transition"))
        {
          g_autofree char *type = get_attr (n, "type");
          CwTransitionType t;
          double d = 0.5;

          if (!cw_transition_from_string (type, &t))
            {
              loader_error (loader, nline, CW_ERROR_BAD_VALUE,
                            _("“%s” is not a transition; use cut, crossfade, push or wipe."),
                            type ? type : "");
              continue;
            }
          parse_seconds (loader, n, "duration", &d);
          if (d > 5)
            loader_error (loader, nline, CW_ERROR_BAD_VALUE,
                          _("A transition of %g seconds is too long; keep it under 5 seconds."), d);
          cw_slide_set_transition (slide, t, t == CW_TRANSITION_CUT ? 0 : MIN (d, 5));
        }
    }

  /* a data slide without its figure would be empty (unless the figure's line was already wrong) */
  for (const CwField *f = template->fields; f->name && loader->errors->len == errors_before; f++)
    {
      if (f->type == CW_FIELD_STATISTIC && !f->optional && cw_slide_get_param (slide, f->name) == NULL)
        loader_error (loader, line, CW_ERROR_BAD_VALUE,
                      _("The slide “%s” does not say which statistic to show; add <field name=\"%s\" value=\"…\"/>."),
                      id, f->name);
    }

  cw_deck_add_slide (loader->deck, slide);
}

typedef struct
{
  Loader *loader;
  guint   line;
} MessageProblems;

static void
add_message_problem (const char *problem,
                     gpointer    user_data)
{
  MessageProblems *where = user_data;

  loader_error (where->loader, where->line, CW_ERROR_CATALOG, "%s", problem);
}

static void
load_translations (Loader  *loader,
                   xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      g_autofree char *language = NULL;
      g_autofree char *plural_forms = NULL;
      g_autoptr(CwCatalog) catalog = NULL;
      g_autoptr(GError) error = NULL;

      if (!is_element (c, "catalog"))
        continue;

      language = get_attr (c, "language");
      plural_forms = get_attr (c, "plural-forms");
      if (!cw_language_code_is_valid (language))
        {
          loader_error (loader, line_of (c), CW_ERROR_BAD_VALUE,
                        _("“%s” is not a language code; use a code such as en, az or ru."),
                        language ? language : "");
          continue;
        }
      if (cw_deck_get_catalog (loader->deck, language) != NULL)
        {
          loader_error (loader, line_of (c), CW_ERROR_DUPLICATE_ID,
                        _("There are two catalogs for “%s”; merge them into one."), language);
          continue;
        }

      catalog = cw_catalog_new (language);
      if (plural_forms != NULL && !cw_catalog_set_plural_forms (catalog, plural_forms, &error))
        {
          loader_error (loader, line_of (c), CW_ERROR_CATALOG, "%s", error->message);
          continue;
        }

      for (xmlNode *m = c->children; m; m = m->next)
        {
          g_autofree char *context = NULL;
          g_autofree char *source = NULL;
          g_autofree char *source_plural = NULL;
          g_autofree char *fuzzy = NULL;
          g_autoptr(GStrvBuilder) forms = NULL;
          g_auto(GStrv) strv = NULL;

          if (!is_element (m, "message"))
            continue;

          context = get_attr (m, "context");
          source = get_attr (m, "source");
          source_plural = get_attr (m, "source-plural");
          fuzzy = get_attr (m, "fuzzy");
          forms = g_strv_builder_new ();
          for (xmlNode *f = m->children; f; f = f->next)
            {
              if (is_element (f, "form"))
                {
                  g_autofree char *form = get_text (f);
                  g_strv_builder_add (forms, form);
                }
            }
          strv = g_strv_builder_end (forms);

          if (context == NULL || source == NULL || strv[0] == NULL)
            continue;
          if (cw_catalog_find (catalog, context) != NULL)
            {
              loader_error (loader, line_of (m), CW_ERROR_DUPLICATE_ID,
                            _("“%s” is translated twice into %s; keep one."), context, language);
              continue;
            }

          /* a deck edited by hand gets what `translate` refuses from a .po file refused too */
          {
            CwMessage message = { context, source, source_plural, strv, g_strcmp0 (fuzzy, "true") == 0, 0 };
            MessageProblems where = { loader, line_of (m) };

            if (cw_message_check (&message, cw_catalog_get_plural_rule (catalog),
                                  cw_deck_get_text_role (loader->deck, context), CW_CATALOG_SYNTAX_DECK,
                                  add_message_problem, &where) > 0)
              continue;
          }
          cw_catalog_add (catalog, context, source, source_plural, (const char * const *) strv,
                          g_strcmp0 (fuzzy, "true") == 0, line_of (m));
        }

      cw_deck_add_catalog (loader->deck, catalog);
    }
}

static void
load_deck (Loader  *loader,
           xmlNode *root)
{
  guint slides_line = line_of (root);
  guint n_in_slides = 0;

  /* statistics first: slides refer to them */
  for (xmlNode *n = root->children; n; n = n->next)
    {
      if (is_element (n, "statistics"))
        load_statistics (loader, n);
    }

  for (xmlNode *n = root->children; n; n = n->next)
    {
      if (is_element (n, "meta"))
        load_meta (loader, n);
      else if (is_element (n, "output"))
        load_output (loader, n);
      else if (is_element (n, "theme"))
        load_theme (loader, n);
      else if (is_element (n, "soundtrack"))
        load_soundtrack (loader, n);
      else if (is_element (n, "slides"))
        {
          slides_line = line_of (n);
          for (xmlNode *s = n->children; s; s = s->next)
            {
              /* anything else in there is for the schema to name */
              if (is_element (s, NULL))
                n_in_slides++;
              if (is_element (s, "slide"))
                load_slide (loader, s);
            }
        }
      else if (is_element (n, "translations"))
        load_translations (loader, n);
    }

  /* an empty deck would "render" to no frames at all */
  if (n_in_slides == 0)
    loader_error (loader, slides_line, CW_ERROR_SCHEMA,
                  _("The deck has no slides, so there is nothing to show. Add a slide inside <slides>, for example <slide id=\"title\" template=\"title\"/>."));
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      size)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *limit = g_format_size (CW_DECK_MAX_BYTES);

  g_set_error (error, CW_ERROR, CW_ERROR_TOO_LARGE,
               _("%s: the file is %s; decks are at most %s. Is this the right file?"),
               name, have, limit);
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const CwDiagnostic *da = *(const CwDiagnostic * const *) a;
  const CwDiagnostic *db = *(const CwDiagnostic * const *) b;

  return (da->line > db->line) - (da->line < db->line);
}

/**
 * cw_deck_load_bytes:
 * @bytes: the content of a .clearway file
 * @display_name: how messages name the file (its path, usually)
 * @base_dir: (nullable): the folder relative image paths start from
 *
 * Returns: (transfer full): the deck, or %NULL with @error set; the
 *   message names @display_name and the line of each problem
 */
CwDeck *
cw_deck_load_bytes (GBytes      *bytes,
                    const char  *display_name,
                    GFile       *base_dir,
                    GError     **error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autoptr(GHashTable) statistic_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) slide_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(CwDeck) deck = NULL;
  g_autoptr(CwXmlChar) version = NULL;
  XmlErrors xml_errors = { errors, display_name };
  Loader loader = { display_name, base_dir, errors, NULL, statistic_lines, slide_lines };
  const char *data;
  xmlNode *root;
  gsize len;
  guint line;
  char *end = NULL;
  guint64 v;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  cw_core_init ();
  cw_core_silence_xml_errors ();

  data = g_bytes_get_data (bytes, &len);
  if (len > CW_DECK_MAX_BYTES)
    {
      set_too_large (error, display_name, len);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_MALFORMED,
                   _("%s: the file is empty. Open a saved deck, or start from the sample."),
                   display_name);
      return NULL;
    }

  /* refuse before parsing, so entity declarations are never even read */
  line = find_line (data, len, "<!DOCTYPE");
  if (line > 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
                   _("%s:%u: the file has a DOCTYPE, which decks never need and which can make a file read other files or grow without end. Remove the <!DOCTYPE …> declaration."),
                   display_name, line);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  ctxt->_private = &xml_errors;
  ctxt->sax->serror = on_parser_error;
  ctxt->sax->internalSubset = on_internal_subset;
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, display_name, NULL, PARSE_OPTIONS);

  /* a DOCTYPE in an encoding the byte scan cannot see (UTF-16…) */
  if (xml_errors.doctype_line > 0 || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_FORBIDDEN,
                   _("%s:%u: the file has a DOCTYPE, which decks never need and which can make a file read other files or grow without end. Remove the <!DOCTYPE …> declaration."),
                   display_name, MAX (xml_errors.doctype_line, 1));
      return NULL;
    }

  if (doc == NULL || errors->len > 0)
    {
      if (errors->len == 0)
        g_ptr_array_add (errors, cw_diagnostic_new (CW_SEVERITY_ERROR, CW_ERROR_MALFORMED,
                                                    display_name, 0, _("the file is not XML")));
      for (guint i = 0; i < errors->len; i++)
        ((CwDiagnostic *) g_ptr_array_index (errors, i))->code = CW_ERROR_MALFORMED;
      set_error_from_diagnostics (error, errors,
                                  _("(The file is damaged or is not a deck; if you edited it by hand, check that every tag is closed.)"));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "deck") || root->ns == NULL ||
      g_strcmp0 ((const char *) root->ns->href, CW_DECK_NAMESPACE) != 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_NOT_A_DECK,
                   _("%s:%u: this is not a Clearway deck: its root element is <%s>, not <deck xmlns=\"%s\">."),
                   display_name, root ? line_of (root) : 1, root ? (const char *) root->name : "",
                   CW_DECK_NAMESPACE);
      return NULL;
    }

  version = xmlGetNoNsProp (root, (const xmlChar *) "version");
  v = version ? g_ascii_strtoull ((const char *) version, &end, 10) : 0;
  if (version == NULL || end == (char *) version || *end != '\0' || v == 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_SCHEMA,
                   _("%s:%u: the <deck> element has no valid version; add version=\"%d\"."),
                   display_name, line_of (root), CW_DECK_VERSION);
      return NULL;
    }
  if (v > CW_DECK_VERSION)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_VERSION,
                   _("%s:%u: the deck was made by a newer Clearway (format version %s; this one reads up to %d). Update Clearway to open it."),
                   display_name, line_of (root), (const char *) version, CW_DECK_VERSION);
      return NULL;
    }

  deck = cw_deck_new ();
  loader.deck = deck;
  /* our checks first, for their precise messages; then the schema for the rest */
  load_deck (&loader, root);
  if (errors->len == 0)
    validate (&loader, doc);

  if (errors->len > 0)
    {
      g_ptr_array_sort (errors, compare_diagnostics);
      set_error_from_diagnostics (error, errors, NULL);
      return NULL;
    }

  /* the warnings were recorded without a file name; the deck has none yet */
  for (guint i = 0; i < cw_deck_get_warnings (deck)->len; i++)
    {
      CwDiagnostic *d = g_ptr_array_index (cw_deck_get_warnings (deck), i);
      g_free (d->file);
      d->file = g_strdup (display_name);
    }

  return g_steal_pointer (&deck);
}

/**
 * cw_deck_load_file:
 *
 * Returns: (transfer full): the deck, or %NULL with @error set
 */
CwDeck *
cw_deck_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  CwDeck *deck;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* a pipe or a device states no size; the reader stops at the limit all the same */
  bytes = cw_file_load_bounded (file, CW_DECK_MAX_BYTES, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("%s: this is a folder; open a .clearway file inside it."), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  parent = g_file_get_parent (file);
  deck = cw_deck_load_bytes (bytes, name, parent, error);
  if (deck != NULL)
    cw_deck_set_file (deck, file);
  return deck;
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  CwDeck *deck = cw_deck_load_file (task_data, cancellable, &error);

  if (deck == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, deck, g_object_unref);
}

void
cw_deck_load_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_deck_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

CwDeck *
cw_deck_load_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cw_deck_get_sample_bytes:
 *
 * Returns: (transfer full): the bundled sample deck, as a file holds it
 */
GBytes *
cw_deck_get_sample_bytes (void)
{
  return g_resources_lookup_data (SAMPLE_RESOURCE, 0, NULL);
}

/**
 * cw_deck_new_sample:
 *
 * The sample deck built into the program, so it works from the build
 * folder and once installed.
 *
 * Returns: (transfer full): the sample
 */
CwDeck *
cw_deck_new_sample (void)
{
  g_autoptr(GBytes) bytes = cw_deck_get_sample_bytes ();
  g_autoptr(GError) error = NULL;
  CwDeck *deck;

  cw_core_init ();
  deck = cw_deck_load_bytes (bytes, "karabakh.clearway", NULL, &error);
  if (deck == NULL)
    g_error ("The built-in sample does not load: %s", error->message);
  return deck;
}

/**
 * cw_deck_new_template_preview:
 *
 * A one-slide deck that shows @template with the figures of the sample
 * deck: what the template gallery shows.
 *
 * Returns: (transfer full): the deck
 */
CwDeck *
cw_deck_new_template_preview (const CwTemplate *template)
{
  g_autoptr(CwDeck) sample = cw_deck_new_sample ();
  g_autoptr(CwTheme) theme = cw_theme_copy (cw_deck_get_theme (sample));
  g_autoptr(CwSlide) slide = NULL;
  GListModel *statistics = cw_deck_get_statistics (sample);
  CwDeck *deck = cw_deck_new ();

  /* the sample's figures, written the way the interface's language writes them */
  for (guint i = 0; i < g_list_model_get_n_items (statistics); i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (statistics, i);
      g_autoptr(CwStatistic) copy = cw_statistic_copy (statistic);
      cw_deck_add_statistic (deck, copy);
    }
  cw_deck_set_theme (deck, theme);
  cw_deck_set_language (deck, cw_core_get_interface_language ());
  cw_deck_set_source_line (deck, g_dgettext (GETTEXT_PACKAGE, "Source: {source}, {date}"));
  slide = cw_template_create_slide (template, deck);
  cw_slide_set_transition (slide, CW_TRANSITION_CUT, 0);
  cw_deck_add_slide (deck, slide);
  return deck;
}
