/* cw-deck.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cw-audio.h"
#include "cw-deck.h"
#include "cw-error.h"
#include "cw-file.h"
#include "cw-revision.h"
#include "cw-template.h"
#include "cw-text.h"

struct _CwDeck
{
  GObject     parent_instance;

  char       *title;
  char       *author;
  char       *language;
  char       *source_line;
  CwAudience  audience;
  CwDigits    digits;
  char       *format;
  guint       fps;
  gboolean    transparent;
  CwTheme    *theme;
  GFile      *file;
  /* the soundtrack, and the path beside the deck it came from (NULL when
   * embedded); a path whose file could not be used has no audio */
  CwAudio    *soundtrack;
  char       *soundtrack_href;

  GListStore *statistics;
  GListStore *slides;
  GPtrArray  *catalogs;
  GPtrArray  *warnings;
  /* pictures the slides show, by the path the deck names them with */
  GHashTable *images;
};

G_DEFINE_FINAL_TYPE (CwDeck, cw_deck, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_AUTHOR,
  PROP_LANGUAGE,
  PROP_SOURCE_LINE,
  PROP_AUDIENCE,
  PROP_DIGITS,
  PROP_FORMAT,
  PROP_FPS,
  PROP_TRANSPARENT,
  PROP_THEME,
  PROP_FILE,
  PROP_SOUNDTRACK,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_part_changed (CwDeck *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A plain handler, removed by unwatch_statistic() whenever the statistic
 * leaves the deck: g_signal_connect_object() would keep every closure in
 * one array on the deck, and each removal scans it, so freeing a deck of
 * n statistics took n² steps (seconds for a table of 40,000 rows). */
static void
watch_statistic (CwDeck      *self,
                 CwStatistic *statistic)
{
  g_signal_connect_swapped (statistic, "notify", G_CALLBACK (on_part_changed), self);
}

static void
unwatch_statistic (CwDeck      *self,
                   CwStatistic *statistic)
{
  g_signal_handlers_disconnect_by_func (statistic, on_part_changed, self);
}

static void
unwatch_statistics (CwDeck *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      unwatch_statistic (self, statistic);
    }
}

static void
watch_slide (CwDeck  *self,
             CwSlide *slide)
{
  g_signal_connect_object (slide, "changed", G_CALLBACK (on_part_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
cw_deck_dispose (GObject *object)
{
  CwDeck *self = (CwDeck *)object;

  /* a statistic may outlive the deck (an undo step holds it) */
  if (self->statistics != NULL)
    unwatch_statistics (self);
  g_clear_object (&self->statistics);
  g_clear_object (&self->slides);
  g_clear_object (&self->theme);
  g_clear_object (&self->file);
  g_clear_object (&self->soundtrack);
  g_clear_pointer (&self->catalogs, g_ptr_array_unref);

  G_OBJECT_CLASS (cw_deck_parent_class)->dispose (object);
}

static void
cw_deck_finalize (GObject *object)
{
  CwDeck *self = (CwDeck *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->soundtrack_href, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->source_line, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);

  G_OBJECT_CLASS (cw_deck_parent_class)->finalize (object);
}

static void
cw_deck_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CwDeck *self = CW_DECK (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SOURCE_LINE:
      g_value_set_string (value, self->source_line);
      break;
    case PROP_AUDIENCE:
      g_value_set_int (value, self->audience);
      break;
    case PROP_DIGITS:
      g_value_set_int (value, self->digits);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_FPS:
      g_value_set_uint (value, self->fps);
      break;
    case PROP_TRANSPARENT:
      g_value_set_boolean (value, self->transparent);
      break;
    case PROP_THEME:
      g_value_set_object (value, self->theme);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_SOUNDTRACK:
      g_value_set_object (value, self->soundtrack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_deck_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CwDeck *self = CW_DECK (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      cw_deck_set_title (self, g_value_get_string (value));
      break;
    case PROP_AUTHOR:
      cw_deck_set_author (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      cw_deck_set_language (self, g_value_get_string (value));
      break;
    case PROP_SOURCE_LINE:
      cw_deck_set_source_line (self, g_value_get_string (value));
      break;
    case PROP_AUDIENCE:
      cw_deck_set_audience (self, g_value_get_int (value));
      break;
    case PROP_DIGITS:
      cw_deck_set_digits (self, g_value_get_int (value));
      break;
    case PROP_FORMAT:
      cw_deck_set_format (self, g_value_get_string (value));
      break;
    case PROP_FPS:
      cw_deck_set_fps (self, g_value_get_uint (value));
      break;
    case PROP_TRANSPARENT:
      cw_deck_set_transparent (self, g_value_get_boolean (value));
      break;
    case PROP_THEME:
      cw_deck_set_theme (self, g_value_get_object (value));
      break;
    case PROP_FILE:
      cw_deck_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cw_deck_class_init (CwDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cw_deck_dispose;
  object_class->finalize = cw_deck_finalize;
  object_class->get_property = cw_deck_get_property;
  object_class->set_property = cw_deck_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_LINE] =
    g_param_spec_string ("source-line", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUDIENCE] =
    g_param_spec_int ("audience", NULL, NULL, CW_AUDIENCE_ADULTS, CW_AUDIENCE_CHILDREN,
                      CW_AUDIENCE_ADULTS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DIGITS] =
    g_param_spec_int ("digits", NULL, NULL, CW_DIGITS_WESTERN, CW_DIGITS_NATIVE,
                      CW_DIGITS_WESTERN,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, "tiktok",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FPS] =
    g_param_spec_uint ("fps", NULL, NULL, 1, 120, 30,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRANSPARENT] =
    g_param_spec_boolean ("transparent", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THEME] =
    g_param_spec_object ("theme", NULL, NULL, CW_TYPE_THEME,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* notified when the soundtrack or its path changes (cw_deck_set_soundtrack()) */
  properties[PROP_SOUNDTRACK] =
    g_param_spec_object ("soundtrack", NULL, NULL, CW_TYPE_AUDIO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CwDeck::changed:
   *
   * Emitted after any change to what the deck renders or saves.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cw_deck_init (CwDeck *self)
{
  self->language = g_strdup ("en");
  self->format = g_strdup ("tiktok");
  self->fps = 30;
  self->statistics = g_list_store_new (CW_TYPE_STATISTIC);
  self->slides = g_list_store_new (CW_TYPE_SLIDE);
  self->catalogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->theme = cw_theme_new ("night");
  g_signal_connect_object (self->theme, "changed", G_CALLBACK (on_part_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->statistics, "items-changed", G_CALLBACK (on_part_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slides, "items-changed", G_CALLBACK (on_part_changed), self,
                           G_CONNECT_SWAPPED);
}

CwDeck *
cw_deck_new (void)
{
  return g_object_new (CW_TYPE_DECK, NULL);
}

/**
 * cw_deck_copy:
 *
 * A deep copy: workers render and export from a snapshot while the
 * user goes on editing the original.
 *
 * Returns: (transfer full): the copy
 */
CwDeck *
cw_deck_copy (CwDeck *self)
{
  CwDeck *copy;
  g_autoptr(CwTheme) theme = NULL;
  guint n;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  copy = g_object_new (CW_TYPE_DECK,
                       "title", self->title,
                       "author", self->author,
                       "language", self->language,
                       "source-line", self->source_line,
                       "audience", self->audience,
                       "digits", self->digits,
                       "format", self->format,
                       "fps", self->fps,
                       "transparent", self->transparent,
                       "file", self->file,
                       NULL);

  theme = cw_theme_copy (self->theme);
  cw_deck_set_theme (copy, theme);
  cw_deck_set_soundtrack (copy, self->soundtrack, self->soundtrack_href);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      g_autoptr(CwStatistic) stat_copy = cw_statistic_copy (statistic);
      cw_deck_add_statistic (copy, stat_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->slides));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwSlide) slide = g_list_model_get_item (G_LIST_MODEL (self->slides), i);
      g_autoptr(CwSlide) slide_copy = cw_slide_copy (slide);
      cw_deck_add_slide (copy, slide_copy);
    }

  for (guint i = 0; i < self->catalogs->len; i++)
    g_ptr_array_add (copy->catalogs, cw_catalog_copy (g_ptr_array_index (self->catalogs, i)));

  for (guint i = 0; i < self->warnings->len; i++)
    g_ptr_array_add (copy->warnings, cw_diagnostic_copy (g_ptr_array_index (self->warnings, i)));

  /* decoded images never change, so the copy shares them */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->images);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy->images, g_strdup (key), g_object_ref (value));
  }

  return copy;
}

/**
 * cw_deck_assign:
 * @from: the content to take
 *
 * Makes @self hold what @from holds, in place: the list models are spliced,
 * so views bound to them update, and "changed" is emitted once at the end.
 * Undo uses it to go back to an earlier snapshot. @from is left empty of
 * statistics and slides (they move to @self).
 */
void
cw_deck_assign (CwDeck *self,
                CwDeck *from)
{
  g_autoptr(GPtrArray) statistics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) slides = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CwTheme) theme = NULL;
  guint n;

  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (CW_IS_DECK (from));

  g_signal_handlers_block_by_func (self->statistics, on_part_changed, self);
  g_signal_handlers_block_by_func (self->slides, on_part_changed, self);
  g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);

  cw_deck_set_title (self, from->title);
  cw_deck_set_author (self, from->author);
  cw_deck_set_language (self, from->language);
  cw_deck_set_source_line (self, from->source_line);
  cw_deck_set_audience (self, from->audience);
  cw_deck_set_digits (self, from->digits);
  cw_deck_set_format (self, from->format);
  cw_deck_set_fps (self, from->fps);
  cw_deck_set_transparent (self, from->transparent);
  theme = cw_theme_copy (from->theme);
  cw_deck_set_theme (self, theme);
  cw_deck_set_soundtrack (self, from->soundtrack, from->soundtrack_href);

  /* the statistics leaving @self, and those moving from @from, forget their old deck */
  unwatch_statistics (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (from->statistics));
  for (guint i = 0; i < n; i++)
    {
      CwStatistic *statistic = g_list_model_get_item (G_LIST_MODEL (from->statistics), i);
      unwatch_statistic (from, statistic);
      watch_statistic (self, statistic);
      g_ptr_array_add (statistics, statistic);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (from->slides));
  for (guint i = 0; i < n; i++)
    {
      CwSlide *slide = g_list_model_get_item (G_LIST_MODEL (from->slides), i);
      watch_slide (self, slide);
      g_ptr_array_add (slides, slide);
    }
  g_list_store_remove_all (from->statistics);
  g_list_store_remove_all (from->slides);

  g_list_store_splice (self->statistics, 0, g_list_model_get_n_items (G_LIST_MODEL (self->statistics)),
                       statistics->pdata, statistics->len);
  g_list_store_splice (self->slides, 0, g_list_model_get_n_items (G_LIST_MODEL (self->slides)),
                       slides->pdata, slides->len);

  g_ptr_array_set_size (self->catalogs, 0);
  for (guint i = 0; i < from->catalogs->len; i++)
    g_ptr_array_add (self->catalogs, g_object_ref (g_ptr_array_index (from->catalogs, i)));

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, from->images);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (self->images, g_strdup (key), g_object_ref (value));
  }

  g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  g_signal_handlers_unblock_by_func (self->slides, on_part_changed, self);
  g_signal_handlers_unblock_by_func (self->statistics, on_part_changed, self);
  g_signal_emit (self, signals[CHANGED], 0);
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
notify_changed (CwDeck *self,
                guint   prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
cw_deck_get_title (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->title;
}

void
cw_deck_set_title (CwDeck     *self,
                   const char *title)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (set_string (&self->title, title))
    notify_changed (self, PROP_TITLE);
}

const char *
cw_deck_get_author (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->author;
}

void
cw_deck_set_author (CwDeck     *self,
                    const char *author)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (set_string (&self->author, author))
    notify_changed (self, PROP_AUTHOR);
}

/* The language the slide texts are written in; translations go from it. */
const char *
cw_deck_get_language (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->language;
}

void
cw_deck_set_language (CwDeck     *self,
                      const char *language)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (set_string (&self->language, language ? language : "en"))
    notify_changed (self, PROP_LANGUAGE);
}

