/* cw-statistic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/chvalid.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cw-core.h"
#include "cw-deck-io.h"
#include "cw-statistic.h"

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
  /* see cw_statistic_get_revision() */
  guint64 revision;
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
  PROP_N_POINTS,
  N_PROPS
};

enum {
  POINTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  self->revision = cw_core_next_revision ();
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
 * Returns: a number that changes whenever the statistic does; a copy has
 *   its original's, so statistics with the same revision hold the same
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
      a->value != b->value || a->points->len != b->points->len)
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
  self->revision = cw_core_next_revision ();
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
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
  written = cw_format_seconds (value);
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
