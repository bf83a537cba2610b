#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the editor from the build folder, without installing it: its settings
# schema and translations are taken from there. Arguments are decks to open.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=${CLEARWAY_BUILDDIR:-_build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
ninja -C "$builddir" >/dev/null

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
export CLEARWAY_LOCALEDIR="$PWD/$builddir/po"
exec "$builddir/src/app/clearway" "$@"
