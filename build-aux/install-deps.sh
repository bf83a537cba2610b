#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one list of Debian 12 packages Clearway needs to build, test and run.
# README's Quick start and .ci/run both call this, so a package added here is
# installed everywhere. Packages already present are skipped, so it is cheap
# to run again.
set -euo pipefail

packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  # core libraries
  libglib2.0-dev libglib2.0-bin libcairo2-dev libpango1.0-dev libxml2-dev
  libjson-glib-dev libicu-dev libpng-dev libfontconfig-dev librsvg2-dev
  libgdk-pixbuf-2.0-dev
  libgettextpo-dev
  # the editor
  libgtk-4-dev libadwaita-1-dev
  # meson install's post-install steps (MIME and icon caches)
  shared-mime-info gtk-update-icon-cache
  # fonts the renderer and the golden images use
  fonts-noto-core fonts-noto-ui-core
  # tests and validators
  xvfb xauth dbus desktop-file-utils appstream libxml2-utils
  # MP4 export (optional at run time; tests check it when present)
  ffmpeg
)

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
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
