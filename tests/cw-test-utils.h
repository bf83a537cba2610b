/* cw-test-utils.h: what the test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clearway-core.h"

/* AddressSanitizer brings its own allocator, and limits of its own */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif

G_BEGIN_DECLS

void      cw_test_init             (int             *argc,
                                    char          ***argv);
CwDeck   *cw_test_load_string      (const char      *xml,
                                    GError         **error);
CwDeck   *cw_test_load_lines       (const char     **lines,
                                    GError         **error);
char     *cw_test_make_tmpdir      (void);
void      cw_test_remove_tree      (const char      *path);
gboolean  cw_test_png_info         (const char      *path,
                                    int             *width,
                                    int             *height,
                                    int             *color_type,
                                    int             *bit_depth);
void      cw_test_assert_golden    (cairo_surface_t *surface,
                                    const char      *name);
double    cw_test_surface_difference (cairo_surface_t *a,
                                    cairo_surface_t *b,
                                    cairo_surface_t **diff);
CwDeck   *cw_test_load_deck_file   (const char      *name);
guint     cw_test_count_frames     (const char      *dir);
guint     cw_test_count_entries    (const char      *dir);
GBytes   *cw_test_make_zip         (const char      *first_name,
                                    ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
