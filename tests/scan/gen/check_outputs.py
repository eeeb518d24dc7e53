#!/usr/bin/python3
"""check_outputs.py DIR -- the files make_scans.py wrote agree with their truth.

For every FILE.truth.json: the file opens with as many pages as the truth
lists, in the format and compression its degradations name (G4, G3, LZW, an
image-only PDF), fax resolutions as stated; a page on its side is landscape;
a cover letter comes first; pages out of order are not in order; every text
is there and its `expect` follows from the marks drawn (make_scans.judge);
and the ink is where the truth says: on an upright page, the box a clear
cross, tick or fill was drawn in is darker than the boxes left blank.
Exit 1 on any disagreement.
"""
import glob
import json
import math
import os
import subprocess
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_scans  # noqa: E402

UNNAME = {"assigns": "assigns", "does-not-assign": "not", "none": "none", "attached": "attached"}
FAILS = []


def fail(f, msg):
    FAILS.append("%s: %s" % (f, msg))
    print("check_outputs: FAIL: %s: %s" % (f, msg))


def pages_of(path, fmt):
    if fmt == "pdf":
        d = os.path.dirname(path)
        subprocess.run(["pdftoppm", "-r", "100", "-gray", path, os.path.join(d, ".chk")], check=True)
        files = sorted(glob.glob(os.path.join(d, ".chk*.pgm")))
        ims = [Image.open(f).copy() for f in files]
        for f in files:
            os.unlink(f)
        return ims, 100.0
    im = Image.open(path)
    ims = []
    for i in range(getattr(im, "n_frames", 1)):
        im.seek(i)
        ims.append(im.convert("L"))
    return ims, None


def darkness(im, dpi, pt, skew):
    """Mean darkness in the box (pt) on a page scanned at dpi and turned by skew."""
    xd, yd = dpi
    x0, y0, x1, y1 = pt[0] * xd / 72, pt[1] * yd / 72, pt[2] * xd / 72, pt[3] * yd / 72
    cx, cy = im.width / 2, im.height / 2
    bx, by = (x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy
    a = math.radians(skew)          # PIL turns counterclockwise on screen
    rx, ry = bx * math.cos(a) + by * math.sin(a), -bx * math.sin(a) + by * math.cos(a)
    hw, hh = (x1 - x0) / 2, (y1 - y0) / 2
    arr = np.asarray(im, dtype=np.float32)
    X, Y = int(rx + cx), int(ry + cy)
    win = arr[max(Y - int(hh), 0):Y + int(hh) + 1, max(X - int(hw), 0):X + int(hw) + 1]
    return 255 - float(win.mean()) if win.size else 0.0


def main(d):
    truths = sorted(glob.glob(os.path.join(d, "*.truth.json")))
    if not truths:
        fail(d, "no truth files")
    ninked = 0
    for tf in truths:
        t = json.load(open(tf, encoding="utf-8"))
        f = os.path.join(d, t["file"])
        if not os.path.exists(f):
            fail(t["file"], "no such file")
            continue
        ims, dpi_seen = pages_of(f, t["format"])
        if len(ims) != len(t["pages"]):
            fail(t["file"], "%d pages, truth %d" % (len(ims), len(t["pages"])))
            continue
        deg = set(t["degradations"])
        if t["format"] == "tiff":
            im = Image.open(f)
            comp = im.info.get("compression")
            want = "group4" if "tiff-g4" in deg else "group3" if "tiff-g3" in deg else "tiff_lzw"
            if comp != want:
                fail(t["file"], "compression %s, truth %s" % (comp, want))
            for tag, res in (("fax-204x196", (204, 196)), ("fax-204x98", (204, 98))):
                if tag in deg and tuple(round(v) for v in im.info.get("dpi", (0, 0))) != res:
                    fail(t["file"], "resolution %s, truth %s" % (im.info.get("dpi"), res))
        if t["format"] == "pdf":
            txt = subprocess.run(["pdftotext", f, "-"], capture_output=True, text=True).stdout
            if txt.strip():
                fail(t["file"], "the PDF has a text layer: not image-only")
        kinds = [p["kind"] for p in t["pages"]]
        order = [p["form_page"] for p in t["pages"] if p["kind"] == "form"]
        if ("cover-letter" in deg) != (kinds[0] == "cover"):
            fail(t["file"], "cover letter: truth %s, first page %s" % ("cover-letter" in deg, kinds[0]))
        if "pages-out-of-order" in deg and order == sorted(order):
            fail(t["file"], "pages in order")
        for im, p in zip(ims, t["pages"]):
            if p.get("rotation") in (90, 270) and im.width <= im.height:
                fail(t["file"], "page %s on its side is not landscape" % p["form_page"])
        if [x["rec"] for x in t["texts"]] != [r for r, _ in make_scans.consultation_texts()]:
            fail(t["file"], "not the consultation's texts")
        for x in t["texts"]:
            marks = [(UNNAME[m["box"]], m["kind"]) for m in x["marks"]]
            got = make_scans.judge(marks)
            if got != (x["expect"], x["authority"], x["option_expect"], x["comments"]):
                fail(t["file"], "%s: truth %s, the marks say %s" % (x["rec"], x["expect"], got))
        # the ink is where the truth says (upright pages, scanners and faxes)
        if t["format"] in ("tiff", "pdf", "png") and "phone-photo" not in deg:
            for i, p in enumerate(t["pages"]):
                if p["kind"] != "form" or p.get("rotation") or p.get("scale"):
                    continue
                im = ims[i]
                dpi = (dpi_seen, dpi_seen) if dpi_seen else tuple(Image.open(f).info.get("dpi", (300, 300)))
                for x in t["texts"]:
                    inked = [m["box"] for m in x["marks"] if m["page"] == p["form_page"]
                             and m["kind"] in ("cross", "tick", "fill")]
                    dk = lambda b: darkness(im, dpi, x["boxes"][b]["pt"], p.get("skew") or 0)
                    for b in inked:
                        # against the blank box of the same shape (the two votes, the two options)
                        pair = ("assigns", "does-not-assign") if b in ("assigns", "does-not-assign") \
                            else ("none", "attached")
                        blank = [o for o in pair if o != b and x["boxes"][o]["page"] == p["form_page"]
                                 and not any(m["box"] == o for m in x["marks"])]
                        if not blank:
                            continue
                        top_blank = dk(blank[0])
                        ninked += 1
                        if dk(b) < top_blank + 8:
                            fail(t["file"], "%s: no ink seen in the %s box (page %s: %.0f, blank %.0f)" % (
                                x["rec"], b, p["form_page"], dk(b), top_blank))
    print("check_outputs: %d files, %d inked boxes seen where the truth says, %d failures" % (
        len(truths), ninked, len(FAILS)))
    return 1 if FAILS or not ninked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
