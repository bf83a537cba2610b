/* cw-template-gallery.h: the templates to add a slide from, with previews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "clearway-core.h"

G_BEGIN_DECLS

#define CW_TYPE_TEMPLATE_GALLERY (cw_template_gallery_get_type ())

G_DECLARE_FINAL_TYPE (CwTemplateGallery, cw_template_gallery, CW, TEMPLATE_GALLERY, AdwWindow)

CwTemplateGallery *cw_template_gallery_new      (GtkWindow         *parent,
                                                 CwDeck            *deck);
guint              cw_template_gallery_get_n_previews (CwTemplateGallery *self);

G_END_DECLS
