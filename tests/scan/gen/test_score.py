#!/usr/bin/python3
"""test_score.py -- score.py on hand-made truths and records (no reader needed).

Each case writes a small truth folder and a records file, runs score.py and
checks its exit status and the figures it prints.  Exit 1 on any failure.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = os.path.join(HERE, "score.py")


def text(rec, expect, authority=None, comments=None, option_expect=None, absent=False):
    t = {"rec": rec, "alias": rec, "authority": authority, "comments": comments, "expect": expect,
         "option_expect": option_expect, "marks": []}
    if absent:
        t["absent"] = True
    return t


TRUTHS = [
    {"file": "a.tif", "format": "tiff", "member_state": "FRA", "degradations": ["fax-204x196", "tiff-g4"],
     "signed": True, "pages": [], "texts": [
         text("X.1", "ok", "assigns", "none", "ok"),
         text("X.2", "ok", "does-not-assign"),
         text("X.3", "unclear"),
         text("X.4", "conflict"),
         text("X.5", "missing"),
         text("X.6", "ok", "assigns", None, "unclear")]},
    {"file": "b-p2.png", "format": "png", "member_state": None, "degradations": ["png", "rotation-5deg"],
     "signed": None, "pages": [], "texts": [
         text("X.1", "ok", "assigns", "attached", "ok"),
         text("X.2", "missing", absent=True)]},
]


def rec_text(rec, status, authority=None, comments=None):
    return {"rec": rec, "status": status, "authority": authority, "comments": comments, "evidence": "scan"}


RIGHT = [
    {"file": "somewhere/a.tif", "member_state": {"iso3": "FRA"}, "signatory": {"signed": True}, "texts": [
        rec_text("X.1", "ok", "assigns", "none"), rec_text("X.2", "ok", "does-not-assign"),
        rec_text("X.3", "unclear"), rec_text("X.4", "conflict"), rec_text("X.5", "missing"),
        rec_text("X.6", "ok", "assigns")]},
    {"file": "b-p2.png", "member_state": None, "signatory": {"signed": None}, "texts": [
        rec_text("X.1", "ok", "assigns", "attached"), rec_text("X.2", "missing")]},
]


def run(records, truths=TRUTHS, raw=None):
    with tempfile.TemporaryDirectory() as d:
        td = os.path.join(d, "truth")
        os.mkdir(td)
        for t in truths:
            json.dump(t, open(os.path.join(td, t["file"] + ".truth.json"), "w"))
        rf = os.path.join(d, "records.jsonl")
        with open(rf, "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
            if raw:
                f.write(raw)
        p = subprocess.run([sys.executable, SCORE, rf, td], capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr


def row(out, name):
    m = re.search(r"^%s\s+([\d\s]+)$" % re.escape(name), out, re.M)
    return [int(v) for v in m.group(1).split()] if m else None


FAILS = []


def check(what, cond, out=""):
    print("%s: %s" % ("ok" if cond else "FAIL", what))
    if not cond:
        FAILS.append(what)
        print(out)


def with_text(records, i, rec, **kw):
    r = copy.deepcopy(records)
    for t in r[i]["texts"]:
        if t["rec"] == rec:
            t.update(kw)
    return r


def main():
    st, out = run(RIGHT)
    check("all right: exit 0", st == 0, out)
    #          files clear right unclear as conflict as missing as cw
    check("all right: total row", row(out, "total") == [2, 4, 4, 1, 1, 1, 1, 1, 1, 0], out)
    check("all right: per degradation (fax-204x196)", row(out, "fax-204x196") == [1, 3, 3, 1, 1, 1, 1, 1, 1, 0], out)
    check("all right: per degradation (rotation-5deg)", row(out, "rotation-5deg") == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
          out)
    check("all right: member state and signed", "member state right: 2/2; signed right: 1/1" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.2", authority="assigns"))
    check("another authority with ok: confident-wrong, exit 1",
          st == 1 and "confident-wrong: 1" in out and row(out, "total")[9] == 1, out)

    st, out = run(with_text(RIGHT, 0, "X.1", status="unclear", authority=None, comments=None))
    check("a clear mark read unclear: exit 1, not confident-wrong",
          st == 1 and "confident-wrong: 0" in out and "clear marks right: 3/4" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.1", comments="attached"))
    check("the other option: confident-wrong", st == 1 and "confident-wrong: 1" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.6", comments="none"))
    check("an option given where the truth's option is unclear: confident-wrong",
          st == 1 and "confident-wrong: 1" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.3", status="ok", authority="assigns"))
    check("a stray mark read as an answer: confident-wrong", st == 1 and "confident-wrong: 1" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.4", status="inferred", authority="does-not-assign"))
    check("a conflict read as inferred: confident-wrong", st == 1 and "confident-wrong: 1" in out, out)

    st, out = run(with_text(RIGHT, 0, "X.5", status="unclear"))
    check("missing read as unclear: exit 0, not as expected",
          st == 0 and row(out, "total")[7:9] == [1, 0], out)

    st, out = run(with_text(RIGHT, 1, "X.2", status="ok", authority="assigns"))
    check("an answer for a text not in the file: confident-wrong", st == 1 and "confident-wrong: 1" in out, out)

    st, out = run(RIGHT[:1])
    check("a file with no record: exit 1", st == 1 and "b-p2.png: no record" in out, out)

    st, out = run(RIGHT, raw="{not json\n")
    check("a line that is not a record: exit 1", st == 1 and "not a record" in out, out)

    st, out = run([dict(RIGHT[0], member_state={"iso3": "DEU"}, signatory={"signed": False}), RIGHT[1]])
    check("member state and signature disagreements are counted",
          st == 0 and "member state right: 1/2; signed right: 0/1" in out, out)

    p = subprocess.run([sys.executable, SCORE, "only-one"], capture_output=True, text=True)
    check("usage: exit 2", p.returncode == 2, p.stderr)

    print("test_score: %d failed" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
