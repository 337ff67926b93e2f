#!/usr/bin/env bash
# A fleet on three real Syncthing nodes on 127.0.0.1 (discovery, relays and NAT off), one per
# kiosk, each kiosk writing its node's folder, driven through fleet_scenario.sh. The rebuilt
# kiosk's node pulls its folder back through a throttled link, so its journal is still arriving
# when it rebuilds and publishes again.
# Usage: syncthing_test.sh WALL_OF_FAME_BINARY. Needs syncthing, jq, python3, curl.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BIN=$(realpath "$1")
for tool in syncthing jq python3 curl; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/dev.sh installs it)"; exit 77; }
done
WORK=$(mktemp -d /tmp/wof-syncthing.XXXXXX)
# shellcheck source=syncthing.sh
. "$here/syncthing.sh"
# shellcheck source=fleet_scenario.sh
. "$here/fleet_scenario.sh"
trap 'st_cleanup; rm -rf "$WORK"' EXIT

mkdir -p "$WORK/st"
st_start "$WORK/st" 3
share_of() { st_folder "$1"; }
settle() { local took; took=$(st_wait_in_sync 180); echo "    in sync after ${took} s"; }
OUTAGE_BLOCKS_PUBLISHING=0
outage_begin() { st_stop_node "$1"; }
outage_end() { st_start_node "$1"; }
replace_disk() { st_replace_disk "$1" 48; }  # 48 KiB/s: its folder (1.4 MB of photos) takes ~30 s

run_fleet_scenario
check_recorded_folder_times
st_unthrottle
echo "ok: syncthing"
