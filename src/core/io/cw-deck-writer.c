/* cw-deck-writer.c: writing .clearway files
 *
 * The writer emits one canonical form (fixed element order, template field
 * order, two-space indentation), so saving a deck that was just loaded
 * gives back the same bytes, and version control shows only real changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "cw-autocleanups.h"
#include "cw-decimal.h"
#include "cw-deck-writer.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-template.h"

static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  if (value != NULL)
    xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
set_number (xmlNode    *node,
            const char *name,
            double      value)
{
  g_autofree char *str = cw_decimal_format (value);

  set_prop (node, name, str);
}

static xmlNode *
add_child (xmlNode    *parent,
           const char *name,
           const char *text)
{
  /* xmlNewTextChild escapes the text; xmlNewChild would parse it as markup */
  return xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
}

static void
write_theme (xmlNode *root,
             CwTheme *theme)
{
  xmlNode *node = add_child (root, "theme", NULL);
  CwImage *logo = cw_theme_get_logo (theme);
  const char *href = cw_theme_get_logo_href (theme);

  set_prop (node, "base", cw_theme_get_base (theme));
  if (cw_theme_has_align (theme))
    set_prop (node, "align", cw_align_to_string (cw_theme_get_align (theme)));
  if (cw_theme_has_texture (theme))
    set_prop (node, "texture", cw_texture_to_string (cw_theme_get_texture (theme)));
  if (cw_theme_get_ambient (theme) != CW_AMBIENT_NONE)
    set_prop (node, "ambient", cw_ambient_to_string (cw_theme_get_ambient (theme)));

  for (CwColorRole role = 0; role < CW_N_COLOR_ROLES; role++)
    {
      if (cw_theme_has_color (theme, role))
        {
          CwColor color = cw_theme_get_color (theme, role);
          g_autofree char *value = cw_color_to_string (&color);
          xmlNode *c = add_child (node, "color", NULL);

          set_prop (c, "role", cw_color_role_to_string (role));
          set_prop (c, "value", value);
        }
    }

  for (CwFontRole role = 0; role < CW_N_FONT_ROLES; role++)
    {
      if (cw_theme_has_font (theme, role))
        {
          xmlNode *f = add_child (node, "font", NULL);

          set_prop (f, "role", cw_font_role_to_string (role));
          set_prop (f, "family", cw_theme_get_font_family (theme, role));
          set_prop (f, "weight", cw_font_weight_to_string (cw_theme_get_font_weight (theme, role)));
        }
    }

  if (href != NULL)
    {
      xmlNode *l = add_child (node, "logo", NULL);
      set_prop (l, "href", href);
    }
  else if (logo != NULL)
    {
      GBytes *bytes = cw_image_get_bytes (logo);
      g_autofree char *data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      xmlNode *l = add_child (node, "logo", data);

      set_prop (l, "media-type", cw_image_get_media_type (logo));
    }
}

static void
write_soundtrack (xmlNode *root,
                  CwDeck  *deck)
{
  CwAudio *audio = cw_deck_get_soundtrack (deck);
  const char *href = cw_deck_get_soundtrack_href (deck);

  if (href != NULL)
    {
      xmlNode *node = add_child (root, "soundtrack", NULL);
      set_prop (node, "href", href);
    }
  else if (audio != NULL)
    {
      GBytes *bytes = cw_audio_get_bytes (audio);
      g_autofree char *data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      xmlNode *node = add_child (root, "soundtrack", data);

      set_prop (node, "media-type", cw_audio_get_media_type (audio));
    }
}

static void
write_statistics (xmlNode *root,
                  CwDeck  *deck)
{
  GListModel *statistics = cw_deck_get_statistics (deck);
  guint n = g_list_model_get_n_items (statistics);
  xmlNode *node;

  if (n == 0)
    return;

  node = add_child (root, "statistics", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (statistics, i);
      xmlNode *s = add_child (node, "statistic", NULL);

      set_prop (s, "id", cw_statistic_get_id (statistic));
      if (cw_statistic_has_value (statistic))
        set_number (s, "value", cw_statistic_get_value (statistic));
      set_prop (s, "unit", cw_statistic_get_unit (statistic));
      set_prop (s, "as-of", cw_statistic_get_as_of (statistic));
      set_prop (s, "source", cw_statistic_get_source (statistic));
      /* progress is the default, so decks that say nothing keep their bytes */
      if (cw_statistic_get_tone (statistic) != CW_TONE_PROGRESS)
        set_prop (s, "tone", cw_tone_to_string (cw_statistic_get_tone (statistic)));
      if (cw_statistic_get_label (statistic) != NULL)
        add_child (s, "label", cw_statistic_get_label (statistic));
      for (guint j = 0; j < cw_statistic_get_n_points (statistic); j++)
        {
          const CwPoint *point = cw_statistic_get_point (statistic, j);
          xmlNode *p = add_child (s, "point", NULL);

          set_prop (p, "label", point->label);
          set_number (p, "value", point->value);
        }
    }
}