/**
 * cw_deck_get_source_line:
 *
 * Returns: (nullable): the pattern of the line under data slides, with
 *   {source} and {date} placeholders; %NULL means the built-in one
 */
const char *
cw_deck_get_source_line (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->source_line;
}

void
cw_deck_set_source_line (CwDeck     *self,
                         const char *source_line)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (set_string (&self->source_line, source_line))
    notify_changed (self, PROP_SOURCE_LINE);
}

/* Who the clip is for: it sets the reading speed and the variants of some cards. */
CwAudience
cw_deck_get_audience (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), CW_AUDIENCE_ADULTS);
  return self->audience;
}

void
cw_deck_set_audience (CwDeck     *self,
                      CwAudience  audience)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (self->audience == audience)
    return;
  self->audience = audience;
  notify_changed (self, PROP_AUDIENCE);
}

/**
 * cw_deck_get_digits:
 *
 * Returns: the digits numbers are written in: Western (0–9, the default)
 *   in every language, or each language's own, such as Arabic-Indic in
 *   Arabic; every text of a slide is written in the same
 */
CwDigits
cw_deck_get_digits (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), CW_DIGITS_WESTERN);
  return self->digits;
}

void
cw_deck_set_digits (CwDeck   *self,
                    CwDigits  digits)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (digits <= CW_DIGITS_NATIVE);
  if (self->digits == digits)
    return;
  self->digits = digits;
  notify_changed (self, PROP_DIGITS);
}

