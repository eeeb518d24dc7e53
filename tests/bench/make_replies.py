#!/usr/bin/python3
"""make_replies.py ANNEX2 WORK [--copies N] -- the benchmark's input (tests/bench/README.md).

  WORK/forms/          `annex2 generate` output: 193 x (DOCX + ODT), Circular 195
  WORK/replies/        193 FILLED replies, one per Member State: DOCX or ODT,
                       each state with its own answers, ticked the ways people
                       tick (samples/tools/docx_edit.py: content
                       controls ticked by XML edit as Word and LibreOffice save
                       them, an X typed in place of the box, glyphs typed,
                       every box retyped as squares, the unchosen choices struck
                       through or deleted, tracked insertions); signed, dated
                       (several date styles), address filled
  WORK/truth.jsonl     how each reply was filled (the answer per text), to check
                       that annex2 reads the corpus as it was meant
  WORK/replies10k/NN/  N (default 10,000) replies made from those 193: every
                       file different -- its address (a run of text in the main
                       part) carries a reference number of its own and its
                       custom property / meta.xml a serial -- in folders of 1,000
                       (replies10k/00 alone is the 1,000-reply batch)

Deterministic: the same ANNEX2 gives the same files.  Everything is made
without LibreOffice (XML edits only), in about half a minute.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "samples", "tools"))
import docx_edit as dx  # noqa: E402

A, N, C, D = 0, 1, 2, 3
RECS = ["X.1237", "X.1283", "X.1353", "X.1354", "X.1384", "X.1471", "X.1819", "X.1820"]
# answer code: (authority, comments, boxes ticked when filled the ordinary way)
ANSWER = {
    "AN": ("assigns", "none", (A, N)), "AC": ("assigns", "attached", (A, C)),
    "D": ("does-not-assign", None, (D,)), "A-": ("assigns", None, (A,)),
    "-": (None, None, ()), "X": (None, None, (A, D)),
}
# for struck-through / deleted replies: what is kept of the four choices
KEEP = {"AN": (A, N), "AC": (A, C), "D": (D,)}
FIRST = ["Amina", "Jean", "Li", "Maria", "Omar", "Priya", "Kofi", "Ana", "Ivan", "Yuki", "Fatima",
         "Carlos", "Sofia", "Ahmed", "Elena", "Tomasz", "Aïssata", "José", "Nguyễn", "Søren"]
LAST = ["Diallo", "Dupont", "Wei", "Silva", "Haddad", "Sharma", "Mensah", "Souza", "Petrov", "Sato",
        "Al-Amin", "Gómez", "Rossi", "Hassan", "Popescu", "Kowalski", "Maïga", "Hernández", "Văn An", "Jørgensen"]
TITLES = ["Director, International Relations", "Head of Standards Policy", "Deputy Director-General",
          "Directeur des affaires internationales", "Jefa de División", "Senior Adviser", "Chief Engineer"]
MONTHS = ["May", "June", "July", "August"]
REF = "ref. 000000"     # the run of text each copy of the 10,000 gets its own number in


def date_text(rng):
    m = rng.randrange(4)
    d = rng.randint(1, 31 if m != 1 else 30)
    if m == 3:
        d = rng.randint(1, 21)             # before the deadline of 21 August
    month = 5 + m
    style = rng.randrange(5)
    if style == 0:
        return "%d %s 2024" % (d, MONTHS[m])
    if style == 1:
        return "%s %d, 2024" % (MONTHS[m], d)
    if style == 2:
        return "2024-%02d-%02d" % (month, d)
    if style == 3:
        return "%d.%02d.2024" % (d, month) if d > 12 else "%d %s 2024" % (d, MONTHS[m])
    return "%d %s 2024" % (d, {5: "mai", 6: "juin", 7: "juillet", 8: "août"}[month])


def answers(rng, pool):
    codes, weights = zip(*pool)
    return [rng.choices(codes, weights)[0] for _ in RECS]


ORDINARY = [("AN", 50), ("AC", 20), ("D", 20), ("A-", 4), ("-", 3), ("X", 3)]
DECIDED = [("AN", 55), ("AC", 20), ("D", 25)]

# fill methods, by format, with how often each is picked
DOCX_METHODS = [("word", 30), ("noval", 5), ("true", 5), ("typed-x", 10), ("glyph", 10), ("squares", 5),
                ("struck", 5), ("deleted", 5), ("tracked-x", 5)]
ODT_METHODS = [("lo-tick", 60), ("typed-x", 25), ("struck", 15)]


def ticks(ans):
    return [4 * t + b for t, code in enumerate(ans) for b in ANSWER[code][2]]


# ---- ODT edits (LibreOffice's way of saving a ticked form) ----

def odt_fill(xml, bookmark, value):
    pat = ('<text:bookmark text:name="annex2_%s"/><loext:content-control loext:showing-place-holder="true">'
           '[^<]*</loext:content-control>' % bookmark)
    new = '<text:bookmark text:name="annex2_%s"/><loext:content-control>%s</loext:content-control>' % (
        bookmark, dx.esc(value))
    xml, n = re.subn(pat, lambda m: new, xml, count=1)
    if n != 1:
        raise ValueError("no field annex2_%s" % bookmark)
    return xml


def odt_tick(f, i):
    """Ticks box i as LibreOffice saves a ticked checkbox content control."""
    m = f._para(i)
    inner = m.group(2).replace('<loext:content-control loext:checkbox="true"',
                               '<loext:content-control loext:checkbox="true" loext:checked="true"', 1)
    inner = inner.replace(">\u2610</text:span>", ">\u2612</text:span>", 1)
    f.xml = f.xml[:m.start(2)] + inner + f.xml[m.end(2):]


# ---- one reply ----

def fill_docx(src, out, iso3, rng, sig):
    method = rng.choices(*zip(*DOCX_METHODS))[0]
    f = dx.Form(dx.Package(src))
    for tag, value in (("from-name", sig["name"]), ("from-title", sig["title"]), ("address", sig["address"]),
                       ("place", sig["place"]), ("date", sig["date"]), ("name", sig["name"]),
                       ("title", sig["title"])):
        f.fill(tag, value)
    if method in ("struck", "deleted"):
        ans = answers(rng, DECIDED)
        drop = [4 * t + b for t, code in enumerate(ans) for b in range(4) if b not in KEEP[code]]
        for b in sorted(drop, reverse=True):       # from the end: deleting renumbers the later boxes
            f.strike(b) if method == "struck" else f.delete(b)
    else:
        ans = answers(rng, ORDINARY)
        on = ticks(ans)
        if method in ("word", "noval", "true"):
            for b in on:
                f.tick(b, method)
        elif method == "typed-x":
            for b in sorted(on, reverse=True):
                f.replace_box(b, rng.choice(["X", "x", "X"]))
        elif method == "glyph":
            mark = rng.choice(["\u2612", "\u2713", "\u2714", "\u2611"])
            for b in sorted(on, reverse=True):
                f.replace_box(b, mark, keep_font=True)
        elif method == "squares":
            for b in range(31, -1, -1):
                f.replace_box(b, "\u25a0" if b in on else "\u25a1")
        elif method == "tracked-x":
            for b in on:
                f.append(b, " X", tracked="ins")
    # the custom property a copy of the 10,000 patches
    custom = f.pkg.text("docProps/custom.xml").replace(
        "</Properties>", '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" '
        'name="bench.copy"><vt:lpwstr>000000</vt:lpwstr></property></Properties>')
    f.pkg.put("docProps/custom.xml", custom)
    dx.word_saved(f.pkg)
    f.save(out)
    return method, ans


def fill_odt(src, out, iso3, rng, sig):
    method = rng.choices(*zip(*ODT_METHODS))[0]
    f = dx.OdtForm(dx.Package(src), RECS)
    for bm, value in (("from_name", sig["name"]), ("from_title", sig["title"]), ("address", sig["address"]),
                      ("place", sig["place"]), ("date", sig["date"]), ("name", sig["name"]),
                      ("title", sig["title"])):
        f.xml = odt_fill(f.xml, bm, value)
    if method == "struck":
        ans = answers(rng, DECIDED)
        for t, code in enumerate(ans):
            for b in range(4):
                if b not in KEEP[code]:
                    f.strike(4 * t + b)
    else:
        ans = answers(rng, ORDINARY)
        for b in ticks(ans):
            odt_tick(f, b) if method == "lo-tick" else f.replace_box(b, "X")
    meta = f.pkg.text("meta.xml").replace(
        "</office:meta>", '<meta:user-defined meta:name="bench.copy" meta:value-type="string">000000'
        '</meta:user-defined></office:meta>')
    f.pkg.put("meta.xml", meta)
    f.save(out)
    return method, ans


def truth_of(method, ans):
    """(authority, comments, status) per text, as a careful reader reads the reply."""
    out = []
    for code in ans:
        if method in ("struck", "deleted"):
            au, co, _ = ANSWER[code]
            out.append((au, co, "inferred"))
        elif code == "-":
            out.append((None, None, "missing"))
        elif code == "X":
            out.append((None, None, "conflict"))
        else:
            au, co, _ = ANSWER[code]
            out.append((au, co, "ok"))
    return out


def states_of(forms):
    rows = []
    with open(os.path.join(forms, "manifest.csv"), encoding="utf-8") as fp:
        next(fp)
        for line in fp:
            iso3 = line.split(",", 1)[0]
            if not rows or rows[-1] != iso3:
                rows.append(iso3)
    return rows


def make_193(annex2, work):
    forms = os.path.join(work, "forms")
    replies = os.path.join(work, "replies")
    if not os.path.isfile(os.path.join(forms, "manifest.csv")):
        shutil.rmtree(forms, ignore_errors=True)
        subprocess.run([annex2, "generate", "-o", forms], check=True, stderr=subprocess.DEVNULL)
    shutil.rmtree(replies, ignore_errors=True)
    os.makedirs(replies)
    truth = []
    for i, iso3 in enumerate(states_of(forms)):
        rng = random.Random("annex2-bench-" + iso3)
        ext = "odt" if rng.random() < 0.35 else "docx"
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        sig = {"name": name, "title": rng.choice(TITLES), "place": "Capital of %s" % iso3,
               "address": "%d Avenue of the Nations, %s" % (rng.randint(1, 300), REF), "date": date_text(rng)}
        out = os.path.join(replies, "%s.%s" % (iso3, ext))
        src = os.path.join(forms, "%s.%s" % (iso3, ext))
        method, ans = (fill_docx if ext == "docx" else fill_odt)(src, out, iso3, rng, sig)
        truth.append({"file": out, "iso3": iso3, "format": ext, "method": method, "answers": ans,
                      "texts": truth_of(method, ans)})
    with open(os.path.join(work, "truth.jsonl"), "w", encoding="utf-8") as fp:
        for t in truth:
            fp.write(json.dumps(t, ensure_ascii=False) + "\n")
    return truth


def make_copies(work, truth, copies):
    """copies files from the 193: copy k of reply j gets the serial n = k * 193 + j
    in its address (main part) and in its custom property / meta.xml."""
    out = os.path.join(work, "replies10k")
    shutil.rmtree(out, ignore_errors=True)
    bases = []
    for t in truth:
        with zipfile.ZipFile(t["file"]) as z:
            infos = z.infolist()
            bases.append((t, [(i, z.read(i.filename)) for i in infos]))
    main_of = {"docx": "word/document.xml", "odt": "content.xml"}
    prop_of = {"docx": "docProps/custom.xml", "odt": "meta.xml"}
    for n in range(copies):
        t, members = bases[n % len(bases)]
        sub = os.path.join(out, "%02d" % (n // 1000))
        if n % 1000 == 0:
            os.makedirs(sub)
        path = os.path.join(sub, "%05d-%s.%s" % (n, t["iso3"], t["format"]))
        serial = ("%06d" % n).encode()
        with zipfile.ZipFile(path, "w") as z:
            for info, data in members:
                if info.filename == main_of[t["format"]]:
                    data = data.replace(REF.encode(), b"ref. " + serial, 1)
                elif info.filename == prop_of[t["format"]]:
                    data = data.replace(b">000000<", b">" + serial + b"<", 1)
                zi = zipfile.ZipInfo(info.filename, info.date_time)
                zi.compress_type = info.compress_type
                z.writestr(zi, data)


def main():
    args = sys.argv[1:]
    copies = 10000
    if "--copies" in args:
        k = args.index("--copies")
        copies = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit("usage: make_replies.py ANNEX2 WORK [--copies N]")
    annex2, work = os.path.abspath(args[0]), args[1]
    os.makedirs(work, exist_ok=True)
    truth = make_193(annex2, work)
    make_copies(work, truth, copies)
    fmt = {}
    for t in truth:
        fmt[(t["format"], t["method"])] = fmt.get((t["format"], t["method"]), 0) + 1
    print("make_replies: %d replies (%s), %d copies in %s/replies10k" % (
        len(truth), ", ".join("%s %s %d" % (f, m, c) for (f, m), c in sorted(fmt.items())), copies, work))


if __name__ == "__main__":
    main()
