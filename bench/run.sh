#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] - print mmsim's performance ratios (not pass/fail).
# Each guest figure is the difference of two runs (N and 2N iterations), so
# start-up cost cancels out.
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
mmsim=$b/mmsim
cpus=${MMSIM_BENCH_CPUS:-"armv6 armv7"}
calc() { awk "BEGIN { printf \"%.9f\", $* }"; }
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); calc "$e - $s"; }
diff_time() { # diff_time N cmd... -> seconds for N extra iterations
  local n=$1; shift
  local a b2
  a=$(t "$@" "$n"); b2=$(t "$@" $((2 * n)))
  calc "$b2 - $a"
}
printf "%-8s %-6s %12s %12s %8s\n" cpu loop "raw MIPS" "mmsim MIPS" ratio
for cpu in $cpus; do
  elf=$b/bench/$cpu/loops.elf
  for loop in alu ldst; do
    n=200000000; ninsn=4; [ $loop = ldst ] && { n=100000000; ninsn=7; }
    raw=$(calc "$("$b/bench/raw_loops" $loop $((2 * n)) $cpu) - $("$b/bench/raw_loops" $loop $n $cpu)")
    sim=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" $loop)
    printf "%-8s %-6s %12.0f %12.0f %8.2f\n" "$cpu" $loop \
      "$(calc "$n * $ninsn / $raw / 1000000")" "$(calc "$n * $ninsn / $sim / 1000000")" \
      "$(calc "$raw / $sim")"
  done
done
echo
native=$("$b/bench/native_mmap" 200000)
printf "native Linux mmap+touch+munmap: %.2f us/cycle\n" "$native"
for cpu in $cpus; do
  elf=$b/bench/$cpu/kcalls.elf
  n=1000000; g=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" getpid)
  printf "%-6s getpid:          %10.0f calls/s\n" "$cpu" "$(calc "$n / $g")"
  n=200000; o=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" objinfo)
  printf "%-6s _MEM_OBJ_INFO:   %10.0f calls/s\n" "$cpu" "$(calc "$n / $o")"
  n=100000; m=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" mmap)
  us=$(calc "$m * 1000000 / $n")
  printf "%-6s mmap+touch+munmap: %6.2f us/cycle, %.2fx native\n" "$cpu" "$us" "$(calc "$native / $us")"
done
