# bench/lib.sh - timing helpers the bench scripts share (source it).
#
# Every figure is a best-of-$reps measurement of CPU time (user + system,
# children included; MMSIM_BENCH_WALL=1 for the wall clock): on a shared
# machine the wall clock measures the other jobs as much as mmsim.  A
# figure taken as the difference of two runs (N and 2N iterations, so
# start-up cancels out) is compared with the spread of those runs: when
# the difference is not clearly above it, the figure is printed as
# "below noise" rather than as a number, so no rate can come out negative
# or absurd.
reps=${MMSIM_BENCH_REPS:-3}
_bench_tmp=$(mktemp -d)
trap 'rm -rf "$_bench_tmp"' EXIT
calc() { awk "BEGIN { printf \"%.9f\", $* }"; }

# t_spread cmd...: "best spread" seconds over $reps runs.
t_spread() {
  local d all=""
  for _ in $(seq "$reps"); do
    /usr/bin/time -f "%e %U %S" -o "$_bench_tmp/time" "$@" >/dev/null 2>&1 || true
    if [ "${MMSIM_BENCH_WALL:-0}" = 1 ]; then d=$(awk '{ print $1 }' "$_bench_tmp/time")
    else d=$(awk '{ print $2 + $3 }' "$_bench_tmp/time"); fi
    all="$all $d"
  done
  echo "$all" | awk '{ lo = $1; hi = $1; for (i = 2; i <= NF; i++) { if ($i < lo) lo = $i; if ($i > hi) hi = $i }
                       printf "%.6f %.6f\n", lo, hi - lo }'
}

# t cmd...: the best of $reps runs, seconds.
t() { t_spread "$@" | awk '{ print $1 }'; }

# diff_time N cmd...: seconds for N extra iterations (the 2N run minus the
# N run), or "NA" when that difference is within the runs' own noise
# (the timer's 10 ms resolution, plus the spread of both sets of runs).
diff_time() {
  local n=$1; shift
  local a b2
  a=$(t_spread "$@" "$n"); b2=$(t_spread "$@" $((2 * n)))
  awk -v a="$a" -v b="$b2" 'BEGIN { split(a, x, " "); split(b, y, " ");
      d = y[1] - x[1]; noise = x[2] + y[2] + 0.02;
      if (d <= noise) print "NA"; else printf "%.6f\n", d }'
}

# fig FORMAT EXPR: printf FORMAT of the awk expression EXPR, or
# "below noise" when a figure in it is NA.
fig() {
  case "$2" in *NA*) printf "%s" "below noise" ;; *) printf "$1" "$(calc "$2")" ;; esac
}