/* Characters a second the audience reads on screen (Netflix's guidelines). */
double
cw_deck_get_reading_speed (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), 17);
  return self->audience == CW_AUDIENCE_CHILDREN ? 13.0 : 17.0;
}

/* The output format used when none is asked for, such as "tiktok". */
const char *
cw_deck_get_format (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->format;
}

void
cw_deck_set_format (CwDeck     *self,
                    const char *format)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (set_string (&self->format, format ? format : "tiktok"))
    notify_changed (self, PROP_FORMAT);
}

guint
cw_deck_get_fps (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), 30);
  return self->fps;
}

void
cw_deck_set_fps (CwDeck *self,
                 guint   fps)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (self->fps == fps)
    return;
  self->fps = fps;
  notify_changed (self, PROP_FPS);
}

gboolean
cw_deck_get_transparent (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), FALSE);
  return self->transparent;
}

void
cw_deck_set_transparent (CwDeck   *self,
                         gboolean  transparent)
{
  g_return_if_fail (CW_IS_DECK (self));
  transparent = !!transparent;
  if (self->transparent == transparent)
    return;
  self->transparent = transparent;
  notify_changed (self, PROP_TRANSPARENT);
}

/* Returns: (transfer none) (nullable): the soundtrack the videos carry */
CwAudio *
cw_deck_get_soundtrack (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->soundtrack;
}

/* Returns: (nullable): the soundtrack's path beside the deck, or %NULL when
 *   it is embedded. A path without a soundtrack names a file that could not
 *   be used: exporting a video then fails with an error naming it. */
const char *
cw_deck_get_soundtrack_href (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->soundtrack_href;
}

/**
 * cw_deck_set_soundtrack:
 * @audio: (nullable): the soundtrack, or %NULL for none (or a missing file)
 * @href: (nullable): its path relative to the deck, or %NULL to embed it
 */
void
cw_deck_set_soundtrack (CwDeck     *self,
                        CwAudio    *audio,
                        const char *href)
{
  gboolean changed;

  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (audio == NULL || CW_IS_AUDIO (audio));

  changed = g_set_object (&self->soundtrack, audio);
  changed |= set_string (&self->soundtrack_href, href);
  if (changed)
    notify_changed (self, PROP_SOUNDTRACK);
}

CwTheme *
cw_deck_get_theme (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->theme;
}

void
cw_deck_set_theme (CwDeck  *self,
                   CwTheme *theme)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (CW_IS_THEME (theme));

  if (self->theme == theme)
    return;
  if (self->theme != NULL)
    g_signal_handlers_disconnect_by_func (self->theme, on_part_changed, self);
  g_set_object (&self->theme, theme);
  g_signal_connect_object (self->theme, "changed", G_CALLBACK (on_part_changed), self,
                           G_CONNECT_SWAPPED);
  notify_changed (self, PROP_THEME);
}

/**
 * cw_deck_get_file:
 *
 * Returns: (nullable) (transfer none): where the deck was loaded from or
 *   saved to; relative image paths are resolved against its folder
 */
GFile *
cw_deck_get_file (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->file;
}

void
cw_deck_set_file (CwDeck *self,
                  GFile  *file)
{
  g_return_if_fail (CW_IS_DECK (self));
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* How messages name this deck: its path, or its title when it has no file yet. */
char *
cw_deck_dup_display_name (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  if (self->file != NULL)
    return g_file_get_parse_name (self->file);
  if (self->title != NULL)
    return g_strdup (self->title);
  return g_strdup (_("Untitled deck"));
}

GListModel *
cw_deck_get_statistics (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return G_LIST_MODEL (self->statistics);
}

/**
 * cw_deck_find_statistic:
 *
 * Returns: (nullable) (transfer none): the statistic with @id
 */
CwStatistic *
cw_deck_find_statistic (CwDeck     *self,
                        const char *id)
{
  guint n;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  if (id == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      if (g_strcmp0 (cw_statistic_get_id (statistic), id) == 0)
        return statistic;
    }
  return NULL;
}

void
cw_deck_add_statistic (CwDeck      *self,
                       CwStatistic *statistic)
{
  g_return_if_fail (CW_IS_DECK (self));
  cw_deck_insert_statistic (self, g_list_model_get_n_items (G_LIST_MODEL (self->statistics)),
                            statistic);
}

void
cw_deck_insert_statistic (CwDeck      *self,
                          guint        position,
                          CwStatistic *statistic)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (CW_IS_STATISTIC (statistic));

  watch_statistic (self, statistic);
  g_list_store_insert (self->statistics, position, statistic);
}

void
cw_deck_remove_statistic (CwDeck      *self,
                          CwStatistic *statistic)
{
  guint position;

  g_return_if_fail (CW_IS_DECK (self));

  if (g_list_store_find (self->statistics, statistic, &position))
    {
      unwatch_statistic (self, statistic);
      g_list_store_remove (self->statistics, position);
    }
}

