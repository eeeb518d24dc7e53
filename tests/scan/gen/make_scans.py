#!/usr/bin/python3
"""make_scans.py -- scan-like replies made from real forms, with their truth.

usage: make_scans.py --corpus  -o DIR [--annex2 PATH] [--seed N] [-j N] [--replies N]
       make_scans.py --samples -o DIR [--annex2 PATH] [--seed N] [--prefix P]
       make_scans.py --form FILE.docx|.odt... -o DIR [--profile NAME] [--seed N]

It stands in for the printer, the pen and the scanner.  A form (one that
`annex2 generate` writes, or the Secretariat's own samples/itu-annex2-form.docx,
which has no QR code) goes through LibreOffice (tests/lo/lo_driver.py, its own
profile) to PDF; poppler renders each page at 300 dpi and its text layer
(pdftotext -bbox-layout) says where every box (the ☐ glyphs; on the
Secretariat's form, the square or circle drawn left of each label, found on
the rendering) and every option label is.  Pen marks are drawn there as a
person draws them (crosses, ticks, filled boxes, a circled option text, a
mark beside the box, a scribbled-out mark with the other box marked, faint
marks, stray strokes, dots, smudges, a mark as near one box as the other,
both boxes, nothing), as polylines with jitter, varying width and pressure,
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
import random
import re
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
            jobs.append("convert %s %s" % (shlex_quote(f), shlex_quote(pdf)))
    if jobs:
        jf = os.path.join(work, "jobs")
        with open(jf, "w") as fh:
            fh.write("\n".join(jobs) + "\n")
        r = subprocess.run(["/usr/bin/python3", LO_DRIVER, "--timeout", "600", "batch", jf])
        if r.returncode != 0:
            raise Fail("LibreOffice could not convert the forms (lo_driver exit %d)" % r.returncode)
    return pdfs


def shlex_quote(s):
    import shlex
    return shlex.quote(s)


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
            "signature": sig, "size": [(p["w"], p["h"]) for p in pages]}


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
        if any(b == "none" and k == "between" for b, k in marks) and "none" in boxes:
            unsure.append("between")
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
        # a tick of 0.8 box beside the box: for a vote box toward its label,
        # for an option away from it; "between": as near one option as the other
        side = (1 if is_vote else -1) * (-1 if rtl else 1)
        if kind == "between":
            ox0, oy0, ox1, oy1 = other
            cy = (cy + (oy0 + oy1) / 2) / 2
        cx = cx + side * (1.05 * s)
        s = 0.8 * s
        x0, y0, x1, y1 = cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2
        kind = "tick"
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
    """Paper: a slightly off-white, uneven sheet with fine grain (float 0..1 factors)."""
    h, w = shape
    low = rng.normal(0, 1, (h // 64 + 2, w // 64 + 2)).astype(np.float32)
    low = np.array(Image.fromarray(low).resize((w, h), Image.BILINEAR))
    grain = rng.normal(0, 1, (h, w)).astype(np.float32)
    return 0.965 + 0.012 * low + 0.01 * grain
