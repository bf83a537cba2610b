#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes figures.ods and figures.xlsx from figures.csv with a real office suite
# (Debian's libreoffice-calc-nogui), so the sheet tests read files as people's
# spreadsheets write them, not only the XML the tests build themselves. The
# results are committed; run this again only when figures.csv changes.
# Dates are read as dates (the CSV filter's "detect special numbers"), so the
# workbooks hold real date cells.
set -euo pipefail
cd "$(dirname "$0")"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# CSV filter: comma, double quote, UTF-8, from line 1, default cell formats,
# English (US) numbers, quoted fields not forced to text, detect dates
filter='CSV:44,34,76,1,,1033,false,true'
for type in ods xlsx; do
  HOME=$home soffice --headless --infilter="$filter" --convert-to "$type" figures.csv >/dev/null
done
