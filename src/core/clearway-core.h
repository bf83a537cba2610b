/* clearway-core.h: everything the front ends use from the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The editor and the CLI include this header and no other core header
 * (tests/check-core-includes.py checks that). It lists what they call;
 * headers only the core itself uses (fonts, pictograms, the scene
 * builder, the templates' shared parts) stay out, so they can change
 * without touching a front end. Core sources include the headers they
 * need by name. */

#include "cw-animation.h"
#include "cw-autocleanups.h"
#include "cw-captions.h"
#include "cw-catalog.h"
#include "cw-color.h"
#include "cw-contact-sheet.h"
#include "cw-core.h"
#include "cw-csv.h"
#include "cw-sheet.h"
#include "cw-variants.h"
#include "cw-decimal.h"
#include "cw-deck.h"
#include "cw-deck-loader.h"
#include "cw-deck-writer.h"
#include "cw-diagnostic.h"
#include "cw-easing.h"
#include "cw-encoder.h"
#include "cw-error.h"
#include "cw-exporter.h"
#include "cw-file.h"
#include "cw-format.h"
#include "cw-image.h"
#include "cw-lint.h"
#include "cw-locale.h"
#include "cw-plural.h"
#include "cw-png.h"
#include "cw-po.h"
#include "cw-renderer.h"
#include "cw-scene.h"
#include "cw-sequence-writer.h"
#include "cw-slide.h"
#include "cw-statistic.h"
#include "cw-template.h"
#include "cw-text.h"
#include "cw-theme.h"
