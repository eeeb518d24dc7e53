"""tests/lo/ticked.py -- what the round-trip tests share (tests/lo/run.sh,
tests/pdf/run.sh): the pattern ticked on a generated form and the answers
it must read as, and a counter of checks.

The pattern is by control index, 4 per text in document order: assigns,
no comments, comments attached, does not assign.
"""
import sys

RECS = ["X.1237", "X.1283", "X.1353", "X.1354", "X.1384", "X.1471", "X.1819", "X.1820"]
PATTERN = [0, 1, 7, 8, 10, 12, 17, 24, 27, 28, 29]
WANT = [("assigns", "none", "ok"), ("does-not-assign", None, "ok"), ("assigns", "attached", "ok"),
        ("assigns", None, "ok"), ("assigns", "none", "inferred"), (None, None, "missing"),
        (None, None, "conflict"), ("assigns", "none", "ok")]
# the problems the pattern must raise besides the texts' own
PROBLEMS = {("option-missing", "X.1354"), ("inferred", "X.1384"), ("missing", "X.1471"),
            ("conflict", "X.1819")}


class Checks:
    """check(ok, what) counts, and prints every failure on stderr."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what, file=sys.stderr)

    def done(self, name, extra=""):
        print("%s: %d passed, %d failed%s" % (name, self.passed, self.failed, extra))
        sys.exit(1 if self.failed else 0)
