#!/bin/sh
# tests/samples/run.sh ANNEX2 -- reads every sample reply in samples/returned/
# with ONE `annex2 read` (from the repository root, so that the file names in
# the records are "samples/returned/NAME.docx") and compares each record with
# NAME.expected.json field by field: per text authority, comments, status
# (a text is right when all three are) and evidence; the record's sha256,
# format, status, consultation, member_state, signatory, complete, and its
# problems as (code, text) pairs (the messages are free text).  Prints every
# mismatch, "samples: N passed, M failed" (N texts read right, M wrong) and
# "confident-wrong: K" (texts annex2 calls ok/inferred with another authority
# than the truth: the worst bug).  Exit 1 on any mismatch.
#
# Then the scanned samples, samples/scans/ (the generator's pen marks on
# generated forms: tests/scan/gen/): read the same way and scored against the
# truth the generator drew (NAME.truth.json) by tests/scan/gen/score.py: exit 1
# on a confident-wrong answer, a file without its record, or fewer clear marks
# read right than tests/samples/scans.floor (what the reader reached when the
# floor was written: the goal, every clear mark, is not reached yet).
# Both are read with a budget for OCR (--ocr-seconds) over what any machine
# takes, so that a record of a scan without its QR code is not the speed of
# the machine that reads it (the default, 16 s a file, is a user's).
A2=${1:?usage: tests/samples/run.sh path/to/annex2}
case $A2 in /*) ;; *) A2=$(pwd)/$A2 ;; esac
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
"$A2" read --ocr-seconds 64 samples/returned >"$T/records.jsonl" 2>"$T/read.err"
echo "$?" >"$T/read.status"
/usr/bin/python3 - "$T" <<'PY'
import glob, json, os, sys
from collections import Counter

T = sys.argv[1]
status = open(os.path.join(T, "read.status")).read().strip()
recs, bad_lines = {}, 0
for line in open(os.path.join(T, "records.jsonl"), encoding="utf-8"):
    try:
        r = json.loads(line)
        recs[r["file"]] = r
    except (ValueError, KeyError):
        bad_lines += 1
right = wrong = confident_wrong = other = 0
def miss(f, field, got, want):
    global other
    other += 1
    print("%s: %s: annex2 %s, truth %s" % (f, field, json.dumps(got, ensure_ascii=False),
                                          json.dumps(want, ensure_ascii=False)))
expected = sorted(glob.glob("samples/returned/*.expected.json"))
for ef in expected:
    want = json.load(open(ef, encoding="utf-8"))
    f = want["file"]
    got = recs.pop(f, None)
    if got is None:
        print("%s: no record from annex2 read" % f)
        wrong += len(want["texts"])
        other += 1
        continue
    for k in ("sha256", "format", "status", "consultation", "complete"):
        if got.get(k) != want[k]:
            miss(f, k, got.get(k), want[k])
    if "lang" in want and got.get("lang") != want["lang"]:   # the language of the form found
        miss(f, "lang", got.get("lang"), want["lang"])
    if got.get("status") == "error" or want.get("error"):
        # an error is right only where the truth is that error (its code;
        # the message is free text): a password-protected PDF, say
        g, w = (got.get("error") or {}).get("code"), (want.get("error") or {}).get("code")
        if g != w:
            miss(f, "error", got.get("error"), want.get("error"))
    ms_g, ms_w = got.get("member_state"), want["member_state"]
    for k in ("iso3", "name", "source"):
        g, w = (ms_g or {}).get(k), (ms_w or {}).get(k)
        if g != w:
            miss(f, "member_state.%s" % k, g, w)
    for k in ("name", "title", "place", "date", "signed", "digital_signature"):
        g, w = (got.get("signatory") or {}).get(k), want["signatory"].get(k)
        if g != w:
            miss(f, "signatory.%s" % k, g, w)
    texts_g = {t.get("rec"): t for t in got.get("texts") or []}
    for tw in want["texts"]:
        tg = texts_g.get(tw["rec"], {})
        diff = [k for k in ("authority", "comments", "status") if tg.get(k) != tw[k]]
        if diff:
            wrong += 1
            print("%s: %s: annex2 %s, truth %s" % (f, tw["rec"], "/".join(str(tg.get(k)) for k in diff),
                                                   "/".join(str(tw[k]) for k in diff)) +
                  " (%s)" % "/".join(diff))
            if tg.get("status") in ("ok", "inferred") and tg.get("authority") != tw["authority"]:
                confident_wrong += 1
                print("%s: %s: CONFIDENT-WRONG: annex2 says %s (%s), truth %s (%s)" % (
                    f, tw["rec"], tg.get("authority"), tg.get("status"), tw["authority"], tw["status"]))
        else:
            right += 1
            if tg.get("evidence") != tw["evidence"]:
                miss(f, "%s.evidence" % tw["rec"], tg.get("evidence"), tw["evidence"])
    pg = Counter((p.get("code"), p.get("rec")) for p in got.get("problems") or [])
    pw = Counter((p["code"], p["rec"]) for p in want["problems"])
    for code, rec in sorted((pg - pw).elements(), key=str):
        miss(f, "problems", "%s%s" % (code, " " + rec if rec else ""), "(not a problem)")
    for code, rec in sorted((pw - pg).elements(), key=str):
        miss(f, "problems", "(none)", "%s%s" % (code, " " + rec if rec else ""))
for f in sorted(recs):
    print("%s: a record, but no expected record beside the file" % f)
    other += 1
if bad_lines:
    print("annex2 read wrote %d lines that are not records" % bad_lines)
    other += 1
if status not in ("0", "1"):
    print("annex2 read exited with status %s" % status)
    other += 1
print("samples: %d passed, %d failed" % (right, wrong))
print("confident-wrong: %d" % confident_wrong)
print("other fields: %d mismatches in %d records" % (other, len(expected)))
sys.exit(1 if wrong or other or not expected else 0)
PY
rc=$?
"$A2" read --ocr-seconds 64 samples/scans >"$T/scans.jsonl" 2>"$T/scans.err"
/usr/bin/python3 tests/scan/gen/score.py --safety "$T/scans.jsonl" samples/scans >"$T/scans.txt"
src=$?
floor=$(cat tests/samples/scans.floor)
set -- $(sed -n 's/^clear marks right: \([0-9]*\)\/\([0-9]*\).*/\1 \2/p' "$T/scans.txt")
if [ $src -ne 0 ] || [ $# -ne 2 ] || [ "$1" -lt "$floor" ]; then
	grep -v '^degradation\|^[a-z0-9-]* *[0-9]' "$T/scans.txt"
	echo "samples: FAIL: the scanned samples (samples/scans): ${1:-?} of ${2:-?} clear marks right (floor $floor), score.py status $src"
	exit 1
fi
echo "samples: scans: $1 of $2 clear marks right (floor $floor), 0 confident-wrong, every file a record"
exit $rc
