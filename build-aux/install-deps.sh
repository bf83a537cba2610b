#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one list of Debian 12 packages Clearway needs to build, test and run.
# README's Quick start and .ci/run both call this, so a package added here is
# installed everywhere. Packages already present are skipped, so it is cheap
# to run again.
#
#   install-deps.sh                  what building, testing and running need
#   install-deps.sh GROUP…           only those groups (names below)
#   install-deps.sh --list GROUP…    print the packages, install nothing
#
# The Debian package's Build-Depends are made from the build and check groups
# (build-aux/make-deb.sh), so they cannot drift from this list.
set -euo pipefail

declare -A groups
# a C compiler (build-essential for a Debian package, so not a Build-Depends)
groups[compiler]="gcc"
# building and `meson install`: libraries, and the tools of the post-install
# steps (compiled schemas, MIME, icon and desktop caches)
groups[build]="
  meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libcairo2-dev libpango1.0-dev libxml2-dev
  libjson-glib-dev libicu-dev libpng-dev libdeflate-dev libxxhash-dev zlib1g-dev libzip-dev libfontconfig-dev librsvg2-dev
  libgdk-pixbuf-2.0-dev
  libgettextpo-dev
  libgtk-4-dev libadwaita-1-dev
  shared-mime-info gtk-update-icon-cache desktop-file-utils
"
# the tests and validators, and the fonts the renderer and golden images use:
# its fallback list in src/core/render/cw-fonts.c (fonts-noto-mono has the minus sign
# Noto Sans lacks; fonts-noto-ui-core the scripts' cuts with Noto Sans' line
# height). build-aux/debian/control.in depends on the same fonts. xdotool
# presses real keys in the editor's tests (GTK 4 cannot make key events).
groups[check]="
  fonts-noto-core fonts-noto-mono fonts-noto-ui-core
  xvfb xauth dbus desktop-file-utils appstream libxml2-utils python3-jsonschema xdotool
"
# MP4 export (optional at run time; tests check it when present)
groups[mp4]="ffmpeg"
# build-aux/make-deb.sh
groups[packaging]="debhelper dpkg-dev fakeroot lintian"
# build-aux/check-fresh.sh
groups[fresh]="debootstrap"

default_groups=(compiler build check mp4)

list=0
if [ "${1:-}" = "--list" ]; then
  list=1
  shift
fi
selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
  selected=("${default_groups[@]}")
fi

packages=()
for g in "${selected[@]}"; do
  if [ -z "${groups[$g]+set}" ]; then
    echo "install-deps.sh: no group “$g”; the groups are: ${!groups[*]}" >&2
    exit 2
  fi
  for p in ${groups[$g]}; do
    case " ${packages[*]} " in
      *" $p "*) ;;
      *) packages+=("$p") ;;
    esac
  done
done

if [ $list -eq 1 ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "All build dependencies are installed."
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# another apt run (unattended upgrades, a second checkout) holds the lock for
# a while; wait for it rather than fail
apt_opts=(-o DPkg::Lock::Timeout=300)
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update -qq
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"
