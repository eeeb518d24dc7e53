#!/usr/bin/python3
"""make_scans.py -- scan-like replies made from real forms, with their truth.

usage: make_scans.py --corpus  -o DIR [--annex2 PATH] [--seed N] [-j N] [--replies N]
       make_scans.py --samples -o DIR [--annex2 PATH] [--seed N] [--prefix P] [--only NAME,...]
       make_scans.py --form FILE.docx|.odt... -o DIR [--profile NAME] [--seed N]

It stands in for the printer, the pen and the scanner.  A form (one that
`annex2 generate` writes, or the Secretariat's own samples/itu-annex2-form.docx,
which has no QR code) goes through LibreOffice (tests/lo/lo_driver.py, its own
profile) to PDF; poppler renders each page at 300 dpi and its text layer
(pdftotext -bbox-layout) says where every box (the ☐ glyphs; on the
Secretariat's form, the square or circle drawn left of each label, found on
the rendering) and every option label is.  Pen marks are drawn there as a
person draws them (crosses, ticks, filled boxes, a circled option text, a
mark beside the box, a scribbled-out mark with the other box marked, a mark
with "cancelled" written beside it and the other box marked, faint marks,
stray strokes, dots, smudges, a mark as near one box as the other, both
boxes, nothing), as polylines with jitter, varying width and pressure,
in blue or black ink; a signature scribble (or none) above the name; paper
texture.  Then the page is degraded as a scanner, a fax or a phone would
(rotation up to 5 degrees, scale, noise, blur, JPEG, fax bilevel 204x98 and
204x196, a page upside down or on its side, pages out of order, a cover
letter first, perspective and uneven light) and written as PNG, JPEG,
multi-page TIFF (G4, G3, LZW) or an image-only PDF.

Each output FILE gets FILE.truth.json: the Member State, the degradations,
whether it is signed, what each page is, and per text what was drawn and what
a reader that never guesses must say (`expect`: ok, unclear, conflict,
missing; `option_expect` the same for the two options of `assigns`).
--samples also writes NAME.expected.json, the record tests/samples/run.sh
compares with, made from the truth (never from annex2's output).

Seeded and deterministic: the same seed, forms and LibreOffice give the same
bytes.  Exit status: 0 done, 1 a form could not be made or laid out, 2 usage.
"""
import argparse
import hashlib
import html
import io
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Image.MAX_IMAGE_PIXELS = 200_000_000

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
LO_DRIVER = os.path.join(ROOT, "tests", "lo", "lo_driver.py")
SECRETARIAT_FORM = os.path.join(ROOT, "samples", "itu-annex2-form.docx")
CONSULTATION = os.path.join(ROOT, "forms", "tsb-circular-195.xml")
STATES = os.path.join(ROOT, "forms", "member-states.tsv")
DPI = 300
PX = DPI / 72.0          # pixels per PDF point at 300 dpi
FIXED_TIME = time.gmtime(1723680000)   # 2024-08-15, the PDFs' dates

CHOICES = ("assigns", "none", "attached", "not")   # the four boxes of a text, top to bottom
CLEAR = ("cross", "tick", "fill", "circle", "beside", "faint")
UNSURE = ("stray", "dot", "smudge", "between")
# A mark cancelled in words ("cancel-word": a cross or tick with the word
# written beside the box, away from its label, where the page is blank), the
# other box marked: the word in the form's language, English for the
# scripts whose handwriting a reader cannot be asked to read; a handwriting
# font (Debian's fonts-comic-neue) drawn letter by letter, each a little
# larger or smaller, higher or lower, the word a little askew.
CANCEL_WORDS = {"en": ("cancelled", "CANCELLED", "canceled", "Cancelled"),
                "fr": ("annulé", "ANNULÉ", "annulée", "Annulé"),
                "es": ("anulado", "ANULADO", "cancelado", "Anulado")}
HAND_FONTS = [f for f in ("/usr/share/fonts/opentype/comic-neue/ComicNeue-%s.otf" % v
                          for v in ("Regular", "Bold", "Light", "Italic")) if os.path.exists(f)]
CANCEL_SHARE = (0.10, 0.05)    # of the texts marked clearly: a vote, an option cancelled in words


class Fail(Exception):
    pass


def log(msg):
    print("make_scans: " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the round's data

def consultation_texts():
    xml = open(CONSULTATION, encoding="utf-8").read()
    return [(m.group(1), m.group(2)) for m in
            re.finditer(r'<text rec="([^"]+)" alias="([^"]+)"', xml)]


def state_table():
    rows = {}
    with open(STATES, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            rows[r["iso3"]] = r
    return rows


# ---------------------------------------------------------------- forms -> PDF -> layout

def make_pdfs(forms, work):
    """Every form to PDF through LibreOffice, in one soffice start."""
    jobs, pdfs = [], []
    for i, f in enumerate(forms):
        pdf = os.path.join(work, "form%03d.pdf" % i)
        pdfs.append(pdf)
        if not os.path.exists(pdf):
            jobs.append("convert %s %s" % (shlex.quote(f), shlex.quote(pdf)))
    if jobs:
        jf = os.path.join(work, "jobs")
        with open(jf, "w") as fh:
            fh.write("\n".join(jobs) + "\n")
        r = subprocess.run(["/usr/bin/python3", LO_DRIVER, "--timeout", "600", "batch", jf])
        if r.returncode != 0:
            raise Fail("LibreOffice could not convert the forms (lo_driver exit %d)" % r.returncode)
    return pdfs


WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


def text_layer(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = []
    for ptxt in out.split("<page ")[1:]:
        m = re.match(r'width="([\d.]+)" height="([\d.]+)"', ptxt)
        lines = []
        for ltxt in re.findall(r"<line [^>]*>(.*?)</line>", ptxt, re.S):
            ws = [(float(a), float(b), float(c), float(d), html.unescape(t))
                  for a, b, c, d, t in WORD.findall(ltxt)]
            if ws:
                lines.append(ws)
        pages.append({"w": float(m.group(1)), "h": float(m.group(2)), "lines": lines})
    return pages


def render(pdf, page, dpi=DPI):
    """One page of the PDF as an 8-bit grey numpy array (pdftoppm)."""
    r = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page + 1), "-l", str(page + 1),
                        pdf], capture_output=True, check=True)
    return np.array(Image.open(io.BytesIO(r.stdout)).convert("L"))


def ink_bbox(img, x0, y0, x1, y1, drop_lines=True):
    """Bounding box (px) of the dark pixels in a region of a clean rendering,
    leaving out table rules that cross the whole region."""
    x0, y0, x1, y1 = (int(round(v)) for v in (x0, y0, x1, y1))
    reg = img[max(y0, 0):y1, max(x0, 0):x1] < 140
    if drop_lines:
        reg = reg.copy()
        reg[:, reg.mean(axis=0) > 0.9] = False
        reg[reg.mean(axis=1) > 0.9, :] = False
    ys, xs = np.nonzero(reg)
    if len(xs) < 8:
        return None
    return (max(x0, 0) + xs.min(), max(y0, 0) + ys.min(), max(x0, 0) + xs.max() + 1, max(y0, 0) + ys.max() + 1)


SECRETARIAT_LABELS = (("assigns", r"assigns authority"), ("not", r"does not assign"),
                      ("none", r"No comments"), ("attached", r"Comments and suggested"))


