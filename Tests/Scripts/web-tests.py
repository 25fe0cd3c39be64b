#!/usr/bin/env python3
"""ltc-server's web pages in a real browser (Playwright driving Debian's chromium).

Builds a demo city (`ltc demo`), adds a case waiting for assessor A1's
visit, issues credentials with `ltc credential issue`, starts `ltc-server`
on a free port, and as each role signs in and does each task end to end,
checking the result through ltc's own commands (`ltc rpc` as an administrator):

  - the clerk (institution I001): uploads a logs file through the form and
    reads the report (rejected lines with rule, reason, what to do), the
    month's statement, the clients with their plans, the CSV downloads;
  - the assessor (A1): today's cases, the form rendered from the form file,
    a draft saved and resumed in another browser (another device), the
    review with the grade and its explanation (and the same refusals as
    `ltc score` for missing answers), the assessment saved, evidence uploaded;
  - the fund's staff: the month at a glance with its SVG charts, settlement
    and the cash run behind a confirmation, a case's audit trail; an auditor
    may not settle;
  - sessions: cookie flags (HttpOnly, SameSite=Strict, an expiry), sign-out,
    a revoked credential's and a deactivated actor's session ended, a form
    without its CSRF token refused, output escaped, security headers;
  - an institution's session opening another institution's pages by
    changing ids in the URL gets 403 or 404 and none of its data;
  - every form control has a label; no request leaves the origin; each page
    fits 360 px; a screenshot at 360 px and at 1280 px of each page is kept in
    a temporary folder (printed), with each page's weight and render time.

Usage: web-tests.py [--postgres URI --postgres-superuser URI] [--build .build/debug] [--screenshot-for-readme docs/images/web-month.png]
Needs playwright (pip install playwright; no `playwright install`: the
browser is /usr/bin/chromium, or $LTC_CHROMIUM) and httpx (serve-tests.py's helpers).
Prints 'N passed, N failed' at the end and exits 1 on any failure.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

from playwright.sync_api import sync_playwright

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("serve_tests", os.path.join(HERE, "serve-tests.py"))
serve = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve)
check, City, Server, ADMIN, ROOT = serve.check, serve.City, serve.Server, serve.ADMIN, serve.ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PAGES = []   # (name, bytes, milliseconds) of each page visited


def national_id(base):
    weights, codes = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], "10X98765432"
    return base + codes[sum(int(a) * b for a, b in zip(base, weights)) % 11]


def rpc(city, method, params, actor=ADMIN):
    """A result read through ltc's own `ltc rpc`, as `actor`."""
    run = subprocess.run([os.path.join(city.build, "ltc"), "rpc", "--db", city.db], input=json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": method, "params": dict(params, **({"actor": actor} if actor else {}))}), capture_output=True, text=True,
        cwd=city.folder, env=city.environment)
    answer = json.loads(run.stdout)
    if "error" in answer:
        raise SystemExit(f"{method}: {answer['error']}")
    return answer["result"]


def rpc_many(city, calls, actor=ADMIN):
    """The results of many (method, params) through one `ltc rpc`, in order, as `actor`."""
    lines = "".join(json.dumps({"jsonrpc": "2.0", "id": number, "method": method, "params": dict(params, actor=actor)}) + "\n"
                    for number, (method, params) in enumerate(calls))
    run = subprocess.run([os.path.join(city.build, "ltc"), "rpc", "--db", city.db], input=lines, capture_output=True, text=True,
                         cwd=city.folder, env=city.environment)
    answers = sorted((json.loads(line) for line in run.stdout.splitlines()), key=lambda answer: answer["id"])
    failed = [answer for answer in answers if "error" in answer]
    if failed or len(answers) != len(calls):
        raise SystemExit(f"{calls[0][0]}…: {len(answers)} answers to {len(calls)} calls; {failed[:1]}")
    return [answer["result"] for answer in answers]


def case_waiting_for_a1(city):
    """A person with an open case, eligible, assessors A1 and A2 assigned: the assessor's visit today."""
    person = rpc(city, "person.add", {"name": "王阿姨", "nationalId": national_id("31010419400101002"), "insurance": "employee",
                                      "enrolledOn": "2015-01-01"})["id"]
    case = rpc(city, "case.open", {"person": person, "disabledSince": "2025-01-01"})["id"]
    rpc(city, "case.check", {"case": case})
    rpc(city, "case.assign", {"case": case, "assessors": ["A1", "A2"], "reason": "web tests"})
    return case


