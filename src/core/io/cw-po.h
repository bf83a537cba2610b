/* cw-po.h: a deck's texts as gettext catalogs (.pot and .po), for translators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cw-catalog.h"
#include "cw-deck.h"
#include "cw-diagnostic.h"

G_BEGIN_DECLS

/* A catalog larger than this is refused before it is read. */
#define CW_PO_MAX_BYTES (16 * 1024 * 1024)

typedef enum
{
  CW_TRANSLATABLE_FIELD,
  CW_TRANSLATABLE_POINT_LABEL,
  CW_TRANSLATABLE_SOURCE_LINE,
} CwTranslatableKind;

/**
 * CwTranslatable:
 * @kind: a slide's text field, a label of a series point, or the source line
 * @context: the msgctxt, and the context the renderer looks translations up
 *   by: "slide-id/field", "statistic-id/point label" or "deck/source-line"
 * @source: the text in the deck's language (the msgid)
 * @source_plural: (nullable): for a text that follows a number, its plural
 *   (the msgid_plural); the singular again when the deck gives none
 * @comment: what a translator needs to know, one note a line
 * @slide: (nullable): the id of the slide that shows it first
 * @line: the line of the deck file it was written on, or 0
 * @is_default: the template's own text, which the slide leaves unchanged
 */
typedef struct
{
  CwTranslatableKind  kind;
  char               *context;
  char               *source;
  char               *source_plural;
  char               *comment;
  char               *slide;
  guint               line;
  gboolean            is_default;
} CwTranslatable;

typedef enum
{
  CW_TRANSLATION_MISSING,
  CW_TRANSLATION_REVIEW,
  CW_TRANSLATION_DONE,
} CwTranslationState;

void       cw_translatable_free        (CwTranslatable      *translatable);
CwTranslationState cw_translatable_get_state (const CwTranslatable *translatable,
                                              CwCatalog            *catalog);

GPtrArray *cw_deck_list_translatables  (CwDeck              *deck);
CwTextRole cw_deck_get_text_role       (CwDeck              *deck,
                                        const char          *context);
GBytes    *cw_deck_export_po           (CwDeck              *deck,
                                        const char          *language,
                                        GError             **error);
guint      cw_translatables_count      (GPtrArray           *texts,
                                        CwCatalog           *catalog,
                                        guint               *translated,
                                        guint               *review);
guint      cw_deck_count_translations  (CwDeck              *deck,
                                        const char          *language,
                                        guint               *translated,
                                        guint               *review);
gboolean   cw_deck_import_po           (CwDeck              *deck,
                                        const char * const  *files,
                                        GPtrArray          **diagnostics,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwTranslatable, cw_translatable_free)

G_END_DECLS
