#!/bin/sh
# tests/pdf/run.sh ANNEX2 PDF_TICK -- PDF replies, for real:
#  (a) LibreOffice round trip: the forms of France (DOCX) and Niger (ODT) are
#      filled in and ticked in LibreOffice (tests/lo/lo_driver.py), exported
#      to PDF (the ticks are ☒ glyphs of the text layer) and read back with
#      the answers ticked; the Secretariat's own Word form, its legacy
#      checkboxes ticked in LibreOffice and printed to PDF as lines (no box
#      in the text layer), read back by measuring the drawn boxes
#      (evidence pdf-drawing);
#  (b) form fields: a blank form exported to PDF is given a checkbox field
#      over every printed box (samples/tools/pdf_add_fields.py, qpdf), the
#      fields are ticked through poppler (PDF_TICK: set_state, then save) and
#      read back (evidence pdf-field), the printed empty boxes under ticked
#      fields notwithstanding;
#  (c) hostile PDFs made here: each gives one record (an error record with
#      the right code, or a read one) within 2 s and 256 MiB.
# Prints "pdf: N passed, M failed"; exit 1 on any failure.
A2=${1:?usage: tests/pdf/run.sh path/to/annex2 path/to/pdf_tick}
TICK=${2:?usage: tests/pdf/run.sh path/to/annex2 path/to/pdf_tick}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
case $TICK in /*) ;; *) TICK=$(pwd)/$TICK ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

fail0() {
	echo "FAIL: $*" >&2
	echo "pdf: 0 passed, 1 failed"
	exit 1
}
command -v soffice >/dev/null 2>&1 && $PY -c 'import uno' 2>/dev/null ||
	fail0 "LibreOffice is not installed (sh tools/deps.sh test)"
command -v qpdf >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 ||
	fail0 "qpdf and poppler-utils are not installed (sh tools/deps.sh test)"
"$A2" generate --lang en --only FRA,NER,DEU -o "$T/forms" >"$T/gen.out" 2>&1 || fail0 "annex2 generate: $(cat "$T/gen.out")"
cp "$ROOT/samples/itu-annex2-form.docx" "$T/itu.docx"

# The pattern ticked on annex2's forms, by control index (4 per text, in
# document order: assigns, no comments, comments attached, does not assign),
# the same as tests/lo/run.sh; on the Secretariat's form (2 per text:
# assigns, does not assign; its options are circles, not controls).
PATTERN=$(cd "$ROOT/tests/lo" && $PY -c 'from ticked import PATTERN; print(",".join(map(str, PATTERN)))')
ITU_PATTERN=0,3,4,5,8,10,13,14
cd "$T" || exit 1
FILL="--name 'Jean Dupont' --title 'Directeur des affaires internationales' --place Paris --date '15 August 2024'"
{
	echo "fill forms/FRA.docx rt/fra-filled.docx $FILL"
	echo "fill forms/NER.odt rt/ner-filled.odt $FILL"
	echo "tick rt/fra-filled.docx rt/fra.docx $PATTERN --also rt/fra.docx.pdf"
	echo "tick rt/ner-filled.odt rt/ner.odt $PATTERN --also rt/ner.odt.pdf"
	echo "tick itu.docx rt/itu.docx $ITU_PATTERN --also rt/itu.docx.pdf"
	echo "convert forms/DEU.docx rt/deu-blank.pdf"
} >jobs.txt
t0=$(date +%s)
$PY "$ROOT/tests/lo/lo_driver.py" --timeout 600 batch jobs.txt >lo.jsonl 2>lo.err
lo_status=$?
t1=$(date +%s)
sed 's/^/  lo_driver: /; s/lo_driver: lo_driver: /lo_driver: /' lo.err >&2

# (b) fields over the printed boxes, ticked through poppler
fields_status=0
{
	$PY "$ROOT/samples/tools/pdf_add_fields.py" rt/deu-blank.pdf rt/deu-fields.pdf &&
	"$TICK" "$T/rt/deu-fields.pdf" "$T/rt/deu-ticked.pdf" "$(echo $PATTERN | $PY -c \
		'import sys; print(",".join(str(int(x) + 1) for x in sys.stdin.read().split(",")))')" &&
	"$TICK" "$T/rt/deu-fields.pdf" "$T/rt/deu-none.pdf" -
} >fields.out 2>&1 || fields_status=$?

"$A2" read rt/fra.docx.pdf rt/ner.odt.pdf rt/itu.docx.pdf rt/deu-ticked.pdf rt/deu-none.pdf \
	>records.jsonl 2>read.err
echo $? >read.status

# (c) hostile PDFs, each read alone under time and memory limits
mkdir hostile
$PY - "$ROOT" <<'EOF'
import sys, zlib
sys.path.insert(0, sys.argv[1] + "/tests/pdf")
from hostile_pdfs import make_all
make_all("hostile", "rt/fra.docx.pdf")
EOF
# under the sanitizers (PDF_SAN=1) ASan needs its address space and time:
# the limits are checked on the plain build only
VLIMIT="ulimit -v 1048576;"
[ "${PDF_SAN:-}" = 1 ] && VLIMIT=""
for f in hostile/*.pdf; do
	/usr/bin/time -f '%e %M' -o "$f.time" sh -c "$VLIMIT"' exec "$0" read "$1"' "$A2" "$f" \
		>"$f.json" 2>"$f.err"
	echo $? >"$f.status"
done

ROOT=$ROOT PDF_SAN=${PDF_SAN:-} LO_STATUS=$lo_status LO_SECONDS=$((t1 - t0)) FIELDS_STATUS=$fields_status $PY - <<'EOF'
import json, os, sys
sys.path.insert(0, os.environ["ROOT"] + "/tests/lo")
from ticked import RECS, WANT, Checks

check = Checks()

check(os.environ["LO_STATUS"] == "0", "lo_driver exited with status %s" % os.environ["LO_STATUS"])
if os.environ["FIELDS_STATUS"] != "0":
    check(False, "making the field PDFs failed:\n" + open("fields.out").read())
else:
    check("32 fields, 11 on" in open("fields.out").read(), "poppler ticked: " + open("fields.out").read())
# the Secretariat's form: boxes 0,3 | 4,5 | 8 | 10 | 13 | 14 ticked
ITU_WANT = [("assigns", None, "ok"), ("does-not-assign", None, "ok"), (None, None, "conflict"),
            (None, None, "missing"), ("assigns", None, "ok"), ("assigns", None, "ok"),
            ("does-not-assign", None, "ok"), ("assigns", None, "ok")]
NONE = [(None, None, "missing")] * 8
EVID = {"rt/fra.docx.pdf": "glyph", "rt/ner.odt.pdf": "glyph", "rt/itu.docx.pdf": "pdf-drawing",
        "rt/deu-ticked.pdf": "pdf-field", "rt/deu-none.pdf": None}
STATE = {"rt/fra.docx.pdf": "FRA", "rt/ner.odt.pdf": "NER", "rt/itu.docx.pdf": None,
         "rt/deu-ticked.pdf": "DEU", "rt/deu-none.pdf": "DEU"}
def clean_run(status_file, err_file, what):
    st = open(status_file).read().strip()
    err = open(err_file, encoding="utf-8", errors="replace").read()
    check(st in ("0", "1"), "%s: exit status %s: %s" % (what, st, err[-400:]))
    check("Sanitizer" not in err and "runtime error" not in err and "ERROR" not in err,
          "%s: %s" % (what, err[:400]))
clean_run("read.status", "read.err", "annex2 read of the round-trip PDFs")
recs = {}
for line in open("records.jsonl", encoding="utf-8"):
    d = json.loads(line)
    recs[d["file"]] = d
for f, want in (("rt/fra.docx.pdf", WANT), ("rt/ner.odt.pdf", WANT), ("rt/itu.docx.pdf", ITU_WANT),
                ("rt/deu-ticked.pdf", WANT), ("rt/deu-none.pdf", NONE)):
    r = recs.get(f)
    if r is None or r.get("status") != "read":
        check(False, "%s: annex2 read gave %s" % (f, "no record" if r is None else r.get("error")))
        continue
    check(r["format"] == "pdf", "%s: format %s" % (f, r["format"]))
    ms = (r.get("member_state") or {}).get("iso3")
    check(ms == STATE[f], "%s: member_state %s, want %s" % (f, ms, STATE[f]))
    check([t["rec"] for t in r["texts"]] == RECS, "%s: texts %s" % (f, [t["rec"] for t in r["texts"]]))
    for i, (t, w) in enumerate(zip(r["texts"], want)):
        got = (t["authority"], t["comments"], t["status"])
        check(got == w, "%s: %s read as %s, ticked as %s" % (f, RECS[i], got, w))
        if t["status"] in ("ok", "inferred"):
            check(t["evidence"] == EVID[f], "%s: %s evidence %s, want %s" % (f, RECS[i], t["evidence"], EVID[f]))
    if f in ("rt/fra.docx.pdf", "rt/ner.odt.pdf"):
        check(r["signatory"]["name"] == "Jean Dupont" and r["signatory"]["date"] == "2024-08-15",
              "%s: signatory %s" % (f, r["signatory"]))

# hostile PDFs: name -> (status, error code or None)
EXPECT = {
    "truncated.pdf": ("error", "corrupt"), "garbage.pdf": ("error", "corrupt"),
    "no-pages.pdf": ("error", "corrupt"), "kids-loop.pdf": ("read", None),
    "deflate-bomb.pdf": ("error", "limit"), "password.pdf": ("error", "encrypted"),
    "owner-password-only.pdf": ("read", None), "many-pages.pdf": ("read", None),
    "xref-loop.pdf": ("read", None), "image-only.pdf": ("read", None),
    "huge-page-text.pdf": ("read", None),
}
for name, (status, code) in sorted(EXPECT.items()):
    f = "hostile/" + name
    if not os.path.exists(f):
        check(False, "%s was not made" % f)
        continue
    lines = open(f + ".json", encoding="utf-8").read().splitlines()
    check(len(lines) == 1, "%s: %d records" % (f, len(lines)))
    if len(lines) != 1:
        continue
    r = json.loads(lines[0])
    got = (r["status"], (r.get("error") or {}).get("code"))
    check(got == (status, code), "%s: %s, want %s (%s)" % (f, got, (status, code), r.get("error")))
    secs, kb = open(f + ".time").read().split()[-2:]
    if os.environ.get("PDF_SAN") != "1":
        # a broken PDF ends in 2 s; so does the picture of a page scanned
        # at 40 dpi: too coarse to OCR, it is read at its own resolution
        # and not given to Tesseract
        check(float(secs) < 2.0, "%s: %s s (bound 2 s)" % (f, secs))
        check(int(kb) < 256 * 1024, "%s: %d KiB" % (f, int(kb)))
    err = open(f + ".err", encoding="utf-8", errors="replace").read()
    check("Syntax" not in err and "Error" not in err, "%s: poppler printed: %s" % (f, err[:200]))
    clean_run(f + ".status", f + ".err", f)
    if name == "many-pages.pdf":
        check(any(p["code"] == "pages-not-read" for p in r["problems"]), "%s: no pages-not-read" % f)
    if name == "image-only.pdf":
        check(all(t["status"] == "unclear" and t["authority"] is None for t in r["texts"]),
              "%s: an image-only PDF gave answers: %s" % (f, r["texts"]))
        check(any(p["code"] == "image-only" for p in r["problems"]), "%s: no image-only problem" % f)
check.done("pdf", " (LibreOffice: %s s)" % os.environ["LO_SECONDS"])
EOF
