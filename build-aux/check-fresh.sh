#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Does the README hold on a machine that has nothing but Debian 12? Makes a
# clean bookworm root with debootstrap and, inside it (chroot, as root):
#
#   1. runs the README's Quick start on a copy of the checkout's HEAD:
#      build-aux/quickstart.sh, then build-aux/run-tests.sh, and reports its
#      `N passed, N failed` line;
#   2. builds the .deb there with build-aux/make-deb.sh, installs it with
#      `apt install ./clearway_*.deb` into a second clean root, renders the
#      installed sample with clearway-cli, starts clearway under xvfb-run and
#      waits for its window, then purges the package and looks for anything
#      it left behind.
#
# Exits non-zero if any of that fails. It needs root (it re-runs itself with
# sudo), a network mirror and about half an hour; run it before a release and
# whenever build-aux/install-deps.sh changes, not in every CI run.
#
#   build-aux/check-fresh.sh [--keep]     --keep leaves the roots for a look
#
# The debootstrap tarball, the bootstrapped base root and the downloaded
# packages are kept in $CLEARWAY_FRESH_CACHE (default
# /var/cache/clearway-check-fresh), so a rerun downloads nothing it has
# already fetched; delete that folder to start from a newer bookworm. The
# roots themselves are new every time. Only committed work is tested (git
# archive HEAD).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

keep=0
for arg in "$@"; do
  case $arg in
    --keep) keep=1 ;;
    -h|--help) sed -n '4,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "check-fresh.sh: unknown argument “$arg”" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=CLEARWAY_FRESH_CACHE "$0" "$@"
fi

suite=bookworm
cache=${CLEARWAY_FRESH_CACHE:-/var/cache/clearway-check-fresh}
mkdir -p "$cache/archives/partial"

say () { printf '\n=== %s\n' "$*"; }

