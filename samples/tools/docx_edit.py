"""docx_edit.py -- edit a DOCX (or ODT) package the way a person's office
program would leave it, for the sample replies (see make_samples.py).

Word-style edits follow ../shared/reference/word-and-google.md: a ticked
checkbox content control has <w14:checked w14:val="1"/> and shows U+2612;
a legacy FORMCHECKBOX gets <w:checked/> after <w:default>; filling a text
content control drops <w:showingPlcHdr/> and replaces its text; tracked
changes are w:ins / w:del (with w:delText).

The edits work on the XML text of the forms annex2 generates (and on the
Secretariat's form): they are written for those documents, not for any DOCX.
"""
import re
import zipfile

W14_DATE = "2024-08-14T09:30:00Z"
ZIP_TIME = (2024, 8, 14, 9, 30, 0)
BOX_ON, BOX_OFF = "\u2612", "\u2610"


class Package:
    """The members of a zip package, edited in memory and written back in
    the same order (an ODT's mimetype stays first and stored)."""

    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            self.infos = z.infolist()
            self.data = {i.filename: z.read(i.filename) for i in self.infos}

    def text(self, name):
        return self.data[name].decode("utf-8")

    def put(self, name, text):
        if name not in self.data:
            self.infos.append(zipfile.ZipInfo(name, ZIP_TIME))
        self.data[name] = text.encode("utf-8")

    def drop(self, name):
        """Removes a part and what points to it ([Content_Types].xml, _rels)."""
        self.infos = [i for i in self.infos if i.filename != name]
        del self.data[name]
        if "[Content_Types].xml" in self.data:
            ct = re.sub(r'<Override PartName="/%s"[^>]*/>' % re.escape(name), "", self.text("[Content_Types].xml"))
            self.put("[Content_Types].xml", ct)
        if "_rels/.rels" in self.data:
            rels = re.sub(r'<Relationship [^>]*Target="/?%s"[^>]*/>' % re.escape(name), "", self.text("_rels/.rels"))
            self.put("_rels/.rels", rels)

    def save(self, path):
        with zipfile.ZipFile(path, "w") as z:
            for i in self.infos:
                zi = zipfile.ZipInfo(i.filename, ZIP_TIME)
                zi.compress_type = zipfile.ZIP_STORED if i.filename == "mimetype" else zipfile.ZIP_DEFLATED
                z.writestr(zi, self.data[i.filename])


# ---- the generated DOCX form ------------------------------------------------

PARA = re.compile(r"<w:p>.*?</w:p>", re.S)
BOX = re.compile(r"<w:sdt><w:sdtPr>(?:(?!</w:sdt>).)*?<w14:checkbox>.*?</w:sdt>", re.S)
RUN = re.compile(r"<w:r>(?:(?!</w:r>).)*?</w:r>", re.S)


