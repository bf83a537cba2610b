/* cw-statistics-view.h: the deck's figures as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_STATISTICS_VIEW (cw_statistics_view_get_type ())

G_DECLARE_FINAL_TYPE (CwStatisticsView, cw_statistics_view, CW, STATISTICS_VIEW, GtkWidget)

void         cw_statistics_view_set_deck     (CwStatisticsView *self,
                                              CwDeck           *deck);
CwStatistic *cw_statistics_view_get_selected (CwStatisticsView *self);
void         cw_statistics_view_select       (CwStatisticsView *self,
                                              CwStatistic      *statistic);
void         cw_statistics_view_show         (CwStatisticsView *self,
                                              CwStatistic      *statistic);
gboolean     cw_statistics_view_commit_cell  (CwStatisticsView *self,
                                              CwStatistic      *statistic,
                                              const char       *column,
                                              const char       *text,
                                              GError          **error);
const char  *cw_statistics_view_get_feedback (CwStatisticsView *self);

G_END_DECLS
