#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] - print mmsim's performance ratios (not pass/fail).
# Each guest figure is the difference of two runs (N and 2N iterations), so
# start-up cost cancels out; bench/lib.sh says how noise is kept out.
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
mmsim=$b/mmsim
cpus=${MMSIM_BENCH_CPUS:-"armv5 armv6 armv7 e500 ppc600"}
calc() { awk "BEGIN { printf \"%.9f\", $* }"; }
# t cmd...: the fastest of $reps wall-clock runs (the machine may be busy).
. "$(dirname "$0")/lib.sh"
# raw alu|ldst N cpu [mode]: the fastest of $reps loop timings printed by raw_loops
# (its own in-run timer around uc_emu_start).
raw() {
  local best="" d
  for _ in $(seq "$reps"); do
    d=$("$b/bench/raw_loops" "$@")
    best=$(awk -v a="$d" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$best"
}
# raw_diff loop N cpu [mode]: seconds for N extra iterations of raw Unicorn
# (raw_loops' mode: plain, mem-hook or mmio), or NA.
raw_diff() {
  awk -v a="$(raw "$1" "$2" "$3" ${4:-})" -v b="$(raw "$1" $((2 * $2)) "$3" ${4:-})" \
    'BEGIN { d = b - a; if (d <= 0.001) print "NA"; else printf "%.6f\n", d }'
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
    rawt=$(raw_diff $loop $n $cpu)
    sim=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" $loop)
    printf "%-8s %-6s %12s %12s %8s\n" "$cpu" $loop "$(fig %.0f "$n * $ninsn / $rawt / 1000000")" \
      "$(fig %.0f "$n * $ninsn / $sim / 1000000")" "$(fig %.2f "$rawt / $sim")"
  done
done
echo
# The revealed-buffer loop (bench/guest/watched.c): every page of a 64 KiB
# buffer revealed with mem_offset (so the checker watches it) against the
# same loop with nothing revealed; target >= 0.5.  Then --cache-model full
# (every cacheable access through the cache model) on the ldst loop against
# raw Unicorn; target >= 0.05.
echo "revealed 64 KiB buffer loop, watched pages against nothing revealed:"
for cpu in $cpus; do
  elf=$b/bench/$cpu/watched.elf
  n=20000
  p=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" plain)
  w=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" reveal)
  printf "%-6s plain %s ns/access, revealed %s ns/access: %s of plain speed\n" "$cpu" \
    "$(fig %.2f "$p * 1e9 / ($n * 4096 * 2)")" "$(fig %.2f "$w * 1e9 / ($n * 4096 * 2)")" \
    "$(fig %.2fx "$p / $w")"
done
echo
echo "--cache-model full on the ldst loop, against raw Unicorn:"
for cpu in $cpus; do
  elf=$b/bench/$cpu/loops.elf
  n=2000000; ninsn=7
  rawt=$(raw_diff ldst $n $cpu)
  f=$(diff_time $n "$mmsim" run --cpu "$cpu" --cache-model full "$elf" ldst)
  printf "%-6s raw %s MIPS, full %s MIPS: %s of raw\n" "$cpu" "$(fig %.0f "$n * $ninsn / $rawt / 1000000")" \
    "$(fig %.1f "$n * $ninsn / $f / 1000000")" "$(fig %.3fx "$rawt / $f")"
  # The floor: raw Unicorn with every buffer access reported to an empty
  # callback, the two ways Unicorn 2.1 offers.  No model that sees every
  # access (and an exact LRU model must) can beat these ratios.
  hook=$(raw_diff ldst $n $cpu mem-hook)
  mmio=$(raw_diff ldst $n $cpu mmio)
  printf "%-6s   floor, nothing modelled: empty memory hook %s of raw, empty mmio callbacks %s of raw\n" \
    "$cpu" "$(fig %.3fx "$rawt / $hook")" "$(fig %.3fx "$rawt / $mmio")"
done
echo
echo "host peak RSS (--stats, getrusage) with --ram 2G, per mode:"
for cpu in $cpus; do
  elf=$b/bench/$cpu/watched.elf
  line="$cpu"
  for mode in "plain" "reveal" "plain --cache-model full"; do
    set -- $mode
    rss=$("$mmsim" run --cpu "$cpu" --ram 2G --stats ${2:+$2 $3} "$elf" "$1" 10 2>&1 >/dev/null |
          sed -n 's/.*host_peak_rss_kib=\([0-9]*\).*/\1/p')
    line="$line, $mode: $((rss / 1024)) MiB"
  done
  echo "$line (target <= 64)"
done
echo
native=$("$b/bench/native_mmap" 200000)
printf "native Linux mmap+touch+munmap: %.2f us/cycle\n" "$native"
for cpu in $cpus; do
  elf=$b/bench/$cpu/kcalls.elf
  n=1000000; g=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" getpid)
  printf "%-6s getpid:          %10s calls/s\n" "$cpu" "$(fig %.0f "$n / $g")"
  n=200000; o=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" objinfo)
  printf "%-6s _MEM_OBJ_INFO:   %10s calls/s\n" "$cpu" "$(fig %.0f "$n / $o")"
  n=100000; m=$(diff_time $n "$mmsim" run --cpu "$cpu" "$elf" mmap)
  printf "%-6s mmap+touch+munmap: %s us/cycle, %s of native\n" "$cpu" "$(fig %.2f "$m * 1000000 / $n")" \
    "$(fig %.2fx "$native / ($m * 1000000 / $n)")"
done
# fork + _exit + waitpid, against the same loop natively (the guest's
# cycle includes copying the page tables, making the child's register
# context and two switches of the one engine between processes).
nfork=$("$b/bench/native_fork" 2000)
printf "native Linux fork+exit+waitpid: %.1f us/cycle\n" "$nfork"
for cpu in $cpus; do
  n=20000; f=$(diff_time $n "$mmsim" run --cpu "$cpu" "$b/bench/$cpu/kcalls.elf" fork)
  printf "%-6s fork+exit+waitpid: %s us/cycle, %s of native speed\n" "$cpu" \
    "$(fig %.1f "$f * 1000000 / $n")" "$(fig %.2fx "$nfork / ($f * 1000000 / $n)")"
done
echo
for cpu in $cpus; do
  rss=$("$mmsim" run --cpu "$cpu" --ram 2G --stats "$b/bench/$cpu/kcalls.elf" touch 16 2>&1 >/dev/null |
        sed -n 's/.*host_peak_rss_kib=\([0-9]*\).*/\1/p')
  printf "%-6s 2 GiB RAM, 16 MiB touched: host peak RSS %d MiB (target < 64)\n" "$cpu" $((rss / 1024))
  hello=$(MMSIM_BENCH_WALL=1 t "$mmsim" run --cpu "$cpu" "$b/guest/examples/$cpu/hello.elf")
  printf "%-6s hello world: %.1f ms wall (target < 50; timer resolution 10 ms)\n" "$cpu" "$(calc "$hello * 1000")"
done
echo
# Ping-pong between two processes over a pair of process-shared POSIX
# semaphores in shared memory (bench/guest/pingpong.c, the same source
# natively): round trips per second, and mmsim's share of native.
n=${MMSIM_BENCH_PINGPONG:-20000}
nat=$(diff_time $n "$b/bench/native_pingpong")
printf "native Linux ping-pong: %10s round trips/s\n" "$(fig %.0f "$n / $nat")"
for cpu in $cpus; do
  p=$(diff_time $n "$mmsim" run --cpu "$cpu" "$b/bench/$cpu/pingpong.elf")
  printf "%-6s ping-pong:      %10s round trips/s, %s of native\n" "$cpu" \
    "$(fig %.0f "$n / $p")" "$(fig %.3fx "$nat / $p")"
  # each round trip is two process switches (--stats counts them), each
  # with a semaphore wait and post: the cost of one switch, kernel calls
  # included, and the same for native Linux
  sw=$("$mmsim" run --stats --cpu "$cpu" "$b/bench/$cpu/pingpong.elf" "$n" 2>&1 >/dev/null |
       sed -n 's/.*process_switches=\([0-9]*\).*/\1/p' | tail -1)
  printf "%-6s context switch: %s us (%s switches per round trip; native: %s us)\n" "$cpu" \
    "$(fig %.2f "$p * 1000000 / (2 * $n)")" "$(fig %.1f "$sw / $n")" "$(fig %.2f "$nat * 1000000 / (2 * $n)")"
done
echo
"$(dirname "$0")/procmem.sh" "$b" 100
"$(dirname "$0")/trace.sh" "$b"
