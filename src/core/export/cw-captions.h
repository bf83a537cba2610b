/* cw-captions.h: timed captions (SRT, WebVTT) and the post description,
 * from the slides a renderer lays out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-deck.h"
#include "cw-renderer.h"

G_BEGIN_DECLS

#define CW_CAPTIONS_SRT_NAME "captions.srt"
#define CW_CAPTIONS_VTT_NAME "captions.vtt"

typedef enum
{
  CW_CAPTIONS_SRT,
  CW_CAPTIONS_VTT,
} CwCaptionsKind;

char *cw_captions_format_time       (gint64          ms,
                                     CwCaptionsKind  kind);
char *cw_captions_escape            (const char     *text,
                                     CwCaptionsKind  kind);
char *cw_captions_build             (CwRenderer     *renderer,
                                     CwCaptionsKind  kind);
char *cw_captions_build_description (CwRenderer     *renderer);

G_END_DECLS
