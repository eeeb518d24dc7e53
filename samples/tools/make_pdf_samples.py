#!/usr/bin/python3
"""make_pdf_samples.py ANNEX2 PDF_TICK -- the PDF sample replies.

Writes samples/returned/*.pdf and their NAME.expected.json.  The PDFs are
made as Administrations make them:
  - exported to PDF by LibreOffice from sample replies already in
    samples/returned/ (ticked DOCX and ODT, typed marks, the Secretariat's
    own Word form whose legacy boxes LibreOffice prints as lines, options
    struck through: a line drawn over the words);
  - a blank form exported to PDF, given checkbox fields over its printed
    boxes (pdf_add_fields.py, qpdf) and ticked through poppler (PDF_TICK);
  - a cover letter page put before the form (qpdf --pages);
  - signed with poppler's pdfsig -add-signature, with a test certificate
    made here with OpenSSL and imported into a throwaway NSS database
    (certutil, pk12util); signed and then altered (one byte of the signed
    range changed);
  - protected by a password (qpdf --encrypt);
  - only page images (the form rendered by pdftoppm, put into a PDF as
    JPEG pages): a scan.
The expected records are the truth: the source reply's expected record
(itself the truth written down by make_samples.py), with what a PDF changes
(format, sha256, how each answer was read, the sender found in the text
since a PDF has no annex2 metadata), or the ticked pattern -- never annex2's
output.  After writing, the samples are read and every difference printed.
Needs LibreOffice, poppler-utils, qpdf, libnss3-tools, openssl.
"""
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RET = os.path.join(ROOT, "samples", "returned")
sys.path.insert(0, os.path.join(ROOT, "tests", "pdf"))
from hostile_pdfs import pdf as make_pdf, stream, jpeg_size  # noqa: E402

RECS = ["X.1237", "X.1283", "X.1353", "X.1354", "X.1384", "X.1471", "X.1819", "X.1820"]
ALIAS = ["X.tsfpp", "X.gpwd", "X.ztd-iot", "X.sc-iot", "X.itssec-5", "X.websec-7", "X.5Gsec-netec",
         "X.5Gsec-srocvs"]

# PDF name -> (source reply, how its marks print): "glyph" (LibreOffice
# prints a ticked content control as ☒), "drawing" (a legacy form field
# printed as lines), "keep" (typed marks, struck or deleted words: as read)
FROM_REPLIES = {
    "fra-pdf-lo-export.pdf": ("fra-lo-ticked.docx", "glyph"),
    "jpn-pdf-lo-export-odt.pdf": ("jpn-lo-comments.odt", "glyph"),
    "bel-pdf-glyph-ballot-x.pdf": ("bel-glyph-ballot-x.docx", "keep"),
    "aut-pdf-typed-x.pdf": ("aut-typed-x-for-box.docx", "keep"),
    "gbr-pdf-both-boxes.pdf": ("gbr-lo-both-boxes.docx", "glyph"),
    "chn-pdf-nothing-ticked.pdf": ("chn-lo-nothing-ticked.docx", "glyph"),
    "itu-form-sen-pdf-drawn-boxes.pdf": ("itu-form-sen-word.docx", "drawing"),
    "grc-pdf-struck-through.pdf": ("grc-unchosen-struck-through.docx", "keep"),
    "isl-pdf-option-decided-by-strike.pdf": ("isl-word-option-decided-by-strike.docx", "glyph"),
}


def run(*a, **k):
    return subprocess.run(list(a), check=True, **k)


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def truth_from(src_name, pdf_name, marks):
    e = json.load(open(os.path.join(RET, src_name.rsplit(".", 1)[0] + ".expected.json")))
    e = copy.deepcopy(e)
    e["file"] = "samples/returned/" + pdf_name
    e["sha256"] = sha(os.path.join(RET, pdf_name))
    e["format"] = "pdf"
    if e.get("member_state"):
        e["member_state"]["source"] = "text"
    for t in e["texts"]:
        if t["status"] not in ("ok", "inferred") or t["evidence"] in ("struck", "deleted", "glyph", "text"):
            continue
        t["evidence"] = {"glyph": "glyph", "drawing": "pdf-drawing", "keep": t["evidence"]}[marks]
    # a PDF carries none of the generator's metadata: a disagreement
    # between metadata and text cannot arise
    e["problems"] = [p for p in e["problems"] if p["code"] != "sender-mismatch"]
    return e


