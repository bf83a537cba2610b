#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Clearway if needed and runs every test, ending with `N passed, N failed`.
# The editor's tests need a display: without one they run under Xvfb (installed
# by build-aux/install-deps.sh). Extra arguments go to `meson test`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

builddir=${CLEARWAY_BUILDDIR:-_build}

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" || exit 1
fi
ninja -C "$builddir" || exit 1

runner=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  runner=(xvfb-run -a -s "-screen 0 1920x1080x24")
fi
if command -v dbus-run-session >/dev/null; then
  runner=(dbus-run-session -- "${runner[@]}")
fi

rm -f "$builddir/meson-logs/testlog.json"
"${runner[@]}" meson test -C "$builddir" --print-errorlogs "$@"
python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json"
