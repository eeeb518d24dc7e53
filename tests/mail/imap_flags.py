#!/usr/bin/env python3
"""tests/mail/imap_flags.py PORT USER PASSWORD -- the INBOX of the test's
dovecot as a person's mail program sees it, read-only (EXAMINE): one line per
message, "uid N flags (...)", then the mailbox's HIGHESTMODSEQ, which moves on
with every change of a flag (a flag set then reset included)."""
import imaplib
import re
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
m = imaplib.IMAP4('127.0.0.1', port)
m.login(user, password)
typ, _ = m.select('INBOX', readonly=True)
assert typ == 'OK', typ
typ, data = m.uid('FETCH', '1:*', '(FLAGS)')
assert typ == 'OK', typ
rows = []
for d in data:
    if not d:
        continue
    s = d.decode() if isinstance(d, bytes) else d[0].decode()
    uid = re.search(r'UID (\d+)', s)
    flags = re.search(r'FLAGS \(([^)]*)\)', s)
    if uid and flags:
        # \Recent is the session's, not the mailbox's
        f = sorted(x for x in flags.group(1).split() if x != '\\Recent')
        rows.append((int(uid.group(1)), ' '.join(f)))
for uid, f in sorted(rows):
    print('uid %d flags (%s)' % (uid, f))
typ, data = m.status('INBOX', '(HIGHESTMODSEQ MESSAGES)')
assert typ == 'OK', typ
print(data[0].decode().split(' ', 1)[1])
m.logout()
