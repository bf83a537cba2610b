/* cw-renderer-private.h: what tests see of the renderer's layer cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-renderer.h"

G_BEGIN_DECLS

guint cw_renderer_get_n_layers (CwRenderer *self);

G_END_DECLS