static gboolean
text_shows (const char *text,
            const char *id)
{
  g_autoptr(GPtrArray) names = cw_text_list_placeholders (text);

  return names != NULL && g_ptr_array_find_with_equal_func (names, id, g_str_equal, NULL);
}

/* Whether @slide names the statistic @id in a field, or shows it in a
 * text as {id} (not as {id_and_more}: the placeholder parser decides). */
static gboolean
slide_uses_statistic (CwSlide    *slide,
                      const char *id)
{
  const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));

  for (const CwField *f = template ? template->fields : NULL; f != NULL && f->name != NULL; f++)
    {
      if (f->type == CW_FIELD_STATISTIC && g_strcmp0 (cw_slide_get_param (slide, f->name), id) == 0)
        return TRUE;
      if (f->type == CW_FIELD_TEXT &&
          (text_shows (cw_slide_get_text (slide, f->name), id) ||
           text_shows (cw_slide_get_text_plural (slide, f->name), id)))
        return TRUE;
    }
  return FALSE;
}

/**
 * cw_deck_list_slides_using:
 * @id: a statistic id
 *
 * Returns: (transfer container) (element-type CwSlide): the slides that
 *   show the statistic @id, in order
 */
GPtrArray *
cw_deck_list_slides_using (CwDeck     *self,
                           const char *id)
{
  GPtrArray *slides;
  guint n;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  slides = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->slides));
  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(CwSlide) slide = g_list_model_get_item (G_LIST_MODEL (self->slides), i);

      if (slide_uses_statistic (slide, id))
        g_ptr_array_add (slides, slide);
    }
  return slides;
}

/**
 * cw_deck_rename_statistic:
 * @id: the new id
 *
 * Gives @statistic a new id, if it is a usable id, no other statistic has
 * it, and no slide shows the statistic by its old one.
 *
 * Returns: %FALSE with @error set, and nothing changed, if it cannot
 */
gboolean
cw_deck_rename_statistic (CwDeck       *self,
                          CwStatistic  *statistic,
                          const char   *id,
                          GError      **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (id ? id : ""));
  g_autoptr(GPtrArray) users = NULL;

  g_return_val_if_fail (CW_IS_DECK (self), FALSE);
  g_return_val_if_fail (CW_IS_STATISTIC (statistic), FALSE);

  if (g_strcmp0 (clean, cw_statistic_get_id (statistic)) == 0)
    return TRUE;
  if (!cw_statistic_id_is_valid (clean))
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("“%s” is not a usable id: start with a letter, then use letters, digits, “_” or “-”."),
                   clean);
      return FALSE;
    }
  if (cw_deck_find_statistic (self, clean) != NULL)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_DUPLICATE_ID,
                   _("There is already a statistic “%s”; choose another id."), clean);
      return FALSE;
    }
  users = cw_deck_list_slides_using (self, cw_statistic_get_id (statistic));
  if (users->len > 0)
    {
      g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE,
                   _("Slides show “%s”; renaming it would break them. Add a new statistic instead."),
                   cw_statistic_get_id (statistic));
      return FALSE;
    }
  cw_statistic_set_id (statistic, clean);
  return TRUE;
}

/* A series (a statistic with points) adds up to a total the same slide
 * states: its own value, or a figure of the same unit that a text of the
 * slide shows. A figure larger than every point can only be such a total
 * (a year's figure among yearly ones is not), so only those are held to
 * the sum. One warning for each total that disagrees. */
static void
check_series_totals (CwDeck    *self,
                     GPtrArray *diagnostics)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slides));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwSlide) slide = g_list_model_get_item (G_LIST_MODEL (self->slides), i);
      const CwTemplate *template = cw_template_lookup (cw_slide_get_template_id (slide));

      for (const CwField *f = template ? template->fields : NULL; f != NULL && f->name != NULL; f++)
        {
          CwStatistic *series;
          double sum = 0, largest = -G_MAXDOUBLE;
          guint n_points;
          g_autoptr(GPtrArray) totals = g_ptr_array_new ();

          if (f->type != CW_FIELD_STATISTIC)
            continue;
          series = cw_deck_find_statistic (self, cw_slide_get_param (slide, f->name));
          n_points = series ? cw_statistic_get_n_points (series) : 0;
          if (n_points < 2 || cw_statistic_is_percent (series))
            continue;
          for (guint p = 0; p < n_points; p++)
            {
              sum += cw_statistic_get_point (series, p)->value;
              largest = MAX (largest, cw_statistic_get_point (series, p)->value);
            }

          if (cw_statistic_has_value (series))
            g_ptr_array_add (totals, series);
          for (const CwField *t = template->fields; t->name != NULL; t++)
            {
              const char *texts[2];

              if (t->type != CW_FIELD_TEXT)
                continue;
              texts[0] = cw_slide_get_text (slide, t->name);
              texts[1] = cw_slide_get_text_plural (slide, t->name);
              for (guint k = 0; k < 2; k++)
                {
                  g_autoptr(GPtrArray) names = texts[k] ? cw_text_list_placeholders (texts[k]) : NULL;

                  for (guint m = 0; names != NULL && m < names->len; m++)
                    {
                      CwStatistic *total = cw_deck_find_statistic (self, g_ptr_array_index (names, m));

                      if (total != NULL && total != series && cw_statistic_has_value (total) &&
                          g_strcmp0 (cw_statistic_get_unit (total), cw_statistic_get_unit (series)) == 0 &&
                          !g_ptr_array_find (totals, total, NULL))
                        g_ptr_array_add (totals, total);
                    }
                }
            }

          for (guint k = 0; k < totals->len; k++)
            {
              CwStatistic *total = g_ptr_array_index (totals, k);
              double value = cw_statistic_get_value (total);
              g_autofree char *message = NULL;
              CwDiagnostic *diagnostic;

              if (value <= largest || fabs (value - sum) <= 1e-6 * MAX (1, fabs (value)))
                continue;
              /* Translators: a slide id, a statistic id and its sum, then a statistic id and its value */
              message = g_strdup_printf (_("Slide “%s”: the series “%s” adds up to %g, but “%s” on the same slide says %g."),
                                         cw_slide_get_id (slide), cw_statistic_get_id (series), sum,
                                         cw_statistic_get_id (total), value);
              diagnostic = cw_diagnostic_new_for_slide (CW_SEVERITY_WARNING, cw_slide_get_id (slide), f->name,
                                                        message,
                                                        _("Correct the points or the total, so viewers who add them up get the same figure."));
              diagnostic->code = CW_ERROR_BAD_VALUE;
              diagnostic->rule = g_strdup ("consistency");
              diagnostic->measured = g_strdup_printf ("%g", sum);
              diagnostic->required = g_strdup_printf ("%g", value);
              diagnostic->line = cw_slide_get_line (slide);
              g_ptr_array_add (diagnostics, diagnostic);
            }
        }
    }
}

