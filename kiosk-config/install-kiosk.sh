#!/usr/bin/env bash
# Turns a fresh Debian 12 machine into a Wall of Fame kiosk. Safe to run again: it converges on
# the same state (package installed, user and folders made, config keys set, session enabled).
#
#   sudo ./install-kiosk.sh --deb wall-of-fame_0.1.0_amd64.deb
#       asks for the kiosk id, site, shared folder and admin PIN
#   sudo ./install-kiosk.sh --deb FILE --kiosk-id lobby-1 --site Lyon --share /mnt/wof \
#       --pin-file /root/pin --yes
#       unattended (the PIN file holds the PIN on its first line; delete it afterwards)
#
# Options: --deb FILE         the package to install (omit when it is already installed)
#          --kiosk-id ID      unique in the fleet: 1-40 of a-z, 0-9, '-'
#          --site NAME        where the kiosk stands
#          --share DIR        the shared folder's mount point ("" for a stand-alone kiosk)
#          --pin-file FILE    admin PIN, 4-12 digits, first line of FILE
#          --no-session       do not install cage or enable the kiosk session (e.g. X11 setups)
#          --yes              never ask; fail naming the missing option instead
#          --dry-run          print every action (as a shell command) instead of doing it; needs
#                             no root and changes nothing. Run it first to see what will happen.
set -euo pipefail

config=/etc/wall-of-fame/kiosk.toml
deb="" kiosk_id="" site="" share="" share_set=0 pin_file="" session=1 assume_yes=0 dry_run=0

die() { echo "install-kiosk: $*" >&2; exit 1; }
while (( $# )); do
  case "$1" in
    --deb) deb=${2:?--deb needs a file}; shift 2 ;;
    --kiosk-id) kiosk_id=${2:?--kiosk-id needs a value}; shift 2 ;;
    --site) site=${2:?--site needs a value}; shift 2 ;;
    --share) share=${2?--share needs a value}; share_set=1; shift 2 ;;
    --pin-file) pin_file=${2:?--pin-file needs a file}; shift 2 ;;
    --no-session) session=0; shift ;;
    --yes) assume_yes=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
(( dry_run )) || [[ $(id -u) -eq 0 ]] || die "run as root (sudo $0 ...)"

# Every change to the machine goes through `run`: done, or with --dry-run only printed.
run() {
  if (( dry_run )); then
    printf '+'; printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}

# Asks for a value unless it was given; with --yes a missing value is an error.
ask() {
  local name=$1 prompt=$2 current=$3
  if [[ -n "$current" ]]; then printf '%s' "$current"; return; fi
  (( assume_yes )) && die "--$name is required with --yes"
  [[ -t 0 ]] || die "--$name is required when not run from a terminal"
  local answer
  read -r -p "$prompt: " answer
  printf '%s' "$answer"
}

# 1. The package (it creates the wall-of-fame user and /var/lib/wall-of-fame).
if [[ -n "$deb" ]]; then
  [[ -f "$deb" ]] || die "no such package file: $deb"
  run apt-get update -qq
  # Nothing to answer on an upgrade: kiosk.toml is not a conffile (postinst makes it once from
  # /usr/share/wall-of-fame/kiosk-config/kiosk.toml and never touches it again).
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(realpath "$deb")"
fi
(( dry_run )) || command -v wall-of-fame >/dev/null || die "wall-of-fame is not installed; pass --deb FILE"

