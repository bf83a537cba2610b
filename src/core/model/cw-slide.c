/* cw-slide.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cw-revision.h"
#include "cw-slide.h"

struct _CwSlide
{
  GObject           parent_instance;

  char             *id;
  char             *template_id;
  double            duration;
  CwTransitionType  transition;
  double            transition_duration;
  /* -1: the tone of the slide's statistic */
  int               tone;

  /* field name → value; only what the author set, template defaults apply otherwise */
  GHashTable       *texts;
  GHashTable       *plurals;
  GHashTable       *params;
  /* "enter/element" or "exit/element" → CwAnimation */
  GHashTable       *animations;
  /* element name → "#RRGGBB", overriding the theme for that element */
  GHashTable       *colors;
  /* field name → line in the file it was loaded from, for messages */
  GHashTable       *lines;
  guint             line;
  CwRevision        revision;
};

G_DEFINE_FINAL_TYPE (CwSlide, cw_slide, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEMPLATE_ID,
  PROP_DURATION,
  PROP_TRANSITION,
  PROP_TRANSITION_DURATION,
  PROP_TONE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cw_slide_finalize (GObject *object)
{
  CwSlide *self = (CwSlide *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->template_id, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->plurals, g_hash_table_unref);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->animations, g_hash_table_unref);
  g_clear_pointer (&self->colors, g_hash_table_unref);
  g_clear_pointer (&self->lines, g_hash_table_unref);

  G_OBJECT_CLASS (cw_slide_parent_class)->finalize (object);
}

