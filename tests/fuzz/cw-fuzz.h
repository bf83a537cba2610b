/* cw-fuzz.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "clearway-core.h"

G_BEGIN_DECLS

/* libFuzzer's entry points; fuzz-replay.c calls them the same way */
int   LLVMFuzzerInitialize      (int            *argc,
                                 char         ***argv);
int   LLVMFuzzerTestOneInput    (const uint8_t  *data,
                                 size_t          size);

void  cw_fuzz_init              (void);
G_NORETURN
void  cw_fuzz_fail              (const char     *format,
                                 ...) G_GNUC_PRINTF (1, 2);
void  cw_fuzz_check_message     (const char     *message,
                                 const char     *what);
void  cw_fuzz_check_diagnostics (GPtrArray      *diagnostics,
                                 const char     *what);
void  cw_fuzz_check_refusal     (const GError   *error,
                                 const char     *what);
CwDeck *cw_fuzz_new_small_deck   (void);
void  cw_fuzz_lay_out           (CwDeck         *deck);
void  cw_fuzz_check_saved       (CwDeck         *deck,
                                 gboolean        opened);

G_END_DECLS
