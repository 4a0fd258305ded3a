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
. "$(dirname "$0")/lib.sh"
tmp=$_bench_tmp
printf "%-7s %-8s %12s %12s %8s %10s\n" cpu bench "plain s" "traced s" ratio "events/s"
for cpu in $cpus; do
  elf=$b/bench/$cpu/kcalls.elf
  for bench in getpid:2000000 objinfo:400000 mmap:200000; do
    name=${bench%%:*}; n=${bench##*:}
    plain=$(diff_time "$n" "$mmsim" run --cpu "$cpu" "$elf" "$name")
    traced=$(diff_time "$n" "$mmsim" run --cpu "$cpu" --trace "$tmp/t.jsonl" "$elf" "$name")
    "$mmsim" run --cpu "$cpu" --trace "$tmp/t.jsonl" "$elf" "$name" "$n" >/dev/null
    ev=$(wc -l < "$tmp/t.jsonl")
    printf "%-7s %-8s %12s %12s %8s %10s\n" "$cpu" "$name" "$(fig %.3f "$plain")" "$(fig %.3f "$traced")" \
      "$(fig %.2f "$traced / $plain")" "$(fig %.0f "$ev / $traced")"
  done
done
echo
printf "%-7s %10s %10s %14s\n" cpu events "replay s" "events/s"
for cpu in $cpus; do
  "$mmsim" run --cpu "$cpu" --trace "$tmp/r.jsonl" "$b/bench/$cpu/kcalls.elf" mmap 200000 >/dev/null
  ev=$(wc -l < "$tmp/r.jsonl")
  r=$(t "$mmsim" replay -q "$tmp/r.jsonl")
  printf "%-7s %10d %10.3f %14s\n" "$cpu" "$ev" "$r" "$(awk -v r="$r" -v e="$ev" 'BEGIN { if (r < 0.02) print "below noise"; else printf "%.0f", e / r }')"
done
