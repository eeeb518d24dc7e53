#!/bin/sh
# tests/report/run.sh ANNEX2 -- the tally and the two reports, checked by
# independent readers: Chromium (the HTML page as a browser sees it) and
# openpyxl (the workbook as another program reads it).
#
#   sh tests/report/run.sh build/annex2
#   A2_UPDATE_SAMPLES=1 sh tests/report/run.sh build/annex2   # also refresh samples/report/
#
# Chromium and python3-openpyxl are required (tools/deps.sh test installs
# them): when one is missing the test FAILS, it does not skip.
set -u

bin=${1:?usage: tests/report/run.sh ANNEX2}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
py=/usr/bin/python3
records=$here/records.jsonl
manifest=$here/manifest.csv
expected=$here/tally.expected.json

# Under AddressSanitizer a finding must not pass for the expected status 1.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=86"
export ASAN_OPTIONS UBSAN_OPTIONS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/annex2-report.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check NAME COMMAND...
	name=$1
	shift
	if "$@" >"$tmp/out.log" 2>&1; then ok; else bad "$name"; sed 's/^/    /' "$tmp/out.log" >&2; fi
}

# ---- what the test needs ----
[ -x "$bin" ] || { echo "FAIL: $bin is not an executable" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
	echo "FAIL: chromium is missing (install it: sh tools/deps.sh test)" >&2
	exit 1
fi
if ! [ -x "$py" ] || ! "$py" -c 'import openpyxl' 2>/dev/null; then
	echo "FAIL: python3-openpyxl is missing (install it: sh tools/deps.sh test)" >&2
	exit 1
fi

browser() { # browser ARGS... -- headless Chromium, isolated, no network services
	prof=$(mktemp -d "$tmp/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --hide-scrollbars --user-data-dir="$prof" "$@" 2>>"$tmp/chromium.log"
}

# expect_rc WANT CMD... -- runs CMD, fails unless its exit status is WANT
expect_rc() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit status $got, expected $want: $*"; return 1; }
}

no_temporaries() { # no_temporaries DIR -- nothing half-written left behind
	left=$(find "$1" -maxdepth 1 -name '*.tmp*' | head -n 5)
	[ -z "$left" ] || { echo "temporary files left: $left"; return 1; }
}

# ---- tally --json equals the expected file ----
tally_json() {
	expect_rc 1 "$bin" tally --json "$records" >"$tmp/tally.json" || return 1
	"$py" - "$tmp/tally.json" "$expected" <<'EOF'
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
if got != want:
    print("tally --json differs from", sys.argv[2])
    print("got: ", json.dumps(got, sort_keys=True))
    print("want:", json.dumps(want, sort_keys=True))
    sys.exit(1)
EOF
}
check "annex2 tally --json equals tests/report/tally.expected.json" tally_json

# ---- the HTML page ----
html_written() {
	expect_rc 1 "$bin" report --manifest "$manifest" -o "$tmp/report.html" "$records" || return 1
	[ -s "$tmp/report.html" ] || { echo "no report.html"; return 1; }
	no_temporaries "$tmp"
}
check "annex2 report -o report.html" html_written

html_self_contained() {
	"$py" - "$tmp/report.html" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
errors = []
if re.search(r"<script", s, re.I): errors.append("a <script in the file")
if re.search(r"\son[a-z]+\s*=", s, re.I): errors.append("an on...= event attribute")
for m in re.finditer(r"(?:https?:)?//[^\s\"'<>)]+", s):
    if m.group(0) != "http://www.w3.org/2000/svg":
        errors.append("an external reference: " + m.group(0))
for pat in (r"<link\b", r"<img\b", r"<iframe\b", r"<object\b", r"<embed\b", r"@import", r"url\("):
    if re.search(pat, s, re.I): errors.append("external resource construct " + pat)
if "@media print" not in s or "size:A4" not in s.replace(" ", ""): errors.append("no print rules for A4")
if not s.startswith("<!DOCTYPE html>"): errors.append("not HTML5")
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
}
check "report.html is self-contained (no script, no external resource)" html_self_contained

dump_dom() {
	browser --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" || { cat "$tmp/chromium.log"; return 1; }
	[ -s "$tmp/dom.html" ] || { echo "empty DOM dump"; cat "$tmp/chromium.log"; return 1; }
}
check "chromium --dump-dom report.html" dump_dom

dom_facts() {
	"$py" - "$tmp/dom.html" "$tmp/tally.json" <<'EOF'
import json, sys
from html.parser import HTMLParser

EVIL = '<script>alert(1)</script> & "quotes"'

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []          # every start tag
        self.text = []          # all text
        self.stack = []
        self.table = None       # class of the table we are in
        self.rows = {}          # table class -> rows of cell texts
        self.row = None
        self.cell = None
        self.stat = None
        self.stats = []
        self.chips = []
        self.in_chip = False
        self.svg_title = self.svg_desc = False
        self.svg_texts = []
        self.in_svg_text = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self.tags.append(tag)
        if tag == "table":
            self.table = cls[0] if cls else ""
            self.rows.setdefault(self.table, [])
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "div" and "stat" in cls:
            self.stat = []
        elif tag == "li" and self.stack and self.stack[-1] == "chips":
            self.in_chip = True
            self.chips.append("")
        elif tag == "text":
            self.in_svg_text = True
            self.svg_texts.append("")
        if tag == "ul" and "chips" in cls:
            self.stack.append("chips")
        elif tag == "ul":
            self.stack.append("ul")
        if tag == "title" and "svg" in self.tags: self.svg_title = True
        if tag == "desc": self.svg_desc = True
    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows[self.table].append(self.row)
            self.row = None
        elif tag == "div" and self.stat is not None:
            self.stats.append(" ".join("".join(self.stat).split()))
            self.stat = None
        elif tag == "li":
            self.in_chip = False
        elif tag == "ul" and self.stack:
            self.stack.pop()
        elif tag == "text":
            self.in_svg_text = False
    def handle_data(self, d):
        self.text.append(d)
        if self.cell is not None: self.cell.append(d)
        if self.stat is not None: self.stat.append(d)
        if self.in_chip: self.chips[-1] += d
        if self.in_svg_text: self.svg_texts[-1] += d

p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
tally = json.load(open(sys.argv[2]))
errors = []
text = "".join(p.text)

# no script element at all, and the hostile strings shown literally
if "script" in p.tags: errors.append("a <script> element exists in the DOM")
if EVIL not in text: errors.append("the hostile Member State name is not shown literally")
if "signed " + EVIL not in text: errors.append("the hostile signatory name is not shown literally")
if "Manager <b>Standards</b> & \"Policy\"" not in text: errors.append("the signatory title is not literal")
if "returns/NZL <x> d'Urville.docx" not in text: errors.append("the hostile file name is not literal")
if 'not a zip file (starts with "%PDF" <2 pages>)' not in text: errors.append("the error message is not literal")

# the tally table: one row per text, in order, with the numbers of tally --json
rows = [r for r in p.rows.get("tally", []) if r and r[0] and not r[0].upper().startswith("TEXT")]
if len(rows) != len(tally["texts"]):
    errors.append("tally table has %d rows, tally --json %d texts" % (len(rows), len(tally["texts"])))
for r, t in zip(rows, tally["texts"]):
    want = [t["alias"], str(t["counted"]), str(t["assigns"]), str(t["does_not_assign"]),
            "%.1f%%" % (t["support"] * 100), str(t["undecided"]), str(t["not_counted"]),
            t["outcome"].replace("-", " ")]
    if not r[0].startswith(t["rec"]) or r[1:9] != want:
        errors.append("tally row for %s: got %r, want %r" % (t["rec"], r, [t["rec"]] + want))

# the summary line
stats = " | ".join(p.stats)
for want in ("%d replies received" % tally["replies"], "%d counted (%d not counted)" %
             (tally["counted_replies"], tally["not_counted_replies"]), "%d unreadable" % tally["unreadable"],
             "5 complete", "3 not replied (of 13 sent)"):
    if want not in stats: errors.append("summary lacks %r (has %r)" % (want, stats))

# who has not replied
if p.chips != ["IND India", "USA United States", "ZAF South Africa"]: errors.append("not replied: %r" % p.chips)

# the replies: every file listed, with its standing
reps = [r for r in p.rows.get("replies", []) if len(r) >= 4 and r[0].startswith("returns/")]
if len(reps) != tally["replies"]: errors.append("replies table has %d replies, want %d" % (len(reps), tally["replies"]))
standing = {r[0]: r[2] for r in reps}
for f, s in (("returns/JPN.docx", "late"), ("returns/PSE.docx", "non-member"), ("returns/broken.docx", "unreadable"),
             ("returns/GBR-first.docx", "superseded"), ("returns/ITA-a.docx", "duplicate"),
             ("returns/ITA-b.docx", "duplicate"), ("returns/scan-0042.docx", "unknown sender"),
             ("returns/GBR-second.docx", "counted"), ("returns/ARG.docx", "counted")):
    if standing.get(f) != s: errors.append("standing of %s: %r, want %r" % (f, standing.get(f), s))

# the chart: accessible, the threshold labelled, one value label per text
if not (p.svg_title and p.svg_desc): errors.append("the chart has no <title>/<desc>")
if "70%" not in p.svg_texts: errors.append("no 70% threshold label in the chart")
for t in tally["texts"]:
    if t["counted"] and not any(s.startswith("%.1f%%" % (t["support"] * 100)) for s in p.svg_texts):
        errors.append("no value label for %s in the chart" % t["rec"])

for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
}
check "the page in Chromium: tally numbers, summary, replies, no <script>, literal text" dom_facts

screenshot() {
	browser --screenshot="$tmp/report.png" --window-size=1280,1800 "file://$tmp/report.html" >/dev/null ||
	    { cat "$tmp/chromium.log"; return 1; }
	"$py" - "$tmp/report.png" <<'EOF'
import struct, sys
d = open(sys.argv[1], "rb").read()
if d[:8] != b"\x89PNG\r\n\x1a\n": sys.exit("not a PNG")
w, h = struct.unpack(">II", d[16:24])
if (w, h) != (1280, 1800): sys.exit("screenshot is %dx%d" % (w, h))
if len(d) < 50000: sys.exit("screenshot suspiciously small (%d bytes): blank page?" % len(d))
EOF
}
check "chromium --screenshot report.html" screenshot

# ---- the workbook ----
xlsx_written() {
	expect_rc 1 "$bin" report -o "$tmp/report.xlsx" "$records" || return 1
	expect_rc 1 "$bin" report --manifest "$manifest" -o "$tmp/manifest.xlsx" "$records" || return 1
	no_temporaries "$tmp"
}
check "annex2 report -o report.xlsx" xlsx_written

xlsx_facts() {
	"$py" - "$tmp/report.xlsx" "$tmp/manifest.xlsx" "$tmp/tally.json" "$records" <<'EOF'
import json, sys
import openpyxl

EVIL = '<script>alert(1)</script> & "quotes"'
wb = openpyxl.load_workbook(sys.argv[1])
wm = openpyxl.load_workbook(sys.argv[2])
tally = json.load(open(sys.argv[3]))
records = [json.loads(l) for l in open(sys.argv[4], encoding="utf-8") if l.strip()]
errors = []

for name in ("Tally", "Replies", "Problems", "Not replied"):
    if name not in wb.sheetnames: errors.append("no sheet %r (has %r)" % (name, wb.sheetnames))
if errors:
    print("\n".join(errors)); sys.exit(1)

def table(ws):
    rows = list(ws.iter_rows(values_only=True))
    head = [h for h in rows[0]]
    return head, [dict(zip(head, r)) for r in rows[1:] if any(v is not None for v in r)]

# Tally: the cells equal tally --json
ws = wb["Tally"]
head, rows = table(ws)
cols = {"Text": "rec", "Alias": "alias", "Counted": "counted", "Assigns": "assigns",
        "Does not assign": "does_not_assign", "Support": "support", "Undecided": "undecided",
        "Not counted": "not_counted", "Outcome": "outcome"}
for h in cols:
    if h not in head: errors.append("Tally has no column %r (has %r)" % (h, head))
if len(rows) != len(tally["texts"]): errors.append("Tally has %d rows, want %d" % (len(rows), len(tally["texts"])))
for i, (r, t) in enumerate(zip(rows, tally["texts"])):
    for h, k in cols.items():
        got, want = r.get(h), t[k]
        if k == "support":
            if not isinstance(got, (int, float)) or abs(got - want) > 0.0005:
                errors.append("Tally %s support: %r, want %r" % (t["rec"], got, want))
        elif got != want:
            errors.append("Tally %s %s: %r, want %r" % (t["rec"], h, got, want))
    c = ws.cell(row=i + 2, column=head.index("Support") + 1)
    if "%" not in (c.number_format or ""): errors.append("Support is not a percentage format: %r" % c.number_format)
if not ws.cell(row=1, column=1).font.b: errors.append("Tally header is not bold")

# Replies: one row per reply x text, filter, frozen header, literal text
ws = wb["Replies"]
head, rows = table(ws)
want_head = ["File", "ISO3", "Member State", "Standing", "Date", "Complete", "Text", "Alias", "Authority",
             "Comments", "Status", "Evidence"]
if head[:12] != want_head: errors.append("Replies header %r" % head)
nrows = sum(max(1, len(r["texts"])) for r in records)
if len(rows) != nrows: errors.append("Replies has %d rows, want %d" % (len(rows), nrows))
if not ws.auto_filter.ref: errors.append("Replies has no autofilter")
if ws.freeze_panes != "A2": errors.append("Replies header row is not frozen (%r)" % ws.freeze_panes)
if not any(r["Member State"] == EVIL for r in rows): errors.append("the hostile name is not kept literally")
nzl = [r for r in rows if r["ISO3"] == "NZL"]
if len(nzl) != 8 or nzl[0]["Text"] != "X.1237" or nzl[0]["Authority"] != "assigns" or nzl[0]["Complete"] is not True:
    errors.append("NZL rows: %r" % nzl[:1])
ken = {r["Text"]: r for r in rows if r["ISO3"] == "KEN"}
if ken.get("X.1819", {}).get("Status") != "conflict" or ken.get("X.1819", {}).get("Authority") is not None:
    errors.append("KEN X.1819: %r" % ken.get("X.1819"))
st = {r["File"]: r["Standing"] for r in rows}
for f, s in (("returns/JPN.docx", "late"), ("returns/PSE.docx", "non-member"), ("returns/broken.docx", "unreadable"),
             ("returns/GBR-first.docx", "superseded"), ("returns/ITA-b.docx", "duplicate"),
             ("returns/scan-0042.docx", "unknown-sender"), ("returns/FRA.docx", "counted")):
    if st.get(f) != s: errors.append("Replies standing of %s: %r, want %r" % (f, st.get(f), s))
widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
if any(w is None or w < 5 for w in widths): errors.append("Replies column widths not set: %r" % widths)

# Problems: as check --json lists them
ws = wb["Problems"]
head, rows = table(ws)
if head[:6] != ["File", "ISO3", "Severity", "Text", "Code", "Message"]: errors.append("Problems header %r" % head)
got = {(r["File"], r["Code"]) for r in rows}
for k in (("returns/broken.docx", "unreadable"), ("returns/GBR-first.docx", "superseded"),
          ("returns/ITA-a.docx", "duplicate"), ("returns/ITA-b.docx", "duplicate"), ("returns/JPN.docx", "late"),
          ("returns/PSE.docx", "non-member"), ("returns/KEN.docx", "conflict"), ("returns/KEN.docx", "inferred"),
          ("returns/ARG.docx", "undated"), ("returns/BRA.odt", "missing")):
    if k not in got: errors.append("Problems lacks %r" % (k,))
sev = {(r["File"], r["Code"]): r["Severity"] for r in rows}
if sev.get(("returns/KEN.docx", "inferred")) != "warning" or sev.get(("returns/JPN.docx", "late")) != "error":
    errors.append("Problems severities: %r" % sev)
msg = {(r["File"], r["Code"]): r["Message"] for r in rows}
if msg.get(("returns/broken.docx", "unreadable")) != 'not-zip: not a zip file (starts with "%PDF" <2 pages>)':
    errors.append("unreadable message: %r" % msg.get(("returns/broken.docx", "unreadable")))
if msg.get(("returns/GBR-first.docx", "superseded")) != "superseded by returns/GBR-second.docx":
    errors.append("superseded message: %r" % msg.get(("returns/GBR-first.docx", "superseded")))
if ws.freeze_panes != "A2" or not ws.auto_filter.ref: errors.append("Problems: no frozen header or filter")

# Not replied: empty without a manifest, the three codes with it
codes = [r[0] for r in wb["Not replied"].iter_rows(min_row=2, values_only=True) if r and r[0]]
if codes: errors.append("Not replied without a manifest: %r" % codes)
if wb["Not replied"].cell(row=1, column=1).value != "ISO3": errors.append("Not replied header")
codes = [r[0] for r in wm["Not replied"].iter_rows(min_row=2, values_only=True) if r and r[0]]
if codes != ["IND", "USA", "ZAF"]: errors.append("Not replied with the manifest: %r" % codes)
names = [r[1] for r in wm["Not replied"].iter_rows(min_row=2, values_only=True) if r and r[0]]
if names != ["India", "United States", "South Africa"]: errors.append("Not replied names: %r" % names)

for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
}
check "the workbook in openpyxl: Tally equals tally --json, Replies, Problems, Not replied" xlsx_facts

# ---- the workbook's Mail sheet: the mail round (a sent log) ----
# The same records, four of them as intake gives them (message: received,
# from, an S/MIME verdict), and a sent log of the manifest's 13 states with
# reminders: the sheet Mail says per state what the HTML page's mail table
# says, read back by openpyxl, compared with check --json's "mail" and with
# figures worked out by hand.
xlsx_mail() {
	"$py" - "$records" "$manifest" "$tmp/mail-records.jsonl" "$tmp/sent.jsonl" <<'EOF' || return 1
import csv, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
msg = {
    "returns/FRA.docx": {"id": "<r1@fr>", "from": "tsb-fra@example.org", "subject": "Reply", "received": "2024-08-20T14:03:00Z",
                         "attachment": "FRA.docx", "smime": {"signer": "/CN=Administration of France", "valid": True,
                                                             "covers_document": True, "message": None}},
    "returns/DEU.docx": {"id": "<r2@de>", "from": "tsb-deu@example.org", "subject": "Antwort", "received": "2024-08-19T09:00:00Z",
                         "attachment": "DEU.docx", "smime": {"signer": "/CN=Germany", "valid": False,
                                                             "covers_document": True, "message": "digest failure"}},
    "returns/CHN.docx": {"id": "<r3@cn>", "from": "tsb-chn@example.org", "subject": "Reply", "received": "2024-08-18T01:02:03Z",
                         "attachment": "CHN.docx"},
    "returns/ARG.docx": {"id": "<r4@ar>", "from": "otro@example.org", "subject": "Respuesta", "received": "2024-08-21T10:00:00Z",
                         "attachment": "ARG.docx", "smime": {"signer": "/CN=Argentina", "valid": True,
                                                             "covers_document": False, "message": None}},
}
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for r in recs:
        if r["file"] in msg:
            r["message"] = msg[r["file"]]
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(sys.argv[4], "w", encoding="utf-8") as f:
    for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
        iso = row["iso3"]
        f.write(json.dumps({"kind": "circular", "iso3": iso, "message_id": "<c.%s@itu>" % iso,
                            "to": ["tsb-%s@example.org" % iso.lower()], "time": "2024-05-21T09:00:00Z",
                            "subject": "TSB Circular 195"}) + "\n")
        if iso in ("IND", "USA"):
            for day in ("10", "17"):
                f.write(json.dumps({"kind": "reminder", "iso3": iso, "message_id": "<r%s.%s@itu>" % (day, iso),
                                    "to": ["tsb-%s@example.org" % iso.lower()], "time": "2024-08-%sT09:00:00Z" % day,
                                    "subject": "Reminder"}) + "\n")
EOF
	expect_rc 1 "$bin" report --manifest "$manifest" --sent "$tmp/sent.jsonl" -o "$tmp/mail.xlsx" "$tmp/mail-records.jsonl" || return 1
	expect_rc 1 "$bin" check --json --manifest "$manifest" --sent "$tmp/sent.jsonl" "$tmp/mail-records.jsonl" >"$tmp/mail-check.json" || return 1
	"$py" - "$tmp/mail.xlsx" "$tmp/mail-check.json" "$tmp/manifest.xlsx" <<'EOF'
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
check = json.load(open(sys.argv[2]))["mail"]
errors = []
if "Mail" not in wb.sheetnames:
    print("no sheet Mail (has %r)" % wb.sheetnames); sys.exit(1)
if "Mail" in openpyxl.load_workbook(sys.argv[3]).sheetnames: errors.append("a Mail sheet without a sent log")
ws = wb["Mail"]
rows = list(ws.iter_rows(values_only=True))
head = list(rows[0])
want_head = ["ISO3", "Member State", "Sent", "Reminded", "Reminders", "Reply received", "From", "S/MIME", "Signer"]
if head != want_head: errors.append("Mail header %r" % head)
rows = [dict(zip(head, r)) for r in rows[1:] if any(v is not None for v in r)]
if len(rows) != 13: errors.append("Mail has %d rows, want the manifest's 13" % len(rows))
if ws.freeze_panes != "A2" or not ws.auto_filter.ref: errors.append("Mail: no frozen header or filter")
word = lambda s: None if s is None else ("invalid" if not s["valid"] else "valid" if s["covers_document"] else "valid*")
for r, c in zip(rows, check):   # the same as check --json says, state by state
    want = [c["iso3"], c["sent"], c["reminded"], c["reminders"], c["replied"], c["from"], word(c["smime"]),
            c["smime"]["signer"] if c["smime"] else None]
    got = [r["ISO3"], r["Sent"], r["Reminded"], r["Reminders"], r["Reply received"], r["From"], r["S/MIME"], r["Signer"]]
    if got != want: errors.append("Mail row %r, check --json says %r" % (got, want))
by = {r["ISO3"]: r for r in rows}
# worked out by hand from the fixture
hand = {"FRA": ("France", "2024-05-21T09:00:00Z", None, 0, "2024-08-20T14:03:00Z", "tsb-fra@example.org", "valid", "/CN=Administration of France"),
        "DEU": ("Germany", "2024-05-21T09:00:00Z", None, 0, "2024-08-19T09:00:00Z", "tsb-deu@example.org", "invalid", "/CN=Germany"),
        "ARG": ("Argentina", "2024-05-21T09:00:00Z", None, 0, "2024-08-21T10:00:00Z", "otro@example.org", "valid*", "/CN=Argentina"),
        "CHN": ("China", "2024-05-21T09:00:00Z", None, 0, "2024-08-18T01:02:03Z", "tsb-chn@example.org", None, None),
        "USA": ("United States", "2024-05-21T09:00:00Z", "2024-08-17T09:00:00Z", 2, None, None, None, None)}
for iso, w in hand.items():
    r = by.get(iso, {})
    got = (r.get("Member State"), r.get("Sent"), r.get("Reminded"), r.get("Reminders"), r.get("Reply received"),
           r.get("From"), r.get("S/MIME"), r.get("Signer"))
    if got != w: errors.append("Mail %s: %r, want %r" % (iso, got, w))
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
}
check "the workbook's Mail sheet in openpyxl: per state sent, reminded, replied, S/MIME, as check --json and by hand" xlsx_mail

# ---- writing fails cleanly ----
write_errors() {
	for ext in html xlsx; do
		expect_rc 1 "$bin" report -o "$tmp/no/such/folder/report.$ext" "$records" 2>"$tmp/err.txt" || return 1
		grep -q "annex2: .*error" "$tmp/err.txt" || { echo "no error message for .$ext:"; cat "$tmp/err.txt"; return 1; }
		[ ! -e "$tmp/no" ] || { echo "something was created"; return 1; }
	done
}
check "a report into a missing folder fails with status 1 (a failed write) and leaves nothing" write_errors

replace_existing() {
	printf 'old\n' >"$tmp/again.html"
	expect_rc 2 "$bin" report -o "$tmp/again.html" "$records" 2>/dev/null || return 1
	grep -q '^old$' "$tmp/again.html" || { echo "replaced without --force"; return 1; }
	expect_rc 1 "$bin" report --force -o "$tmp/again.html" "$records" || return 1
	grep -q '<!DOCTYPE html>' "$tmp/again.html" || { echo "not replaced"; return 1; }
	no_temporaries "$tmp"
}
check "a report replaces an earlier report only with --force, atomically" replace_existing

# ---- samples (on request) ----
if [ "${A2_UPDATE_SAMPLES:-0}" = 1 ] && [ "$failed" -eq 0 ]; then
	mkdir -p "$root/samples/report"
	cp "$tmp/report.html" "$root/samples/report/report.html"
	cp "$tmp/report.png" "$root/samples/report/report.png"
	cp "$tmp/manifest.xlsx" "$root/samples/report/report.xlsx"
	echo "report: samples/report/ updated"
fi

echo "report: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
