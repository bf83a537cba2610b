/* cw-deck.h: a Clearway document: statistics, slides, theme and translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-audio.h"
#include "cw-catalog.h"
#include "cw-diagnostic.h"
#include "cw-slide.h"
#include "cw-statistic.h"
#include "cw-theme.h"

G_BEGIN_DECLS

/* The newest deck format this build reads and the one it writes. */
#define CW_DECK_VERSION 1
#define CW_DECK_NAMESPACE "https://clearway.github.io/ns/deck"
#define CW_DECK_MAX_BYTES (32 * 1024 * 1024)

/**
 * CwAudience:
 * @CW_AUDIENCE_ADULTS: read at 17 characters a second
 * @CW_AUDIENCE_CHILDREN: read at 13 characters a second, with simpler cards
 */
typedef enum
{
  CW_AUDIENCE_ADULTS,
  CW_AUDIENCE_CHILDREN,
} CwAudience;

/**
 * CwDigits:
 * @CW_DIGITS_WESTERN: 0–9 in every language
 * @CW_DIGITS_NATIVE: each language's own digits, such as Arabic-Indic in
 *   Arabic (the same as Western where a language has no others)
 */
typedef enum
{
  CW_DIGITS_WESTERN,
  CW_DIGITS_NATIVE,
} CwDigits;

#define CW_TYPE_DECK (cw_deck_get_type ())

G_DECLARE_FINAL_TYPE (CwDeck, cw_deck, CW, DECK, GObject)

CwDeck       *cw_deck_new                  (void);
CwDeck       *cw_deck_copy                 (CwDeck        *self);
void          cw_deck_assign               (CwDeck        *self,
                                            CwDeck        *from);

const char   *cw_deck_get_title            (CwDeck        *self);
void          cw_deck_set_title            (CwDeck        *self,
                                            const char    *title);
const char   *cw_deck_get_author           (CwDeck        *self);
void          cw_deck_set_author           (CwDeck        *self,
                                            const char    *author);
const char   *cw_deck_get_language         (CwDeck        *self);
void          cw_deck_set_language         (CwDeck        *self,
                                            const char    *language);
const char   *cw_deck_get_source_line      (CwDeck        *self);
void          cw_deck_set_source_line      (CwDeck        *self,
                                            const char    *source_line);
CwAudience    cw_deck_get_audience         (CwDeck        *self);
void          cw_deck_set_audience         (CwDeck        *self,
                                            CwAudience     audience);
double        cw_deck_get_reading_speed    (CwDeck        *self);
CwDigits      cw_deck_get_digits           (CwDeck        *self);
void          cw_deck_set_digits           (CwDeck        *self,
                                            CwDigits       digits);
const char   *cw_deck_get_format           (CwDeck        *self);
void          cw_deck_set_format           (CwDeck        *self,
                                            const char    *format);
guint         cw_deck_get_fps              (CwDeck        *self);
void          cw_deck_set_fps              (CwDeck        *self,
                                            guint          fps);
gboolean      cw_deck_get_transparent      (CwDeck        *self);
void          cw_deck_set_transparent      (CwDeck        *self,
                                            gboolean       transparent);
CwAudio      *cw_deck_get_soundtrack       (CwDeck        *self);
const char   *cw_deck_get_soundtrack_href  (CwDeck        *self);
void          cw_deck_set_soundtrack       (CwDeck        *self,
                                            CwAudio       *audio,
                                            const char    *href);
CwTheme      *cw_deck_get_theme            (CwDeck        *self);
void          cw_deck_set_theme            (CwDeck        *self,
                                            CwTheme       *theme);
GFile        *cw_deck_get_file             (CwDeck        *self);
void          cw_deck_set_file             (CwDeck        *self,
                                            GFile         *file);
char         *cw_deck_dup_display_name     (CwDeck        *self);

GListModel   *cw_deck_get_statistics       (CwDeck        *self);
CwStatistic  *cw_deck_find_statistic       (CwDeck        *self,
                                            const char    *id);
void          cw_deck_add_statistic        (CwDeck        *self,
                                            CwStatistic   *statistic);
void          cw_deck_insert_statistic     (CwDeck        *self,
                                            guint          position,
                                            CwStatistic   *statistic);
void          cw_deck_remove_statistic     (CwDeck        *self,
                                            CwStatistic   *statistic);
GPtrArray    *cw_deck_list_slides_using    (CwDeck        *self,
                                            const char    *id);
gboolean      cw_deck_rename_statistic     (CwDeck        *self,
                                            CwStatistic   *statistic,
                                            const char    *id,
                                            GError       **error);
GPtrArray    *cw_deck_check_statistics     (CwDeck        *self,
                                            GDateTime     *now);

GListModel   *cw_deck_get_slides           (CwDeck        *self);
guint         cw_deck_get_n_slides         (CwDeck        *self);
CwSlide      *cw_deck_get_slide            (CwDeck        *self,
                                            guint          position);
CwSlide      *cw_deck_find_slide           (CwDeck        *self,
                                            const char    *id);
void          cw_deck_add_slide            (CwDeck        *self,
                                            CwSlide       *slide);
void          cw_deck_insert_slide         (CwDeck        *self,
                                            guint          position,
                                            CwSlide       *slide);
void          cw_deck_remove_slide         (CwDeck        *self,
                                            CwSlide       *slide);
void          cw_deck_move_slide           (CwDeck        *self,
                                            guint          from,
                                            guint          to);
char         *cw_deck_make_slide_id        (CwDeck        *self,
                                            const char    *prefix);

GPtrArray    *cw_deck_get_catalogs         (CwDeck        *self);
CwCatalog    *cw_deck_get_catalog          (CwDeck        *self,
                                            const char    *language);
void          cw_deck_add_catalog          (CwDeck        *self,
                                            CwCatalog     *catalog);
GStrv         cw_deck_list_languages       (CwDeck        *self);
gboolean      cw_deck_has_language         (CwDeck        *self,
                                            const char    *language);

CwImage      *cw_deck_get_image            (CwDeck        *self,
                                            const char    *href);
void          cw_deck_add_image            (CwDeck        *self,
                                            const char    *href,
                                            CwImage       *image);
CwImage      *cw_deck_load_image           (CwDeck        *self,
                                            const char    *href,
                                            GError       **error);

GPtrArray    *cw_deck_get_warnings         (CwDeck        *self);
void          cw_deck_add_warning          (CwDeck        *self,
                                            guint          line,
                                            const char    *message);

void          cw_deck_changed              (CwDeck        *self);

gboolean      cw_language_code_is_valid    (const char    *code);

/**
 * CwDeckSnapshot:
 *
 * What a deck held at one moment, for undo: immutable, shared by reference
 * with the snapshots before and after it wherever the deck did not change.
 */
typedef struct _CwDeckSnapshot CwDeckSnapshot;

#define CW_TYPE_DECK_SNAPSHOT (cw_deck_snapshot_get_type ())

GType           cw_deck_snapshot_get_type  (void) G_GNUC_CONST;
CwDeckSnapshot *cw_deck_snapshot_new       (CwDeck         *deck,
                                            CwDeckSnapshot *previous);
CwDeckSnapshot *cw_deck_snapshot_ref       (CwDeckSnapshot *self);
void            cw_deck_snapshot_unref     (CwDeckSnapshot *self);
gboolean        cw_deck_snapshot_equal     (CwDeckSnapshot *a,
                                            CwDeckSnapshot *b);
void            cw_deck_restore            (CwDeck         *self,
                                            CwDeckSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwDeckSnapshot, cw_deck_snapshot_unref)

G_END_DECLS
