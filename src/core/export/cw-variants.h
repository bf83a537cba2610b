/* cw-variants.h: one clip per row of a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-deck.h"
#include "cw-exporter.h"

G_BEGIN_DECLS

/* more rows than a campaign has districts is more likely a wrong sheet */
#define CW_VARIANTS_MAX 500

typedef struct
{
  /* the folder it renders into: the row's name cell, or "row-N" */
  char    *name;
  /* the row's line (CSV) or row number (workbook) */
  guint    row;
  /* the deck with the row's figures */
  CwDeck  *deck;
  /* the statistics the row sets, and their figures, in column order */
  GStrv    ids;
  double  *values;
} CwVariant;

void       cw_variant_free           (CwVariant            *variant);
GPtrArray *cw_variants_from_table    (CwDeck               *deck,
                                      GBytes               *bytes,
                                      const char           *display_name,
                                      const char           *sheet,
                                      GError              **error);
GPtrArray *cw_variants_from_file     (CwDeck               *deck,
                                      GFile                *file,
                                      const char           *sheet,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean   cw_variants_write_index   (GPtrArray            *variants,
                                      GFile                *output_dir,
                                      GError              **error);
gboolean   cw_variants_check_index   (GFile                *output_dir,
                                      gboolean              overwrite,
                                      GError              **error);
void       cw_variants_export_async  (CwExporter           *exporter,
                                      GPtrArray            *variants,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean   cw_variants_export_finish (CwExporter           *exporter,
                                      GAsyncResult         *result,
                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwVariant, cw_variant_free)

G_END_DECLS
