#!/usr/bin/env bash
# bench/procmem.sh [BUILD_DIR] [N] - host memory per idle guest process:
# the peak RSS of mmsim (--stats: host_peak_rss_kib) running N idle
# processes at once, minus that of 1, divided by N-1.  Prints one line per
# CPU flavour built, and what 1024 processes (the --max-procs default)
# would take.
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
n=${2:-200}
cpus=${MMSIM_BENCH_CPUS:-"armv5 armv6 armv7 e500 ppc600"}
rss() { # rss cpu count -> peak host RSS in KiB
  "$b/mmsim" run --stats --max-procs $(( $2 + 8 )) --cpu "$1" "$b/bench/$1/idle_procs.elf" "$2" 2>&1 >/dev/null |
    sed -n 's/.*host_peak_rss_kib=\([0-9]*\).*/\1/p' | tail -1
}
for cpu in $cpus; do
  [ -f "$b/bench/$cpu/idle_procs.elf" ] || continue
  one=$(rss "$cpu" 1)
  many=$(rss "$cpu" "$n")
  per=$(( (many - one) / (n - 1) ))
  echo "$cpu: peak RSS $one KiB with 1 process, $many KiB with $n: $per KiB per idle process;" \
       "1024 processes: about $(( one / 1024 + per * 1024 / 1024 )) MiB"
done
