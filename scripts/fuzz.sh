#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for FUZZ_SECONDS (default
# 600), two at a time, each on a scratch copy of its seed corpus (fuzz/corpus/<target>/ is only
# read). Prints executions per target; a crash leaves its input in build-fuzz/runs/<target>/.
#   scripts/fuzz.sh                 every target
#   scripts/fuzz.sh photo segment   only those
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
targets=("$@")
(( ${#targets[@]} )) || targets=(segment payload roster config photo export_csv)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWOF_BUILD_FUZZ=ON \
  -DWOF_BUILD_UI=OFF -DWOF_BUILD_TESTS=OFF -DWOF_BUILD_BENCH=OFF -DWOF_WERROR=ON >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

run_one() {
  local target=$1 work=build-fuzz/runs/$1 max_len=8192
  [[ $target == photo ]] && max_len=65536
  [[ $target == segment ]] && max_len=16384
  mkdir -p "$work/corpus"
  build-fuzz/fuzz/fuzz_"$target" "$work/corpus" "fuzz/corpus/$target" -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=20 -rss_limit_mb=2560 -artifact_prefix="$work/" -print_final_stats=1 \
    >"$work/log.txt" 2>&1 && status=ok || status="FOUND A PROBLEM (see $work/log.txt)"
  echo "$target: $(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt") executions, $status"
}

failed=0
for (( i = 0; i < ${#targets[@]}; i += 2 )); do
  run_one "${targets[i]}" &
  first=$!
  second=
  if (( i + 1 < ${#targets[@]} )); then run_one "${targets[i + 1]}" & second=$!; fi
  wait "$first" || failed=1
  [[ -z $second ]] || wait "$second" || failed=1
done
grep -l "FOUND\|ERROR: libFuzzer\|SUMMARY:" build-fuzz/runs/*/log.txt 2>/dev/null && failed=1
exit "$failed"
