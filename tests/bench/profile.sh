#!/bin/sh
# tests/bench/profile.sh ANNEX2 WORK -- `make bench-profile`: where read and
# generate spend their time.  With perf (software clock: this machine's VM has
# no hardware counters, `perf stat -e instructions` says <not supported>):
# perf record -e cpu-clock --call-graph dwarf, then perf report, flat (self)
# and by caller, into WORK/profile-read.txt and WORK/profile-generate.txt.
# Without a working perf: valgrind --tool=callgrind and callgrind_annotate.
set -eu
A2=${1:?usage: tests/bench/profile.sh ANNEX2 WORK}
WORK=${2:?usage: tests/bench/profile.sh ANNEX2 WORK}
cd "$(dirname "$0")/../.." || exit 1
sh tests/bench/corpus.sh "$A2" "$WORK"
READ_IN=$WORK/replies10k/00     # 1,000 filled replies
GEN_OUT=$WORK/profile-gen-out-$$
if perf record -q -e cpu-clock -o "$WORK/perf-probe.data" true >/dev/null 2>&1; then
	rm -f "$WORK/perf-probe.data"
	prof() {   # NAME CMD...
		name=$1; shift
		perf record -q -e cpu-clock -F 4000 --call-graph dwarf,16384 -o "$WORK/perf-$name.data" -- "$@" \
		    >/dev/null 2>"$WORK/perf-$name.err"
		{
			echo "== $name: by shared object"
			perf report -i "$WORK/perf-$name.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%'
			echo; echo "== $name: by function, self time"
			perf report -i "$WORK/perf-$name.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
			    grep '%' | head -60
			echo; echo "== $name: by function, with callees (children)"
			perf report -i "$WORK/perf-$name.data" --children --sort symbol --stdio -g none 2>/dev/null |
			    grep '%' | grep -v '\] 0x0000' | head -80
			echo; echo "== $name: callers of the top functions"
			perf report -i "$WORK/perf-$name.data" --no-children --sort symbol --stdio \
			    -g caller,0.5,callee,function,percent --percent-limit 1.5 2>/dev/null | grep -v '^$' | head -400
		} >"$WORK/profile-$name.txt"
		echo "bench-profile: $WORK/profile-$name.txt" >&2
	}
else
	echo "bench-profile: perf cannot record here: valgrind --tool=callgrind" >&2
	prof() {
		name=$1; shift
		valgrind -q --tool=callgrind --callgrind-out-file="$WORK/callgrind-$name.out" "$@" >/dev/null 2>&1 || true
		callgrind_annotate --inclusive=yes "$WORK/callgrind-$name.out" >"$WORK/profile-$name.txt" 2>/dev/null
		callgrind_annotate "$WORK/callgrind-$name.out" >>"$WORK/profile-$name.txt" 2>/dev/null
		echo "bench-profile: $WORK/profile-$name.txt" >&2
	}
fi
prof read "$A2" read -o "$WORK/profile-records.jsonl" "$READ_IN"
rm -rf "$GEN_OUT"
prof generate "$A2" generate -o "$GEN_OUT"
rm -rf "$GEN_OUT"
head -14 "$WORK/profile-read.txt"
head -14 "$WORK/profile-generate.txt"
