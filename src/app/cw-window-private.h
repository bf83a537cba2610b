/* cw-window-private.h: what the window's parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-canvas.h"
#include "cw-checks-view.h"
#include "cw-deck-view.h"
#include "cw-export-dialog.h"
#include "cw-inspector.h"
#include "cw-problems-button.h"
#include "cw-slide-list.h"
#include "cw-statistics-view.h"
#include "cw-translations-view.h"
#include "cw-transport.h"
#include "cw-window.h"

G_BEGIN_DECLS

struct _CwWindow
{
  AdwApplicationWindow  parent_instance;

  CwDocument           *document;
  CwPlayer             *player;
  GSettings            *settings;
  GtkStringList        *languages;
  GtkFileChooserNative *chooser;
  GCancellable         *save_cancellable;
  guint                 draft_source;
  gboolean              close_after_save;
  gboolean              closing;
  gboolean              updating_preview_bar;
  /* the languages last exported from this window, ticked next time */
  GStrv                 export_languages;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwSplitButton       *open_button;
  GMenu                *recent_section;
  AdwWindowTitle       *window_title;
  GtkInfoBar           *start_hint;
  AdwSqueezer          *switcher_squeezer;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  AdwFlap              *list_flap;
  AdwFlap              *inspector_flap;
  CwSlideList          *slide_list;
  GtkDropDown          *format_dropdown;
  GtkDropDown          *language_dropdown;
  GtkLabel             *status_label;
  GtkToggleButton      *safe_zones_button;
  CwCanvas             *canvas;
  CwTransport          *transport;
  CwInspector          *inspector;
  AdwBin               *statistics_page;
  AdwBin               *languages_page;
  AdwBin               *deck_page;
  GtkWidget            *export_button;
  GtkWidget            *save_button;
  CwProblemsButton     *problems_button;
  AdwBin               *checks_page;

  /* The pages but the slides are built when first shown, into the bins
   * above (see cw_window_ensure_page()); %NULL until then. */
  CwStatisticsView     *statistics_view;
  CwTranslationsView   *translations_view;
  CwDeckView           *deck_view;
  CwChecksView         *checks_view;
  /* the inspector is given the player once the first frame is on screen */
  gboolean              inspector_waits;
};

void       cw_window_class_add_actions (CwWindowClass *klass);
void       cw_window_init_actions      (CwWindow      *self);
void       cw_window_update_actions    (CwWindow      *self);
void       cw_window_save              (CwWindow      *self,
                                        gboolean       save_as);
void       cw_window_update_recent     (CwWindow      *self);
GtkWidget *cw_window_ensure_page       (CwWindow      *self,
                                        const char    *name);

G_END_DECLS
