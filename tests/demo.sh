#!/bin/sh
# tests/demo.sh ANNEX2 OUTDIR -- what `make demo` shows: a whole round.
A2=${1:?usage: demo.sh path/to/annex2 outdir}
OUT=${2:-demo}
set -e
mkdir -p "$OUT"
echo "== 1. generate: one pre-filled form per Member State (TSB Circular 195)"
"$A2" generate --force -o "$OUT/forms"
echo "   $(ls "$OUT"/forms/*.docx | wc -l) DOCX + $(ls "$OUT"/forms/*.odt | wc -l) ODT in $OUT/forms/, manifest in $OUT/forms/manifest.csv"
echo
echo "== 2. read: the sample replies in samples/returned/ into records"
set +e
"$A2" read -o "$OUT/records.jsonl" samples/returned
echo "   $(wc -l <"$OUT/records.jsonl") records in $OUT/records.jsonl"
echo
echo "== 3. check: complete or not, and why (first lines)"
"$A2" check --manifest "$OUT/forms/manifest.csv" "$OUT/records.jsonl" >"$OUT/check.txt"
head -n 12 "$OUT/check.txt"
echo "   ... the whole check is in $OUT/check.txt"
echo
echo "== 4. tally: each text against the 70% rule"
"$A2" tally "$OUT/records.jsonl"
echo
echo "== 5. report"
"$A2" report --force --manifest "$OUT/forms/manifest.csv" -o "$OUT/report.html" "$OUT/records.jsonl" &&
	echo "   $OUT/report.html"
"$A2" report --force --manifest "$OUT/forms/manifest.csv" -o "$OUT/report.xlsx" "$OUT/records.jsonl" &&
	echo "   $OUT/report.xlsx"
exit 0
