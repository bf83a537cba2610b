/* cw-statistic.h: one figure of the deck, with its provenance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a statistic in a deck file may hold (see data/clearway-deck.rng,
 * whose "line" is CW_STATISTIC_MAX_TEXT characters long; labels and sources
 * are held to their text role's shorter limit, cw_text_role_get_max_chars()).
 * The loader refuses anything beyond, so whatever adds statistics (CSV
 * import) checks the same. */
#define CW_STATISTIC_MAX_POINTS 50
#define CW_STATISTIC_MAX_TEXT   2000
/* past 2^53 a double no longer holds every whole number */
#define CW_STATISTIC_MAX_VALUE  1e15

/**
 * CwTone:
 * @CW_TONE_PROGRESS: good news: land cleared, mines destroyed; the theme's
 *   accent, so a deck that says nothing keeps the look it always had
 * @CW_TONE_HARM: people killed or injured, incidents: never the festive
 *   accent color
 * @CW_TONE_NEUTRAL: context, such as a population or an area surveyed
 *
 * What a figure means to the people it counts; the theme gives each tone
 * its color (cw_theme_get_tone_color()).
 */
typedef enum
{
  CW_TONE_PROGRESS,
  CW_TONE_HARM,
  CW_TONE_NEUTRAL,
  CW_N_TONES
} CwTone;

#define CW_TYPE_STATISTIC (cw_statistic_get_type ())

G_DECLARE_FINAL_TYPE (CwStatistic, cw_statistic, CW, STATISTIC, GObject)

/**
 * CwPoint:
 * @label: the category or period ("Anti-personnel mines", "2021"), translatable
 * @value: its figure
 */
typedef struct
{
  char   *label;
  double  value;
} CwPoint;

CwStatistic *cw_statistic_new        (const char  *id);
CwStatistic *cw_statistic_copy       (CwStatistic *self);
guint64      cw_statistic_get_revision (CwStatistic *self);
gboolean     cw_statistic_equal      (CwStatistic *a,
                                      CwStatistic *b);
const char  *cw_statistic_get_id     (CwStatistic *self);
void         cw_statistic_set_id     (CwStatistic *self,
                                      const char  *id);
const char  *cw_statistic_get_label  (CwStatistic *self);
void         cw_statistic_set_label  (CwStatistic *self,
                                      const char  *label);
double       cw_statistic_get_value  (CwStatistic *self);
void         cw_statistic_set_value  (CwStatistic *self,
                                      double       value);
const char  *cw_statistic_get_unit   (CwStatistic *self);
void         cw_statistic_set_unit   (CwStatistic *self,
                                      const char  *unit);
const char  *cw_statistic_get_as_of  (CwStatistic *self);
void         cw_statistic_set_as_of  (CwStatistic *self,
                                      const char  *as_of);
const char  *cw_statistic_get_source (CwStatistic *self);
void         cw_statistic_set_source (CwStatistic *self,
                                      const char  *source);
CwTone       cw_statistic_get_tone   (CwStatistic *self);
void         cw_statistic_set_tone   (CwStatistic *self,
                                      CwTone       tone);
gboolean     cw_statistic_has_value  (CwStatistic *self);
void         cw_statistic_unset_value (CwStatistic *self);
guint        cw_statistic_get_n_points (CwStatistic *self);
const CwPoint *cw_statistic_get_point (CwStatistic *self,
                                      guint        position);
void         cw_statistic_add_point  (CwStatistic *self,
                                      const char  *label,
                                      double       value);
void         cw_statistic_set_point  (CwStatistic *self,
                                      guint        position,
                                      const char  *label,
                                      double       value);
void         cw_statistic_remove_point (CwStatistic *self,
                                      guint        position);
void         cw_statistic_clear_points (CwStatistic *self);
gboolean     cw_statistic_is_percent (CwStatistic *self);
guint        cw_statistic_get_decimals (CwStatistic *self);
char        *cw_statistic_format     (CwStatistic *self,
                                      const char  *language,
                                      gboolean     compact);
char        *cw_statistic_format_amount (CwStatistic *self,
                                      const char  *language,
                                      gboolean     compact);

guint        cw_statistic_get_line   (CwStatistic *self);
void         cw_statistic_set_line   (CwStatistic *self,
                                      guint        line);
gboolean     cw_statistic_set_from_text (CwStatistic  *self,
                                      const char   *property,
                                      const char   *text,
                                      GError      **error);
gboolean     cw_statistic_set_from_text_in (CwStatistic         *self,
                                         const char          *property,
                                         const char          *text,
                                         const char * const  *languages,
                                         GError             **error);
gboolean     cw_statistic_parse_value (const char          *text,
                                       const char * const  *languages,
                                       double              *value,
                                       GError             **error);
GPtrArray   *cw_statistic_check      (CwStatistic *self,
                                      const char  *property,
                                      GDateTime   *now);

const char  *cw_tone_to_string       (CwTone       tone);
gboolean     cw_tone_from_string     (const char  *str,
                                      CwTone      *tone);
const char  *cw_tone_get_label       (CwTone       tone);

gboolean     cw_statistic_id_is_valid    (const char *id);
gboolean     cw_statistic_as_of_is_valid (const char *as_of);
gboolean     cw_statistic_value_is_valid (double      value);
gboolean     cw_statistic_text_is_valid  (const char *text,
                                          guint       max_chars);

G_END_DECLS