static void
cw_slide_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CwSlide *self = CW_SLIDE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TEMPLATE_ID:
      g_value_set_string (value, self->template_id);
      break;
    case PROP_DURATION:
      g_value_set_double (value, self->duration);
      break;
    case PROP_TRANSITION:
      g_value_set_int (value, self->transition);
      break;
    case PROP_TRANSITION_DURATION:
      g_value_set_double (value, self->transition_duration);
      break;
    case PROP_TONE:
      g_value_set_int (value, self->tone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_slide_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CwSlide *self = CW_SLIDE (object);

  switch (prop_id)
    {
    case PROP_ID:
      cw_slide_set_id (self, g_value_get_string (value));
      break;
    case PROP_TEMPLATE_ID:
      cw_slide_set_template_id (self, g_value_get_string (value));
      break;
    case PROP_DURATION:
      cw_slide_set_duration (self, g_value_get_double (value));
      break;
    case PROP_TRANSITION:
      cw_slide_set_transition (self, g_value_get_int (value), self->transition_duration);
      break;
    case PROP_TRANSITION_DURATION:
      cw_slide_set_transition (self, self->transition, g_value_get_double (value));
      break;
    case PROP_TONE:
      if (g_value_get_int (value) < 0)
        cw_slide_unset_tone (self);
      else
        cw_slide_set_tone (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_slide_class_init (CwSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cw_slide_finalize;
  object_class->get_property = cw_slide_get_property;
  object_class->set_property = cw_slide_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEMPLATE_ID] =
    g_param_spec_string ("template-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* 0 means: as long as the text needs to be read */
  properties[PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL, 0, 600, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRANSITION] =
    g_param_spec_int ("transition", NULL, NULL, 0, CW_N_TRANSITIONS - 1, CW_TRANSITION_CUT,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRANSITION_DURATION] =
    g_param_spec_double ("transition-duration", NULL, NULL, 0, 5, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* -1 while the slide takes the tone of its statistic */
  properties[PROP_TONE] =
    g_param_spec_int ("tone", NULL, NULL, -1, CW_N_TONES - 1, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwSlide::changed:
   *
   * Emitted after any change to the slide: a property, a field or an animation.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cw_slide_init (CwSlide *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->plurals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->animations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tone = -1;
  self->revision = cw_revision_next ();
}

static void
emit_changed (CwSlide    *self,
              GParamSpec *pspec)
{
  cw_revision_changed (&self->revision, self, pspec, signals[CHANGED]);
}

CwSlide *
cw_slide_new (const char *id,
              const char *template_id)
{
  return g_object_new (CW_TYPE_SLIDE,
                       "id", id,
                       "template-id", template_id,
                       NULL);
}

static void
copy_table (GHashTable *from,
            GHashTable *to,
            gsize       value_size)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to,
                         g_strdup (key),
                         value_size == 0 ? (gpointer) g_strdup (value) : g_memdup2 (value, value_size));
}

CwSlide *
cw_slide_copy (CwSlide *self)
{
  CwSlide *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);

  copy = cw_slide_new (self->id, self->template_id);
  copy->duration = self->duration;
  copy->transition = self->transition;
  copy->transition_duration = self->transition_duration;
  copy->tone = self->tone;
  copy->line = self->line;
  copy_table (self->texts, copy->texts, 0);
  copy_table (self->plurals, copy->plurals, 0);
  copy_table (self->params, copy->params, 0);
  copy_table (self->animations, copy->animations, sizeof (CwAnimation));
  copy_table (self->colors, copy->colors, 0);

  g_hash_table_iter_init (&iter, self->lines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->lines, g_strdup (key), value);

  /* the same content: undo may use either */
  copy->revision = self->revision;
  return copy;
}

/**
 * cw_slide_get_revision:
 *
 * Returns: the #CwRevision of @self: the same as a copy's
 */
guint64
cw_slide_get_revision (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), 0);
  return self->revision;
}

/* Two tables of strings hold the same. */
static gboolean
tables_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other;

      if (!g_hash_table_lookup_extended (b, key, NULL, &other))
        return FALSE;
      if (g_strcmp0 (value, other) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
animations_equal (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  /* field by field: a struct may hold padding that memcmp() would compare */
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CwAnimation *x = value;
      const CwAnimation *y = g_hash_table_lookup (b, key);

      if (y == NULL || x->effect != y->effect || x->easing != y->easing ||
          x->delay != y->delay || x->duration != y->duration)
        return FALSE;
    }
  return TRUE;
}

/**
 * cw_slide_equal:
 *
 * Whether @a and @b hold the same content: what a deck file keeps of a
 * slide. Where it was read from (its lines) does not count.
 *
 * Returns: %TRUE when they are the same
 */
gboolean
cw_slide_equal (CwSlide *a,
                CwSlide *b)
{
  g_return_val_if_fail (CW_IS_SLIDE (a), FALSE);
  g_return_val_if_fail (CW_IS_SLIDE (b), FALSE);

  if (a == b || a->revision == b->revision)
    return TRUE;
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->template_id, b->template_id) == 0 &&
         a->duration == b->duration &&
         a->transition == b->transition &&
         a->transition_duration == b->transition_duration &&
         a->tone == b->tone &&
         tables_equal (a->texts, b->texts) &&
         tables_equal (a->plurals, b->plurals) &&
         tables_equal (a->params, b->params) &&
         tables_equal (a->colors, b->colors) &&
         animations_equal (a->animations, b->animations);
}

const char *
cw_slide_get_id (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return self->id;
}

void
cw_slide_set_id (CwSlide    *self,
                 const char *id)
{
  g_return_if_fail (CW_IS_SLIDE (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  emit_changed (self, properties[PROP_ID]);
}

const char *
cw_slide_get_template_id (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return self->template_id;
}

void
cw_slide_set_template_id (CwSlide    *self,
                          const char *template_id)
{
  g_return_if_fail (CW_IS_SLIDE (self));

  if (g_strcmp0 (self->template_id, template_id) == 0)
    return;
  g_free (self->template_id);
  self->template_id = g_strdup (template_id);
  emit_changed (self, properties[PROP_TEMPLATE_ID]);
}

double
cw_slide_get_duration (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), 0);
  return self->duration;
}

