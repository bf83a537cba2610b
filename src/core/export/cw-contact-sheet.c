/* cw-contact-sheet.c
 *
 * For the person who approves a clip and would rather look at one picture
 * than scrub a video: every slide as it looks once settled, numbered, with
 * its duration, in a grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cw-autocleanups.h"
#include "cw-fonts.h"
#include "cw-number.h"
#include "cw-contact-sheet.h"

static void
draw_text (cairo_t    *cr,
           const char *text,
           int         weight,
           double      size,
           double      x,
           double      y,
           double      width,
           double      grey)
{
  g_autoptr(PangoContext) context = cw_fonts_create_context (cr);
  g_autoptr(PangoLayout) layout = NULL;

  layout = cw_text_layout_new (context, text, CW_FONTS_DEFAULT_FAMILY, weight, size, -1, 0, PANGO_ALIGN_LEFT, TRUE);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Paints @frame scaled by @scale into the tile at (@x, @y). */
static void
paint_thumbnail (cairo_t         *cr,
                 cairo_surface_t *frame,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 double           scale)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, frame, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * cw_contact_sheet_render:
 * @title: the heading of the sheet (the deck's title)
 * @thumb_width: the width of each frame on the sheet, in pixels
 *
 * Returns: (transfer full): an RGB24 image of every slide, settled
 */
cairo_surface_t *
cw_contact_sheet_render (CwRenderer *renderer,
                         const char *title,
                         int         thumb_width)
{
  const CwFormat *format = cw_renderer_get_format (renderer);
  guint n = cw_renderer_get_n_slides (renderer);
  double scale = (double) thumb_width / format->width;
  int thumb_height = (int) round (format->height * scale);
  guint columns = format->width < format->height ? 6 : format->width == format->height ? 4 : 3;
  const int gap = 24, caption = 44, header = 96, margin = 36;
  guint rows;
  int width, height;
  cairo_surface_t *sheet;
  g_autoptr(cairo_t) cr = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *slides = NULL;

  columns = MAX (1, MIN (columns, n));
  rows = MAX (1, (n + columns - 1) / columns);
  width = margin * 2 + columns * thumb_width + (columns - 1) * gap;
  height = header + margin + rows * (thumb_height + caption) + (rows - 1) * gap;

  sheet = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (sheet);
  cairo_set_source_rgb (cr, 0.11, 0.11, 0.12);
  cairo_paint (cr);

  duration = cw_number_format (cw_renderer_get_language (renderer), CW_NUMBER_DECIMAL,
                               cw_renderer_get_duration (renderer), 1);
  slides = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slide", "%u slides", n), n);
  /* Translators: under the title of a contact sheet: format, size, language, duration in seconds, slides */
  subtitle = g_strdup_printf (_("%s · %d×%d · %s · %s s · %s"), format->label, format->width,
                              format->height, cw_renderer_get_language (renderer), duration, slides);
  draw_text (cr, title ? title : "", 700, 30, margin, 18, width - 2 * margin, 0.95);
  draw_text (cr, subtitle, 400, 20, margin, 58, width - 2 * margin, 0.65);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(cairo_surface_t) frame = cw_renderer_render_frame (renderer,
                                                                    cw_renderer_get_settled_frame (renderer, i));
      guint first, frames;
      int x = margin + (i % columns) * (thumb_width + gap);
      int y = header + (i / columns) * (thumb_height + caption + gap);
      g_autofree char *seconds = NULL;
      g_autofree char *label = NULL;

      paint_thumbnail (cr, frame, x, y, thumb_width, thumb_height, scale);

      cw_renderer_get_slide_frames (renderer, i, &first, &frames);
      seconds = cw_number_format (cw_renderer_get_language (renderer), CW_NUMBER_DECIMAL,
                                  (double) frames / cw_renderer_get_fps (renderer), 1);
      /* Translators: under each frame of a contact sheet: slide number, slide id, seconds */
      label = g_strdup_printf (_("%u · %s · %s s"), i + 1, cw_renderer_get_slide_id (renderer, i), seconds);
      draw_text (cr, label, 600, 20, x, y + thumb_height + 10, thumb_width, 0.85);
    }

  cairo_surface_flush (sheet);
  return sheet;
}

