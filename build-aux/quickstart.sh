#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# From a fresh Debian 12 machine to a rendered clip: installs what is missing
# (apt-get, as root or through sudo), builds Clearway, and renders the sample
# deck built into it to a PNG sequence, plus an MP4 when ffmpeg is there.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh

builddir=${CLEARWAY_BUILDDIR:-_build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
ninja -C "$builddir"

out=clearway-export/sample
args=(render --output "$out" --overwrite)
if command -v ffmpeg >/dev/null; then
  args+=(--mp4)
fi
"$builddir/src/cli/clearway-cli" "${args[@]}"

echo
echo "The sample clip is in $PWD/$out"
if [ -n "$(ls "$out"/*.mp4 2>/dev/null)" ]; then
  echo "Watch it: $(ls "$PWD/$out"/*.mp4)"
fi
if [ -x "$builddir/src/app/clearway" ]; then
  echo "Open it in the editor: build-aux/run-editor.sh"
fi
