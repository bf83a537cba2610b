/* cw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clearway-core.h"
#include "cw-document.h"

G_BEGIN_DECLS

#define CW_TYPE_APPLICATION (cw_application_get_type())

G_DECLARE_FINAL_TYPE (CwApplication, cw_application, CW, APPLICATION, AdwApplication)

CwApplication *cw_application_new            (void);
GSettings     *cw_application_get_settings   (CwApplication *self);
void           cw_application_open_file      (CwApplication *self,
                                              GFile         *file,
                                              GtkWindow     *from);
GtkWindow     *cw_application_new_document   (CwApplication *self,
                                              gboolean       from_sample,
                                              GtkWindow     *from);
void           cw_application_note_recent    (CwApplication *self,
                                              GFile         *file);
GFile         *cw_application_dup_export_folder (CwApplication *self);
void           cw_application_check_drafts   (CwApplication *self);

G_END_DECLS
