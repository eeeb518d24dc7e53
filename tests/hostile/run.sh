#!/bin/sh
# tests/hostile/run.sh ANNEX2 -- hostile and broken inputs (part of make check).
#
# Makes the corpus of tests/hostile/make_corpus.py (plus the regression
# inputs of tests/hostile/regress/) in a temporary folder, then:
#  1. one `annex2 read` over the whole folder, under a timeout and
#     /usr/bin/time -v (one worker, -j 1: the bound is per worker): exit
#     status 1 (not 2, not a signal), peak RSS under 320 MiB (the largest
#     legitimate document's; each hostile input alone stays under 256 MiB,
#     checked in 3), one record per input with the status and error code of
#     expected.tsv;
#  2. the same run under strace -f: no file named outside the corpus and the
#     system's libraries/configuration (never /etc/passwd), no socket but
#     AF_UNIX, no connect;
#  3. each file read alone: exit 0 or 1, under 2 s of CPU (10 s for the
#     large legitimate documents; on a slower machine than the one these
#     were set on, times how much slower: tests/machine_speed.py), peak RSS
#     under 256 MiB (the legitimate large documents too, legit-*: streamed
#     since issue 18).  CPU time, not wall time, so that a busy machine
#     does not fail the test; wall time is reported too.
# Prints "hostile: N passed, M failed", the slowest and the largest cases.
#
# Environment: HOSTILE_KEEP=1 keeps the temporary folder; HOSTILE_TIMEOUT
# (seconds, default 600) bounds the whole-folder read; HOSTILE_SAN=1 is for
# an ANNEX2 built with SAN=1 (ASan+UBSan): memory and CPU limits are 4 and 5
# times larger, and any sanitizer report on standard error fails the run.
set -u

