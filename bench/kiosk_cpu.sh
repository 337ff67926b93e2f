#!/usr/bin/env bash
# CPU of an idle kiosk process under Xvfb: dark outside its [schedule] hours (no frames, a long
# wait on events) against the anchor of the demo kiosk lit and untouched on its wall, in one run.
# Sums the CPU nanoseconds of every thread (/proc/<pid>/task/*/schedstat) over the same window,
# after both have settled; utime+stime (/proc/<pid>/stat, 10 ms ticks) is shown beside it.
#   bench/kiosk_cpu.sh [BINARY] [SECONDS]     (defaults: build/wall-of-fame, 20)
set -euo pipefail
binary=$(realpath "${1:-build/wall-of-fame}")
seconds=${2:-20}
work=$(mktemp -d)
pids=()
kiosks=()
# The kiosks first: xvfb-run then stops its X server; killing only xvfb-run would leave both running.
cleanup() {
  for pid in "${kiosks[@]}" "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" demo-data --out "$work/share" >/dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
nanos() { cat /proc/"$1"/task/*/schedstat | awk '{ sum += $1 } END { printf "%.0f\n", sum }'; }
start_kiosk() {  # start_kiosk NAME EXTRA-CONFIG [ENV...]: a kiosk on the demo roster on its own Xvfb
  local name=$1 dir=$work/$1 extra=$2
  shift 2
  mkdir -p "$dir"
  printf 'kiosk_id = "%s"\nsite = "Lyon"\ndata_dir = "data"\n%s\n[display]\nfullscreen = false\n' "$name" "$extra" >"$dir/kiosk.toml"
  "$binary" import-roster --config "$dir/kiosk.toml" "$work/share/roster/employees.csv" >/dev/null
  env "$@" xvfb-run -a -s "-screen 0 1920x1080x24" "$binary" kiosk --config "$dir/kiosk.toml" --windowed 1920x1080 \
    >"$dir/log" 2>&1 &
  pids+=($!)
}
dark='[schedule]'
for day in mon tue wed thu fri sat sun; do dark+=$'\n'"$day = \"off\""; done
start_kiosk dark "$dark"
# As systemd runs it (WatchdogSec=30): it also wakes every 15 s to ping.
start_kiosk dark-watchdog "$dark" WATCHDOG_USEC=30000000
# The anchor: the demo kiosk, lit, on its wall of stories (the spotlight turns every few seconds).
mkdir -p "$work/lit"
(cd "$work/lit" && exec xvfb-run -a -s "-screen 0 1920x1080x24" "$binary" kiosk --demo --windowed 1920x1080 \
   >"$work/lit/log" 2>&1) &
pids+=($!)
sleep 25  # start-up: the demo data, fonts, photos, first frames
pid_of() {  # the kiosk itself, not xvfb-run's shell
  local p
  for p in $(pgrep -f -- "$1"); do
    if [[ $(cat "/proc/$p/comm" 2>/dev/null) == wall-of-fame ]]; then echo "$p"; return; fi
  done
}
dark_pid=$(pid_of "--config $work/dark/kiosk.toml"); lit_pid=$(pid_of "kiosk --demo --windowed 1920x1080")
watch_pid=$(pid_of "--config $work/dark-watchdog/kiosk.toml")
kiosks=($dark_pid $lit_pid $watch_pid)
[[ -n "$dark_pid" && -n "$lit_pid" && -n "$watch_pid" ]] || { echo "a kiosk did not start:"; cat "$work"/*/log; exit 1; }
grep -q "screen off (schedule)" "$work/dark/log" || { echo "the dark kiosk did not go dark:"; cat "$work/dark/log"; exit 1; }
d0=$(ticks "$dark_pid"); l0=$(ticks "$lit_pid"); w0=$(ticks "$watch_pid")
dn0=$(nanos "$dark_pid"); ln0=$(nanos "$lit_pid"); wn0=$(nanos "$watch_pid")
sleep "$seconds"
d1=$(ticks "$dark_pid"); l1=$(ticks "$lit_pid"); w1=$(ticks "$watch_pid")
dn1=$(nanos "$dark_pid"); ln1=$(nanos "$lit_pid"); wn1=$(nanos "$watch_pid")
hz=$(getconf CLK_TCK)
report() { awk -v ns="$2" -v t="$3" -v hz="$hz" -v s="$seconds" -v n="$1" \
  'BEGIN { printf "%-26s %10.6f s CPU in %d s = %8.5f %% of one core (utime+stime %.2f s)\n", n, ns / 1e9, s, 100 * ns / 1e9 / s, t / hz }'; }
echo "kiosk CPU over ${seconds} s, $(nproc) cores, Xvfb 1920x1080 (llvmpipe)"
report "dark (schedule off)" $((dn1 - dn0)) $((d1 - d0))
report "dark, watchdog armed" $((wn1 - wn0)) $((w1 - w0))
report "anchor: lit, idle wall" $((ln1 - ln0)) $((l1 - l0))
