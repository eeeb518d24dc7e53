#!/usr/bin/python3
"""make_lang_samples.py ANNEX2 -- the replies in the six ITU languages of
samples/returned/ (issue 15), with their expected records.

Each is a form that ANNEX2 generates in the Member State's language (ar, zh,
ru, es, fr, and an English form sent back by a French-speaking state),
filled by XML edits the way Word leaves it (samples/tools/docx_edit.py):
content controls ticked, boxes replaced by a typed X or a ballot glyph, an
option struck through, the "assigns" sentence deleted (the negation trap:
only "does not assign" is left), the signature and a date in the language's
own way (Arabic-Indic digits, 年月日, "9 августа 2024 г.").  The expected
records come from the truth table here (make_samples.py's ANSWER), never
from annex2's output; "lang" is the language of the form.

Three more a language (make_more): a form filled as Word leaves it, then
ticked and saved by real LibreOffice (tests/lo/lo_driver.py, one start, as
DOCX or ODT); tracked changes (the unchosen paragraphs deleted, an X
inserted); the negation traps (the "assigns" sentence deleted where the
Administration does not assign: only the negative one, "不授权", "не
предоставляет", "no autoriza", "n'autorise pas", is left and ticked);
ballot glyphs and typed marks; the Administration named by its formal name
("Администрация Республики Узбекистан", "中华人民共和国主管部门", "Administración
del Estado Plurinacional de Bolivia") with the form's identifiers removed; and
an Arabic form signed for "la République tunisienne" in French.  New CHN
replies are dated before the earlier ones, so that they do not supersede them.

Deterministic: the same ANNEX2 gives the same files (LibreOffice's saves
aside: its files carry the time they were saved).
Run from the repository root: samples/tools/make_lang_samples.py build/annex2
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docx_edit as dx  # noqa: E402
import make_samples as ms  # noqa: E402

A, N, C, D = ms.A, ms.N, ms.C, ms.D

ms.NAMES.update({"EGY": "Egypt", "SAU": "Saudi Arabia", "CHN": "China", "KAZ": "Kazakhstan",
                 "MEX": "Mexico", "MAR": "Morocco", "CIV": "Côte d'Ivoire"})
# signatures: name, title, place, the date as typed, the date read
SIGS = {
    "EGY": ms.sig("أحمد محمود", "مدير الشؤون الدولية", "القاهرة", "٩ أغسطس ٢٠٢٤", "2024-08-09"),
    "SAU": ms.sig("فهد العتيبي", "وكيل الوزارة", "الرياض", "15/08/2024", "2024-08-15"),
    "MAR": ms.sig("يوسف بنعلي", "مدير التقنين", "الرباط", "١٢ آب ٢٠٢٤", "2024-08-12"),
    "CHN": ms.sig("王伟", "国际合作司司长", "北京", "2024年8月9日", "2024-08-09"),
    "RUS": ms.sig("Иван Петров", "Директор департамента", "Москва", "9 августа 2024 г.", "2024-08-09"),
    "KAZ": ms.sig("Асель Нурланова", "Заместитель министра", "Астана", "14.08.2024", "2024-08-14"),
    "ARG": ms.sig("Lucía Fernández", "Directora de Relaciones Internacionales", "Buenos Aires",
                  "9 de agosto de 2024", "2024-08-09"),
    "MEX": ms.sig("Jorge Ramírez", "Titular de la Unidad de Política Regulatoria", "Ciudad de México",
                  "16 de agosto de 2024", "2024-08-16"),
    "SEN": ms.sig("Awa Ndiaye", "Directrice des télécommunications", "Dakar", "20/08/2024", "2024-08-20"),
    "CIV": ms.sig("Koffi Yao", "Directeur général", "Abidjan", "13 août 2024", "2024-08-13"),
}
SIGS.update({
    "ARE": ms.sig("مريم الكعبي", "مديرة إدارة المعايير", "أبوظبي", "١٨/٠٨/٢٠٢٤", "2024-08-18"),
    "JOR": ms.sig("خالد الزعبي", "مدير العلاقات الدولية", "عمان", "١١ آب ٢٠٢٤", "2024-08-11"),
    "TUN": ms.sig("Sami Ben Salah", "Directeur général des technologies", "Tunis", "14 août 2024", "2024-08-14"),
    "CHN5": ms.sig("张敏", "标准化处处长", "北京", "2024年8月5日", "2024-08-05"),
    "CHN6": ms.sig("刘洋", "国际合作司副司长", "北京", "2024年8月6日", "2024-08-06"),
    "CHN7": ms.sig("陈静", "标准化处副处长", "北京", "2024年8月7日", "2024-08-07"),
    "BLR": ms.sig("Андрей Ковалёв", "Начальник управления", "Минск", "12.08.2024", "2024-08-12"),
    "UZB": ms.sig("Нодира Каримова", "Заместитель министра", "Ташкент", "«15» августа 2024 г.", "2024-08-15"),
    "ARM": ms.sig("Арам Саргсян", "Руководитель департамента", "Ереван", "13 августа 2024 г.", "2024-08-13"),
    "COL": ms.sig("Valentina Gómez", "Directora de Estándares", "Bogotá", "14 de agosto de 2024", "2024-08-14"),
    "PER": ms.sig("Carlos Quispe", "Director General de Regulación", "Lima", "19/08/2024", "2024-08-19"),
    "BOL": ms.sig("Rosa Mamani", "Jefa de Unidad", "La Paz", "16 de agosto de 2024", "2024-08-16"),
    "MCO": ms.sig("Claire Rossi", "Directrice des communications électroniques", "Monaco", "le 13 août 2024",
                  "2024-08-13"),
    "COD": ms.sig("Jean-Pierre Mbuyi", "Secrétaire général", "Kinshasa", "17/08/2024", "2024-08-17"),
    "DJI": ms.sig("Fatouma Ali", "Directrice des télécommunications", "Djibouti", "18 août 2024", "2024-08-18"),
    "BFA": ms.sig("Issa Ouédraogo", "Directeur de la normalisation", "Ouagadougou", "19 août 2024", "2024-08-19"),
})
ms.NAMES.update({"ARE": "United Arab Emirates", "TUN": "Tunisia", "BLR": "Belarus", "UZB": "Uzbekistan",
                 "ARM": "Armenia", "COL": "Colombia", "PER": "Peru", "BOL": "Bolivia (Plurinational State of)",
                 "MCO": "Monaco", "COD": "Dem. Rep. of the Congo", "DJI": "Djibouti",
                 "BFA": "Burkina Faso"})
ms.SIGS.update(SIGS)
LANGS = {}   # sample name -> the language of its form


def word_form(forms, iso3, lang=None, sig_of=None):
    """A form of forms/ filled with the signature as Word leaves it."""
    path = os.path.join(forms, "%s.docx" % iso3 if lang is None else "%s.%s.docx" % (iso3, lang))
    f = dx.Form(dx.Package(path))
    g = SIGS[sig_of or iso3]
    for tag, k in (("from-name", "name"), ("from-title", "title"), ("name", "name"), ("title", "title"),
                   ("place", "place"), ("date", "date_text")):
        f.fill(tag, g[k])
    dx.word_saved(f.pkg)
    return f


def ticked(f, answers, how="word"):
    for b in ms.ticks(answers):
        f.tick(b, how)


def typed(f, answers, mark, struck=None):
    """The option `struck` (a box index) struck through, then every box
    replaced by text: `mark` for the ones ticked, ☐ for the others."""
    if struck is not None:
        f.strike(struck)
    on = set(ms.ticks(answers))
    for b in reversed(range(32)):
        f.replace_box(b, mark if b in on else "\u2610", keep_font=mark != "X")


def make(forms):
    out = []

    def sample(name, iso3, lang, answers, evidence, f, **kw):
        path = ms.sample(name, "docx", iso3, answers, evidence, **kw)
        f.save(path)
        LANGS[name] = lang
        out.append(name)

    # Arabic: Word's ticks; a typed X with "no comments" struck; only the
    # negative sentence left (the "assigns" paragraphs deleted)
    ans = ["AN", "D", "AC", "AN", "D", "AN", "AC", "AN"]
    f = word_form(forms, "EGY")
    ticked(f, ans)
    sample("egy-ar-word-ticked", "EGY", "ar", ans, "content-control", f)

    ans = ["AC", "AN", "D", "AsC", "AN", "D", "AN", "AC"]
    f = word_form(forms, "SAU")
    typed(f, ans, "X", struck=4 * 3 + N)
    sample("sau-ar-typed-x-struck", "SAU", "ar", ans, ["text"] * 3 + ["text"] + ["text"] * 4, f)

    ans = ["D"] * 8
    f = word_form(forms, "MAR")
    ticked(f, ans)
    for t in reversed(range(8)):
        f.delete(4 * t + A)      # the "assigns" sentence gone: only "لا تخوّل" is left
    sample("mar-ar-negation-only", "MAR", "ar", ans, "content-control", f)

    # Chinese: Word's ticks; ballot glyphs typed (☒/☐) with one option struck
    ans = ["AN", "AN", "D", "AC", "AN", "D", "AN", "AN"]
    f = word_form(forms, "CHN")
    ticked(f, ans)
    sample("chn-zh-word-ticked", "CHN", "zh", ans, "content-control", f)

    ans = ["D", "AC", "AN", "AN", "AsN", "AN", "D", "AC"]
    f = word_form(forms, "CHN")
    typed(f, ans, "\u2612", struck=4 * 4 + C)
    sample("chn-zh-glyph-struck", "CHN", "zh", ans, ["glyph"] * 8, f)

    # Russian: Word's ticks; a typed X, "Администрация Казахстана" named
    # in the text only (the form's identifiers removed)
    ans = ["AN", "AC", "AN", "D", "AN", "AN", "D", "AC"]
    f = word_form(forms, "RUS")
    ticked(f, ans)
    sample("rus-ru-word-ticked", "RUS", "ru", ans, "content-control", f)

    ans = ["D", "AN", "AN", "AC", "D", "AN", "AC", "AN"]
    f = word_form(forms, "KAZ")
    for b in reversed(sorted(ms.ticks(ans))):
        f.replace_box(b, "X")
    f.pkg.drop("docProps/custom.xml")
    sample("kaz-ru-typed-x-no-metadata", "KAZ", "ru", ans, "text", f, source="text")

    # Spanish: Word's ticks; ☒ glyphs, "assigns" ticked and an option struck
    ans = ["AN", "D", "AN", "AC", "AN", "AN", "D", "AN"]
    f = word_form(forms, "ARG")
    ticked(f, ans)
    sample("arg-es-word-ticked", "ARG", "es", ans, "content-control", f)

    ans = ["AC", "AsC", "D", "AN", "AN", "AC", "AN", "D"]
    f = word_form(forms, "MEX")
    typed(f, ans, "\u2612", struck=4 * 1 + N)
    sample("mex-es-glyph-struck", "MEX", "es", ans, ["glyph"] * 8, f)

    # French: Word's ticks; the English form returned by a French-speaking
    # Administration, its name written in French ("Administration du
    # Sénégal"), the identifiers removed
    ans = ["AN", "AN", "AC", "D", "AN", "D", "AN", "AC"]
    f = word_form(forms, "CIV")
    ticked(f, ans)
    sample("civ-fr-word-ticked", "CIV", "fr", ans, "content-control", f)

    ans = ["AC", "D", "AN", "AN", "AC", "AN", "D", "AN"]
    f = word_form(forms, "SEN", "en")
    ticked(f, ans)
    f.xml = f.xml.replace("Administration of Senegal", "Administration du S\u00e9n\u00e9gal")
    f.pkg.drop("docProps/custom.xml")
    sample("sen-en-form-fr-name", "SEN", "en", ans, "content-control", f, source="text")
    return out


def make_more(forms, work, jobs):
    """Three more replies a language (the first two of each are make()'s).
    jobs: LibreOffice's, run afterwards in one start."""
    out = []

    def sample(name, ext, iso3, lang, answers, evidence, f=None, **kw):
        path = ms.sample(name, ext, iso3, answers, evidence, **kw)
        if f is not None:
            f.save(path)
        LANGS[name] = lang
        out.append(name)
        return path

    def lo_ticked(name, ext, iso3, lang, answers, sig_of=None):
        """Filled as Word leaves it, then ticked and saved by LibreOffice."""
        f = word_form(forms, iso3, sig_of=sig_of)
        filled = os.path.join(work, name + "-filled.docx")
        f.save(filled)
        path = sample(name, ext, iso3, lang, answers, "content-control", sig_of=sig_of)
        jobs.append(ms.q(["tick", filled, os.path.abspath(path), ",".join(str(b) for b in ms.ticks(answers))]))

    def negation_only(f, answers):
        """The "assigns" sentence deleted from every text that does not
        assign: only the negative one is left there, and it is ticked.
        (A text whose "assigns" sentence is deleted and nothing ticked reads
        as "does not assign", inferred from the deletion: a reading, not a
        fact, so these samples tick it.)"""
        for b in ms.ticks(answers):
            f.tick(b)
        for t in reversed(range(8)):
            if answers[t] == "D":
                f.delete(4 * t + A)

    def tracked(f, answers):
        """Track changes on: the unchosen paragraphs of the first four
        texts deleted (the intent inferred), an X inserted at the end of
        the chosen labels of the last four."""
        keep = {"iN": (A, N), "iC": (A, C), "iD": (D,)}
        for t, code in enumerate(answers[:4]):
            for b in range(4):
                if b not in keep[code]:
                    f.tracked_delete(4 * t + b)
        for t, code in enumerate(answers[4:], 4):
            for b in ms.ANSWER[code][4]:
                f.append(4 * t + b, " X", tracked="ins")

    def renamed(f, old, new):
        """The Administration named otherwise in the text (its formal name,
        another language), and the form's identifiers removed: the sender
        is read from the text alone."""
        f.replace_text(old, new)
        f.pkg.drop("docProps/custom.xml")

    ev_tracked = ["deleted"] * 4 + ["text"] * 4
    # Arabic: LibreOffice's ticks saved as ODT; tracked changes; the Arabic
    # form signed for the Administration named in French
    lo_ticked("are-ar-lo-ticked", "odt", "ARE", "ar", ["AC", "AN", "D", "AN", "AN", "AC", "D", "AN"])
    ans = ["iN", "iC", "iD", "iN", "AN", "D", "AC", "AN"]
    f = word_form(forms, "JOR")
    tracked(f, ans)
    sample("jor-ar-tracked-changes", "docx", "JOR", "ar", ans, ev_tracked, f)
    ans = ["AN", "AC", "D", "AN", "D", "AN", "AN", "AC"]
    f = word_form(forms, "TUN")
    ticked(f, ans)
    renamed(f, "إدارة تونس", "Administration de la République tunisienne")
    sample("tun-ar-form-fr-formal-name", "docx", "TUN", "ar", ans, "content-control", f, source="text")

    # Chinese (China alone writes in Chinese): LibreOffice's ticks saved as
    # ODT; the negation trap ("不授权" holds "授权"); a typed X and the formal
    # name, the identifiers removed.  Dated before the two of make().
    lo_ticked("chn-zh-lo-ticked-odt", "odt", "CHN", "zh", ["AN", "AC", "AN", "D", "AN", "AN", "AC", "D"],
              sig_of="CHN5")
    ans = ["D", "D", "AN", "D", "D", "AC", "D", "D"]
    f = word_form(forms, "CHN", sig_of="CHN6")
    negation_only(f, ans)
    sample("chn-zh-negation-only", "docx", "CHN", "zh", ans, "content-control", f, sig_of="CHN6")
    ans = ["AN", "D", "AC", "AN", "AN", "D", "AN", "AC"]
    f = word_form(forms, "CHN", sig_of="CHN7")
    typed(f, ans, "X")
    renamed(f, "中国主管部门", "中华人民共和国主管部门")
    sample("chn-zh-typed-x-formal-name", "docx", "CHN", "zh", ans, "text", f, source="text", sig_of="CHN7")

    # Russian: LibreOffice's ticks saved as DOCX; the negation trap with the
    # formal name in the genitive, the identifiers removed; tracked changes
    lo_ticked("blr-ru-lo-ticked", "docx", "BLR", "ru", ["D", "AN", "AC", "AN", "AN", "D", "AN", "AN"])
    ans = ["D", "AN", "D", "D", "D", "D", "AC", "D"]
    f = word_form(forms, "UZB")
    negation_only(f, ans)
    renamed(f, "Администрация Узбекистана", "Администрация Республики Узбекистан")
    sample("uzb-ru-negation-only-formal-name", "docx", "UZB", "ru", ans, "content-control", f, source="text")
    ans = ["iC", "iN", "iN", "iD", "AC", "AN", "D", "AN"]
    f = word_form(forms, "ARM")
    tracked(f, ans)
    sample("arm-ru-tracked-changes", "docx", "ARM", "ru", ans, ev_tracked, f)

    # Spanish: LibreOffice's ticks saved as ODT; the negation trap; ballot
    # glyphs with an option struck and the formal name, no identifiers
    lo_ticked("col-es-lo-ticked", "odt", "COL", "es", ["AN", "AN", "D", "AC", "AN", "D", "AN", "AC"])
    ans = ["D", "D", "D", "AN", "D", "D", "D", "AC"]
    f = word_form(forms, "PER")
    negation_only(f, ans)
    sample("per-es-negation-only", "docx", "PER", "es", ans, "content-control", f)
    ans = ["AN", "AsN", "D", "AC", "AN", "D", "AN", "AN"]
    f = word_form(forms, "BOL")
    typed(f, ans, "\u2612", struck=4 * 1 + C)
    renamed(f, "Administración de Bolivia (Estado Plurinacional de)",
            "Administración del Estado Plurinacional de Bolivia")
    sample("bol-es-glyph-formal-name", "docx", "BOL", "es", ans, "glyph", f, source="text")

    # French: LibreOffice's ticks saved as DOCX; tracked changes with the
    # formal name, no identifiers; the negation trap ("n'autorise pas")
    lo_ticked("mco-fr-lo-ticked", "docx", "MCO", "fr", ["AC", "D", "AN", "AN", "D", "AN", "AC", "AN"])
    ans = ["iD", "iN", "iC", "iN", "AN", "AC", "D", "AN"]
    f = word_form(forms, "COD")
    tracked(f, ans)
    renamed(f, "Administration de République démocratique du Congo",
            "Administration de la République démocratique du Congo")
    sample("cod-fr-tracked-formal-name", "docx", "COD", "fr", ans, ev_tracked, f, source="text")
    ans = ["D", "D", "AC", "D", "AN", "D", "D", "D"]
    f = word_form(forms, "DJI")
    negation_only(f, ans)
    sample("dji-fr-negation-only", "docx", "DJI", "fr", ans, "content-control", f)
    ans = ["AN", "AsC", "D", "AN", "AC", "AN", "D", "AN"]
    f = word_form(forms, "BFA")
    typed(f, ans, "\u2714", struck=4 * 1 + N)
    sample("bfa-fr-check-glyph-struck", "docx", "BFA", "fr", ans, "glyph", f)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    annex2 = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="annex2_lang_samples_")
    try:
        forms = os.path.join(work, "forms")
        subprocess.run([annex2, "generate", "--format", "docx", "--only",
                        "EGY,SAU,MAR,CHN,RUS,KAZ,ARG,MEX,CIV", "-o", forms], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([annex2, "generate", "--format", "docx", "--lang", "all", "--only", "SEN",
                        "-o", forms], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([annex2, "generate", "--format", "docx", "--only",
                        "ARE,JOR,TUN,BLR,UZB,ARM,COL,PER,BOL,MCO,COD,DJI,BFA", "-o", forms], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        names = make(forms)
        jobs = []
        names += make_more(forms, work, jobs)
        with open(os.path.join(work, "jobs.txt"), "w", encoding="utf-8") as fp:
            fp.write("\n".join(jobs) + "\n")
        r = subprocess.run(["/usr/bin/python3", ms.LO, "--timeout", "600", "batch", os.path.join(work, "jobs.txt")])
        if r.returncode != 0:
            sys.exit("make_lang_samples.py: LibreOffice jobs failed (status %d)" % r.returncode)
        for s in ms.SAMPLES:
            e = ms.expected(s)
            e["lang"] = LANGS[s["name"]]
            with open(os.path.join(ms.OUT, s["name"] + ".expected.json"), "w", encoding="utf-8") as fp:
                json.dump(e, fp, ensure_ascii=False, indent=1)
                fp.write("\n")
        print("make_lang_samples.py: %d samples in %s" % (len(names), ms.OUT))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
