#!/bin/sh
# tests/bench/corpus.sh ANNEX2 WORK -- makes the bench corpus in WORK unless it
# is there and newer than its recipe (BENCH_REMAKE=1 makes it again).
set -eu
A2=${1:?usage: tests/bench/corpus.sh ANNEX2 WORK}
WORK=${2:?usage: tests/bench/corpus.sh ANNEX2 WORK}
cd "$(dirname "$0")/../.." || exit 1
stamp=$WORK/corpus.stamp
if [ "${BENCH_REMAKE:-}" = 1 ] || [ ! -f "$stamp" ] || [ tests/bench/make_replies.py -nt "$stamp" ] ||
    [ samples/tools/docx_edit.py -nt "$stamp" ]; then
	rm -f "$stamp"
	rm -rf "$WORK/forms" "$WORK/replies" "$WORK/replies10k"
	echo "bench: making the corpus in $WORK (193 filled replies, 10,000 copies) ..." >&2
	/usr/bin/python3 tests/bench/make_replies.py "$A2" "$WORK" >&2
	touch "$stamp"
fi