/**
 * cw_deck_check_statistics:
 * @now: the time to measure the age of figures against
 *
 * The warnings of cw_statistic_check() for every statistic, with the deck
 * and the line each statistic was loaded from; then those about how the
 * slides use them: a series that does not add up to the total its slide
 * states.
 *
 * Returns: (transfer full) (element-type CwDiagnostic): the warnings
 */
GPtrArray *
cw_deck_check_statistics (CwDeck    *self,
                          GDateTime *now)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cw_diagnostic_free);
  g_autofree char *name = NULL;
  guint n;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  name = cw_deck_dup_display_name (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->statistics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CwStatistic) statistic = g_list_model_get_item (G_LIST_MODEL (self->statistics), i);
      g_autoptr(GPtrArray) warnings = cw_statistic_check (statistic, NULL, now);

      for (guint w = 0; w < warnings->len; w++)
        {
          CwDiagnostic *d = g_ptr_array_index (warnings, w);

          g_free (d->file);
          d->file = g_strdup (name);
          d->line = cw_statistic_get_line (statistic);
        }
      g_ptr_array_extend_and_steal (diagnostics, g_steal_pointer (&warnings));
    }

  {
    guint first = diagnostics->len;

    check_series_totals (self, diagnostics);
    for (guint i = first; i < diagnostics->len; i++)
      ((CwDiagnostic *) g_ptr_array_index (diagnostics, i))->file = g_strdup (name);
  }
  return g_steal_pointer (&diagnostics);
}

GListModel *
cw_deck_get_slides (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return G_LIST_MODEL (self->slides);
}

guint
cw_deck_get_n_slides (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->slides));
}

/**
 * cw_deck_get_slide:
 *
 * Returns: (transfer none): the slide at @position
 */
CwSlide *
cw_deck_get_slide (CwDeck *self,
                   guint   position)
{
  g_autoptr(CwSlide) slide = NULL;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  slide = g_list_model_get_item (G_LIST_MODEL (self->slides), position);
  /* the store keeps its reference */
  return slide;
}

CwSlide *
cw_deck_find_slide (CwDeck     *self,
                    const char *id)
{
  guint n;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  n = cw_deck_get_n_slides (self);
  for (guint i = 0; i < n; i++)
    {
      CwSlide *slide = cw_deck_get_slide (self, i);
      if (g_strcmp0 (cw_slide_get_id (slide), id) == 0)
        return slide;
    }
  return NULL;
}

void
cw_deck_add_slide (CwDeck  *self,
                   CwSlide *slide)
{
  g_return_if_fail (CW_IS_DECK (self));
  cw_deck_insert_slide (self, cw_deck_get_n_slides (self), slide);
}

void
cw_deck_insert_slide (CwDeck  *self,
                      guint    position,
                      CwSlide *slide)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (CW_IS_SLIDE (slide));

  watch_slide (self, slide);
  g_list_store_insert (self->slides, MIN (position, cw_deck_get_n_slides (self)), slide);
}

void
cw_deck_remove_slide (CwDeck  *self,
                      CwSlide *slide)
{
  guint position;

  g_return_if_fail (CW_IS_DECK (self));

  if (g_list_store_find (self->slides, slide, &position))
    {
      g_signal_handlers_disconnect_by_func (slide, on_part_changed, self);
      g_list_store_remove (self->slides, position);
    }
}

void
cw_deck_move_slide (CwDeck *self,
                    guint   from,
                    guint   to)
{
  g_autoptr(CwSlide) slide = NULL;
  guint n;

  g_return_if_fail (CW_IS_DECK (self));

  n = cw_deck_get_n_slides (self);
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  slide = g_list_model_get_item (G_LIST_MODEL (self->slides), from);
  g_list_store_remove (self->slides, from);
  g_list_store_insert (self->slides, to, slide);
}

/* A slide id not used yet: "prefix", "prefix-2", "prefix-3"… */
char *
cw_deck_make_slide_id (CwDeck     *self,
                       const char *prefix)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  if (cw_deck_find_slide (self, prefix) == NULL)
    return g_strdup (prefix);

  for (guint i = 2; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      if (cw_deck_find_slide (self, id) == NULL)
        return g_steal_pointer (&id);
    }
}

/**
 * cw_deck_get_catalogs:
 *
 * Returns: (transfer none) (element-type CwCatalog): the translations
 */
GPtrArray *
cw_deck_get_catalogs (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->catalogs;
}

CwCatalog *
cw_deck_get_catalog (CwDeck     *self,
                     const char *language)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  for (guint i = 0; i < self->catalogs->len; i++)
    {
      CwCatalog *catalog = g_ptr_array_index (self->catalogs, i);
      if (g_strcmp0 (cw_catalog_get_language (catalog), language) == 0)
        return catalog;
    }
  return NULL;
}

/* Adds or replaces the catalog of its language. */
void
cw_deck_add_catalog (CwDeck    *self,
                     CwCatalog *catalog)
{
  CwCatalog *old;

  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (CW_IS_CATALOG (catalog));

  old = cw_deck_get_catalog (self, cw_catalog_get_language (catalog));
  if (old == catalog)
    return;
  if (old != NULL)
    g_ptr_array_remove (self->catalogs, old);
  g_ptr_array_add (self->catalogs, g_object_ref (catalog));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cw_deck_list_languages:
 *
 * Returns: (transfer full): the source language first, then each translation
 */
GStrv
cw_deck_list_languages (CwDeck *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CW_IS_DECK (self), NULL);

  g_strv_builder_add (builder, self->language);
  for (guint i = 0; i < self->catalogs->len; i++)
    {
      const char *lang = cw_catalog_get_language (g_ptr_array_index (self->catalogs, i));
      if (g_strcmp0 (lang, self->language) != 0)
        g_strv_builder_add (builder, lang);
    }
  return g_strv_builder_end (builder);
}

