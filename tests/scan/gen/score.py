#!/usr/bin/python3
"""score.py RECORDS TRUTHDIR -- annex2's reading of scans against the truth.

RECORDS: the JSON Lines of `annex2 read` over the files of TRUTHDIR (made by
make_scans.py; each FILE has FILE.truth.json).  A record is paired with its
truth by the file's base name.  Per text:

- a clear mark (truth `expect` ok) is right when the record says status ok,
  the same authority, and for `assigns` with a clear option the same
  comments (an option that is not clear must not be given: comments null);
- an unclear, conflicting or missing truth is "as expected" when the record
  says that status;
- confident-wrong: the record says ok or inferred and its authority differs
  from the truth, or the truth is not ok, or it gives comments the truth
  does not have.

Texts whose boxes are not in the file (`absent`: a page sent alone) count
only against confident-wrong.  Prints one row per degradation (a file counts
in each of its degradations) and the total, then the Member State and
signature agreement.  Exit 1 on any confident-wrong, any clear mark not read
right, or a truth file with no record (with --safety: only on confident-wrong
or a file with no record); 2 on usage errors.
"""
import glob
import json
import os
import sys


def load_records(path):
    recs, bad = {}, 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                recs[os.path.basename(r["file"])] = r
            except (ValueError, KeyError, TypeError):
                bad += 1
                print("%s:%d: not a record" % (path, n))
    return recs, bad


def judge_text(tt, rt):
    """(kind, outcome) for one text: kind clear/unclear/conflict/missing/absent;
    outcome right/other/confident-wrong."""
    status = rt.get("status") if rt else None
    auth, comm = (rt or {}).get("authority"), (rt or {}).get("comments")
    confident = status in ("ok", "inferred")
    kind = "absent" if tt.get("absent") else ("clear" if tt["expect"] == "ok" else tt["expect"])
    if confident:
        if tt["expect"] != "ok" or auth != tt["authority"] or (comm is not None and comm != tt["comments"]):
            return kind, "confident-wrong"
    if kind == "absent":
        return kind, "right"
    if kind == "clear":
        ok = status == "ok" and auth == tt["authority"] and comm == tt["comments"]
        return kind, "right" if ok else "other"
    return kind, "right" if status == tt["expect"] else "other"


COLS = ("files", "clear", "clear-right", "unclear", "unclear-as-expected", "conflict", "conflict-as-expected",
        "missing", "missing-as-expected", "confident-wrong")


def main(argv):
    safety = len(argv) > 1 and argv[1] == "--safety"
    if safety:
        argv = argv[:1] + argv[2:]
    if len(argv) != 3 or not os.path.isdir(argv[2]):
        print("usage: score.py [--safety] RECORDS TRUTHDIR", file=sys.stderr)
        return 2
    recs, bad = load_records(argv[1])
    truths = sorted(glob.glob(os.path.join(argv[2], "*.truth.json")))
    if not truths:
        print("score: no *.truth.json in %s" % argv[2], file=sys.stderr)
        return 2
    table, total = {}, dict.fromkeys(COLS, 0)
    lost = clear_wrong = cw = 0
    ms_right = ms_n = sig_right = sig_n = 0
    for tf in truths:
        truth = json.load(open(tf, encoding="utf-8"))
        rec = recs.pop(truth["file"], None)
        rows = [table.setdefault(d, dict.fromkeys(COLS, 0)) for d in truth["degradations"]] + [total]
        for row in rows:
            row["files"] += 1
        if rec is None:
            print("%s: no record" % truth["file"])
            lost += 1
        texts = {t.get("rec"): t for t in (rec or {}).get("texts") or []}
        for tt in truth["texts"]:
            rt = texts.get(tt["rec"])
            kind, outcome = judge_text(tt, rt)
            for row in rows:
                if kind != "absent":
                    row[kind] += 1
                    if outcome == "right":
                        row[kind + ("-right" if kind == "clear" else "-as-expected")] += 1
                if outcome == "confident-wrong":
                    row["confident-wrong"] += 1
            if outcome == "confident-wrong":
                cw += 1
                print("%s: %s: CONFIDENT-WRONG: annex2 %s/%s/%s, truth %s %s/%s" % (
                    truth["file"], tt["rec"], rt.get("status"), rt.get("authority"), rt.get("comments"),
                    tt["expect"], tt["authority"], tt["comments"]))
            elif kind == "clear" and outcome != "right":
                clear_wrong += 1
                print("%s: %s: clear mark not read right: annex2 %s/%s/%s, truth %s/%s (%s)" % (
                    truth["file"], tt["rec"], (rt or {}).get("status"), (rt or {}).get("authority"),
                    (rt or {}).get("comments"), tt["authority"], tt["comments"],
                    ", ".join(m["kind"] + " " + m["box"] for m in tt["marks"])))
        if rec is not None:
            ms = (rec.get("member_state") or {}).get("iso3")
            ms_n += 1
            ms_right += ms == truth["member_state"]
            if truth.get("signed") is not None:
                sig_n += 1
                sig_right += (rec.get("signatory") or {}).get("signed") == truth["signed"]
    w = max([len(d) for d in table] + [len("total")])
    short = ("files", "clear", "right", "unclear", "as-exp", "conflict", "as-exp", "missing", "as-exp", "conf-wrong")
    print("%-*s  %s" % (w, "degradation", "  ".join("%8s" % c for c in short)))
    for d in sorted(table):
        print("%-*s  %s" % (w, d, "  ".join("%8d" % table[d][c] for c in COLS)))
    print("%-*s  %s" % (w, "total", "  ".join("%8d" % total[c] for c in COLS)))
    pct = lambda a, b: 100.0 * a / b if b else 100.0
    print("clear marks right: %d/%d (%.1f%%); confident-wrong: %d; records missing: %d" % (
        total["clear-right"], total["clear"], pct(total["clear-right"], total["clear"]), cw, lost))
    print("member state right: %d/%d; signed right: %d/%d" % (ms_right, ms_n, sig_right, sig_n))
    for f in sorted(recs):
        print("%s: a record with no truth (not scored)" % f)
    if safety:  # only what must never happen: a confident wrong answer, a file lost
        return 1 if cw or lost or bad else 0
    return 1 if cw or clear_wrong or lost or bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
