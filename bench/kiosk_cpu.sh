#!/usr/bin/env bash
# CPU of an idle kiosk process under Xvfb: dark outside its [schedule] hours (no frames, a long
# wait on events) against the anchor of the same kiosk lit and idle on its wall, in one run.
# Sums the CPU nanoseconds of every thread (/proc/<pid>/task/*/schedstat) over the same window,
# after both have settled; utime+stime (/proc/<pid>/stat, 10 ms ticks) is shown beside it.
#   bench/kiosk_cpu.sh [BINARY] [SECONDS]     (defaults: build/wall-of-fame, 20)
set -euo pipefail
binary=$(realpath "${1:-build/wall-of-fame}")
seconds=${2:-20}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$binary" demo-data --out "$work/share" >/dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
nanos() { cat /proc/"$1"/task/*/schedstat | awk '{ sum += $1 } END { printf "%d\n", sum }'; }
start_kiosk() {  # start_kiosk NAME EXTRA-CONFIG: a kiosk on the demo roster on its own Xvfb
  local name=$1 dir=$work/$1
  mkdir -p "$dir"
  printf 'kiosk_id = "%s"\nsite = "Lyon"\ndata_dir = "data"\n%s\n[display]\nfullscreen = false\n' "$name" "$2" >"$dir/kiosk.toml"
  "$binary" import-roster --config "$dir/kiosk.toml" "$work/share/roster/employees.csv" >/dev/null
  xvfb-run -a -s "-screen 0 1920x1080x24" "$binary" kiosk --config "$dir/kiosk.toml" --windowed 1920x1080 \
    >"$dir/log" 2>&1 &
  pids+=($!)
}
dark='[schedule]'
for day in mon tue wed thu fri sat sun; do dark+=$'\n'"$day = \"off\""; done
start_kiosk dark "$dark"
start_kiosk lit ""
sleep 15  # start-up: fonts, photos, first frames
pid_of() { pgrep -f -- "--config $work/$1/kiosk.toml" | while read -r p; do [[ $(cat /proc/$p/comm) == wall-of-fame ]] && echo "$p"; done | head -n1; }
dark_pid=$(pid_of dark); lit_pid=$(pid_of lit)
grep -q "screen off (schedule)" "$work/dark/log" || { echo "the dark kiosk did not go dark:"; cat "$work/dark/log"; exit 1; }
d0=$(ticks "$dark_pid"); l0=$(ticks "$lit_pid"); dn0=$(nanos "$dark_pid"); ln0=$(nanos "$lit_pid")
sleep "$seconds"
d1=$(ticks "$dark_pid"); l1=$(ticks "$lit_pid"); dn1=$(nanos "$dark_pid"); ln1=$(nanos "$lit_pid")
hz=$(getconf CLK_TCK)
report() { awk -v ns="$2" -v t="$3" -v hz="$hz" -v s="$seconds" -v n="$1" \
  'BEGIN { printf "%-24s %10.4f s CPU in %d s = %7.3f %% of one core (utime+stime %.2f s)\n", n, ns / 1e9, s, 100 * ns / 1e9 / s, t / hz }'; }
echo "kiosk CPU over ${seconds} s, $(nproc) cores, Xvfb 1920x1080 (llvmpipe)"
report "dark (schedule off)" $((dn1 - dn0)) $((d1 - d0))
report "anchor: lit, idle wall" $((ln1 - ln0)) $((l1 - l0))