gboolean
cw_deck_has_language (CwDeck     *self,
                      const char *language)
{
  g_return_val_if_fail (CW_IS_DECK (self), FALSE);
  return g_strcmp0 (language, self->language) == 0 || cw_deck_get_catalog (self, language) != NULL;
}

/**
 * cw_deck_get_image:
 * @href: the path a slide names the image with, relative to the deck
 *
 * Returns: (transfer none) (nullable): the image, when it was loaded
 */
CwImage *
cw_deck_get_image (CwDeck     *self,
                   const char *href)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return href ? g_hash_table_lookup (self->images, href) : NULL;
}

/* Keeps @image for slides that name it @href. */
void
cw_deck_add_image (CwDeck     *self,
                   const char *href,
                   CwImage    *image)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (href != NULL);
  g_return_if_fail (CW_IS_IMAGE (image));

  g_hash_table_insert (self->images, g_strdup (href), g_object_ref (image));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cw_deck_load_image:
 *
 * Loads @href (a file inside the deck's folder, see
 * cw_file_resolve_beside()) for slides to show, unless it is loaded already.
 *
 * Returns: (transfer none) (nullable): the image, or %NULL with @error set
 */
CwImage *
cw_deck_load_image (CwDeck      *self,
                    const char  *href,
                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  CwImage *image;

  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  g_return_val_if_fail (href != NULL, NULL);

  image = g_hash_table_lookup (self->images, href);
  if (image != NULL)
    return image;

  if (self->file != NULL)
    dir = g_file_get_parent (self->file);
  file = cw_file_resolve_beside (dir, href, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, CW_ERROR, CW_ERROR_BAD_VALUE, _("The image “%s” is missing."), href);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  image = cw_image_new_from_file (file, error);
  if (image == NULL)
    return NULL;
  cw_deck_add_image (self, href, image);
  g_object_unref (image);
  return cw_deck_get_image (self, href);
}

/**
 * cw_deck_get_warnings:
 *
 * Returns: (transfer none) (element-type CwDiagnostic): what loading the
 *   deck found worth telling but not worth refusing (a missing logo, an
 *   unknown font…)
 */
GPtrArray *
cw_deck_get_warnings (CwDeck *self)
{
  g_return_val_if_fail (CW_IS_DECK (self), NULL);
  return self->warnings;
}

void
cw_deck_add_warning (CwDeck     *self,
                     guint       line,
                     const char *message)
{
  g_autofree char *name = NULL;

  g_return_if_fail (CW_IS_DECK (self));

  name = cw_deck_dup_display_name (self);
  g_ptr_array_add (self->warnings,
                   cw_diagnostic_new (CW_SEVERITY_WARNING, 0, name, line, message));
}

