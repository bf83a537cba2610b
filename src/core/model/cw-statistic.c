/* cw-statistic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/chvalid.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cw-decimal.h"
#include "cw-diagnostic.h"
#include "cw-error.h"
#include "cw-keywords.h"
#include "cw-number.h"
#include "cw-revision.h"
#include "cw-statistic.h"
#include "cw-text.h"

struct _CwStatistic
{
  GObject parent_instance;

  char   *id;
  char   *label;
  double  value;
  gboolean has_value;
  /* a series: CwPoint, for charts */
  GArray *points;
  char   *unit;
  char   *as_of;
  char   *source;
  CwTone  tone;
  CwRevision revision;
  /* where it was loaded from, for messages */
  guint   line;
};

G_DEFINE_FINAL_TYPE (CwStatistic, cw_statistic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_VALUE,
  PROP_UNIT,
  PROP_AS_OF,
  PROP_SOURCE,
  PROP_TONE,
  PROP_N_POINTS,
  N_PROPS
};

enum {
  POINTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CwKeyword tones[CW_N_TONES] = {
  /* Translators: the tone of a figure that is good news (land cleared) */
  { "progress", N_("Progress") },
  /* Translators: the tone of a figure that counts harm (people killed or injured) */
  { "harm", N_("Harm") },
  /* Translators: the tone of a figure that is neither good nor bad news */
  { "neutral", N_("Neutral") },
};

static GParamSpec *properties[N_PROPS];

static void
cw_statistic_finalize (GObject *object)
{
  CwStatistic *self = (CwStatistic *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (cw_statistic_parent_class)->finalize (object);
}

static void
cw_statistic_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CwStatistic *self = CW_STATISTIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_VALUE:
      g_value_set_double (value, cw_statistic_get_value (self));
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_TONE:
      g_value_set_uint (value, self->tone);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_statistic_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CwStatistic *self = CW_STATISTIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      cw_statistic_set_id (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      cw_statistic_set_label (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      cw_statistic_set_value (self, g_value_get_double (value));
      break;
    case PROP_UNIT:
      cw_statistic_set_unit (self, g_value_get_string (value));
      break;
    case PROP_AS_OF:
      cw_statistic_set_as_of (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      cw_statistic_set_source (self, g_value_get_string (value));
      break;
    case PROP_TONE:
      cw_statistic_set_tone (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_statistic_class_init (CwStatisticClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_statistic_finalize;
  object_class->get_property = cw_statistic_get_property;
  object_class->set_property = cw_statistic_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TONE] =
    g_param_spec_uint ("tone", NULL, NULL, 0, CW_N_TONES - 1, CW_TONE_PROGRESS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwStatistic::points-changed:
   *
   * Emitted when a point of the series is added, removed or changed.
   */
  signals[POINTS_CHANGED] =
    g_signal_new ("points-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
point_clear (CwPoint *point)
{
  g_clear_pointer (&point->label, g_free);
}

static void
cw_statistic_init (CwStatistic *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (CwPoint));
  g_array_set_clear_func (self->points, (GDestroyNotify) point_clear);
  self->revision = cw_revision_next ();
}

CwStatistic *
cw_statistic_new (const char *id)
{
  return g_object_new (CW_TYPE_STATISTIC, "id", id, NULL);
}

CwStatistic *
cw_statistic_copy (CwStatistic *self)
{
  CwStatistic *copy;

  g_return_val_if_fail (CW_IS_STATISTIC (self), NULL);

  copy = g_object_new (CW_TYPE_STATISTIC,
                       "id", self->id,
                       "label", self->label,
                       "unit", self->unit,
                       "as-of", self->as_of,
                       "source", self->source,
                       NULL);
  copy->value = self->value;
  copy->has_value = self->has_value;
  copy->tone = self->tone;
  copy->line = self->line;
  for (guint i = 0; i < self->points->len; i++)
    {
      const CwPoint *p = &g_array_index (self->points, CwPoint, i);
      cw_statistic_add_point (copy, p->label, p->value);
    }
  /* the same content: undo may use either */
  copy->revision = self->revision;
  return copy;
}

/**
 * cw_statistic_get_revision:
 *
 * Returns: the #CwRevision of @self: the same as a copy's
 */
guint64
cw_statistic_get_revision (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), 0);
  return self->revision;
}

/**
 * cw_statistic_equal:
 *
 * Returns: whether @a and @b hold the same figures, texts and series
 */
gboolean
cw_statistic_equal (CwStatistic *a,
                    CwStatistic *b)
{
  g_return_val_if_fail (CW_IS_STATISTIC (a), FALSE);
  g_return_val_if_fail (CW_IS_STATISTIC (b), FALSE);

  if (a == b || a->revision == b->revision)
    return TRUE;
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->label, b->label) != 0 ||
      g_strcmp0 (a->unit, b->unit) != 0 || g_strcmp0 (a->as_of, b->as_of) != 0 ||
      g_strcmp0 (a->source, b->source) != 0 || a->has_value != b->has_value ||
      a->value != b->value || a->tone != b->tone || a->points->len != b->points->len)
    return FALSE;
  for (guint i = 0; i < a->points->len; i++)
    {
      const CwPoint *p = &g_array_index (a->points, CwPoint, i);
      const CwPoint *q = &g_array_index (b->points, CwPoint, i);

      if (g_strcmp0 (p->label, q->label) != 0 || p->value != q->value)
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
notify_changed (CwStatistic *self,
                GParamSpec  *pspec)
{
  cw_revision_changed (&self->revision, self, pspec, 0);
}

#define DEFINE_STRING_ACCESSORS(name, PROP)                        \
  const char *                                                     \
  cw_statistic_get_##name (CwStatistic *self)                      \
  {                                                                \
    g_return_val_if_fail (CW_IS_STATISTIC (self), NULL);           \
    return self->name;                                             \
  }                                                                \
  void                                                             \
  cw_statistic_set_##name (CwStatistic *self,                      \
                           const char  *name)                      \
  {                                                                \
    g_return_if_fail (CW_IS_STATISTIC (self));                     \
    if (set_string (&self->name, name))                            \
      notify_changed (self, properties[PROP]);                     \
  }

DEFINE_STRING_ACCESSORS (id, PROP_ID)
DEFINE_STRING_ACCESSORS (label, PROP_LABEL)
DEFINE_STRING_ACCESSORS (unit, PROP_UNIT)
DEFINE_STRING_ACCESSORS (as_of, PROP_AS_OF)
DEFINE_STRING_ACCESSORS (source, PROP_SOURCE)

/**
 * cw_statistic_get_value:
 *
 * Returns: the figure; for a series without a value of its own, the value
 *   of its last point (the latest, in a series over time)
 */
double
cw_statistic_get_value (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), 0);

  if (!self->has_value && self->points->len > 0)
    return g_array_index (self->points, CwPoint, self->points->len - 1).value;
  return self->value;
}

void
cw_statistic_set_value (CwStatistic *self,
                        double       value)
{
  g_return_if_fail (CW_IS_STATISTIC (self));

  if (self->has_value && self->value == value)
    return;

  self->value = value;
  self->has_value = TRUE;
  notify_changed (self, properties[PROP_VALUE]);
}

CwTone
cw_statistic_get_tone (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), CW_TONE_PROGRESS);
  return self->tone;
}

