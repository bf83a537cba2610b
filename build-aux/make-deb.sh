#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds clearway_<version>_amd64.deb for Debian 12 with dpkg-buildpackage,
# and checks it with lintian (any error fails the build).
#
#   build-aux/make-deb.sh [-o DIR] [--check]
#
#   -o DIR    where the .deb goes (default: _deb)
#   --check   also run the test suite inside the package build (it is the
#             same suite build-aux/run-tests.sh runs, so it is off by default)
#
# The packaging lives in build-aux/debian/ and is copied, with the source
# files git tracks (or the folder as it is, outside a git checkout), into a
# temporary tree, so the top level keeps the layout the design gives it and
# no build folder ends up in the package. Build-Depends come from
# build-aux/install-deps.sh, which also installs them and the packaging
# tools. Then: sudo apt install ./_deb/clearway_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

out=_deb
check=0
while [ $# -gt 0 ]; do
  case $1 in
    -o|--output) out=$2; shift 2 ;;
    --check) check=1; shift ;;
    -h|--help) sed -n '4,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "make-deb.sh: unknown argument “$1”; see make-deb.sh --help" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

groups=(compiler build packaging)
[ $check -eq 1 ] && groups+=(check)
bash build-aux/install-deps.sh "${groups[@]}"

version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" meson.build | head -n 1)
if [ -z "$version" ]; then
  echo "make-deb.sh: no version: in meson.build's project()" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/clearway-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/clearway-$version
mkdir -p "$tree"

if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # the tracked files as they are now, edits included
  git -C "$src" ls-files -z | tar -C "$src" --null -T - --ignore-failed-read -cf - | tar -C "$tree" -xf -
  date=$(git -C "$src" log -1 --format=%aD 2>/dev/null || date -R)
else
  tar -C "$src" --exclude='./_*' --exclude=./builddir --exclude=./clearway-export -cf - . | tar -C "$tree" -xf -
  date=$(date -R)
fi
rm -rf "$tree/debian"
cp -r build-aux/debian "$tree/debian"

# Build-Depends: what building needs, and what the tests need unless the
# build skips them (nocheck)
build_depends=$(bash build-aux/install-deps.sh --list build)
check_depends=$(bash build-aux/install-deps.sh --list check)
deps=()
for p in $build_depends; do deps+=("$p"); done
for p in $check_depends; do
  case " ${deps[*]} " in *" $p "*) ;; *) deps+=("$p <!nocheck>") ;; esac
done
joined=$(printf '%s,\n               ' "${deps[@]}")
joined=${joined%,*}
grep -v '^#' "$tree/debian/control.in" \
  | awk -v deps="$joined" '{ sub(/@BUILD_DEPENDS@/, deps); print }' >"$tree/debian/control"
rm "$tree/debian/control.in"

# one entry, for the version meson.build gives; its date is the commit's,
# so building the same commit twice gives the same package
cat >"$tree/debian/changelog" <<EOF
clearway ($version) bookworm; urgency=medium

  * Clearway $version, built from its source tree by build-aux/make-deb.sh.

 -- The Clearway developers <clearway@users.noreply.github.com>  $date
EOF

options=${DEB_BUILD_OPTIONS:-}
[ $check -eq 0 ] && options="nocheck $options"
echo "Building clearway $version (DEB_BUILD_OPTIONS=$options)…"
(cd "$tree" && DEB_BUILD_OPTIONS=$options dpkg-buildpackage -b -us -uc)

deb=$tmp/clearway_${version}_amd64.deb
if [ ! -f "$deb" ]; then
  echo "make-deb.sh: dpkg-buildpackage made no $(basename "$deb")" >&2
  exit 1
fi

echo
echo "Lintian:"
set +e
lintian --display-info --fail-on error "$tmp"/clearway_"${version}"_amd64.changes >"$tmp/lintian.txt" 2>&1
lintian_status=$?
set -e
cat "$tmp/lintian.txt"
count () { grep -c "^$1: " "$tmp/lintian.txt" || true; }
echo "Lintian: $(count E) errors, $(count W) warnings, $(count I) info, $(count P) pedantic"

# the debug symbols, if debhelper made them, go beside it
for f in "$deb" "$tmp/clearway-dbgsym_${version}_amd64.deb"; do
  if [ -f "$f" ]; then cp "$f" "$out/"; fi
done
echo
echo "Built $out/$(basename "$deb")"
echo "Install it: sudo apt install $out/$(basename "$deb")"
if [ $lintian_status -ne 0 ]; then
  echo "make-deb.sh: lintian found errors (above)" >&2
  exit 1
fi
