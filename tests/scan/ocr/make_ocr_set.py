#!/usr/bin/python3
"""make_ocr_set.py -- the OCR path's test set: scans of the Secretariat's own
form (samples/itu-annex2-form.docx, no QR code), made by the scan generator
(tests/scan/gen/make_scans.py: LibreOffice -> PDF -> poppler at 300 dpi, pen
marks, degradation) and written with their truth under tests/scan/ocr/set/.

usage: make_ocr_set.py [-o DIR] [--seed N]

Profiles: fax-fine (G4 at 204 x 196 dpi) and bilevel-g4 (300 dpi, up to 2
degrees of skew), by turns; bilevel TIFFs keep the set small (< 1 MB).  The
set is made once and committed, so that `make ocrtest` needs no LibreOffice.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
FORM = os.path.join(ROOT, "samples", "itu-annex2-form.docx")
GEN = os.path.join(ROOT, "tests", "scan", "gen", "make_scans.py")
PROFILES = ["fax-fine", "bilevel-g4", "fax-fine", "bilevel-g4"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", default=os.path.join(HERE, "set"))
    ap.add_argument("--seed", type=int, default=14)
    a = ap.parse_args()
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
        return r.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
