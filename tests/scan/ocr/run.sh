#!/bin/sh
# ocrtest: the OCR path (issue 14) -- scans of the Secretariat's own form,
# which has no QR code, read through Tesseract (tests/scan/ocr/set/, made by
# make_ocr_set.py and committed), and a hostile page without a QR code.
# usage: run.sh ANNEX2
set -eu
AN=$1
HERE=$(dirname "$0")
ROOT=$HERE/../../..
FLOOR=$(cat "$HERE/floor")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

if ! ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1; then
	echo "ocrtest: SKIPPED: Tesseract's English data is not installed (tools/deps.d/ocr.sh)"
	exit 0
fi
python3 "$HERE/check.py" "$AN" "$HERE/set" "$FLOOR"

# hostile pages without a QR code, written as 8-bit grey PNGs: an A4 page
# of noise at 300 dpi (a record, not a crash, no vote read, within the time
# bound) and a page scanned at 40 dpi (331 px wide, print-like lines: not
# OCRed, its texts unclear with a problem that says so, fast)
python3 - "$T/noise.png" "$T/low.png" <<'PY'
import random, struct, sys, zlib
def png(path, w, rows):
    raw = b"".join(b"\0" + r for r in rows)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" +
                           chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(rows), 8, 0, 0, 0, 0)) +
                           chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
random.seed(14)
band = [bytes(random.choice((0, 255)) for _ in range(2480)) for _ in range(64)]
png(sys.argv[1], 2480, band * (3508 // 64))
png(sys.argv[2], 331, [bytes(0 if (y % 9 == 0 and 30 < x < 300) else 255 for x in range(331))
                       for y in range(468)])
PY
start=$(date +%s%N)
"$AN" read --form "$ROOT/forms/tsb-circular-195.xml" "$T/noise.png" >"$T/noise.json" || true
ms=$(( ($(date +%s%N) - start) / 1000000 ))
python3 - "$T/noise.json" "$ms" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); ms = int(sys.argv[2])
ok = [t["rec"] for t in r.get("texts", []) if t["status"] == "ok"]
print("ocrtest: a page of noise without a QR code: status %s, %d votes read, %d ms" % (r["status"], len(ok), ms))
if ok:
    sys.exit("FAIL: votes read from noise: %s" % ok)
if ms > 6000:
    sys.exit("FAIL: %d ms for one page of noise (bound 6000 ms)" % ms)
PY
start=$(date +%s%N)
"$AN" read --form "$ROOT/forms/tsb-circular-195.xml" "$T/low.png" >"$T/low.json" || true
ms=$(( ($(date +%s%N) - start) / 1000000 ))
python3 - "$T/low.json" "$ms" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); ms = int(sys.argv[2])
ok = [t["rec"] for t in r.get("texts", []) if t["status"] != "unclear"]
said = any("too low to be read by OCR" in p["message"] for p in r.get("problems", []))
print("ocrtest: a 40-dpi page without a QR code: status %s, %d texts not unclear, said: %s, %d ms"
      % (r["status"], len(ok), said, ms))
if ok or not said:
    sys.exit("FAIL: a 40-dpi page: texts %s, problem said %s" % (ok, said))
if ms > 1000:
    sys.exit("FAIL: %d ms for a 40-dpi page (bound 1000 ms: it is not OCRed)" % ms)
PY
# the form in Russian without its QR code (make_ocr_set.py --lang, pages 2
# to 4, no marks): the Latin pass reads under 60% of its words plainly, OSD
# says Cyrillic, rus+eng reads it again: the texts of those pages are found
# (with eng+fra+spa alone: none), and no vote is read from empty boxes
if ls /usr/share/tesseract-ocr/*/tessdata/rus.traineddata /usr/share/tesseract-ocr/*/tessdata/osd.traineddata >/dev/null 2>&1; then
	start=$(date +%s%N)
	"$AN" read --form "$ROOT/forms/tsb-circular-195.xml" "$HERE/lang/rus-noqr-p2-4.tif" >"$T/rus.json" || true
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	python3 - "$T/rus.json" "$ms" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lost = [p["rec"] for p in r["problems"] if p["message"].endswith(" is not in the document")]
ok = [t["rec"] for t in r["texts"] if t["status"] == "ok"]
print("ocrtest: the form in Russian, no QR code (3 pages): %d of 8 texts found, %d votes read, %s ms"
      % (8 - len(lost), len(ok), sys.argv[2]))
if len(lost) > 2 or ok:
    sys.exit("FAIL: the Russian form: not found %s (pages 2-4 hold 6 texts), votes %s" % (lost, ok))
PY
else
	echo "ocrtest: the Russian form SKIPPED: tesseract-ocr-rus or -osd not installed (tools/deps.d/ocr.sh)"
fi
echo "ocrtest: passed"