class Form:
    """document.xml of a form made by `annex2 generate`: 8 texts, each with
    four boxes in document order (0 assigns, 1 no comments, 2 comments
    attached, 3 does not assign); box index = 4 * text + option."""

    def __init__(self, pkg):
        self.pkg = pkg
        self.xml = pkg.text("word/document.xml")
        self.ids = 9000

    def save(self, path):
        self.pkg.put("word/document.xml", self.xml)
        self.pkg.save(path)

    def _para_of_box(self, i):
        """(start, end) of the paragraph holding box i."""
        box = list(BOX.finditer(self.xml))[i]
        for p in PARA.finditer(self.xml):
            if p.start() <= box.start() < p.end():
                return p.start(), p.end()
        raise ValueError("box %d is in no paragraph" % i)

    def _edit_para(self, i, fn):
        a, b = self._para_of_box(i)
        self.xml = self.xml[:a] + fn(self.xml[a:b]) + self.xml[b:]

    def _edit_box(self, i, fn):
        m = list(BOX.finditer(self.xml))[i]
        self.xml = self.xml[:m.start()] + fn(m.group(0)) + self.xml[m.end():]

    def _id(self):
        self.ids += 1
        return str(self.ids)

    # -- ticking
    def tick(self, i, how="word"):
        """Ticks box i.  how: "word" (w14:val="1" and the glyph, as Word
        does), "noval" (<w14:checked/>), "true" (w14:val="true"), "wval"
        (LibreOffice's block-SDT bug: the attributes in the w: namespace),
        "flag" (the flag only: the glyph still shows the empty box),
        "glyph" (the glyph only: the flag still says unchecked)."""
        def fn(s):
            checked = {"word": '<w14:checked w14:val="1"/>', "noval": "<w14:checked/>",
                       "true": '<w14:checked w14:val="true"/>', "wval": '<w14:checked w:val="1"/>',
                       "flag": '<w14:checked w14:val="1"/>', "glyph": '<w14:checked w14:val="0"/>'}[how]
            s = s.replace('<w14:checked w14:val="0"/>', checked)
            if how == "wval":
                s = re.sub(r'<w14:(checkedState|uncheckedState) w14:val="(\w+)"[^/]*/>', r'<w14:\1 w:val="\2"/>', s)
            if how != "flag":
                s = s.replace("<w:t>%s</w:t>" % BOX_OFF, "<w:t>%s</w:t>" % BOX_ON)
            return s
        self._edit_box(i, fn)

    def replace_box(self, i, text, keep_font=False):
        """The box deleted and `text` typed in its place (an X, a ☒ ...)."""
        rpr = ('<w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" '
               'w:hint="eastAsia"/></w:rPr>') if keep_font else ""
        self._edit_box(i, lambda s: "<w:r>%s<w:t>%s</w:t></w:r>" % (rpr, text))

    # -- whole paragraphs (a box with its label)
    def delete(self, i):
        """The text of the paragraph of box i deleted (box and label); the
        empty paragraph stays, as it does when a person deletes the text."""
        self._edit_para(i, lambda p: re.sub(r"(<w:p><w:pPr>.*?</w:pPr>).*(</w:p>)", r"\1\2", p, flags=re.S))

    def strike(self, i):
        self._edit_para(i, lambda p: RUN.sub(lambda r: add_rpr(r.group(0), "<w:strike/>"), p))

    def highlight(self, i):
        """Highlights the label of box i (not the box)."""
        def fn(p):
            runs = list(RUN.finditer(p))
            last = runs[-1]
            return p[:last.start()] + add_rpr(last.group(0), '<w:highlight w:val="yellow"/>') + p[last.end():]
        self._edit_para(i, fn)

    def tracked_delete(self, i, author="A. Reviewer"):
        """The whole paragraph of box i deleted with track changes on."""
        def fn(p):
            def one(r):
                run = r.group(0).replace("<w:t>", "<w:delText>").replace("<w:t xml:space=\"preserve\">",
                                                                          "<w:delText xml:space=\"preserve\">")
                run = run.replace("</w:t>", "</w:delText>")
                return '<w:del w:id="%s" w:author="%s" w:date="%s">%s</w:del>' % (self._id(), author, W14_DATE, run)
            return RUN.sub(one, p)
        self._edit_para(i, fn)

    def append(self, i, text, tracked=None, author="A. Reviewer"):
        """Types text at the end of the paragraph of box i; tracked: None,
        "ins" (a tracked insertion) or "del" (typed, then deleted, tracked)."""
        if tracked == "del":
            run = '<w:r><w:delText xml:space="preserve">%s</w:delText></w:r>' % text
        else:
            run = '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text
        if tracked:
            run = '<w:%s w:id="%s" w:author="%s" w:date="%s">%s</w:%s>' % (
                tracked, self._id(), author, W14_DATE, run, tracked)
        self._edit_para(i, lambda p: p[:-len("</w:p>")] + run + "</w:p>")

    # -- text
    def fill(self, tag, value):
        """Fills the text content control tagged `tag` as Word does."""
        pat = re.compile(r'(<w:sdt><w:sdtPr><w:alias w:val="[^"]*"/><w:tag w:val="%s"/>.*?)<w:showingPlcHdr/>'
                         r'(.*?<w:sdtContent><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t>)[^<]*(</w:t>)' % re.escape(tag), re.S)
        self.xml, n = pat.subn(lambda m: m.group(1) + m.group(2) + esc(value) + m.group(3), self.xml, count=1)
        if n != 1:
            raise ValueError("no text field tagged %r" % tag)

    def replace_text(self, old, new):
        if old not in self.xml:
            raise ValueError("%r is not in the document" % old)
        self.xml = self.xml.replace(old, esc(new))


