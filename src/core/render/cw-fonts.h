/* cw-fonts.h: the fonts the renderer draws with, and text layout shared by measuring and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "cw-autocleanups.h"

G_BEGIN_DECLS

/**
 * CwTextExtents:
 * @lines: how many lines the text takes
 * @width: the width of its widest line, in pixels
 * @height: the height of all its lines, in pixels
 */
typedef struct
{
  guint  lines;
  double width;
  double height;
} CwTextExtents;

/**
 * CwTextRequest:
 *
 * What a text is laid out with (see cw_text_layout_new()): the same
 * request gives the same layout, so caches of layouts and of their
 * measurements are keyed by it. Sizes compare exactly.
 */
typedef struct
{
  char           *text;
  char           *family;
  int             weight;
  double          size;
  double          width;
  double          line_height;
  PangoAlignment  align;
  gboolean        tabular;
} CwTextRequest;

/* the font of a theme that names none */
#define CW_FONTS_DEFAULT_FAMILY "Noto Sans"

const char * const *cw_fonts_get_fallback_families (void);
char        **cw_fonts_list_missing_fallbacks (void);
gboolean      cw_font_family_is_installed   (const char         *family);
PangoFontMap *cw_fonts_get_font_map         (void);
PangoContext *cw_fonts_create_context       (cairo_t            *cr);
PangoContext *cw_fonts_get_measure_context  (void);
PangoLayout  *cw_text_layout_new            (PangoContext       *context,
                                             const char         *text,
                                             const char         *family,
                                             int                 weight,
                                             double              size,
                                             double              width,
                                             double              line_height,
                                             PangoAlignment      align,
                                             gboolean            tabular);
GArray       *cw_fonts_find_missing         (const char         *text,
                                             const char * const *families);
void          cw_text_measure               (const char         *text,
                                             const char         *family,
                                             int                 weight,
                                             double              size,
                                             double              width,
                                             double              line_height,
                                             PangoAlignment      align,
                                             gboolean            tabular,
                                             CwTextExtents      *extents);
guint         cw_text_request_hash          (gconstpointer       request);
gboolean      cw_text_request_equal         (gconstpointer       a,
                                             gconstpointer       b);
void          cw_text_request_copy          (const CwTextRequest *request,
                                             CwTextRequest      *copy);
void          cw_text_request_clear         (CwTextRequest      *request);
guint         cw_fonts_get_n_layouts        (void);
guint         cw_fonts_get_n_font_maps      (void);
void          cw_fonts_release_fonts        (void);
GQuark        cw_fonts_map_cache_quark      (void);

G_END_DECLS
