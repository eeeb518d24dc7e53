#!/usr/bin/python3
"""strip.py docx|odt IN OUT -- prepare a generated part for validation against the
official schemas, which do not know the extensions a conforming document may carry:
  docx: Markup Compatibility (ECMA-376 Part 3): attributes and elements of the
        namespaces in mc:Ignorable are dropped (w14 checkboxes included);
  odt:  ODF 1.3 "extended conformance": elements and attributes of foreign
        namespaces (LibreOffice's loext) are dropped, their children kept."""
import sys
import xml.etree.ElementTree as ET

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ODF = ("urn:oasis:names:tc:opendocument:", "http://www.w3.org/1999/xlink",
       "http://purl.org/dc/elements/1.1/", "http://www.w3.org/1998/Math/MathML",
       "http://www.w3.org/2000/svg", "http://www.w3.org/XML/1998/namespace",
       "http://www.w3.org/1999/xhtml", "http://www.w3.org/2003/g/data-view#",
       "http://docs.oasis-open.org/ns/office/1.2/meta/pkg#")


def ns(tag):
    return tag[1:].split("}")[0] if tag.startswith("{") else ""


def main():
    kind, src, dst = sys.argv[1:4]
    nsmap = {}
    for _, (p, uri) in ET.iterparse(src, events=["start-ns"]):
        nsmap.setdefault(p, uri)
    for p, uri in nsmap.items():
        ET.register_namespace(p, uri)
    root = ET.parse(src).getroot()
    if kind == "docx":
        foreign = {nsmap[p] for p in root.get("{%s}Ignorable" % MC, "").split() if p in nsmap}
        drop_children = True
    else:
        foreign = {uri for uri in nsmap.values() if not uri.startswith(ODF)}
        drop_children = False

    def walk(el):
        for a in list(el.attrib):
            if ns(a) in foreign or a == "{%s}Ignorable" % MC:
                del el.attrib[a]
        out = []
        text_into = None
        for ch in list(el):
            el.remove(ch)
            if ns(ch.tag) in foreign:
                if drop_children:
                    continue
                walk(ch)
                # keep the foreign element's content in its place
                if ch.text:
                    if out:
                        out[-1].tail = (out[-1].tail or "") + ch.text
                    else:
                        el.text = (el.text or "") + ch.text
                out.extend(list(ch))
                if ch.tail:
                    if out:
                        out[-1].tail = (out[-1].tail or "") + ch.tail
                    else:
                        el.text = (el.text or "") + ch.tail
            else:
                out.append(walk(ch))
        el.extend(out)
        return el

    ET.ElementTree(walk(root)).write(dst, xml_declaration=True, encoding="UTF-8")


main()
