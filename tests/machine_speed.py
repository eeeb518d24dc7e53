#!/usr/bin/python3
"""machine_speed.py -- how much slower this machine is than the one the
tests' CPU limits were set on: a factor of 1 or more, printed (never under
1: a faster machine keeps the limits as written).

The CPU limits of tests/hostile/ and tests/scan/ (2 s a file, 2 s a page)
were measured on a machine where this workload (the work of reading a reply
in miniature: a 6 MB XML text built, deflated, inflated and parsed by expat,
in Python) takes REFERENCE seconds of CPU (user + system: a machine whose
kernel charges more for page faults is slower for annex2 too).  That figure
was worked out on 2026-12-05 from a machine where it takes 0.78 s and where
`make bench`'s Python lxml peer and annex2's read of the 193 replies took
1.65 and 1.7-2.5 times their figures of the limits' machine (tests/bench/README.md,
2026-12-04).  The fastest of three runs counts (a loaded machine charges
some CPU time for its caches).
"""
import resource
import sys
import xml.etree.ElementTree as ET
import zlib

REFERENCE = 0.47


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def once():
    t0 = cpu()
    doc = "<d>" + "".join('<p n="%d"><r>line %d of the reply</r></p>' % (i, i) for i in range(120000)) + "</d>"
    back = zlib.decompress(zlib.compress(doc.encode(), 6))
    n = sum(1 for _ in ET.fromstring(back).iter("r"))
    if n != 120000:
        raise SystemExit("machine_speed: the workload went wrong")
    return cpu() - t0


def main():
    best = min(once() for _ in range(3))
    print("%.2f" % max(1.0, best / REFERENCE))
    if len(sys.argv) > 1 and sys.argv[1] == "-v":
        print("machine_speed: the workload took %.2f s of CPU (the limits' machine: %.2f s)" % (best, REFERENCE),
              file=sys.stderr)


if __name__ == "__main__":
    main()
