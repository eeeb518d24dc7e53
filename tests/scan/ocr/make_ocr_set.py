#!/usr/bin/python3
"""make_ocr_set.py -- the OCR path's test set: scans of the Secretariat's own
form (samples/itu-annex2-form.docx, no QR code), made by the scan generator
(tests/scan/gen/make_scans.py: LibreOffice -> PDF -> poppler at 300 dpi, pen
marks, degradation) and written with their truth under tests/scan/ocr/set/.

usage: make_ocr_set.py [-o DIR] [--seed N]
       make_ocr_set.py --marked ru,ar,zh [-o DIR]   forms in other scripts

--marked: the generated forms of RUS in Russian, EGY in Arabic and CHN in
Chinese (annex2 generate --lang), marked by the scan generator (profile
bilevel-g4, the truth drawn), their QR code whited out on every page:
tests/scan/ocr/lang/LANG-noqr.tif (5 pages, 300 dpi G4) and its truth.

Profiles: fax-fine (G4 at 204 x 196 dpi) and bilevel-g4 (300 dpi, up to 2
degrees of skew), by turns; then lzw-upside-down (150 dpi, page 2 upside
down) and pdf-side (200 dpi, page 3 on its side), whose grey pages are
written again as G4 TIFFs (threshold 160: the pages as a bilevel scanner
gives them) so that the set stays small (about 1 MB); then fax-fine again
(added later: the seeds and bytes of the first six unchanged; the seventh is
make scancorpus's 07-itu-form-fax-fine, byte for byte); then the eighth, seed 8's
generated set's 14-itu-form-bilevel-g4 (FROM_CORPUS), byte for byte, and the
ninth, seed 21's 35-itu-form-pdf-cover-shuffled (an image PDF, a cover letter
first, the pages out of order, two vote boxes scribbled out), written again
as a G4 TIFF as the grey scans above, and the tenth, seed 21's
14-itu-form-bilevel-g4 (its first page's one vote box found has a tick
beside it read as a word, "fi").  The set is made once and committed,
so that `make ocrtest` needs no LibreOffice.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
FORM = os.path.join(ROOT, "samples", "itu-annex2-form.docx")
GEN = os.path.join(ROOT, "tests", "scan", "gen", "make_scans.py")
PROFILES = ["fax-fine", "bilevel-g4", "fax-fine", "bilevel-g4", "lzw-upside-down", "pdf-side", "fax-fine"]
# then scans of the Secretariat's form taken from another seed's generated
# set (make_scans.py --corpus --seed S --replies N: its first N replies, as
# in the whole set), byte for byte: (seed, replies, its file there)
FROM_CORPUS = [(8, 14, "14-itu-form-bilevel-g4.tif"), (21, 35, "35-itu-form-pdf-cover-shuffled.pdf"),
               (21, 14, "14-itu-form-bilevel-g4.tif")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "set"))
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--marked", metavar="LANGS", help="ru,ar,zh: marked forms in these languages, QR whited out")
    a = ap.parse_args()
    if a.marked:
        return marked_lang_set(a.out if a.out != os.path.join(HERE, "set") else os.path.join(HERE, "lang"),
                               a.marked.split(","), a.seed)
    work = tempfile.mkdtemp(prefix="make_ocr_set.")
    try:
        forms = []
        for i, _ in enumerate(PROFILES):
            f = os.path.join(work, "itu-ocr-%d.docx" % (i + 1))
            shutil.copyfile(FORM, f)
            forms.append(f)
        os.makedirs(a.out, exist_ok=True)
        r = subprocess.run([sys.executable, GEN, "--form"] + forms +
                           ["-o", a.out, "--profile", ",".join(PROFILES), "--seed", str(a.seed),
                            "--work", os.path.join(work, "gen"), "-j", "1"])
        if r.returncode == 0:
            for name in sorted(os.listdir(a.out)):
                if name.endswith(".truth.json"):
                    tags = json.load(open(os.path.join(a.out, name)))["degradations"]
                    if "tiff-g4" not in tags:
                        to_g4(os.path.join(a.out, name[:-len(".truth.json")]), work)
        # each seed's set made once, with as many replies as its files need
        # (a reply's file is the same bytes however many follow it)
        replies = {}
        for seed, n, _ in FROM_CORPUS:
            replies[seed] = max(n, replies.get(seed, 0))
        for seed, n in replies.items():
            if r.returncode != 0:
                break
            r = subprocess.run([sys.executable, GEN, "--corpus", "--seed", str(seed), "--replies", str(n),
                                "-o", os.path.join(work, "corpus%d" % seed),
                                "--work", os.path.join(work, "gen%d" % seed), "-j", "1"])
        for k, (seed, _, src) in enumerate(FROM_CORPUS):
            if r.returncode == 0:
                corpus = os.path.join(work, "corpus%d" % seed)
                name = "itu-ocr-%d-scan%s" % (len(PROFILES) + k + 1, os.path.splitext(src)[1])
                shutil.copyfile(os.path.join(corpus, src), os.path.join(a.out, name))
                truth = json.load(open(os.path.join(corpus, src + ".truth.json")))
                truth["file"] = name
                with open(os.path.join(a.out, name + ".truth.json"), "w") as f:
                    json.dump(truth, f, indent=1)
                    f.write("\n")
                if "tiff-g4" not in truth["degradations"]:
                    to_g4(os.path.join(a.out, name), work)
        return r.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


MARKED = {"ru": "RUS", "ar": "EGY", "zh": "CHN"}


def marked_lang_set(out, codes, seed):
    """The generated form in Russian, Arabic or Chinese, marked by the scan
    generator (profile bilevel-g4: 300 dpi, G4, up to 2 degrees of skew,
    its truth drawn), its QR code whited out on every page (the top right
    corner, 4.2 x 3.4 cm: the code with room for the skew): LANG-noqr.tif
    and its truth, a form the OCR path must read."""
    from PIL import Image, ImageDraw, ImageSequence
    work = tempfile.mkdtemp(prefix="make_ocr_set.")
    try:
        forms = []
        for code in codes:
            iso = MARKED[code]
            d = os.path.join(work, code)
            subprocess.run([os.path.join(ROOT, "build", "annex2"), "generate", "--only", iso, "--lang", code,
                            "--format", "docx", "-o", d], check=True, capture_output=True)
            # named by the state's code: the generator takes the form's
            # language from it (the Arabic form's marks drawn right to
            # left: a tick beside a box, a ring round a label, left of it)
            f = os.path.join(work, "%s-%s-noqr.docx" % (iso, code))
            shutil.copyfile(os.path.join(d, iso + ".docx"), f)
            forms.append(f)
        gen = os.path.join(work, "out")
        subprocess.run([sys.executable, GEN, "--form"] + forms + ["-o", gen, "--profile", "bilevel-g4",
                        "--seed", str(seed), "--work", os.path.join(work, "gen"), "-j", "1"], check=True)
        os.makedirs(out, exist_ok=True)
        for name in sorted(os.listdir(gen)):
            if not name.endswith(".tif"):
                continue
            pages = []
            for im in ImageSequence.Iterator(Image.open(os.path.join(gen, name))):
                im = im.convert("L")
                ImageDraw.Draw(im).rectangle((990, 0, 1490, 400), fill=255)   # the QR code
                pages.append(im.point(lambda v: 255 if v >= 128 else 0).convert("1"))
            code = name.split("-")[1]   # ISO-LANG-noqr-scan.tif
            dst = os.path.join(out, "%s-noqr.tif" % code)
            pages[0].save(dst, compression="group4", save_all=True, append_images=pages[1:], dpi=(300, 300))
            truth = json.load(open(os.path.join(gen, name + ".truth.json")))
            truth["file"] = os.path.basename(dst)
            with open(dst + ".truth.json", "w") as f:
                json.dump(truth, f, indent=1)
                f.write("\n")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def to_g4(path, work):
    """A grey scan (LZW TIFF, image PDF) written again as a G4 TIFF at its
    resolution, its truth renamed with it."""
    from PIL import Image, ImageSequence
    base, ext = os.path.splitext(path)
    if ext == ".pdf":
        d = os.path.join(work, "pdfimages-" + os.path.basename(base))   # one a PDF
        os.makedirs(d, exist_ok=True)
        subprocess.run(["pdfimages", "-all", path, os.path.join(d, "p")], check=True)
        pages = [Image.open(os.path.join(d, f)) for f in sorted(os.listdir(d))]
    else:
        pages = [im.copy() for im in ImageSequence.Iterator(Image.open(path))]
    truth = json.load(open(path + ".truth.json"))
    dpi = pages[0].info.get("dpi") or (truth.get("dpi") or [200, 200])
    bw = [im.convert("L").point(lambda v: 255 if v >= 160 else 0).convert("1") for im in pages]
    out = base + ".g4.tif" if ext == ".tif" else base + ".tif"
    bw[0].save(out, compression="group4", save_all=True, append_images=bw[1:],
               dpi=tuple(int(round(x)) for x in dpi))
    os.remove(path)
    os.remove(path + ".truth.json")
    if ext == ".tif":
        os.replace(out, path)
        out = path
    truth["file"] = os.path.basename(out)
    truth["format"] = "tiff"
    truth["degradations"] = truth["degradations"] + ["bilevel-160", "tiff-g4"]
    with open(out + ".truth.json", "w") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