/* For changes made inside parts the deck does not watch (catalog contents). */
void
cw_deck_changed (CwDeck *self)
{
  g_return_if_fail (CW_IS_DECK (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* BCP 47 language tags as the deck uses them: "en", "az", "ru", "pt-BR", "az-Cyrl". */
gboolean
cw_language_code_is_valid (const char *code)
{
  g_auto(GStrv) parts = NULL;

  if (code == NULL || *code == '\0' || strlen (code) > 35)
    return FALSE;

  parts = g_strsplit (code, "-", -1);
  for (guint i = 0; parts[i]; i++)
    {
      size_t len = strlen (parts[i]);

      if (len == 0 || len > 8)
        return FALSE;
      for (size_t j = 0; j < len; j++)
        {
          if (!g_ascii_isalnum (parts[i][j]))
            return FALSE;
        }
      if (i == 0 && (len < 2 || len > 3))
        return FALSE;
      if (i == 0)
        {
          for (size_t j = 0; j < len; j++)
            if (!g_ascii_islower (parts[i][j]))
              return FALSE;
        }
    }
  return TRUE;
}

/* Snapshots
 *
 * Undo keeps the deck as it was after each step. Serialising the deck for
 * that (as it once did) cost a full write per step and a full parse and
 * validation per undo, and kept every embedded logo in base64 in each of
 * the 200 steps. Recording each edit as a command would miss edits made by
 * code that knows nothing of undo.
 *
 * So a snapshot is structural and copy-on-write: the deck's settings, and
 * frozen copies of its theme, statistics, slides and catalogs that nothing
 * ever changes. Each part carries a revision that changes with it and that
 * a copy keeps (CwRevision); a new snapshot shares with the
 * previous one every part whose revision the deck still has, and copies
 * only the rest. An edit to one slide costs one slide copy and an array of
 * pointers; the array of statistics and the catalogs are shared whole when
 * none of them changed. Images are never copied: a theme copy refers to
 * the same decoded logo (CwImage is immutable).
 *
 * Restoring works the other way: the deck keeps each live part whose
 * revision the snapshot has, copies the frozen part where it does not, and
 * splices only the range of the lists that differs, so the views keep
 * their rows and the selected slide stays the same object.
 */

struct _CwDeckSnapshot
{
  gatomicrefcount  ref_count;

  char            *title;
  char            *author;
  char            *language;
  char            *source_line;
  CwAudience       audience;
  CwDigits         digits;
  char            *format;
  guint            fps;
  gboolean         transparent;
  CwAudio         *soundtrack;
  char            *soundtrack_href;

  CwTheme         *theme;
  GPtrArray       *statistics;
  GPtrArray       *slides;
  GPtrArray       *catalogs;
};

G_DEFINE_BOXED_TYPE (CwDeckSnapshot, cw_deck_snapshot, cw_deck_snapshot_ref, cw_deck_snapshot_unref)

typedef CwRevision (*RevisionFunc) (gpointer part);
typedef gpointer   (*CopyFunc)     (gpointer part);
typedef gboolean   (*EqualFunc)    (gpointer a,
                                    gpointer b);

typedef void       (*WatchFunc)    (CwDeck  *self,
                                    gpointer part);

typedef struct
{
  RevisionFunc revision;
  CopyFunc     copy;
  EqualFunc    equal;
} PartKind;

static const PartKind statistic_kind = {
  (RevisionFunc) cw_statistic_get_revision, (CopyFunc) cw_statistic_copy, (EqualFunc) cw_statistic_equal
};
static const PartKind slide_kind = {
  (RevisionFunc) cw_slide_get_revision, (CopyFunc) cw_slide_copy, (EqualFunc) cw_slide_equal
};
static const PartKind catalog_kind = {
  (RevisionFunc) cw_catalog_get_revision, (CopyFunc) cw_catalog_copy, (EqualFunc) cw_catalog_equal
};

/* The items of @store, borrowed: the store keeps them. */
static GPtrArray *
list_parts (GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  GPtrArray *parts = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      GObject *part = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_ptr_array_add (parts, part);
      g_object_unref (part);
    }
  return parts;
}

static gboolean
same_revisions (GPtrArray      *a,
                GPtrArray      *b,
                const PartKind *kind)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (kind->revision (g_ptr_array_index (a, i)) != kind->revision (g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* @parts by revision; the keys point into @revisions. */
static GHashTable *
index_by_revision (GPtrArray      *parts,
                   guint64        *revisions,
                   const PartKind *kind)
{
  GHashTable *index = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_queue_free);

  for (guint i = 0; i < parts->len; i++)
    {
      gpointer part = g_ptr_array_index (parts, i);
      GQueue *queue;

      revisions[i] = kind->revision (part);
      queue = g_hash_table_lookup (index, &revisions[i]);
      if (queue == NULL)
        g_hash_table_insert (index, &revisions[i], (queue = g_queue_new ()));
      g_queue_push_tail (queue, part);
    }
  return index;
}

/* Frozen copies of @live: the ones of @previous where the revisions match,
 * new copies of the rest; @previous itself when nothing changed. */
static GPtrArray *
freeze_parts (GPtrArray      *live,
              GPtrArray      *previous,
              const PartKind *kind)
{
  g_autoptr(GHashTable) index = NULL;
  g_autofree guint64 *revisions = NULL;
  GPtrArray *frozen;

  if (previous != NULL && same_revisions (live, previous, kind))
    return g_ptr_array_ref (previous);

  frozen = g_ptr_array_new_full (live->len, g_object_unref);
  if (previous != NULL)
    {
      revisions = g_new (guint64, previous->len);
      index = index_by_revision (previous, revisions, kind);
    }
  for (guint i = 0; i < live->len; i++)
    {
      gpointer part = g_ptr_array_index (live, i);
      guint64 revision = kind->revision (part);
      GQueue *queue = index ? g_hash_table_lookup (index, &revision) : NULL;

      /* frozen parts never change, so one may stand at several places */
      if (queue != NULL)
        g_ptr_array_add (frozen, g_object_ref (g_queue_peek_head (queue)));
      else
        g_ptr_array_add (frozen, kind->copy (part));
    }
  return frozen;
}

/* What the deck's list should hold to match @frozen: each live part whose
 * revision is there (each at most once, being live), a copy of the frozen
 * part otherwise; %NULL when the list matches already. */
static GPtrArray *
thaw_parts (GPtrArray      *live,
            GPtrArray      *frozen,
            const PartKind *kind)
{
  g_autoptr(GHashTable) index = NULL;
  g_autofree guint64 *revisions = NULL;
  GPtrArray *wanted;

  if (same_revisions (live, frozen, kind))
    return NULL;

  revisions = g_new (guint64, live->len);
  index = index_by_revision (live, revisions, kind);
  wanted = g_ptr_array_new_full (frozen->len, g_object_unref);
  for (guint i = 0; i < frozen->len; i++)
    {
      gpointer part = g_ptr_array_index (frozen, i);
      guint64 revision = kind->revision (part);
      GQueue *queue = g_hash_table_lookup (index, &revision);
      gpointer keep = queue ? g_queue_pop_head (queue) : NULL;

      g_ptr_array_add (wanted, keep ? g_object_ref (keep) : kind->copy (part));
    }
  return wanted;
}

/* Replaces only the range of @store where @wanted differs from @live. */
static void
splice_parts (CwDeck     *self,
              GListStore *store,
              GPtrArray  *live,
              GPtrArray  *wanted,
              WatchFunc   watch,
              WatchFunc   unwatch)
{
  guint prefix = 0, suffix = 0;
  guint shortest = MIN (live->len, wanted->len);

  while (prefix < shortest && g_ptr_array_index (live, prefix) == g_ptr_array_index (wanted, prefix))
    prefix++;
  while (suffix < shortest - prefix &&
         g_ptr_array_index (live, live->len - 1 - suffix) == g_ptr_array_index (wanted, wanted->len - 1 - suffix))
    suffix++;

  /* a part moving within the list leaves and comes back: unwatch all first */
  for (guint i = prefix; i < live->len - suffix; i++)
    unwatch (self, g_ptr_array_index (live, i));
  for (guint i = prefix; i < wanted->len - suffix; i++)
    watch (self, g_ptr_array_index (wanted, i));
  g_list_store_splice (store, prefix, live->len - suffix - prefix,
                       wanted->pdata + prefix, wanted->len - suffix - prefix);
}

static void
watch_statistic_part (CwDeck   *self,
                      gpointer  part)
{
  watch_statistic (self, part);
}

static void
unwatch_statistic_part (CwDeck   *self,
                        gpointer  part)
{
  unwatch_statistic (self, part);
}

static void
watch_slide_part (CwDeck   *self,
                  gpointer  part)
{
  watch_slide (self, part);
}

static void
unwatch_slide_part (CwDeck   *self,
                    gpointer  part)
{
  g_signal_handlers_disconnect_by_func (part, on_part_changed, self);
}

/**
 * cw_deck_snapshot_new:
 * @previous: (nullable): an earlier snapshot of @deck to share parts with
 *
 * Takes what @deck holds now (its settings, theme, statistics, slides and
 * translations; not its file, warnings or loaded images), copying only the
 * parts that changed since @previous.
 *
 * Returns: (transfer full): the snapshot
 */
CwDeckSnapshot *
cw_deck_snapshot_new (CwDeck         *deck,
                      CwDeckSnapshot *previous)
{
  g_autoptr(GPtrArray) statistics = NULL;
  g_autoptr(GPtrArray) slides = NULL;
  CwDeckSnapshot *self;

  g_return_val_if_fail (CW_IS_DECK (deck), NULL);

  self = g_new0 (CwDeckSnapshot, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->title = g_strdup (deck->title);
  self->author = g_strdup (deck->author);
  self->language = g_strdup (deck->language);
  self->source_line = g_strdup (deck->source_line);
  self->audience = deck->audience;
  self->digits = deck->digits;
  self->format = g_strdup (deck->format);
  self->fps = deck->fps;
  self->transparent = deck->transparent;
  self->soundtrack = deck->soundtrack ? g_object_ref (deck->soundtrack) : NULL;
  self->soundtrack_href = g_strdup (deck->soundtrack_href);

  if (previous != NULL && cw_theme_get_revision (previous->theme) == cw_theme_get_revision (deck->theme))
    self->theme = g_object_ref (previous->theme);
  else
    self->theme = cw_theme_copy (deck->theme);

  statistics = list_parts (deck->statistics);
  slides = list_parts (deck->slides);
  self->statistics = freeze_parts (statistics, previous ? previous->statistics : NULL, &statistic_kind);
  self->slides = freeze_parts (slides, previous ? previous->slides : NULL, &slide_kind);
  self->catalogs = freeze_parts (deck->catalogs, previous ? previous->catalogs : NULL, &catalog_kind);

  return self;
}

CwDeckSnapshot *
cw_deck_snapshot_ref (CwDeckSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cw_deck_snapshot_unref (CwDeckSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->title);
  g_free (self->author);
  g_free (self->language);
  g_free (self->source_line);
  g_free (self->format);
  g_free (self->soundtrack_href);
  g_clear_object (&self->soundtrack);
  g_clear_object (&self->theme);
  g_clear_pointer (&self->statistics, g_ptr_array_unref);
  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_pointer (&self->catalogs, g_ptr_array_unref);
  g_free (self);
}

static gboolean
parts_equal (GPtrArray      *a,
             GPtrArray      *b,
             const PartKind *kind)
{
  if (a == b)
    return TRUE;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!kind->equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/**
 * cw_deck_snapshot_equal:
 *
 * Whether @a and @b hold the same deck: the same settings and parts, in
 * the same order. Parts they share are not compared.
 *
 * Returns: %TRUE when a file of either would hold the same
 */
gboolean
cw_deck_snapshot_equal (CwDeckSnapshot *a,
                        CwDeckSnapshot *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;
  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->language, b->language) == 0 &&
         g_strcmp0 (a->source_line, b->source_line) == 0 &&
         a->audience == b->audience &&
         a->digits == b->digits &&
         g_strcmp0 (a->format, b->format) == 0 &&
         a->fps == b->fps &&
         a->transparent == b->transparent &&
         a->soundtrack == b->soundtrack &&
         g_strcmp0 (a->soundtrack_href, b->soundtrack_href) == 0 &&
         cw_theme_equal (a->theme, b->theme) &&
         parts_equal (a->statistics, b->statistics, &statistic_kind) &&
         parts_equal (a->slides, b->slides, &slide_kind) &&
         parts_equal (a->catalogs, b->catalogs, &catalog_kind);
}

/**
 * cw_deck_restore:
 * @snapshot: what @self held earlier (see cw_deck_snapshot_new())
 *
 * Makes @self hold what it held when @snapshot was taken, in place: parts
 * that are the same stay the same objects, the list models change only
 * where they differ, and "changed" is emitted once at the end.
 */
void
cw_deck_restore (CwDeck         *self,
                 CwDeckSnapshot *snapshot)
{
  g_autoptr(GPtrArray) statistics = NULL;
  g_autoptr(GPtrArray) slides = NULL;
  g_autoptr(GPtrArray) wanted = NULL;

  g_return_if_fail (CW_IS_DECK (self));
  g_return_if_fail (snapshot != NULL);

  g_signal_handlers_block_by_func (self->statistics, on_part_changed, self);
  g_signal_handlers_block_by_func (self->slides, on_part_changed, self);
  g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  /* whoever follows a setting sees the deck whole, not half restored */
  g_object_freeze_notify (G_OBJECT (self));

  cw_deck_set_title (self, snapshot->title);
  cw_deck_set_author (self, snapshot->author);
  cw_deck_set_language (self, snapshot->language);
  cw_deck_set_source_line (self, snapshot->source_line);
  cw_deck_set_audience (self, snapshot->audience);
  cw_deck_set_digits (self, snapshot->digits);
  cw_deck_set_format (self, snapshot->format);
  cw_deck_set_fps (self, snapshot->fps);
  cw_deck_set_transparent (self, snapshot->transparent);
  cw_deck_set_soundtrack (self, snapshot->soundtrack, snapshot->soundtrack_href);
  if (cw_theme_get_revision (self->theme) != cw_theme_get_revision (snapshot->theme))
    {
      g_autoptr(CwTheme) theme = cw_theme_copy (snapshot->theme);
      cw_deck_set_theme (self, theme);
    }

  statistics = list_parts (self->statistics);
  wanted = thaw_parts (statistics, snapshot->statistics, &statistic_kind);
  if (wanted != NULL)
    splice_parts (self, self->statistics, statistics, wanted, watch_statistic_part, unwatch_statistic_part);
  g_clear_pointer (&wanted, g_ptr_array_unref);

  slides = list_parts (self->slides);
  wanted = thaw_parts (slides, snapshot->slides, &slide_kind);
  if (wanted != NULL)
    splice_parts (self, self->slides, slides, wanted, watch_slide_part, unwatch_slide_part);
  g_clear_pointer (&wanted, g_ptr_array_unref);

  wanted = thaw_parts (self->catalogs, snapshot->catalogs, &catalog_kind);
  if (wanted != NULL)
    {
      g_ptr_array_set_size (self->catalogs, 0);
      for (guint i = 0; i < wanted->len; i++)
        g_ptr_array_add (self->catalogs, g_object_ref (g_ptr_array_index (wanted, i)));
    }

  g_object_thaw_notify (G_OBJECT (self));
  g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_ID, signals[CHANGED], 0, NULL, NULL, NULL);
  g_signal_handlers_unblock_by_func (self->slides, on_part_changed, self);
  g_signal_handlers_unblock_by_func (self->statistics, on_part_changed, self);
  g_signal_emit (self, signals[CHANGED], 0);
}
