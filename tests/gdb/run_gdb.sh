#!/bin/sh
# run_gdb.sh MMSIM CPU ELF SCRIPT EXPECT WORKDIR [PROGARGS...]
#
# Runs ELF under `MMSIM run --gdb unix:SOCKET` and gdb-multiarch -batch
# with the command file SCRIPT against it; every line of EXPECT is an
# extended regular expression gdb's output must match (lines starting with
# '!' must not match; '#' lines are comments; a '#nocompare' line skips the
# comparison below, for sessions that change the run).  Then checks that the same
# run without gdb gives byte-identical stdout and trace (attaching gdb,
# stopping, stepping and running backwards must not change the run).
set -u
mmsim=$1 cpu=$2 elf=$3 script=$4 expect=$5 work=$6
shift 6
mkdir -p "$work"
sock="$work/gdb.sock"
rm -f "$sock"
command -v gdb-multiarch >/dev/null || { echo "gdb-multiarch not installed (setup.sh installs it)"; exit 1; }
# "#opts: ..." in EXPECT: more mmsim options for the gdb run
opts=$(sed -n 's/^#opts: //p' "$expect")
"$mmsim" run --cpu "$cpu" --trace "$work/gdb.jsonl" --gdb "unix:$sock" $opts "$elf" "$@" \
    > "$work/gdb.out" 2> "$work/gdb.err" &
pid=$!
i=0
while [ ! -S "$sock" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
# each line of SCRIPT as one -ex, so that a command that fails (as reading
# an unmapped address must) does not end the script
cmds=""
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    q=$(printf '%s' "$line" | sed "s/'/'\\\\''/g")
    cmds="$cmds -ex '$q'"
done < "$script"
eval "timeout 50 gdb-multiarch -batch -nx \"\$elf\" -ex \"target remote \$sock\" $cmds" \
    > "$work/gdb.log" 2>&1
grc=$?
wait $pid
mrc=$?
cat "$work/gdb.log"
echo "--- mmsim exit $mrc, gdb exit $grc; stderr:"
cat "$work/gdb.err"
fail=0
if grep -Eq 'Sanitizer|runtime error' "$work/gdb.err"; then
    echo "FAIL: sanitizer report"; fail=1
fi
while IFS= read -r pat; do
    case "$pat" in
    ''|'#'*) continue ;;
    '!'*) if grep -Eq -- "${pat#!}" "$work/gdb.log"; then echo "FAIL: matched '${pat#!}'"; fail=1; fi ;;
    *) if ! grep -Eq -- "$pat" "$work/gdb.log"; then echo "FAIL: no match for '$pat'"; fail=1; fi ;;
    esac
done < "$expect"
# The same run without gdb: identical output and trace, up to where gdb
# let it go (a session that ran to the end compares whole files).
if grep -q '^#nocompare' "$expect"; then
    [ $fail = 0 ] && echo "PASS"
    exit $fail
fi
"$mmsim" run --cpu "$cpu" --trace "$work/ref.jsonl" "$elf" "$@" > "$work/ref.out" 2> "$work/ref.err"
rrc=$?
if [ "$mrc" = "$rrc" ]; then
    cmp "$work/ref.out" "$work/gdb.out" || { echo "FAIL: stdout differs with gdb"; fail=1; }
    cmp "$work/ref.jsonl" "$work/gdb.jsonl" || { echo "FAIL: trace differs with gdb"; fail=1; }
    # (LeakSanitizer's table of suppressed Unicorn leaks counts engines, and
    # re-executions make more of them: not the run's output)
    lsan='^(-+|Suppressions used:|  count +bytes template|  +[0-9]+ +[0-9]+ libunicorn.so)$'
    grep -Ev "^mmsim: gdb: |$lsan" "$work/gdb.err" > "$work/gdb.err.run"
    grep -Ev "$lsan" "$work/ref.err" | cmp -s - "$work/gdb.err.run" || { echo "FAIL: stderr differs with gdb"; fail=1; }
else
    # gdb killed the run: what it wrote must be a prefix of the full run's
    head -c "$(wc -c < "$work/gdb.out")" "$work/ref.out" | cmp -s - "$work/gdb.out" || { echo "FAIL: stdout is not a prefix"; fail=1; }
fi
[ $fail = 0 ] && echo "PASS"
exit $fail