def layout(pdf, recs, rtl=False):
    """Where everything is: per text its four boxes and their labels (px at
    300 dpi, page index), the signature area, the page count."""
    pages = text_layer(pdf)
    clean = [render(pdf, i) for i in range(len(pages))]
    found = []          # (page, y, x, choice or None, box px, label word)
    for pi, p in enumerate(pages):
        for ws in p["lines"]:
            for w in ws:
                if w[4] == "☐":
                    bb = ink_bbox(clean[pi], w[0] * PX, w[1] * PX, w[2] * PX, w[3] * PX, False)
                    if bb:
                        found.append((pi, w[1], w[0], None, bb, w))
    secretariat = not found
    if secretariat:
        # the Secretariat's form: its boxes are drawn (form fields) and its
        # options are circles: find each label, then the shape left of it
        for pi, p in enumerate(pages):
            for ws in p["lines"]:
                ws2 = [w for w in ws if w[4] != "⃝"]
                if not ws2:
                    continue
                text = " ".join(w[4] for w in ws2)
                for choice, pat in SECRETARIAT_LABELS:
                    if re.match(pat, text):
                        w = ws2[0]
                        bb = ink_bbox(clean[pi], (w[0] - 30) * PX, (w[1] - 3) * PX, (w[0] - 2) * PX,
                                      (w[3] + 3) * PX)
                        if not bb:
                            raise Fail("%s: no box left of '%s' on page %d" % (pdf, text, pi + 1))
                        found.append((pi, w[1], w[0], choice, bb, w))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    if len(found) != 4 * len(recs):
        raise Fail("%s: %d boxes found, %d expected" % (pdf, len(found), 4 * len(recs)))
    texts = []
    for i, (rec, alias) in enumerate(recs):
        group = found[4 * i:4 * i + 4]
        boxes = {}
        for choice, f in zip(CHOICES, group):
            if f[3] is not None and f[3] != choice:
                raise Fail("%s: %s: the boxes are not in the expected order" % (pdf, rec))
            pi, bb = f[0], f[4]
            boxes[choice] = {"page": pi, "box": [float(v) for v in bb],
                             "label": label_run(pages[pi], bb, rtl, f[5] if secretariat else None)}
        check_rec(pages, boxes["assigns"], rec, pdf)
        texts.append({"rec": rec, "alias": alias, "boxes": boxes})
    sig = signature_area(pages, texts, rtl)
    return {"pdf": pdf, "npages": len(pages), "secretariat": secretariat, "texts": texts,
            "signature": sig, "clean": clean}


def label_run(page, bb, rtl, first=None):
    """The first line of the label of the box at bb (px): the words on the
    box's line on the label's side, while they run on (px box)."""
    cy = (bb[1] + bb[3]) / 2 / PX
    ws = [w for ws in page["lines"] for w in ws if w[4] not in ("☐", "⃝") and w[1] - 2 <= cy <= w[3] + 2]
    if rtl:
        ws = sorted((w for w in ws if w[2] * PX <= bb[0]), key=lambda w: -w[2])
    else:
        ws = sorted((w for w in ws if w[0] * PX >= bb[2]), key=lambda w: w[0])
    if first is not None:
        ws = [w for w in ws if (w[0] >= first[0] if not rtl else w[2] <= first[2])]
    run = []
    for w in ws:
        if run:
            gap = (w[0] - run[-1][2]) if not rtl else (run[-1][0] - w[2])
            if gap > 12:
                break
        elif ((w[0] * PX - bb[2]) if not rtl else (bb[0] - w[2] * PX)) > 40 * PX:
            break
        run.append(w)
    if not run:
        return None
    return [min(w[0] for w in run) * PX, min(w[1] for w in run) * PX,
            max(w[2] for w in run) * PX, max(w[3] for w in run) * PX]


def check_rec(pages, box, rec, pdf):
    """The Recommendation named nearest above-or-level of the text's first box,
    in the column left (or right) of the boxes, must be this text's."""
    pi, bb = box["page"], box["box"]
    best = None
    for ws in pages[pi]["lines"]:
        for w in ws:
            m = re.search(r"X\.\d{4}", w[4])
            if m and w[1] * PX <= bb[3] + 45 * PX and (best is None or w[1] > best[1]):
                best = (m.group(0), w[1])
    if best is None or best[0] != rec:
        raise Fail("%s: the text beside the boxes of %s is %s" % (pdf, rec, best and best[0]))


def signature_area(pages, texts, rtl):
    """Between the closing line and the signatory's name on the last page: the
    first line after the last box that starts with '[' (the [Name] placeholder)."""
    last = max(b["page"] for t in texts for b in t["boxes"].values())
    pi = len(pages) - 1
    ymin = max(b["box"][3] for t in texts for b in t["boxes"].values() if b["page"] == pi) / PX \
        if last == pi else 0
    lines = sorted((ws for ws in pages[pi]["lines"] if ws[0][1] > ymin), key=lambda ws: ws[0][1])
    for k, ws in enumerate(lines):
        t = " ".join(w[4] for w in ws).strip()
        if t[:1] in "[]" or t[-1:] in "[]":
            above = lines[k - 1][-1][3] if k else ymin + 10
            x0 = min(w[0] for w in ws)
            x1 = max(w[2] for w in ws)
            top, bot = above + 3, ws[0][1] - 1
            if bot - top < 18:
                top = bot - 30
            if rtl:
                return {"page": pi, "box": [(x1 - 170) * PX, top * PX, x1 * PX, bot * PX]}
            return {"page": pi, "box": [x0 * PX, top * PX, (x0 + 170) * PX, bot * PX]}
    raise Fail("no signature area found on the last page")


# ---------------------------------------------------------------- what a person draws

def plan_text(rng, rec, profile_bilevel):
    """What one person does to one text: (case, vote marks, option marks);
    a mark is (box, kind)."""
    r = rng.random()
    cases = (("clear", .60), ("cancelled", .06), ("cancelled-option", .04), ("option-missing", .04),
             ("option-unsure", .05), ("option-conflict", .03), ("conflict", .05), ("unsure", .07),
             ("missing", .06))
    acc = 0
    for case, w in cases:
        acc += w
        if r < acc:
            break
    kinds = [k for k in CLEAR if not (profile_bilevel and k == "faint")]
    unsure = [k for k in ("stray", "dot", "smudge") if not (profile_bilevel and k == "smudge")]
    vote = "assigns" if rng.random() < 0.7 else "not"
    other = "not" if vote == "assigns" else "assigns"
    opt = "none" if rng.random() < 0.6 else "attached"
    oopt = "attached" if opt == "none" else "none"
    V, O = [], []
    if case in ("option-missing", "option-unsure", "option-conflict", "cancelled-option"):
        vote, other = "assigns", "not"
    if case in ("clear", "option-missing", "option-unsure", "option-conflict", "cancelled-option"):
        V.append((vote, rng.choice(kinds)))
    elif case == "cancelled":
        V += [(other, "scribble"), (vote, rng.choice(("cross", "tick", "fill")))]
    elif case == "conflict":
        V += [("assigns", rng.choice(("cross", "tick"))), ("not", rng.choice(("cross", "tick", "fill")))]
        vote = None
    elif case == "unsure":
        V.append((rng.choice(("assigns", "not")), rng.choice(unsure)))
        vote = None
    else:
        vote = None
    if vote == "assigns":
        if case == "clear":
            O.append((opt, rng.choice(kinds)))
        elif case == "cancelled-option":
            O += [(oopt, "scribble"), (opt, rng.choice(("cross", "tick")))]
        elif case == "option-unsure":
            O.append(("none", "between") if rng.random() < 0.5 else (opt, rng.choice(unsure)))
        elif case == "option-conflict":
            O += [("none", rng.choice(("cross", "tick"))), ("attached", rng.choice(("cross", "tick")))]
    return V + O


