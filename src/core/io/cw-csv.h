/* cw-csv.h: statistics from tables (CSV, and .ods and .xlsx through cw-sheet.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"

G_BEGIN_DECLS

#define CW_CSV_MAX_BYTES (8 * 1024 * 1024)

typedef struct
{
  guint  line;
  GStrv  fields;
} CwCsvRow;

GPtrArray *cw_csv_parse                (GBytes      *bytes,
                                        const char  *display_name,
                                        char        *delimiter,
                                        GError     **error);

gboolean   cw_csv_parse_number         (const char  *text,
                                        char         delimiter,
                                        double      *value);
GPtrArray *cw_table_read               (GBytes      *bytes,
                                        const char  *display_name,
                                        const char  *sheet,
                                        char       **sheet_read,
                                        char        *delimiter,
                                        GError     **error);

#define CW_TYPE_CSV_IMPORT (cw_csv_import_get_type ())

G_DECLARE_FINAL_TYPE (CwCsvImport, cw_csv_import, CW, CSV_IMPORT, GObject)

CwCsvImport *cw_csv_import_new_from_bytes (GBytes       *bytes,
                                           const char   *display_name,
                                           GError      **error);
CwCsvImport *cw_csv_import_new_from_sheet (GBytes       *bytes,
                                           const char   *display_name,
                                           const char   *sheet,
                                           GError      **error);
CwCsvImport *cw_csv_import_new_from_file  (GFile        *file,
                                           GError      **error);
CwCsvImport *cw_csv_import_new_from_file_for_sheet (GFile       *file,
                                                    const char  *sheet,
                                                    GError     **error);
void         cw_csv_import_new_from_file_async  (GFile               *file,
                                                 const char          *sheet,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CwCsvImport *cw_csv_import_new_from_file_finish (GAsyncResult        *result,
                                                 GError             **error);
GListModel  *cw_csv_import_get_statistics (CwCsvImport  *self);
char        *cw_csv_describe_import       (guint         added,
                                           guint         updated);
GPtrArray   *cw_csv_import_get_problems   (CwCsvImport  *self);
char         cw_csv_import_get_delimiter  (CwCsvImport  *self);
const char  *cw_csv_import_get_sheet      (CwCsvImport  *self);
const char * const *cw_csv_import_get_sheets (CwCsvImport *self);
gboolean     cw_csv_import_apply          (CwCsvImport  *self,
                                           CwDeck       *deck,
                                           guint        *n_added,
                                           guint        *n_updated,
                                           GError      **error);
void         cw_csv_import_apply_async    (CwCsvImport         *self,
                                           CwDeck              *deck,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     cw_csv_import_apply_finish   (CwCsvImport         *self,
                                           GAsyncResult        *result,
                                           guint               *n_added,
                                           guint               *n_updated,
                                           GError             **error);

G_END_DECLS
