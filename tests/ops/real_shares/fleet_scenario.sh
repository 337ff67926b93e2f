# A fleet's life on a real share, driven through the real `wall-of-fame` commands: sourced by
# samba_test.sh and syncthing_test.sh, which provide the share and these hooks:
#   share_of N         the share folder kiosk N sees (its mount, or its Syncthing node's folder)
#   settle             wait until every kiosk sees the same share (replication), may be a no-op
#   outage_begin N / outage_end N   the server (or kiosk N's node) goes away and comes back
#   OUTAGE_BLOCKS_PUBLISHING  1 where the outage stops kiosk N writing (a server), 0 where it
#                      only stops replication (a Syncthing node: the kiosk writes its own copy)
#   replace_disk N     kiosk N's disk dies: its share copy too, where it has one (Syncthing)
# Kiosk N has kiosk id lobby-N and its data in $WORK/kN. Checks, in order: nominations, a hide and
# an erasure on different kiosks; `verify` failing exactly while publishing cannot work; two
# installs racing for one kiosk id; a kiosk rebuilt while its journal is still arriving; then
# byte-identical exports everywhere with every acknowledged nomination exactly once.
# check_recorded_folder_times (after it): with folder times recorded, a new segment still arrives.
# Needs: BIN (the wall-of-fame executable), WORK (a temp folder).

fail() { echo "FAIL: $*" >&2; exit 1; }
ACKED=()  # every nomination id a kiosk acknowledged (printed)

kiosk_config() {  # kiosk_config DIR KIOSK_ID SHARE
  mkdir -p "$1"
  printf 'kiosk_id = "%s"\nsite = "Leeds"\ndata_dir = "%s/data"\nshare_dir = "%s"\n' "$2" "$1" "$3" >"$1/kiosk.toml"
}
wof() { local dir=$1; shift; "$BIN" "$@" --config "$dir/kiosk.toml"; }
nominate() {  # nominate DIR NOMINEE FROM
  local id
  id=$(wof "$1" nominate --nominee "$2" --behaviour real-face --from "$3" \
         --story "Stayed on the line with a customer in Tokyo until the order was right.") ||
    fail "nominate on $1 refused"
  ACKED+=("$id")
  echo "$id"
}
sync_all() { local n; for n in "$@"; do wof "$WORK/k$n" sync >"$WORK/k$n/last-sync.log" 2>&1 || true; done; }

