#!/usr/bin/python3
"""make_samples.py ANNEX2 -- regenerates samples/returned/: sample replies made
from forms that ANNEX2 generates, filled the way people really fill them, each
with NAME.expected.json, the record `annex2 read` should give for it.

Run from the repository root (make_samples.sh does).  LibreOffice is driven by
tests/lo/lo_driver.py in one start; the Word-style edits are XML edits
(tools/docx_edit.py).  The expected records are the TRUTH, decided from how each
file was made (what a careful person reading it concludes, by the statuses of
SPEC "The record"), not annex2's output.  Problem messages are ours: the test
compares problem codes and texts, not messages.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in samples/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docx_edit as dx  # noqa: E402

OUT = "samples/returned"
ITU_FORM = "samples/itu-annex2-form.docx"  # a copy of the Secretariat's own form
LO = "tests/lo/lo_driver.py"
CONSULTATION = "tsb-circular-195"
RECS = [("X.1237", "X.tsfpp"), ("X.1283", "X.gpwd"), ("X.1353", "X.ztd-iot"), ("X.1354", "X.sc-iot"),
        ("X.1384", "X.itssec-5"), ("X.1471", "X.websec-7"), ("X.1819", "X.5Gsec-netec"),
        ("X.1820", "X.5Gsec-srocvs")]
NAMES = {"ISL": "Iceland", "NZL": "New Zealand", "ARG": "Argentina", "AUS": "Australia", "AUT": "Austria", "BEL": "Belgium", "BRA": "Brazil",
         "CAN": "Canada", "CHE": "Switzerland", "CHL": "Chile", "CHN": "China", "CZE": "Czech Republic",
         "DEU": "Germany", "DNK": "Denmark", "EGY": "Egypt", "ESP": "Spain", "FIN": "Finland", "FRA": "France",
         "GBR": "United Kingdom", "GRC": "Greece", "HUN": "Hungary", "IND": "India", "IRL": "Ireland",
         "IDN": "Indonesia", "ITA": "Italy", "JOR": "Jordan", "JPN": "Japan", "KEN": "Kenya", "KOR": "Korea (Rep. of)",
         "LUX": "Luxembourg", "MAR": "Morocco", "MEX": "Mexico", "NER": "Niger", "NGA": "Nigeria",
         "NLD": "Netherlands (Kingdom of the)", "NOR": "Norway", "PHL": "Philippines", "POL": "Poland", "PRT": "Portugal",
         "ROU": "Romania", "RUS": "Russian Federation", "SEN": "Senegal", "SWE": "Sweden", "THA": "Thailand",
         "TUR": "Türkiye", "UKR": "Ukraine", "USA": "United States", "VNM": "Viet Nam", "ZAF": "South Africa"}
A, N, C, D = 0, 1, 2, 3  # the four boxes of a text, in document order

# An answer per text: the TRUE reading of the text, and the boxes a person
# ticks for it when it is filled the ordinary way.
ANSWER = {   # code: (authority, comments, status, option problem, boxes)
    "AN": ("assigns", "none", "ok", None, (A, N)),
    "AC": ("assigns", "attached", "ok", None, (A, C)),
    "D": ("does-not-assign", None, "ok", None, (D,)),
    "A-": ("assigns", None, "ok", "option-missing", (A,)),
    "A!": ("assigns", None, "ok", "option-conflict", (A, N, C)),
    "A?": ("assigns", None, "ok", "option-unclear", None),
    "iN": ("assigns", "none", "inferred", None, (N,)),
    "iC": ("assigns", "attached", "inferred", None, (C,)),
    "iD": ("does-not-assign", None, "inferred", None, None),
    "iA-": ("assigns", None, "inferred", "option-missing", None),
    "AsN": ("assigns", "none", "inferred", None, (A,)),       # "assigns" ticked, the attached option struck
    "AsC": ("assigns", "attached", "inferred", None, (A,)),   # "assigns" ticked, "no comments" struck
    "-": (None, None, "missing", None, ()),
    "X": (None, None, "conflict", None, (A, D)),
    "XN": (None, None, "conflict", None, (D, N)),
    "?": (None, None, "unclear", None, None),
}
MESSAGES = {"missing": "no box is marked", "conflict": "both boxes are marked", "unclear": "the marks cannot be read",
            "inferred": "the intent is clear but the form was not filled as asked",
            "option-missing": "assigns, but neither option is marked",
            "option-conflict": "assigns, and both options are marked",
            "option-unclear": "assigns, but the option marks cannot be read"}


def ticks(answers):
    """Box indices (0..31) a person ticks for a list of answer codes."""
    return [4 * t + b for t, code in enumerate(answers) for b in ANSWER[code][4]]


def sig(name, title, place, date_text, date_iso):
    return {"name": name, "title": title, "place": place, "date_text": date_text, "date": date_iso}


SIGS = {
    "FRA": sig("Jean Dupont", "Directeur des affaires internationales", "Paris", "15 August 2024", "2024-08-15"),
    "NER": sig("Aïssata Maïga", "Directrice générale des télécommunications", "Niamey", "2024-08-20", "2024-08-20"),
    "KOR": sig("Kim Min-jun", "Director, International Cooperation", "Seoul", "9 August 2024", "2024-08-09"),
    "BRA": sig("Ana Souza", "Superintendente de Outorga", "Brasília", "1 August 2024", "2024-08-01"),
    "DEU": sig("Dr. Klaus Weber", "Referatsleiter", "Bonn", "12 July 2024", "2024-07-12"),
    "JPN": sig("Sato Hiroshi", "Director, ITU Affairs", "Tokyo", "August 19, 2024", "2024-08-19"),
    "IND": sig("Priya Sharma", "Deputy Director General (Standards)", "New Delhi", "16 August 2024", "2024-08-16"),
    "CAN": sig("Emily Tremblay", "Senior Director, Standards", "Ottawa", "2024-07-30", "2024-07-30"),
    "ITA": sig("Marco Rossi", "Dirigente", "Roma", "5 August 2024", "2024-08-05"),
    "ESP": sig("Lucía García", "Subdirectora General", "Madrid", "13 August 2024", "2024-08-13"),
    "MEX": sig("José Hernández", "Titular de la Unidad", "Ciudad de México", "14 August 2024", "2024-08-14"),
    "GBR": sig("Oliver Smith", "Head of Standards Policy", "London", "20 August 2024", "2024-08-20"),
    "USA": sig("Michael Johnson", "Director, Multilateral Affairs", "Washington", "August 2, 2024", "2024-08-02"),
    "CHN": sig("Li Wei", "Deputy Director-General", "Beijing", "8 August 2024", "2024-08-08"),
    "ISL": sig("Guðrún Jónsdóttir", "Head of Division", "Reykjavík", "14 August 2024", "2024-08-14"),
    "NZL": sig("Aroha Williams", "Principal Advisor", "Wellington", "16 August 2024", "2024-08-16"),
    "ZAF": sig("Thabo Nkosi", "Chief Director", "Pretoria", "7 August 2024", "2024-08-07"),
    "EGY": sig("Ahmed Hassan", "Vice President", "Cairo", "11 August 2024", "2024-08-11"),
    "ARG": sig("Martín Fernández", "Director Nacional", "Buenos Aires", "21 August 2024", "2024-08-21"),
    "AUS": sig(None, None, "Canberra", "6 August 2024", "2024-08-06"),
    "CHE": sig("Anna Müller", "Head of International Affairs", "Bern", None, None),
    "NGA": sig("Chinedu Okafor", "Director, New Media", "Abuja", "28 August 2024", "2024-08-28"),
    "POL": sig("Katarzyna Nowak", "Naczelnik Wydziału", "Warszawa", "03/04/2024", None),
    "TUR": sig("Mehmet Yılmaz", "Daire Başkanı", "Ankara", "15 August 2024", "2024-08-15"),
    "RUS": sig("Ivan Petrov", "Deputy Director", "Moscow", "10 August 2024", "2024-08-10"),
    "NOR": sig("Ingrid Hansen", "Senior Adviser", "Oslo", "9 August 2024", "2024-08-09"),
    "DNK": sig("Lars Nielsen", "Chief Adviser", "Copenhagen", "13 August 2024", "2024-08-13"),
    "FIN": sig("Mikko Virtanen", "Ministerial Adviser", "Helsinki", "14 August 2024", "2024-08-14"),
    "LUX": sig("Sophie Schmit", "Conseiller de direction", "Luxembourg", "12 August 2024", "2024-08-12"),
    "AUT": sig("Stefan Gruber", "Abteilungsleiter", "Wien", "2 August 2024", "2024-08-02"),
    "BEL": sig("Pieter Peeters", "Adviseur-generaal", "Brussels", "16 August 2024", "2024-08-16"),
    "NLD": sig("Daan de Vries", "Senior beleidsmedewerker", "Den Haag", "15 August 2024", "2024-08-15"),
    "PRT": sig("João Silva", "Diretor", "Lisboa", "19 August 2024", "2024-08-19"),
    "IRL": sig("Aoife Murphy", "Principal Officer", "Dublin", "17 August 2024", "2024-08-17"),
    "GRC": sig("Giorgos Papadopoulos", "Director General", "Athens", "18 August 2024", "2024-08-18"),
    "HUN": sig("Nagy Péter", "Főosztályvezető", "Budapest", "20 August 2024", "2024-08-20"),
    "CZE": sig("Jan Novák", "Ředitel odboru", "Praha", "19 August 2024", "2024-08-19"),
    "ROU": sig("Andrei Popescu", "Director", "București", "14 August 2024", "2024-08-14"),
    "JOR": sig("Omar Khalil", "Director of International Relations", "Ramallah", "10 August 2024", "2024-08-10"),
    "KEN": sig("Wanjiru Kamau", "Director, Licensing", "Nairobi", "12 August 2024", "2024-08-12"),
    "UKR": sig("Olena Shevchenko", "Head of Department", "Kyiv", "16 August 2024", "2024-08-16"),
    "SWE": sig("Erik Johansson", "Departementssekreterare", "Stockholm", "15 August 2024", "2024-08-15"),
    "MAR": sig("Youssef El Amrani", "Chef de Division", "Rabat", "14 August 2024", "2024-08-14"),
    "SEN": sig("Mamadou Diop", "Directeur des Télécommunications", "Dakar", "12 August 2024", "2024-08-12"),
    "CHL": sig("Camila Rojas", "Jefa de División", "Santiago", "13 August 2024", "2024-08-13"),
    "THA": sig("Somchai Suksawat", "Director, Standards Bureau", "Bangkok", "16 August 2024", "2024-08-16"),
    "IDN": sig("Budi Santoso", "Director of Standardization", "Jakarta", "15 August 2024", "2024-08-15"),
    "VNM": sig("Nguyen Van An", "Deputy Director", "Hanoi", "13 August 2024", "2024-08-13"),
    "PHL": sig("Maria Santos", "Assistant Secretary", "Manila", "12 August 2024", "2024-08-12"),
}
SAMPLES = []   # dicts: name, ext, state, source, answers, evidence, sig, problems, member_state


def sample(name, ext, state, answers, evidence, *, source="metadata", sender=None, problems=(), sig_of=None):
    """Registers the truth about one sample.  answers: 8 codes of ANSWER;
    evidence: one word, or a list of 8.  sender: iso3 of the true sender
    (default state; None: no Member State)."""
    assert len(answers) == 8, name
    SAMPLES.append({"name": name, "ext": ext, "state": state, "source": source,
                    "sender": state if sender is None else sender or None, "answers": answers,
                    "evidence": evidence if isinstance(evidence, list) else [evidence] * 8,
                    "sig": SIGS[sig_of or state], "problems": list(problems)})
    return os.path.join(OUT, "%s.%s" % (name, ext))


def expected(s):
    path = os.path.join(OUT, "%s.%s" % (s["name"], s["ext"]))
    with open(path, "rb") as fp:
        sha = hashlib.sha256(fp.read()).hexdigest()
    texts, problems = [], []
    complete = True
    for (rec, alias), code, ev in zip(RECS, s["answers"], s["evidence"]):
        au, co, st, opt, _ = ANSWER[code]
        texts.append({"rec": rec, "alias": alias, "authority": au, "comments": co, "status": st,
                      "evidence": ev if st in ("ok", "inferred") else None})
        if st != "ok":
            problems.append({"code": st, "rec": rec, "message": "%s: %s" % (rec, MESSAGES[st])})
        if opt:
            problems.append({"code": opt, "rec": rec, "message": "%s: %s" % (rec, MESSAGES[opt])})
        complete &= st == "ok" and opt is None
    g = s["sig"]
    if g["name"] is None:
        problems.append({"code": "unsigned", "rec": None, "message": "no signatory name"})
    if g["date"] is None and "ambiguous-date" not in s["problems"]:
        problems.append({"code": "undated", "rec": None, "message": "no date"})
    if g["date"] and g["date"] > "2024-08-21":
        problems.append({"code": "late", "rec": None, "message": "dated %s, after the deadline" % g["date"]})
    msgs = {"ambiguous-date": "the date %s could be 3 April or 4 March 2024" % g["date_text"],
            "non-member": "sent by Palestine, which is not an ITU Member State",
            "sender-mismatch": "the form was made for France but names the Administration of Germany",
            "unknown-sender": "the sender is not named"}
    problems += [{"code": p, "rec": None, "message": msgs[p]} for p in s["problems"]]
    ms = None
    if s["sender"]:
        ms = {"iso3": s["sender"], "name": NAMES[s["sender"]], "source": s["source"]}
    complete &= ms is not None and g["name"] is not None and g["date"] is not None
    complete &= not ({"non-member", "sender-mismatch"} & set(s["problems"]))
    return {"file": path, "sha256": sha, "format": s["ext"], "status": "read", "consultation": CONSULTATION,
            "member_state": ms, "texts": texts,
            "signatory": {"name": g["name"], "title": g["title"], "place": g["place"], "date": g["date"]},
            "complete": bool(complete), "problems": problems}


# ---- how each sample is made ----------------------------------------------------------------------

def fill_args(g):
    a = []
    for k in ("name", "title", "place"):
        if g[k]:
            a += ["--" + k, g[k]]
    if g["date_text"]:
        a += ["--date", g["date_text"]]
    return a


def q(args):
    return " ".join("'%s'" % x.replace("'", "'\\''") for x in args)


class Maker:
    def __init__(self, annex2, work):
        self.annex2, self.work = annex2, work
        self.jobs, self.post = [], []

    def form(self, iso3, ext):
        return os.path.join(self.work, "forms", "%s.%s" % (iso3, ext))

    def tmp(self, name):
        return os.path.join(self.work, name)

    # LibreOffice, through lo_driver (queued; all run in one start)
    def lo(self, *args):
        self.jobs.append(q(args))

    def lo_fill_tick(self, iso3, src_ext, out, boxes, flag_boxes=(), sig_of=None):
        """Fills the fields and ticks `boxes` in LibreOffice, as a person does;
        flag_boxes get the content control flag only (the glyph left stale)."""
        filled = self.tmp("%s-filled.%s" % (os.path.basename(out), src_ext))
        self.lo("fill", self.form(iso3, src_ext), filled, *fill_args(SIGS[sig_of or iso3]))
        self.lo("tick", filled, out, ",".join([str(b) for b in boxes] + ["~%d" % b for b in flag_boxes]))

    # Word, by XML edits
    def word(self, iso3, sig_of=None):
        f = dx.Form(dx.Package(self.form(iso3, "docx")))
        g = SIGS[sig_of or iso3]
        for tag, k in (("from-name", "name"), ("from-title", "title"), ("name", "name"), ("title", "title"),
                       ("place", "place"), ("date", "date_text")):
            if g[k]:
                f.fill(tag, g[k])
        dx.word_saved(f.pkg)
        return f


def make_all(m):
    # --- 1. ticked in real LibreOffice through UNO --------------------------------------------------
    ev = "content-control"
    a = ["AN"] * 8
    m.lo_fill_tick("FRA", "docx", sample("fra-lo-ticked", "docx", "FRA", a, ev), ticks(a))
    m.lo_fill_tick("NER", "odt", sample("ner-lo-ticked", "odt", "NER", a, ev), ticks(a))
    a = ["AN", "D", "AC", "D", "AN", "AN", "D", "AC"]
    m.lo_fill_tick("KOR", "docx", sample("kor-lo-mixed", "docx", "KOR", a, ev), ticks(a))
    a = ["D", "AN", "AN", "AC", "D", "AN", "AC", "AN"]
    m.lo_fill_tick("BRA", "odt", sample("bra-lo-mixed", "odt", "BRA", a, ev), ticks(a))
    a = ["AC"] * 8
    m.lo_fill_tick("DEU", "docx", sample("deu-lo-comments", "docx", "DEU", a, ev), ticks(a))
    a = ["AC", "AN"] * 4
    m.lo_fill_tick("JPN", "odt", sample("jpn-lo-comments", "odt", "JPN", a, ev), ticks(a))
    a = ["D", "D", "AN", "AN", "AC", "AC", "D", "AN"]   # DOCX form, saved by LibreOffice as ODT
    m.lo_fill_tick("IND", "docx", sample("ind-lo-docx-saved-as-odt", "odt", "IND", a, ev), ticks(a))
    a = ["AN", "AC", "D", "AN", "AN", "AC", "D", "D"]   # ODT form, saved as DOCX
    m.lo_fill_tick("CAN", "odt", sample("can-lo-odt-saved-as-docx", "docx", "CAN", a, ev), ticks(a))
    a = ["AN", "D", "AN", "D", "AC", "AN", "AN", "AN"]  # DOCX -> ODT -> DOCX, each step by LibreOffice
    out = sample("ita-lo-resaved-docx-odt-docx", "docx", "ITA", a, ev)
    m.lo_fill_tick("ITA", "docx", m.tmp("ita-1.docx"), ticks(a))
    m.lo("convert", m.tmp("ita-1.docx"), m.tmp("ita-2.odt"))
    m.lo("convert", m.tmp("ita-2.odt"), out)
    # the flag set without the glyph: X.1237 both its boxes, X.1283 its option
    a = ["?", "A?"] + ["AN"] * 6
    out = sample("esp-lo-flag-without-glyph", "docx", "ESP", a, ev)
    m.lo_fill_tick("ESP", "docx", out, [4] + ticks(["-", "-"] + a[2:]), flag_boxes=[0, 1, 5])
    a = ["AN", "AN", "?", "AN", "AN", "?", "AN", "AN"]  # X.1353 "does not assign", X.1471 "assigns": flag only
    out = sample("mex-lo-flag-without-glyph", "odt", "MEX", a, ev)
    m.lo_fill_tick("MEX", "odt", out, [b for b in ticks(["AN"] * 8) if b not in (8, 9, 20)],
                   flag_boxes=[11, 20])
    a = ["X", "AN", "AN", "X", "AN", "XN", "AN", "AN"]
    m.lo_fill_tick("GBR", "docx", sample("gbr-lo-both-boxes", "docx", "GBR", a, ev), ticks(a) + [1])
    a = ["AN", "AN", "-", "AN", "AN", "AN", "-", "AN"]
    m.lo_fill_tick("USA", "odt", sample("usa-lo-some-missing", "odt", "USA", a, ev), ticks(a))
    a = ["-"] * 8
    m.lo_fill_tick("CHN", "docx", sample("chn-lo-nothing-ticked", "docx", "CHN", a, ev), [])
    a = ["iN", "AN", "AN", "AN", "iC", "AN", "AN", "AN"]
    m.lo_fill_tick("ZAF", "docx", sample("zaf-lo-option-without-box", "docx", "ZAF", a, ev), ticks(a))
    a = ["AN", "A-", "A-", "D", "AN", "AN", "D", "AN"]
    m.lo_fill_tick("EGY", "odt", sample("egy-lo-option-missing", "odt", "EGY", a, ev), ticks(a))
    a = ["AN", "AN", "AN", "A!", "AN", "AN", "AN", "AN"]
    m.lo_fill_tick("ARG", "docx", sample("arg-lo-both-options", "docx", "ARG", a, ev), ticks(a))
    a = ["AN"] * 8
    m.lo_fill_tick("AUS", "docx", sample("aus-lo-unsigned", "docx", "AUS", a, ev), ticks(a))
    m.lo_fill_tick("CHE", "odt", sample("che-lo-undated", "odt", "CHE", a, ev), ticks(a))
    m.lo_fill_tick("NGA", "docx", sample("nga-lo-late", "docx", "NGA", a, ev), ticks(a))
    m.lo_fill_tick("POL", "odt", sample("pol-lo-ambiguous-date", "odt", "POL", a, ev, problems=["ambiguous-date"]),
                   ticks(a))
    a = ["AN", "D", "AN", "AC", "AN", "D", "AN", "AN"]  # then meta:user-defined removed
    out = sample("tur-lo-no-metadata", "odt", "TUR", a, ev, source="text")
    m.lo_fill_tick("TUR", "odt", m.tmp("tur.odt"), ticks(a))
    m.post.append(lambda out=out: strip_odt_meta(m.tmp("tur.odt"), out))
    a = ["AN", "AC", "D", "AN", "AN", "D", "AC", "AN"]  # its text pasted into a fresh document
    out = sample("mar-text-pasted-into-new-document", "docx", "MAR", a, "glyph", source="text")
    m.lo_fill_tick("MAR", "docx", m.tmp("mar.docx"), ticks(a))
    m.lo("convert", m.tmp("mar.docx"), m.tmp("mar.txt"))
    m.post.append(lambda out=out: dx.plain_docx(open(m.tmp("mar.txt"), encoding="utf-8-sig").read().splitlines(), out))

    a = ["AN", "AC", "D", "AN", "D", "AN", "AN", "AC"]  # DOCX saved by LibreOffice, reopened and saved again
    out = sample("phl-lo-docx-resaved-twice", "docx", "PHL", a, ev)
    m.lo_fill_tick("PHL", "docx", m.tmp("phl-1.docx"), ticks(a))
    m.lo("convert", m.tmp("phl-1.docx"), out)
    # ODT filled in LibreOffice, then boxes replaced by a typed X / paragraphs struck through
    a = ["AN", "D", "AC", "AN", "AN", "D", "AN", "AC"]
    out = sample("idn-odt-typed-x-for-box", "odt", "IDN", a, "text")
    m.lo("fill", m.form("IDN", "odt"), m.tmp("idn.odt"), *fill_args(SIGS["IDN"]))
    m.post.append(lambda out=out, a=a: odt_edit(m.tmp("idn.odt"), out, [(b, "X") for b in ticks(a)], []))
    a = ["iN", "iD", "iC", "iN", "iN", "iD", "iN", "iN"]
    out = sample("vnm-odt-unchosen-struck-through", "odt", "VNM", a, "struck")
    m.lo("fill", m.form("VNM", "odt"), m.tmp("vnm.odt"), *fill_args(SIGS["VNM"]))
    keep = {"iN": (A, N), "iC": (A, C), "iD": (D,)}
    m.post.append(lambda out=out, a=a, keep=keep: odt_edit(m.tmp("vnm.odt"), out, [], [
        4 * t + b for t, code in enumerate(a) for b in range(4) if b not in keep[code]]))

    # --- 2. edited as Word does (XML) ----------------------------------------------------------------
    for iso3, name, how in (("RUS", "rus-word-ticked", "word"), ("NOR", "nor-word-checked-without-val", "noval"),
                            ("DNK", "dnk-word-checked-true", "true"), ("FIN", "fin-lo-block-sdt-wval-bug", "wval")):
        a = {"RUS": ["AN", "D", "AC", "AN", "D", "AN", "AC", "AN"], "NOR": ["AC", "AN", "AN", "D", "AN", "AN", "AN", "AC"],
             "DNK": ["D", "D", "AN", "AN", "AN", "AC", "AN", "AN"], "FIN": ["AN", "AN", "AC", "AN", "D", "AN", "AN", "AN"]}[iso3]
        f = m.word(iso3)
        for b in ticks(a):
            f.tick(b, how)
        f.save(sample(name, "docx", iso3, a, "content-control"))
    # glyph shown ticked but the flag unchecked: X.1237 "assigns"; X.1354 "no comments"
    a = ["?", "AN", "AN", "A?", "AN", "AN", "D", "AN"]
    f = m.word("LUX")
    for b in ticks(["-", "AN", "AN", "A-", "AN", "AN", "D", "AN"]):
        f.tick(b)
    f.tick(0, "glyph"), f.tick(13, "glyph")
    f.save(sample("lux-word-glyph-without-flag", "docx", "LUX", a, "content-control"))
    # an X typed in place of the chosen boxes
    a = ["AN", "AC", "D", "AN", "AN", "D", "AN", "AC"]
    f = m.word("AUT")
    for b in sorted(ticks(a), reverse=True):
        f.replace_box(b, "X")
    f.save(sample("aut-typed-x-for-box", "docx", "AUT", a, "text"))
    # glyphs typed in place of the chosen boxes: ☒, ✓; and every box retyped as ■/□
    for iso3, name, mark in (("BEL", "bel-glyph-ballot-x", "\u2612"), ("NLD", "nld-glyph-check-mark", "\u2713")):
        a = {"BEL": ["AN", "AN", "D", "AC", "AN", "AN", "AN", "D"], "NLD": ["AC", "D", "AN", "AN", "AN", "D", "AN", "AN"]}[iso3]
        f = m.word(iso3)
        for b in sorted(ticks(a), reverse=True):
            f.replace_box(b, mark, keep_font=True)
        f.save(sample(name, "docx", iso3, a, "glyph"))
    a = ["AN", "D", "AN", "AC", "AN", "AN", "D", "AN"]
    f = m.word("PRT")
    on = set(ticks(a))
    for b in range(31, -1, -1):
        f.replace_box(b, "\u25a0" if b in on else "\u25a1")
    f.save(sample("prt-glyph-squares-no-controls", "docx", "PRT", a, "glyph"))
    # the choices not made deleted: X.1237-X.1384 only deleted, X.1471-X.1820 deleted and ticked
    a = ["iN", "iD", "iC", "iN", "AN", "D", "AC", "AN"]
    f = m.word("IRL")
    for t, code in reversed(list(enumerate(a))):  # from the end: deleting a box renumbers the later ones
        keep = {"iN": (A, N), "iC": (A, C), "iD": (D,), "AN": (A, N), "AC": (A, C), "D": (D,)}[code]
        if code in ("AN", "AC", "D"):
            for b in keep:
                f.tick(4 * t + b)
        for b in (3, 2, 1, 0):
            if b not in keep:
                f.delete(4 * t + b)
    f.save(sample("irl-unchosen-deleted", "docx", "IRL", a,
                  ["deleted"] * 4 + ["content-control"] * 4))
    # struck through instead of ticked; X.1820: only "does not assign" struck
    a = ["iN", "iD", "iC", "iN", "iD", "iN", "iC", "iA-"]
    f = m.word("GRC")
    for t, code in enumerate(a):
        keep = {"iN": (A, N), "iC": (A, C), "iD": (D,), "iA-": (A, N, C)}[code]
        for b in range(4):
            if b not in keep:
                f.strike(4 * t + b)
    f.save(sample("grc-unchosen-struck-through", "docx", "GRC", a, "struck"))
    # tracked changes: X.1237-X.1354 the unchosen paragraphs deleted (w:del);
    # X.1384-X.1820 an X typed at the end of the chosen labels (w:ins)
    a = ["iN", "iC", "iN", "iN", "AN", "D", "AC", "D"]
    f = m.word("HUN")
    for t, code in enumerate(a[:4]):
        for b in {"iN": (C, D), "iC": (N, D)}[code]:
            f.tracked_delete(4 * t + b)
    for t, code in enumerate(a[4:], 4):
        for b in ANSWER[code][4]:
            f.append(4 * t + b, " X", tracked="ins")
    f.save(sample("hun-tracked-changes", "docx", "HUN", a, ["deleted"] * 4 + ["text"] * 4))
    # changed mind with track changes on: the first X deleted, another inserted
    a = ["D", "AC", "AN", "AN", "D", "AN", "AN", "AN"]
    f = m.word("CZE")
    f.append(0, " X", tracked="del"), f.append(3, " X", tracked="ins")
    f.append(4, " X"), f.append(5, " X", tracked="del"), f.append(6, " X", tracked="ins")
    for b in ticks(a[2:]):
        f.tick(8 + b)
    f.save(sample("cze-tracked-changed-mind", "docx", "CZE", a, ["text", "text"] + ["content-control"] * 6))
    # highlighting alone on X.1237 and X.1283 "assigns"
    a = ["?", "?", "AN", "AN", "D", "AN", "AN", "AN"]
    f = m.word("SWE")
    f.highlight(0), f.highlight(4)
    for b in ticks(["-", "-"] + a[2:]):
        f.tick(b)
    f.save(sample("swe-highlighted-not-ticked", "docx", "SWE", a, "content-control"))
    # custom properties removed: the sender is the visible "Administration of Romania"
    a = ["AN", "AN", "D", "AN", "AC", "AN", "AN", "D"]
    f = m.word("ROU")
    for b in ticks(a):
        f.tick(b)
    f.pkg.drop("docProps/custom.xml")
    f.save(sample("rou-word-no-metadata", "docx", "ROU", a, "content-control", source="text"))
    # a non-member: the form of Jordan, retyped for the Administration of Palestine, metadata removed
    a = ["AN", "AN", "AN", "D", "AN", "AN", "AN", "AN"]
    f = m.word("JOR")
    for b in ticks(a):
        f.tick(b)
    f.replace_text("Administration of Jordan", "Administration of Palestine")
    f.replace_text("TSB Circular 195 / JOR", "TSB Circular 195")
    f.pkg.drop("docProps/custom.xml")
    core = f.pkg.text("docProps/core.xml").replace("Jordan", "Palestine").replace(" / JOR", "")
    f.pkg.put("docProps/core.xml", core)
    f.save(sample("pse-non-member", "docx", "JOR", a, "content-control", source="text", sender="",
                  problems=["non-member"]))
    # sender mismatch: made for France (metadata), signed for the Administration of Germany
    a = ["AN", "D", "AN", "AN", "AN", "AC", "AN", "AN"]
    f = m.word("FRA", sig_of="DEU")
    for b in ticks(a):
        f.tick(b)
    f.replace_text("Administration of France", "Administration of Germany")
    f.save(sample("fra-signed-for-germany", "docx", "FRA", a, "content-control", sender="",
                  problems=["sender-mismatch"], sig_of="DEU"))
    # both boxes, and "does not assign" with an option, ticked in Word
    a = ["X", "AN", "XN", "AN", "X", "AN", "AN", "D"]
    f = m.word("KEN")
    for b in ticks(a):
        f.tick(b)
    f.save(sample("ken-word-both-boxes", "docx", "KEN", a, "content-control"))
    # options ticked in Word without their "assigns" box
    a = ["iN", "iC", "iN", "AN", "iN", "D", "iC", "AN"]
    f = m.word("UKR")
    for b in ticks(a):
        f.tick(b)
    f.save(sample("ukr-word-option-without-box", "docx", "UKR", a, "content-control"))

    # --- 3. the Secretariat's own Word form ------------------------------------------------------------
    itu_samples(m)
    struck_option_samples(m)


def itu_fill(f, iso3):
    g = SIGS[iso3]
    f.replace_text("[Name]", g["name"])
    f.replace_text("[Official role/title]", g["title"])
    f.replace_text("[Address]", g["place"])
    f.replace_text("[Place,] [Date]", "%s, %s" % (g["place"], g["date_text"]))
    f.replace_text("[Member State]", NAMES[iso3])


def itu_samples(m):
    def form():
        return dx.ItuForm(dx.Package(ITU_FORM))

    def mark(f, answers, box_fn, option_text):
        for t, code in enumerate(answers):
            boxes = ANSWER[code][4]
            if A in boxes:
                box_fn(f, 2 * t)
            if D in boxes:
                box_fn(f, 2 * t + 1)
        f.mark_options({2 * t + b - 1: option_text for t, code in enumerate(answers)
                        for b in ANSWER[code][4] if b in (N, C)})

    # Word: legacy boxes <w:checked/>, options: the circle replaced by ☒
    a = ["AN", "AC", "D", "AN", "AN", "AN", "D", "AC"]
    f = form()
    itu_fill(f, "SEN")
    mark(f, a, lambda f, k: f.check(k), "\u2612")
    f.save(sample("itu-form-sen-word", "docx", "SEN", a, "form-field", source="text"))
    # Word: options marked by typing X over the circle; X.1384 only an option marked
    a = ["AN", "D", "AC", "AN", "iN", "AN", "D", "AN"]
    f = form()
    itu_fill(f, "CHL")
    mark(f, a, lambda f, k: f.check(k), "X")
    f.save(sample("itu-form-chl-typed-x", "docx", "CHL", a,
                  ["form-field"] * 4 + ["text"] + ["form-field"] * 3, source="text"))
    # the circles replaced by ☒ in Word, then the boxes ticked in LibreOffice, saved as ODT and DOCX
    a = ["AN", "AN", "D", "AC", "AN", "D", "AN", "AN"]
    f = form()
    itu_fill(f, "THA")
    mark(f, a, lambda f, k: None, "\u2612")
    f.save(m.tmp("tha.docx"))
    boxes = [2 * t + (1 if code == "D" else 0) for t, code in enumerate(a)]
    m.lo("tick", m.tmp("tha.docx"), sample("itu-form-tha-lo", "odt", "THA", a, "form-field", source="text"),
         ",".join(map(str, boxes)), "--also",
         sample("itu-form-tha-lo-saved-as-docx", "docx", "THA", a, "form-field", source="text"))


def struck_option_samples(m):
    """ "assigns" ticked and no option ticked, the other option struck through:
    the option is read from the strike alone, so the text is inferred and the
    reply not complete (issue 12).  Word's strike (DOCX, XML edit) and
    LibreOffice's (ODT ticked in LibreOffice, then struck)."""
    a = ["AsN", "AN", "AsC", "D", "AN", "AsN", "AC", "AN"]
    f = m.word("ISL")
    for b in ticks(a):
        f.tick(b)
    for t, code in enumerate(a):
        if code in ("AsN", "AsC"):
            f.strike(4 * t + (C if code == "AsN" else N))
    f.save(sample("isl-word-option-decided-by-strike", "docx", "ISL", a, "content-control"))
    a = ["AN", "AsC", "AN", "AsN", "D", "AN", "AsN", "AC"]
    out = sample("nzl-lo-option-decided-by-strike", "odt", "NZL", a, "content-control")
    m.lo_fill_tick("NZL", "odt", m.tmp("nzl.odt"), ticks(a))
    m.post.append(lambda out=out, a=a: odt_edit(m.tmp("nzl.odt"), out, [], [
        4 * t + (C if code == "AsN" else N) for t, code in enumerate(a) if code in ("AsN", "AsC")]))


