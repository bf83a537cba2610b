/* cw-diagnostic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cw-diagnostic.h"

G_DEFINE_BOXED_TYPE (CwDiagnostic, cw_diagnostic, cw_diagnostic_copy, cw_diagnostic_free)

CwDiagnostic *
cw_diagnostic_new (CwSeverity  severity,
                   int         code,
                   const char *file,
                   guint       line,
                   const char *message)
{
  CwDiagnostic *self = g_new0 (CwDiagnostic, 1);

  self->severity = severity;
  self->code = code;
  self->file = g_strdup (file);
  self->line = line;
  self->message = g_strdup (message);
  return self;
}

CwDiagnostic *
cw_diagnostic_copy (const CwDiagnostic *self)
{
  return cw_diagnostic_new (self->severity, self->code, self->file, self->line, self->message);
}

void
cw_diagnostic_free (CwDiagnostic *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

/* "file:line: message", the form compilers use, so editors can jump to it. */
char *
cw_diagnostic_to_string (const CwDiagnostic *self)
{
  if (self->file != NULL && self->line > 0)
    return g_strdup_printf ("%s:%u: %s", self->file, self->line, self->message);
  if (self->file != NULL)
    return g_strdup_printf ("%s: %s", self->file, self->message);
  return g_strdup (self->message);
}
