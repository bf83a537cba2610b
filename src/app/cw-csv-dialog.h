/* cw-csv-dialog.h: what a CSV table would import, before it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_CSV_DIALOG (cw_csv_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CwCsvDialog, cw_csv_dialog, CW, CSV_DIALOG, AdwWindow)

CwCsvDialog *cw_csv_dialog_new      (GtkWindow   *parent,
                                     CwDeck      *deck,
                                     GFile       *file);
gboolean     cw_csv_dialog_get_busy (CwCsvDialog *self);

G_END_DECLS