static void
write_animations (xmlNode          *node,
                  CwSlide          *slide,
                  CwPhase           phase)
{
  g_auto(GStrv) elements = cw_slide_list_animated_elements (slide, phase);

  for (guint i = 0; elements[i]; i++)
    {
      CwAnimation animation;
      xmlNode *a;

      cw_slide_get_animation (slide, phase, elements[i], &animation);
      a = add_child (node, phase == CW_PHASE_EXIT ? "exit" : "enter", NULL);
      set_prop (a, "element", elements[i]);
      set_prop (a, "effect", cw_effect_to_string (animation.effect));
      set_prop (a, "easing", cw_easing_to_string (animation.easing));
      set_number (a, "delay", animation.delay);
      set_number (a, "duration", animation.duration);
    }
}

static void
write_slide (xmlNode *parent,
             CwSlide *slide)
{
  const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));
  xmlNode *node = add_child (parent, "slide", NULL);

  set_prop (node, "id", cw_slide_get_id (slide));
  set_prop (node, "template", cw_slide_get_template_id (slide));
  if (cw_slide_get_duration (slide) > 0)
    set_number (node, "duration", cw_slide_get_duration (slide));
  if (cw_slide_has_tone (slide))
    set_prop (node, "tone", cw_tone_to_string (cw_slide_get_tone (slide)));

  if (template != NULL)
    {
      for (const CwField *f = template->fields; f->name; f++)
        {
          if (cw_field_is_translatable (f))
            {
              const char *text = cw_slide_get_text (slide, f->name);
              xmlNode *t;

              if (text == NULL)
                continue;
              t = add_child (node, "text", text);
              set_prop (t, "name", f->name);
              set_prop (t, "plural", cw_slide_get_text_plural (slide, f->name));
            }
          else
            {
              const char *value = cw_slide_get_param (slide, f->name);
              xmlNode *p;

              if (value == NULL)
                continue;
              p = add_child (node, "field", NULL);
              set_prop (p, "name", f->name);
              set_prop (p, "value", value);
            }
        }
    }

  write_animations (node, slide, CW_PHASE_ENTER);
  write_animations (node, slide, CW_PHASE_EXIT);

  {
    g_auto(GStrv) colored = cw_slide_list_colored_elements (slide);

    for (guint i = 0; colored[i]; i++)
      {
        xmlNode *c = add_child (node, "style", NULL);

        set_prop (c, "element", colored[i]);
        set_prop (c, "color", cw_slide_get_element_color (slide, colored[i]));
      }
  }

  if (cw_slide_get_transition (slide) != CW_TRANSITION_CUT)
    {
      xmlNode *t = add_child (node, "transition", NULL);

      set_prop (t, "type", cw_transition_to_string (cw_slide_get_transition (slide)));
      set_number (t, "duration", cw_slide_get_transition_duration (slide));
    }
}

static void
write_translations (xmlNode *root,
                    CwDeck  *deck)
{
  GPtrArray *catalogs = cw_deck_get_catalogs (deck);
  xmlNode *node;

  if (catalogs->len == 0)
    return;

  node = add_child (root, "translations", NULL);
  for (guint i = 0; i < catalogs->len; i++)
    {
      CwCatalog *catalog = g_ptr_array_index (catalogs, i);
      xmlNode *c = add_child (node, "catalog", NULL);
      guint n = cw_catalog_get_n_messages (catalog);

      set_prop (c, "language", cw_catalog_get_language (catalog));
      set_prop (c, "plural-forms", cw_catalog_get_plural_forms (catalog));

      for (guint j = 0; j < n; j++)
        {
          const CwMessage *m = cw_catalog_get_message (catalog, j);
          xmlNode *e = add_child (c, "message", NULL);

          set_prop (e, "context", m->context);
          set_prop (e, "source", m->source);
          set_prop (e, "source-plural", m->source_plural);
          if (m->fuzzy)
            set_prop (e, "fuzzy", "true");
          for (guint k = 0; m->forms[k]; k++)
            add_child (e, "form", m->forms[k]);
        }
    }
}

/**
 * cw_deck_save_to_bytes:
 *
 * Returns: (transfer full): the deck as a .clearway file holds it
 */
