#!/usr/bin/env python3
"""tests/mail/interrupt.py ANNEX2 FORMS CONTACTS DIR -- `annex2 mail -o DIR`
killed midway, then run again: nothing of annex2's temporaries is left, no
file of the user's is touched, nothing is lost, and sent.jsonl agrees with
the .eml files.

1. the user's own files in DIR, some named like annex2's temporaries but not
   its own (lower case, no random part, a link, a folder);
2. a run killed (SIGKILL) while temporaries of it are in DIR -- watched for,
   so that there are some to clean -- and a second one killed by SIGTERM;
3. a log line cut short, as a crash during the write leaves it;
4. a last run: it says it removed the temporaries, writes what is missing,
   and then DIR holds exactly the user's files, the 193 .eml files and a
   log with one line per state whose Message-ID is that of the file."""
import email
import email.policy
import json
import os
import re
import signal
import subprocess
import sys
import time

a2, forms, contacts, out = sys.argv[1:5]
os.makedirs(out, exist_ok=True)
fails = []


def bad(msg):
    fails.append(msg)
    print('interrupt: ' + msg, file=sys.stderr)


# 1. the user's files, which must stay as they are
user = {
    'notes.eml.tmp123456': b'mine',        # not an ISO3 name
    'FRA.eml.tmp': b'mine',                # no random part
    'FRA.eml.tmpABC': b'mine',             # too short a one
    'FRA.docx.tmpABCDEF': b'mine',         # generate's name, not mail's
    'fra.eml.tmpABCDEF': b'mine',          # lower case
    'FRA.eml': b'an old message of mine',  # replaced? no: FRA is written by annex2 (see below)
}
del user['FRA.eml']
for name, data in user.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
target = os.path.join(out, 'precious.txt')
with open(target, 'wb') as f:
    f.write(b'precious')
os.symlink('precious.txt', os.path.join(out, 'DEU.eml.tmpAAAAAA'))  # a link with annex2's pattern
os.mkdir(os.path.join(out, 'ITA.eml.tmpBBBBBB'))                     # a folder with it
keep = set(user) | {'precious.txt', 'DEU.eml.tmpAAAAAA', 'ITA.eml.tmpBBBBBB'}

own = re.compile(r'^[A-Z]{3}(\.reminder)?\.eml\.tmp[A-Za-z0-9]{6}$')
cmd = [a2, 'mail', '--forms', forms, '--contacts', contacts, '-o', out]


def temporaries():
    return [n for n in os.listdir(out) if own.match(n) and os.path.isfile(os.path.join(out, n))
            and not os.path.islink(os.path.join(out, n))]


# 2. killed while its temporaries are there
left = 0
for sig in (signal.SIGKILL, signal.SIGTERM):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    seen = False
    while p.poll() is None and time.monotonic() - t0 < 30:
        if temporaries():
            seen = True
            break
    if seen:
        p.send_signal(sig)
    p.wait()
    left = len(temporaries())
    if p.returncode != -sig:
        bad('the run was not killed midway (exit %s, temporaries seen: %s)' % (p.returncode, seen))
        break
    if sig == signal.SIGKILL and left == 0:
        bad('the killed run left no temporary file: nothing for the next run to clean')
print('killed runs left %d temporary files' % left)

# 3. a log line cut short by a crash during its write
log = os.path.join(out, 'sent.jsonl')
with open(log, 'ab') as f:
    f.write(b'{"kind":"circular","iso3":"ZZZ","message_id":"<cut')

# 4. the last run
r = subprocess.run(cmd, capture_output=True, text=True)
if r.returncode != 0:
    bad('the last run: exit %d: %s' % (r.returncode, r.stderr))
if left and not re.search(r'removed %d temporary files? left by an interrupted run' % left, r.stderr):
    bad('the last run does not say it removed %d temporaries: %s' % (left, r.stderr))
if 'last line was cut short' not in r.stderr:
    bad('the last run does not say it mended the log: %s' % r.stderr)
if temporaries():
    bad('temporaries left after the last run: %s' % temporaries())
for name in keep:
    path = os.path.join(out, name)
    if not os.path.lexists(path):
        bad('a file of the user removed: ' + name)
for name, data in user.items():
    if open(os.path.join(out, name), 'rb').read() != data:
        bad('a file of the user changed: ' + name)
if open(target, 'rb').read() != b'precious' or os.readlink(os.path.join(out, 'DEU.eml.tmpAAAAAA')) != 'precious.txt':
    bad('the link or its target changed')
emls = sorted(n for n in os.listdir(out) if re.match(r'^[A-Z]{3}\.eml$', n))
if len(emls) != 193:
    bad('%d .eml files, want 193' % len(emls))
others = set(os.listdir(out)) - set(emls) - keep - {'sent.jsonl', '.annex2.lock'}
if others:
    bad('unexpected files: %s' % sorted(others))
# the log: every line whole and an entry; each state once, its file there
# with the Message-ID the log says
ids = {}
raw = open(log, 'rb').read()
if not raw.endswith(b'\n'):
    bad('the log does not end with a whole line')
for n, line in enumerate(raw.splitlines(), 1):
    try:
        e = json.loads(line)
    except ValueError:
        bad('sent.jsonl line %d is not JSON: %r' % (n, line[:80]))
        continue
    if e['iso3'] in ids:
        bad('%s logged twice' % e['iso3'])
    ids[e['iso3']] = e['message_id']
if len(ids) != 193:
    bad('%d states in the log, want 193' % len(ids))
for iso3, mid in ids.items():
    path = os.path.join(out, iso3 + '.eml')
    if not os.path.exists(path):
        bad('%s logged, its .eml missing' % iso3)
        continue
    with open(path, 'rb') as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    if m['Message-ID'] != mid:
        bad('%s: the .eml has Message-ID %s, the log %s' % (iso3, m['Message-ID'], mid))
# and a run after that has nothing to do
r = subprocess.run(cmd, capture_output=True, text=True)
if r.returncode != 0 or 'for 0 of 193 states (193 already sent' not in r.stderr:
    bad('a run after: %s' % r.stderr)
print('interrupt: %d states logged, %d .eml, %d problems' % (len(ids), len(emls), len(fails)))
sys.exit(1 if fails else 0)
