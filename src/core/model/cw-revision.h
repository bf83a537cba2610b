/* cw-revision.h: how undo tells that a part of a deck did not change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CwRevision:
 *
 * The parts of a deck (statistics, slides, the theme, catalogs) each take
 * a new revision whenever they change, and a copy keeps its original's, so
 * two parts with the same revision hold the same content: undo tells what
 * changed by comparing numbers, not contents (see cw_deck_snapshot_new()),
 * and comparing two parts stops there. Never 0.
 */
typedef guint64 CwRevision;

CwRevision cw_revision_next    (void);
void       cw_revision_changed (CwRevision *revision,
                                gpointer    part,
                                GParamSpec *pspec,
                                guint       signal_id);

G_END_DECLS
