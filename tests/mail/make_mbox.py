#!/usr/bin/env python3
"""tests/mail/make_mbox.py -- a large mbox for `make bench` (the intake row):
N messages of mixed kinds, about 100 KB each on average:
 40% replies (a DOCX or ODT of samples/returned, made unique by a trailing
     comment in the zip: a valid zip, a different sha256), some forwarded;
 25% noise with a 300 KB inline logo (multipart/related, never stored);
 20% auto-replies; 15% plain text without attachment.
usage: make_mbox.py SAMPLES_DIR OUT.mbox N"""
import base64
import glob
import os
import random
import sys

samples, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(195)
docs = sorted(glob.glob(os.path.join(samples, '*.docx')) + glob.glob(os.path.join(samples, '*.odt')))
docs = [(os.path.basename(p), open(p, 'rb').read()) for p in docs]
logo = base64.encodebytes(bytes(random.getrandbits(8) for _ in range(300 * 1024)))


def unique(data, i):
    # a zip comment: the end-of-central-directory record's comment length is its last 2 bytes
    c = b'annex2 bench %08d' % i
    return data[:-2] + len(c).to_bytes(2, 'little') + c


with open(out, 'wb') as f:
    for i in range(n):
        r = random.random()
        f.write(b'From sender%d@example.org Tue Aug 20 14:03:00 2024\n' % (i % 193))
        head = (b'Received: from mx.example by mail.itu.int; Tue, 20 Aug 2024 14:%02d:00 +0000\n'
                b'From: sender%d@example.org\nTo: tsbdir@itu.int\nSubject: message %d\n'
                b'Date: Tue, 20 Aug 2024 16:00:00 +0200\nMessage-ID: <bench-%d@example.org>\nMIME-Version: 1.0\n'
                % (i % 60, i % 193, i, i))
        if r < 0.40:
            name, data = docs[i % len(docs)]
            body = base64.encodebytes(unique(data, i))
            part = (b'--B\nContent-Type: application/octet-stream; name="%s"\nContent-Disposition: attachment; '
                    b'filename="%s"\nContent-Transfer-Encoding: base64\n\n' % (name.encode(), name.encode()) + body)
            if i % 10 == 0:   # forwarded
                part = (b'--B\nContent-Type: message/rfc822\n\nFrom: original@example.org\nSubject: fw\n'
                        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n' + part + b'--B--\n')
            f.write(head + b'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\n'
                    b'Our reply.\n' + part + b'--B--\n\n')
        elif r < 0.65:
            f.write(head + b'Content-Type: multipart/related; boundary="R"\n\n--R\nContent-Type: text/html\n\n'
                    b'<p>News <img src="cid:logo"></p>\n--R\nContent-Type: image/png\nContent-ID: <logo>\n'
                    b'Content-Transfer-Encoding: base64\n\n' + logo + b'--R--\n\n')
        elif r < 0.85:
            f.write(head.replace(b'MIME-Version', b'Auto-Submitted: auto-replied\nMIME-Version') +
                    b'Content-Type: text/plain\n\nI am away.\n\n')
        else:
            f.write(head + b'Content-Type: text/plain\n\n' + b'A note without attachment. ' * 40 + b'\n\n')
