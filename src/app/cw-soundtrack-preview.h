/* cw-soundtrack-preview.h: the deck's soundtrack, heard while the preview plays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_SOUNDTRACK_PREVIEW (cw_soundtrack_preview_get_type ())

G_DECLARE_FINAL_TYPE (CwSoundtrackPreview, cw_soundtrack_preview, CW, SOUNDTRACK_PREVIEW, GObject)

CwSoundtrackPreview *cw_soundtrack_preview_new          (CwPlayer *player);
gboolean             cw_soundtrack_preview_is_available (void);

G_END_DECLS
