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
  self->frame = -1;
  return self;
}

/**
 * cw_diagnostic_new_for_slide:
 * @slide: (nullable): the id of the slide the problem is on
 * @element: (nullable): the field or element of that slide
 * @hint: (nullable): what to do about it
 *
 * Returns: (transfer full): a diagnostic about a slide, with no file
 */
CwDiagnostic *
cw_diagnostic_new_for_slide (CwSeverity  severity,
                             const char *slide,
                             const char *element,
                             const char *message,
                             const char *hint)
{
  CwDiagnostic *self = cw_diagnostic_new (severity, 0, NULL, 0, message);

  self->slide = g_strdup (slide);
  self->element = g_strdup (element);
  self->hint = g_strdup (hint);
  return self;
}

CwDiagnostic *
cw_diagnostic_copy (const CwDiagnostic *self)
{
  CwDiagnostic *copy = cw_diagnostic_new (self->severity, self->code, self->file, self->line, self->message);

  copy->slide = g_strdup (self->slide);
  copy->element = g_strdup (self->element);
  copy->hint = g_strdup (self->hint);
  copy->language = g_strdup (self->language);
  copy->rule = g_strdup (self->rule);
  copy->format = g_strdup (self->format);
  copy->frame = self->frame;
  copy->measured = g_strdup (self->measured);
  copy->required = g_strdup (self->required);
  copy->area = self->area;
  return copy;
}

void
cw_diagnostic_free (CwDiagnostic *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->slide);
  g_free (self->element);
  g_free (self->message);
  g_free (self->hint);
  g_free (self->language);
  g_free (self->rule);
  g_free (self->format);
  g_free (self->measured);
  g_free (self->required);
  g_free (self);
}

/* "file:line: message hint", the form compilers use, so editors can jump
 * to it. The slide is not repeated: messages about a slide name it. */
char *
cw_diagnostic_to_string (const CwDiagnostic *self)
{
  GString *text = g_string_new (NULL);

  if (self->file != NULL && self->line > 0)
    g_string_append_printf (text, "%s:%u: ", self->file, self->line);
  else if (self->file != NULL)
    g_string_append_printf (text, "%s: ", self->file);
  g_string_append (text, self->message);
  if (self->hint != NULL && self->hint[0] != '\0')
    g_string_append_printf (text, " %s", self->hint);
  return g_string_free (text, FALSE);
}

gboolean
cw_diagnostic_equal (const CwDiagnostic *a,
                     const CwDiagnostic *b)
{
  return a->severity == b->severity && a->code == b->code && a->line == b->line &&
         g_strcmp0 (a->file, b->file) == 0 && g_strcmp0 (a->slide, b->slide) == 0 &&
         g_strcmp0 (a->element, b->element) == 0 && g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->hint, b->hint) == 0 && g_strcmp0 (a->language, b->language) == 0 &&
         g_strcmp0 (a->rule, b->rule) == 0 && g_strcmp0 (a->format, b->format) == 0 &&
         a->frame == b->frame && g_strcmp0 (a->measured, b->measured) == 0 &&
         g_strcmp0 (a->required, b->required) == 0;
}

/**
 * cw_diagnostics_add_unique:
 * @diagnostics: (element-type CwDiagnostic): where to add it
 * @diagnostic: (transfer full): the diagnostic
 *
 * Adds @diagnostic unless an equal one is there already, so a problem
 * met again (on each language, each format) is reported once.
 */
void
cw_diagnostics_add_unique (GPtrArray    *diagnostics,
                           CwDiagnostic *diagnostic)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      if (cw_diagnostic_equal (g_ptr_array_index (diagnostics, i), diagnostic))
        {
          cw_diagnostic_free (diagnostic);
          return;
        }
    }
  g_ptr_array_add (diagnostics, diagnostic);
}
