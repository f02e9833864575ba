#!/usr/bin/env python3
"""The scanner's HTML drift report in a real browser (headless Chromium), as an operator reads it.

The real bootstrap grades a captured refresh-only plan offline (a copy whose bucket gains a
hostile tag value and one of whose addresses holds it), and writes the page with --html. Chromium renders it at 1280 and 375 px wide,
driven over the DevTools protocol (Debian's python3-websocket); for each width:
  - every drift's address and severity are in the rendered text, in one block;
  - the page is not blank;
  - no request leaves the page (Network.requestWillBeSent sees only the page itself);
  - the hostile tag renders as text: no img element, the literal text visible;
  - at 375 px nothing overflows horizontally (scrollWidth <= innerWidth);
and a full-page PNG screenshot is kept in OUT_DIR.

Usage: html_browser_test.py BOOTSTRAP PLAN_JSON OUT_DIR
"""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HOSTILE = "<img src=x onerror=alert(1)>"
WIDTHS = (1280, 375)
failures = []
passed = 0


def expect(cond, what, detail=""):
    global passed
    print(("ok   " if cond else "FAIL ") + what)
    if cond:
        passed += 1
    else:
        failures.append(what)
        if detail:
            print("     " + str(detail).replace("\n", "\n     ")[:3000])


def import_websocket():
    """Debian's python3-websocket; its folder is added when another python3 runs this."""
    try:
        import websocket  # noqa: F401
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import websocket
        return websocket
    except ImportError:
        return None


def hostile_plan(plan_path, work):
    """The captured plan with a hostile value in the data bucket's tags (drifted and in state)."""
    with open(plan_path) as f:
        plan = json.load(f)
    changed = 0
    for rc in plan.get("resource_drift", []):
        if rc["address"] == "aws_s3_bucket.data":
            for key in ("tags", "tags_all"):
                rc["change"]["after"][key]["CostCenter"] = HOSTILE
                changed += 1
    # A for_each key is anyone's string, and so part of an address.
    for rc in plan.get("resource_drift", []):
        if rc["address"] == 'module.logs.aws_s3_bucket.log["beta"]':
            rc["address"] = f'module.logs.aws_s3_bucket.log["{HOSTILE}"]'
            rc["index"] = HOSTILE
            changed += 1
    # The refreshed state: where the report's tags of the resource come from.
    for res in plan["prior_state"]["values"]["root_module"]["resources"]:
        if res["address"] == "aws_s3_bucket.data":
            for key in ("tags", "tags_all"):
                res["values"][key]["CostCenter"] = HOSTILE
                changed += 1
    path = os.path.join(work, "hostile.plan.json")
    with open(path, "w") as f:
        json.dump(plan, f)
    return path, changed


class Browser:
    """One headless Chromium with its own profile, and one page driven over DevTools."""

    def __init__(self, chromium, websocket, work, log):
        self.profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--user-data-dir=" + self.profile, "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", "--no-first-run",
             "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT,
            # Its own process group: Chromium's helper processes go with it on close.
            start_new_session=True)
        port = self._port()
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        ws_url = next(p["webSocketDebuggerUrl"] for p in pages if p.get("type") == "page")
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def _port(self):
        marker = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}")
            if os.path.exists(marker):
                lines = open(marker).read().split()
                if lines:
                    return int(lines[0])
            time.sleep(0.1)
        raise RuntimeError("chromium did not open its DevTools port within 60 s")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == event:
                    self.ws.settimeout(30)
                    return self.events.pop(i)
            self.ws.settimeout(max(0.1, deadline - time.time()))
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
                # A dialog (a script that ran) would hold the load forever: note it, dismiss it.
                if msg["method"] == "Page.javascriptDialogOpening":
                    self.ws.settimeout(30)
                    self.call("Page.handleJavaScriptDialog", accept=False)
        raise RuntimeError(f"no {event} within {timeout} s")

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, None)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def render(b, url, width, shot):
    """Loads `url` at `width` CSS px; returns what the page shows and the requests it made."""
    b.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1,
           mobile=width < 600)
    b.events.clear()
    b.call("Page.navigate", url=url)
    b.wait_for("Page.loadEventFired")
    seen = {
        "text": b.evaluate("document.body ? document.body.innerText : ''"),
        "blocks": b.evaluate("Array.from(document.querySelectorAll('section.drift, #unmanaged tbody tr'))"
                             ".map(e => e.innerText)"),
        "imgs": b.evaluate("document.querySelectorAll('img, script, iframe, object, embed').length"),
        "scroll_width": b.evaluate("document.documentElement.scrollWidth"),
        "inner_width": b.evaluate("window.innerWidth"),
        "height": b.evaluate("document.documentElement.scrollHeight"),
        "svg": b.evaluate("document.querySelectorAll('svg rect').length"),
    }
    requests = [e["params"]["request"]["url"] for e in b.events
                if e["method"] == "Network.requestWillBeSent"]
    dialogs = [e for e in b.events if e["method"] == "Page.javascriptDialogOpening"]
    height = min(int(seen["height"]), 16000)
    png = b.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                 clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
    with open(shot, "wb") as f:
        f.write(base64.b64decode(png["data"]))
    return seen, requests, dialogs