void
cw_statistic_set_tone (CwStatistic *self,
                       CwTone       tone)
{
  g_return_if_fail (CW_IS_STATISTIC (self));
  g_return_if_fail (tone < CW_N_TONES);

  if (self->tone == tone)
    return;
  self->tone = tone;
  notify_changed (self, properties[PROP_TONE]);
}

const char *
cw_tone_to_string (CwTone tone)
{
  g_return_val_if_fail (tone < CW_N_TONES, NULL);
  return tones[tone].name;
}

gboolean
cw_tone_from_string (const char *str,
                     CwTone     *tone)
{
  int i = cw_keyword_lookup (tones, CW_N_TONES, str);

  if (i < 0)
    return FALSE;
  *tone = i;
  return TRUE;
}

const char *
cw_tone_get_label (CwTone tone)
{
  g_return_val_if_fail (tone < CW_N_TONES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, tones[tone].label);
}

/* Whether the value was set, rather than taken from the series. */
gboolean
cw_statistic_has_value (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), FALSE);
  return self->has_value;
}

void
cw_statistic_unset_value (CwStatistic *self)
{
  g_return_if_fail (CW_IS_STATISTIC (self));

  if (!self->has_value)
    return;
  self->has_value = FALSE;
  self->value = 0;
  notify_changed (self, properties[PROP_VALUE]);
}

