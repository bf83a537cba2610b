/* cw-theme.h: palette, fonts and logo of a deck
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-color.h"
#include "cw-image.h"
#include "cw-statistic.h"

G_BEGIN_DECLS

typedef enum
{
  CW_COLOR_BACKGROUND,
  CW_COLOR_BACKGROUND_END,
  CW_COLOR_SURFACE,
  CW_COLOR_TEXT,
  CW_COLOR_MUTED,
  CW_COLOR_ACCENT,
  CW_COLOR_ALERT,
  CW_COLOR_HARM,
  CW_COLOR_NEUTRAL,
  CW_N_COLOR_ROLES
} CwColorRole;

typedef enum
{
  CW_FONT_HEADING,
  CW_FONT_BODY,
  CW_FONT_NUMBER,
  CW_N_FONT_ROLES
} CwFontRole;

/**
 * CwAlign:
 * @CW_ALIGN_START: texts start at the left (the right in right-to-left languages)
 * @CW_ALIGN_CENTER: texts are centered
 *
 * How every slide of a deck aligns its texts, so the clip keeps one line.
 */
typedef enum
{
  CW_ALIGN_START,
  CW_ALIGN_CENTER,
  CW_N_ALIGNS
} CwAlign;

/**
 * CwTexture:
 * @CW_TEXTURE_CONTOURS: contour lines of land, like a survey map
 * @CW_TEXTURE_GRAIN: a fine grain, like paper
 * @CW_TEXTURE_GRADIENT: the background's gradient alone
 *
 * What lies behind the content. None draws a target: a bullseye has no
 * place on a clip about landmines.
 */
typedef enum
{
  CW_TEXTURE_CONTOURS,
  CW_TEXTURE_GRAIN,
  CW_TEXTURE_GRADIENT,
  CW_N_TEXTURES
} CwTexture;

/**
 * CwAmbient:
 * @CW_AMBIENT_NONE: the background is still during holds
 * @CW_AMBIENT_DRIFT: the texture drifts slowly closer, and back, while a
 *   slide holds
 *
 * Whether the background moves gently while nothing else does. Off by
 * default: every frame that moves costs export time and file size, where a
 * still hold is written once.
 */
typedef enum
{
  CW_AMBIENT_NONE,
  CW_AMBIENT_DRIFT,
  CW_N_AMBIENTS
} CwAmbient;

#define CW_TYPE_THEME (cw_theme_get_type ())

G_DECLARE_FINAL_TYPE (CwTheme, cw_theme, CW, THEME, GObject)

CwTheme       *cw_theme_new                (const char    *base);
CwTheme       *cw_theme_copy               (CwTheme       *self);
guint64        cw_theme_get_revision       (CwTheme       *self);
gboolean       cw_theme_equal              (CwTheme       *a,
                                            CwTheme       *b);
const char    *cw_theme_get_base           (CwTheme       *self);
void           cw_theme_set_base           (CwTheme       *self,
                                            const char    *base);
CwColor        cw_theme_get_color          (CwTheme       *self,
                                            CwColorRole    role);
CwColor        cw_theme_get_tone_color     (CwTheme       *self,
                                            CwTone         tone);
CwColor        cw_theme_get_track_color    (CwTheme       *self);
gboolean       cw_theme_has_color          (CwTheme       *self,
                                            CwColorRole    role);
void           cw_theme_set_color          (CwTheme       *self,
                                            CwColorRole    role,
                                            const CwColor *color);
const char    *cw_theme_get_font_family    (CwTheme       *self,
                                            CwFontRole     role);
int            cw_theme_get_font_weight    (CwTheme       *self,
                                            CwFontRole     role);
gboolean       cw_theme_has_font           (CwTheme       *self,
                                            CwFontRole     role);
void           cw_theme_set_font           (CwTheme       *self,
                                            CwFontRole     role,
                                            const char    *family,
                                            int            weight);
CwImage       *cw_theme_get_logo           (CwTheme       *self);
const char    *cw_theme_get_logo_href      (CwTheme       *self);
void           cw_theme_set_logo           (CwTheme       *self,
                                            CwImage       *logo,
                                            const char    *href);

CwAlign        cw_theme_get_align          (CwTheme       *self);
gboolean       cw_theme_has_align          (CwTheme       *self);
void           cw_theme_set_align          (CwTheme       *self,
                                            CwAlign        align);
CwTexture      cw_theme_get_texture        (CwTheme       *self);
gboolean       cw_theme_has_texture        (CwTheme       *self);
void           cw_theme_set_texture        (CwTheme       *self,
                                            CwTexture      texture);
CwAmbient      cw_theme_get_ambient        (CwTheme       *self);
void           cw_theme_set_ambient        (CwTheme       *self,
                                            CwAmbient      ambient);
const char    *cw_align_to_string          (CwAlign        align);
gboolean       cw_align_from_string        (const char    *str,
                                            CwAlign       *align);
const char    *cw_texture_to_string        (CwTexture      texture);
gboolean       cw_texture_from_string      (const char    *str,
                                            CwTexture     *texture);
const char    *cw_ambient_to_string        (CwAmbient      ambient);
gboolean       cw_ambient_from_string      (const char    *str,
                                            CwAmbient     *ambient);

CwColorRole    cw_tone_get_color_role      (CwTone         tone);

const char    *cw_color_role_to_string     (CwColorRole    role);
gboolean       cw_color_role_from_string   (const char    *str,
                                            CwColorRole   *role);
const char    *cw_color_role_get_label     (CwColorRole    role);
const char    *cw_font_role_to_string      (CwFontRole     role);
gboolean       cw_font_role_from_string    (const char    *str,
                                            CwFontRole    *role);
const char    *cw_font_role_get_label      (CwFontRole     role);
const char    *cw_font_weight_to_string    (int            weight);
gboolean       cw_font_weight_from_string  (const char    *str,
                                            int           *weight);

const char * const *cw_theme_list_builtin  (void);
gboolean       cw_theme_is_builtin         (const char    *name);
const char    *cw_theme_get_builtin_label  (const char    *name);

G_END_DECLS
