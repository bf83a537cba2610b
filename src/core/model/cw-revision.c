/* cw-revision.c: how undo tells that a part of a deck did not change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-revision.h"

/**
 * cw_revision_next:
 *
 * Returns: a revision not handed out before in this process, from any
 *   thread; never 0
 */
CwRevision
cw_revision_next (void)
{
  /* pointer-sized, for g_atomic_pointer_add() */
  static gsize last;

  return (CwRevision) g_atomic_pointer_add (&last, 1) + 1;
}

/**
 * cw_revision_changed:
 * @revision: the revision of @part
 * @part: a part of a deck that has just changed
 * @pspec: (nullable): the property that changed, if one did
 * @signal_id: the signal that tells of any change of @part, or 0
 *
 * Gives @part a new revision before anyone hears of the change, so that
 * a handler that takes a snapshot sees the part as changed.
 */
void
cw_revision_changed (CwRevision *revision,
                     gpointer    part,
                     GParamSpec *pspec,
                     guint       signal_id)
{
  g_return_if_fail (G_IS_OBJECT (part));

  *revision = cw_revision_next ();
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (part), pspec);
  if (signal_id != 0)
    g_signal_emit (part, signal_id, 0);
}
