/* cw-format.h: output formats (frame sizes), the safe zones of each platform,
 * and the frame rates the platforms take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CW_FORMAT_MIN_SIDE 128
#define CW_FORMAT_MAX_SIDE 4096

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} CwRect;

/**
 * CwFormat:
 * @name: "tiktok", "square"…, or "WxH" for a custom size
 * @label: a name for people ("TikTok")
 * @aspect: "9:16", "1:1"…
 * @width: frame width in pixels, always even
 * @height: frame height in pixels, always even
 * @safe: the part of the frame no platform interface covers
 */
typedef struct
{
  char   *name;
  char   *label;
  char   *aspect;
  int     width;
  int     height;
  CwRect  safe;
} CwFormat;

/**
 * CwZone:
 * @name: "top", "bottom", "right"…
 * @label: what covers it, for people ("Like, comment and share buttons")
 * @rect: the part of the frame it covers, in pixels
 */
typedef struct
{
  const char *name;
  const char *label;
  CwRect      rect;
} CwZone;

#define CW_TYPE_FORMAT (cw_format_get_type ())

GType          cw_format_get_type   (void) G_GNUC_CONST;
CwFormat      *cw_format_lookup     (const char     *spec,
                                     GError        **error);
CwFormat      *cw_format_copy       (const CwFormat *self);
void           cw_format_free       (CwFormat       *self);
const char * const *cw_format_list_names (void);
gboolean       cw_format_is_vertical (const CwFormat *self);
CwFormat      *cw_format_scaled     (const CwFormat *self,
                                     int             width);
GArray        *cw_format_list_zones (const CwFormat *self);

const guint   *cw_frame_rates_list      (guint          *n_rates);
gboolean       cw_frame_rate_is_valid   (guint           fps);
char          *cw_frame_rates_to_string (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwFormat, cw_format_free)

G_END_DECLS
