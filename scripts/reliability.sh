#!/usr/bin/env bash
# Every reliability check of issue 7 from one command, then a summary of the figures.
#   scripts/reliability.sh          short (CI-sized): 20 kill -9 rounds, hostile corpus, fuzz
#                                   corpora replayed, disk faults, watchdog, the sanitizer suite,
#                                   an 8,000-frame soak
#   scripts/reliability.sh --long   200 kill -9 rounds (nominate and sync, i.e. also while
#                                   publishing), hostile corpus, each fuzz target for FUZZ_SECONDS
#                                   (600), the sanitizer suite, a 100,000-frame soak in the normal
#                                   build and again (ASAN_SOAK_FRAMES, 100,000) in the ASan+UBSan one
# Expects scripts/dev.sh test to have installed the packages (clang too for --long: fuzzing).
# BUILD_DIR (build) and ASAN_BUILD_DIR (build-asan, no window) as in dev.sh; --long also builds
# the kiosk with ASan+UBSan in ASAN_UI_BUILD_DIR (build-asan-ui). SOAK_FRAMES overrides the soak.
set -euo pipefail

cd "$(dirname "$0")/.."
long=0
[[ "${1:-}" == --long ]] && long=1
build_dir="${BUILD_DIR:-build}"
asan_dir="${ASAN_BUILD_DIR:-build-asan}"
asan_ui_dir="${ASAN_UI_BUILD_DIR:-build-asan-ui}"
jobs="$(nproc)"
work="$(mktemp -d /tmp/wof-reliability-XXXXXX)"
crash_rounds=20 soak_frames=8000 asan_soak_frames=0
if (( long )); then crash_rounds=200 soak_frames=100000 asan_soak_frames="${ASAN_SOAK_FRAMES:-100000}"; fi
soak_frames="${SOAK_FRAMES:-$soak_frames}"
failed=()
step() { echo; echo "== $* ($(date -u +%H:%M:%S))"; }
# Runs a named check; its output goes to the terminal and to $work/<name>.log.
check() {
  local name=$1
  shift
  step "$name"
  if "$@" 2>&1 | tee "$work/$name.log"; then :; else failed+=("$name"); fi
}

step "build ($build_dir, and $asan_dir with ASan+UBSan)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_BUILD_UI=ON -DWOF_BUILD_TESTS=ON -DWOF_WERROR=ON >/dev/null
cmake --build "$build_dir" --parallel "$jobs"
cmake -S . -B "$asan_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_SANITIZE=ON -DWOF_BUILD_UI=OFF -DWOF_BUILD_TESTS=ON \
  -DWOF_BUILD_BENCH=OFF -DWOF_WERROR=ON >/dev/null
cmake --build "$asan_dir" --parallel "$jobs"
if (( asan_soak_frames > 0 )); then
  cmake -S . -B "$asan_ui_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_SANITIZE=ON -DWOF_BUILD_UI=ON \
    -DWOF_BUILD_TESTS=ON -DWOF_BUILD_BENCH=OFF -DWOF_WERROR=ON >/dev/null
  cmake --build "$asan_ui_dir" --parallel "$jobs" --target wall-of-fame wof_ui_soak_tests
fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

check crash env WOF_CRASH_ROUNDS="$crash_rounds" ctest --test-dir "$build_dir" -R 'SIGKILL' --output-on-failure -V
check hostile ctest --test-dir "$build_dir" -R 'hostile|fuzz corpus' --output-on-failure
check disk ctest --test-dir "$build_dir" -R 'disk' --output-on-failure
check admin ctest --test-dir "$build_dir" -R 'brute force|neither the PIN|watchdog|ui ops' --output-on-failure
# The sanitizer suite: every test that needs no window, as scripts/dev.sh test runs it in CI.
check sanitizers ctest --test-dir "$asan_dir" --output-on-failure --parallel "$jobs"
if (( long )); then
  check fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-600}" scripts/fuzz.sh
fi
check soak env WOF_SOAK_FRAMES="$soak_frames" WOF_SOAK_REPORT="$work/soak.txt" \
  "$build_dir/tests/wof_ui_soak_tests"
if (( asan_soak_frames > 0 )); then
  # ASan's quarantine holds freed memory back (256 MB by default), which reads as growth: a small
  # one fills during warm-up, so RSS can still be judged.
  check asan-soak env WOF_SOAK_FRAMES="$asan_soak_frames" WOF_SOAK_REPORT="$work/asan-soak.txt" \
    ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16" "$asan_ui_dir/tests/wof_ui_soak_tests"
fi

# [SECTION] summary
figure() { sed -n "s/^$1 //p" "$2" 2>/dev/null | head -n1; }
echo
echo "== summary ($([[ $long == 1 ]] && echo long || echo short) mode; logs in $work)"
rounds=$(grep -o '[0-9]* rounds: [0-9]* nominations acknowledged, [0-9]* killed' "$work/crash.log" | head -n1 || true)
echo "kill -9 rounds survived:  ${rounds:-none (see $work/crash.log)}"
imports=$(grep -o '[0-9]* rounds: [0-9]* imports killed ([0-9]* between two batches)' "$work/crash.log" | head -n1 || true)
echo "kill -9 during import:    ${imports:-none (see $work/crash.log)}"
echo "hostile corpus:           $(find tests/hostile -type f | wc -l) files in tests/hostile (+ the big ones made at test time)"
if (( long )); then
  echo "fuzz executions:"
  grep -E '^[a-z_]+: [0-9]* executions' "$work/fuzz.log" | sed 's/^/                          /' || true
else
  echo "fuzz:                     seed corpora replayed ($(find fuzz/corpus -type f | wc -l) inputs); --long fuzzes"
fi
for soak in soak asan-soak; do
  [[ -f "$work/$soak.txt" ]] || continue
  echo "$soak:$(printf '%*s' $((25 - ${#soak})) '')$(figure soak_frames "$work/$soak.txt") frames in $(figure soak_seconds "$work/$soak.txt") s," \
    "peak RSS $(( $(figure soak_peak_rss_kb "$work/$soak.txt") / 1024 )) MiB," \
    "RSS max first/last quarter $(figure soak_rss_first_quarter_max_kb "$work/$soak.txt")/$(figure soak_rss_last_quarter_max_kb "$work/$soak.txt") KiB," \
    "fds $(figure soak_fds_first_quarter "$work/$soak.txt") -> $(figure soak_fds_last_quarter "$work/$soak.txt")," \
    "threads $(figure soak_threads_first_quarter "$work/$soak.txt") -> $(figure soak_threads_last_quarter "$work/$soak.txt")," \
    "WAL peak $(figure soak_wal_peak_kb "$work/$soak.txt") KiB"
done
if (( ${#failed[@]} )); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all checks passed"