void
cw_slide_set_duration (CwSlide *self,
                       double   duration)
{
  g_return_if_fail (CW_IS_SLIDE (self));

  duration = MAX (duration, 0);
  if (self->duration == duration)
    return;
  self->duration = duration;
  emit_changed (self, properties[PROP_DURATION]);
}

CwTransitionType
cw_slide_get_transition (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), CW_TRANSITION_CUT);
  return self->transition;
}

double
cw_slide_get_transition_duration (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), 0);
  return self->transition_duration;
}

void
cw_slide_set_transition (CwSlide          *self,
                         CwTransitionType  type,
                         double            duration)
{
  gboolean type_changed;
  gboolean duration_changed;

  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (type < CW_N_TRANSITIONS);

  duration = MAX (duration, 0);
  type_changed = self->transition != type;
  duration_changed = self->transition_duration != duration;
  if (!type_changed && !duration_changed)
    return;

  self->transition = type;
  self->transition_duration = duration;
  if (type_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSITION]);
  if (duration_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSITION_DURATION]);
  emit_changed (self, NULL);
}

/**
 * cw_slide_has_tone:
 *
 * Returns: whether the slide sets its own tone; otherwise its figures take
 *   the tone of their statistics
 */
gboolean
cw_slide_has_tone (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), FALSE);
  return self->tone >= 0;
}

/* The slide's own tone; meaningful only when cw_slide_has_tone(). */
CwTone
cw_slide_get_tone (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), CW_TONE_PROGRESS);
  return self->tone >= 0 ? (CwTone) self->tone : CW_TONE_PROGRESS;
}

/**
 * cw_slide_set_tone:
 *
 * Gives the slide a tone of its own, which colors its figures whatever
 * their statistics' tones: a statistic of progress shown on a slide about
 * the harm that remains, say.
 */
void
cw_slide_set_tone (CwSlide *self,
                   CwTone   tone)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (tone < CW_N_TONES);

  if (self->tone == (int) tone)
    return;
  self->tone = tone;
  emit_changed (self, properties[PROP_TONE]);
}

/* The slide's figures take their statistics' tones again. */
void
cw_slide_unset_tone (CwSlide *self)
{
  g_return_if_fail (CW_IS_SLIDE (self));

  if (self->tone < 0)
    return;
  self->tone = -1;
  emit_changed (self, properties[PROP_TONE]);
}

static void
set_table_string (CwSlide    *self,
                  GHashTable *table,
                  const char *name,
                  const char *value)
{
  if (g_strcmp0 (g_hash_table_lookup (table, name), value) == 0)
    return;
  if (value == NULL)
    g_hash_table_remove (table, name);
  else
    g_hash_table_insert (table, g_strdup (name), g_strdup (value));
  emit_changed (self, NULL);
}

/**
 * cw_slide_get_text:
 *
 * Returns: (nullable): the text the author set for the field @name,
 *   in the deck's source language, or %NULL when the template default applies
 */
const char *
cw_slide_get_text (CwSlide    *self,
                   const char *name)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return g_hash_table_lookup (self->texts, name);
}

/**
 * cw_slide_get_text_plural:
 *
 * Returns: (nullable): the plural form of a text that follows a number,
 *   or %NULL when the text has one form only
 */
const char *
cw_slide_get_text_plural (CwSlide    *self,
                          const char *name)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return g_hash_table_lookup (self->plurals, name);
}

void
cw_slide_set_text (CwSlide    *self,
                   const char *name,
                   const char *text)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (name != NULL);
  set_table_string (self, self->texts, name, text);
}

void
cw_slide_set_text_plural (CwSlide    *self,
                          const char *name,
                          const char *plural)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (name != NULL);
  set_table_string (self, self->plurals, name, plural);
}

const char *
cw_slide_get_param (CwSlide    *self,
                    const char *name)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return g_hash_table_lookup (self->params, name);
}

