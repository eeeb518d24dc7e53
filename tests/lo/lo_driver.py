#!/usr/bin/python3
"""lo_driver.py -- annex2's small LibreOffice driver (headless soffice over UNO).

usage: lo_driver.py [--timeout S] [--soffice PATH] COMMAND ARGS...
       lo_driver.py [--timeout S] [--soffice PATH] batch JOBS

  count FILE...      one JSON line per file: the checkbox controls LibreOffice
                     sees (checkbox content controls, FORMCHECKBOX fields, form
                     checkboxes/radios), "checked", "states" in document order
                     ("0100..."), "stale" (content controls whose glyph
                     disagrees with their flag)
  text FILE...       one JSON line per file {"file", "text"}: the document text
  tick IN OUT SPEC [--flag-only] [--also OUT2]
                     tick as a person would and save.  SPEC: comma list of N
                     (control index, 0-based, document order: tick), !N
                     (untick), ~N (tick the content control's flag only and
                     leave its glyph stale, as --flag-only does for all),
                     label:TEXT@K (the K-th control whose paragraph contains
                     TEXT)
  convert IN OUT...  save IN as each OUT
  fill IN OUT [--name N] [--title T] [--place P] [--date D] [--address A]
                     type over the placeholders "[Name]" ... of the form
  batch JOBS         every line of the file JOBS ('-': stdin) is one command
                     above; all run in one soffice start (a start costs seconds)

OUT formats by extension: .docx .odt .pdf .txt.  soffice runs with a private
profile in a temp dir and is killed at exit, on SIGINT/SIGTERM/SIGHUP and
when --timeout (default 300 s) runs out.  Exit status: 0 ok, 1 a job failed
(the others still ran), 2 usage, 3 LibreOffice cannot start, 4 timeout.
"""
import argparse
import glob
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

try:
    import uno
    import unohelper
    from com.sun.star.beans import PropertyValue
    from com.sun.star.task import XInteractionHandler
except ImportError:
    sys.exit("lo_driver: no 'uno' module: apt-get install libreoffice-writer-nogui python3-uno; "
             "run with /usr/bin/python3")

FILTERS = {".docx": "MS Word 2007 XML", ".odt": "writer8", ".pdf": "writer_pdf_Export", ".txt": "Text (encoded)"}
FORMCHECKBOX = "vnd.oasis.opendocument.field.FORMCHECKBOX"
FIELDS = {"name": "[Name]", "title": "[Official role/title]", "place": "[Place]", "date": "[Date]",
          "address": "[Address]"}


class Fail(Exception):
    pass


def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def log(msg):
    print("lo_driver: " + msg, file=sys.stderr, flush=True)


def u16(s):
    return len(s.encode("utf-16-le")) // 2


class NoQuestions(unohelper.Base, XInteractionHandler):
    """Answers whatever LibreOffice asks while loading (repair? ...) with Abort/No."""

    def handle(self, request):
        for c in request.getContinuations() or ():
            if any(t.typeName.endswith(("XInteractionAbort", "XInteractionDisapprove")) for t in c.getTypes()):
                return c.select()