def judge(marks):
    """What a reader that never guesses must say of these marks (box, kind):
    (expect, authority, option_expect, comments)."""
    def one(boxes):
        clear = sorted({b for b, k in marks if b in boxes and k in CLEAR})
        unsure = [b for b, k in marks if b in boxes and k in UNSURE]
        if len(clear) > 1:
            return "conflict", None
        if len(clear) == 1:
            return "ok", clear[0]
        if unsure:
            return "unclear", None
        return "missing", None
    expect, vote = one(("assigns", "not"))
    authority = {"assigns": "assigns", "not": "does-not-assign"}.get(vote)
    oexp, comments = None, None
    if authority == "assigns":
        oexp, opt = one(("none", "attached"))
        comments = opt if oexp == "ok" else None
    return expect, authority, oexp, comments


def stroke(draw, pts, width, level, rng, jitter=0.6):
    """A pen stroke along the polyline pts (px): densified, wobbling, its
    width and pressure varying and tapering at both ends."""
    dense = []
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        n = max(2, int(math.hypot(xb - xa, yb - ya) / 1.2))
        for i in range(n):
            t = i / n
            dense.append((xa + (xb - xa) * t, ya + (yb - ya) * t))
    dense.append(pts[-1])
    n = len(dense)
    wob = np.cumsum(rng.normal(0, jitter, (n, 2)), axis=0)
    wob -= np.linspace(0, 1, n)[:, None] * wob[-1]          # ends stay where they were aimed
    ph = rng.uniform(0, 6.28)
    for i, (x, y) in enumerate(dense):
        t = i / max(n - 1, 1)
        taper = min(1.0, 0.45 + 3.5 * min(t, 1 - t))
        p = (0.82 + 0.18 * math.sin(ph + 9 * t)) * taper
        r = max(0.7, width / 2 * (0.75 + 0.25 * p))
        x, y = x + wob[i, 0], y + wob[i, 1]
        draw.ellipse([x - r, y - r, x + r, y + r], fill=int(255 * level * p))


def draw_mark(draw, rng, kind, bb, label, pen, other=None, rtl=False, is_vote=True):
    x0, y0, x1, y1 = bb
    s = max(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, lvl = pen["width"], pen["level"]
    j = lambda a: rng.uniform(-a, a) * s
    if kind == "faint":
        lvl, w = lvl * rng.uniform(0.42, 0.52), w * 0.8
        kind = rng.choice(("cross", "tick"))
    if kind in ("beside", "between"):
        # a tick beside the box: for a vote box toward its label, for an
        # option away from it; "between": as near one option as the other
        side = (1 if is_vote else -1) * (-1 if rtl else 1)
        if kind == "between":
            ox0, oy0, ox1, oy1 = other
            cy = (cy + (oy0 + oy1) / 2) / 2
        S = max(0.8 * s, 40.0)
        cx = cx + side * (0.65 * s + 0.5 * S)
        x0, y0, x1, y1 = cx - S / 2, cy - S / 2, cx + S / 2, cy + S / 2
        s = S
        kind = "tick"
    elif kind in ("cross", "tick", "scribble") and s < 50:
        # a pen mark is a few millimetres whatever the box: centred on it
        s = rng.uniform(46, 58)
        x0, y0, x1, y1 = cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2
    if kind == "cross":
        stroke(draw, [(x0 - .12 * s + j(.08), y0 - .12 * s + j(.08)), (x1 + .1 * s + j(.08), y1 + .1 * s + j(.08))],
               w, lvl, rng)
        stroke(draw, [(x1 + .08 * s + j(.08), y0 - .15 * s + j(.08)), (x0 - .1 * s + j(.08), y1 + .12 * s + j(.08))],
               w, lvl, rng)
    elif kind == "tick":
        a = (x0 + .12 * s + j(.05), cy + .05 * s + j(.05))
        b = (x0 + .42 * s + j(.05), y1 + .02 * s + j(.05))
        c = (x1 + .3 * s + j(.1), y0 - .4 * s + j(.1))
        stroke(draw, [a, b, c], w, lvl, rng)
    elif kind == "fill":
        pts, y, d = [], y0 + .12 * s, 1
        step = max(w * 0.7, 2)
        while y < y1 - .1 * s:
            xa, xb = x0 + .1 * s + j(.04), x1 - .1 * s + j(.04)
            pts += [(xa, y), (xb, y + step / 2)] if d > 0 else [(xb, y), (xa, y + step / 2)]
            y += step
            d = -d
        stroke(draw, pts, w * 1.2, lvl, rng, 0.3)
    elif kind == "scribble":
        stroke(draw, [(x0 + .1 * s, y0 + .1 * s), (x1 - .1 * s, y1 - .1 * s)], w, lvl, rng)
        pts = []
        for i in range(int(rng.integers(9, 14))):
            pts.append((x0 - .35 * s + (i % 2) * 1.7 * s + j(.15), y0 - .3 * s + i * 1.6 * s / 12 + j(.05)))
        stroke(draw, pts, w * 1.3, lvl, rng, 0.4)
        pts = [(x0 - .3 * s + i * 1.6 * s / 10 + j(.05), y0 - .3 * s + (i % 2) * 1.6 * s + j(.15))
               for i in range(11)]
        stroke(draw, pts, w * 1.3, lvl, rng, 0.4)
    elif kind == "circle":
        lx0, ly0, lx1, ly1 = label
        ecx, ecy = (lx0 + lx1) / 2, (ly0 + ly1) / 2
        rx, ry = (lx1 - lx0) / 2 + 0.35 * s, (ly1 - ly0) / 2 + 0.45 * s
        a0 = rng.uniform(0, 2 * math.pi)
        n = 90
        pts = [(ecx + rx * (1 + .03 * math.sin(5 * t)) * math.cos(a0 + t),
                ecy + ry * (1 + .08 * (t / 6.8)) * math.sin(a0 + t))
               for t in np.linspace(0, 2 * math.pi + 0.45, n)]
        stroke(draw, pts, w, lvl, rng, 0.8)
    elif kind == "dot":
        r = s * rng.uniform(0.07, 0.1)
        x, y = cx + j(.2), cy + j(.2)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=int(255 * lvl))
    elif kind == "stray":
        # a short thin stroke over one edge of the box: a slip of the pen
        edge = rng.integers(4)
        if edge == 0:
            a, b = (x0 - .25 * s, cy + j(.3)), (x0 + .2 * s, cy + j(.3))
        elif edge == 1:
            a, b = (x1 - .2 * s, cy + j(.3)), (x1 + .3 * s, cy + j(.3))
        elif edge == 2:
            a, b = (cx + j(.3), y0 - .3 * s), (cx + j(.3), y0 + .2 * s)
        else:
            a, b = (cx + j(.3), y1 - .2 * s), (cx + j(.3), y1 + .3 * s)
        stroke(draw, [a, b], max(w * 0.5, 2), lvl * 0.9, rng, 0.2)
    elif kind == "smudge":
        # light grey blob: a thumb or a wet sleeve
        for _ in range(6):
            r = s * rng.uniform(0.15, 0.3)
            x, y = cx + j(.25), cy + j(.25)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=int(255 * rng.uniform(0.18, 0.26)))
    else:
        raise ValueError(kind)