def add_rpr(run, el):
    """Adds an empty run property element at its place in w:rPr."""
    early = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs")
    if el.startswith("<w:highlight"):
        early += ("w:caps", "w:strike", "w:color", "w:sz", "w:szCs")
    m = re.match(r"<w:r>(<w:rPr>(.*?)</w:rPr>)?", run, re.S)
    if not m.group(1):
        return "<w:r><w:rPr>%s</w:rPr>%s" % (el, run[len("<w:r>"):])
    kids = re.findall(r"<[^>]+/>", m.group(2))
    n = 0
    while n < len(kids) and kids[n][1:].split()[0].rstrip("/") in early:
        n += 1
    kids.insert(n, el)
    return "<w:r><w:rPr>%s</w:rPr>%s" % ("".join(kids), run[m.end():])


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def word_saved(pkg):
    """What Word changes in the package properties when it saves."""
    app = pkg.text("docProps/app.xml")
    pkg.put("docProps/app.xml", re.sub(r"<Application>[^<]*</Application>",
                                       "<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion>"
                                       if "<AppVersion>" not in app else
                                       "<Application>Microsoft Office Word</Application>", app))


# ---- the Secretariat's own form (reference/itu-annex2-form.docx) -------------

class ItuForm(Form):
    """The Secretariat's Word form: per text a legacy FORMCHECKBOX for
    "assigns" (box 2k) and one for "does not assign" (2k+1), and a circle
    glyph (U+20DD) before each of the two options (circles 2k, 2k+1)."""
    CIRCLE = "<w:t>\u20dd</w:t>"

    def check(self, k):
        """Ticks legacy checkbox k as Word does: <w:checked/> after w:default."""
        spots = [m.end() for m in re.finditer(r'<w:default w:val="0"/>', self.xml)]
        self.xml = self.xml[:spots[k]] + "<w:checked/>" + self.xml[spots[k]:]

    def mark_options(self, marks):
        """Replaces option circles by text: marks = {circle index: text (a ☒, an X ...)}."""
        spots = [m.start() for m in re.finditer(re.escape(self.CIRCLE), self.xml)]
        assert len(spots) == 16, "the Secretariat's form has 16 option circles, not %d" % len(spots)
        for k in sorted(marks, reverse=True):
            a = spots[k]
            self.xml = self.xml[:a] + "<w:t>%s</w:t>" % esc(marks[k]) + self.xml[a + len(self.CIRCLE):]


# ---- the generated ODT form, after LibreOffice saved it ---------------------------

OPTS = ("assigns", "none", "attached", "not_assign")


class OdtForm:
    """content.xml of an ODT form; box i (4 * text + option) is found by the
    bookmark the generator puts before it ("annex2_X_1237_assigns"), which
    LibreOffice keeps."""

    def __init__(self, pkg, recs):
        self.pkg, self.recs = pkg, recs
        self.xml = pkg.text("content.xml")

    def save(self, path):
        self.pkg.put("content.xml", self.xml)
        self.pkg.save(path)

    def _para(self, i):
        mark = 'text:name="annex2_%s_%s"' % (self.recs[i // 4].replace(".", "_"), OPTS[i % 4])
        for m in re.finditer(r"(<text:p [^>]*>)((?:(?!</text:p>).)*?)</text:p>", self.xml, re.S):
            if mark in m.group(2):
                return m
        raise ValueError("no paragraph with %s" % mark)

    def replace_box(self, i, text):
        """The checkbox control of box i deleted and `text` typed in its place."""
        m = self._para(i)
        inner = re.sub(r'<loext:content-control loext:checkbox="true".*?</loext:content-control>', esc(text),
                       m.group(2), count=1, flags=re.S)
        self.xml = self.xml[:m.start(2)] + inner + self.xml[m.end(2):]

    def strike(self, i):
        """The whole paragraph of box i struck through (a span, as LibreOffice writes it)."""
        if 'style:name="Tstrike"' not in self.xml:
            self.xml = self.xml.replace(
                "<office:automatic-styles>",
                '<office:automatic-styles><style:style style:name="Tstrike" style:family="text">'
                '<style:text-properties style:text-line-through-style="solid" '
                'style:text-line-through-type="single"/></style:style>', 1)
        m = self._para(i)
        self.xml = self.xml[:m.start(2)] + '<text:span text:style-name="Tstrike">%s</text:span>' % m.group(2) + \
            self.xml[m.end(2):]


# ---- a fresh document with plain paragraphs (text pasted into a new file) ----

def plain_docx(lines, path):
    """A minimal DOCX (no docProps, as Google Docs writes) with one paragraph per line."""
    body = "".join("<w:p>%s</w:p>" % "<w:r><w:tab/></w:r>".join(
        '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(part) for part in line.split("\t")) for line in lines)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>' % body,
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text.encode("utf-8"))
