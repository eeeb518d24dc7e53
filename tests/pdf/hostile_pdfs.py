"""hostile_pdfs.py -- broken and malicious PDFs for tests/pdf/run.sh.

make_all(DIR, TEMPLATE) writes them into DIR; TEMPLATE is a real PDF reply
(LibreOffice's export of a ticked form) that some of them start from.  The
expected outcome of each is in tests/pdf/run.sh.
"""
import os
import subprocess
import zlib


def pdf(objs, trailer_extra="", prev=None):
    """A PDF from {number: body bytes}, with a correct xref."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for n in sorted(objs):
        offs[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offs[n] if n in offs else b"0000000000 65535 f \n"
    extra = trailer_extra.encode()
    if prev == "self":
        extra += b" /Prev %d" % xref
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, extra, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_with(content, resources=b"<< /Font << /F1 4 0 R >> >>"):
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources " + resources + b" >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: content,
    }


def make_all(d, template):
    os.makedirs(d, exist_ok=True)
    w = lambda name, data: open(os.path.join(d, name), "wb").write(data)
    tpl = open(template, "rb").read()
    w("truncated.pdf", tpl[:400])
    w("garbage.pdf", b"%PDF-1.4\n" + bytes((i * 7919) % 251 for i in range(20000)))
    w("no-pages.pdf", pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}))
    w("kids-loop.pdf", pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                            2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                            3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"}))
    # 200 MB of operators that inflate from about 200 KB
    z = zlib.compressobj(9)
    chunk = b"0 0 m\n" * (1 << 18)
    body = b"".join(z.compress(chunk) for _ in range(128)) + z.flush()
    w("deflate-bomb.pdf", pdf(page_with(stream(body, b"/Filter /FlateDecode"))))
    # a page of 225,000 characters of text (poppler keeps about 50,000 of them)
    text = b"BT /F1 1.6 Tf 2.2 TL 10 835 Td " + (b"(" + b"x" * 600 + b") ' ") * 375 + b"ET"
    w("huge-page-text.pdf", pdf(page_with(stream(text))))
    # an xref whose /Prev is itself
    w("xref-loop.pdf", pdf(page_with(stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")), prev="self"))
    # a page that is only a picture (a scan): the form rendered, as JPEG
    subprocess.run(["pdftoppm", "-jpeg", "-r", "40", "-f", "1", "-l", "1", "-singlefile", template,
                    os.path.join(d, "scan")], check=True)
    jpg = open(os.path.join(d, "scan.jpg"), "rb").read()
    os.remove(os.path.join(d, "scan.jpg"))
    wpx, hpx = jpeg_size(jpg)
    objs = page_with(stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"), b"<< /XObject << /Im1 4 0 R >> >>")
    objs[4] = stream(jpg, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                     b"/BitsPerComponent 8 /Filter /DCTDecode" % (wpx, hpx))
    w("image-only.pdf", pdf(objs))
    # passwords: one needed to open it; one only for the owner (opens as is)
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", template,
                    os.path.join(d, "password.pdf")], check=True)
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", template,
                    os.path.join(d, "owner-password-only.pdf")], check=True)
    # 24 pages: the form eight times over; only the first 20 are read
    subprocess.run(["qpdf", "--empty", "--pages"] + [template] * 8 + ["--", os.path.join(d, "many-pages.pdf")],
                   check=True)


def jpeg_size(b):
    i = 2
    while i < len(b):
        if b[i] != 0xFF:
            i += 1
            continue
        m = b[i + 1]
        ln = int.from_bytes(b[i + 2:i + 4], "big")
        if m in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(b[i + 7:i + 9], "big"), int.from_bytes(b[i + 5:i + 7], "big")
        i += 2 + ln
    raise ValueError("no JPEG frame")