GBytes *
cw_deck_save_to_bytes (CwDeck *deck)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  g_autofree char *version = g_strdup_printf ("%d", CW_DECK_VERSION);
  xmlNode *root;
  xmlNode *meta;
  xmlNode *output;
  xmlNode *slides;
  xmlChar *buffer = NULL;
  int len = 0;
  GBytes *bytes;
  guint n;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  root = xmlNewNode (NULL, (const xmlChar *) "deck");
  xmlSetNs (root, xmlNewNs (root, (const xmlChar *) CW_DECK_NAMESPACE, NULL));
  xmlDocSetRootElement (doc, root);
  set_prop (root, "version", version);

  meta = add_child (root, "meta", NULL);
  add_child (meta, "title", cw_deck_get_title (deck) ? cw_deck_get_title (deck) : "");
  if (cw_deck_get_author (deck) != NULL)
    add_child (meta, "author", cw_deck_get_author (deck));
  add_child (meta, "language", cw_deck_get_language (deck));
  if (cw_deck_get_source_line (deck) != NULL)
    add_child (meta, "source-line", cw_deck_get_source_line (deck));
  if (cw_deck_get_audience (deck) == CW_AUDIENCE_CHILDREN)
    add_child (meta, "audience", "children");
  if (cw_deck_get_digits (deck) == CW_DIGITS_NATIVE)
    add_child (meta, "digits", "native");

  output = add_child (root, "output", NULL);
  set_prop (output, "format", cw_deck_get_format (deck));
  set_number (output, "fps", cw_deck_get_fps (deck));
  if (cw_deck_get_transparent (deck))
    set_prop (output, "background", "transparent");

  write_theme (root, cw_deck_get_theme (deck));
  write_soundtrack (root, deck);
  write_statistics (root, deck);

  slides = add_child (root, "slides", NULL);
  n = cw_deck_get_n_slides (deck);
  for (guint i = 0; i < n; i++)
    write_slide (slides, cw_deck_get_slide (deck, i));

  write_translations (root, deck);

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &len, "UTF-8", 1);
  bytes = g_bytes_new (buffer, len);
  xmlFree (buffer);
  return bytes;
}

static char *
explain_write_error (GFile        *file,
                     const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return g_strdup_printf (_("Could not save %s: the disk is full. Free some space, or save the deck somewhere else."),
                            name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    return g_strdup_printf (_("Could not save %s: you may not write there. Save the deck in a folder of your own."),
                            name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup_printf (_("Could not save %s: the folder does not exist. Choose another folder."),
                            name);
  return g_strdup_printf (_("Could not save %s: %s"), name, error->message);
}

/**
 * cw_deck_save_file_full:
 * @flags: what to do with a symbolic link at @file
 *
 * Writes the deck to @file atomically (see cw_file_replace()): the new
 * content goes to a temporary file that replaces the old one only once it
 * is complete and on disk, so a full disk or a crash never leaves a
 * half-written deck, and a temporary file a killed save left is removed.
 * A symbolic link at @file is replaced by the deck, unless @flags has
 * %CW_WRITE_FOLLOW_LINK, which saves to the file the link points to.
 */
gboolean
cw_deck_save_file_full (CwDeck        *deck,
                        GFile         *file,
                        CwWriteFlags   flags,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CW_IS_DECK (deck), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = cw_deck_save_to_bytes (deck);
  if (!cw_file_replace (file, bytes, flags, cancellable, &local_error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      message = explain_write_error (file, local_error);
      g_set_error_literal (error, local_error->domain, local_error->code, message);
      return FALSE;
    }

  cw_deck_set_file (deck, file);
  return TRUE;
}

/**
 * cw_deck_save_file:
 *
 * Saves the deck where it lives: as cw_deck_save_file_full(), and a
 * symbolic link is followed, so the deck the user opened through it is
 * the one that changes and the link stays.
 */
gboolean
cw_deck_save_file (CwDeck        *deck,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return cw_deck_save_file_full (deck, file, CW_WRITE_FOLLOW_LINK, cancellable, error);
}

typedef struct
{
  CwDeck *snapshot;
  GFile  *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->snapshot);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (cw_deck_save_file (data->snapshot, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cw_deck_save_file_async:
 *
 * Saves a snapshot of @deck taken now, so the user can keep editing while
 * it is written. The deck's file is not changed; set it on success.
 */
void
cw_deck_save_file_async (CwDeck              *deck,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CW_IS_DECK (deck));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (SaveData, 1);
  data->snapshot = cw_deck_copy (deck);
  data->file = g_object_ref (file);

  task = g_task_new (deck, cancellable, callback, user_data);
  g_task_set_source_tag (task, cw_deck_save_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_file_thread);
}

gboolean
cw_deck_save_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  /* the task's source is the deck being saved */
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cw_deck_save_file_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
