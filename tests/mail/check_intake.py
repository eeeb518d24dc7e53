#!/usr/bin/env python3
"""tests/mail/check_intake.py -- intake.jsonl against the corpus's expected
entries: every message accounted for, each with its status and attachment.
usage: check_intake.py EXPECTED_TSV INTAKE_JSONL"""
import json
import sys

exp = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
got = []
for l in open(sys.argv[2], encoding='utf-8'):
    r = json.loads(l)
    case = r['origin'].rsplit('/', 1)[-1].split('.')[1].split('-', 1)[1]
    got.append((case, r['status'], r.get('attachment') or ''))
bad = 0
for e in exp:
    if tuple(e) not in got:
        print('expected %s, got %s' % ('/'.join(e), [g for g in got if g[0] == e[0]]))
        bad += 1
for g in got:
    if list(g) not in exp:
        print('unexpected entry %s' % '/'.join(g))
        bad += 1
print('%d messages, %d entries, %d as expected' % (len(set(e[0] for e in exp)), len(got), len(exp) - bad))
sys.exit(1 if bad else 0)