guint
cw_statistic_get_n_points (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), 0);
  return self->points->len;
}

const CwPoint *
cw_statistic_get_point (CwStatistic *self,
                        guint        position)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (position < self->points->len, NULL);
  return &g_array_index (self->points, CwPoint, position);
}

static void
points_changed (CwStatistic *self)
{
  notify_changed (self, properties[PROP_N_POINTS]);
  if (!self->has_value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[POINTS_CHANGED], 0);
}

void
cw_statistic_add_point (CwStatistic *self,
                        const char  *label,
                        double       value)
{
  CwPoint point = { g_strdup (label), value };

  g_return_if_fail (CW_IS_STATISTIC (self));

  g_array_append_val (self->points, point);
  points_changed (self);
}

void
cw_statistic_set_point (CwStatistic *self,
                        guint        position,
                        const char  *label,
                        double       value)
{
  CwPoint *point;

  g_return_if_fail (CW_IS_STATISTIC (self));
  g_return_if_fail (position < self->points->len);

  point = &g_array_index (self->points, CwPoint, position);
  if (g_strcmp0 (point->label, label) == 0 && point->value == value)
    return;
  g_free (point->label);
  point->label = g_strdup (label);
  point->value = value;
  points_changed (self);
}

void
cw_statistic_remove_point (CwStatistic *self,
                           guint        position)
{
  g_return_if_fail (CW_IS_STATISTIC (self));
  g_return_if_fail (position < self->points->len);

  g_array_remove_index (self->points, position);
  points_changed (self);
}

void
cw_statistic_clear_points (CwStatistic *self)
{
  g_return_if_fail (CW_IS_STATISTIC (self));

  if (self->points->len == 0)
    return;
  g_array_set_size (self->points, 0);
  points_changed (self);
}

/**
 * cw_statistic_is_percent:
 *
 * Returns: %TRUE when the unit is "%", so the value is a percentage
 *   (60 means 60 %) and is formatted with the language's percent pattern.
 */
gboolean
cw_statistic_is_percent (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), FALSE);

  return g_strcmp0 (self->unit, "%") == 0;
}

static guint
decimals_of (double value)
{
  double v = fabs (value);

  for (guint d = 0; d < 3; d++)
    {
      double scaled = v * pow (10, d);
      if (fabs (scaled - round (scaled)) < 1e-9 * MAX (1.0, scaled))
        return d;
    }
  return 3;
}

/**
 * cw_statistic_get_decimals:
 *
 * Figures are shown with as many decimals as they were typed with (at
 * most three), so 2.5 stays 2.5 and 161000 stays whole; a series takes
 * the decimals of its most precise point, so its labels line up.
 */
guint
cw_statistic_get_decimals (CwStatistic *self)
{
  guint decimals;

  g_return_val_if_fail (CW_IS_STATISTIC (self), 0);

  decimals = decimals_of (cw_statistic_get_value (self));
  for (guint i = 0; i < self->points->len; i++)
    decimals = MAX (decimals, decimals_of (g_array_index (self->points, CwPoint, i).value));
  return decimals;
}