# The mirror this machine already uses (one-line or deb822 sources), so the
# roots get the same package versions; deb.debian.org if none is found.
mirror_for () {
  local suite=$1 uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed -e 's/#.*//' -e 's/\[[^]]*\]//' \
        | awk -v s="$suite" '$1 == "deb" && $3 == s { print $2; exit }')
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v s="$suite" '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""; types = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = $i; sub(/^Suites:/, "", suites) }
          if ($i ~ /^Types:/)  { types = $i;  sub(/^Types:/, "", types) }
        }
        if ((" " types " ") ~ / deb / && (" " suites " ") ~ (" " s " ")) {
          split(uris, u, " "); print u[1]; exit
        }
      }')
  fi
  echo "${uri%/}"
}
mirror=$(mirror_for "$suite")
mirror=${mirror:-http://deb.debian.org/debian}
security=$(mirror_for "$suite-security")
security=${security:-http://deb.debian.org/debian-security}
echo "Mirror: $mirror (security: $security); cache: $cache"

if ! git -C "$src" diff --quiet HEAD 2>/dev/null; then
  echo "Note: uncommitted changes are not tested; this checks HEAD ($(git -C "$src" rev-parse --short HEAD))."
fi

bash build-aux/install-deps.sh fresh

tarball=$cache/$suite-minbase-amd64.tar.gz
if [ ! -s "$tarball" ]; then
  say "Downloading a minimal $suite once (kept in $tarball)"
  scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/clearway-debootstrap.XXXXXX")
  debootstrap --variant=minbase --arch=amd64 --make-tarball="$tarball.part" \
    "$suite" "$scratch" "$mirror"
  rm -rf "$scratch"
  mv "$tarball.part" "$tarball"
fi

work=$(mktemp -d "${TMPDIR:-/var/tmp}/clearway-fresh.XXXXXX")
roots=()

unmount_root () {
  local root=$1 m
  # deepest first; lazily, so a process still running cannot keep it busy
  for m in $(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}

cleanup () {
  local status=$?
  for root in "${roots[@]}"; do
    # processes a test left behind (Xvfb, dbus-daemon) would hold the root
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    done
    unmount_root "$root"
  done
  # the logs outlive the roots
  cp "$work"/*.log "$cache/" 2>/dev/null || true
  if [ $keep -eq 1 ]; then
    echo "The roots are kept in $work"
  elif awk -v r="$work/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    # never delete through a mount that failed to go away
    echo "check-fresh.sh: something in $work is still mounted; not removing it" >&2
  else
    rm -rf --one-file-system "$work"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A clean root, with the sources of this machine's mirror, proc/sys/dev, and
# the package cache shared between runs. The first one is bootstrapped from
# the tarball of packages and then kept whole, so later ones only unpack.
base=$cache/$suite-minbase-root.tar.gz
make_root () {
  local root=$work/$1
  mkdir -p "$root"
  roots+=("$root")
  if [ -s "$base" ]; then
    tar -C "$root" --numeric-owner -xpzf "$base"
  else
    debootstrap --variant=minbase --arch=amd64 --unpack-tarball="$tarball" \
      "$suite" "$root" "$mirror" >"$work/$1-debootstrap.log" 2>&1 || {
      tail -n 20 "$work/$1-debootstrap.log" >&2
      return 1
    }
    tar -C "$root" --numeric-owner -czf "$base.part" . && mv "$base.part" "$base"
  fi
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # install scripts must not start services in the root
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys"
  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
  mount --bind "$cache/archives" "$root/var/cache/apt/archives"
}

in_root () {
  local root=$work/$1
  shift
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive /bin/bash -c "$@"
}

failed=0

# ---- 1. the README's Quick start ----------------------------------------
say "Pass 1: a clean $suite root, the checkout's HEAD, the README's Quick start"
make_root build
mkdir -p "$work/build/root/clearway"
git -C "$src" archive --format=tar HEAD | tar -x -C "$work/build/root/clearway"

log=$work/quickstart.log
set +e
in_root build 'cd /root/clearway && build-aux/quickstart.sh' 2>&1 | tee "$log" | tail -n 15
quickstart=${PIPESTATUS[0]}
set -e
if [ "$quickstart" -ne 0 ]; then
  echo "FAILED: build-aux/quickstart.sh exited with $quickstart (log: $log)"
  failed=1
fi

tests_line="(no summary line)"
if [ "$quickstart" -eq 0 ]; then
  log=$work/run-tests.log
  set +e
  in_root build 'cd /root/clearway && build-aux/run-tests.sh' >"$log" 2>&1
  tests=$?
  set -e
  # meson's own lines for each failed case and program, then the summary
  grep -E '^(▶ )? *[0-9]+/[0-9]+ .*(FAIL|ERROR|TIMEOUT) *$|^(Ok|Fail|Skipped|Timeout):|^failed: ' "$log" | uniq || true
  tests_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  tests_line=${tests_line:-"(no summary line; see $log)"}
  echo "run-tests.sh: $tests_line"
  if [ $tests -ne 0 ] || ! [[ $tests_line =~ ^[0-9]+\ passed,\ 0\ failed ]]; then
    echo "FAILED: build-aux/run-tests.sh exited with $tests"
    failed=1
  fi
fi

# ---- 2. the Debian package ----------------------------------------------
say "Pass 2: build the .deb in that root, install it into a second clean root"
deb_ok=0
if [ "$quickstart" -eq 0 ]; then
  set +e
  in_root build 'cd /root/clearway && build-aux/make-deb.sh -o /root/debs' >"$work/make-deb.log" 2>&1
  deb_status=$?
  set -e
  grep -E '^(dpkg-deb: building|Lintian|[EWI]: )' "$work/make-deb.log" || true
  if [ $deb_status -ne 0 ]; then
    tail -n 30 "$work/make-deb.log"
    echo "FAILED: build-aux/make-deb.sh exited with $deb_status (log: $cache/make-deb.log)"
    failed=1
  else
    deb_ok=1
  fi
fi

if [ $deb_ok -eq 1 ]; then
  make_root install
  cp "$work"/build/root/debs/clearway_*.deb "$work/install/root/"
  # xvfb and x11-utils only to see the window; they are not the package's
  # dependencies, which apt must find on its own
  set +e
  in_root install '
set -e
apt-get -o Dpkg::Use-Pty=0 update -qq
# what is on the system before, to find what a purge leaves
find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /root -o -path /tmp \) -prune -o -print | sort >/root/before.txt
apt-get -o Dpkg::Use-Pty=0 install -y -qq --no-install-recommends ./root/clearway_*.deb
echo "Installed: $(dpkg-query -W -f="\${Package} \${Version}" clearway)"
test -x /usr/bin/clearway && test -x /usr/bin/clearway-cli
cd /tmp
clearway-cli render /usr/share/clearway/samples/karabakh.clearway -o /tmp/out -q
frames=$(ls /tmp/out/frame_*.png | wc -l)
test "$frames" -gt 0
echo "clearway-cli render: $frames frames in /tmp/out"
LANGUAGE=ru clearway-cli info /usr/share/clearway/samples/karabakh.clearway | head -n 3
apt-get -o Dpkg::Use-Pty=0 install -y -qq --no-install-recommends xvfb xauth x11-utils >/dev/null
cat >/tmp/window.sh <<"EOF"
clearway /usr/share/clearway/samples/karabakh.clearway 2>/tmp/clearway.err &
pid=$!
for i in $(seq 1 180); do
  # a window with the title that is on screen, not one still being made
  for id in $(xwininfo -root -tree | grep -F "\"Karabakh: the land is coming back" | awk "{ print \$1 }"); do
    if xwininfo -id "$id" | grep -q "Map State: IsViewable"; then
      xwininfo -id "$id" | grep -E "xwininfo:|Width:|Height:"
      kill $pid; wait $pid 2>/dev/null; exit 0
    fi
  done
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
echo "clearway showed no window with the sample:" >&2
cat /tmp/clearway.err >&2
kill $pid 2>/dev/null
exit 1
EOF
GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1920x1080x24" sh /tmp/window.sh
echo "clearway: the window with the sample came up"
apt-get -o Dpkg::Use-Pty=0 purge -y -qq xvfb xauth x11-utils >/dev/null
apt-get -o Dpkg::Use-Pty=0 purge -y -qq clearway
apt-get -o Dpkg::Use-Pty=0 autoremove --purge -y -qq >/dev/null
find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /root -o -path /tmp \) -prune -o -print | sort >/root/after.txt
new=$(comm -13 /root/before.txt /root/after.txt | grep -v -E "^/run/|^/var/(cache|lib/apt|lib/dpkg|log)(/|$)" || true)
if [ -n "$new" ]; then
  echo "Left by the dependencies apt removed again (their maintainer scripts, not Clearway):"
  echo "$new" | sed "s/^/  /"
fi
# the package itself, and any cache a trigger rebuilt still naming it
ours=$(echo "$new" | grep -i clearway || true)
stale=$(grep -l -s -a "io.github.clearway\|clearway-deck" /usr/share/glib-2.0/schemas/gschemas.compiled /usr/share/applications/mimeinfo.cache /usr/share/mime/mime.cache /usr/share/icons/hicolor/icon-theme.cache || true)
if [ -n "$ours$stale" ]; then
  echo "apt purge clearway left behind:"; echo "$ours"; echo "$stale"
  exit 1
fi
echo "apt purge clearway: nothing of Clearway left behind"
' 2>&1 | tee "$work/install.log"
  install_status=${PIPESTATUS[0]}
  set -e
  if [ "$install_status" -ne 0 ]; then
    echo "FAILED: the installed package (log: $cache/install.log)"
    failed=1
  fi
fi

say "Summary"
echo "Quick start: $([ "$quickstart" -eq 0 ] && echo ok || echo FAILED)"
echo "Tests: $tests_line"
if [ -f "$work/run-tests.log" ]; then
  grep -E '^▶ .* FAIL *$' "$work/run-tests.log" \
    | sed -e 's/^▶ *[0-9]*\/[0-9]* */  failed: /' -e 's/ *FAIL *$//' | sort -u || true
fi
echo "Package: $([ "${install_status:-1}" -eq 0 ] && echo "builds, installs, renders, starts, purges clean" || echo FAILED)"
echo "Logs: $cache/*.log"
exit $failed
