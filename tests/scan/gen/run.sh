#!/bin/sh
# tests/scan/gen/run.sh ANNEX2 -- make scangentest: score.py's self-test on
# hand-made records, then the generator on three real forms (a DOCX and an ODT
# that annex2 generates, the Secretariat's own form), each through another way
# back (a fax with a cover letter and pages out of order, an image PDF with a
# page on its side, LZW with a page upside down): the outputs are checked
# against their truth (tests/scan/gen/check_outputs.py), the same seed gives
# the same bytes (from the same PDFs: LibreOffice runs once), another seed
# other bytes.
A2=${1:?usage: tests/scan/gen/run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
cd "$(dirname "$0")/../../.." || exit 1
PY=/usr/bin/python3
$PY tests/scan/gen/test_score.py >/dev/null || { $PY tests/scan/gen/test_score.py; exit 1; }
echo "scangen: score.py self-test passed"
if ! command -v soffice >/dev/null 2>&1 || ! $PY -c 'import uno, PIL, numpy' 2>/dev/null; then
    echo "scangen: SKIPPED the generator: no LibreOffice, python3-uno, PIL or numpy"; exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
"$A2" generate --only FRA,EGY --format both -o "$T/forms" >/dev/null 2>&1 || { echo "scangen: generate failed"; exit 1; }
gen() {  # gen OUT SEED
    $PY tests/scan/gen/make_scans.py --form "$T/forms/FRA.docx" "$T/forms/EGY.odt" samples/itu-annex2-form.docx \
        --profile fax-cover-shuffled,pdf-side,lzw-upside-down --seed "$2" -j 2 --work "$T/work" -o "$1" 2>"$1.err" \
        || { cat "$1.err"; echo "scangen: make_scans.py failed"; exit 1; }
}
start=$(date +%s)
gen "$T/a" 7
end=$(date +%s)
$PY tests/scan/gen/check_outputs.py "$T/a" || exit 1
gen "$T/b" 7
gen "$T/c" 8
fail=0
for f in "$T"/a/*; do
    b=$(basename "$f")
    cmp -s "$f" "$T/b/$b" || { echo "scangen: FAIL: $b differs between two runs with the same seed"; fail=1; }
done
[ "$(ls "$T/a" | wc -l)" -eq "$(ls "$T/b" | wc -l)" ] || { echo "scangen: FAIL: another file count"; fail=1; }
same=0
for f in "$T"/a/*.tif "$T"/a/*.pdf; do cmp -s "$f" "$T/c/$(basename "$f")" && same=$((same + 1)); done
[ "$same" -eq 0 ] || { echo "scangen: FAIL: $same files the same with another seed"; fail=1; }
[ $fail -eq 0 ] || exit 1
echo "scangen: 3 replies ($(sed -n 's/.* \([0-9]*\) pages in.*/\1/p' "$T/a.err") pages) in $((end - start)) s; same seed same bytes, another seed other bytes"
# The whole generated set (make scancorpus: about 40 replies, 195 pages, every
# degradation and mark) read by annex2: never a confident wrong answer, no file
# lost, and the clear marks read right not under the floor measured when it was
# written (197 of 258 on seed 14, 2026-12-05, with 26 texts whose mark is cancelled
# in words; 201 before those were drawn; 206 on 2026-12-06, 209 with the OCR
# path's options placed by the layout, 212 with its scribbles and circles'
# thresholds, 215 with rings round a label's two lines, 221 with faint
# ticks running out of the box, 225 with those ticks from 0.05 and a table
# rule's edge not taken for a mark beside a box, 227 with the OCR path's
# label words lost beside a marked box read again, 229 with a filled box
# read into its label's word and a label's words run together (a
# clean-clone CI run read 229 too), 228 with a sheared fax's rows shifted
# back (seed 8 221 -> 226; one ring drawn low on a sheared page of seed 14
# now unclear), 229 with a ring's stretch along a table rule put back, 233
# with the OCR path's tick beside an option's circle and its shuffled
# pages put back in order, 235 with its vote boxes' strips cleared of the
# options' marks, 236 with a fax's vote box placed by the one side of it
# left, 237 with a ring drawn askew into the next row, 235 with seed 77's
# mends (a ring or letters run together now unclear), 236 with a faint
# cross read where its darkest part is a dot: the floor, 0.895,
# asks 231, so that 230 fails: a clean-clone CI run once read one fewer
# than this machine, 211 of 212; other seeds, held out, are read by hand:
# make scancorpus SCANSEED=N);
# the accuracy
# table is printed (its goal, 100% of clear marks, is not reached yet: see
# the README's scan section).
FLOOR=0.895
$PY tests/scan/gen/make_scans.py --corpus --annex2 "$A2" -o "$T/corpus" 2>"$T/corpus.err" \
    || { cat "$T/corpus.err"; echo "scangen: make_scans.py --corpus failed"; exit 1; }
"$A2" read $(ls "$T"/corpus/* | grep -v '\.truth\.json$') >"$T/corpus.jsonl" 2>/dev/null
$PY tests/scan/gen/score.py --safety "$T/corpus.jsonl" "$T/corpus" >"$T/score.txt"; rc=$?
grep -v 'clear mark not read right' "$T/score.txt"
[ $rc -eq 0 ] || { echo "scangen: FAIL: the generated set (above)"; exit 1; }
set -- $(sed -n 's/^clear marks right: \([0-9]*\)\/\([0-9]*\).*/\1 \2/p' "$T/score.txt")
if [ "$#" -ne 2 ] || [ "$(echo "$1 < $FLOOR * $2" | bc)" = 1 ]; then
    echo "scangen: FAIL: clear marks right ${1:-?}/${2:-?}, under the floor of $FLOOR"; exit 1
fi
echo "scangen: the generated set: $(sed -n 's/^clear marks right: //p' "$T/score.txt")"
