/* cw-diagnostic.h: a warning or error about a place in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CW_SEVERITY_WARNING,
  CW_SEVERITY_ERROR,
} CwSeverity;

typedef struct
{
  CwSeverity  severity;
  int         code;
  char       *file;
  guint       line;
  char       *message;
} CwDiagnostic;

#define CW_TYPE_DIAGNOSTIC (cw_diagnostic_get_type ())

GType         cw_diagnostic_get_type  (void) G_GNUC_CONST;
CwDiagnostic *cw_diagnostic_new       (CwSeverity          severity,
                                       int                 code,
                                       const char         *file,
                                       guint               line,
                                       const char         *message);
CwDiagnostic *cw_diagnostic_copy      (const CwDiagnostic *self);
void          cw_diagnostic_free      (CwDiagnostic       *self);
char         *cw_diagnostic_to_string (const CwDiagnostic *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwDiagnostic, cw_diagnostic_free)

G_END_DECLS
