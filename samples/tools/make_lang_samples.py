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

Deterministic: the same ANNEX2 gives the same files.  No LibreOffice.
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
ms.SIGS.update(SIGS)
LANGS = {}   # sample name -> the language of its form


def word_form(forms, iso3, lang=None):
    """A form of forms/ filled with the signature as Word leaves it."""
    path = os.path.join(forms, "%s.docx" % iso3 if lang is None else "%s.%s.docx" % (iso3, lang))
    f = dx.Form(dx.Package(path))
    g = SIGS[iso3]
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
        names = make(forms)
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
