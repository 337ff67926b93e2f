#!/usr/bin/env bash
# The Debian package, as IT and Debian's own tools see it.
#
# package_test.sh BUILD_DIR
#   Builds the .deb from this build, checks its contents and control data, runs lintian on it
#   (no errors, no warnings; overrides only from packaging/lintian-overrides, each with its
#   reason), unpacks it into a temporary root and runs the installed program from there:
#   --version, and the demo kiosk under Xvfb (which must find its assets relative to the binary).
# package_test.sh BUILD_DIR --debian-root
#   Installs the .deb with apt in a fresh Debian 12 root made by mmdebstrap (needs root and
#   deb.debian.org): --version, the man page, systemd-analyze verify on the installed units,
#   install-kiosk.sh with a share outside /mnt/wof, verify as the kiosk's user; an upgrade to a
#   rebuilt .deb whose example kiosk.toml changed, after set-pin: no question, the PIN kept; remove
#   (units disabled, data kept) and purge (data gone). Then the upgrade from a package where
#   kiosk.toml was still a conffile: its PIN keeps working. Exit 77 when not root.
#   Everything it makes lies in BUILD_DIR/package-test.* and goes when it ends; nothing is cached.
set -euo pipefail

# [SECTION] inside the Debian root: mmdebstrap's customize hook calls this with the root's path
if [[ "${1:-}" == --in-root ]]; then
  root=$2 debs=$3
  fail() { echo "FAIL (Debian 12 root): $*" >&2; exit 1; }
  in_root() { chroot "$root" "$@"; }
  as_kiosk() { chroot "$root" runuser -u wall-of-fame -- "$@"; }
  cp "$debs"/*.deb "$root/tmp/"
  log=$debs/apt.log
  # No --force-confold/--force-confdef: dpkg asks its conffile question on standard input, which
  # is /dev/null here, so a question fails the install; its text in the log fails the test too.
  # Recommends on, as on an installed Debian system (mmdebstrap's own apt settings turn them off).
  apt_get() {
    in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -o APT::Install-Recommends=true "$@" </dev/null >"$log" 2>&1 || { cat "$log"; fail "apt-get $*"; }
    if grep -q "^Configuration file '\|conffile prompt" "$log"; then cat "$log"; fail "apt-get $* asked about a configuration file"; fi
  }
  pin_line() { grep '^admin_pin_hash' "$root/etc/wall-of-fame/kiosk.toml" || true; }
  config=$root/etc/wall-of-fame/kiosk.toml

  # 1. A fresh install, dependencies (and cage, xwayland: Recommends) resolved by apt.
  apt_get install /tmp/wall-of-fame_new.deb
  version=$(in_root wall-of-fame --version)
  echo "installed: wall-of-fame --version says $version"
  [[ "$version" == *0.1.0* ]] || fail "--version says '$version'"
  [[ -z "$(in_root dpkg-query -W -f='${Conffiles}' wall-of-fame)" ]] || fail "the package still has conffiles"
  [[ "$(in_root stat -c '%U:%G %a' /etc/wall-of-fame/kiosk.toml)" == "root:wall-of-fame 640" ]] || fail "kiosk.toml is $(in_root stat -c '%U:%G %a' /etc/wall-of-fame/kiosk.toml)"
  [[ "$(in_root stat -c '%U %a' /var/lib/wall-of-fame)" == "wall-of-fame 750" ]] || fail "/var/lib/wall-of-fame is not the kiosk's"
  in_root man -w wall-of-fame >/dev/null || fail "man wall-of-fame finds no page"
  in_root man wall-of-fame 2>/dev/null | grep -q "set-pin" || fail "the man page does not describe set-pin"
  in_root wall-of-fame status --help >/dev/null

  # 2. install-kiosk.sh as IT runs it, with the share outside /mnt/wof; then the units parse with
  # its drop-ins and name an installed man page.
  echo 2468 >"$root/tmp/pin"
  in_root /usr/share/wall-of-fame/kiosk-config/install-kiosk.sh --kiosk-id lobby-9 --site "Test site" \
    --share "/srv/wof share" --pin-file /tmp/pin --yes --no-session >"$log" 2>&1 || { cat "$log"; fail "install-kiosk.sh"; }
  grep -q '^ReadWritePaths="-/srv/wof share"$' "$root/etc/systemd/system/wall-of-fame-cage@.service.d/share.conf" \
    || fail "install-kiosk.sh wrote no share drop-in"
  for unit in wall-of-fame-cage@tty7.service wall-of-fame-x11@tty7.service; do
    # xinit is only suggested (the X11 unit is the alternative session).
    problems=$(in_root systemd-analyze verify "$unit" 2>&1 | grep -v "/usr/bin/xinit" || true)
    [[ -z "$problems" ]] || fail "systemd-analyze verify $unit: $problems"
  done
  in_root systemctl enable wall-of-fame-cage@tty7.service 2>/dev/null
  [[ -L "$root/etc/systemd/system/graphical.target.wants/wall-of-fame-cage@tty7.service" ]] || fail "enable made no link"
  as_kiosk wall-of-fame verify >"$log" 2>&1 || { cat "$log"; fail "verify as the kiosk's user after install-kiosk.sh"; }
  pin=$(pin_line)
  [[ "$pin" == *argon2id* ]] || fail "install-kiosk.sh set no PIN: '$pin'"
  cp "$config" "$debs/kiosk.toml.before"

  # 3. The upgrade to a rebuilt package whose example kiosk.toml changed: no question, PIN kept.
  apt_get install /tmp/wall-of-fame_next.deb
  grep -q "rebuilt for the upgrade test" "$root/usr/share/wall-of-fame/kiosk-config/kiosk.toml" || fail "the upgrade did not happen"
  cmp -s "$config" "$debs/kiosk.toml.before" || fail "the upgrade changed kiosk.toml"
  [[ "$(in_root stat -c '%U:%G %a' /etc/wall-of-fame/kiosk.toml)" == "root:wall-of-fame 640" ]] || fail "the upgrade changed kiosk.toml's owner or mode"
  as_kiosk wall-of-fame verify >"$log" 2>&1 || { cat "$log"; fail "verify after the upgrade"; }
  echo "upgraded without a question; PIN hash kept"

  # 4. Remove: units disabled and gone, data and config kept. Purge: data and config gone.
  touch "$root/var/lib/wall-of-fame/kept-by-remove"
  apt_get remove wall-of-fame
  [[ ! -e "$root/etc/systemd/system/graphical.target.wants/wall-of-fame-cage@tty7.service" && \
     ! -L "$root/etc/systemd/system/graphical.target.wants/wall-of-fame-cage@tty7.service" ]] || fail "remove left the unit enabled"
  [[ ! -e "$root/lib/systemd/system/wall-of-fame-cage@.service" ]] || fail "remove left the unit file"
  [[ -e "$root/var/lib/wall-of-fame/kept-by-remove" ]] || fail "remove deleted the data"
  [[ "$(pin_line)" == "$pin" ]] || fail "remove changed kiosk.toml"
  apt_get purge wall-of-fame
  for gone in /var/lib/wall-of-fame /etc/wall-of-fame /etc/systemd/system/wall-of-fame-cage@.service.d; do
    [[ ! -e "$root$gone" ]] || fail "purge left $gone"
  done
  status=$(in_root dpkg-query -W -f='${db:Status-Status}' wall-of-fame 2>/dev/null || true)
  [[ -z "$status" || "$status" == not-installed ]] || fail "dpkg still has the package: $status"
  echo "removed (units disabled, data kept) and purged (data gone)"

  # 5. From the older layout, where kiosk.toml was a conffile: the edited file and its PIN stay.
  apt_get install /tmp/wall-of-fame_old.deb
  sed -i 's/^kiosk_id = .*/kiosk_id = "lobby-old"/' "$config"
  in_root install -d -o wall-of-fame -g wall-of-fame /mnt/wof  # the example's share_dir
  echo 1357 | in_root wall-of-fame set-pin >"$log" 2>&1 || { cat "$log"; fail "set-pin in the old layout"; }
  in_root chown -R wall-of-fame:wall-of-fame /var/lib/wall-of-fame
  pin=$(pin_line)
  apt_get install /tmp/wall-of-fame_new.deb
  [[ "$(pin_line)" == "$pin" ]] || fail "the upgrade from the conffile layout lost the PIN"
  grep -q '^kiosk_id = "lobby-old"' "$config" || fail "the upgrade from the conffile layout lost kiosk_id"
  as_kiosk wall-of-fame verify >"$log" 2>&1 || { cat "$log"; fail "verify after the upgrade from the conffile layout"; }
  apt_get purge wall-of-fame
  [[ ! -e "$root/etc/wall-of-fame/kiosk.toml" ]] || fail "purge left the old conffile"
  echo "upgraded from the conffile layout: PIN and kiosk id kept; purged"
  exit 0
