#!/bin/sh
# tests/lo/run.sh ANNEX2 -- the forms in a real office program (LibreOffice,
# headless, through tests/lo/lo_driver.py), in one soffice start:
#  (a) generate the forms of France, Niger and Korea; LibreOffice opens each
#      DOCX and ODT, exports PDF and text; the text names the Administration
#      and all eight Recommendations; LibreOffice sees exactly 32 checkbox
#      controls (4 per text) in each, none checked;
#  (b) live round trip: fill in the fields and tick a known pattern in
#      LibreOffice, save as DOCX and ODT, convert DOCX->ODT, ODT->DOCX and
#      DOCX->ODT->DOCX; `annex2 read` must give the same, expected answers
#      for every result.
# Prints "lo: N passed, M failed"; exit 1 on any failure.  LibreOffice is
# required: without it the test fails (`make check` installs it).
A2=${1:?usage: tests/lo/run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

if ! command -v soffice >/dev/null 2>&1 || ! $PY -c 'import uno' 2>/dev/null; then
	echo "FAIL: LibreOffice is not installed (need soffice and $PY with the uno module:" \
		"apt-get install libreoffice-writer-nogui python3-uno, or sh tools/deps.sh test)" >&2
	echo "lo: 0 passed, 1 failed"
	exit 1
fi
if [ ! -x "$A2" ]; then
	echo "FAIL: no annex2 binary at $A2" >&2
	echo "lo: 0 passed, 1 failed"
	exit 1
fi

STATES="FRA NER KOR"
# the English forms (every state gets its own language by default; the six
# languages are part (c), below)
LANG_STATES="EGY CHN RUS ARG SEN"
if ! "$A2" generate --lang en --only FRA,NER,KOR -o "$T/forms" >"$T/gen.out" 2>&1 ||
    ! "$A2" generate --only EGY,CHN,RUS,ARG,SEN -o "$T/lang" >>"$T/gen.out" 2>&1; then
	sed 's/^/  | /' "$T/gen.out" >&2
	echo "FAIL: annex2 generate --only FRA,NER,KOR (English) and EGY,CHN,RUS,ARG,SEN (their languages)" >&2
	echo "lo: 0 passed, 1 failed"
	exit 1
fi

# The pattern ticked in (b), by control index (4 per text, in document
# order: assigns, no comments, comments attached, does not assign).
PATTERN=$(cd "$HERE" && $PY -c 'from ticked import PATTERN; print(",".join(map(str, PATTERN)))')
cd "$T" || exit 1
{
	for s in $STATES; do for f in docx odt; do
		echo "convert forms/$s.$f out/$s.$f.pdf out/$s.$f.txt"
	done; done
	echo "count $(for s in $STATES; do printf 'forms/%s.docx forms/%s.odt ' "$s" "$s"; done)"
	echo "fill forms/FRA.docx rt/filled.docx --name 'Jean Dupont' --title 'Directeur des affaires internationales' --place Paris --date '15 August 2024' --address '20 avenue de Ségur, Paris'"
	echo "fill forms/FRA.odt rt/filled.odt --name 'Jean Dupont' --title 'Directeur des affaires internationales' --place Paris --date '15 August 2024' --address '20 avenue de Ségur, Paris'"
	echo "tick rt/filled.docx rt/from-docx.docx $PATTERN --also rt/from-docx.odt"
	echo "tick rt/filled.odt rt/from-odt.odt $PATTERN --also rt/from-odt.docx"
	echo "convert rt/from-docx.docx rt/docx-to.odt"
	echo "convert rt/from-odt.odt rt/odt-to.docx"
	echo "convert rt/docx-to.odt rt/docx-odt-docx.docx"
	echo "count rt/from-docx.docx rt/from-docx.odt rt/from-odt.odt rt/from-odt.docx rt/docx-to.odt rt/odt-to.docx rt/docx-odt-docx.docx"
	# (c) six languages: one state each (ar, zh, ru, es, fr; en above),
	# ticked through LibreOffice's API in the DOCX (saved DOCX and ODT, the
	# ODT saved as DOCX again) and in the ODT
	mkdir -p lt
	echo "count $(for s in $LANG_STATES; do printf 'lang/%s.docx lang/%s.odt ' "$s" "$s"; done)"
	for s in $LANG_STATES; do
		echo "tick lang/$s.docx lt/$s.docx.docx $PATTERN --also lt/$s.docx.odt"
		echo "convert lt/$s.docx.odt lt/$s.docx-odt.docx"
		echo "tick lang/$s.odt lt/$s.odt.odt $PATTERN"
	done
	echo "count $(for s in $LANG_STATES; do printf 'lt/%s.docx.docx lt/%s.docx.odt lt/%s.docx-odt.docx lt/%s.odt.odt ' "$s" "$s" "$s" "$s"; done)"
} >jobs.txt
t0=$(date +%s)
$PY "$HERE/lo_driver.py" --timeout 600 batch jobs.txt >lo.jsonl 2>lo.err
lo_status=$?
t1=$(date +%s)
sed 's/^/  lo_driver: /; s/lo_driver: lo_driver: /lo_driver: /' lo.err >&2
"$A2" read rt/from-docx.docx rt/from-docx.odt rt/from-odt.odt rt/from-odt.docx \
	rt/docx-to.odt rt/odt-to.docx rt/docx-odt-docx.docx >records.jsonl 2>read.err
"$A2" read lt >lang.jsonl 2>lang.err

HERE=$HERE LANG_STATES="$LANG_STATES" STATES="$STATES" LO_STATUS=$lo_status LO_SECONDS=$((t1 - t0)) $PY - <<'EOF'
import json, os, sys
sys.path.insert(0, os.environ["HERE"])
from ticked import RECS, PATTERN, WANT, PROBLEMS, Checks

check = Checks()

check(os.environ["LO_STATUS"] == "0", "lo_driver exited with status %s (see its messages above)" % os.environ["LO_STATUS"])
NAMES = {"FRA": "France", "NER": "Niger", "KOR": "Korea (Rep. of)"}

# (a) what LibreOffice sees in the generated forms
counts = {}
for line in open("lo.jsonl", encoding="utf-8"):
    d = json.loads(line)
    counts[d["file"]] = d
for s in os.environ["STATES"].split():
    for f in ("docx", "odt"):
        src = "forms/%s.%s" % (s, f)
        pdf, txt = "out/%s.%s.pdf" % (s, f), "out/%s.%s.txt" % (s, f)
        ok = os.path.isfile(pdf) and os.path.getsize(pdf) > 1000 and open(pdf, "rb").read(5) == b"%PDF-"
        check(ok, "%s: LibreOffice made no PDF of it" % src)
        text = open(txt, encoding="utf-8-sig").read() if os.path.isfile(txt) else ""
        check(text != "", "%s: LibreOffice made no text of it" % src)
        want = "Administration of " + NAMES[s]
        check(want in text, "%s: the text does not say %r" % (src, want))
        for r in RECS:
            check(r in text, "%s: the text does not name %s" % (src, r))
        c = counts.get(src)
        check(c is not None and c["controls"] == 32,
              "%s: LibreOffice sees %s checkbox controls, not 32 (%s)" % (src, c and c["controls"], c and c["kinds"]))
        check(c is not None and c["checked"] == 0, "%s: %s boxes checked in a blank form" % (src, c and c["checked"]))

# (b) the round trip: what LibreOffice saved, and what annex2 reads in it
states = "".join("1" if i in PATTERN else "0" for i in range(32))
SIG = {"name": "Jean Dupont", "title": "Directeur des affaires internationales", "place": "Paris",
       "date": "2024-08-15"}
files = ["rt/from-docx.docx", "rt/from-docx.odt", "rt/from-odt.odt", "rt/from-odt.docx",
         "rt/docx-to.odt", "rt/odt-to.docx", "rt/docx-odt-docx.docx"]
for f in files:
    c = counts.get(f)
    check(c is not None and c["states"] == states and c["stale"] == 0,
          "%s: LibreOffice reads back boxes %s, ticked %s" % (f, c and c["states"], states))
recs = {}
for line in open("records.jsonl", encoding="utf-8"):
    d = json.loads(line)
    recs[d["file"]] = d
answers = {}
for f in files:
    r = recs.get(f)
    if r is None or r.get("status") != "read":
        check(False, "%s: annex2 read gave %s" % (f, "no record" if r is None else r.get("error")))
        continue
    ms = r.get("member_state") or {}
    check(ms.get("iso3") == "FRA", "%s: member_state %s, want FRA" % (f, ms))
    got = [(t["authority"], t["comments"], t["status"]) for t in r["texts"]]
    answers[f] = got
    check([t["rec"] for t in r["texts"]] == RECS, "%s: texts %s" % (f, [t["rec"] for t in r["texts"]]))
    for i, (g, w) in enumerate(zip(got, WANT)):
        check(g == w, "%s: %s read as %s, ticked as %s" % (f, RECS[i], g, w))
    for k, v in SIG.items():
        check(r["signatory"].get(k) == v, "%s: signatory.%s %r, want %r" % (f, k, r["signatory"].get(k), v))
    probs = {(p["code"], p["rec"]) for p in r["problems"]}
    for p in PROBLEMS:
        check(p in probs, "%s: no problem %s %s" % (f, p[0], p[1]))
    check(r["complete"] is False, "%s: complete, with a missing text" % f)
check(len({tuple(v) for v in answers.values()}) <= 1, "the answers differ between the saved files: %s" % answers)

# (c) six languages: each state's form in its language, ticked in LibreOffice
LANGS = {"EGY": "ar", "CHN": "zh", "RUS": "ru", "ARG": "es", "SEN": "fr"}
lrecs = {}
for line in open("lang.jsonl", encoding="utf-8"):
    d = json.loads(line)
    lrecs[d["file"]] = d
for s in os.environ["LANG_STATES"].split():
    for f in ("docx", "odt"):
        c = counts.get("lang/%s.%s" % (s, f))
        check(c is not None and c["controls"] == 32 and c["checked"] == 0,
              "lang/%s.%s (%s): LibreOffice sees %s checkbox controls (%s checked), not 32 blank" %
              (s, f, LANGS[s], c and c["controls"], c and c["checked"]))
    for f in ("lt/%s.docx.docx" % s, "lt/%s.docx.odt" % s, "lt/%s.docx-odt.docx" % s, "lt/%s.odt.odt" % s):
        c = counts.get(f)
        check(c is not None and c["states"] == states and c["stale"] == 0,
              "%s: LibreOffice reads back boxes %s, ticked %s" % (f, c and c["states"], states))
        r = lrecs.get(f)
        if r is None or r.get("status") != "read":
            check(False, "%s: annex2 read gave %s" % (f, "no record" if r is None else r.get("error")))
            continue
        check(r.get("lang") == LANGS[s], "%s: lang %s, want %s" % (f, r.get("lang"), LANGS[s]))
        check((r.get("member_state") or {}).get("iso3") == s, "%s: member_state %s" % (f, r.get("member_state")))
        got = [(t["authority"], t["comments"], t["status"]) for t in r["texts"]]
        for i, (g, w) in enumerate(zip(got, WANT)):
            check(g == w, "%s (%s): %s read as %s, ticked as %s" % (f, LANGS[s], RECS[i], g, w))
check.done("lo", " (LibreOffice: one start, %s s for every job)" % os.environ["LO_SECONDS"])
EOF
