/* cw-core.h: process-wide setup of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        cw_core_init                   (void);
void        cw_core_silence_xml_errors     (void);
const char *cw_core_get_interface_language (void);
void        cw_core_set_interface_language (const char *language);

G_END_DECLS
