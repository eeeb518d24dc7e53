#!/bin/sh
# tests/scan/run.sh ANNEX2 -- paper replies (issue 14), part of make check:
#  1. a set of scan-like replies drawn by tests/scan/make_set.py (5 forms in
#     five languages, DOCX and ODT, rendered by LibreOffice; 8 degradations)
#     read in one `annex2 read`; tests/scan/check.py prints the accuracy per
#     degradation and fails on any confident wrong answer, or when the clear
#     marks read right fall under the floor of tests/scan/floor.tsv (the
#     figures measured when it was written: a regression fails);
#  2. the records go through `annex2 check` (the record schema's C reader
#     takes confidence and pages back);
#  3. --debug-images writes one PNG per page read;
#  4. a scan's time and memory: every file under 2 s of CPU a page (on the
#     limits' machine: tests/machine_speed.py) and 256 MiB (not under the
#     sanitizers).
# Needs LibreOffice (soffice), poppler-utils and Python's PIL: without them
# the group is skipped, and says so.
A2=${1:?usage: tests/scan/run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 ||
   ! $PY -c 'import PIL' 2>/dev/null; then
	echo "scan: skipped (needs soffice, pdftoppm and python3-pil: sh tools/deps.sh test)"
	exit 0
fi
# 2 s of CPU a page on the limits' machine, times how much slower this one
# is (tests/machine_speed.py)
speed=$($PY "$HERE/../machine_speed.py") || speed=1
cpu_limit=$(awk -v s="$speed" 'BEGIN { print 2 * s }')
mem_limit_kb=$((256 * 1024))
if [ "${SCAN_SAN:-0}" = 1 ]; then
	cpu_limit=$(awk -v s="$speed" 'BEGIN { print 10 * s }')
	mem_limit_kb=$((mem_limit_kb * 4))
fi

# 1. the drawn set
if $PY "$HERE/make_set.py" "$A2" "$T/set" >"$T/make.out" 2>"$T/make.err"; then
	ok
	cat "$T/make.out"
else
	bad "make_set.py failed"; cat "$T/make.err" >&2
fi
start=$(date +%s)
"$A2" read -j 2 "$T/set" >"$T/records.jsonl" 2>"$T/read.err"
st=$?
[ "$st" -le 1 ] && ok || bad "read of the set exited $st"
echo "scan: read $(wc -l <"$T/records.jsonl") files in $(( $(date +%s) - start )) s"
if $PY "$HERE/check.py" --floor "$HERE/floor.tsv" "$T/set/truth.json" "$T/records.jsonl"; then
	ok
else
	bad "accuracy (above)"
fi

# 2. records read back
"$A2" check "$T/records.jsonl" >"$T/check.out" 2>"$T/check.err"
st=$?
if [ "$st" -le 1 ] && ! grep -q "line [0-9]*:" "$T/check.err"; then ok; else
	bad "annex2 check refused the records"; head -5 "$T/check.err" >&2; fi

# 3. debug images
f=$(ls "$T/set" | grep clean | head -1)
mkdir -p "$T/dbg"
"$A2" read --debug-images "$T/dbg" "$T/set/$f" >/dev/null 2>&1
n=$(ls "$T/dbg" | grep -c '\.png$')
[ "$n" -ge 4 ] && ok || bad "--debug-images wrote $n pages for $f"

# 4. time and memory of each file alone (not under the sanitizers: their
# own cost is what it would measure)
[ "${SCAN_SAN:-0}" = 1 ] && : >"$T/times"
for f in "$T/set"/*.tif "$T/set"/*.jpg; do
	[ "${SCAN_SAN:-0}" = 1 ] && break
	/usr/bin/time -f "%U %S %M" -o "$T/time" "$A2" read "$f" >/dev/null 2>&1
	set -- $(tail -1 "$T/time")
	cpu=$(echo "$1 + $2" | bc)
	pages=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]['pages'])" "$T/set/truth.json" "$(basename "$f")")
	if [ "$(echo "$cpu > $cpu_limit * $pages" | bc)" = 1 ] || [ "$3" -gt "$mem_limit_kb" ]; then
		bad "$(basename "$f"): $cpu s of CPU for $pages pages, $3 KB"
	else
		ok
	fi
	echo "$(basename "$f") $cpu $pages $3" >>"$T/times"
done
# 5. a scanned Secretariat's form (no QR code) as an image-only PDF: read
# by OCR as its TIFF is (tests/scan/pdf_ocr.py, its expected record
# tests/scan/pdf-ocr.expected.json)
if ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1; then
	SCAN_SPEED=$speed $PY "$HERE/pdf_ocr.py" "$A2" "$T" && ok || bad "the image-only PDF of the Secretariat's form (above)"
else
	echo "scan: the image-only PDF through OCR SKIPPED: Tesseract's English data is not installed"
fi
# 6. a CMYK JPEG (as Adobe's software writes a scan) reads as the grey JPEG
# of the same page: the same record's texts, and libjpeg says nothing
# (it refused the luminance of four components: an error record before)
$PY - "$HERE/../../samples/scans/scan-bra-page5-png.png" "$T/cmyk.jpg" "$T/grey.jpg" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("L")
im.convert("CMYK").save(sys.argv[2], quality=90, dpi=(150, 150))
im.save(sys.argv[3], quality=90, dpi=(150, 150))
PY
if "$A2" read "$T/cmyk.jpg" >"$T/cmyk.json" 2>"$T/cmyk.err" && "$A2" read "$T/grey.jpg" >"$T/grey.json" &&
   $PY - "$T/cmyk.json" "$T/grey.json" "$T/cmyk.err" <<'PY'
import json, sys
c, g = (json.load(open(p)) for p in sys.argv[1:3])
err = open(sys.argv[3]).read()
texts = lambda r: [(t["rec"], t["status"], t["authority"], t["comments"]) for t in r["texts"]]
ok = c["status"] == "read" and texts(c) == texts(g) and any(t[1] == "ok" for t in texts(g)) and not err
print("scan: a CMYK JPEG: %s, %d texts ok, the grey JPEG's texts %s, stderr %r" %
      (c["status"], sum(t[1] == "ok" for t in texts(c)), texts(c) == texts(g), err))
sys.exit(0 if ok else 1)
PY
then ok; else bad "a CMYK JPEG does not read as its grey JPEG (above)"; fi
sort -k2 -n -r "$T/times" | head -3 | while read -r n c p m; do
	echo "scan: slowest $n: $c s CPU for $p pages, $((m / 1024)) MiB"
done
echo "scan: CPU limit $cpu_limit s a page (this machine ${speed}x the limits' machine: tests/machine_speed.py)"
echo "scan: $pass passed, $fail failed"
[ "$fail" = 0 ]
