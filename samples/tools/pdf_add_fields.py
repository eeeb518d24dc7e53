#!/usr/bin/python3
"""pdf_add_fields.py IN OUT -- make a PDF form with checkbox fields.

LibreOffice 7.4 exports PDF form fields only from ODF form controls, not from
the checkbox content controls annex2's forms use.  This tool gives a PDF
exported from such a form real AcroForm fields, as a form designer would: a
checkbox widget (field type Btn, states /Yes and /Off, each with its own
appearance) over every ballot glyph the page prints (found with poppler's
`pdftotext -bbox`), all of them off.  The printed glyph stays under its
field, so the file is also the case "an empty printed box under a ticked
field": the field's state decides.

Fields are named box1, box2, ... in reading order (page, top, left): four
per text on annex2's forms (assigns, no comments, comments attached, does
not assign).  The objects are added with qpdf (--json-output, then
--update-from-json), so nothing of the PDF is written by hand but the
fields.  Tick them with tests/pdf/pdf_tick (poppler).
"""
import base64
import json
import re
import subprocess
import sys
import tempfile
import os

GLYPHS = "\u2610\u2612\u2611\u25a1"


def boxes(pdf):
    """[(page 1-based, x1, y1, x2, y2)] in top-left points, reading order."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                      line)
        if m and m.group(5) in GLYPHS:
            out.append((page, *(float(m.group(i)) for i in range(1, 5))))
    out.sort(key=lambda b: (b[0], round(b[2]), b[1]))
    return out


def stream(data, bbox):
    return {"stream": {"dict": {"/Type": "/XObject", "/Subtype": "/Form", "/BBox": bbox},
                       "data": base64.b64encode(data.encode()).decode()}}


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: pdf_add_fields.py IN OUT")
    src, dst = argv[1], argv[2]
    found = boxes(src)
    if not found:
        sys.exit("pdf_add_fields: no ballot glyph in %s" % src)
    with tempfile.TemporaryDirectory() as t:
        full = os.path.join(t, "in.json")
        subprocess.run(["qpdf", "--json-output", src, full], check=True)
        j = json.load(open(full))
        head, objs = j["qpdf"][0], j["qpdf"][1]
        nxt = head["maxobjectid"] + 1
        catalog = objs["trailer"]["value"]["/Root"]
        pages = []   # page object refs in order, following /Kids
        def walk(ref):
            v = objs["obj:" + ref]["value"]
            if v.get("/Type") == "/Pages":
                for k in v["/Kids"]:
                    walk(k)
            else:
                pages.append(ref)
        walk(objs["obj:" + catalog]["value"]["/Pages"])
        heights = {}
        for i, ref in enumerate(pages):
            mb = objs["obj:" + ref]["value"].get("/MediaBox", [0, 0, 595.3, 841.9])
            heights[i + 1] = float(mb[3])
        upd, fields, annots = {}, [], {}
        for n, (page, x1, y1, x2, y2) in enumerate(found, 1):
            h = heights[page]
            # the field a little larger than the glyph's box, square
            side = max(x2 - x1, y2 - y1) * 0.9
            cx, cy = (x1 + x2) / 2, h - (y1 + y2) / 2
            rect = [round(cx - side / 2, 2), round(cy - side / 2, 2), round(cx + side / 2, 2), round(cy + side / 2, 2)]
            w = round(side, 2)
            bbox = [0, 0, w, w]
            on, off, wid = "%d 0 R" % nxt, "%d 0 R" % (nxt + 1), "%d 0 R" % (nxt + 2)
            nxt += 3
            upd["obj:" + on] = stream("1 1 1 rg 0 0 %s %s re f 0 g 0.8 w 0.5 0.5 %s %s re S "
                                      "2 2 m %s %s l S 2 %s m %s 2 l S" % (w, w, w - 1, w - 1, w - 2, w - 2, w - 2, w - 2),
                                      bbox)
            upd["obj:" + off] = stream("1 1 1 rg 0 0 %s %s re f 0 g 0.8 w 0.5 0.5 %s %s re S" % (w, w, w - 1, w - 1), bbox)
            upd["obj:" + wid] = {"value": {
                "/Type": "/Annot", "/Subtype": "/Widget", "/FT": "/Btn", "/T": "u:box%d" % n,
                "/Rect": rect, "/F": 4, "/P": pages[page - 1], "/V": "/Off", "/AS": "/Off",
                "/AP": {"/N": {"/Yes": on, "/Off": off}}, "/MK": {"/BC": [0], "/BG": [1]}}}
            fields.append(wid)
            annots.setdefault(page, []).append(wid)
        for page, refs in annots.items():
            ref = pages[page - 1]
            v = dict(objs["obj:" + ref]["value"])
            v["/Annots"] = list(v.get("/Annots", [])) + refs
            upd["obj:" + ref] = {"value": v}
        cat = dict(objs["obj:" + catalog]["value"])
        cat["/AcroForm"] = {"/Fields": fields, "/NeedAppearances": False}
        upd["obj:" + catalog] = {"value": cat}
        mod = os.path.join(t, "mod.json")
        json.dump({"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False,
                             "calledgetallpages": False, "maxobjectid": nxt - 1}, upd]}, open(mod, "w"))
        subprocess.run(["qpdf", src, "--update-from-json=" + mod, dst], check=True)
    print("%s: %d checkbox fields" % (dst, len(found)))


if __name__ == "__main__":
    main(sys.argv)
