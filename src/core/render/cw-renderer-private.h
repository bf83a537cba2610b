/* cw-renderer-private.h: what tests see of the renderer's layer cache and frame targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-renderer.h"

G_BEGIN_DECLS

guint    cw_renderer_get_n_layers          (CwRenderer    *self);
guint    cw_renderer_get_n_backdrops_drawn (CwRenderer    *self);
guint    cw_renderer_get_n_layers_drawn    (CwRenderer    *self);
gboolean cw_frame_target_get_reused        (CwFrameTarget *target);
guint64  cw_frame_target_get_n_put_back    (CwFrameTarget *target);

G_END_DECLS
