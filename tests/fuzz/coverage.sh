#!/usr/bin/env bash
# coverage.sh - lines of each parser that the committed fuzz corpora reach:
# builds the harnesses with clang's source-based coverage into
# build-fuzzcov/, runs each over its corpus once and prints llvm-cov's line
# coverage of the files it is meant to exercise.
#   tests/fuzz/coverage.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
b=${1:-$top/build-fuzzcov}
uc=""
[ -f "$top/third_party/unicorn/.complete" ] && uc="-DMMSIM_UNICORN_PREFIX=$top/third_party/unicorn"
CC=clang cmake -S "$top" -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMMSIM_FUZZ=ON $uc \
      -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" >/dev/null
cmake --build "$b" --target fuzzers -j"$(nproc)" >/dev/null
# harness: the sources it is the fuzzer of
declare -A files=(
  [fuzz_tracefile]="traces/lib/tracefile.c"
  [fuzz_replay]="traces/lib/replay.c traces/lib/tracefile.c"
  [fuzz_trace_cmds]="traces/lib/tracecmd.c"
  [fuzz_scenario]="traces/lib/scenario.c"
  [fuzz_elf]="sim/machine/loader.c"
  [fuzz_cli]="sim/cli/main.c sim/cli/ptecmd.c"
  [fuzz_kcall]="sim/kcall/kcall.c sim/kcall/kcall_proc.c sim/kcall/kcall_file.c sim/kcall/kcall_ipc.c sim/kcall/kcall_sem.c"
)
for h in fuzz_tracefile fuzz_replay fuzz_trace_cmds fuzz_scenario fuzz_elf fuzz_cli fuzz_kcall; do
  exe="$b/tests/fuzz/$h"
  [ -x "$exe" ] || continue
  LLVM_PROFILE_FILE="$b/$h.profraw" LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan.supp \
    "$exe" -runs=0 -close_fd_mask=3 "$top/tests/fuzz/corpus/$h" >/dev/null 2>&1 || true
  llvm-profdata merge -o "$b/$h.profdata" "$b/$h.profraw"
  srcs=()
  for f in ${files[$h]}; do srcs+=("$top/$f"); done
  echo "== $h"
  # file, lines, lines missed, line coverage
  llvm-cov report "$exe" -instr-profile="$b/$h.profdata" "${srcs[@]}" |
    awk '$1 ~ /\.c$/ || $1 == "TOTAL" { printf "  %-16s %6s lines, %6s missed, %s covered\n", $1, $8, $9, $10 }' 
done
