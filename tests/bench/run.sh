#!/bin/sh
# tests/bench/run.sh ANNEX2 FLOOR WORK -- `make bench`: makes the corpus in WORK
# (once: again when tests/bench/make_replies.py changes, or BENCH_REMAKE=1),
# then times generate, read, the floor and LibreOffice and prints the table
# (also in WORK/results.txt and WORK/results.json).  See tests/bench/README.md.
set -eu
A2=${1:?usage: tests/bench/run.sh ANNEX2 FLOOR WORK}
FLOOR=${2:?usage: tests/bench/run.sh ANNEX2 FLOOR WORK}
WORK=${3:?usage: tests/bench/run.sh ANNEX2 FLOOR WORK}
cd "$(dirname "$0")/../.." || exit 1
mkdir -p "$WORK"
sh tests/bench/corpus.sh "$A2" "$WORK"
set -- --annex2 "$A2" --floor "$FLOOR" --work "$WORK" --runs "${BENCH_RUNS:-7}" \
    --runs-10k "${BENCH_RUNS_10K:-3}" --lo-runs "${BENCH_LO_RUNS:-3}" --json "$WORK/results.json"
[ -n "${BENCH_BASELINE:-}" ] && set -- "$@" --baseline "$BENCH_BASELINE"
/usr/bin/python3 tests/bench/bench.py "$@" | tee "$WORK/results.txt"
