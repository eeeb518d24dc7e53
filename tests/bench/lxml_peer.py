#!/usr/bin/python3
"""tests/bench/lxml_peer.py DIR... -- the Python peer of `annex2 read` in
`make bench` (issue 18): for every .docx/.odt under DIR, zipfile reads the
main part (word/document.xml, content.xml), lxml parses it, and the ticked
boxes are counted (Word checkbox content controls and legacy form fields,
LibreOffice checkbox content controls and form checkboxes).  Nothing more:
no matching, no record.  Prints one line "FILE N" per file.
"""
import os
import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
FORM = "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
ON = ("1", "true", "on")


def ticked(path):
    with zipfile.ZipFile(path) as z:
        name = "word/document.xml" if path.endswith(".docx") else "content.xml"
        root = etree.fromstring(z.read(name))
    n = 0
    if path.endswith(".docx"):
        for e in root.iter("{%s}checked" % W14, "{%s}checked" % W):
            v = e.get("{%s}val" % W14, e.get("{%s}val" % W, "1"))
            n += v in ON
    else:
        for e in root.iter("{%s}content-control" % LOEXT):
            n += e.get("{%s}checked" % LOEXT) in ON
        for e in root.iter("{%s}checkbox" % FORM):
            n += e.get("{%s}current-state" % FORM) == "checked"
    return n


def main(argv):
    out = []
    for d in argv[1:]:
        for base, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".docx", ".odt")):
                    p = os.path.join(base, f)
                    out.append("%s %d" % (p, ticked(p)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