class Browser:
    """One chromium for the run; each role signs in in contexts of its own, as on its own device."""

    def __init__(self, playwright, base, shots):
        executable = os.environ.get("LTC_CHROMIUM", "/usr/bin/chromium")
        self.browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        self.base, self.shots = base, shots
        self.foreign = []

    def context(self, viewport=DESKTOP, script=True):
        context = self.browser.new_context(viewport=viewport, accept_downloads=True, java_script_enabled=script)
        origin = urllib.parse.urlsplit(self.base)
        def watch(request):
            parts = urllib.parse.urlsplit(request.url)
            if parts.scheme not in ("data", "blob", "about") and (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                self.foreign.append(request.url)
        context.on("request", watch)
        return context

    def sign_in(self, token, viewport=DESKTOP, script=True):
        context = self.context(viewport, script)
        page = context.new_page()
        page.goto(self.base + "/web/signin")
        # By keyboard: the skip link, the brand link, then the credential field.
        page.keyboard.press("Tab")
        for _ in range(4):
            if page.evaluate("document.activeElement && document.activeElement.id") == "token":
                break
            page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.id") == "token"
        page.keyboard.type(token)
        page.keyboard.press("Enter")
        page.wait_for_url("**/web/")
        return context, page, focused

    def visit(self, page, path, name, status=200):
        """Opens `path`, checks its status, labels and width, measures it and keeps its screenshots."""
        sizes = []
        # Bytes as sent (Content-Length), read from the headers: a body is gone once the page navigates on.
        listener = lambda response: sizes.append(int(response.headers.get("content-length", "0"))) \
            if response.request.resource_type in ("document", "stylesheet", "script") else None
        page.on("response", listener)
        started = time.perf_counter()
        response = page.goto(self.base + path)
        page.wait_for_load_state("load")
        elapsed = (time.perf_counter() - started) * 1000
        page.remove_listener("response", listener)
        check(f"{name}: {path} answers {status}", response.status == status, f"got {response.status}")
        if status == 200:
            self.inspect(page, name)
            PAGES.append((name, sum(sizes), elapsed))
        return response

    def inspect(self, page, name):
        unlabeled = page.evaluate("""() => Array.from(document.querySelectorAll('input, select, textarea'))
            .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id)""")
        check(f"{name}: every form control has a label", unlabeled == [], str(unlabeled))
        wordless = page.evaluate("""() => Array.from(document.querySelectorAll('button, a'))
            .filter(e => !(e.innerText || e.getAttribute('aria-label') || '').trim()).length""")
        check(f"{name}: every button and link says what it does", wordless == 0, str(wordless))
        self.screenshots(page, name)

    def screenshots(self, page, name):
        page.screenshot(path=os.path.join(self.shots, f"{name}-desktop.png"), full_page=True)
        viewport = page.viewport_size
        page.set_viewport_size(PHONE)
        wide = page.evaluate("document.documentElement.scrollWidth")
        check(f"{name}: fits 360 px without scrolling sideways", wide <= PHONE["width"], f"{wide} px wide")
        page.screenshot(path=os.path.join(self.shots, f"{name}-360.png"), full_page=True)
        page.set_viewport_size(viewport)


def headers_and_escaping(browser, server, tokens):
    print("security headers, CSRF, escaping")
    context, page, focused = browser.sign_in(tokens["i001"])
    check("the sign-in field is reached by keyboard", focused)
    response = context.request.get(server.url + "/web/logs")
    headers = response.headers
    csp = headers.get("content-security-policy", "")
    check("CSP: no inline script, no other origin", "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, csp)
    check("CSP: frame-ancestors 'none'", "frame-ancestors 'none'" in csp, csp)
    check("nosniff and a referrer policy", headers.get("x-content-type-options") == "nosniff" and headers.get("referrer-policy") == "no-referrer")
    css = context.request.get(server.url + "/web/app.css")
    check("the style sheet carries them too", css.headers.get("x-content-type-options") == "nosniff" and "frame-ancestors" in css.headers.get("content-security-policy", ""))
    check("no inline script on a page", re.search(r"<script(?![^>]*\bsrc=)", response.text()) is None)
    cookies = {c["name"]: c for c in context.cookies()}
    session = cookies.get("ltc_session", {})
    check("the session cookie is HttpOnly, SameSite=Strict, with an expiry", session.get("httpOnly") and session.get("sameSite") == "Strict"
          and session.get("expires", -1) > time.time(), str(session))
    forged = context.request.post(server.url + "/web/signout", form={"csrf": "0" * 64})
    check("a form without the session's CSRF token: 403", forged.status == 403, str(forged.status))
    check("and the session goes on", context.request.get(server.url + "/web/logs").url.endswith("/web/logs"))
    # A log id with markup: shown as text in the report, never as markup.
    upload = "log_id,institution,caregiver,person,item,start,end,mode\n<b>bold</b>,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n"
    page.goto(server.url + "/web/logs")
    page.set_input_files("#logs", files=[{"name": "escape.csv", "mimeType": "text/csv", "buffer": upload.encode()}])
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_selector("text=<b>bold</b>")
    check("markup in data is shown as text (escaped)", page.locator("td b").count() == 0 and "&lt;b&gt;bold&lt;/b&gt;" in page.content())
    context.close()


def sign_in_httpx(server, token):
    """A signed-in httpx client (no browser): the sign-in page's token, then the credential."""
    client = serve.httpx.Client(base_url=server.url, timeout=60)
    page = client.get("/web/signin")
    client.post("/web/signin", data={"csrf": re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1), "token": token})
    return client


def attacks(server, tokens):
    print("a hostile institution and an outsider: malformed forms, refusals' headers, sessions pushed out")
    outsider = serve.httpx.Client(base_url=server.url, timeout=60)
    truncated = b'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n--b--\r\n'
    answer = outsider.post("/web/signin", content=truncated, headers={"Content-Type": "multipart/form-data; boundary=b"})
    check("a multipart part cut short at the sign-in, without signing in: refused, the server stays up",
          answer.status_code == 403 and server.process.poll() is None and outsider.get("/web/signin").status_code == 200, f"{answer.status_code}")
    for method, path in [("PUT", "/web/"), ("DELETE", "/web/logs")]:
        refused = outsider.request(method, path)
        csp = refused.headers.get("content-security-policy", "")
        check(f"{method} {path}: 405 with the pages' CSP and nosniff", refused.status_code == 405 and "frame-ancestors 'none'" in csp
              and refused.headers.get("x-content-type-options") == "nosniff", f"{refused.status_code} {dict(refused.headers)}")
    too_large = serve.raw_request(outsider, b"POST /web/logs HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                                  b"Content-Length: 999999999999\r\n\r\n")
    head = too_large.split(b"\r\n\r\n")[0].decode().lower()
    check("an upload past the limit: 413 with the pages' CSP", head.startswith("http/1.1 413") and "content-security-policy: default-src 'none'" in head, head[:300])
    clerk = sign_in_httpx(server, tokens["i002"])
    check("the other institution's clerk is signed in", clerk.get("/web/logs").status_code == 200)
    attacker = [sign_in_httpx(server, tokens["i001"]) for _ in range(12)]
    check("12 sign-ins with one credential: its newest 10 sessions live", all(a.get("/web/logs").status_code == 200 for a in attacker[2:]))
    check("its oldest two ended", all(a.get("/web/logs").status_code == 303 for a in attacker[:2]))
    check("and the other clerk's session goes on", clerk.get("/web/logs").status_code == 200)
    check("GET /web/signout signs no one out", attacker[-1].get("/web/signout").status_code == 404 and attacker[-1].get("/web/logs").status_code == 200)
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', attacker[-1].get("/web/logs").text).group(1)
    many = "&".join([f"csrf={token}"] + [f"answer.x{number}=1" for number in range(1200)])
    flooded = attacker[-1].post("/web/signout", content=many, headers={"Content-Type": "application/x-www-form-urlencoded"})
    check("a form of more fields than any form has is no form (403), and signs no one out", flooded.status_code == 403
          and attacker[-1].get("/web/logs").status_code == 200, f"{flooded.status_code}")


def draft_bounds(city, case):
    print("a draft's answers are bounded like every field")
    def save(answers):
        run = subprocess.run([os.path.join(city.build, "ltc"), "rpc", "--db", city.db], input=json.dumps(
            {"jsonrpc": "2.0", "id": 1, "method": "case.draftSave", "params": {"actor": "assessor:A1", "case": case, "form": "cn-ltc-2021",
                                                                              "answers": answers}}), capture_output=True, text=True, cwd=city.folder, env=city.environment)
        return json.loads(run.stdout)
    flood = save({f"x{number}": 1 for number in range(1001)})
    check("a draft of 1,001 answers is refused", "error" in flood and "1000" in flood["error"]["message"], str(flood)[:200])
    long = save({"x" * 65: 1})
    check("an answer's id longer than an id may be is refused", "error" in long, str(long)[:200])


def clerk(browser, server, city, tokens):
    print("the clerk: upload, report, statement, clients, CSV")
    before = len(rpc(city, "logs.submissions", {"institution": "I001", "limit": 1000})["submissions"])
    context, page, _ = browser.sign_in(tokens["i001"])
    browser.visit(page, "/web/", "clerk-home")
    browser.visit(page, "/web/logs", "clerk-upload")
    logs = ("log_id,institution,caregiver,person,item,start,end,mode\n"
            "W1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n"
            "W2,I001,C1,4,S01,2026-04-07T09:00,2026-04-07T10:00,home-visit\n")
    page.set_input_files("#logs", files=[{"name": "week.csv", "mimeType": "text/csv", "buffer": logs.encode()}])
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_selector("text=What to do")
    text = page.inner_text("main")
    check("the report names each rejected line's rule", "T02" in text or "E01" in text, text[:300])
    check("and what to do", len(page.locator("tbody tr").all()) == 2, text[:400])
    browser.inspect(page, "clerk-report")
    after = rpc(city, "logs.submissions", {"institution": "I001", "limit": 1000})["submissions"]
    check("ltc records the submission, by the clerk's credential", len(after) == before + 1 and max(after, key=lambda s: s["id"])["summary"]["received"] == 2,
          str(after[-1:]))
    browser.visit(page, "/web/statements/2026-04", "clerk-statement")
    check("the statement shows the payable", "2,000.70" in page.inner_text("main"))
    csv = context.request.get(server.url + "/web/statements/2026-04/csv")
    expected = rpc(city, "statement.get", {"institution": "I001", "month": "2026-04"})
    lines = csv.text().strip().split("\n")
    check("the statement's CSV has a row per line", csv.headers.get("content-type", "").startswith("text/csv")
          and len(lines) == 1 + len(expected["accepted"]) + len(expected["rejected"]), f"{len(lines)} lines")
    browser.visit(page, "/web/clients", "clerk-clients")
    enrolled = rpc(city, "enrolment.list", {"institution": "I001"})["enrolments"]
    check("every client with a plan", page.locator("main section").count() == len(enrolled) and "S01" in page.inner_text("main"))
    clients_csv = context.request.get(server.url + "/web/clients/csv")
    check("the clients' CSV", len(clients_csv.text().strip().split("\n")) == 1 + len(enrolled), clients_csv.text()[:200])
    first = min(e["id"] for e in enrolled)
    after_first = context.request.get(server.url + f"/web/clients/csv?after={first}")
    check("clients are paged as the operation pages them: after the first, the others",
          len(after_first.text().strip().split("\n")) == len(enrolled), after_first.text()[:200])
    bad_after = context.request.get(server.url + "/web/clients?after=nope")
    check("a cursor that is not one is a client error, not a 5xx", 400 <= bad_after.status < 500, str(bad_after.status))
    print("without JavaScript: the same upload by a plain form POST")
    plain, page2, _ = browser.sign_in(tokens["i001"], script=False)
    page2.goto(server.url + "/web/logs")
    page2.set_input_files("#logs", files=[{"name": "again.csv", "mimeType": "text/csv", "buffer": logs.encode()}])
    page2.click("form[data-progress] button[type=submit]")
    page2.wait_for_selector("text=What to do")
    check("the report without script", page2.locator("tbody tr").count() == 2)
    check("ltc records it", len(rpc(city, "logs.submissions", {"institution": "I001", "limit": 1000})["submissions"]) == before + 2)
    plain.close()
    print("an institution's session cannot open another's pages")
    other = rpc(city, "statement.get", {"institution": "I002", "month": "2026-04"})
    secrets = [other["name"], "2,223.00"]
    for path in ["/web/statements/2026-04?institution=I002", "/web/statements/2026-04/csv?institution=I002", "/web/cases/4/audit",
                 "/web/cases/4/assess", "/web/month/2026-04", "/web/settle/2026-04"]:
        response = context.request.get(server.url + path)
        body = response.text()
        check(f"I001 opening {path}: 403 or 404, none of I002's data", response.status in (403, 404) and not any(s in body for s in secrets),
              f"{response.status} {body[:120]}")
    browser.visit(page, "/web/statements/2026-04?institution=I002", "clerk-other-institution", status=404)
    context.close()


ANSWERS = json.load(open(os.path.join(ROOT, "Examples", "assessments", "cn-ltc-2021-moderate.json")))


def assessor(browser, server, city, tokens, case):
    print("the assessor: cases, form, draft, review, save, evidence")
    context, page, _ = browser.sign_in(tokens["assessor"])
    browser.visit(page, "/web/cases", "assessor-cases")
    check("today's case is listed", page.locator(f"a[href='/web/cases/{case}/assess']").count() == 1)
    browser.visit(page, f"/web/cases/{case}/assess", "assessor-form")
    form = rpc(city, "forms.get", {"form": "cn-ltc-2021"}, actor=None)
    check("every item of the form file, with its options", page.locator("fieldset.item").count() == len(form["items"])
          and page.locator("input[type=radio]").count() == sum(len(item["options"]) for item in form["items"]))
    check("with its guidance", page.locator("details").count() == sum(1 for item in form["items"] if item.get("guidance")))
    page.fill("#place", "家中 home")
    items = list(ANSWERS.items())
    for item, score in items[:5]:
        page.check(f"input[name='answer.{item}'][value='{score}']")
    # The script keeps each answer in the draft as it is given (case.draftSave), without a button.
    serve.wait_until(lambda: len((rpc(city, "case.draft", {"case": case}, actor="assessor:A1") or {}).get("answers", {})) >= 5,
                     "the script to save the draft after each answer")
    check("each answer is saved as it is given", True)
    page.click("button[value=draft]")
    page.wait_for_selector("text=Draft saved")
    draft = rpc(city, "case.draft", {"case": case}, actor="assessor:A1")
    check("the draft is kept by ltc (case.draft)", draft and len(draft["answers"]) >= 5 and draft["place"] == "家中 home", str(draft)[:200])
    try:
        from jsonschema import Draft202012Validator
        described = {m["name"]: m for m in rpc(city, "rpc.describe", {}, actor=None)["methods"]}
        for name in ("case.draft", "case.draftSave"):
            errors = list(Draft202012Validator(described[name]["resultSchema"]).iter_errors(draft))
            check(f"the draft matches {name}'s result schema", errors == [], str(errors[:1]))
    except ImportError:
        print("  (jsonschema not installed: the draft's schema is not checked)")
    # Another device: a new browser context, signed in afresh, resumes the draft.
    other, tablet, _ = browser.sign_in(tokens["assessor"], viewport=PHONE)
    tablet.goto(server.url + f"/web/cases/{case}/assess")
    resumed = all(tablet.is_checked(f"input[name='answer.{item}'][value='{score}']") for item, score in items[:5])
    check("resumed on another device", resumed and tablet.input_value("#place") == "家中 home")
    other.close()
    # Reviewing with answers missing: the same refusal as ltc score.
    page.click("button[value=review]")
    page.wait_for_selector(".problem")
    check("a review with answers missing names them, as ltc score does", "missing" in page.inner_text(".problem"))
    for item, score in items:
        page.check(f"input[name='answer.{item}'][value='{score}']")
    page.click("button[value=review]")
    page.wait_for_selector("text=Save the assessment")
    scored = rpc(city, "assessment.score", {"form": "cn-ltc-2021", "answers": ANSWERS}, actor=None)
    check("the review shows the grade ltc scores", f"等级 {scored['grade']['level']}" in page.inner_text(".grade"))
    check("and its explanation", scored["explanation"]["en"][0] in page.inner_text("main"))
    browser.inspect(page, "assessor-review")
    page.click("button[value=save]")
    page.wait_for_selector("text=Upload evidence")
    saved = rpc(city, "case.get", {"case": case})
    check("ltc records the assessment", saved["case"]["state"] == "assessed" and saved["assessments"][-1]["grade"] == scored["grade"]["level"],
          saved["case"]["state"])
    check("the form asks for the camera", page.get_attribute("#file", "capture") is not None and "image/*" in page.get_attribute("#file", "accept"))
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
    page.set_input_files("#file", files=[{"name": "bedside.png", "mimeType": "image/png", "buffer": png}])
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_selector("text=bedside.png")
    evidence = rpc(city, "case.evidenceList", {"case": case})["evidence"]
    check("ltc keeps the evidence's bytes", len(evidence) == 1 and evidence[0]["bytes"] == len(png) and evidence[0]["state"] == "intact", str(evidence))
    browser.inspect(page, "assessor-evidence")
    context.close()


def assessor_with_many_cases(browser, city, tokens, count=205):
    """An assessor with more cases waiting than case.list gives in one page (200) sees every one of them."""
    print(f"an assessor with {count} cases waiting: all listed")
    people = rpc_many(city, [("person.add", {"name": f"测试{n}", "nationalId": national_id(f"3101041950{n // 28 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"),
                                             "insurance": "employee", "enrolledOn": "2015-01-01"}) for n in range(count)])
    cases = [opened["id"] for opened in rpc_many(city, [("case.open", {"person": person["id"], "disabledSince": "2025-01-01"}) for person in people])]
    rpc_many(city, [("case.check", {"case": case}) for case in cases])
    rpc_many(city, [("case.assign", {"case": case, "assessors": ["A1", "A2"], "reason": "web tests: many cases"}) for case in cases])
    context, page, _ = browser.sign_in(tokens["assessor"])
    browser.visit(page, "/web/cases", "assessor-many-cases")
    listed = page.locator("a[href$='/assess']").count()
    check(f"all {count} new cases are listed, not the first page alone", all(page.locator(f"a[href='/web/cases/{case}/assess']").count() == 1 for case in cases[-3:])
          and listed >= count, f"{listed} listed")
    context.close()


def staff(browser, server, city, tokens):
    print("the fund's staff: the month, settlement and the cash run, the audit trail")
    context, page, _ = browser.sign_in(tokens["admin"])
    browser.visit(page, "/web/month/2026-04", "staff-month")
    check("spending by grade and by mode as inline SVG", page.locator("figure svg").count() == 2 and page.locator("figure svg rect").count() >= 2)
    check("cases due for re-assessment are listed", "Cases due" in page.inner_text("main"))
    browser.visit(page, "/web/settle/2026-05", "staff-settle-confirm")
    check("nothing settled before the confirmation", rpc(city, "settlement.get", {"month": "2026-05"}) is None)
    page.click("button[value=yes]")
    page.wait_for_selector("text=Settled")
    check("the settlement ltc records", rpc(city, "settlement.get", {"month": "2026-05"}) is not None)
    browser.inspect(page, "staff-settled")
    browser.visit(page, "/web/cash/2026-05", "staff-cash-confirm")
    page.click("button[value=yes]")
    page.wait_for_load_state()
    check("the cash run answered", "Cash run done" in page.inner_text("main") or "Could not be done" in page.inner_text("main"), page.inner_text("main")[:200])
    browser.visit(page, "/web/cases/1/audit", "staff-audit")
    timeline = rpc(city, "case.get", {"case": 1})["timeline"]
    check("the audit trail, every event", page.locator("tbody tr").count() == len(timeline))
    context.close()
    city.ltc("staff", "add", "webauditor", "--role", "auditor", "--name", "网页核查员", "--actor", ADMIN)
    auditor_id, auditor_token = city.issue("auditor:webauditor")
    context, page, _ = browser.sign_in(auditor_token)
    browser.visit(page, "/web/month/2026-04", "auditor-month")
    check("an auditor is offered no settlement", page.locator("a[href^='/web/settle']").count() == 0)
    browser.visit(page, "/web/settle/2026-06", "auditor-settle", status=403)
    print("a deactivated actor's session ends")
    city.ltc("staff", "deactivate", "webauditor", "--from", time.strftime("%Y-%m-%d"), "--reason", "web-tests", "--actor", ADMIN)
    page.goto(server.url + "/web/month/2026-04")
    check("the deactivated auditor is back at the sign-in page", page.url.endswith("/web/signin"), page.url)
    context.close()


def sessions(browser, server, city, tokens, ids):
    print("sign-out and revocation end sessions")
    context, page, _ = browser.sign_in(tokens["i002"])
    browser.visit(page, "/web/logs", "i002-upload")
    page.click(".signout button")
    page.wait_for_url("**/web/signin")
    check("signed out: at the sign-in page", page.url.endswith("/web/signin"))
    page.goto(server.url + "/web/logs")
    check("and signed out stays signed out", page.url.endswith("/web/signin"))
    browser.visit(page, "/web/signin", "signin")
    page.fill("#token", "ltc_C999_" + "0" * 64)
    page.click("button[type=submit]")
    page.wait_for_selector(".problem")
    check("an unknown credential is refused on the page", "not valid" in page.inner_text("main"))
    context.close()
    context, page, _ = browser.sign_in(tokens["i002"])
    check("signed in again", page.url.endswith("/web/"))
    city.revoke(ids["i002"])
    page.goto(server.url + "/web/logs")
    check("a revoked credential's session ends at its next request", page.url.endswith("/web/signin"), page.url)
    context.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL database to make a schema in (default: SQLite in a temporary folder)")
    parser.add_argument("--postgres-superuser", help="a superuser's URI on that server: the server then runs as a runtime role `ltc grant` made")
    parser.add_argument("--build", default=os.path.join(ROOT, ".build", "debug"))
    parser.add_argument("--screenshot-for-readme", help="copy the month at a glance, desktop, here (a .png path): README.md's docs/images/web-month.png")
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ltc-web-")
    shots = tempfile.mkdtemp(prefix="ltc-web-screenshots-")
    build = os.path.abspath(arguments.build)
    print(f"engine: {'postgresql' if arguments.postgres else 'sqlite'}; folder {folder}; screenshots {shots}")
    city = City(build, folder, arguments.postgres)
    role = None
    try:
        case = case_waiting_for_a1(city)
        ids, tokens = {}, {}
        for name, holder in [("admin", ADMIN), ("i001", "institution:I001"), ("i002", "institution:I002"), ("assessor", "assessor:A1")]:
            ids[name], tokens[name] = city.issue(holder)
        served = city
        if arguments.postgres and arguments.postgres_superuser:
            role = "ltc_web_" + uuid.uuid4().hex[:8]
            subprocess.run(["psql", arguments.postgres_superuser, "-q", "-c", f"CREATE ROLE {role} LOGIN"], check=True, capture_output=True)
            city.ltc("grant", role)
            served = City.__new__(City)
            served.__dict__.update(city.__dict__, db=re.sub(r"^(postgres(?:ql)?://)(?:[^@/]*@)?", rf"\g<1>{role}@", city.db))
            print(f"the server runs as the runtime role {role}")
        server = Server(served, "web", ["--rate", "0"])
        try:
            with sync_playwright() as playwright:
                browser = Browser(playwright, server.url, shots)
                headers_and_escaping(browser, server, tokens)
                attacks(server, tokens)
                draft_bounds(city, case)
                clerk(browser, server, city, tokens)
                assessor(browser, server, city, tokens, case)
                staff(browser, server, city, tokens)
                sessions(browser, server, city, tokens, ids)
                assessor_with_many_cases(browser, city, tokens)
                check("no request went to another origin", browser.foreign == [], str(browser.foreign[:5]))
                browser.browser.close()
        finally:
            server.stop()
        if arguments.screenshot_for_readme:
            shutil.copy(os.path.join(shots, "staff-month-desktop.png"), arguments.screenshot_for_readme)
        print("\npage                          bytes (html+css+js)   ms to load")
        for name, size, elapsed in PAGES:
            print(f"{name:30} {size:>10} {elapsed:>16.0f}")
        print(f"screenshots: {shots}")
    finally:
        city.drop()
        if role:
            subprocess.run(["psql", arguments.postgres_superuser, "-q", "-c", f"DROP OWNED BY {role}; DROP ROLE {role}"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{serve.RESULTS['passed']} passed, {serve.RESULTS['failed']} failed")
    sys.exit(1 if serve.RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
