#!/usr/bin/python3
"""bench.py -- times annex2 generate and read, the floor, and LibreOffice, on
the corpus of make_replies.py, and prints one table (tests/bench/README.md).

usage: bench.py --annex2 BIN --floor BIN --work DIR [--runs N] [--runs-10k N]
                [--lo-runs N] [--baseline BIN] [--json FILE]

Every figure is the median of N runs after one warm-up run (files in the page
cache), measured in this run: wall time (time.perf_counter around the child),
CPU time (user + system, from wait4) and peak RSS (ru_maxrss, from wait4).
annex2 and the floor run pinned to one core (taskset -c 0, when there is
taskset); LibreOffice runs as a user would start it.  Nothing is asserted:
the table says which targets are met.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

TARGETS = {"read_floor": 2.0, "read193_s": 0.2, "rss10k_mb": 64.0, "gen_s": 1.0}


def pin():
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


TIME = "/usr/bin/time"   # Debian package "time"


def run_once(cmd, err_path, before=None):
    """Wall time around the child; CPU time from wait4 (the child and what it
    waited for); peak RSS from GNU time's %M.  Not ru_maxrss from wait4: a
    child forked from this Python process starts with Python's RSS as its
    high-water mark (Linux keeps it across exec), which /usr/bin/time's small
    fork does not."""
    if before:
        before()
    rss_path = err_path + ".rss"
    with open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([TIME, "-f", "%M", "-o", rss_path] + cmd, stdout=subprocess.DEVNULL, stderr=err,
                             stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(rss_path) as fp:
        lines = [x for x in fp.read().split() if x.isdigit()]
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": int(lines[-1]) if lines else 0,
            "rc": p.returncode}


def series(name, cmd, runs, work, before=None, ok=(0,), warmup=True):
    """Median of runs (after a warm-up run); stops the bench when cmd fails."""
    err = os.path.join(work, "logs", "%s.err" % name)
    out = []
    for k in range(runs + (1 if warmup else 0)):
        r = run_once(cmd, err, before)
        if r["rc"] not in ok:
            with open(err, errors="replace") as fp:
                tail = fp.read()[-2000:]
            sys.exit("bench: %s failed (exit %d): %s\n%s" % (name, r["rc"], " ".join(cmd[:6]), tail))
        if k > 0 or not warmup:
            out.append(r)
    return {"runs": len(out), "wall": statistics.median(r["wall"] for r in out),
            "wall_min": min(r["wall"] for r in out), "wall_max": max(r["wall"] for r in out),
            "cpu": statistics.median(r["cpu"] for r in out),
            "rss_kb": statistics.median(r["rss_kb"] for r in out)}


def count_files(path, exts=(".docx", ".odt")):
    n = 0
    for _, _, files in os.walk(path):
        n += sum(1 for f in files if f.endswith(exts))
    return n


def check_corpus(records, truth_path):
    """Texts read as they were filled, and confident-wrong ones (ok/inferred,
    another authority)."""
    truth = {}
    with open(truth_path, encoding="utf-8") as fp:
        for line in fp:
            t = json.loads(line)
            truth[os.path.basename(t["file"])] = t
    right = total = cw = 0
    with open(records, encoding="utf-8") as fp:
        for line in fp:
            r = json.loads(line)
            t = truth.get(os.path.basename(r["file"]))
            if t is None:
                continue
            for (au, co, st), x in zip(t["texts"], r["texts"]):
                total += 1
                if (x["authority"], x["comments"], x["status"]) == (au, co, st):
                    right += 1
                elif x["status"] in ("ok", "inferred") and x["authority"] != au:
                    cw += 1
    return right, total, cw


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--annex2", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--runs-10k", type=int, default=3)
    ap.add_argument("--lo-runs", type=int, default=3)
    ap.add_argument("--baseline", help="another annex2 binary, timed on the same inputs (before/after)")
    ap.add_argument("--json", help="write every figure here")
    a = ap.parse_args()
    if not os.access(TIME, os.X_OK):
        sys.exit("bench: needs %s (Debian package time: sh tools/deps.sh bench)" % TIME)
    work = os.path.abspath(a.work)
    a2 = os.path.abspath(a.annex2)
    fl = os.path.abspath(a.floor)
    replies = os.path.join(work, "replies")
    big = os.path.join(work, "replies10k")
    one_k = os.path.join(big, "00")
    gen_base = os.path.join(work, "gen-out")
    gen_out = [None]
    rec = os.path.join(work, "records.jsonl")
    P = pin()
    n193, n1k, n10k = count_files(replies), count_files(one_k), count_files(big)
    os.makedirs(os.path.join(work, "logs"), exist_ok=True)
    res = {"machine": {"cpus": os.cpu_count(), "pinned": bool(P), "uname": " ".join(os.uname()),
                       "loadavg_start": open("/proc/loadavg").read().split()[:3]}}

    # Each generate run writes into a folder of its own, and the folders are
    # removed only at the end of the bench: files deleted just before a run make
    # ext4 look for inodes that were not "recently deleted" (find_inode_bit,
    # recently_deleted: a third of generate's CPU time in the profile),
    # which a user generating a round's forms once does not pay.
    gen_runs = [0]

    def fresh():
        gen_runs[0] += 1
        os.makedirs(gen_base, exist_ok=True)
        gen_out[0] = os.path.join(gen_base, "run%d" % gen_runs[0])
        shutil.rmtree(gen_out[0], ignore_errors=True)

    def gen_series(name, b, extra):
        cmd = P + [b, "generate"] + extra + ["-o"]
        out = []
        err = os.path.join(work, "logs", "%s.err" % name)
        for k in range(a.runs + 1):
            fresh()
            r = run_once(cmd + [gen_out[0]], err)
            if r["rc"] != 0:
                sys.exit("bench: %s failed (exit %d), see %s" % (name, r["rc"], err))
            if k > 0:
                out.append(r)
        n = count_files(gen_out[0])
        return n, {"runs": len(out), "wall": statistics.median(r["wall"] for r in out),
                   "wall_min": min(r["wall"] for r in out), "wall_max": max(r["wall"] for r in out),
                   "cpu": statistics.median(r["cpu"] for r in out),
                   "rss_kb": statistics.median(r["rss_kb"] for r in out)}

    def binaries():
        yield "", a2
        if a.baseline:
            yield "baseline ", os.path.abspath(a.baseline)

    rows = []   # (label, files, series)

    def ONE(tag):
        """One worker for this annex2 (pinned to one core, like the floor); a
        baseline binary may not know -j."""
        return [] if tag else ["-j", "1"]
    shutil.rmtree(gen_base, ignore_errors=True)   # a previous bench's
    print("bench: generate ...", file=sys.stderr)
    for tag, b in binaries():
        ngen, g = gen_series("gen", b, [])
        rows.append((tag + "generate 193 x (DOCX+ODT)", ngen, g))
        res[tag + "generate"] = dict(g, files=ngen)
        if not tag:
            for fmt in ("docx", "odt"):
                n1, g1 = gen_series("gen-" + fmt, b, ["--format", fmt])
                rows.append(("generate %s only" % fmt.upper(), n1, g1))
                res["generate_" + fmt] = dict(g1, files=n1)
    print("bench: read 193 ...", file=sys.stderr)
    for tag, b in binaries():
        r = series("read193", P + [b, "read"] + ONE(tag) + ["-o", rec, replies], a.runs, work)
        rows.append((tag + "read 193 filled replies", n193, r))
        res[tag + "read193"] = dict(r, files=n193)
    right, total, cw = check_corpus(rec, os.path.join(work, "truth.jsonl"))
    res["corpus"] = {"texts": total, "read_as_filled": right, "confident_wrong": cw}
    f193 = series("floor193", P + [fl, replies], a.runs, work)
    rows.append(("floor 193 (unzip main part + libxml2)", n193, f193))
    res["floor193"] = dict(f193, files=n193)
    print("bench: read 1,000 and 10,000 ...", file=sys.stderr)
    r1k = series("read1k", P + [a2, "read", "-j", "1", "-o", rec, one_k], a.runs_10k, work)
    rows.append(("read 1,000", n1k, r1k))
    res["read1k"] = dict(r1k, files=n1k)
    for tag, b in binaries():
        r10 = series("read10k", P + [b, "read"] + ONE(tag) + ["-o", rec, big], a.runs_10k, work)
        rows.append((tag + "read 10,000", n10k, r10))
        res[tag + "read10k"] = dict(r10, files=n10k)
    # two workers, not pinned: what a user gets on this machine by default
    r10j = series("read10k-j2", [a2, "read", "-j", "2", "-o", rec, big], a.runs_10k, work)
    rows.append(("read 10,000, 2 workers (not pinned)", n10k, r10j))
    res["read10k_j2"] = dict(r10j, files=n10k)
    f10 = series("floor10k", P + [fl, big], a.runs_10k, work)
    rows.append(("floor 10,000", n10k, f10))
    res["floor10k"] = dict(f10, files=n10k)
    lo = None
    soffice = shutil.which("soffice")
    if a.lo_runs > 0 and soffice:
        print("bench: LibreOffice ...", file=sys.stderr)
        prof = os.path.join(work, "lo-profile")
        lo_out = os.path.join(work, "lo-out")
        files = sorted(os.path.join(replies, f) for f in os.listdir(replies))
        shutil.rmtree(prof, ignore_errors=True)
        cmd = [soffice, "--headless", "--norestore", "-env:UserInstallation=file://" + prof,
               "--convert-to", "txt:Text", "--outdir", lo_out] + files

        def lo_fresh():
            shutil.rmtree(lo_out, ignore_errors=True)
        first = run_once(cmd, os.path.join(work, "logs", "lo-first.err"), lo_fresh)   # makes the profile
        lo = series("lo", cmd, a.lo_runs, work, lo_fresh, warmup=False)
        lo["first_run_wall"] = first["wall"]
        lo["converted"] = count_files(lo_out, (".txt",))
        rows.append(("LibreOffice --convert-to txt, 1 start", n193, lo))
        res["libreoffice"] = dict(lo, files=n193)
    elif a.lo_runs > 0:
        print("bench: no soffice: LibreOffice not measured", file=sys.stderr)

    # ---- the Python peer (issue 18): zipfile + lxml reads the main part and
    # counts the ticked boxes, nothing more (tests/bench/lxml_peer.py) ----
    peer = [sys.executable if os.path.basename(sys.executable) == "python3" and
            sys.executable.startswith("/usr/bin") else "/usr/bin/python3",
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "lxml_peer.py")]
    if subprocess.run(peer[:1] + ["-c", "import lxml"], stderr=subprocess.DEVNULL).returncode == 0:
        print("bench: the Python lxml peer ...", file=sys.stderr)
        x193 = series("lxml193", P + peer + [replies], a.runs, work)
        rows.append(("Python zipfile + lxml, 193", n193, x193))
        res["lxml193"] = dict(x193, files=n193)
        x10 = series("lxml10k", P + peer + [big], a.runs_10k, work)
        rows.append(("Python zipfile + lxml, 10,000", n10k, x10))
        res["lxml10k"] = dict(x10, files=n10k)
    else:
        print("bench: no python3-lxml: the Python peer not measured", file=sys.stderr)

    # ---- PDF replies (issue 13): the 193 replies as LibreOffice prints them
    # to PDF (made once), read by annex2 and by pdftotext (poppler-utils,
    # one process a file, as a script would) ----
    pdfs = os.path.join(work, "pdf193")
    soffice = shutil.which("soffice")
    if soffice and shutil.which("pdftotext") and (not os.path.isdir(pdfs) or not os.listdir(pdfs)):
        print("bench: making the 193 PDF replies (LibreOffice, once) ...", file=sys.stderr)
        os.makedirs(pdfs, exist_ok=True)
        prof = os.path.join(work, "lo-profile-pdf")
        files = sorted(os.path.join(replies, f) for f in os.listdir(replies))
        subprocess.run([soffice, "--headless", "--norestore", "-env:UserInstallation=file://" + prof,
                        "--convert-to", "pdf", "--outdir", pdfs] + files,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    npdf = count_files(pdfs, (".pdf",)) if os.path.isdir(pdfs) else 0
    if npdf:
        print("bench: PDF ...", file=sys.stderr)
        one = sorted(os.path.join(pdfs, f) for f in os.listdir(pdfs))[0]
        p1 = series("readpdf1", P + [a2, "read", one], a.runs, work)
        rows.append(("read 1 PDF reply (3 pages)", 1, p1))
        res["readpdf1"] = dict(p1, files=1)
        p193 = series("readpdf193", P + [a2, "read", "-j", "1", "-o", rec, pdfs], a.runs, work, ok=(0, 1))
        rows.append(("read %d PDF replies" % npdf, npdf, p193))
        res["readpdf193"] = dict(p193, files=npdf)
        pt = series("pdftotext193", P + ["sh", "-c", 'for f in "$0"/*.pdf; do pdftotext "$f" /dev/null; done',
                                         pdfs], a.runs, work)
        rows.append(("pdftotext, %d PDF (a process each)" % npdf, npdf, pt))
        res["pdftotext193"] = dict(pt, files=npdf)

    # ---- paper replies (issue 14): a 3-page 300-dpi scan (pages 2-4 of a
    # generated form, pen marks drawn and scanned bilevel by
    # tests/scan/gen/make_scans.py, made once) read through the QR path, and
    # the tesseract CLI over the same 3 pages (what OCR alone costs) ----
    scan3 = os.path.join(work, "scan3", "scan-3-pages-300dpi.tif")
    if not os.path.exists(scan3) and shutil.which("soffice"):
        print("bench: making the 3-page 300-dpi scan (LibreOffice and make_scans.py, once) ...", file=sys.stderr)
        d = os.path.join(work, "scan3")
        os.makedirs(d, exist_ok=True)
        r = subprocess.run([a2, "generate", "--only", "FRA", "--format", "docx", "--force", "-o",
                            os.path.join(d, "forms")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r2 = subprocess.run(["/usr/bin/python3", "tests/scan/gen/make_scans.py", "--form",
                             os.path.join(d, "forms", "FRA.docx"), "--profile", "bilevel-g4", "--seed", "3",
                             "--work", os.path.join(d, "work"), "-o", os.path.join(d, "out")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if r.returncode == 0 else r
        tifs = sorted(f for f in os.listdir(os.path.join(d, "out")) if f.endswith(".tif")) \
            if r2.returncode == 0 else []
        if tifs:
            subprocess.run(["/usr/bin/python3", "-c", "import sys; from PIL import Image, ImageSequence\n"
                            "im = Image.open(sys.argv[1]); fr = [f.copy() for f in ImageSequence.Iterator(im)][1:4]\n"
                            "fr[0].save(sys.argv[2], save_all=True, append_images=fr[1:], "
                            "compression='group4', dpi=(300, 300))",
                            os.path.join(d, "out", tifs[0]), scan3], check=False)
    if os.path.exists(scan3):
        print("bench: scans ...", file=sys.stderr)
        s3 = series("readscan3", P + [a2, "read", scan3], a.runs, work, ok=(0, 1))
        rows.append(("read a 3-page 300-dpi scan (QR path)", 1, s3))
        res["readscan3"] = dict(s3, files=1)
        if shutil.which("tesseract"):
            ts = series("tesseract3", P + ["tesseract", scan3, "-", "-l", "eng"], max(1, min(a.runs, 3)), work)
            rows.append(("tesseract CLI, the same 3 pages", 1, ts))
            res["tesseract3"] = dict(ts, files=1)
    else:
        print("bench: no LibreOffice or make_scans.py failed: the scan rows not measured", file=sys.stderr)
    # the OCR path: a 3-page 300-dpi scan of the Secretariat's own form (no
    # QR code: Tesseract reads each page), committed in tests/scan/ocr/set/
    ocr3 = os.path.join("tests", "scan", "ocr", "set", "itu-ocr-2-scan.tif")
    if os.path.exists(ocr3) and any(os.path.exists("/usr/share/tesseract-ocr/%s/tessdata/eng.traineddata" % v)
                                    for v in ("5", "4.00")):
        so = series("readocr3", P + [a2, "read", ocr3], max(1, min(a.runs, 3)), work, ok=(0, 1))
        rows.append(("read a 3-page 300-dpi scan (OCR path)", 1, so))
        res["readocr3"] = dict(so, files=1)
    # ... and the generated form in Russian without its QR code (5 pages,
    # 300 dpi G4: OSD once, the pages after read in Cyrillic alone), once
    ocrru = os.path.join("tests", "scan", "ocr", "lang", "ru-noqr.tif")
    if os.path.exists(ocrru) and all(any(os.path.exists("/usr/share/tesseract-ocr/%s/tessdata/%s.traineddata" % (v, l))
                                         for v in ("5", "4.00")) for l in ("rus", "osd")):
        sr = series("readocrru", P + [a2, "read", ocrru], 1, work, ok=(0, 1), warmup=False)
        rows.append(("read a 5-page Russian form without QR (OCR path)", 1, sr))
        res["readocrru"] = dict(sr, files=1)

    # ---- the table ----
    r193, g = res["read193"], res["generate"]
    print()
    print("annex2 bench -- %d CPUs, %s; medians of %d runs (%d for 1,000/10,000, %s for LibreOffice)" % (
        os.cpu_count(), "annex2 and floor pinned to CPU 0" if P else "not pinned", a.runs, a.runs_10k,
        lo["runs"] if lo else 0))
    hdr = "%-40s %6s %9s %15s %9s %9s %8s %8s" % ("", "files", "wall s", "(min-max)", "cpu s", "ms/file",
                                                  "files/s", "RSS MB")
    print(hdr)
    print("-" * len(hdr))
    for label, n, s in rows:
        print("%-40s %6d %9.3f %15s %9.3f %9.3f %8.0f %8.1f" % (
            label, n, s["wall"], "(%.3f-%.3f)" % (s["wall_min"], s["wall_max"]), s["cpu"],
            1000 * s["wall"] / n, n / s["wall"], s["rss_kb"] / 1024))
    print()
    ratios = [
        ("read / floor, 193 (wall)", r193["wall"] / f193["wall"]),
        ("read / floor, 193 (cpu)", r193["cpu"] / max(f193["cpu"], 1e-9)),
        ("read / floor, 10,000 (wall)", res["read10k"]["wall"] / f10["wall"]),
        ("read / floor, 10,000 (cpu)", res["read10k"]["cpu"] / max(f10["cpu"], 1e-9)),
        ("peak RSS read 10,000 / read 193", res["read10k"]["rss_kb"] / r193["rss_kb"]),
    ]
    if lo:
        ratios.append(("LibreOffice / read, 193 (wall)", lo["wall"] / r193["wall"]))
    if "lxml193" in res:
        ratios += [("lxml peer / read, 193 (cpu)", res["lxml193"]["cpu"] / max(r193["cpu"], 1e-9)),
                   ("lxml peer / read, 10,000 (cpu)", res["lxml10k"]["cpu"] / max(res["read10k"]["cpu"], 1e-9))]
    if a.baseline:
        ratios += [("baseline / now, generate (wall)", res["baseline generate"]["wall"] / g["wall"]),
                   ("baseline / now, read 193 (wall)", res["baseline read193"]["wall"] / r193["wall"]),
                   ("baseline / now, read 10,000 (wall)", res["baseline read10k"]["wall"] / res["read10k"]["wall"])]
    for label, v in ratios:
        print("%-40s %8.2f" % (label, v))
    res["ratios"] = {k: v for k, v in ratios}
    print()
    print("peak RSS of read: 193 %.1f MB, 1,000 %.1f MB, 10,000 %.1f MB" % (
        r193["rss_kb"] / 1024, r1k["rss_kb"] / 1024, res["read10k"]["rss_kb"] / 1024))
    if lo:
        print("LibreOffice: %d of %d converted; first run (new profile) %.2f s" % (
            lo["converted"], n193, lo["first_run_wall"]))
    c = res["corpus"]
    print("corpus: %d of %d texts read as filled, %d confident-wrong" % (c["read_as_filled"], c["texts"],
                                                                        c["confident_wrong"]))
    busy = max(res[k]["wall"] / max(res[k]["cpu"], 1e-9) for k in ("read193", "read10k", "floor10k"))
    res["machine"]["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    if busy > 1.15:
        print("NOTE: wall time was up to %.2fx the CPU time of these one-thread runs: other processes were "
              "using the CPUs (load average at the start %s, at the end %s); compare CPU times." % (
                  busy, " ".join(res["machine"]["loadavg_start"]), " ".join(res["machine"]["loadavg_end"])))
    print()
    # read is one thread: its time on one core is its CPU time, which other
    # processes on the machine do not inflate (its wall time is shown too)
    t = [("read within %.0fx of the floor (10,000, cpu)" % TARGETS["read_floor"],
          res["read10k"]["cpu"] / f10["cpu"] <= TARGETS["read_floor"],
          "%.2fx (wall %.2fx)" % (res["read10k"]["cpu"] / f10["cpu"], res["read10k"]["wall"] / f10["wall"])),
         ("193 replies read in < %.1f s on one core (cpu)" % TARGETS["read193_s"],
          r193["cpu"] < TARGETS["read193_s"], "%.3f s (wall %.3f s)" % (r193["cpu"], r193["wall"])),
         ("10,000 replies with peak RSS < %.0f MB" % TARGETS["rss10k_mb"],
          res["read10k"]["rss_kb"] / 1024 < TARGETS["rss10k_mb"], "%.1f MB" % (res["read10k"]["rss_kb"] / 1024)),
         ("generate 386 files in < %.0f s (wall)" % TARGETS["gen_s"], g["wall"] < TARGETS["gen_s"],
          "%.3f s (cpu %.3f s)" % (g["wall"], g["cpu"]))]
    if "lxml193" in res:
        for k, rk, label in (("lxml193", "read193", "193"), ("lxml10k", "read10k", "10,000")):
            v = res[k]["cpu"] / max(res[rk]["cpu"], 1e-9)
            t.append(("read >= 1.5x faster than the lxml peer, %s (cpu)" % label, v >= 1.5, "%.2fx" % v))
    if "readpdf193" in res:
        p1, p193, pt = res["readpdf1"], res["readpdf193"], res["pdftotext193"]
        t += [("a 3-page PDF reply read in <= 50 ms (cpu)", p1["cpu"] <= 0.050, "%.0f ms" % (1000 * p1["cpu"])),
              ("193 PDF replies within 1.5x of pdftotext (cpu)", p193["cpu"] <= 1.5 * pt["cpu"],
               "%.2fx (%.3f s against %.3f s)" % (p193["cpu"] / max(pt["cpu"], 1e-9), p193["cpu"], pt["cpu"]))]
    if "readscan3" in res:
        s3 = res["readscan3"]
        t.append(("a 3-page 300-dpi scan read in <= 2 s, QR path (cpu)", s3["cpu"] <= 2.0, "%.3f s" % s3["cpu"]))
        if "tesseract3" in res:
            ts = res["tesseract3"]
            t.append(("the scan read faster than tesseract alone (cpu)", s3["cpu"] < ts["cpu"],
                      "%.2fx (%.3f s against %.3f s)" % (ts["cpu"] / max(s3["cpu"], 1e-9), s3["cpu"], ts["cpu"])))
    if "readocr3" in res:
        so = res["readocr3"]
        t.append(("a 3-page 300-dpi scan read in <= 6 s, OCR path (cpu)", so["cpu"] <= 6.0, "%.3f s" % so["cpu"]))
    if "readocrru" in res:
        sr = res["readocrru"]
        t.append(("a 5-page Russian form in the 16 s OCR budget (cpu)", sr["cpu"] <= 16.0, "%.3f s" % sr["cpu"]))
    for label, met, v in t:
        print("target: %-50s %-8s %s" % (label, "met" if met else "NOT met", v))
    res["targets"] = {label: {"met": met, "value": v} for label, met, v in t}
    if a.json:
        with open(a.json, "w") as fp:
            json.dump(res, fp, indent=1)
    shutil.rmtree(gen_base, ignore_errors=True)


if __name__ == "__main__":
    main()
