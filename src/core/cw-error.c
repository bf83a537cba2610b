/* cw-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-error.h"

G_DEFINE_QUARK (cw-error-quark, cw_error)
