/* cw-lint.h: checks of the rendered clip, in every format and language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-diagnostic.h"
#include "cw-format.h"

G_BEGIN_DECLS

/* the "version" of the JSON document cw_lint_to_json() writes; it changes
 * only when a field changes meaning or goes (data/lint-schema.json) */
#define CW_LINT_JSON_VERSION 1

/* The smallest x-height a text may have, as a fraction of the frame's
 * height: 40 px body text on full HD shown on a phone [E25, legibility.info]
 * in Noto Sans, whose x-height is 0.536 of its size, is 21.4 px on a
 * 1920 px frame (derived; see docs in data/lint-checks.md). */
#define CW_LINT_MIN_X_HEIGHT 0.0110

GPtrArray       *cw_lint_deck          (CwDeck               *deck,
                                        GPtrArray            *formats,
                                        const char * const   *languages,
                                        GDateTime            *now,
                                        GCancellable         *cancellable,
                                        GError              **error);
void             cw_lint_deck_async    (CwDeck               *deck,
                                        GPtrArray            *formats,
                                        const char * const   *languages,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray       *cw_lint_deck_finish   (GAsyncResult         *result,
                                        GError              **error);

void             cw_lint_count         (GPtrArray            *results,
                                        guint                *n_errors,
                                        guint                *n_warnings,
                                        guint                *n_notes);
const char      *cw_severity_to_string (CwSeverity            severity);
char            *cw_lint_describe      (const CwDiagnostic   *result,
                                        guint                 number);
char            *cw_lint_to_json       (GPtrArray            *results,
                                        const char           *deck_name,
                                        GPtrArray            *formats,
                                        const char * const   *languages);
cairo_surface_t *cw_lint_render_sheet  (CwDeck               *deck,
                                        GPtrArray            *results,
                                        GPtrArray            *formats,
                                        const char           *title,
                                        int                   thumb_width);

double           cw_contrast_ratio     (double                l1,
                                        double                l2);

G_END_DECLS
