/* cw-captions.c: timed captions (SRT, WebVTT) and the post description
 *
 * One cue per slide that has text, shown for exactly the frames the slide
 * is on screen, with the texts as the viewer reads them once the slide has
 * settled: counters at their final value, in the language's digits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cw-captions.h"

/**
 * cw_captions_format_time:
 * @ms: milliseconds from the start of the clip
 *
 * Returns: (transfer full): "HH:MM:SS,mmm" for SRT, "HH:MM:SS.mmm" for WebVTT
 */
char *
cw_captions_format_time (gint64         ms,
                         CwCaptionsKind kind)
{
  ms = MAX (ms, 0);
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02d:%02d%c%03d",
                          ms / 3600000, (int) (ms / 60000 % 60), (int) (ms / 1000 % 60),
                          kind == CW_CAPTIONS_SRT ? ',' : '.', (int) (ms % 1000));
}

/**
 * cw_captions_escape:
 *
 * Returns: (transfer full): @text as cue text: its line breaks kept but no
 *   blank line (which would end the cue), and in WebVTT &, < and > as
 *   entities, so no text is taken for markup or for a timing line's arrow.
 */
char *
cw_captions_escape (const char     *text,
                    CwCaptionsKind  kind)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strchomp (lines[i]);

      if (*line == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      for (const char *p = line; *p; p++)
        {
          if (kind == CW_CAPTIONS_VTT && *p == '&')
            g_string_append (out, "&amp;");
          else if (kind == CW_CAPTIONS_VTT && *p == '<')
            g_string_append (out, "&lt;");
          else if (kind == CW_CAPTIONS_VTT && *p == '>')
            g_string_append (out, "&gt;");
          else if (*p == '\r')
            continue;
          else
            g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* The cue's text: the slide's texts in reading order, one per line. */
static char *
slide_text (CwScene        *scene,
            CwCaptionsKind  kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scene->texts->len; i++)
    {
      g_autofree char *text = cw_captions_escape (g_ptr_array_index (scene->texts, i), kind);

      if (*text == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

/* WebVTT cue settings that keep the cue inside the format's safe area, at
 * its foot, clear of the platform's buttons and captions around it. */
static char *
vtt_settings (const CwFormat *format)
{
  double bottom = (format->safe.y + format->safe.height) * 100.0 / format->height;
  double center = (format->safe.x + format->safe.width / 2) * 100.0 / format->width;
  double size = format->safe.width * 100.0 / format->width;
  char b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], s[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (b, sizeof b, "%.2f", CLAMP (bottom, 0, 100));
  g_ascii_formatd (c, sizeof c, "%.2f", CLAMP (center, 0, 100));
  g_ascii_formatd (s, sizeof s, "%.2f", CLAMP (size, 0, 100));
  return g_strdup_printf ("line:%s%%,end position:%s%%,center size:%s%% align:center", b, c, s);
}

/**
 * cw_captions_build:
 *
 * Returns: (transfer full): the clip's captions, one cue per slide with
 *   text, from its first frame to the first frame after it
 */
char *
cw_captions_build (CwRenderer     *renderer,
                   CwCaptionsKind  kind)
{
  GString *out = g_string_new (NULL);
  g_autofree char *settings = NULL;
  guint fps = cw_renderer_get_fps (renderer);
  guint cue = 0;

  if (kind == CW_CAPTIONS_VTT)
    {
      g_string_append (out, "WEBVTT\n");
      settings = vtt_settings (cw_renderer_get_format (renderer));
    }

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);
      g_autofree char *text = slide_text (scene, kind);
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      guint first, n;

      cw_renderer_get_slide_frames (renderer, i, &first, &n);
      /* a cue must last; a slide with no text or no frame has none */
      if (*text == '\0' || n == 0)
        continue;
      /* rounded to the nearest millisecond: the frame a player shows at
       * the cue's start is then the slide's first */
      start = cw_captions_format_time ((gint64) llround (first * 1000.0 / fps), kind);
      end = cw_captions_format_time ((gint64) llround ((first + n) * 1000.0 / fps), kind);

      /* a blank line before every cue, none after the last */
      if (out->len > 0)
        g_string_append_c (out, '\n');
      cue++;
      if (kind == CW_CAPTIONS_SRT)
        g_string_append_printf (out, "%u\n%s --> %s\n%s\n", cue, start, end, text);
      else
        {
          const char *id = cw_renderer_get_slide_id (renderer, i);

          /* the slide's id names the cue, unless it could be taken for a
           * timing line or end the cue early */
          if (id != NULL && *id != '\0' && strstr (id, "-->") == NULL && strchr (id, '\n') == NULL)
            g_string_append_printf (out, "%s\n", id);
          g_string_append_printf (out, "%s --> %s %s\n%s\n", start, end, settings, text);
        }
    }
  return g_string_free (out, FALSE);
}

static void
add_unique (GPtrArray  *lines,
            const char *line)
{
  if (line == NULL || *line == '\0')
    return;
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return;
  g_ptr_array_add (lines, g_strdup (line));
}

/**
 * cw_captions_build_description:
 *
 * Returns: (transfer full): the text to post with the clip, in its
 *   language: the slides' texts in reading order, a paragraph each; then
 *   the figures' source lines (source and as-of date), each once; then
 *   whom to call.
 */
char *
cw_captions_build_description (CwRenderer *renderer)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hotlines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cw_renderer_get_n_slides (renderer); i++)
    {
      CwScene *scene = cw_renderer_get_scene (renderer, i);
      gboolean any = FALSE;

      for (guint j = 0; j < scene->texts->len; j++)
        {
          const char *text = g_ptr_array_index (scene->texts, j);

          /* the fine print and the number to call are gathered at the end */
          if (text == NULL || *text == '\0' ||
              (j + 1 == scene->texts->len && g_strcmp0 (text, scene->source_line) == 0) ||
              g_strcmp0 (text, scene->hotline) == 0)
            continue;
          g_string_append (out, text);
          g_string_append_c (out, '\n');
          any = TRUE;
        }
      if (any)
        g_string_append_c (out, '\n');
      add_unique (sources, scene->source_line);
      add_unique (hotlines, scene->hotline);
    }

  for (guint i = 0; i < sources->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (sources, i));
  if (sources->len > 0 && hotlines->len > 0)
    g_string_append_c (out, '\n');
  for (guint i = 0; i < hotlines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (hotlines, i));

  /* one final newline, never a trailing blank line */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
