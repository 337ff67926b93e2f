#!/usr/bin/env bash
# A fleet on a real Samba server: smbd on 127.0.0.1, each kiosk mounting the share through the
# FUSE SMB client smbnetfs with its own account (hard links and exclusive creates do not exist
# there), driven through fleet_scenario.sh; then an account that may read but not write the share.
# Usage: samba_test.sh WALL_OF_FAME_BINARY. Needs root, /dev/fuse, samba, smbnetfs, fuse3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BIN=$(realpath "$1")
for tool in smbd smbnetfs fusermount3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/dev.sh installs it)"; exit 77; }
done
[[ $(id -u) == 0 && -c /dev/fuse ]] || { echo "SKIP: needs root and /dev/fuse"; exit 77; }
WORK=$(mktemp -d /tmp/wof-samba.XXXXXX)
chmod 755 "$WORK"
# shellcheck source=smb.sh
. "$here/smb.sh"
# shellcheck source=fleet_scenario.sh
. "$here/fleet_scenario.sh"
trap 'smb_cleanup; rm -rf "$WORK"' EXIT

smb_start "$WORK/smb"
SHARES=()
for n in 1 2 3; do SHARES[n]=$(smb_mount "$n" "$WORK/m$n"); done
share_of() { echo "${SHARES[$1]}"; }
settle() { :; }                    # one server: what one kiosk wrote, every kiosk reads
OUTAGE_BLOCKS_PUBLISHING=1
outage_begin() { smb_server_stop; }
outage_end() { smb_server_start; }
replace_disk() { :; }              # the share lives on the server: only the kiosk's data dir dies

run_fleet_scenario
check_recorded_folder_times

echo "--- a kiosk account that may read the share but not write it: verify and status say so"
smb_add_readonly_account wofdeny
denied=$(smb_mount_as_user deny "$WORK/md" wofdeny)
kiosk_config "$WORK/kd" lobby-7 "$denied"
if wof "$WORK/kd" verify >"$WORK/kd/verify.log" 2>&1; then cat "$WORK/kd/verify.log"; fail "verify said ok"; fi
grep -q "permission denied" "$WORK/kd/verify.log" || fail "verify did not say permission denied: $(cat "$WORK/kd/verify.log")"
# A share it cannot write is a warning to monitoring (exit 1), named in the text.
code=0
wof "$WORK/kd" status >"$WORK/kd/status.log" 2>&1 || code=$?
[[ $code == 1 ]] || fail "status exited $code, not 1 (warning): $(cat "$WORK/kd/status.log")"
grep -q "permission denied" "$WORK/kd/status.log" || fail "status did not say permission denied: $(cat "$WORK/kd/status.log")"
echo "ok: samba"
