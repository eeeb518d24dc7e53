#!/usr/bin/python3
"""make_ocr_set.py -- the OCR path's test set: scans of the Secretariat's own
form (samples/itu-annex2-form.docx, no QR code), made by the scan generator
(tests/scan/gen/make_scans.py: LibreOffice -> PDF -> poppler at 300 dpi, pen
marks, degradation) and written with their truth under tests/scan/ocr/set/.

usage: make_ocr_set.py [-o DIR] [--seed N]
       make_ocr_set.py --lang [-o DIR]   the Russian form without its QR code

--lang: the generated form of RUS in Russian (annex2 generate --lang ru),
LibreOffice -> PDF -> pdftoppm at 300 dpi, its QR code whited out, pages 2
to 4 (the table) as a G4 TIFF: tests/scan/ocr/lang/rus-noqr-p2-4.tif, no pen
marks (every text's boxes empty).

Profiles: fax-fine (G4 at 204 x 196 dpi) and bilevel-g4 (300 dpi, up to 2
degrees of skew), by turns; then lzw-upside-down (150 dpi, page 2 upside
down) and pdf-side (200 dpi, page 3 on its side), whose grey pages are
written again as G4 TIFFs (threshold 160: the pages as a bilevel scanner
gives them) so that the set stays small (about 1 MB).  The
set is made once and committed, so that `make ocrtest` needs no LibreOffice.
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
PROFILES = ["fax-fine", "bilevel-g4", "fax-fine", "bilevel-g4", "lzw-upside-down", "pdf-side"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "set"))
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--lang", action="store_true")
    a = ap.parse_args()
    if a.lang:
        return lang_set(a.out if a.out != os.path.join(HERE, "set") else os.path.join(HERE, "lang"))
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
        return r.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


def lang_set(out):
    from PIL import Image, ImageDraw
    work = tempfile.mkdtemp(prefix="make_ocr_set.")
    try:
        subprocess.run([os.path.join(ROOT, "build", "annex2"), "generate", "--only", "RUS", "--lang", "ru",
                        "--format", "docx", "-o", work], check=True, capture_output=True)
        pdf = os.path.join(work, "RUS.pdf")
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "lo", "lo_driver.py"), "convert",
                        os.path.join(work, "RUS.docx"), pdf], check=True)
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "2", "-l", "4", pdf,
                        os.path.join(work, "p")], check=True)
        pages = []
        for name in sorted(f for f in os.listdir(work) if f.startswith("p-") and f.endswith(".png")):
            im = Image.open(os.path.join(work, name)).convert("L")
            ImageDraw.Draw(im).rectangle((1050, 60, 1430, 340), fill=255)   # the QR code
            pages.append(im.point(lambda v: 255 if v >= 160 else 0).convert("1"))
        os.makedirs(out, exist_ok=True)
        pages[0].save(os.path.join(out, "rus-noqr-p2-4.tif"), compression="group4", save_all=True,
                      append_images=pages[1:], dpi=(300, 300))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def to_g4(path, work):
    """A grey scan (LZW TIFF, image PDF) written again as a G4 TIFF at its
    resolution, its truth renamed with it."""
    from PIL import Image, ImageSequence
    base, ext = os.path.splitext(path)
    if ext == ".pdf":
        d = os.path.join(work, "pdfimages")
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
