#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the benchmarks: render and export speed in frames per second, the
# speed-up from parallel rendering, and memory for a short and a long clip.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${CLEARWAY_BUILDDIR:-_build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
ninja -C "$builddir"
meson test -C "$builddir" --benchmark --verbose