gboolean
cw_statistic_id_is_valid (const char *id)
{
  if (id == NULL || !g_ascii_isalpha (id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
        return FALSE;
    }
  return strlen (id) <= 64;
}

/* YYYY, YYYY-MM or YYYY-MM-DD: statistics are reported by year, month or day. */
gboolean
cw_statistic_as_of_is_valid (const char *as_of)
{
  int y = 0, m = 1, d = 1;
  int n;
  size_t len;

  if (as_of == NULL)
    return FALSE;

  len = strlen (as_of);
  if (len == 4)
    n = sscanf (as_of, "%4d", &y) == 1;
  else if (len == 7)
    n = sscanf (as_of, "%4d-%2d", &y, &m) == 2;
  else if (len == 10)
    n = sscanf (as_of, "%4d-%2d-%2d", &y, &m, &d) == 3;
  else
    return FALSE;

  for (size_t i = 0; i < len; i++)
    {
      if (!(g_ascii_isdigit (as_of[i]) || (as_of[i] == '-' && (i == 4 || i == 7))))
        return FALSE;
    }

  return n && y >= 1900 && y <= 2999 && g_date_valid_dmy (d, m, y);
}

/**
 * cw_statistic_value_is_valid:
 *
 * Whether a deck file can hold @value: a finite figure of at most
 * CW_STATISTIC_MAX_VALUE either way, that the deck writer's decimal reads
 * back as the same number (a tiny figure with many decimals does not).
 */
gboolean
cw_statistic_value_is_valid (double value)
{
  g_autofree char *written = NULL;

  if (!isfinite (value) || fabs (value) > CW_STATISTIC_MAX_VALUE)
    return FALSE;
  written = cw_decimal_format (value);
  return g_ascii_strtod (written, NULL) == value;
}

/**
 * cw_statistic_text_is_valid:
 *
 * @max_chars: the most characters the text's role allows
 *   (cw_text_role_get_max_chars(), or CW_STATISTIC_MAX_TEXT for a unit)
 *
 * Whether a deck file can hold @text as a label, unit, source or point
 * label: at most @max_chars characters, each one XML allows (a control
 * character makes a file no XML parser opens). %NULL is valid.
 */
gboolean
cw_statistic_text_is_valid (const char *text,
                            guint       max_chars)
{
  glong n = 0;

  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (++n > max_chars || !xmlIsCharQ (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* The line of the deck file the statistic was loaded from; 0 if none. */
guint
cw_statistic_get_line (CwStatistic *self)
{
  g_return_val_if_fail (CW_IS_STATISTIC (self), 0);
  return self->line;
}

void
cw_statistic_set_line (CwStatistic *self,
                       guint        line)
{
  g_return_if_fail (CW_IS_STATISTIC (self));
  self->line = line;
}

/**
 * cw_statistic_parse_value:
 * @text: a figure as someone typed it: "162,500", "162.500", "162 500"
 * @languages: (nullable) (array zero-terminated=1): the languages it may
 *   be written in, the interface's first; %NULL for the deck file's
 *   notation alone
 *
 * Reads a figure by the rules a deck file holds figures to, without
 * setting it: for checking as it is typed.
 *
 * Returns: %FALSE with @error set when @text is not a number a deck can
 *   hold, or (%CW_ERROR_AMBIGUOUS) when it reads as two numbers in two of
 *   @languages (see cw_number_parse_readings())
 */
gboolean
cw_statistic_parse_value (const char          *text,
                          const char * const  *languages,
                          double              *value,
                          GError             **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  double number = 0;

  if (!cw_number_parse (clean, languages, &number, error))
    return FALSE;
  if (fabs (number) > CW_STATISTIC_MAX_VALUE)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is larger than a deck holds (%.0f either way); give it in a larger unit, such as thousands or millions."),
                   clean, CW_STATISTIC_MAX_VALUE);
      return FALSE;
    }
  if (!cw_statistic_value_is_valid (number))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” has more decimals than a deck keeps; round it."), clean);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

/**
 * cw_statistic_set_from_text:
 * @property: "label", "value", "unit", "as-of", "source" or "tone"
 * @text: (nullable): what was typed; blank clears the property
 *
 * cw_statistic_set_from_text_in() with a figure in the deck file's
 * notation only ("161000", "2.5").
 */
gboolean
cw_statistic_set_from_text (CwStatistic  *self,
                            const char   *property,
                            const char   *text,
                            GError      **error)
{
  return cw_statistic_set_from_text_in (self, property, text, NULL, error);
}

/**
 * cw_statistic_set_from_text_in:
 * @property: "label", "value", "unit", "as-of", "source" or "tone"
 * @text: (nullable): what was typed; blank clears the property
 * @languages: (nullable) (array zero-terminated=1): the languages a
 *   figure may be typed in (see cw_statistic_parse_value())
 *
 * Sets a property from what someone typed, after the checks a deck file
 * is held to, so that nothing typed makes a deck that does not open
 * again. The id is the deck's business: see cw_deck_rename_statistic().
 *
 * Returns: %FALSE with @error set, and nothing changed, when @text
 *   cannot be used
 */
gboolean
cw_statistic_set_from_text_in (CwStatistic         *self,
                               const char          *property,
                               const char          *text,
                               const char * const  *languages,
                               GError             **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  const char *value = *clean ? clean : NULL;
  guint max_chars = CW_STATISTIC_MAX_TEXT;

  g_return_val_if_fail (CW_IS_STATISTIC (self), FALSE);
  g_return_val_if_fail (property != NULL && !g_str_equal (property, "id"), FALSE);

  if (g_str_equal (property, "value"))
    {
      double number;

      /* a series shows its last point when it has no value of its own */
      if (value == NULL && self->points->len > 0)
        {
          cw_statistic_unset_value (self);
          return TRUE;
        }
      if (!cw_statistic_parse_value (value, languages, &number, error))
        return FALSE;
      cw_statistic_set_value (self, number);
      return TRUE;
    }

  if (g_str_equal (property, "tone"))
    {
      CwTone tone = CW_TONE_PROGRESS;

      if (value != NULL && !cw_tone_from_string (value, &tone))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("“%s” is not a tone; use progress, harm or neutral."), clean);
          return FALSE;
        }
      cw_statistic_set_tone (self, tone);
      return TRUE;
    }

  if (g_str_equal (property, "as-of"))
    {
      if (value != NULL && !cw_statistic_as_of_is_valid (value))
        {
          g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                       _("“%s” is not a date; write it YYYY, YYYY-MM or YYYY-MM-DD, like 2024-10."), clean);
          return FALSE;
        }
      cw_statistic_set_as_of (self, value);
      return TRUE;
    }

  /* held to what the loader allows each (a unit only by the schema) */
  if (g_str_equal (property, "label"))
    max_chars = cw_text_role_get_max_chars (CW_TEXT_ROLE_LABEL);
  else if (g_str_equal (property, "source"))
    max_chars = cw_text_role_get_max_chars (CW_TEXT_ROLE_SOURCE);
  if (!cw_statistic_text_is_valid (value, max_chars))
    {
      glong length = g_utf8_strlen (value, -1);

      if (length > max_chars)
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The text is %ld character long, and a deck holds at most %u; shorten it.",
                                  "The text is %ld characters long, and a deck holds at most %u; shorten it.",
                                  length),
                     length, max_chars);
      else
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                     _("The text holds a control character, which a deck cannot keep; remove it."));
      return FALSE;
    }
  if (g_str_equal (property, "label"))
    cw_statistic_set_label (self, value);
  else if (g_str_equal (property, "unit"))
    cw_statistic_set_unit (self, value);
  else if (g_str_equal (property, "source"))
    cw_statistic_set_source (self, value);
  else
    g_return_val_if_reached (FALSE);
  return TRUE;
}

