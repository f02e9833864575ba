#!/usr/bin/env python3
"""The fleet page (reports/index.html) in a real browser (headless Chromium), as an operator reads it.

Against moto: the real bootstrap grades the captured refresh-only plan (with a hostile tag and
address, as report.browser does) for two targets and writes their reports to the report
bucket, tracking each drift in the drifts table; a few remediation outcomes and an older
drift with a hostile address are put in the history and drifts tables as the other functions
would. The scans themselves rebuild reports/index.html; `drift-scan fleet --html` rebuilds it
again and keeps a copy. Then:
  - a presigned report link on the page fetches the report's page with plain HTTP;
  - with REPORT_BASE_URL the links are <base>/<key>;
  - Chromium renders the page at 1280 and 375 px: every target and workspace is in the DOM,
    the page is not blank, the chart is drawn, no request leaves the page, the hostile values
    render as text (no element made from them, the literal text visible), and at 375 px nothing
    overflows horizontally; a full-page screenshot per width is kept in OUT_DIR.

Usage: fleet_browser_test.py BOOTSTRAP PLAN_JSON OUT_DIR (moto endpoint from $DRIFT_MOTO_DIR)
"""
import html as htmllib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import html_browser_test as hb  # noqa: E402  (the Browser and the hostile plan)

MAKE_STACK = os.path.join(HERE, "..", "fixtures", "make_stack.py")
HOSTILE = hb.HOSTILE
WIDTHS = (1280, 375)
SCANS = (("platform", "prod", "production"), ("billing", "staging", "staging"))


def expect(cond, what, detail=""):
    hb.expect(cond, what, detail)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def render(b, url, width, shot):
    seen, requests, dialogs = hb.render(b, url, width, shot)
    seen["cells"] = b.evaluate(
        "Array.from(document.querySelectorAll('#workspaces tbody tr')).map(e => e.innerText)")
    seen["links"] = b.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.href)")
    return seen, requests, dialogs


def check_width(width, seen, requests, dialogs, url):
    text = seen["text"] or ""
    expect(len(text) > 300 and "the fleet" in text,
           f"{width}px: the page is not blank ({len(text)} characters of text)")
    for target, workspace, _ in SCANS:
        row = [r for r in seen["cells"] if target in r and workspace in r]
        expect(bool(row), f"{width}px: {target}/{workspace} has its row", "\n---\n".join(seen["cells"]))
    leaving = [u for u in requests if u != url and not u.startswith("data:")]
    expect(not leaving, f"{width}px: no request leaves the page ({len(requests)} request(s))", leaving)
    expect(seen["imgs"] == 0, f"{width}px: the hostile values created no element ({seen['imgs']})")
    expect(HOSTILE in text, f"{width}px: the hostile value is visible as text")
    expect(not dialogs, f"{width}px: no dialog opened", dialogs)
    expect(seen["svg"] >= 30, f"{width}px: the 30-day chart is drawn ({seen['svg']} rects)")
    expect(len(seen["links"]) == len(SCANS) and all(l.startswith("http") for l in seen["links"]),
           f"{width}px: one http(s) report link per workspace ({len(seen['links'])})", seen["links"])
    if width <= 375:
        expect(seen["inner_width"] == width,
               f"{width}px: laid out at the device width (innerWidth {seen['inner_width']})")
        expect(seen["scroll_width"] <= seen["inner_width"],
               f"{width}px: no horizontal overflow (scrollWidth {seen['scroll_width']}, "
               f"innerWidth {seen['inner_width']})")


def hrefs(page):
    return [htmllib.unescape(h) for h in re.findall(r'<a href="([^"]*)"', page)]


