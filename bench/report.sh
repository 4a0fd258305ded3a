#!/usr/bin/env bash
# bench/report.sh [BUILD_DIR] - `mmsim report` on a trace of about a million
# records (kcalls mmap: a kernel call, a memory-manager call and a PTE write
# per step), printing (not judging):
#   - generation speed, records/s (target >= 1,000,000), and the page's size
#     (target <= 30 MB), for the default page and for one holding every record;
#   - time to interactive in headless Chromium (target <= 3 s): the page
#     stamps performance.now() when its scripts are done (body data-ready-ms:
#     from navigation start, so reading and parsing the file are included).
# Needs chromium for the last figure (setup.sh installs it).
set -euo pipefail
b=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}
mmsim=$b/mmsim
cpu=${MMSIM_BENCH_CPU:-armv7}
n=${MMSIM_BENCH_REPORT_N:-170000}
reps=${MMSIM_BENCH_REPS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$mmsim" run --cpu "$cpu" --trace "$tmp/t.jsonl" "$b/bench/$cpu/kcalls.elf" mmap "$n" >/dev/null
ev=$(wc -l < "$tmp/t.jsonl")
printf "trace: %d records, %d bytes (kcalls mmap %d on %s)\n\n" "$ev" "$(stat -c %s "$tmp/t.jsonl")" "$n" "$cpu"

# gen NAME ARGS...: the fastest of $reps runs of mmsim report (CPU seconds)
gen() {
  local name=$1 best="" d; shift
  for _ in $(seq "$reps"); do
    /usr/bin/time -f "%U %S" -o "$tmp/time" "$mmsim" report "$tmp/t.jsonl" -o "$tmp/$name.html" "$@" 2>/dev/null
    d=$(awk '{ print $1 + $2 }' "$tmp/time")
    best=$(awk -v a="$d" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  kept=$(grep -o '"kept":[0-9]*' "$tmp/$name.html" | cut -d: -f2)
  printf "%-10s %9d %9d %8.3f %12.0f %12d\n" "$name" "$ev" "$kept" "$best" \
    "$(awk -v e="$ev" -v t="$best" 'BEGIN { print (t > 0 ? e / t : 0) }')" "$(stat -c %s "$tmp/$name.html")"
}
printf "%-10s %9s %9s %8s %12s %12s\n" page records "in page" "cpu s" "records/s" bytes
gen default
gen all --max-events "$ev"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo; echo "chromium not found: no time-to-interactive figure"; exit 0
fi
echo
printf "%-10s %s\n" page "time to interactive in headless Chromium, ms (each of $reps loads)"
for name in default all; do
  ms=""
  for _ in $(seq "$reps"); do
    m=$("$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
          --virtual-time-budget=30000 --dump-dom "file://$tmp/$name.html" 2>/dev/null |
        grep -o 'data-ready-ms="[0-9]*"' | grep -o '[0-9]*' || echo "-")
    ms="$ms $m"
  done
  printf "%-10s%s\n" "$name" "$ms"
done