/* The last day @as_of can mean: the end of its year, month or day. */
static gboolean
as_of_last_day (const char *as_of,
                GDate      *date)
{
  int y = 0, m = 12, d = 0;

  if (!cw_statistic_as_of_is_valid (as_of))
    return FALSE;
  y = atoi (as_of);
  if (strlen (as_of) >= 7)
    m = atoi (as_of + 5);
  d = strlen (as_of) == 10 ? atoi (as_of + 8) : g_date_get_days_in_month (m, y);
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
checks (const char *property,
        const char *name)
{
  return property == NULL || g_str_equal (property, name);
}

/* The statistic is the element: the deck (cw_deck_check_statistics())
 * adds the file and line it was written on. */
static void
add_warning (GPtrArray   *warnings,
             CwStatistic *self,
             char        *message,
             const char  *hint)
{
  g_autofree char *owned = message;
  CwDiagnostic *diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, NULL, self->id, owned, hint);

  diagnostic->code = CW_ERROR_BAD_VALUE;
  g_ptr_array_add (warnings, diagnostic);
}

/**
 * cw_statistic_check:
 * @property: (nullable): only what concerns this property ("value",
 *   "unit", "as-of"), or %NULL for every check
 * @now: the time to measure the age of the figure against
 *
 * What a deck may hold but probably should not: a count below zero, a
 * percentage over 100, a figure more than a year old. Each warning names
 * the statistic as its element, and its hint says what to do.
 *
 * Returns: (transfer full) (element-type CwDiagnostic): the warnings,
 *   perhaps none
 */