def odt_edit(src, out, typed, struck):
    f = dx.OdtForm(dx.Package(src), [r for r, _ in RECS])
    for b, text in typed:
        f.replace_box(b, text)
    for b in struck:
        f.strike(b)
    f.save(out)


def strip_odt_meta(src, out):
    p = dx.Package(src)
    meta = re.sub(r"<meta:user-defined [^>]*>[^<]*</meta:user-defined>", "", p.text("meta.xml"))
    p.put("meta.xml", meta)
    p.save(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_samples.py path/to/annex2 (run from the repository root)")
    annex2 = os.path.abspath(sys.argv[1])
    if not os.path.isfile(ITU_FORM) or not os.path.isfile(LO):
        sys.exit("make_samples.py: run from the repository root (no %s or %s here)" % (ITU_FORM, LO))
    work = tempfile.mkdtemp(prefix="annex2_samples_")
    try:
        # English forms: these samples are of the English form (each state
        # gets its own language by default; make_lang_samples.py makes those)
        subprocess.run([annex2, "generate", "--lang", "en", "--only", ",".join(sorted(set(SIGS) - {"SEN", "CHL", "THA"})),
                        "-o", os.path.join(work, "forms")], check=True, stdout=subprocess.DEVNULL)
        for f in os.listdir(OUT):
            if f.endswith((".docx", ".odt", ".expected.json")):
                os.unlink(os.path.join(OUT, f))
        m = Maker(annex2, work)
        make_all(m)
        with open(os.path.join(work, "jobs.txt"), "w", encoding="utf-8") as fp:
            fp.write("\n".join(m.jobs) + "\n")
        r = subprocess.run(["/usr/bin/python3", LO, "--timeout", "900", "batch", os.path.join(work, "jobs.txt")])
        if r.returncode != 0:
            sys.exit("make_samples.py: LibreOffice jobs failed (status %d)" % r.returncode)
        for fn in m.post:
            fn()
        for s in SAMPLES:
            with open(os.path.join(OUT, s["name"] + ".expected.json"), "w", encoding="utf-8") as fp:
                json.dump(expected(s), fp, ensure_ascii=False, indent=1)
                fp.write("\n")
        print("make_samples.py: %d samples in %s" % (len(SAMPLES), OUT))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
