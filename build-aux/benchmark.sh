#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints every speed and memory figure Clearway is held to, one line each, in
# frames per second or milliseconds, with its target in brackets. Exports are
# measured the way people run them: clearway-cli on a clip, then the whole
# format × language matrix of the sample. An optimised build of its own is
# made in _bench (CLEARWAY_BENCH_BUILDDIR), so a debug _build does not skew
# the figures. Pass --quick to leave out the matrix (it takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = --quick ] && quick=true

builddir=${CLEARWAY_BENCH_BUILDDIR:-_bench}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release >/dev/null
fi
ninja -C "$builddir" >/dev/null
cli=$builddir/src/cli/clearway-cli

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs a command; prints "seconds peak-RSS-in-MB CPU-seconds" of it and its
# children. The CPU time (user and system) is what the work itself took,
# even on a machine busy with something else; the wall time is not.
measure () {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
elapsed = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{elapsed:.3f} {usage.ru_maxrss / 1024:.0f} {usage.ru_utime + usage.ru_stime:.3f}")
PY
}

# frames written under a folder (hard-linked holds count once each frame)
count_frames () {
  find "$1" -name 'frame_*.png' | wc -l
}

echo "Clearway benchmarks, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo

export_figure () {
  local label=$1 deck=$2 target=$3
  local out=$tmp/${label// /-}
  read -r seconds peak cpu < <(measure "$cli" render "$deck" -o "$out" --quiet)
  frames=$(count_frames "$out")
  printf '%-44s %7.1f frames/s  (%s frames in %.2f s, %.2f s of CPU, peak %s MB) [%s]\n' \
    "$label" "$(awk "BEGIN { print $frames / $seconds }")" "$frames" "$seconds" "$cpu" "$peak" "$target"
  rm -rf "$out"
}

export_figure "export, reference clip" benchmarks/reference.clearway "≥ 400 frames/s, ≤ 100 MB"
if [ -f benchmarks/moving.clearway ]; then
  export_figure "export, every frame differs" benchmarks/moving.clearway "≥ 170 frames/s"
fi

# drawing and the preview, then layout, encoding and memory as the clip
# grows: in-process figures
"$builddir/benchmarks/bench-draw" benchmarks/reference.clearway
echo
"$builddir/benchmarks/bench-export" benchmarks/moving.clearway

# the editor, from launch to the first frame of the preview, on a screen of
# its own (Xvfb); the median of five starts
if [ -x "$builddir/src/app/clearway" ] && command -v xvfb-run >/dev/null; then
  CLEARWAY_REPORT_FIRST_FRAME=1 GSETTINGS_SCHEMA_DIR=$PWD/$builddir/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
  xvfb-run -a -s "-screen 0 1400x900x24" python3 - "$builddir/src/app/clearway" \
    benchmarks/reference.clearway <<'PY'
import resource, statistics, subprocess, sys, time
starts = []
cpus = []
for _ in range(5):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    out = subprocess.run(sys.argv[1:], env=None, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shown = [int(l.split()[1]) for l in out.splitlines() if l.startswith("first-frame ")]
    if not shown:
        sys.exit("the editor quit without showing a frame")
    starts.append((shown[0] / 1e6 - launched) * 1000)
    # the whole run, quitting included, on every thread: what a busy
    # machine does not change, unlike the wall time
    cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
print(f"{'editor, launch to first preview frame':<44} {statistics.median(starts):7.0f} ms  "
      f"(median of {len(starts)}: {', '.join(f'{s:.0f}' for s in starts)}; "
      f"{statistics.median(cpus):.0f} ms of CPU each, to quitting) [≤ 500 ms]")
PY
fi

if ! $quick; then
  out=$tmp/matrix
  read -r seconds peak cpu < <(measure "$cli" render --format all --lang all -o "$out" --quiet)
  frames=$(count_frames "$out")
  disk=$(du -sm "$out" | cut -f1)
  sequences=$(find "$out" -name manifest.json | wc -l)
  rm -rf "$out"
  printf '%-44s %7.1f frames/s  (%s frames in %.1f s, %.1f s of CPU, peak %s MB, %s MB on disk) [≤ 100 MB]\n' \
    "export, sample, every format and language" "$(awk "BEGIN { print $frames / $seconds }")" \
    "$frames" "$seconds" "$cpu" "$peak" "$disk"

  # memory flat as the matrix grows: its peak against that of its
  # hungriest sequence alone, measured the same way; what a sequence
  # leaves behind shows here as a ratio above 1. The largest frames are
  # 1080×1920 and 1920×1080, and landscape needs a few MB more than the
  # first sequence, tiktok, so both are measured and the larger taken.
  one=0
  for format in tiktok landscape; do
    read -r _ alone _ < <(measure "$cli" render --format "$format" --lang en -o "$tmp/one" --quiet)
    rm -rf "$tmp/one"
    if [ "$alone" -gt "$one" ]; then
      one=$alone
      hungriest=$format
    fi
  done
  printf '%-44s %7.2f×      (peak %s MB for %s sequences, %s MB for %s/en alone) [1.00×]\n' \
    "export, sample, matrix peak / one sequence's" "$(awk "BEGIN { print $peak / $one }")" "$peak" \
    "$sequences" "$one" "$hungriest"
fi
