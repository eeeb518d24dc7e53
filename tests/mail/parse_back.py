#!/usr/bin/env python3
"""tests/mail/parse_back.py -- messages parsed back with Python's email package
(an independent MIME reader): every attachment byte-identical to the form it
was made from, one message per state, headers as annex2 says.

usage: parse_back.py FORMS_DIR MESSAGE_FILE... ; prints "N messages, M attachments"
and exits 1 on the first difference."""
import email
import email.policy
import hashlib
import os
import sys

forms = sys.argv[1]
seen = set()
natt = 0
for path in sys.argv[2:]:
    with open(path, 'rb') as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    iso = m['X-Annex2-Member-State']
    if not iso or iso in seen:
        sys.exit('%s: no or repeated X-Annex2-Member-State %r' % (path, iso))
    seen.add(iso)
    for h in ('Message-ID', 'Date', 'From', 'To', 'Subject'):
        if not m[h]:
            sys.exit('%s: no %s header' % (path, h))
    body = m.get_body(('plain',))
    # the circular's number in any of the six languages' wordings
    if body is None or '195' not in body.get_content():
        sys.exit('%s: no text body naming the circular' % path)
    atts = list(m.iter_attachments())
    if not atts:
        sys.exit('%s: no attachment' % path)
    for a in atts:
        name = a.get_filename()
        want = open(os.path.join(forms, name), 'rb').read()
        got = a.get_payload(decode=True)
        if got != want:
            sys.exit('%s: %s differs from the form (%d bytes, want %d)' % (path, name, len(got), len(want)))
        if not name.startswith(iso + '.'):
            sys.exit('%s: %s attached to the message of %s' % (path, name, iso))
        natt += 1
print('%d messages, %d attachments' % (len(seen), natt))