def cancel_word_spot(clean, bb, rtl, rng, lang):
    """Where a person writes the cancelling word beside box bb (px, 300 dpi):
    on its row, 2 to 3.5 mm away from it on the side away from its label
    (the options' label is right of them too), where the printed page is
    blank but for rules; None when there is no such room."""
    words = CANCEL_WORDS.get(lang, CANCEL_WORDS["en"])
    word = words[int(rng.integers(len(words)))]
    font = HAND_FONTS[int(rng.integers(len(HAND_FONTS)))]
    size = int(rng.integers(44, 57))
    f = ImageFont.truetype(font, size)
    w = int(f.getlength(word)) + 8
    h = size
    x0, y0, x1, y1 = bb
    gap = rng.uniform(2.0, 3.5) * DPI / 25.4
    cy = (y0 + y1) / 2 + rng.uniform(-0.6, 0.6) * DPI / 25.4
    left = x1 + gap if rtl else x0 - gap - w
    top = int(cy - h / 2)
    if left < 0 or left + w > clean.shape[1] or top < 0 or top + h > clean.shape[0]:
        return None
    area = clean[top:top + h, int(left):int(left) + w] < 160
    # printed rules (a table's sides) do not count: columns or rows all ink
    cols = area.mean(axis=0) > 0.6
    rows = area.mean(axis=1) > 0.6
    area = area[:, ~cols][~rows, :]
    if area.size and area.mean() > 0.002:
        return None
    return {"word": word, "font": font, "size": size, "x": float(left), "w": w, "cy": float(cy),
            "seed": int(rng.integers(1 << 30)), "mark": ("cross", "tick")[int(rng.integers(2))]}


def draw_cancel_word(mask, draw, m, pen):
    """The mark in the box and the word beside it (m from cancel_word_spot)."""
    c = m["cancel"]
    rng = np.random.default_rng(c["seed"])
    draw_mark(draw, rng, c["mark"], m["bb"], None, pen, None, m["rtl"], m["vote"])
    size = c["size"]
    img = Image.new("L", (int(size * 0.8 * len(c["word"])) + 4 * size, 3 * size), 0)
    d = ImageDraw.Draw(img)
    x = size
    for ch in c["word"]:
        f = ImageFont.truetype(c["font"], int(size * rng.uniform(0.9, 1.1)))
        d.text((x, 1.5 * size + rng.uniform(-0.06, 0.06) * size), ch, font=f,
               fill=int(255 * pen["level"] * rng.uniform(0.85, 1.0)), anchor="lm")
        x += f.getlength(ch) * rng.uniform(0.95, 1.08)
    img = img.rotate(float(rng.uniform(-2.5, 2.5)), resample=Image.BICUBIC, center=(size + (x - size) / 2, 1.5 * size))
    bbox = img.getbbox()
    if bbox is None:
        return
    img = img.crop(bbox)
    # the word's end toward the box where the room was measured
    px = int(c["x"]) if m["rtl"] else int(c["x"] + c["w"] - img.width)
    py = int(c["cy"] - img.height / 2)
    region = mask.crop((px, py, px + img.width, py + img.height))
    mask.paste(Image.fromarray(np.maximum(np.asarray(region), np.asarray(img))), (px, py))


def signature(draw, rng, area, pen):
    """A cursive-looking scribble filling the signature area's lower part."""
    x0, y0, x1, y1 = area
    w, h = (x1 - x0) * rng.uniform(0.55, 0.85), (y1 - y0) * 0.7
    bx, by = x0 + (x1 - x0 - w) * rng.uniform(0.1, 0.9), y0 + (y1 - y0) * 0.55
    n = 160
    f1, f2 = rng.uniform(5, 9), rng.uniform(11, 17)
    pts = []
    for i in range(n):
        t = i / (n - 1)
        x = bx + w * t + 0.06 * w * math.sin(f2 * t * 2 * math.pi)
        y = by - h * (0.35 * math.sin(f1 * t * 2 * math.pi) * (1 - 0.6 * t) + 0.15 * math.cos(f2 * t * 6.28))
        pts.append((x, y))
    stroke(draw, pts, pen["width"] * 0.9, pen["level"], rng, 0.5)
    stroke(draw, [(bx - 0.05 * w, by + 0.25 * h), (bx + 1.05 * w, by + 0.1 * h + rng.uniform(-.1, .1) * h)],
           pen["width"] * 0.8, pen["level"], rng, 0.4)