fi

build_dir=$(cd "$1" && pwd)
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
if [[ "${2:-}" == --debian-root ]]; then
  if (( EUID != 0 )); then
    echo "SKIP: the Debian 12 root needs root (mmdebstrap --mode=root, chroot); CI runs as root"
    exit 77
  fi
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing (scripts/dev.sh test installs it)"; exit 1; }
fi
work=$(mktemp -d "$build_dir/package-test.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT

cd "$build_dir"
cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/wall-of-fame_*.deb)

# [SECTION] a Debian 12 root
if [[ "${2:-}" == --debian-root ]]; then
  # The package rebuilt with a changed example kiosk.toml (version -2), and one as it was before
  # kiosk.toml left the conffiles (version -0): /etc/wall-of-fame/kiosk.toml in the package, and
  # the postinst that gave it to the kiosk's group.
  repack() {  # repack OUT VERSION EDIT-COMMAND...
    local out=$1 version=$2 tree=$work/tree
    rm -rf "$tree" && dpkg-deb -R "$deb" "$tree"
    sed -i "s/^Version: .*/Version: $version/" "$tree/DEBIAN/control"
    (cd "$tree" && "${@:3}")
    (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
    dpkg-deb --root-owner-group -b "$tree" "$out" >/dev/null
  }
  mkdir "$work/debs"
  cp "$deb" "$work/debs/wall-of-fame_new.deb"
  repack "$work/debs/wall-of-fame_next.deb" 0.1.0-2 \
    sed -i '1a # (rebuilt for the upgrade test: the shipped example changed)' usr/share/wall-of-fame/kiosk-config/kiosk.toml
  conffile_layout() {
    install -D -m 0644 usr/share/wall-of-fame/kiosk-config/kiosk.toml etc/wall-of-fame/kiosk.toml
    echo /etc/wall-of-fame/kiosk.toml >DEBIAN/conffiles
    sed -i 's|^  if \[ ! -e "\$config" \]; then|  chgrp wall-of-fame "$config"; chmod 0640 "$config"\n&|' DEBIAN/postinst
  }
  repack "$work/debs/wall-of-fame_old.deb" 0.1.0-0 conffile_layout
  started=$(date +%s)
  # The root lives under the build dir (TMPDIR) and goes when mmdebstrap ends (target /dev/null).
  # force-unsafe-io: no fsync per file in a root that is thrown away (minutes saved).
  TMPDIR=$work mmdebstrap --quiet --mode=root --variant=apt --include=systemd,man-db --dpkgopt=force-unsafe-io \
    --customize-hook="bash '$self' --in-root \"\$1\" '$work/debs'" bookworm /dev/null http://deb.debian.org/debian \
    >"$work/mmdebstrap.log" 2>&1 || { cat "$work/mmdebstrap.log"; exit 1; }
  grep -v '^I: ' "$work/mmdebstrap.log" || true
  echo "Debian 12 root: made, installed, upgraded twice, removed and purged in $(( $(date +%s) - started )) s"
  exit 0
fi

# [SECTION] contents, control data and lintian
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/wall-of-fame ./lib/systemd/system/wall-of-fame-cage@.service \
            ./lib/systemd/system/wall-of-fame-x11@.service ./usr/share/wall-of-fame/kiosk-config/xinitrc \
            ./usr/share/wall-of-fame/kiosk-config/kiosk.toml ./usr/share/wall-of-fame/kiosk-config/fleet.toml \
            ./usr/share/doc/wall-of-fame/README.md ./usr/share/doc/wall-of-fame/copyright \
            ./usr/share/doc/wall-of-fame/changelog.Debian.gz ./usr/share/man/man1/wall-of-fame.1.gz; do
  grep -q " $path\$" <<<"$contents" || { echo "package lacks $path"; echo "$contents"; exit 1; }
done
# Nothing in /etc: kiosk.toml is made by postinst, so that upgrades never ask about it.
if grep -q " ./etc/" <<<"$contents"; then echo "package ships files in /etc:"; grep " ./etc/" <<<"$contents"; exit 1; fi
[[ "$(dpkg-deb -f "$deb" Package)" == wall-of-fame ]]
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libglfw3 <<<"$depends" || { echo "Depends lacks libglfw3: $depends"; exit 1; }
grep -q fonts-dejavu-core <<<"$depends" || { echo "Depends lacks fonts-dejavu-core: $depends"; exit 1; }
for fonts in fonts-noto-core fonts-noto-cjk; do  # names in every script on the wall and in the PDF report
  grep -q "$fonts" <<<"$depends" || { echo "Depends lacks $fonts: $depends"; exit 1; }
done
grep -q libsystemd0 <<<"$depends" || { echo "Depends lacks libsystemd0 (sd_notify): $depends"; exit 1; }
recommends=$(dpkg-deb -f "$deb" Recommends)
for runner in cage xwayland; do  # the default unit runs cage, which starts Xwayland
  grep -q "$runner" <<<"$recommends" || { echo "Recommends lacks $runner: $recommends"; exit 1; }
done
# Read whole outputs into variables: `grep -q` closing a pipe early would fail the pipeline.
control_files=$(dpkg-deb --ctrl-tarfile "$deb" | tar -tf -)
for script in postinst prerm postrm; do
  grep -q "^./$script\$" <<<"$control_files" || { echo "no $script"; exit 1; }
done
if grep -q '^./conffiles$' <<<"$control_files"; then echo "the package has conffiles"; exit 1; fi
# The package's own hardening: the stack protector and _FORTIFY_SOURCE (dpkg-buildflags) in the binary.
dpkg-deb -x "$deb" "$work/root"
binary_symbols=$(objdump -T "$work/root/usr/bin/wall-of-fame")
for symbol in __stack_chk_fail _chk; do
  grep -q "$symbol" <<<"$binary_symbols" || { echo "the binary lacks $symbol: built without dpkg-buildflags?"; exit 1; }
done

# lintian: no errors, no warnings. Its overrides are in the package (packaging/lintian-overrides).
command -v lintian >/dev/null || { echo "lintian is missing (scripts/dev.sh test installs it)"; exit 1; }
# (Not --show-overrides: lintian 2.116 then fails on the overridden tags too.)
lintian_output=$(lintian --fail-on error,warning --display-info "$deb" 2>&1) \
  || { echo "lintian found errors or warnings:"; echo "$lintian_output"; exit 1; }
echo "lintian: no errors, no warnings${lintian_output:+; it says:}"
[[ -z "$lintian_output" ]] || echo "$lintian_output"

# [SECTION] the program, unpacked
root="$work/root"
version=$("$root/usr/bin/wall-of-fame" --version)
echo "installed program says: $version"
[[ -n "$version" ]]

if command -v xvfb-run >/dev/null; then
  (cd / && env -u WOF_ASSETS_DIR xvfb-run -a -s "-screen 0 1280x720x24" "$root/usr/bin/wall-of-fame" kiosk --demo \
     --windowed 1280x720 --screenshot "$work/installed.png" --screenshot-frames 5) >"$work/kiosk.log" 2>&1 \
    || { cat "$work/kiosk.log"; exit 1; }
  [[ -s "$work/installed.png" ]] || { echo "no screenshot from the installed kiosk"; exit 1; }
  grep -q "screen words from $root/usr/share/wall-of-fame/strings" "$work/kiosk.log" \
    || { echo "the installed kiosk did not use its installed strings:"; cat "$work/kiosk.log"; exit 1; }
fi
echo "package ok: $(basename "$deb")"