class Office:
    def __init__(self, soffice):
        self.soffice = shutil.which(soffice) or soffice
        self.tmp = tempfile.mkdtemp(prefix="annex2_lo_")
        self.pipe = "annex2_lo_%d_%s" % (os.getpid(), uuid.uuid4().hex[:8])
        self.proc = self.desktop = None
        self.lock = threading.RLock()
        self.timed_out = False

    def start(self, limit=60):
        if not os.path.exists(self.soffice):
            raise Fail("soffice not found (%s): apt-get install libreoffice-writer-nogui python3-uno" % self.soffice)
        url = "pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe
        self.proc = subprocess.Popen(
            [self.soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(self.tmp, "profile")),
             "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo", "--nofirststartwizard",
             "--norestore", "--nolockcheck", "--accept=" + url],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.tmp,
            env=dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=self.tmp), start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + limit
        while True:
            if self.proc.poll() is not None:
                raise Fail("soffice exited at start with status %s" % self.proc.returncode)
            try:
                ctx = resolver.resolve("uno:" + url)
                break
            except Exception:  # NoConnectException while it starts
                if time.time() > deadline:
                    raise Fail("soffice did not answer within %d s" % limit)
                time.sleep(0.2)
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        cfg = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx) \
            .createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                         (pv("nodepath", "/org.openoffice.Office.Common/Save/Document"),))
        cfg.GenerateThumbnail = False  # no 24 KB preview picture in every ODT
        cfg.commitChanges()

    def kill(self):
        with self.lock:
            proc, self.proc = self.proc, None
            for sig in (signal.SIGTERM, signal.SIGKILL) if proc else ():
                try:
                    os.killpg(proc.pid, sig)
                    proc.wait(timeout=5)
                    time.sleep(0.2)
                    os.killpg(proc.pid, 0)  # soffice.bin may outlive oosplash in the group
                except ProcessLookupError:
                    break
                except subprocess.TimeoutExpired:
                    pass
            for f in glob.glob("/tmp/OSL_PIPE_*_" + self.pipe):  # left behind by a killed soffice
                os.unlink(f)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def stop(self):
        try:
            self.desktop.terminate()
            self.proc.wait(timeout=15)
        except Exception:  # the bridge goes away as soffice exits
            pass
        self.kill()

    def load(self, path):
        if not os.path.isfile(path):
            raise Fail("no such file: %s" % path)
        ext = os.path.splitext(path)[1].lower()
        copy = os.path.join(self.tmp, uuid.uuid4().hex + ext)
        shutil.copyfile(path, copy)  # no .~lock file next to the original
        try:
            doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0, (
                pv("Hidden", True), pv("MacroExecutionMode", 0), pv("InteractionHandler", NoQuestions())))
        except Exception as e:
            raise Fail("LibreOffice cannot open %s: %s" % (path, getattr(e, "Message", e)))
        if doc is None or not doc.supportsService("com.sun.star.text.TextDocument"):
            doc and doc.close(True)
            raise Fail("LibreOffice did not open %s as a text document" % path)
        got = [a.Value for a in doc.getArgs() if a.Name == "FilterName"]
        if ext in (".docx", ".odt") and got and got[0] != FILTERS[ext]:
            doc.close(True)
            raise Fail("%s is not a real %s (LibreOffice opened it as %r)" % (path, ext, got[0]))
        return doc

    def save(self, doc, out):
        ext = os.path.splitext(out)[1].lower()
        if ext not in FILTERS:
            raise Fail("unknown output format %r (use %s)" % (ext, " ".join(FILTERS)))
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        props = (pv("FilterName", FILTERS[ext]), pv("Overwrite", True)) + \
            ((pv("FilterOptions", "UTF8,LF"),) if ext == ".txt" else ())
        try:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), props)
        except Exception as e:
            raise Fail("saving %s failed: %s" % (out, getattr(e, "Message", e)))


def each(enum_access):
    en = enum_access.createEnumeration()
    while en.hasMoreElements():
        yield en.nextElement()


def paragraphs(text):
    """The paragraphs of a text in document order, tables row by row."""
    for el in each(text):
        if el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                yield from paragraphs(el.getCellByName(name))
        elif el.supportsService("com.sun.star.text.Paragraph"):
            yield el


def controls(doc):
    """Every checkbox-like control, in document order (form controls last)."""
    found = []
    for p in paragraphs(doc.getText()):
        ptext = p.getString()
        for por in each(p):
            if por.TextPortionType == "ContentControl" and por.ContentControl.Checkbox:
                cc = por.ContentControl
                shown = cc.getAnchor().getString()
                found.append({"kind": "content-control", "obj": cc, "checked": bool(cc.Checked), "para": ptext,
                              "stale": shown != (cc.CheckedState if cc.Checked else cc.UncheckedState)})
            elif por.TextPortionType in ("TextFieldStartEnd", "TextFieldStart") and por.Bookmark is not None \
                    and por.Bookmark.getFieldType() == FORMCHECKBOX:
                found.append({"kind": "form-field", "obj": por.Bookmark, "checked": bool(por.Bookmark.Checked),
                              "para": ptext})
    dp = doc.getDrawPage()
    for sh in (dp.getByIndex(i) for i in range(dp.getCount())):
        m = sh.getControl() if sh.supportsService("com.sun.star.drawing.ControlShape") else None
        if m is not None and m.ClassId in (3, 5):  # radio, checkbox
            cur = sh.getAnchor().getText().createTextCursorByRange(sh.getAnchor())
            cur.gotoStartOfParagraph(False)
            cur.gotoEndOfParagraph(True)
            found.append({"kind": "form-radio" if m.ClassId == 3 else "form-checkbox", "obj": m,
                          "checked": m.State == 1, "para": cur.getString() + " " + (m.Label or "")})
    return found


