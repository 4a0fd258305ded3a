#!/usr/bin/env bash
# bench/trace.sh [BUILD_DIR] - cost of trace writing and speed of replay.
#   1. the call-heavy kcalls benchmarks run with and without --trace; each
#      figure is the difference of an N and a 2N run (start-up cancels out);
#      target: trace writing slows a run by at most 2x;
#   2. mmsim replay of the trace of `kcalls mmap`; target >= 1 million events/s.
# Times are CPU seconds (user + system, all threads) unless MMSIM_BENCH_WALL=1:
# on a shared machine the wall clock measures the other jobs as much as mmsim.
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
mmsim=$b/mmsim
cpus=${MMSIM_BENCH_CPUS:-"armv5 armv6 armv7 e500 ppc600"}
reps=${MMSIM_BENCH_REPS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
calc() { awk "BEGIN { printf \"%.9f\", $* }"; }
# t cmd...: the smallest time of $reps runs.
t() {
  local best="" d
  for _ in $(seq "$reps"); do
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null 2>&1 || true
    if [ "${MMSIM_BENCH_WALL:-0}" = 1 ]; then d=$(awk '{ print $1 }' "$tmp/time")
    else d=$(awk '{ print $2 + $3 }' "$tmp/time"); fi
    best=$(awk -v a="$d" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$best"
}
diff_time() { # diff_time N cmd... -> seconds for N extra iterations
  local n=$1; shift
  local a b2
  a=$(t "$@" "$n"); b2=$(t "$@" $((2 * n)))
  calc "$b2 - $a"
}
printf "%-7s %-8s %12s %12s %8s %10s\n" cpu bench "plain s" "traced s" ratio "events/s"
for cpu in $cpus; do
  elf=$b/bench/$cpu/kcalls.elf
  for bench in getpid:2000000 objinfo:400000 mmap:200000; do
    name=${bench%%:*}; n=${bench##*:}
    plain=$(diff_time "$n" "$mmsim" run --cpu "$cpu" "$elf" "$name")
    traced=$(diff_time "$n" "$mmsim" run --cpu "$cpu" --trace "$tmp/t.jsonl" "$elf" "$name")
    "$mmsim" run --cpu "$cpu" --trace "$tmp/t.jsonl" "$elf" "$name" "$n" >/dev/null
    ev=$(wc -l < "$tmp/t.jsonl")
    printf "%-7s %-8s %12.3f %12.3f %8.2f %10.0f\n" "$cpu" "$name" "$plain" "$traced" \
      "$(calc "$traced / $plain")" "$(calc "$ev / $traced")"
  done
done
echo
printf "%-7s %10s %10s %14s\n" cpu events "replay s" "events/s"
for cpu in $cpus; do
  "$mmsim" run --cpu "$cpu" --trace "$tmp/r.jsonl" "$b/bench/$cpu/kcalls.elf" mmap 200000 >/dev/null
  ev=$(wc -l < "$tmp/r.jsonl")
  r=$(t "$mmsim" replay -q "$tmp/r.jsonl")
  printf "%-7s %10d %10.3f %14.0f\n" "$cpu" "$ev" "$r" "$(calc "$ev / $r")"
done
