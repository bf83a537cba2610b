/* cw-decimal.h: numbers as a deck file writes them, the same in every locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cw_decimal_format (double value);

G_END_DECLS