annex2=${1:?usage: tests/hostile/run.sh ANNEX2}
here=$(cd "$(dirname "$0")" && pwd)
case $annex2 in /*) ;; *) annex2=$(pwd)/$annex2 ;; esac
limit_rss_kb=$((320 * 1024))
timeout_s=${HOSTILE_TIMEOUT:-600}
# the CPU limits are the limits' machine's: scaled by how much slower this
# one is (tests/machine_speed.py: 1 on a machine as fast or faster)
speed=$(/usr/bin/python3 "$here/../machine_speed.py") || speed=1
cpu_scale=$speed
if [ "${HOSTILE_SAN:-0}" = 1 ]; then
	limit_rss_kb=$((limit_rss_kb * 4))
	cpu_scale=$(awk -v s="$speed" 'BEGIN { print s * 5 }')
	timeout_s=$((timeout_s * 3))
	export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fi

missing=""
for t in python3 timeout strace; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
if [ -n "$missing" ]; then
	echo "hostile: missing tools:$missing (Debian packages strace, time, python3, coreutils;" \
	    "run tools/deps.sh test)" >&2
	exit 1
fi
if [ ! -x "$annex2" ]; then
	echo "hostile: $annex2 is not an executable" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annex2-hostile.XXXXXX") || exit 1
if [ "${HOSTILE_KEEP:-0}" = 1 ]; then
	echo "hostile: keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 1' INT TERM HUP
fi
corpus=$tmp/corpus
extra=$tmp/extra.txt
: >"$extra"

if ! "$annex2" generate --lang en --only FRA --format both -o "$tmp/forms" >"$tmp/generate.log" 2>&1; then
	echo "hostile: annex2 generate failed:" >&2
	cat "$tmp/generate.log" >&2
	exit 1
fi
if ! python3 "$here/make_corpus.py" --forms "$tmp/forms" "$corpus"; then
	echo "hostile: make_corpus.py failed" >&2
	exit 1
fi
# the lists of expected results are not inputs (read gives every file found
# in a folder a record): hidden files, which read leaves out
mv "$corpus/expected.tsv" "$corpus/.expected.tsv"
expected=$corpus/.expected.tsv
if [ -f "$here/regress/expected.tsv" ]; then
	mkdir -p "$corpus/regress"
	cp "$here"/regress/* "$corpus/regress/"
	mv "$corpus/regress/expected.tsv" "$corpus/regress/.expected.tsv"
	expected="$expected,$corpus/regress/.expected.tsv"
fi
ninputs=$(cat "$corpus"/.expected.tsv "$corpus"/regress/.expected.tsv 2>/dev/null | grep -vc -e '^file	' -e '^#' -e '^$')
echo "hostile: $ninputs inputs in $corpus" >&2

# 1. the whole folder in one run
/usr/bin/time -v -o "$tmp/time.txt" timeout -k 5 "$timeout_s" \
    "$annex2" read -j 1 "$corpus" >"$tmp/records.jsonl" 2>"$tmp/stderr.txt"
rc=$?
case $rc in
1) ;;
124|137) echo "annex2 read over the corpus timed out after $timeout_s s" >>"$extra" ;;
0) echo "annex2 read over the corpus exited 0, expected 1 (there are error records)" >>"$extra" ;;
2) echo "annex2 read over the corpus exited 2 (usage error), expected 1" >>"$extra" ;;
*) if [ "$rc" -gt 128 ]; then
	echo "annex2 read over the corpus was killed by signal $((rc - 128))" >>"$extra"
   else
	echo "annex2 read over the corpus exited $rc, expected 1" >>"$extra"
   fi ;;
esac
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
usr=$(sed -n 's/.*User time (seconds): //p' "$tmp/time.txt")
if [ -z "$rss" ]; then
	echo "no peak RSS from /usr/bin/time" >>"$extra"
elif [ "$rss" -gt "$limit_rss_kb" ]; then
	echo "peak RSS of the whole run $((rss / 1024)) MiB, over $((limit_rss_kb / 1024)) MiB" >>"$extra"
fi
if grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$tmp/stderr.txt"; then
	echo "sanitizer report: $(grep -m1 -e ERROR: -e 'runtime error:' "$tmp/stderr.txt")" >>"$extra"
	cp "$tmp/stderr.txt" "${TMPDIR:-/tmp}/annex2-hostile-sanitizer.txt" 2>/dev/null &&
	    echo "(full report in ${TMPDIR:-/tmp}/annex2-hostile-sanitizer.txt)" >>"$extra"
fi
if grep -q "out of memory" "$tmp/stderr.txt"; then
	echo "annex2 said 'out of memory' (a record was dropped): $(grep -m1 'out of memory' "$tmp/stderr.txt")" >>"$extra"
fi
nrec=$(wc -l <"$tmp/records.jsonl")
if [ "$nrec" -ne "$ninputs" ]; then
	echo "$nrec records for $ninputs inputs" >>"$extra"
fi
echo "hostile: whole folder: exit $rc, $nrec records, ${wall:-?} wall, ${usr:-?} s user, peak RSS $(( ${rss:-0} / 1024 )) MiB" >&2

# 2. the same run under strace, with a worker per CPU (the default): files
# named, sockets; and the records the same bytes as one worker's
timeout -k 5 "$timeout_s" strace -f -qq -s 4096 -e trace=%file,%network -o "$tmp/strace.txt" \
    "$annex2" read -j 2 "$corpus" >"$tmp/records-j2.jsonl" 2>/dev/null
src=$?
[ "$src" -eq 1 ] || echo "annex2 read under strace exited $src, expected 1" >>"$extra"
cmp -s "$tmp/records.jsonl" "$tmp/records-j2.jsonl" ||
	echo "annex2 read -j 2 gave other records than -j 1" >>"$extra"

# 3. each file alone: CPU time, memory, exit status
: >"$tmp/times.tsv"
# (every input: the hidden lists of expected results are the only other files)
(cd "$corpus" && find . -type f ! -name '.*' | sed 's|^\./||' | sort) |
while IFS= read -r f; do
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/t1" timeout -k 5 60 "$annex2" read "$corpus/$f" >/dev/null 2>"$tmp/e1"
	code=$?
	if grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$tmp/e1"; then
		echo "$f: sanitizer report: $(grep -m1 -e ERROR: -e 'runtime error:' "$tmp/e1")" >>"$extra"
	fi
	tail -n 1 "$tmp/t1" | {
		read -r e u s m
		cpu=$(echo "$u $s" | awk '{ printf "%.2f", $1 + $2 }')
		printf '%s\t%s\t%s\t%s\t%s\n' "$f" "${e:-0}" "$cpu" "${m:-0}" "$code"
	} >>"$tmp/times.tsv"
done

san_flag=""
[ "${HOSTILE_SAN:-0}" = 1 ] && san_flag=--sanitizer
echo "hostile: this machine is ${speed}x the CPU limits' machine (tests/machine_speed.py): limits times $cpu_scale"
# shellcheck disable=SC2086
python3 "$here/check.py" $san_flag --cpu-scale "$cpu_scale" --root "$corpus" --expected "$expected" --records "$tmp/records.jsonl" \
    --xfail "$here/xfail.tsv" --times "$tmp/times.tsv" --trace "$tmp/strace.txt" --binary "$annex2" \
    --extra "$extra"