def main(bootstrap, plan, out_dir):
    chromium = shutil.which("chromium")
    if not chromium:
        print("FAIL: chromium is missing (Debian package chromium; scripts/setup.sh installs it)")
        return 1
    websocket = hb.import_websocket()
    if websocket is None:
        print("FAIL: the websocket module is missing (Debian package python3-websocket)")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    endpoint = open(os.path.join(os.environ["DRIFT_MOTO_DIR"], "endpoint")).read().strip()
    stack = json.loads(subprocess.run([sys.executable, MAKE_STACK, endpoint, uuid.uuid4().hex[:8]],
                                      check=True, stdout=subprocess.PIPE, text=True).stdout)
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test")
    s3 = boto3.client("s3", **kw)
    ddb = boto3.client("dynamodb", **kw)
    env = {k: v for k, v in os.environ.items() if k not in ("AWS_LAMBDA_RUNTIME_API", "REPORT_BASE_URL")}
    env.update(AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_REGION="us-east-1", REPORT_BUCKET=stack["report_bucket"],
               DRIFTS_TABLE=stack["drifts_table"], HISTORY_TABLE=stack["history_table"])
    work = tempfile.mkdtemp(prefix="drift-fleet-browser-")
    browser = None
    try:
        plan_copy, changed = hb.hostile_plan(plan, work)
        expect(changed == 5, "the plan copy carries the hostile tag value and address")
        for target, workspace, environment in SCANS:
            run = subprocess.run([bootstrap, "--plan", plan_copy, "--target", target, "--workspace", workspace,
                                  "--environment", environment, "--region", "us-east-1",
                                  "--out", os.path.join(work, "out"), "--write-s3", "--no-color"],
                                 env=env, capture_output=True, text=True, timeout=120)
            expect(run.returncode == 2, f"{target}/{workspace}: the scan grades the plan as drift "
                   f"(exit {run.returncode})", run.stdout + run.stderr)
        # The scan rebuilt the fleet page after writing its report.
        built = s3.get_object(Bucket=stack["report_bucket"], Key="reports/index.html")
        page = built["Body"].read().decode()
        expect(built["ContentType"].startswith("text/html"), f"index.html is text/html ({built['ContentType']})")
        expect(all(f"<code>{t}</code>" in page and f"<code>{w}</code>" in page for t, w, _ in SCANS),
               "the scans' own rebuild lists both targets and workspaces")

        # What the other functions record: outcomes with MTTR, and an older drift that came back.
        now = datetime.now(timezone.utc)
        for days_ago, status, mttr in ((1, "remediated", 300), (3, "confirmed", 900), (9, "remediation_failed", None)):
            item = {"drift_event_id": {"S": str(uuid.uuid4())}, "timestamp": {"S": stamp(now - timedelta(days=days_ago, hours=1))},
                    "status": {"S": status}, "environment": {"S": "production"},
                    "completed_at": {"S": stamp(now - timedelta(days=days_ago))}}
            if mttr:
                item["mttr_seconds"] = {"N": str(mttr)}
            ddb.put_item(TableName=stack["history_table"], Item=item)
        ddb.put_item(TableName=stack["drifts_table"], Item={
            "scope": {"S": "platform/prod"}, "drift_id": {"S": uuid.uuid4().hex},
            "address": {"S": f'aws_iam_role.app["{HOSTILE}"]'}, "severity": {"S": "HIGH"},
            "status": {"S": "open"}, "environment": {"S": "production"},
            "first_seen": {"S": stamp(now - timedelta(days=20))}, "recurrences": {"N": "4"}})

        fleet_file = os.path.join(out_dir, "fleet.html")
        run = subprocess.run([bootstrap, "fleet", "--html", fleet_file], env=env, capture_output=True,
                             text=True, timeout=120)
        expect(run.returncode == 0, f"drift-scan fleet exits 0 ({run.returncode})", run.stdout + run.stderr)
        page = open(fleet_file).read()
        stored = s3.get_object(Bucket=stack["report_bucket"], Key="reports/index.html")["Body"].read().decode()
        expect(stored == page, "the page kept is the page in S3")
        expect(HOSTILE not in page, "the hostile values are escaped in the file")
        expect(f'aws_iam_role.app[&quot;{htmllib.escape(HOSTILE, quote=False)}' in page,
               "the recurring hostile address is on the page, escaped")

        links = hrefs(page)
        expect(len(links) == len(SCANS), f"one report link per workspace ({len(links)})", links)
        presigned = [l for l in links if "X-Amz-Signature=" in l]
        expect(len(presigned) == len(SCANS), "without REPORT_BASE_URL the links are presigned", links)
        if presigned:
            query = presigned[0].split("?", 1)[1]
            for p in ("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Credential=", "X-Amz-Date=",
                      "X-Amz-Expires=", "X-Amz-SignedHeaders=", "X-Amz-Signature="):
                expect(p in query, f"the presigned link carries {p.rstrip('=')}")
            with urllib.request.urlopen(presigned[0], timeout=30) as r:
                body = r.read().decode()
            expect(r.status == 200 and "Drift report" in body,
                   "a presigned link fetches the report's page with plain HTTP")

        based = subprocess.run([bootstrap, "fleet"], env=dict(env, REPORT_BASE_URL="https://reports.example.com/"),
                               capture_output=True, text=True, timeout=120)
        expect(based.returncode == 0, f"drift-scan fleet with REPORT_BASE_URL exits 0 ({based.returncode})",
               based.stderr)
        based_page = s3.get_object(Bucket=stack["report_bucket"], Key="reports/index.html")["Body"].read().decode()
        expect(sorted(hrefs(based_page)) == sorted(f"https://reports.example.com/reports/{t}/{w}/latest.html"
                                                  for t, w, _ in SCANS),
               "with REPORT_BASE_URL the links are <base>/<key> of each latest.html", hrefs(based_page))

        browser = hb.Browser(chromium, websocket, work, os.path.join(out_dir, "chromium.log"))
        browser.call("Page.enable")
        browser.call("Network.enable")
        browser.call("Runtime.enable")
        url = "file://" + os.path.abspath(fleet_file)
        for width in WIDTHS:
            shot = os.path.join(out_dir, f"fleet-{width}.png")
            seen, requests, dialogs = render(browser, url, width, shot)
            check_width(width, seen, requests, dialogs, url)
            print(f"     screenshot: {shot}")
    except Exception as e:  # a broken browser, page or stack is a failure of this test, said plainly
        expect(False, f"the fleet check ran to the end: {type(e).__name__}: {e}")
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"page and screenshots in {out_dir}")
    print(f"{hb.passed} passed, {len(hb.failures)} failed")
    return 1 if hb.failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