def check_width(width, seen, requests, dialogs, url, drifts):
    text = seen["text"] or ""
    expect(len(text) > 500 and "Drift report" in text,
           f"{width}px: the page is not blank ({len(text)} characters of text)")
    for d in drifts:
        block = [t for t in seen["blocks"] if d["address"] in t and d["severity"] in t]
        expect(bool(block), f"{width}px: {d['address']} shown with its severity {d['severity']}",
               "\n---\n".join(seen["blocks"]))
    leaving = [u for u in requests if u != url and not u.startswith("data:")]
    expect(not leaving, f"{width}px: no request leaves the page ({len(requests)} request(s))",
           leaving)
    expect(seen["imgs"] == 0, f"{width}px: the hostile tag created no element ({seen['imgs']})")
    expect(HOSTILE in text, f"{width}px: the hostile tag value is visible as text")
    expect(not dialogs, f"{width}px: no dialog opened", dialogs)
    expect(seen["svg"] >= 5, f"{width}px: the severity chart is drawn ({seen['svg']} bars)")
    if width <= 375:
        # A page without a viewport is laid out 980 px wide and shrunk: not readable.
        expect(seen["inner_width"] == width,
               f"{width}px: laid out at the device width (innerWidth {seen['inner_width']})")
        expect(seen["scroll_width"] <= seen["inner_width"],
               f"{width}px: no horizontal overflow (scrollWidth {seen['scroll_width']}, "
               f"innerWidth {seen['inner_width']})")


def main(bootstrap, plan, out_dir):
    chromium = shutil.which("chromium")
    if not chromium:
        print("FAIL: chromium is missing (Debian package chromium; scripts/setup.sh installs it)")
        return 1
    websocket = import_websocket()
    if websocket is None:
        print("FAIL: the websocket module is missing (Debian package python3-websocket; "
              "scripts/setup.sh installs it)")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="drift-html-browser-")
    browser = None
    try:
        plan_copy, changed = hostile_plan(plan, work)
        expect(changed == 5, "the plan copy carries the hostile tag value and address")
        page = os.path.join(out_dir, "report.html")
        env = {k: v for k, v in os.environ.items() if k != "AWS_LAMBDA_RUNTIME_API"}
        env["AWS_REGION"] = "us-east-1"
        run = subprocess.run([bootstrap, "--plan", plan_copy, "--target", "platform",
                              "--workspace", "prod", "--environment", "production",
                              "--region", "us-east-1", "--out", os.path.join(work, "out"),
                              "--html", page, "--no-color"],
                             env=env, capture_output=True, text=True, timeout=120)
        expect(run.returncode == 2, f"the scanner grades the plan as drift (exit {run.returncode})",
               run.stdout + run.stderr)
        with open(os.path.join(work, "out/reports/platform/prod/latest.json")) as f:
            report = json.load(f)
        drifts = report["drifts"]
        expect(len(drifts) >= 7, f"the report holds the plan's drifts ({len(drifts)})")
        with open(page) as f:
            html = f.read()
        expect(HOSTILE not in html, "the hostile tag value is escaped in the file")
        expect(any(HOSTILE in d["address"] for d in drifts), "the hostile address is in the report")

        browser = Browser(chromium, websocket, work, os.path.join(out_dir, "chromium.log"))
        browser.call("Page.enable")
        browser.call("Network.enable")
        browser.call("Runtime.enable")
        url = "file://" + os.path.abspath(page)
        for width in WIDTHS:
            shot = os.path.join(out_dir, f"report-{width}.png")
            seen, requests, dialogs = render(browser, url, width, shot)
            check_width(width, seen, requests, dialogs, url, drifts)
            print(f"     screenshot: {shot}")
    except Exception as e:  # a broken browser or page is a failure of this test, said plainly
        expect(False, f"the browser check ran to the end: {type(e).__name__}: {e}")
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"page and screenshots in {out_dir}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