def pattern_truth(pdf_name, iso3, name, pattern_truth_rows, problems, sig):
    texts = []
    for i, (a, c, s) in enumerate(pattern_truth_rows):
        texts.append({"rec": RECS[i], "alias": ALIAS[i], "authority": a, "comments": c, "status": s,
                      "evidence": "pdf-field" if s in ("ok", "inferred") else None})
    return {"file": "samples/returned/" + pdf_name, "sha256": sha(os.path.join(RET, pdf_name)),
            "format": "pdf", "status": "read", "consultation": "tsb-circular-195",
            "member_state": {"iso3": iso3, "name": name, "source": "text"}, "texts": texts,
            "signatory": sig, "complete": False, "problems": problems}


def write(e):
    path = os.path.join(ROOT, e["file"].rsplit(".", 1)[0] + ".expected.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(e, f, ensure_ascii=False, indent=1)
        f.write("\n")


def lo(jobs, t):
    jf = os.path.join(t, "jobs.txt")
    open(jf, "w").write("\n".join(jobs) + "\n")
    run("/usr/bin/python3", os.path.join(ROOT, "tests", "lo", "lo_driver.py"), "--timeout", "600", "batch", jf,
        stdout=subprocess.DEVNULL)


def main(argv):
    a2, tick = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    t = tempfile.mkdtemp()
    try:
        # 1. LibreOffice's PDF of sample replies, a blank form, a letter
        run(a2, "generate", "--only", "DEU,KOR", "-o", os.path.join(t, "forms"), stdout=subprocess.DEVNULL)
        open(os.path.join(t, "letter.txt"), "w").write(
            "Ministry of Science and ICT\nRepublic of Korea\n\nSeoul, 9 August 2024\n\n"
            "Director, Telecommunication Standardization Bureau\n\nSubject: TSB Circular 195\n\n"
            "Dear Director,\n\nPlease find our reply to the consultation on the following page.\n\n"
            "Sincerely,\n")
        jobs = ["convert %s %s" % (os.path.join(RET, src), os.path.join(t, name))
                for name, (src, _) in FROM_REPLIES.items()]
        jobs += ["convert %s %s" % (os.path.join(t, "forms", "DEU.docx"), os.path.join(t, "deu-blank.pdf")),
                 "convert %s %s" % (os.path.join(RET, "kor-lo-mixed.docx"), os.path.join(t, "kor-form.pdf")),
                 "convert %s %s" % (os.path.join(t, "letter.txt"), os.path.join(t, "letter.pdf"))]
        lo(jobs, t)
        for name, (src, marks) in FROM_REPLIES.items():
            shutil.copy(os.path.join(t, name), os.path.join(RET, name))
            write(truth_from(src, name, marks))
        # 2. form fields ticked through poppler: the pattern of tests/lo
        run("/usr/bin/python3", os.path.join(ROOT, "samples", "tools", "pdf_add_fields.py"),
            os.path.join(t, "deu-blank.pdf"), os.path.join(t, "deu-fields.pdf"), stdout=subprocess.DEVNULL)
        name = "deu-pdf-form-fields.pdf"
        run(tick, os.path.join(t, "deu-fields.pdf"), os.path.join(RET, name), "1,2,8,9,11,13,18,25,28,29,30",
            stdout=subprocess.DEVNULL)
        rows = [("assigns", "none", "ok"), ("does-not-assign", None, "ok"), ("assigns", "attached", "ok"),
                ("assigns", None, "ok"), ("assigns", "none", "inferred"), (None, None, "missing"),
                (None, None, "conflict"), ("assigns", "none", "ok")]
        probs = [{"code": "option-missing", "rec": "X.1354"}, {"code": "inferred", "rec": "X.1384"},
                 {"code": "missing", "rec": "X.1471"}, {"code": "conflict", "rec": "X.1819"},
                 {"code": "unsigned", "rec": None}, {"code": "undated", "rec": None}]
        for p in probs:
            p["message"] = ""
        write(pattern_truth(name, "DEU", "Germany", rows, probs,
                            {"name": None, "title": None, "place": None, "date": None}))
        # 3. a cover letter before the form
        name = "kor-pdf-cover-letter.pdf"
        run("qpdf", "--empty", "--pages", os.path.join(t, "letter.pdf"), os.path.join(t, "kor-form.pdf"), "--",
            os.path.join(RET, name))
        write(truth_from("kor-lo-mixed.docx", name, "glyph"))
        # 4. signed; signed and altered
        nss = os.path.join(t, "nssdb")
        os.mkdir(nss)
        run("certutil", "-N", "-d", "sql:" + nss, "--empty-password")
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-keyout", os.path.join(t, "key.pem"),
            "-out", os.path.join(t, "cert.pem"), "-days", "3650", "-nodes",
            "-subj", "/CN=Jean Dupont/O=Administration of France (annex2 test certificate)",
            stderr=subprocess.DEVNULL)
        run("openssl", "pkcs12", "-export", "-inkey", os.path.join(t, "key.pem"), "-in", os.path.join(t, "cert.pem"),
            "-out", os.path.join(t, "id.p12"), "-passout", "pass:test", "-name", "signer")
        run("pk12util", "-i", os.path.join(t, "id.p12"), "-d", "sql:" + nss, "-W", "test", stdout=subprocess.DEVNULL)
        signed = "fra-pdf-digitally-signed.pdf"
        run("pdfsig", "-nssdir", "sql:" + nss, "-add-signature", "-nick", "signer", "-reason",
            "Reply to TSB Circular 195", os.path.join(RET, "fra-pdf-lo-export.pdf"), os.path.join(RET, signed))
        when = subprocess.run(["pdfsig", "-nssdir", "sql:" + nss, os.path.join(RET, signed)], capture_output=True,
                              text=True).stdout
        # the signing time, as pdfsig (poppler, not annex2) reports it, in UTC
        import datetime
        line = [x for x in when.splitlines() if "Signing Time:" in x][0].split("Signing Time:")[1].strip()
        stamp = datetime.datetime.strptime(line, "%b %d %Y %H:%M:%S").strftime("%Y-%m-%dT%H:%M:%SZ")
        e = truth_from("fra-lo-ticked.docx", signed, "glyph")
        e["signatory"]["signed"] = True
        e["signatory"]["digital_signature"] = {
            "signer": "Jean Dupont", "time": stamp, "valid": True, "covers_document": True,
            "message": "the signature is valid and covers the whole document"}
        write(e)
        altered = "fra-pdf-signed-then-altered.pdf"
        d = bytearray(open(os.path.join(RET, signed), "rb").read())
        i = d.find(b"%", 5)          # the binary comment of the header: inside the signed range
        d[i + 1] ^= 1
        open(os.path.join(RET, altered), "wb").write(bytes(d))
        e = truth_from("fra-lo-ticked.docx", altered, "glyph")
        e["signatory"]["signed"] = True
        e["signatory"]["digital_signature"] = {
            "signer": "Jean Dupont", "time": stamp, "valid": False, "covers_document": True,
            "message": "the document was changed after it was signed, or the signature does not match it"}
        e["complete"] = False
        e["problems"].append({"code": "signature-invalid", "rec": None, "message": ""})
        write(e)
        # 5. a password
        name = "nld-pdf-password-protected.pdf"
        run("qpdf", "--encrypt", "geheim", "owner", "256", "--", os.path.join(t, "kor-form.pdf"),
            os.path.join(RET, name))
        write({"file": "samples/returned/" + name, "sha256": sha(os.path.join(RET, name)), "format": "pdf",
               "status": "error", "error": {"code": "encrypted",
                                            "message": "the PDF is protected by a password: send it without one"},
               "consultation": None, "member_state": None, "texts": [],
               "signatory": {"name": None, "title": None, "place": None, "date": None},
               "complete": False, "problems": []})
        # 6. only pictures: a scan
        name = "che-pdf-scan-only.pdf"
        run("pdftoppm", "-jpeg", "-r", "60", os.path.join(t, "kor-form.pdf"), os.path.join(t, "scan"))
        objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
        pages = sorted(f for f in os.listdir(t) if f.startswith("scan") and f.endswith(".jpg"))
        kids = []
        for k, f in enumerate(pages):
            jpg = open(os.path.join(t, f), "rb").read()
            w, h = jpeg_size(jpg)
            pn, cn, im = 3 + 3 * k, 4 + 3 * k, 5 + 3 * k
            kids.append(b"%d 0 R" % pn)
            objs[pn] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /XObject << /Im %d 0 R >> >> >>" % (cn, im))
            objs[cn] = stream(b"q 595 0 0 842 0 0 cm /Im Do Q")
            objs[im] = stream(jpg, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                              b"/BitsPerComponent 8 /Filter /DCTDecode" % (w, h))
        objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
        open(os.path.join(RET, name), "wb").write(make_pdf(objs))
        write({"file": "samples/returned/" + name, "sha256": sha(os.path.join(RET, name)), "format": "pdf",
               "status": "read", "consultation": "tsb-circular-195", "member_state": None,
               "texts": [{"rec": r, "alias": a, "authority": None, "comments": None, "status": "unclear",
                          "evidence": None} for r, a in zip(RECS, ALIAS)],
               "signatory": {"name": None, "title": None, "place": None, "date": None},
               "complete": False,
               "problems": [{"code": c, "rec": None, "message": ""} for c in
                            ("image-only", "unknown-sender", "unsigned", "undated")]})
    finally:
        shutil.rmtree(t)
    print("PDF samples written; now: sh tests/samples/run.sh %s" % a2)


if __name__ == "__main__":
    main(sys.argv)
