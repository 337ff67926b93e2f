# shellcheck shell=bash
# syncthing.sh - test harness: N real Syncthing nodes on 127.0.0.1 that share
# one folder (id "wof", sendreceive). Source it from a bash test running with
# `set -euo pipefail`:
#
#   . /work/harness/syncthing.sh
#   ROOT=$(mktemp -d); trap st_cleanup EXIT
#   st_start "$ROOT" 3                 # node i: home $ROOT/st<i>/home, folder $ROOT/st<i>/share
#   echo hi > "$(st_folder 1)/a.txt"
#   st_wait_in_sync 60                 # prints elapsed seconds
#   st_stop_node 2; ...; st_start_node 2
#   st_replace_disk 3 4                # wipe folder+db of node 3, restart it pulling at 4 KiB/s
#   ...; st_unthrottle; st_wait_in_sync
#
# Needs Debian's syncthing (1.19), curl, jq (python3 only for throttling). No discovery, relays,
# NAT, usage/crash reporting or upgrades: nodes only talk to each other via
# static tcp://127.0.0.1 addresses. Ports: sync 22100+i, GUI/REST 8380+i
# (override ST_SYNC_PORT_BASE / ST_GUI_PORT_BASE before st_start).

ST_ROOT=""                                  # set by st_start
ST_N=0                                      # number of nodes
ST_IDS=()                                   # ST_IDS[i] = device ID of node i (1-based)
ST_FOLDERS=()                               # ST_FOLDERS[i] = synced folder of node i
ST_FOLDER_ID="wof"
ST_APIKEY="wof-harness-apikey"
ST_SYNC_PORT_BASE=${ST_SYNC_PORT_BASE:-22100}
ST_GUI_PORT_BASE=${ST_GUI_PORT_BASE:-8380}
ST_START_TIMEOUT=${ST_START_TIMEOUT:-60}    # seconds for nodes to come up / connect
ST_PYTHON=${ST_PYTHON:-$( [[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3)}

_st_die() { echo "syncthing.sh: $*" >&2; return 1; }

# _st_wait SECONDS CMD... : retry CMD every 0.2 s until it succeeds or time is up.
_st_wait() {
  local secs=$1; shift
  local end=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 0.2
  done
}

_st_home() { echo "$ST_ROOT/st$1/home"; }
_st_url()  { echo "http://127.0.0.1:$((ST_GUI_PORT_BASE + $1))"; }

# _st_api I METHOD PATH [JSON] : REST call on node I, prints the body.
_st_api() {
  local i=$1 method=$2 path=$3 data=${4:-}
  local args=(-sSf --max-time 30 -X "$method" -H "X-API-Key: $ST_APIKEY")
  [[ -n $data ]] && args+=(-H 'Content-Type: application/json' --data "$data")
  curl "${args[@]}" "$(_st_url "$i")$path"
}

# _st_write_config I : (re)write node I's config.xml (keys must already exist).
_st_write_config() {
  local i=$1 j devs="" fdevs=""
  for ((j = 1; j <= ST_N; j++)); do
    fdevs+="    <device id=\"${ST_IDS[j]}\"></device>"$'\n'
    devs+=$(printf '  <device id="%s" name="st%s" compression="metadata" introducer="false">\n    <address>tcp://127.0.0.1:%s</address>\n  </device>' \
      "${ST_IDS[j]}" "$j" $((ST_SYNC_PORT_BASE + j)))$'\n'
  done
  # NB: folder fields missing from config.xml become 0, NOT Syncthing's defaults; a missing
  # <maxConflicts> means 0 = no conflict copies, the losing file is silently discarded.
  cat >"$(_st_home "$i")/config.xml" <<EOF
<configuration version="36">
  <folder id="$ST_FOLDER_ID" label="$ST_FOLDER_ID" path="${ST_FOLDERS[i]}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="true" autoNormalize="true">
    <filesystemType>basic</filesystemType>
$fdevs    <minDiskFree unit="%">0</minDiskFree>
    <markerName>.stfolder</markerName>
    <maxConflicts>10</maxConflicts>
  </folder>
$devs  <gui enabled="true" tls="false">
    <address>127.0.0.1:$((ST_GUI_PORT_BASE + i))</address>
    <apikey>$ST_APIKEY</apikey>
  </gui>
  <options>
    <listenAddress>tcp://127.0.0.1:$((ST_SYNC_PORT_BASE + i))</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <urAccepted>-1</urAccepted>
    <crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>5</reconnectionIntervalS>
    <limitBandwidthInLan>true</limitBandwidthInLan>
    <maxSendKbps>0</maxSendKbps>
    <maxRecvKbps>0</maxRecvKbps>
    <minHomeDiskFree unit="%">0</minHomeDiskFree>
  </options>
</configuration>
EOF
}

# _st_api_up I : node I's REST answers and it is really node I (not a stale process on the port).
_st_api_up() { [[ $(_st_api "$1" GET /rest/system/status | jq -r .myID) == "${ST_IDS[$1]}" ]]; }

# _st_alive I : node I's process group still exists.
_st_alive() { [[ -f $ST_ROOT/st$1/pid ]] && kill -0 -- "-$(cat "$ST_ROOT/st$1/pid")" 2>/dev/null; }

# _st_port_free PORT : nothing listens on 127.0.0.1:PORT.
_st_port_free() { ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# _st_connected I : node I sees every other running node as connected.
_st_connected() {
  local i=$1 j c
  c=$(_st_api "$i" GET /rest/system/connections) || return 1
  for ((j = 1; j <= ST_N; j++)); do
    ((j == i)) || ! _st_running "$j" && continue
    [[ $(jq -r --arg d "${ST_IDS[j]}" '.connections[$d].connected' <<<"$c") == true ]] || return 1
  done
}

_st_running() { [[ -f $ST_ROOT/st$1/pid ]]; }    # started by us and not stopped since

_st_all_connected() {
  local i
  for ((i = 1; i <= ST_N; i++)); do
    _st_running "$i" || continue                 # stopped nodes are not required
    _st_connected "$i" || return 1
  done
}

# _st_launch I : start node I's syncthing in the background (no wait). setsid gives it its
# own process group (pid == pgid), so the monitor process and its child are killed together.
_st_launch() {
  local i=$1 d="$ST_ROOT/st$1"
  STNOUPGRADE=1 STNORESTART=1 setsid syncthing serve --no-browser --no-restart --no-upgrade \
    --no-default-folder --home="$d/home" --logflags=3 >>"$d/log" 2>&1 </dev/null &
  echo $! >"$d/pid"
  disown $! 2>/dev/null || true
}

# _st_wait_up I : wait until node I's REST answers and all running nodes are connected.
_st_wait_up() {
  local i=$1 end=$((SECONDS + ST_START_TIMEOUT))
  until _st_api_up "$i" 2>/dev/null; do
    _st_alive "$i" || _st_die "node $i exited during start-up; log tail:
$(tail -20 "$ST_ROOT/st$i/log")" || return 1
    ((SECONDS < end)) || break
    sleep 0.2
  done
  _st_api_up "$i" 2>/dev/null ||
    _st_die "node $i REST on $(_st_url "$i") not up after ${ST_START_TIMEOUT}s; log tail:
$(tail -20 "$ST_ROOT/st$i/log")" || return 1
  _st_wait "$ST_START_TIMEOUT" _st_all_connected ||
    _st_die "nodes not all connected after ${ST_START_TIMEOUT}s: $(_st_conn_summary)" || return 1
}

_st_conn_summary() {
  local i
  for ((i = 1; i <= ST_N; i++)); do
    echo -n "st$i:"
    _st_api "$i" GET /rest/system/connections 2>/dev/null |
      jq -rc '[.connections|to_entries[]|.value.connected]' 2>/dev/null || echo -n "down"
    echo -n " "
  done
}

# st_start ROOT N : create, configure and start N nodes under ROOT, wait until all connected.
st_start() {
  local root=$1 n=${2:-3} i
  [[ -d $root ]] || _st_die "st_start: ROOT '$root' is not a directory" || return 1
  command -v syncthing >/dev/null || _st_die "syncthing not installed" || return 1
  command -v jq >/dev/null || _st_die "jq not installed (apt-get install jq)" || return 1
  ST_ROOT=$(cd "$root" && pwd); ST_N=$n; ST_IDS=(""); ST_FOLDERS=("")
  for ((i = 1; i <= n; i++)); do
    mkdir -p "$ST_ROOT/st$i/share/.stfolder"
    syncthing generate --home="$ST_ROOT/st$i/home" --no-default-folder >"$ST_ROOT/st$i/log" 2>&1 ||
      _st_die "syncthing generate failed for node $i: $(cat "$ST_ROOT/st$i/log")" || return 1
    ST_IDS+=("$(syncthing serve --home="$ST_ROOT/st$i/home" --device-id)")
    ST_FOLDERS+=("$ST_ROOT/st$i/share")
  done
  for ((i = 1; i <= n; i++)); do
    _st_port_free $((ST_GUI_PORT_BASE + i)) && _st_port_free $((ST_SYNC_PORT_BASE + i)) ||
      _st_die "port $((ST_GUI_PORT_BASE + i)) or $((ST_SYNC_PORT_BASE + i)) already in use (stale syncthing?)" ||
      return 1
    _st_write_config "$i"
  done
  for ((i = 1; i <= n; i++)); do _st_launch "$i"; done
  for ((i = 1; i <= n; i++)); do _st_wait_up "$i" || return 1; done
}

# st_folder I : print node I's synced folder.
st_folder() { echo "${ST_FOLDERS[$1]}"; }

# st_stop_node I : kill node I's process group (TERM, KILL after 10 s), wait until it is gone.
st_stop_node() {
  local i=$1 f="$ST_ROOT/st$1/pid" pid
  [[ -f $f ]] || return 0
  pid=$(cat "$f"); rm -f "$f"
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  _st_wait 10 _st_gone "$pid" || { kill -KILL -- "-$pid" 2>/dev/null; _st_wait 5 _st_gone "$pid"; } || true
}
_st_gone() { ! kill -0 -- "-$1" 2>/dev/null; }     # no process left in group $1

# st_start_node I : start node I again (same home) and wait until it is reconnected.
st_start_node() {
  local i=$1
  if [[ -f $ST_ROOT/st$i/pid ]]; then _st_die "node $i already running"; return 1; fi
  _st_launch "$i"
  _st_wait_up "$i"
}

# --- throttling -------------------------------------------------------------------------
# Syncthing's own maxRecvKbps/maxSendKbps do NOT slow a pull of small files: its token
# bucket has a 512 KiB burst (lib/connections/limiter.go limiterBurstSize = 4*128<<10), so
# e.g. 200 x 500 B files arrive in <1 s even at 4 KiB/s. Instead, a throttled node I dials
# each peer j through a small Python TCP proxy (127.0.0.1:ST_SYNC_PORT_BASE+50+10*I+j) that
# forwards the bytes going TO node I at RATE KiB/s (no burst), and the peers are told not
# to dial node I (address "dynamic" = never, as discovery is off).
_ST_PROXY_PY='
import socket, sys, threading, time
ratefile, pairs = sys.argv[1], [tuple(map(int, a.split(":"))) for a in sys.argv[2:]]
def rate():                                   # bytes/s, 0 = unlimited
    try: return int(float(open(ratefile).read().strip() or 0) * 1024)
    except Exception: return 0
def pump(src, dst, throttled):
    try:
        while True:
            r = rate() if throttled else 0
            data = src.recv(max(64, r // 10) if r else 65536)
            if not data: break
            dst.sendall(data)
            if r: time.sleep(len(data) / r)
    except OSError: pass
    for s in (src, dst):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
def serve(lport, tport):
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", lport)); ls.listen(16)
    while True:
        c, _ = ls.accept()
        try: t = socket.create_connection(("127.0.0.1", tport))
        except OSError: c.close(); continue
        threading.Thread(target=pump, args=(c, t, False), daemon=True).start()  # node I -> peer
        threading.Thread(target=pump, args=(t, c, True), daemon=True).start()   # peer -> node I
for lp, tp in pairs: threading.Thread(target=serve, args=(lp, tp), daemon=True).start()
while True: time.sleep(3600)
'

_st_proxy_port() { echo $((ST_SYNC_PORT_BASE + 50 + 10 * $1 + $2)); }   # node I -> peer J

# _st_set_addr I J ADDR : on node I set device J's address (REST if running, else config.xml).
_st_set_addr() {
  local i=$1 j=$2 addr=$3 cfg
  if [[ -f $ST_ROOT/st$i/pid ]]; then
    _st_api "$i" PATCH "/rest/config/devices/${ST_IDS[j]}" "{\"addresses\":[\"$addr\"]}" >/dev/null ||
      _st_die "cannot set address of node $j on node $i" || return 1
  else
    cfg="$(_st_home "$i")/config.xml"
    "$ST_PYTHON" - "$cfg" "${ST_IDS[j]}" "$addr" <<'PY'
import sys, xml.etree.ElementTree as ET
cfg, dev, addr = sys.argv[1:]
t = ET.parse(cfg)
for d in t.getroot().findall("device"):
    if d.get("id") == dev:
        for a in d.findall("address"): d.remove(a)
        e = ET.Element("address"); e.text = addr; d.insert(0, e)
t.write(cfg)
PY
  fi
}

# st_start_node_throttled I [KIBPS] : (re)start node I so that everything it receives from
# its peers flows at KIBPS KiB/s (default 4; 200 x 500 B files take ~40 s). Waits for the
# reconnection like st_start_node. Undo with st_unthrottle (works live).
st_start_node_throttled() {
  local i=$1 rate=${2:-4} d="$ST_ROOT/st$1" j pairs=()
  st_stop_node "$i"
  echo "$rate" >"$d/throttle"
  for ((j = 1; j <= ST_N; j++)); do
    ((j == i)) && continue
    pairs+=("$(_st_proxy_port "$i" "$j"):$((ST_SYNC_PORT_BASE + j))")
  done
  if ! [[ -f $d/proxy.pid ]] || ! kill -0 "$(cat "$d/proxy.pid")" 2>/dev/null; then
    "$ST_PYTHON" -c "$_ST_PROXY_PY" "$d/throttle" "${pairs[@]}" >>"$d/proxy.log" 2>&1 </dev/null &
    echo $! >"$d/proxy.pid"; disown $! 2>/dev/null || true
    _st_wait 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/${pairs[0]%%:*}" ||
      _st_die "throttle proxy did not start: $(cat "$d/proxy.log")" || return 1
  fi
  for ((j = 1; j <= ST_N; j++)); do
    ((j == i)) && continue
    _st_set_addr "$j" "$i" dynamic || return 1                     # peer never dials I
    _st_set_addr "$i" "$j" "tcp://127.0.0.1:$(_st_proxy_port "$i" "$j")" || return 1
  done
  st_start_node "$i"
}

# st_unthrottle : full speed again for every throttled node (live: open connections keep
# going through the proxy, unthrottled) and restore the direct static addresses.
st_unthrottle() {
  local i j
  for ((i = 1; i <= ST_N; i++)); do
    [[ -f $ST_ROOT/st$i/throttle ]] || continue
    echo 0 >"$ST_ROOT/st$i/throttle"
    for ((j = 1; j <= ST_N; j++)); do
      ((j == i)) && continue
      _st_set_addr "$i" "$j" "tcp://127.0.0.1:$((ST_SYNC_PORT_BASE + j))" || return 1
      _st_set_addr "$j" "$i" "tcp://127.0.0.1:$((ST_SYNC_PORT_BASE + i))" || return 1
    done
    rm -f "$ST_ROOT/st$i/throttle"
  done
}

# st_replace_disk I [KIBPS] : "disk died, IT restored cert.pem/key.pem/config.xml": stop node I,
# delete its folder contents and everything in home except those 3 files (index db...),
# recreate the empty folder + .stfolder, start it again (throttled to KIBPS KiB/s if given
# and > 0, see st_start_node_throttled) and wait until it is connected. Returns while the
# pull is (possibly) still running.
st_replace_disk() {
  local i=$1 rate=${2:-0} home
  home=$(_st_home "$i")
  st_stop_node "$i"
  find "$home" -mindepth 1 -maxdepth 1 ! -name cert.pem ! -name key.pem ! -name config.xml \
    -exec rm -rf {} +
  rm -rf "${ST_FOLDERS[i]}"
  mkdir -p "${ST_FOLDERS[i]}/.stfolder"
  if ((rate > 0)); then st_start_node_throttled "$i" "$rate"; else st_start_node "$i"; fi
}

# _st_node_synced I : node I idle with nothing to pull, local == global, no pull errors,
# and every other node 100% complete as seen from node I.
_st_node_synced() {
  local i=$1 j s c
  s=$(_st_api "$i" GET "/rest/db/status?folder=$ST_FOLDER_ID") || return 1
  jq -e '.state == "idle" and .needTotalItems == 0 and .pullErrors == 0
         and .localFiles == .globalFiles and .localBytes == .globalBytes
         and .localDirectories == .globalDirectories and .localDeleted == .globalDeleted' \
    <<<"$s" >/dev/null || return 1
  for ((j = 1; j <= ST_N; j++)); do
    ((j == i)) || ! _st_running "$j" && continue
    c=$(_st_api "$i" GET "/rest/db/completion?folder=$ST_FOLDER_ID&device=${ST_IDS[j]}") || return 1
    jq -e '.completion == 100 and .needItems == 0 and .needDeletes == 0' <<<"$c" >/dev/null || return 1
  done
}

# _st_all_synced : every node synced and all nodes agree on the global file/byte counts.
_st_all_synced() {
  local i g="" x
  for ((i = 1; i <= ST_N; i++)); do
    _st_running "$i" || continue
    _st_node_synced "$i" || return 1
    x=$(_st_api "$i" GET "/rest/db/status?folder=$ST_FOLDER_ID" | jq -r '"\(.globalFiles)/\(.globalBytes)/\(.globalDirectories)"')
    [[ -z $g || $g == "$x" ]] || return 1
    g=$x
  done
}

_st_scan_all() {
  local i
  for ((i = 1; i <= ST_N; i++)); do
    _st_running "$i" || continue
    _st_api "$i" POST "/rest/db/scan?folder=$ST_FOLDER_ID" >/dev/null 2>&1 || true
  done
}

# st_wait_in_sync [TIMEOUT_S] : scan all running nodes, wait until they all have the same
# content (stopped nodes are ignored). Prints elapsed seconds (e.g. "2.6"); the minimum is
# ~2.5 s (one extra rescan round 1 s later catches conflict copies written meanwhile).
# NB: leftover temp files (.syncthing.NAME.tmp, kept up to 24 h) are never synced.
st_wait_in_sync() {
  local timeout=${1:-120} t0 end
  t0=$(date +%s.%N); end=$((SECONDS + timeout))
  while ((SECONDS < end)); do
    _st_scan_all
    if _st_wait $((end - SECONDS > 0 ? end - SECONDS : 1)) _st_all_synced; then
      # rescan once more: catches files written meanwhile (e.g. conflict copies)
      sleep 1; _st_scan_all
      if _st_all_synced; then
        echo "$(date +%s.%N) $t0" | awk '{printf "%.1f\n", $1 - $2}'
        return 0
      fi
    fi
  done
  _st_die "st_wait_in_sync: not in sync after ${timeout}s:
$(st_state)"
}

# st_state : one line per node with folder status and completion of the others (debugging).
st_state() {
  local i j
  for ((i = 1; i <= ST_N; i++)); do
    echo -n "st$i: "
    _st_running "$i" || { echo "(stopped)"; continue; }
    _st_api "$i" GET "/rest/db/status?folder=$ST_FOLDER_ID" 2>/dev/null |
      jq -rc '{state,needTotalItems,pullErrors,localFiles,globalFiles,localBytes,globalBytes}' 2>/dev/null |
      tr -d '\n' || echo -n "(down)"
    for ((j = 1; j <= ST_N; j++)); do
      ((j == i)) && continue
      echo -n " st$j:$(_st_api "$i" GET "/rest/db/completion?folder=$ST_FOLDER_ID&device=${ST_IDS[j]}" 2>/dev/null |
        jq -r '.completion' 2>/dev/null || echo '?')%"
    done
    echo
  done
}

# st_cleanup : kill every node; idempotent, never fails (safe in an EXIT trap).
st_cleanup() {
  local i
  [[ -n ${ST_ROOT:-} ]] || return 0
  for ((i = 1; i <= ST_N; i++)); do
    st_stop_node "$i" || true
    if [[ -f $ST_ROOT/st$i/proxy.pid ]]; then
      kill "$(cat "$ST_ROOT/st$i/proxy.pid")" 2>/dev/null || true
      rm -f "$ST_ROOT/st$i/proxy.pid"
    fi
  done
  return 0
}
