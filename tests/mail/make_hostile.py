#!/usr/bin/env python3
"""tests/mail/make_hostile.py -- broken and malicious messages for intake,
into a Maildir and the same messages as one mbox, with the expected status
of each (every message gets an entry; nothing crashes, hangs or escapes).

usage: make_hostile.py SAMPLE_DOCX MAILDIR MBOX EXPECTED_TSV"""
import io
import mailbox
import os
import random
import sys
import zipfile

docx_path, maildir, mbox_path, expected_path = sys.argv[1:5]
docx = open(docx_path, 'rb').read()
box = mailbox.Maildir(maildir, create=True)
mb = open(mbox_path, 'wb')
expected = []
seen = []


def b64(data):
    import base64
    return base64.encodebytes(data).replace(b'\n', b'\r\n')


def hdr(case, extra=b''):
    return (b'Received: from mx by mail.itu.int; Tue, 20 Aug 2024 14:03:00 +0000\r\n'
            b'From: tsb-fra@example.org\r\nTo: tsbdir@itu.int\r\nSubject: ' + case.encode() +
            b'\r\nMessage-ID: <' + case.encode() + b'@hostile.example>\r\nMIME-Version: 1.0\r\n' + extra)


def att(name, data, ctype=b'application/octet-stream'):
    return (b'Content-Type: ' + ctype + b'\r\nContent-Disposition: attachment; filename="' + name +
            b'"\r\nContent-Transfer-Encoding: base64\r\n\r\n' + b64(data))


def mixed(case, parts, extra=b''):
    body = b''.join(b'--B\r\n' + p + b'\r\n' for p in parts) + b'--B--\r\n'
    return hdr(case, extra + b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n') + body


def add(case, raw, status):
    k = box.add(raw)
    os.rename(os.path.join(maildir, 'new', k), os.path.join(maildir, 'new', '1724000000.%02d-%s.h' % (len(seen), case)))
    seen.append(case)
    # mbox: "From " lines in bodies escaped as mboxrd does
    body = b'\n'.join((b'>' + l if l.lstrip(b'>').startswith(b'From ') else l) for l in raw.replace(b'\r\n', b'\n').split(b'\n'))
    mb.write(b'From hostile@example Tue Aug 20 14:03:00 2024\n' + body + b'\n\n')
    expected.append((case, status))


# nesting far deeper than the limit (16)
deep = b'Content-Type: text/plain\r\n\r\nbottom\r\n'
for i in range(200):
    deep = b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) + deep + b'\r\n--b%d--\r\n' % i
add('deep-nesting', hdr('deep-nesting') + deep, 'error')
# message/rfc822 forwards inside forwards
fw = hdr('inner') + b'Content-Type: text/plain\r\n\r\nhi\r\n'
for i in range(100):
    fw = b'Content-Type: message/rfc822\r\n\r\n' + hdr('fw%d' % i) + fw
add('forward-loop', hdr('forward-loop') + fw, 'error')
# more parts than the limit (256)
add('many-parts', mixed('many-parts', [b'Content-Type: text/plain\r\n\r\nx'] * 2000), 'error')
# a header field of 200 KB
add('long-header', hdr('long-header', b'X-Junk: ' + b'a' * 200000 + b'\r\n') + b'Content-Type: text/plain\r\n\r\nx\r\n', 'error')
# a folded header of 100,000 continuation lines
add('folded-header', hdr('folded-header', b'X-Fold: a' + b'\r\n b' * 100000 + b'\r\n') + b'Content-Type: text/plain\r\n\r\nx\r\n', 'error')
# a message over the size limit (32 MiB)
add('huge', mixed('huge', [att(b'big.docx', b'\0' * (26 << 20))]), 'error')
# a zip bomb: 300 MB of zeros as "FRA.docx" inside a zip
zb = io.BytesIO()
with zipfile.ZipFile(zb, 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('FRA.docx', 'w', force_zip64=True) as f:
        chunk = b'\0' * (1 << 20)
        for _ in range(300):
            f.write(chunk)
add('zip-bomb', mixed('zip-bomb', [att(b'reply.zip', zb.getvalue(), b'application/zip')]), 'error')
# a zip in a zip: not followed
inner = io.BytesIO()
with zipfile.ZipFile(inner, 'w') as z:
    z.writestr('FRA.docx', docx)
outer = io.BytesIO()
with zipfile.ZipFile(outer, 'w') as z:
    z.writestr('inner.zip', inner.getvalue())
add('nested-zip', mixed('nested-zip', [att(b'outer.zip', outer.getvalue(), b'application/zip')]), 'skipped')
# a zip that is not one
add('not-a-zip', mixed('not-a-zip', [att(b'reply.zip', b'PK\3\4 this is not a zip at all' * 10, b'application/zip')]), 'error')
# names that try to leave the store
add('traversal', mixed('traversal', [att(b'../../../../../tmp/annex2-evil.docx', docx)]), 'stored')
add('long-name', mixed('long-name', [att(b'A' * 5000 + b'.docx', docx + b'\0')]), 'stored')
add('nul-name', mixed('nul-name', [b'Content-Type: application/octet-stream; name="a\0b.docx"\r\nContent-Transfer-Encoding: base64\r\n\r\n' + b64(docx + b'\1')]), 'stored')
# broken RFC 2231 / RFC 2047 names
add('bad-2231', mixed('bad-2231', [b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*0*=utf-8''%E2%82; filename*1*=%ZZ.docx; filename*3=x\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(docx + b'\2')]), 'stored')
add('bad-2047', mixed('bad-2047', [att(b'=?UTF-8?B?@@@@?= =?x-unknown?Q?=FF?=.docx', docx + b'\3')]), 'stored')
# missing boundary parameter; a boundary never used
add('no-boundary', hdr('no-boundary', b'Content-Type: multipart/mixed\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n'), 'error')
add('unused-boundary', hdr('unused-boundary', b'Content-Type: multipart/mixed; boundary="NOPE"\r\n\r\nno parts at all\r\n'), 'error')
# binary junk, an empty file, NULs in headers, a message of only headers
random.seed(195)
add('junk', bytes(random.getrandbits(8) for _ in range(100000)), 'error')
add('empty', b'', 'error')
add('nul-headers', b'From: a\0b@example.org\r\nSubject: \0\0\0\r\nMessage-ID: <nul@hostile.example>\r\n\r\nbody\r\n', 'no-attachment')
add('headers-only', hdr('headers-only'), 'error')  # no blank line: cut short
# an 8 MB base64 attachment on one line, and a part whose content type lies
add('one-line-b64', mixed('one-line-b64', [b'Content-Type: application/octet-stream; name="x.docx"\r\nContent-Transfer-Encoding: base64\r\n\r\n' + b64(docx + b'\4' * (6 << 20)).replace(b'\r\n', b'') + b'\r\n']), 'stored')
add('lying-type', mixed('lying-type', [att(b'reply.docx', b'%PDF-1.4 not a docx', b'image/gif')]), 'stored')
mb.close()
with open(expected_path, 'w') as f:
    for e in expected:
        f.write('\t'.join(e) + '\n')
