/* cw-translations-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cw-player.h"

G_BEGIN_DECLS

#define CW_TYPE_TRANSLATIONS_VIEW (cw_translations_view_get_type())

G_DECLARE_FINAL_TYPE (CwTranslationsView, cw_translations_view, CW, TRANSLATIONS_VIEW, GtkWidget)

void        cw_translations_view_set_player   (CwTranslationsView *self,
                                               CwPlayer           *player);
const char *cw_translations_view_get_language (CwTranslationsView *self);
gboolean    cw_translations_view_get_busy     (CwTranslationsView *self);
void        cw_translations_view_import       (CwTranslationsView *self,
                                               const char * const *paths);
void        cw_translations_view_export       (CwTranslationsView *self,
                                               const char         *language,
                                               GFile              *file);
GPtrArray  *cw_translations_view_find_entries (CwTranslationsView *self,
                                               const char         *context);

G_END_DECLS
