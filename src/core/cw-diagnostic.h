/* cw-diagnostic.h: a problem found in a deck, a file or an export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cw-format.h"

G_BEGIN_DECLS

typedef enum
{
  CW_SEVERITY_WARNING,
  CW_SEVERITY_ERROR,
  CW_SEVERITY_NOTE,
} CwSeverity;

/* Every part but severity and message may be unset (NULL or 0): a problem
 * found while rendering has a slide but no line, one in a CSV file a line
 * but no slide. */
typedef struct
{
  CwSeverity  severity;
  int         code;
  char       *file;
  guint       line;
  /* the id of the slide, and the element (field or node) on it */
  char       *slide;
  char       *element;
  /* the language it concerns, when it is one language's: a catalog's */
  char       *language;
  char       *message;
  /* what to do about it, shown after the message */
  char       *hint;
  /* What a check of the rendered clip (cw-lint.h) adds: which check found
   * it ("contrast", "reading-time"…), the output format and the frame it
   * is seen on (-1 for none), what was measured and what the rule asks,
   * both as people read them, and where on that frame (width 0: nowhere
   * in particular). */
  char       *rule;
  char       *format;
  int         frame;
  char       *measured;
  char       *required;
  CwRect      area;
} CwDiagnostic;

#define CW_TYPE_DIAGNOSTIC (cw_diagnostic_get_type ())

GType         cw_diagnostic_get_type  (void) G_GNUC_CONST;
CwDiagnostic *cw_diagnostic_new       (CwSeverity          severity,
                                       int                 code,
                                       const char         *file,
                                       guint               line,
                                       const char         *message);
CwDiagnostic *cw_diagnostic_new_for_slide (CwSeverity      severity,
                                           const char     *slide,
                                           const char     *element,
                                           const char     *message,
                                           const char     *hint);
CwDiagnostic *cw_diagnostic_copy      (const CwDiagnostic *self);
void          cw_diagnostic_free      (CwDiagnostic       *self);
char         *cw_diagnostic_to_string (const CwDiagnostic *self);
gboolean      cw_diagnostic_equal     (const CwDiagnostic *a,
                                       const CwDiagnostic *b);
void          cw_diagnostics_add_unique (GPtrArray        *diagnostics,
                                         CwDiagnostic     *diagnostic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwDiagnostic, cw_diagnostic_free)

G_END_DECLS