# 2. This kiosk's settings, written into the installed config without touching its comments.
kiosk_id=$(ask kiosk-id "Kiosk id (unique in the fleet, e.g. lobby-1)" "$kiosk_id")
[[ "$kiosk_id" =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]] || die "kiosk id '$kiosk_id' must be 1-40 of a-z, 0-9 and '-'"
site=$(ask site "Site (e.g. Lyon)" "$site")
[[ -n "$site" && "$site" != *'"'* && "$site" != *'\'* ]] || die "site must be non-empty, without quotes or backslashes"
if (( ! share_set )); then share=$(ask share "Shared folder mount point (empty for none)" "/mnt/wof"); fi
[[ "$share" != *'"'* && "$share" != *'\'* ]] || die "share path must not contain quotes or backslashes"

set_key() {  # set_key KEY VALUE: replaces the top-level 'KEY = ...' line, or adds one at the top
  local key=$1 value=$2
  local escaped=${value//&/\\&}  # sed's replacement treats & and the delimiter specially
  escaped=${escaped//|/\\|}
  if [[ ! -f "$config" ]] || grep -qE "^${key}[[:space:]]*=" "$config"; then
    run sed -i -E "s|^${key}[[:space:]]*=.*|${key} = \"${escaped}\"|" "$config"
  else
    run sed -i "1i ${key} = \"${escaped}\"" "$config"
  fi
}
set_key kiosk_id "$kiosk_id"
set_key site "$site"
set_key share_dir "$share"
set_key data_dir /var/lib/wall-of-fame
# A local folder (Syncthing's) belongs to the kiosk; a mount point gets its owner from the mount.
if [[ -n "$share" && ! -d "$share" ]]; then run install -d -o wall-of-fame -g wall-of-fame -m 0750 "$share"; fi

# The units may write only their state dir and /mnt/wof (ProtectSystem=strict): a share anywhere
# else gets a drop-in naming it ('-': the kiosk still starts while it is missing; '%' is a
# specifier in unit files). No share: no drop-in.
for unit in wall-of-fame-cage@.service wall-of-fame-x11@.service; do
  drop_in=/etc/systemd/system/$unit.d/share.conf
  if [[ -n "$share" ]]; then
    run install -d -m 0755 "$(dirname "$drop_in")"
    text=$(printf '# Written by install-kiosk.sh: the share is writable for the kiosk.\n[Service]\nReadWritePaths="-%s"\n' \
      "${share//%/%%}")
    if (( dry_run )); then
      printf '+ write %q:\n%s\n' "$drop_in" "$text"
    else
      printf '%s\n' "$text" >"$drop_in"
    fi
  else
    run rm -f "$drop_in"
  fi
done
if (( dry_run )) || [[ -d /run/systemd/system ]]; then run systemctl daemon-reload; fi

# 3. The admin PIN, stored only as an argon2id hash.
if [[ -n "$pin_file" ]]; then
  [[ -r "$pin_file" ]] || die "cannot read $pin_file"
  if (( dry_run )); then
    printf '+ head -n 1 %q | wall-of-fame set-pin --config %q\n' "$pin_file" "$config"
  else
    head -n 1 "$pin_file" | wall-of-fame set-pin --config "$config" >/dev/null
  fi
elif ! grep -qsE '^admin_pin_hash[[:space:]]*=[[:space:]]*"\$argon2id' "$config"; then
  (( assume_yes )) && die "--pin-file is required with --yes (no admin PIN is set yet)"
  echo "Choose the admin PIN (4-12 digits); it is needed to open the admin screen and to quit."
  run wall-of-fame set-pin --config "$config"
fi

# The commands above ran as root and may have created the database: the kiosk runs as its own
# user and must own everything in its data dir.
run chown -R wall-of-fame:wall-of-fame /var/lib/wall-of-fame

# 4. Check the result the way the kiosk will: as its user (verify as root would make the share's
# journal folder root's, and the kiosk could then never publish).
run runuser -u wall-of-fame -- wall-of-fame verify --config "$config" \
  || echo "install-kiosk: verify reported problems (see above); the share may not be mounted yet" >&2

# 5. The locked-down session: cage on tty7, started at boot.
if (( session )); then
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cage xwayland
  run systemctl enable wall-of-fame-cage@tty7.service
  run systemctl set-default graphical.target
  (( dry_run )) && echo "Dry run: nothing was changed." && exit 0
  echo "Kiosk '$kiosk_id' installed. It starts on the next boot (or: systemctl start wall-of-fame-cage@tty7)."
else
  (( dry_run )) && echo "Dry run: nothing was changed." && exit 0
  echo "Kiosk '$kiosk_id' installed. Start it from your own session: wall-of-fame kiosk"
fi