run_fleet_scenario() {
  local started=$SECONDS
  "$BIN" demo-data --out "$WORK/demo" >/dev/null
  cp -r "$WORK/demo/roster" "$WORK/demo/fleet.toml" "$(share_of 1)/"
  settle
  local n
  for n in 1 2 3; do kiosk_config "$WORK/k$n" "lobby-$n" "$(share_of "$n")"; done
  sync_all 1 2 3

  echo "--- nominations, a hide and an erasure on different kiosks"
  nominate "$WORK/k1" E1001 E1010 >/dev/null
  local hidden erased_nominee=E1020
  hidden=$(nominate "$WORK/k2" E1002 E1011)
  nominate "$WORK/k3" "$erased_nominee" E1012 >/dev/null
  nominate "$WORK/k3" E1003 "$erased_nominee" >/dev/null
  sync_all 1 2 3; settle; sync_all 1 2 3
  wof "$WORK/k1" moderate "$hidden" --hide --reason "names a customer" >/dev/null || fail "hide refused"
  wof "$WORK/k2" erase-employee "$erased_nominee" >/dev/null || fail "erasure refused"
  sync_all 1 2 3; settle

  echo "--- an outage: verify fails while publishing cannot work, nothing typed meanwhile is lost"
  outage_begin 1
  if [[ $OUTAGE_BLOCKS_PUBLISHING == 1 ]]; then
    if wof "$WORK/k1" verify >"$WORK/verify-outage.log" 2>&1; then
      cat "$WORK/verify-outage.log"; fail "verify said ok during the outage"
    fi
    grep -q "WARN share: " "$WORK/verify-outage.log" || fail "verify did not name the share: $(cat "$WORK/verify-outage.log")"
  else
    wof "$WORK/k1" verify >"$WORK/verify-outage.log" 2>&1 ||
      fail "verify failed though kiosk 1 can still publish to its own copy: $(cat "$WORK/verify-outage.log")"
  fi
  nominate "$WORK/k1" E1004 E1013 >/dev/null
  wof "$WORK/k1" sync >"$WORK/sync-outage.log" 2>&1 || true
  if [[ $OUTAGE_BLOCKS_PUBLISHING == 1 ]]; then
    grep -q "pending 1 events" "$WORK/sync-outage.log" || fail "the nomination during the outage is not queued: $(cat "$WORK/sync-outage.log")"
  fi
  outage_end 1
  wof "$WORK/k1" verify >"$WORK/verify-back.log" 2>&1 || fail "verify failed after the outage: $(cat "$WORK/verify-back.log")"
  sync_all 1 2 3; settle

  echo "--- two new installs race for one kiosk id (a cloned image), from two kiosks' shares"
  kiosk_config "$WORK/c1" lobby-9 "$(share_of 1)"
  kiosk_config "$WORK/c2" lobby-9 "$(share_of 2)"
  wof "$WORK/c1" import-roster >/dev/null 2>&1 || fail "import-roster on c1"  # no sync yet: no claim
  wof "$WORK/c2" import-roster >/dev/null 2>&1 || fail "import-roster on c2"
  nominate "$WORK/c1" E1005 E1014 >/dev/null
  nominate "$WORK/c2" E1006 E1015 >/dev/null
  wof "$WORK/c1" sync >"$WORK/c1/race.log" 2>&1 &
  wof "$WORK/c2" sync >"$WORK/c2/race.log" 2>&1 &
  wait
  settle
  sync_all 1 2 3
  # The documented fix for a clone: its own kiosk id. Whatever it queued is published then.
  local clone
  for clone in c1 c2; do
    wof "$WORK/$clone" sync >"$WORK/$clone/again.log" 2>&1 || true
    if grep -q "already used by another installation" "$WORK/$clone/again.log"; then
      sed -i 's/lobby-9/lobby-8/' "$WORK/$clone/kiosk.toml"
      wof "$WORK/$clone" sync >/dev/null 2>&1 || fail "$clone did not publish under its own id"
    fi
  done
  settle

  echo "--- kiosk 3's disk is replaced and rebuilt while its journal is still arriving"
  replace_disk 3
  rm -rf "$WORK/k3/data"
  # As IT would: rebuild once the kiosk's journal folder has begun to arrive, not after it all has.
  local waited=0
  until compgen -G "$(share_of 3)/journal/lobby-3/*.jsonl" >/dev/null; do
    ((waited++ < 600)) || fail "kiosk 3's journal never came back"
    sleep 0.1
  done
  echo "    rebuilding with $(find "$(share_of 3)/journal/lobby-3" -name '*.jsonl' | wc -l) of its segments back"
  wof "$WORK/k3" sync --rebuild-from-share >"$WORK/k3/rebuild.log" 2>&1 || fail "rebuild: $(cat "$WORK/k3/rebuild.log")"
  # Someone nominates on it as soon as the staff list is back (its photos may still be arriving).
  waited=0
  until [[ -s $(share_of 3)/roster/employees.csv ]]; do
    ((waited++ < 1200)) || fail "kiosk 3's roster never came back"
    sleep 0.1
  done
  wof "$WORK/k3" sync >/dev/null 2>&1 || true
  nominate "$WORK/k3" E1007 E1016 >/dev/null
  wof "$WORK/k3" sync >/dev/null 2>&1 || true

  echo "--- everyone catches up"
  local round
  for round in 1 2 3; do settle; sync_all 1 2 3; done
  local csv1
  for n in 1 2 3; do
    wof "$WORK/k$n" export --format csv --out "$WORK/k$n/export.csv" >/dev/null || fail "export on kiosk $n"
  done
  csv1=$WORK/k1/export.csv
  for n in 2 3; do
    cmp -s "$csv1" "$WORK/k$n/export.csv" ||
      { diff "$csv1" "$WORK/k$n/export.csv" | head -20 >&2; fail "kiosk $n's export differs from kiosk 1's"; }
  done
  local id count
  for id in "${ACKED[@]}"; do
    count=$(grep -c "^$id," "$csv1" || true)
    [[ $count == 1 ]] || fail "nomination $id, acknowledged, is in the export $count times"
  done
  grep -q ",$erased_nominee,(erased)," "$csv1" || fail "the erasure did not reach every kiosk"
  echo "ok: ${#ACKED[@]} acknowledged nominations, each exactly once; 3 byte-identical exports ($((SECONDS - started)) s)"
}

# A quiet share: kiosk 1 has recorded every journal folder's times and lists none of them. Kiosk
# 2 publishes: the folder's times change as kiosk 1 sees them (through its own mount or its own
# node's copy), and kiosk 1 imports the new segment.
check_recorded_folder_times() {
  echo "--- folder times recorded: another kiosk's new segment still arrives"
  settle
  sleep 3  # every folder's time more than 2 s older than kiosk 1's next heartbeat
  sync_all 1
  sync_all 1  # its heartbeat is newer than every folder now: their times are recorded
  local folder before after
  folder="$(share_of 1)/journal/lobby-2"
  before=$(stat -c '%y %z' "$folder")
  nominate "$WORK/k2" E1008 E1017 >/dev/null
  sync_all 2
  settle
  after=$(stat -c '%y %z' "$folder")
  [[ $before != "$after" ]] || fail "journal/lobby-2's times did not change when kiosk 2 published ($before)"
  wof "$WORK/k1" sync >"$WORK/k1/recorded.log" 2>&1 || fail "sync on kiosk 1: $(cat "$WORK/k1/recorded.log")"
  grep -q "imported 1 events" "$WORK/k1/recorded.log" ||
    fail "kiosk 1 did not import kiosk 2's new segment: $(cat "$WORK/k1/recorded.log")"
  echo "ok: journal/lobby-2 went from $before to $after; kiosk 1 imported the new segment"
}
