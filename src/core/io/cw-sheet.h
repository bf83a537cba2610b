/* cw-sheet.h: tables from OpenDocument (.ods) and Office Open XML (.xlsx) spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the archive as a file: statistics tables are far smaller */
#define CW_SHEET_MAX_BYTES         (16 * 1024 * 1024)
/* one XML part, inflated: it becomes a tree in memory */
#define CW_SHEET_MAX_PART_BYTES    (32 * 1024 * 1024)
/* every entry together, inflated, as the archive declares them */
#define CW_SHEET_MAX_TOTAL_BYTES   (128 * 1024 * 1024)
/* inflated to compressed, for entries past CW_SHEET_RATIO_FROM bytes */
#define CW_SHEET_MAX_RATIO         100
#define CW_SHEET_RATIO_FROM        (1024 * 1024)
#define CW_SHEET_MAX_ENTRIES       4096
#define CW_SHEET_MAX_ROWS          100000
#define CW_SHEET_MAX_COLUMNS       1024
#define CW_SHEET_MAX_CELLS         1000000

gboolean   cw_sheet_is_spreadsheet (GBytes      *bytes);
GStrv      cw_sheet_list_sheets    (GBytes      *bytes,
                                    const char  *display_name,
                                    GError     **error);
GPtrArray *cw_sheet_read           (GBytes      *bytes,
                                    const char  *display_name,
                                    const char  *sheet,
                                    char       **sheet_read,
                                    GError     **error);
char      *cw_sheet_cell_name      (guint        column,
                                    guint        row);

G_END_DECLS
