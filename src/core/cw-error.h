/* cw-error.h: the core's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CW_ERROR (cw_error_quark ())

/**
 * CwError:
 * @CW_ERROR_TOO_LARGE: the file is larger than a deck may be
 * @CW_ERROR_MALFORMED: the file is not well-formed XML
 * @CW_ERROR_FORBIDDEN: the file uses a construct refused for safety (DOCTYPE, entities)
 * @CW_ERROR_NOT_A_DECK: the root element is not a Clearway deck
 * @CW_ERROR_VERSION: the deck was written by a newer Clearway
 * @CW_ERROR_SCHEMA: the document does not follow the deck schema
 * @CW_ERROR_DUPLICATE_ID: two statistics or two slides share an id
 * @CW_ERROR_UNKNOWN_TEMPLATE: a slide names a template that does not exist
 * @CW_ERROR_UNKNOWN_FIELD: a slide sets a field its template does not have
 * @CW_ERROR_UNKNOWN_STATISTIC: a text or field refers to a missing statistic
 * @CW_ERROR_BAD_VALUE: a value is out of range or malformed
 * @CW_ERROR_BAD_FORMAT: an output format name or size is not usable
 * @CW_ERROR_OUTPUT_EXISTS: the output folder already holds an export
 * @CW_ERROR_NO_FFMPEG: MP4 was asked for but ffmpeg is not installed
 * @CW_ERROR_FFMPEG_FAILED: ffmpeg ran but did not produce the video
 * @CW_ERROR_WRITE: a file could not be written
 * @CW_ERROR_NO_LANGUAGE: a language was asked for that the deck does not have
 * @CW_ERROR_CATALOG: a translation catalog could not be used
 * @CW_ERROR_OUTPUT_FOREIGN: the output folder holds a file Clearway did not
 *   write where an export would put one of its own
 * @CW_ERROR_AMBIGUOUS: a number reads differently in two of the languages
 *   it may be written in ("1,500": 1500 in English, 1.5 in Russian)
 */
typedef enum
{
  CW_ERROR_TOO_LARGE = 1,
  CW_ERROR_MALFORMED,
  CW_ERROR_FORBIDDEN,
  CW_ERROR_NOT_A_DECK,
  CW_ERROR_VERSION,
  CW_ERROR_SCHEMA,
  CW_ERROR_DUPLICATE_ID,
  CW_ERROR_UNKNOWN_TEMPLATE,
  CW_ERROR_UNKNOWN_FIELD,
  CW_ERROR_UNKNOWN_STATISTIC,
  CW_ERROR_BAD_VALUE,
  CW_ERROR_BAD_FORMAT,
  CW_ERROR_OUTPUT_EXISTS,
  CW_ERROR_NO_FFMPEG,
  CW_ERROR_FFMPEG_FAILED,
  CW_ERROR_WRITE,
  CW_ERROR_NO_LANGUAGE,
  CW_ERROR_CATALOG,
  CW_ERROR_OUTPUT_FOREIGN,
  CW_ERROR_AMBIGUOUS,
} CwError;

GQuark cw_error_quark (void);

G_END_DECLS
