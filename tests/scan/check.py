#!/usr/bin/python3
"""check.py [--floor FLOOR.tsv] TRUTH RECORDS -- the records of `annex2 read` on a scan set
against the truth its generator wrote.  Per degradation: clear marks read
right, not-clear marks said unclear (or read right), confident wrong answers
(ok with another answer than drawn).  Exit 1 unless every clear mark is right
and no answer is confidently wrong; with --floor (degradation<TAB>clear
right, as a fraction) each degradation must reach its floor instead of
100% (the figures measured so far: what is below 100% is said)."""
import json, sys

args = sys.argv[1:]
floor = None
if args[0] == "--floor":
    floor = dict((l.split("\t")[0], float(l.split("\t")[1])) for l in open(args[1])
                 if l.strip() and not l.startswith("#"))
    args = args[2:]
sys.argv[1:] = args
truth = json.load(open(sys.argv[1]))
recs = {}
for line in open(sys.argv[2]):
    r = json.loads(line)
    recs[r["file"].rsplit("/", 1)[-1]] = r
rows, bad, sigs = {}, [], {}
for name, t in sorted(truth.items()):
    row = rows.setdefault(t["degradation"], [0, 0, 0, 0, 0, 0])  # clear, clear ok, unclear, said unclear/ok, wrong, files
    row[5] += 1
    r = recs.get(name)
    if r is None or r["status"] != "read":
        bad.append("%s: no record read (%s)" % (name, r and r.get("error")))
        continue
    if (r.get("member_state") or {}).get("iso3") != t["iso3"] or r["member_state"]["source"] != "qr":
        bad.append("%s: member state %s, expected %s from the QR code" % (name, r.get("member_state"), t["iso3"]))
    # the signature: never the opposite of what was drawn (null: not found)
    got_signed = r["signatory"].get("signed")
    if t.get("signed") is not None:
        sig = sigs.setdefault(t["degradation"], [0, 0, 0])
        sig[0] += 1
        sig[1] += got_signed == t["signed"]
        if got_signed is not None and got_signed != t["signed"]:
            sig[2] += 1
            bad.append("%s: CONFIDENT WRONG signature: drawn %s, read %s" % (name, t["signed"], got_signed))
    for i, exp in enumerate(t["texts"]):
        if exp is None:
            continue
        got = r["texts"][i]
        right = (got["status"] == "ok" and got["authority"] == exp["authority"] and got["comments"] == exp["comments"]) \
            or (exp["authority"] is None and got["status"] == "missing")
        # a confident wrong answer: a vote other than drawn, or an option
        # other than drawn (an option not read is a problem, not a guess)
        confident_wrong = got["status"] == "ok" and (got["authority"] != exp["authority"] or (
            got["comments"] is not None and got["comments"] != exp["comments"]))
        if exp["clear"]:
            row[0] += 1
            row[1] += right
            if not right:
                bad.append("%s text %d: drawn %s/%s, read %s %s/%s (confidence %s)" % (
                    name, i + 1, exp["authority"], exp["comments"], got["status"], got["authority"],
                    got["comments"], got.get("confidence")))
        else:
            row[2] += 1
            row[3] += right or got["status"] == "unclear"
        if confident_wrong:
            row[4] += 1
            if not exp["clear"]:
                bad.append("%s text %d: CONFIDENT WRONG: drawn %s/%s (not clear), read %s/%s (confidence %s)" % (
                    name, i + 1, exp["authority"], exp["comments"], got["authority"], got["comments"], got.get("confidence")))
print("%-14s %5s %14s %18s %15s" % ("degradation", "files", "clear right", "not clear: unclear", "confident wrong"))
tot = [0] * 6
for how, row in sorted(rows.items()):
    tot = [a + b for a, b in zip(tot, row)]
    print("%-14s %5d %8d/%-5d %12d/%-5d %15d" % (how, row[5], row[1], row[0], row[3], row[2], row[4]))
print("%-14s %5d %8d/%-5d %12d/%-5d %15d" % ("all", tot[5], tot[1], tot[0], tot[3], tot[2], tot[4]))
print("signature (signed or not, as drawn; the rest not found): " + ", ".join(
    "%s %d/%d" % (how, v[1], v[0]) for how, v in sorted(sigs.items())))
bad.sort(key=lambda b: ("CONFIDENT" not in b and " read ok " not in b))
for b in bad[:40]:
    print("  " + b, file=sys.stderr)
if floor is None:
    sys.exit(1 if bad else 0)
failed = tot[4] > 0 or any("CONFIDENT" in b or "no record" in b or "member state" in b for b in bad)
for how, row in sorted(rows.items()):
    got = row[1] / row[0] if row[0] else 1.0
    if got + 1e-9 < floor.get(how, 1.0):
        print("scan: %s: %d/%d clear marks right, under the floor %.2f" % (how, row[1], row[0], floor.get(how, 1.0)))
        failed = True
sys.exit(1 if failed else 0)
