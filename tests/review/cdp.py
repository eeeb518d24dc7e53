"""tests/review/cdp.py -- headless Chromium driven through the DevTools
protocol over a pipe (--remote-debugging-pipe: JSON messages ending with a
NUL byte on file descriptors 3 and 4), so that nothing but Python's standard
library and Debian's chromium is needed, and no port is opened for it.

    with Browser(profile_dir) as b:
        page = b.new_page()
        page.goto(url)
        page.click("button[data-key='a']")
        page.key("j")
"""
import fcntl
import json
import os
import select
import subprocess
import time


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, profile, width=1280, height=900, log=None):
        self.profile = profile
        self.width, self.height = width, height
        self.log = log
        self.next_id = 0
        self.buf = b""
        self.events = []

    def __enter__(self):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def plumbing():
            # out of the way first: either end may be 3 or 4 already
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (self.width, self.height), "about:blank"]
        logf = open(self.log, "ab") if self.log else subprocess.DEVNULL
        # the pipes are made close-on-exec; dup2 gives the child copies at 3
        # and 4 that are not (close_fds would close them after plumbing)
        self.proc = subprocess.Popen(args, preexec_fn=plumbing, close_fds=False,
                                     stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        os.close(to_child_r)
        os.close(from_child_w)
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_child)
        os.close(self.from_child)

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("no answer from Chromium in time")
            r, _, _ = select.select([self.from_child], [], [], left)
            if r:
                chunk = os.read(self.from_child, 1 << 20)
                if not chunk:
                    raise CDPError("Chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.to_child, data)
            data = data[n:]
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise CDPError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None, timeout=30, pred=None):
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and (session is None or m.get("sessionId") == session) and \
                        (pred is None or pred(m.get("params", {}))):
                    del self.events[i]
                    return m.get("params", {})
            self.events.append(self._read_message(deadline))

    def new_page(self):
        t = self.send("Target.createTarget", {"url": "about:blank"})
        s = self.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True})
        return Page(self, s["sessionId"])


class Page:
    def __init__(self, browser, session):
        self.b = browser
        self.s = session
        self.dialogs = []
        self.console = []
        for m in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.cmd(m)

    def cmd(self, method, params=None, timeout=30):
        return self.b.send(method, params, session=self.s, timeout=timeout)

    def drain(self):
        """Notes the dialogs and console messages seen so far."""
        keep = []
        for m in self.b.events:
            if m.get("sessionId") != self.s:
                keep.append(m)
                continue
            meth = m.get("method")
            if meth == "Page.javascriptDialogOpening":
                self.dialogs.append(m["params"].get("message"))
                self.cmd("Page.handleJavaScriptDialog", {"accept": True})
            elif meth in ("Runtime.consoleAPICalled", "Log.entryAdded", "Runtime.exceptionThrown"):
                self.console.append(m["params"])
            else:
                keep.append(m)
        self.b.events = keep

    def goto(self, url, timeout=30):
        if "#" in url:   # a fresh load, never a jump within the page
            self.goto("about:blank", timeout)
        self.b.events = [m for m in self.b.events if m.get("method") != "Page.loadEventFired"]
        r = self.cmd("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise CDPError("navigate %s: %s" % (url, r["errorText"]))
        self.b.wait_event("Page.loadEventFired", session=self.s, timeout=timeout)
        self.drain()

    def eval(self, expr):
        r = self.cmd("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise CDPError("evaluate %r: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def center(self, selector):
        box = self.eval("(function(){var e=document.querySelector(%s); if(!e) return null;"
                        "e.scrollIntoView({block:'center'}); var r=e.getBoundingClientRect();"
                        "return [r.left + r.width/2, r.top + r.height/2];})()" % json.dumps(selector))
        if box is None:
            raise CDPError("no element " + selector)
        return box

    def click(self, selector, navigates=False, timeout=30):
        """A real mouse click (pressed and released) in the element's middle."""
        x, y = self.center(selector)
        if navigates:
            self.b.events = [m for m in self.b.events if m.get("method") != "Page.loadEventFired"]
        for t in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.cmd("Input.dispatchMouseEvent", {"type": t, "x": x, "y": y, "button": "left", "clickCount": 1})
        if navigates:
            self.b.wait_event("Page.loadEventFired", session=self.s, timeout=timeout)
        self.drain()

    def key(self, key, navigates=False, timeout=30):
        """A key pressed and released, as the keyboard sends it."""
        codes = {"Escape": 27, "Enter": 13, "Tab": 9}
        p = {"key": key}
        if key in codes:
            p["windowsVirtualKeyCode"] = codes[key]
            p["code"] = key
            if key == "Enter":
                p["text"] = "\r"
        else:
            p["text"] = key
            p["windowsVirtualKeyCode"] = ord(key.upper())
            p["code"] = "Key" + key.upper()
        if navigates:
            self.b.events = [m for m in self.b.events if m.get("method") != "Page.loadEventFired"]
        self.cmd("Input.dispatchKeyEvent", dict(p, type="keyDown"))
        self.cmd("Input.dispatchKeyEvent", dict(p, type="keyUp"))
        if navigates:
            self.b.wait_event("Page.loadEventFired", session=self.s, timeout=timeout)
        self.drain()

    def type(self, text):
        self.cmd("Input.insertText", {"text": text})

    def screenshot(self, path, full=True):
        params = {"format": "png"}
        if full:
            m = self.cmd("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m.get("contentSize")
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 2400), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.cmd("Page.captureScreenshot", params)["data"]
        import base64
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
