#!/usr/bin/env python3
"""tests/mail/bench_py.py -- the same job as `annex2 intake MBOX` done with
Python's mailbox + email packages (the comparison row of make bench): every
attachment that may be a reply (.docx/.odt/.pdf by name, also in forwarded
messages) saved once by sha256, auto-replies left out.
usage: bench_py.py MBOX OUTDIR"""
import email.policy
import hashlib
import mailbox
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
seen = set()
stored = 0
for msg in mailbox.mbox(src, factory=None):
    m = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    if m.get('Auto-Submitted', 'no').lower() != 'no':
        continue
    for part in m.walk():
        name = part.get_filename()
        if not name or not name.lower().endswith(('.docx', '.odt', '.pdf')):
            continue
        data = part.get_payload(decode=True) or b''
        h = hashlib.sha256(data).hexdigest()
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join(out, h + os.path.splitext(name)[1].lower()), 'wb') as f:
            f.write(data)
        stored += 1
print(stored)