GPtrArray *
cw_statistic_check (CwStatistic *self,
                    const char  *property,
                    GDateTime   *now)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  gboolean percent;
  GDate last, today;

  g_return_val_if_fail (CW_IS_STATISTIC (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  percent = cw_statistic_is_percent (self);
  if (checks (property, "value") || checks (property, "unit"))
    {
      guint n = self->has_value || self->points->len == 0 ? 1 : 0;

      /* the value, then each point of a series */
      for (guint i = 0; i < n + self->points->len; i++)
        {
          const CwPoint *point = i < n ? NULL : &g_array_index (self->points, CwPoint, i - n);
          double value = point ? point->value : self->value;

          if (!percent && value < 0)
            {
              if (point != NULL)
                add_warning (warnings, self,
                             /* Translators: a statistic id, a number, then the label of a point of its series */
                             g_strdup_printf (_("“%s” has %g for “%s”, below zero, but it counts something."),
                                              self->id, value, point->label ? point->label : ""),
                             _("Correct that point."));
              else
                add_warning (warnings, self,
                             /* Translators: a statistic id, then a number */
                             g_strdup_printf (_("“%s” is %g, below zero, but it counts something."),
                                              self->id, value),
                             _("Correct the figure, or, to show a fall, give the change as a percentage (unit “%”)."));
            }
          else if (percent && value > 100)
            {
              if (point != NULL)
                add_warning (warnings, self,
                             /* Translators: a statistic id, a number, then the label of a point of its series */
                             g_strdup_printf (_("“%s” has %g %% for “%s”, more than the whole."),
                                              self->id, value, point->label ? point->label : ""),
                             _("Correct it, unless it is a rise of more than 100 %."));
              else
                add_warning (warnings, self,
                             /* Translators: a statistic id, then a number */
                             g_strdup_printf (_("“%s” is %g %%, more than the whole."), self->id, value),
                             _("Correct it, unless it is a rise of more than 100 %."));
            }
        }
    }

  /* the checks of the clip sort what they find by the rule it breaks */
  for (guint i = 0; i < warnings->len; i++)
    {
      CwDiagnostic *d = g_ptr_array_index (warnings, i);

      if (d->rule == NULL)
        d->rule = g_strdup ("consistency");
    }

  if (checks (property, "as-of") && as_of_last_day (self->as_of, &last))
    {
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      g_date_add_years (&last, 1);
      if (g_date_compare (&last, &today) < 0)
        add_warning (warnings, self,
                     /* Translators: a statistic id, then a date such as 2024-10 */
                     g_strdup_printf (_("“%s” is as of %s, more than a year ago."), self->id, self->as_of),
                     _("Look for newer figures at the source, then update its value and date."));
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      CwDiagnostic *d = g_ptr_array_index (warnings, i);

      if (d->rule == NULL)
        d->rule = g_strdup ("as-of");
    }

  return g_steal_pointer (&warnings);
}

/**
 * cw_statistic_format:
 *
 * Returns: (transfer full): the statistic's value as @language writes it:
 *   "161,000", "161.000", "161 000"; "60%" or "60 %" for percentages
 */
char *
cw_statistic_format (CwStatistic *self,
                     const char  *language,
                     gboolean     compact)
{
  CwNumberStyle style = CW_NUMBER_DECIMAL;

  if (compact)
    style = CW_NUMBER_COMPACT;
  else if (cw_statistic_is_percent (self))
    style = CW_NUMBER_PERCENT;

  return cw_number_format (language, style, cw_statistic_get_value (self),
                           cw_statistic_get_decimals (self));
}

/**
 * cw_statistic_format_amount:
 *
 * The value with its unit, as a list of figures shows it: "168,000 ha",
 * "161.000 mines". A percentage's format already carries its unit, so it
 * is "60%", never "60% %".
 *
 * Returns: (transfer full): the amount in @language
 */
char *
cw_statistic_format_amount (CwStatistic *self,
                            const char  *language,
                            gboolean     compact)
{
  g_autofree char *value = cw_statistic_format (self, language, compact);

  if (self->unit == NULL || *self->unit == '\0' || cw_statistic_is_percent (self))
    return g_steal_pointer (&value);
  return g_strdup_printf ("%s %s", value, self->unit);
}