void
cw_slide_set_param (CwSlide    *self,
                    const char *name,
                    const char *value)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (name != NULL);
  set_table_string (self, self->params, name, value);
}

static char *
animation_key (CwPhase     phase,
               const char *element)
{
  return g_strconcat (phase == CW_PHASE_EXIT ? "exit/" : "enter/", element, NULL);
}

gboolean
cw_slide_get_animation (CwSlide     *self,
                        CwPhase      phase,
                        const char  *element,
                        CwAnimation *animation)
{
  g_autofree char *key = NULL;
  CwAnimation *found;

  g_return_val_if_fail (CW_IS_SLIDE (self), FALSE);

  key = animation_key (phase, element);
  found = g_hash_table_lookup (self->animations, key);
  if (found != NULL && animation != NULL)
    *animation = *found;
  return found != NULL;
}

/**
 * cw_slide_set_animation:
 * @animation: (nullable): how @element enters or leaves, or %NULL for the
 *   template's default
 */
void
cw_slide_set_animation (CwSlide           *self,
                        CwPhase            phase,
                        const char        *element,
                        const CwAnimation *animation)
{
  g_autofree char *key = NULL;
  CwAnimation *found;

  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (element != NULL);

  key = animation_key (phase, element);
  found = g_hash_table_lookup (self->animations, key);
  if (animation == NULL)
    {
      if (found == NULL)
        return;
      g_hash_table_remove (self->animations, key);
    }
  else
    {
      if (found != NULL && memcmp (found, animation, sizeof *animation) == 0)
        return;
      g_hash_table_insert (self->animations, g_steal_pointer (&key),
                           g_memdup2 (animation, sizeof *animation));
    }
  emit_changed (self, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * cw_slide_list_animated_elements:
 *
 * Returns: (transfer full): the elements whose @phase animation the author
 *   changed, sorted, so files are written in a stable order
 */
GStrv
cw_slide_list_animated_elements (CwSlide *self,
                                 CwPhase  phase)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  const char *prefix = phase == CW_PHASE_EXIT ? "exit/" : "enter/";
  guint n;

  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->animations, &n);
  for (guint i = 0; i < n; i++)
    {
      if (g_str_has_prefix (keys[i], prefix))
        g_ptr_array_add (found, g_strdup (keys[i] + strlen (prefix)));
    }
  g_ptr_array_sort_with_data (found, compare_strings, NULL);
  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/**
 * cw_slide_get_element_color:
 *
 * Returns: (nullable): the color the author chose for @element, or %NULL
 *   when the element takes its color from the theme
 */
const char *
cw_slide_get_element_color (CwSlide    *self,
                            const char *element)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);
  return g_hash_table_lookup (self->colors, element);
}

void
cw_slide_set_element_color (CwSlide    *self,
                            const char *element,
                            const char *color)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_return_if_fail (element != NULL);
  set_table_string (self, self->colors, element, color);
}

/* Returns: (transfer full): the elements with a color of their own, sorted */
GStrv
cw_slide_list_colored_elements (CwSlide *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (CW_IS_SLIDE (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->colors, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (found, g_strdup (keys[i]));
  g_ptr_array_sort_with_data (found, compare_strings, NULL);
  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

guint
cw_slide_get_line (CwSlide *self)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), 0);
  return self->line;
}

void
cw_slide_set_line (CwSlide *self,
                   guint    line)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  self->line = line;
}

guint
cw_slide_get_field_line (CwSlide    *self,
                         const char *name)
{
  g_return_val_if_fail (CW_IS_SLIDE (self), 0);

  if (g_hash_table_contains (self->lines, name))
    return GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, name));
  return self->line;
}

void
cw_slide_set_field_line (CwSlide    *self,
                         const char *name,
                         guint       line)
{
  g_return_if_fail (CW_IS_SLIDE (self));
  g_hash_table_insert (self->lines, g_strdup (name), GUINT_TO_POINTER (line));
}