def paper(shape, rng):
    """Paper: a slightly off-white, uneven sheet (float factors near 0.97); its
    fine grain is added with the scanner's noise, at the scan's resolution."""
    h, w = shape
    mw, mh = w // 12 + 2, h // 8 + 2
    low = rng.standard_normal((h // 48 + 2, w // 48 + 2), dtype=np.float32)
    low = np.asarray(Image.fromarray(0.012 * low).resize((mw, mh), Image.BILINEAR))
    low = low + 0.006 * rng.standard_normal((mh, mw), dtype=np.float32)    # fibres, along the sheet
    low = np.asarray(Image.fromarray(low).resize((w, h), Image.BILINEAR))
    return 0.968 + low


# ---------------------------------------------------------------- how it comes back

# A profile is how one reply travels: the resolution, what happens to its
# pages, how it is written.  `tags` are the degradations the truth names.
PROFILES = {
    "scan300-png":    dict(fmt="png", dpi=(300, 300), mode="L", skew=0.6, noise=3, tags=["scan-300dpi"]),
    "rot5-png":       dict(fmt="png", dpi=(200, 200), mode="L", skew=(3.0, 5.0), noise=3, tags=["rotation-5deg"]),
    "scale-jpeg":     dict(fmt="jpeg", dpi=(150, 150), mode="L", skew=1.0, scale=(0.88, 0.95), noise=3, q=75,
                           tags=["scale", "jpeg-q75"]),
    "noise-blur-jpeg": dict(fmt="jpeg", dpi=(200, 200), mode="L", skew=1.5, noise=9, blur=1.1, q=70,
                            speckle=True, tags=["noise", "blur", "jpeg-q70"]),
    "jpeg-q20":       dict(fmt="jpeg", dpi=(200, 200), mode="L", skew=0.8, noise=4, q=20, tags=["jpeg-q20"]),
    "fax-fine":       dict(fmt="tiff-g4", dpi=(204, 196), mode="1", skew=1.2, noise=6, tags=["fax-204x196", "tiff-g4"]),
    "fax-normal":     dict(fmt="tiff-g3", dpi=(204, 98), mode="1", skew=1.0, noise=6, tags=["fax-204x98", "tiff-g3"]),
    "bilevel-g4":     dict(fmt="tiff-g4", dpi=(300, 300), mode="1", skew=2.0, noise=5, tags=["bilevel-300dpi", "tiff-g4"]),
    "lzw-upside-down": dict(fmt="tiff-lzw", dpi=(150, 150), mode="L", skew=0.7, noise=3, turn={1: 180},
                            tags=["tiff-lzw", "upside-down-page"]),
    "pdf-side":       dict(fmt="pdf", dpi=(200, 200), mode="L", skew=1.0, noise=4, q=70, turn={2: 90},
                           tags=["image-pdf", "page-on-its-side"]),
    "pdf-cover-shuffled": dict(fmt="pdf", dpi=(150, 150), mode="L", skew=1.5, noise=4, q=70, cover=True,
                               shuffle=True, tags=["image-pdf", "cover-letter", "pages-out-of-order"]),
    "fax-cover-shuffled": dict(fmt="tiff-g4", dpi=(204, 196), mode="1", skew=1.0, noise=5, cover=True,
                               shuffle=True, turn={0: 270}, tags=["fax-204x196", "tiff-g4", "cover-letter",
                                                                 "pages-out-of-order", "page-on-its-side"]),
    "phone":          dict(fmt="jpeg", dpi=(150, 150), mode="RGB", phone=True, noise=4, q=80,
                           tags=["phone-photo", "perspective", "uneven-light"]),
}
# the Secretariat's form is read whole: multi-page profiles only
SECRETARIAT_PROFILES = ("fax-fine", "bilevel-g4", "lzw-upside-down", "pdf-side", "pdf-cover-shuffled",
                        "fax-normal")


def ink_grey(colour):
    r, g, b = colour
    return 0.299 * r + 0.587 * g + 0.114 * b


def compose(base, marks_on_page, sig_area, pen, rng, colour, texture=1.0, size=None):
    """The printed page with the pen's ink and paper texture (float32 0..255,
    grey H x W or RGB H x W x 3), drawn at 300 dpi and composed at `size`
    (W, H: the scan's own resolution) when given."""
    h, w = base.shape
    mask = Image.new("L", (w, h), 0)
    soft = Image.new("L", (w, h), 0)
    draw, sdraw = ImageDraw.Draw(mask), ImageDraw.Draw(soft)
    any_soft = False
    for m in marks_on_page:
        if m["kind"] == "smudge":
            draw_mark(sdraw, rng, "smudge", m["bb"], None, pen)
            any_soft = True
        elif m["kind"] == "cancel-word":
            draw_cancel_word(mask, draw, m, pen)
        else:
            draw_mark(draw, rng, m["kind"], m["bb"], m.get("label"), pen, m.get("other"), m["rtl"], m["vote"])
    if sig_area is not None:
        signature(draw, rng, sig_area, pen)
    mask = blurred(mask, 0.7)
    if any_soft:
        mask = Image.fromarray(np.maximum(np.asarray(mask), np.asarray(blurred(soft, 9))))
    if size is not None and size != (w, h):
        mask = mask.resize(size, Image.BOX)
        base = np.asarray(Image.fromarray(base).resize(size, Image.BOX))
    a = np.asarray(mask, dtype=np.float32) / 255.0
    p = paper(base.shape, rng)
    if texture != 1.0:
        p = 1 - (1 - p) * texture
    g = base.astype(np.float32) * p
    if not colour:
        return g * (1 - a) + ink_grey(pen["colour"]) * a
    tint = np.array([1.0, 0.985, 0.95], dtype=np.float32)
    rgb = g[:, :, None] * tint[None, None, :]
    ink = np.array(pen["colour"], dtype=np.float32)
    return rgb * (1 - a[:, :, None]) + ink[None, None, :] * a[:, :, None]


def blurred(mask, r):
    """The mask blurred where it has ink only (the rest stays 0)."""
    bb = mask.getbbox()
    if bb is None:
        return mask
    m = int(3 * r + 2)
    bb = (max(bb[0] - m, 0), max(bb[1] - m, 0), min(bb[2] + m, mask.width), min(bb[3] + m, mask.height))
    mask.paste(mask.crop(bb).filter(ImageFilter.GaussianBlur(r)), bb[:2])
    return mask


def as_image(arr):
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def rng_range(rng, v):
    if isinstance(v, tuple):
        return rng.uniform(*v) * rng.choice((-1, 1))
    return rng.uniform(-v, v)


def degrade(page, prof, rng, turn):
    """A composed 300-dpi page as the scanner/fax/phone gives it: a PIL image
    in the profile's mode at its resolution, and what was done to it."""
    info = {}
    im = as_image(page)
    xd, yd = prof["dpi"]
    if prof.get("phone"):
        return phone(im, rng, prof), {"skew": None, "perspective": True}
    W, H = im.size       # composed at the scan's resolution already
    sc = rng.uniform(*prof["scale"]) if "scale" in prof else 1.0
    small = im.resize((max(1, int(W * sc)), max(1, int(H * sc))), Image.LANCZOS, reducing_gap=2.0) \
        if sc != 1.0 else im
    if sc != 1.0:
        canvas = Image.new(im.mode, (W, H), (247,) * len(im.getbands()) if im.mode != "L" else 247)
        canvas.paste(small, ((W - small.width) // 2, (H - small.height) // 3))
        small = canvas
        info["scale"] = round(sc, 3)
    skew = rng_range(rng, prof.get("skew", 0))
    if abs(skew) > 0.05:
        small = small.rotate(skew, resample=Image.BILINEAR, expand=False,
                             fillcolor=250 if small.mode == "L" else (250, 250, 250))
    info["skew"] = round(skew, 2)
    if prof.get("blur"):
        small = small.filter(ImageFilter.GaussianBlur(prof["blur"] * xd / 300))
    arr = np.asarray(small, dtype=np.float32)
    if prof.get("noise"):
        arr = arr + prof["noise"] * rng.standard_normal(arr.shape, dtype=np.float32)
    if prof.get("speckle"):
        n = int(arr.shape[0] * arr.shape[1] / 20000)
        ys, xs = rng.integers(0, arr.shape[0], n), rng.integers(0, arr.shape[1], n)
        arr[ys, xs] = rng.uniform(40, 160, n)
    if prof.get("levels"):          # few grey levels: a small PNG, as some scanners save
        step = 256.0 / prof["levels"]
        arr = np.floor(np.clip(arr, 0, 255) / step) * step + step / 2
    if prof["mode"] == "1":
        out = Image.fromarray(np.where(arr < 150, 0, 255).astype(np.uint8)).convert("1", dither=Image.NONE)
    else:
        out = as_image(arr)
    if turn:
        out = out.transpose({90: Image.ROTATE_90, 180: Image.ROTATE_180, 270: Image.ROTATE_270}[turn])
    info["rotation"] = turn
    return out, info


def perspective_coeffs(src, dst):
    """PIL PERSPECTIVE coefficients mapping output points dst to input points src."""
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B += [u, v]
    return np.linalg.solve(np.array(A, dtype=np.float64), np.array(B, dtype=np.float64)).tolist()


def phone(im, rng, prof):
    """A phone's photo of the page lying on a desk: perspective, uneven light, colour."""
    page = im
    if page.mode != "RGB":
        page = page.convert("RGB")
    pw, ph = page.size
    W, H = int(pw * 1.12), int(ph * 1.1)
    desk = np.empty((H, W, 3), dtype=np.float32)
    desk[:] = np.array([118, 96, 74], dtype=np.float32) * rng.uniform(0.8, 1.1)
    desk += rng.normal(0, 6, (H, W, 1)).astype(np.float32)
    canvas = as_image(desk)
    mx, my = (W - pw) // 2, (H - ph) // 2
    canvas.paste(page, (mx, my))
    d = lambda: rng.uniform(0.01, 0.045)
    # where the page's corners land in the photo (a camera held not quite square)
    dst = [(mx - W * d(), my + H * d()), (mx + pw + W * d(), my - H * d() * 0.5),
           (mx + pw - W * d() * 0.5, my + ph + H * d()), (mx + W * d(), my + ph - H * d() * 0.5)]
    src = [(mx, my), (mx + pw, my), (mx + pw, my + ph), (mx, my + ph)]
    warped = canvas.transform((W, H), Image.PERSPECTIVE, perspective_coeffs(src, dst), Image.BICUBIC,
                              fillcolor=(90, 75, 60))
    arr = np.asarray(warped, dtype=np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W * rng.uniform(0.2, 0.8), H * rng.uniform(0.1, 0.5)
    light = 1.0 - 0.28 * np.hypot((xx - cx) / W, (yy - cy) / H) ** 1.5 - 0.12 * (xx / W) * rng.uniform(0, 1)
    arr = arr * light[:, :, None] * np.array([1.0, 0.97, 0.9], dtype=np.float32)
    arr += rng.normal(0, prof.get("noise", 3), arr.shape).astype(np.float32)
    return as_image(arr).filter(ImageFilter.GaussianBlur(0.6))


def cover_letter(rng, size):
    """A cover letter page (no state named), typed, for replies that send one first."""
    w, h = size
    page = np.full((h, w), 255, dtype=np.uint8)
    im = Image.fromarray(page)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(11 * PX))
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", int(13 * PX))
    y = int(90 * PX)
    draw.text((int(72 * PX), y), "Ministry of Communications", font=bold, fill=0)
    y += int(60 * PX)
    lines = ["To: Director, Telecommunication Standardization Bureau",
             "International Telecommunication Union, Geneva",
             "", "Subject: Reply to TSB Circular 195", "",
             "Dear Sir/Madam,", "",
             "Please find attached the reply of our Administration to TSB",
             "Circular 195 (Annex 2), duly completed and signed.", "",
             "Yours faithfully,"]
    for ln in lines:
        draw.text((int(72 * PX), y), ln, font=font, fill=0)
        y += int(17 * PX)
    return np.asarray(im), [72 * PX, y + 4 * PX, 260 * PX, y + 50 * PX]


# ---------------------------------------------------------------- one reply

BOXNAME = {"assigns": "assigns", "not": "does-not-assign", "none": "none", "attached": "attached"}


def write_atomic(path, writer):
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".tmp", dir=d)
    os.close(fd)
    try:
        writer(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_images(path, images, prof):
    fmt, (xd, yd) = prof["fmt"], prof["dpi"]

    def w(tmp):
        first, rest = images[0], images[1:]
        if fmt == "png":
            first.save(tmp, "PNG", dpi=(xd, yd), optimize=prof.get("optimize", False),
                       compress_level=prof.get("compress", 1))
        elif fmt == "jpeg":
            first.save(tmp, "JPEG", quality=prof.get("q", 75), dpi=(xd, yd))
        elif fmt.startswith("tiff"):
            comp = {"tiff-g4": "group4", "tiff-g3": "group3", "tiff-lzw": "tiff_lzw"}[fmt]
            first.save(tmp, "TIFF", save_all=True, append_images=rest, compression=comp, dpi=(xd, yd))
        elif fmt == "pdf":
            first.save(tmp, "PDF", save_all=True, append_images=rest, resolution=float(xd),
                       quality=prof.get("q", 75), creationDate=FIXED_TIME, modDate=FIXED_TIME,
                       title="scan", producer="scanner")
        else:
            raise ValueError(fmt)
    write_atomic(path, w)


def degradations(tags, pages):
    """The profile's degradations, with the turns the file's pages really had."""
    out = [t for t in tags if t not in ("upside-down-page", "page-on-its-side")]
    turns = {p.get("rotation") for p in pages}
    if 180 in turns:
        out.append("upside-down-page")
    if turns & {90, 270}:
        out.append("page-on-its-side")
    return out


EXT = {"png": ".png", "jpeg": ".jpg", "tiff-g4": ".tif", "tiff-g3": ".tif", "tiff-lzw": ".tif", "pdf": ".pdf"}
FORMAT = {"png": "png", "jpeg": "jpeg", "tiff-g4": "tiff", "tiff-g3": "tiff", "tiff-lzw": "tiff", "pdf": "pdf"}


def make_reply(job):
    """One reply: its form laid out, marked, signed (or not), degraded and
    written as one file or one file per page, each with its truth."""
    rng = np.random.default_rng(job["seed"])
    prof = dict(PROFILES[job["profile"]])
    prof.update(job.get("override") or {})
    rtl = job["lang"] == "ar"
    L = layout(job["pdf"], job["recs"], rtl)
    bilevel = prof["mode"] == "1"
    plan = job.get("marks")
    per_text = []
    for i, t in enumerate(L["texts"]):
        marks = [tuple(m) for m in plan[i]] if plan else plan_text(rng, t["rec"], bilevel)
        marks = [(b, "cross" if k == "circle" and not t["boxes"][b]["label"] else k) for b, k in marks]
        per_text.append(marks)
    # marks cancelled in words: their own random stream, so that every other
    # mark, page and degradation of the seed stays as it was without them
    spots = {}
    share = job.get("cancel_share", CANCEL_SHARE)
    if not plan and not L["secretariat"] and HAND_FONTS and any(share):
        rng2 = np.random.default_rng([job["seed"], 31])
        for i, (t, marks) in enumerate(zip(L["texts"], per_text)):
            r = float(rng2.random())
            votes = [(b, k) for b, k in marks if b in ("assigns", "not")]
            opts = [(b, k) for b, k in marks if b in ("none", "attached")]
            target = None
            if len(votes) == 1 and votes[0][1] in CLEAR and r < share[0]:
                target = "not" if votes[0][0] == "assigns" else "assigns"
            elif (len(votes) == 1 and votes[0][0] == "assigns" and votes[0][1] in CLEAR and len(opts) == 1
                  and opts[0][1] in CLEAR and r < share[0] + share[1]):
                target = "attached" if opts[0][0] == "none" else "none"
            if target is None:
                continue
            bx = t["boxes"][target]
            spot = cancel_word_spot(L["clean"][bx["page"]], bx["box"], rtl, rng2, job["lang"])
            if spot is not None:
                per_text[i] = marks + [(target, "cancel-word")]
                spots[(i, target)] = spot
    elif plan:
        rng2 = np.random.default_rng([job["seed"], 31])
        for i, (t, marks) in enumerate(zip(L["texts"], per_text)):
            for b, k in marks:
                if k != "cancel-word":
                    continue
                bx = t["boxes"][b]
                spot = cancel_word_spot(L["clean"][bx["page"]], bx["box"], rtl, rng2, job["lang"]) \
                    if HAND_FONTS else None
                if spot is None:
                    raise Fail("%s: %s: no room (or no handwriting font: fonts-comic-neue) to write the "
                               "cancelling word beside the %s box" % (job["name"], t["rec"], b))
                spots[(i, b)] = spot
    signed = bool(job["signed"]) if "signed" in job else bool(rng.random() < 0.8)
    colour = ((22, 40, 145), (28, 28, 36))[int(rng.integers(2))]
    pen = {"colour": colour, "width": float(rng.uniform(3.5, 6.5)), "level": float(rng.uniform(0.9, 1.0))}
    npages = L["npages"]
    marks_by_page = {k: [] for k in range(npages)}
    for i, (t, marks) in enumerate(zip(L["texts"], per_text)):
        for b, k in marks:
            bx = t["boxes"][b]
            m = {"kind": k, "bb": bx["box"], "label": bx["label"], "rtl": rtl, "vote": b in ("assigns", "not")}
            if k == "cancel-word":
                m["cancel"] = spots[(i, b)]
            if k == "between":
                m["other"] = t["boxes"]["attached"]["box"]
            marks_by_page[bx["page"]].append(m)
    sig_page = L["signature"]["page"]
    # the pages as they come out of the machine, in the order they are sent
    order = list(range(npages))
    if prof.get("shuffle"):
        while order == list(range(npages)):
            order = [int(v) for v in rng.permutation(npages)]
    if prof.get("cover"):
        order = ["cover"] + order
    out_pages = []
    for pos, k in enumerate(order):
        h, w = L["clean"][0].shape
        size = (int(round(w * prof["dpi"][0] / DPI)), int(round(h * prof["dpi"][1] / DPI)))
        if k == "cover":
            base, area = cover_letter(rng, (w, h))
            page = compose(base, [], area if signed else None, pen, rng, prof["mode"] == "RGB",
                           prof.get("texture", 1.0), size)
        else:
            page = compose(L["clean"][k], marks_by_page[k], L["signature"]["box"] if signed and k == sig_page else None,
                           pen, rng, prof["mode"] == "RGB", prof.get("texture", 1.0), size)
        turn = (prof.get("turn") or {}).get(pos, 0)
        im, info = degrade(page, prof, rng, turn)
        del page
        info.update({"form_page": None if k == "cover" else k + 1, "kind": "cover" if k == "cover" else "form"})
        out_pages.append((k, im, info))
    # files: one per page for PNG and JPEG, else one
    per_page = prof["fmt"] in ("png", "jpeg")
    groups = [[p] for p in out_pages] if per_page else [out_pages]
    if per_page and job.get("pages"):
        groups = [g for g in groups if g[0][0] + 1 in job["pages"]]
    written = []
    for g in groups:
        name = job["name"] + ("-p%d" % (g[0][0] + 1) if per_page and not job.get("keep_name") else "") \
            + EXT[prof["fmt"]]
        path = os.path.join(job["out"], name)
        save_images(path, [p[1] for p in g], prof)
        seen = {p[0] for p in g if p[0] != "cover"}
        truth = {"file": name, "format": FORMAT[prof["fmt"]], "member_state": job["iso3"],
                 "form": "secretariat" if L["secretariat"] else "generated", "lang": job["lang"],
                 "degradations": degradations(prof["tags"], [p[2] for p in g])
                 + (["cancelled-in-words"] if any(L["texts"][i]["boxes"][b]["page"] in seen for (i, b) in spots)
                    else []),
                 "seed": job["seed"],
                 "signed": signed if sig_page in seen else None,
                 "pages": [p[2] for p in g], "texts": []}
        for t, marks in zip(L["texts"], per_text):
            on = {t["boxes"][b]["page"] for b in CHOICES}
            vis = [(b, k) for b, k in marks if t["boxes"][b]["page"] in seen]
            e, a, oe, c = judge(vis)
            entry = {"rec": t["rec"], "alias": t["alias"], "authority": a, "comments": c, "expect": e,
                     "option_expect": oe,
                     "marks": [{"box": BOXNAME[b], "kind": k, "page": t["boxes"][b]["page"] + 1} for b, k in vis],
                     "boxes": {BOXNAME[b]: {"page": t["boxes"][b]["page"] + 1,
                                            "pt": [round(v / PX, 1) for v in t["boxes"][b]["box"]]} for b in CHOICES}}
            if not on & seen:
                entry["absent"] = True
            truth["texts"].append(entry)
        write_atomic(path + ".truth.json", lambda tmp: json.dump(truth, open(tmp, "w", encoding="utf-8"),
                                                                ensure_ascii=False, indent=1))
        written.append((path, truth))
    return written


# ---------------------------------------------------------------- the expected record

def expected_record(truth, relpath, names):
    """The record tests/samples/run.sh compares with, from the truth alone."""
    path = os.path.join(ROOT, relpath)
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    texts, problems = [], []
    for t in truth["texts"]:
        texts.append({"rec": t["rec"], "alias": t["alias"], "authority": t["authority"],
                      "comments": t["comments"], "status": t["expect"], "evidence": "scan"})
        if t["expect"] != "ok":
            problems.append({"code": t["expect"], "rec": t["rec"], "message": ""})
        elif t["option_expect"] not in (None, "ok"):
            problems.append({"code": "option-" + t["option_expect"], "rec": t["rec"], "message": ""})
    iso = truth["member_state"]
    ms = {"iso3": iso, "name": names[iso]["itu_name_en"], "source": "qr"} if iso else None
    if ms is None:
        problems.append({"code": "unknown-sender", "rec": None, "message": ""})
    if not truth["signed"]:
        problems.append({"code": "unsigned", "rec": None, "message": ""})
    problems.append({"code": "undated", "rec": None, "message": ""})
    return {"file": relpath, "sha256": sha, "format": truth["format"], "status": "read",
            "consultation": "tsb-circular-195", "member_state": ms, "texts": texts,
            "signatory": {"name": None, "title": None, "place": None, "date": None, "signed": truth["signed"]},
            "complete": False, "problems": problems}


# ---------------------------------------------------------------- plans

CORPUS_STATES = ("FRA", "DEU", "EGY", "CHN", "RUS", "ARG", "BRA", "JPN", "KOR", "IND", "ZAF", "NGA",
                 "KEN", "MEX", "CAN", "AUS", "ESP", "ITA", "SEN", "CIV", "MAR", "SAU", "TUN", "PER",
                 "COL", "CHL", "POL", "SWE", "NOR", "GBR", "USA", "IRN", "KAZ", "VNM")


def corpus_plan(n, seed):
    """About n replies: generated forms (DOCX and ODT by turns) of many states
    and languages over every profile, and one in seven on the Secretariat's form."""
    gen_profiles = list(PROFILES)
    plan, g, s = [], 0, 0
    for i in range(n):
        if i % 7 == 6:
            plan.append({"source": "ITU", "profile": SECRETARIAT_PROFILES[s % len(SECRETARIAT_PROFILES)]})
            s += 1
        else:
            iso = CORPUS_STATES[g % len(CORPUS_STATES)]
            plan.append({"source": iso, "fmt": "odt" if g % 3 == 2 else "docx",
                         "profile": gen_profiles[g % len(gen_profiles)]})
            g += 1
    for i, p in enumerate(plan):
        p["seed"] = seed * 1000 + i
        p["name"] = "%02d-%s-%s" % (i + 1, p["source"].lower() if p["source"] != "ITU" else "itu-form",
                                    p["profile"])
    return plan


# The samples: small (150-200 dpi grey JPEG/PNG or bilevel G4), each one file.
SMALL = dict(noise=0, levels=8, compress=9, optimize=True)
SAMPLES = [
    dict(name="scan-fra-fax-fine-g4", source="FRA", profile="fax-fine"),
    dict(name="scan-deu-fax-normal-g3", source="DEU", profile="fax-normal"),
    dict(name="scan-esp-es-image-pdf", source="ESP", profile="pdf-side",
         override=dict(dpi=(100, 100), noise=0, texture=0.3, q=30, turn={}, tags=["image-pdf", "grey-100dpi", "jpeg-q30"])),
    dict(name="scan-can-g4-upside-down-and-side", source="CAN", profile="bilevel-g4",
         override=dict(dpi=(200, 200), turn={2: 180, 3: 90}, tags=["bilevel-200dpi", "tiff-g4", "upside-down-page",
                                                                    "page-on-its-side"])),
    dict(name="scan-jpn-image-pdf-cover-out-of-order", source="JPN", profile="pdf-cover-shuffled",
         override=dict(dpi=(200, 200), mode="1", tags=["image-pdf", "bilevel-200dpi", "cover-letter",
                                                       "pages-out-of-order"])),
    dict(name="scan-egy-ar-g4", source="EGY", profile="bilevel-g4", override=dict(dpi=(200, 200),
                                                                            tags=["bilevel-200dpi", "tiff-g4"])),
    dict(name="scan-chn-zh-fax-fine-g4", source="CHN", profile="fax-fine"),
    dict(name="scan-bra-page5-png", source="BRA", profile="scan300-png", pages=[5],
         override=dict(dpi=(150, 150), **SMALL, tags=["scan-150dpi", "png"])),
    dict(name="scan-gbr-page3-rotated-png", source="GBR", profile="rot5-png", pages=[3],
         override=dict(dpi=(150, 150), **SMALL, tags=["rotation-5deg", "png"])),
    dict(name="scan-ind-page5-jpeg", source="IND", profile="noise-blur-jpeg", pages=[5],
         override=dict(dpi=(150, 150), noise=5, q=60, tags=["noise", "blur", "jpeg-q60"])),
    dict(name="scan-ken-page2-phone", source="KEN", profile="phone", pages=[2], override=dict(dpi=(110, 110), q=70)),
    dict(name="itu-form-scan-fax-fine-g4", source="ITU", profile="fax-fine"),
    dict(name="itu-form-scan-3-pages-cover-out-of-order", source="ITU", profile="fax-cover-shuffled",
         override=dict(turn={}, tags=["fax-204x196", "tiff-g4", "cover-letter", "pages-out-of-order"])),
    dict(name="itu-form-scan-image-pdf-side", source="ITU", profile="pdf-side",
         override=dict(dpi=(200, 200), mode="1", tags=["image-pdf", "bilevel-200dpi", "page-on-its-side"])),
    # both texts of a page with a mark cancelled in words ("annulé" beside
    # it: a vote's, an option's) and the other box marked
    dict(name="scan-fra-cancelled-in-words-png", source="FRA", profile="scan300-png", pages=[2],
         marks=[[("assigns", "tick"), ("none", "cross"), ("not", "cancel-word")],
                [("assigns", "cross"), ("attached", "tick"), ("none", "cancel-word")]] + [[]] * 6,
         override=dict(dpi=(200, 200), **SMALL, tags=["scan-200dpi", "png"])),
    # every box of the page's vote column marked (crossed, scribbled out,
    # cancelled in words), blurred: the squares found blind are the bold
    # capitals of the texts' names ("D", "R"), and the vote's column is
    # placed from the fiducials (generated set, seed 8: 34-gbr's page 5)
    dict(name="scan-gbr-page5-every-box-marked-jpeg", source="GBR", profile="noise-blur-jpeg", pages=[5],
         marks=[[]] * 6 + [[("assigns", "cross"), ("none", "cross"), ("attached", "scribble"), ("not", "cancel-word")],
                           [("assigns", "cross"), ("not", "scribble")]],
         override=dict(q=20, tags=["noise", "blur", "jpeg-q20"])),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--corpus", action="store_true", help="the accuracy set (about 40 replies, >= 100 pages)")
    what.add_argument("--samples", action="store_true", help="the samples, with NAME.expected.json")
    what.add_argument("--form", nargs="+", help="replies from these DOCX/ODT forms")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--annex2", default=os.path.join(ROOT, "build", "annex2"))
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--replies", type=int, default=40)
    ap.add_argument("--profile", help="with --form: a profile, or a comma list taken by turns (default: all "
                    "by turns): " + ", ".join(PROFILES))
    ap.add_argument("--prefix", default=None, help="--samples: the path of OUT as the records name it "
                    "(default: OUT relative to the repository)")
    ap.add_argument("--only", help="--samples: only these samples (names, comma-separated), each made as in the whole set")
    ap.add_argument("--work", help="keep the forms and their PDFs here (default: a temporary folder)")
    ap.add_argument("-j", "--jobs", type=int, default=min(2, os.cpu_count() or 1))
    a = ap.parse_args()
    profiles = a.profile.split(",") if a.profile else list(PROFILES)
    if any(p not in PROFILES for p in profiles):
        ap.error("--profile: one of " + ", ".join(PROFILES))
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    work = a.work or tempfile.mkdtemp(prefix="make_scans.")
    os.makedirs(work, exist_ok=True)
    try:
        recs = consultation_texts()
        names = state_table()
        if a.corpus:
            plan = corpus_plan(a.replies, a.seed)
        elif a.samples:
            plan = [dict(p, seed=a.seed * 1000 + 500 + i, keep_name=bool(p.get("pages")),
                         cancel_share=(0, 0)) for i, p in enumerate(SAMPLES)
                    if not a.only or p["name"] in a.only.split(",")]
        else:
            plan = [{"source": "FILE", "file": os.path.abspath(f), "seed": a.seed * 1000 + i,
                     "profile": profiles[i % len(profiles)],
                     "name": os.path.splitext(os.path.basename(f))[0] + "-scan"} for i, f in enumerate(a.form)]
        states = sorted({p["source"] for p in plan if p["source"] not in ("ITU", "FILE")})
        if states:
            fdir = os.path.join(work, "forms")
            r = subprocess.run([a.annex2, "generate", "--only", ",".join(states), "--format", "both",
                                "--force", "-o", fdir], capture_output=True, text=True)
            if r.returncode != 0:
                raise Fail("annex2 generate: " + r.stderr.strip())
        forms = []
        for p in plan:
            if p["source"] == "ITU":
                f = SECRETARIAT_FORM
            elif p["source"] == "FILE":
                f = p["file"]
            else:
                f = os.path.join(work, "forms", "%s.%s" % (p["source"], p.get("fmt", "docx")))
            forms.append(f)
        uniq = sorted(set(forms))
        pdfs = dict(zip(uniq, make_pdfs(uniq, work)))
        jobs = []
        for p, f in zip(plan, forms):
            iso = p["source"] if p["source"] not in ("ITU", "FILE") else None
            lang = names[iso]["lang"] if iso else "en"
            if p["source"] == "FILE":
                m = re.match(r"([A-Z]{3})\b", os.path.basename(f))
                iso = m.group(1) if m and m.group(1) in names else None
                lang = names[iso]["lang"] if iso else "en"
            job = dict(p, pdf=pdfs[f], recs=recs, iso3=iso, lang=lang, out=a.out)
            jobs.append(job)
        if a.jobs > 1 and len(jobs) > 1:
            with Pool(a.jobs) as pool:
                results = pool.map(make_reply, jobs, chunksize=1)
        else:
            results = [make_reply(j) for j in jobs]
        files = [w for r in results for w in r]
        npages = sum(len(t["pages"]) for _, t in files)
        if a.samples:
            prefix = a.prefix or os.path.relpath(os.path.abspath(a.out), ROOT)
            for path, truth in files:
                rel = os.path.join(prefix, os.path.basename(path))
                rec = expected_record(truth, rel, names)
                base = os.path.splitext(path)[0]
                write_atomic(base + ".expected.json", lambda tmp: open(tmp, "w", encoding="utf-8").write(
                    json.dumps(rec, ensure_ascii=False, indent=1) + "\n"))
        kinds = {}
        for _, t in files:
            for x in t["texts"]:
                for m in x["marks"]:
                    kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
        log("%d replies, %d files, %d pages in %.1f s (marks: %s)" % (
            len(jobs), len(files), npages, time.time() - t0,
            ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
        return 0
    except (Fail, subprocess.CalledProcessError) as e:
        log("error: %s" % e)
        return 1
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
