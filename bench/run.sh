#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] - print mmsim's performance ratios (not pass/fail).
# Each guest figure is the difference of two runs (N and 2N iterations), so
# start-up cost cancels out.
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
mmsim=$b/mmsim
cpus=${MMSIM_BENCH_CPUS:-"armv5 armv6 armv7 e500 ppc600"}
calc() { awk "BEGIN { printf \"%.9f\", $* }"; }
# t cmd...: the fastest of $reps wall-clock runs (the machine may be busy).
reps=${MMSIM_BENCH_REPS:-3}
t() {
  local best="" s e d
  for _ in $(seq "$reps"); do
    s=$(date +%s.%N); "$@" >/dev/null || true; e=$(date +%s.%N)
    d=$(calc "$e - $s")
    best=$(awk -v a="$d" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$best"
}
# raw alu|ldst N cpu: the fastest of $reps loop timings printed by raw_loops.
raw() {
  local best="" d
  for _ in $(seq "$reps"); do
    d=$("$b/bench/raw_loops" "$@")
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
# mmsim runs with the cache/guard checker on (it always is); these loops
# reveal no physical address, so no page is watched: the target is >= 0.9.
echo "guest MIPS, checker on with no watched pages, against raw Unicorn:"
printf "%-8s %-6s %12s %12s %8s\n" cpu loop "raw MIPS" "mmsim MIPS" ratio
for cpu in $cpus; do
  elf=$b/bench/$cpu/loops.elf
  for loop in alu ldst; do
    n=200000000; ninsn=4; [ $loop = ldst ] && { n=100000000; ninsn=7; }
    case $cpu in e500|ppc600) [ $loop = alu ] && ninsn=5 ;; esac
    rawt=$(calc "$(raw $loop $((2 * n)) $cpu) - $(raw $loop $n $cpu)")
    sim=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" $loop)
    printf "%-8s %-6s %12.0f %12.0f %8.2f\n" "$cpu" $loop \
      "$(calc "$n * $ninsn / $rawt / 1000000")" "$(calc "$n * $ninsn / $sim / 1000000")" \
      "$(calc "$rawt / $sim")"
  done
done
echo
# --cache-model full sends every cacheable data access through the cache
# model (the reference for the checker): its cost on the load/store loop.
echo "--cache-model full on the ldst loop (every access through the cache model):"
for cpu in $cpus; do
  elf=$b/bench/$cpu/loops.elf
  n=1000000; ninsn=7
  w=$(diff_time $((50 * n)) "$mmsim" run --cpu "$cpu" "$elf" ldst)
  f=$(diff_time $n "$mmsim" run --cpu "$cpu" --cache-model full "$elf" ldst)
  wm=$(calc "50 * $n * $ninsn / $w / 1000000"); fm=$(calc "$n * $ninsn / $f / 1000000")
  printf "%-6s watched %8.0f MIPS, full %6.1f MIPS: %.0fx slower\n" "$cpu" "$wm" "$fm" "$(calc "$wm / $fm")"
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
echo
for cpu in $cpus; do
  rss=$("$mmsim" run --cpu "$cpu" --ram 2G --stats "$b/bench/$cpu/kcalls.elf" touch 16 2>&1 >/dev/null |
        sed -n 's/.*host_peak_rss_kib=\([0-9]*\).*/\1/p')
  printf "%-6s 2 GiB RAM, 16 MiB touched: host peak RSS %d MiB (target < 64)\n" "$cpu" $((rss / 1024))
  hello=$(t "$mmsim" run --cpu "$cpu" "$b/guest/examples/$cpu/hello.elf")
  printf "%-6s hello world: %.1f ms wall (target < 50)\n" "$cpu" "$(calc "$hello * 1000")"
done
echo
"$(dirname "$0")/trace.sh" "$b"
