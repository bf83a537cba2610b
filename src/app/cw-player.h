/* cw-player.h: the preview of a deck: layout, frames and playback, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_PLAYER (cw_player_get_type ())

G_DECLARE_FINAL_TYPE (CwPlayer, cw_player, CW, PLAYER, GObject)

CwPlayer     *cw_player_new              (CwDeck      *deck);
CwDeck       *cw_player_get_deck         (CwPlayer    *self);
CwRenderer   *cw_player_get_renderer     (CwPlayer    *self);
const char   *cw_player_get_format       (CwPlayer    *self);
void          cw_player_set_format       (CwPlayer    *self,
                                          const char  *format);
const char   *cw_player_get_language     (CwPlayer    *self);
void          cw_player_set_language     (CwPlayer    *self,
                                          const char  *language);
void          cw_player_set_preview_width (CwPlayer   *self,
                                          int          width);
guint         cw_player_get_frame        (CwPlayer    *self);
void          cw_player_seek             (CwPlayer    *self,
                                          guint        frame);
void          cw_player_seek_to_slide    (CwPlayer    *self,
                                          guint        slide);
guint         cw_player_get_n_frames     (CwPlayer    *self);
guint         cw_player_get_fps          (CwPlayer    *self);
guint         cw_player_get_slide        (CwPlayer    *self);
gboolean      cw_player_get_playing      (CwPlayer    *self);
void          cw_player_set_playing      (CwPlayer    *self,
                                          gboolean     playing);
gboolean      cw_player_get_loop         (CwPlayer    *self);
void          cw_player_set_loop         (CwPlayer    *self,
                                          gboolean     loop);
GdkTexture   *cw_player_get_texture      (CwPlayer    *self);
void          cw_player_tick             (CwPlayer    *self,
                                          gint64       frame_time);
GdkTexture   *cw_player_get_thumbnail    (CwPlayer    *self,
                                          const char  *slide_id);
gboolean      cw_player_get_busy         (CwPlayer    *self);

G_END_DECLS