def set_control(c, value, flag_only):
    o = c["obj"]
    if c["kind"] == "form-field":
        o.Checked = value
    elif c["kind"].startswith("form-"):
        o.State = int(value)
        parent = o.getParent()
        for m in (parent.getByIndex(i) for i in range(parent.getCount())) if value else ():
            if c["kind"] == "form-radio" and m != o and getattr(m, "ClassId", 0) == 3 and m.Name == o.Name:
                m.State = 0  # a click turns the other radios of the group off
    else:
        o.Checked = value
        new, old = (o.CheckedState if value else o.UncheckedState), o.getAnchor().getString()
        if flag_only or new == old:
            return
        # setString() on the control's own range would push the text OUT of the
        # control (LibreOffice 7.4): insert inside it first, then delete the old glyph
        cur = o.createTextCursor()
        cur.setString(new)
        cur.collapseToEnd()
        cur.goRight(u16(old), True)
        if cur.getString() != old:
            raise Fail("content control shows %r, not %r" % (cur.getString(), old))
        cur.setString("")


def pick(ctl, item):
    if item.startswith("label:"):
        text, k = item[6:].rsplit("@", 1) if "@" in item else (item[6:], "0")
        hits = [i for i, c in enumerate(ctl) if text in c["para"]]
        if not k.isdigit() or int(k) >= len(hits):
            raise Fail("%r: %d controls are beside %r" % (item, len(hits), text))
        return hits[int(k)]
    if not item.isdigit() or int(item) >= len(ctl):
        raise Fail("bad control %r (the document has %d: 0..%d)" % (item, len(ctl), len(ctl) - 1))
    return int(item)


def do_count(lo, a):
    for f in a.files:
        doc = lo.load(f)
        try:
            ctl = controls(doc)
        finally:
            doc.close(True)
        kinds = {}
        for c in ctl:
            kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
        print(json.dumps({"file": f, "controls": len(ctl), "checked": sum(c["checked"] for c in ctl),
                          "states": "".join("01"[c["checked"]] for c in ctl), "kinds": kinds,
                          "stale": sum(1 for c in ctl if c.get("stale"))}, ensure_ascii=False), flush=True)


def do_text(lo, a):
    for f in a.files:
        out = os.path.join(lo.tmp, uuid.uuid4().hex + ".txt")
        do_convert(lo, argparse.Namespace(src=f, outs=[out]))
        with open(out, encoding="utf-8-sig") as fp:
            print(json.dumps({"file": f, "text": fp.read()}, ensure_ascii=False), flush=True)


def do_convert(lo, a):
    doc = lo.load(a.src)
    try:
        for out in a.outs:
            lo.save(doc, out)
    finally:
        doc.close(True)


def do_tick(lo, a):
    doc = lo.load(a.src)
    try:
        ctl = controls(doc)
        for item in filter(None, (x.strip() for x in a.spec.split(","))):
            set_control(ctl[pick(ctl, item.lstrip("!~"))], not item.startswith("!"),
                        a.flag_only or item.startswith("~"))
        for out in [a.out] + a.also:
            lo.save(doc, out)
    finally:
        doc.close(True)


def fill_all(doc, values):
    """Types each value over its placeholder ({"[Name]": "..."}): inside a text
    content control (DOCX), over a placeholder field (ODT), or over the plain
    text; returns how many of each were replaced."""
    done = dict.fromkeys(values, 0)
    for p in paragraphs(doc.getText()):
        if "[" not in p.getString() and "<" not in p.getString():
            continue
        for por in each(p):
            if por.TextPortionType == "ContentControl" and not por.ContentControl.Checkbox:
                cc = por.ContentControl
                old = cc.getAnchor().getString()
                if old.strip() in values:
                    cur = cc.createTextCursor()  # inside the control, as in set_control
                    cur.setString(values[old.strip()])
                    cur.collapseToEnd()
                    cur.goRight(u16(old), True)
                    cur.setString("")
                    cc.ShowingPlaceHolder = False
                    done[old.strip()] += 1
            elif por.TextPortionType == "TextField" and \
                    por.TextField.supportsService("com.sun.star.text.TextField.JumpEdit"):
                f = por.TextField
                ph = [k for k in values if k.strip("[]") in (f.PlaceHolder, f.Hint)]
                if ph:
                    anchor = f.getAnchor()
                    anchor.getText().insertString(anchor.getStart(), values[ph[0]], False)
                    anchor.getText().removeTextContent(f)
                    done[ph[0]] += 1
    for ph, value in values.items():
        search = doc.createSearchDescriptor()
        search.SearchString = ph
        found = doc.findAll(search)
        for i in range(found.getCount()):
            found.getByIndex(i).setString(value)
        done[ph] += found.getCount()
    return done