void
cw_sheet_tile_free (CwSheetTile *tile)
{
  if (tile == NULL)
    return;
  g_clear_object (&tile->renderer);
  g_free (tile->caption);
  g_clear_pointer (&tile->marks, g_array_unref);
  g_free (tile);
}

/**
 * cw_contact_sheet_render_tiles:
 * @tiles: (element-type CwSheetTile): the frames, of any formats
 * @thumb_width: the width of each frame on the sheet, in pixels
 *
 * A sheet of chosen frames with problems outlined on them and numbered,
 * for people who would rather look than read coordinates.
 *
 * Returns: (transfer full): an RGB24 image
 */
cairo_surface_t *
cw_contact_sheet_render_tiles (const char *title,
                               const char *subtitle,
                               GPtrArray  *tiles,
                               int         thumb_width)
{
  const int gap = 24, caption = 44, header = 96, margin = 36;
  guint columns = MAX (1, MIN (6, tiles->len));
  guint rows = MAX (1, (tiles->len + columns - 1) / columns);
  g_autofree int *row_height = g_new0 (int, rows);
  int width, height, y;
  cairo_surface_t *sheet;
  g_autoptr(cairo_t) cr = NULL;

  for (guint i = 0; i < tiles->len; i++)
    {
      const CwFormat *format = cw_renderer_get_format (((CwSheetTile *) g_ptr_array_index (tiles, i))->renderer);
      int h = (int) round ((double) format->height * thumb_width / format->width);

      row_height[i / columns] = MAX (row_height[i / columns], h);
    }
  width = margin * 2 + columns * thumb_width + (columns - 1) * gap;
  height = header + margin;
  for (guint r = 0; r < rows; r++)
    height += MAX (row_height[r], 1) + caption + (r > 0 ? gap : 0);

  sheet = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (sheet);
  cairo_set_source_rgb (cr, 0.11, 0.11, 0.12);
  cairo_paint (cr);
  draw_text (cr, title ? title : "", 700, 30, margin, 18, width - 2 * margin, 0.95);
  draw_text (cr, subtitle ? subtitle : "", 400, 20, margin, 58, width - 2 * margin, 0.65);

  y = header;
  for (guint i = 0; i < tiles->len; i++)
    {
      CwSheetTile *tile = g_ptr_array_index (tiles, i);
      const CwFormat *format = cw_renderer_get_format (tile->renderer);
      double scale = (double) thumb_width / format->width;
      int x = margin + (i % columns) * (thumb_width + gap);
      int thumb_height = (int) round (format->height * scale);
      g_autoptr(cairo_surface_t) frame = cw_renderer_render_frame (tile->renderer, tile->frame);

      if (i > 0 && i % columns == 0)
        y += row_height[i / columns - 1] + caption + gap;

      paint_thumbnail (cr, frame, x, y, thumb_width, thumb_height, scale);

      for (guint m = 0; m < tile->marks->len; m++)
        {
          const CwSheetMark *mark = &g_array_index (tile->marks, CwSheetMark, m);
          CwRect r = mark->area;
          g_autofree char *number = g_strdup_printf ("%u", mark->number);
          double bx, by;

          if (r.width <= 0 || r.height <= 0)
            r = (CwRect) { 0, 0, format->width, format->height };
          bx = x + r.x * scale - 2;
          by = y + r.y * scale - 2;
          if (mark->error)
            cairo_set_source_rgb (cr, 1.0, 0.23, 0.19);
          else
            cairo_set_source_rgb (cr, 1.0, 0.76, 0.1);
          cairo_set_line_width (cr, 3);
          cairo_rectangle (cr, bx, by, r.width * scale + 4, r.height * scale + 4);
          cairo_stroke (cr);
          /* the number on a tag at the outline's corner, inside the frame */
          bx = CLAMP (bx, x, x + thumb_width - 28);
          by = CLAMP (by - 24, y, y + thumb_height - 24);
          cairo_rectangle (cr, bx, by, 12 + 11 * strlen (number), 24);
          cairo_fill (cr);
          draw_text (cr, number, 700, 16, bx + 6, by + 1, 60, 0.0);
        }

      draw_text (cr, tile->caption, 600, 20, x, y + thumb_height + 10, thumb_width, 0.85);
    }

  cairo_surface_flush (sheet);
  return sheet;
}
