/* clearway-core.h: everything the front ends use from the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cw-animation.h"
#include "cw-autocleanups.h"
#include "cw-catalog.h"
#include "cw-color.h"
#include "cw-core.h"
#include "cw-csv.h"
#include "cw-deck.h"
#include "cw-deck-io.h"
#include "cw-diagnostic.h"
#include "cw-easing.h"
#include "cw-error.h"
#include "cw-exporter.h"
#include "cw-fonts.h"
#include "cw-format.h"
#include "cw-image.h"
#include "cw-number.h"
#include "cw-pictogram.h"
#include "cw-plural.h"
#include "cw-png.h"
#include "cw-po.h"
#include "cw-renderer.h"
#include "cw-scene.h"
#include "cw-sheet.h"
#include "cw-slide.h"
#include "cw-statistic.h"
#include "cw-template.h"
#include "cw-text.h"
#include "cw-theme.h"