def do_fill(lo, a):
    values = {FIELDS[k]: getattr(a, k) for k in FIELDS if getattr(a, k) is not None}
    if not values:
        raise Fail("fill: nothing to fill in (--name, --title, --place, --date, --address)")
    doc = lo.load(a.src)
    try:
        missing = [ph for ph, n in fill_all(doc, values).items() if n == 0]
        if missing:
            raise Fail("%s has no %s to fill in" % (a.src, " ".join(missing)))
        lo.save(doc, a.out)
    finally:
        doc.close(True)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Fail("usage: " + message)


def job_parser():
    ap = Parser(prog="lo_driver.py", add_help=False)
    sub = ap.add_subparsers(dest="cmd", required=True, parser_class=Parser)
    for name, fn in (("count", do_count), ("text", do_text)):
        p = sub.add_parser(name)
        p.add_argument("files", nargs="+")
        p.set_defaults(fn=fn)
    p = sub.add_parser("tick")
    p.add_argument("src"), p.add_argument("out"), p.add_argument("spec")
    p.add_argument("--also", action="append", default=[])
    p.add_argument("--flag-only", action="store_true")
    p.set_defaults(fn=do_tick)
    p = sub.add_parser("convert")
    p.add_argument("src"), p.add_argument("outs", nargs="+")
    p.set_defaults(fn=do_convert)
    p = sub.add_parser("fill")
    p.add_argument("src"), p.add_argument("out")
    for k in FIELDS:
        p.add_argument("--" + k)
    p.set_defaults(fn=do_fill)
    return ap


def main(argv):
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--timeout", type=float, default=300)
    top.add_argument("--soffice", default=os.environ.get("LO_SOFFICE", "soffice"))
    top.add_argument("-h", "--help", action="store_true")
    opt, rest = top.parse_known_args(argv)
    if opt.help or not rest:
        print(__doc__, file=sys.stdout if opt.help else sys.stderr)
        return 0 if opt.help else 2
    try:
        if rest[0] == "batch":
            with (sys.stdin if rest[1:] == ["-"] else open(rest[1], encoding="utf-8")) as fp:
                lines = [shlex.split(x) for x in fp if x.strip() and not x.lstrip().startswith("#")]
        else:
            lines = [rest]
        jobs = [(" ".join(x[:3]), job_parser().parse_args(x)) for x in lines]
    except (Fail, OSError, IndexError, ValueError) as e:
        log("%s (lo_driver.py --help)" % (e or "usage: batch JOBS"))
        return 2
    lo = Office(opt.soffice)
    uno.getComponentContext()  # installs LibreOffice's own signal handlers; ours go after

    def die(code, why):
        lo.timed_out = code == 4
        log(why)
        lo.kill()
        os._exit(code)
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, lambda n, f: die(128 + n, "signal %d: soffice killed" % n))
    dog = threading.Timer(opt.timeout, die, (4, "timeout after %g s: soffice killed" % opt.timeout))
    dog.daemon = True
    dog.start()
    t0, failed = time.time(), 0
    try:
        lo.start()
    except Exception as e:
        lo.kill()
        log("cannot start LibreOffice: %s" % (getattr(e, "Message", None) or e))
        return 3
    t1 = time.time()
    try:
        for what, job in jobs:
            try:
                job.fn(lo, job)
            except Exception as e:  # Fail, or a UNO error: report it, go on
                failed += 1
                log("%s: %s" % (what, getattr(e, "Message", None) or e))
    finally:
        dog.cancel()
        lo.stop()
    log("soffice start %.1f s, %d job(s) %.1f s%s" % (t1 - t0, len(jobs), time.time() - t1,
                                                     ", %d failed" % failed if failed else ""))
    return 4 if lo.timed_out else 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
