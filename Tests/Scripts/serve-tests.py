#!/usr/bin/env python3
"""ltc-server over loopback with real HTTP clients (httpx, curl, raw sockets).

Builds a demo city (`ltc demo`: institutions I001 and I002, April 2026
settled), issues stored credentials with `ltc credential issue`, starts
`ltc-server` on a free port, and checks:

  - every authentication case on every route that needs a credential: none,
    another scheme, empty, malformed, unknown id, wrong secret, two headers,
    revoked, past its last day, its actor deactivated: the same 401 with
    WWW-Authenticate for all;
  - institution A cannot read or change B's data through any route;
  - a revoked credential is refused on its next request;
  - each audit event of a request names its credential;
  - a 10 MB logs upload takes bounded server memory (the body goes to disk);
  - SIGTERM in the middle of an upload leaves nothing half-stored;
  - HTTPS, and client certificates mapped to credentials;
  - schemathesis against /openapi.json: no 5xx, no response outside its schema;
  - a bounded load run with one credential per institution: no 5xx.

Usage: serve-tests.py [--postgres postgresql://USER@HOST:PORT/DB] [--build .build/debug]
                      [--schemathesis-examples N] [--load-seconds N]
With --postgres the city lives in a schema of its own in that database,
dropped at the end; else in an SQLite file. Needs httpx and schemathesis
(pip install httpx schemathesis), curl, openssl, and psql for --postgres.
Prints 'N passed, N failed' at the end and exits 1 on any failure.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid

import httpx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESULTS = {"passed": 0, "failed": 0}
ADMIN = "administrator:demo"


def check(name, condition, detail=""):
    if condition:
        RESULTS["passed"] += 1
        print(f"  ok    {name}")
    else:
        RESULTS["failed"] += 1
        print(f"  FAIL  {name} {detail}")


def wait_until(condition, what, seconds=60):
    """Polls `condition` until it holds; a condition, never a fixed sleep."""
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            raise SystemExit("gave up waiting for " + what)
        time.sleep(0.02)


class City:
    """The demo city's database and the ltc that runs commands on it."""

    def __init__(self, build, folder, postgres):
        self.build, self.folder = build, folder
        self.schema = None
        if postgres:
            self.schema = "ltc_serve_" + uuid.uuid4().hex[:12]
            self.server = postgres
            self.psql(f"CREATE SCHEMA {self.schema}")
            self.db = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{self.schema}"
        else:
            self.db = os.path.join(folder, "city.sqlite")
        self.environment = dict(os.environ, LTC_EVIDENCE_DIR=os.path.join(folder, "evidence"), TMPDIR=os.path.join(folder, "spool"))
        os.makedirs(self.environment["TMPDIR"], exist_ok=True)
        self.ltc("demo")
        self.ltc("staff", "add", "checker", "--role", "auditor", "--name", "核查员", "--actor", ADMIN)

    def psql(self, sql):
        subprocess.run(["psql", self.server, "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning; " + sql], check=True,
                       stdout=subprocess.DEVNULL)

    def ltc(self, *arguments, check=True):
        run = subprocess.run([os.path.join(self.build, "ltc"), *arguments, "--db", self.db], capture_output=True, text=True,
                             cwd=self.folder, env=self.environment)
        if check and run.returncode != 0:
            raise SystemExit(f"ltc {' '.join(arguments)} exited {run.returncode}: {run.stderr}")
        return run

    def issue(self, holder, *extra):
        """A stored credential for `holder`: (its id, its token)."""
        issued = json.loads(self.ltc("credential", "issue", "--for", holder, "--json", "--actor", ADMIN, *extra).stdout)
        return issued["id"], issued["token"]

    def revoke(self, credential):
        self.ltc("credential", "revoke", credential, "--reason", "serve-tests", "--actor", ADMIN)

    def audit(self, subject):
        """(actor, credential) of each audit event of `subject`, read from the database."""
        if self.schema:
            query = f"SELECT actor || '|' || coalesce(credential, '') FROM {self.schema}.events WHERE subject = '{subject}' ORDER BY seq"
            out = subprocess.run(["psql", self.server, "-At", "-c", query], capture_output=True, text=True, check=True).stdout
            return [tuple(line.split("|")) for line in out.split()]
        import sqlite3
        with sqlite3.connect(self.db) as database:
            return list(database.execute("SELECT actor, coalesce(credential, '') FROM events WHERE subject = ? ORDER BY seq", (subject,)))

    def drop(self):
        if self.schema:
            self.psql(f"DROP SCHEMA {self.schema} CASCADE")


class Server:
    def __init__(self, city, name, extra=()):
        self.city = city
        self.port_file = os.path.join(city.folder, name + ".port")
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self.log_path = os.path.join(city.folder, name + ".log")
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [os.path.join(city.build, "ltc-server"), "--db", city.db, "--listen", "127.0.0.1:0", "--port-file", self.port_file, *extra],
            stdout=self.log, stderr=self.log, env=city.environment)
        wait_until(lambda: self.process.poll() is not None or (os.path.exists(self.port_file) and open(self.port_file).read().strip()),
                   "ltc-server to listen")
        if self.process.poll() is not None:
            raise SystemExit("ltc-server did not start: see " + self.log_path)
        self.port = int(open(self.port_file).read())
        self.url = f"http://127.0.0.1:{self.port}"

    def spooling(self):
        """Whether the server holds an upload's temporary file with something in it (unlinked, so seen through /proc)."""
        folder = f"/proc/{self.process.pid}/fd"
        for descriptor in os.listdir(folder):
            try:
                if "ltc-upload-" in os.readlink(os.path.join(folder, descriptor)) and os.stat(os.path.join(folder, descriptor)).st_size > 0:
                    return True
            except OSError:
                pass
        return False

    def status(self, field):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return -1

    def stop(self, timeout=60):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=timeout)
        return self.process.returncode


def bearer(token):
    return {"Authorization": "Bearer " + token}


def call(client, token, method, params=None):
    return client.post(f"/api/{method}", json=params or {}, headers=bearer(token))


GUARDED = [("POST", "/rpc", b'{"jsonrpc":"2.0","id":1,"method":"staff.list"}'), ("POST", "/api/staff.list", b"{}"),
           ("POST", "/logs", b"log_id\n"), ("GET", "/statements/2026-04", b""), ("POST", "/cases/1/evidence?kind=photo", b"x")]


def authentication(client, city, tokens):
    print("authentication: every way in that is not a valid credential is the same 401")
    good = tokens["i002"]
    wrong_secret = good[:-1] + ("1" if good[-1] == "0" else "0")
    unknown_id = "ltc_C999_" + good.split("_")[-1]
    _, revoked = city.issue("institution:I002")
    city.revoke(_)
    _, expired = city.issue("institution:I002", "--as-of", "2026-01-01", "--expires", "2026-01-31")
    _, deactivated = city.issue("auditor:checker")
    check("an auditor's credential works before its holder is deactivated", call(client, deactivated, "staff.list").status_code == 200)
    city.ltc("staff", "deactivate", "checker", "--from", time.strftime("%Y-%m-%d"), "--reason", "serve-tests", "--actor", ADMIN)
    cases = [("no header", {}), ("Basic", {"Authorization": "Basic YTpi"}), ("a bearer without a token", {"Authorization": "Bearer"}),
             ("malformed", bearer("tok-nobody")), ("unknown id", bearer(unknown_id)), ("wrong secret", bearer(wrong_secret)),
             ("revoked", bearer(revoked)), ("past its last day", bearer(expired)), ("actor deactivated", bearer(deactivated))]
    bodies, statuses = set(), []
    for method, path, body in GUARDED:
        for label, headers in cases:
            response = client.request(method, path, content=body, headers=headers)
            ok = response.status_code == 401 and response.headers.get("www-authenticate", "") == 'Bearer realm="ltc"'
            statuses.append((f"{method} {path} {label}", ok, response.status_code))
            bodies.add(response.text)
        two = raw_request(client, f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {good}\r\nAuthorization: Bearer {good}\r\n"
                                  f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
        statuses.append((f"{method} {path} two Authorization headers", two.startswith(b"HTTP/1.1 401"), two[:12]))
    for name, ok, status in statuses:
        check(f"{name}: 401 with WWW-Authenticate", ok, str(status))
    check("every 401 says the same, with no hint of why", len(bodies) == 1, str(bodies))
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"]:
        check(f"GET {path} needs no credential", client.get(path).status_code == 200)
    # curl, a second client, with keep-alive across two requests.
    url = f"{client.base_url}/api/logs.submissions"
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", "-H", "Authorization: Bearer " + good,
                          "-d", "{}", url, url], capture_output=True, text=True).stdout.split("\n")
    check("curl: two requests on one kept-alive connection", out[:2] == ["200 1", "200 0"], str(out))


def raw_request(client, data):
    """Sends bytes as they are (what httpx would tidy up) and reads the answer to its end."""
    with socket.create_connection(("127.0.0.1", client.base_url.port)) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def isolation(client, city, tokens):
    print("institution A cannot read or change B's data")
    i001, i002, admin = tokens["i001"], tokens["i002"], tokens["admin"]
    own = client.get("/statements/2026-04", headers=bearer(i001))
    statements = own.json().get("statements", []) if own.status_code == 200 else []
    check("I001's statement holds only I001", own.status_code == 200 and {s.get("institution") for s in statements} == {"I001"}, own.text[:200])
    csv = client.get("/statements/2026-04", headers={**bearer(i001), "Accept": "text/csv"})
    check("as CSV too", csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv") and "I002" not in csv.text, csv.text[:200])
    other = call(client, i001, "logs.list", {"institution": "I002", "month": "2026-04"})
    check("I001 listing I002's logs: 404, as for logs that do not exist", other.status_code == 404 and "I002" not in other.text.replace("logs of I002", ""),
          f"{other.status_code} {other.text[:120]}")
    rpc = client.post("/rpc", headers=bearer(i001), json={"jsonrpc": "2.0", "id": 1, "method": "logs.list", "params": {"institution": "I002", "month": "2026-04"}})
    check("over /rpc: the same error (1010) in a 200", rpc.status_code == 200 and rpc.json().get("error", {}).get("code") == 1010, rpc.text[:160])
    agreements = call(client, i001, "agreement.list", {"institution": "I002"})
    check("I001 listing I002's agreements: refused or empty", agreements.status_code in (403, 404) or "I002" not in agreements.text,
          f"{agreements.status_code} {agreements.text[:120]}")
    settlement = call(client, i001, "settlement.get", {"month": "2026-04"})
    check("settlement.get for I001: its statement alone", settlement.status_code == 200 and "I002" not in settlement.text, settlement.text[:160])
    named = call(client, i001, "logs.submissions", {"actor": "institution:I002"})
    check("a body naming I002 as the actor: 403", named.status_code == 403 and named.json()["error"]["code"] == 1012, named.text[:160])
    client.post("/logs", content=b"log_id,institution,caregiver,person,item,start,end,mode\n", headers=bearer(i002))
    mine = call(client, i001, "logs.submissions", {"limit": 1000}).json()["submissions"]
    theirs = call(client, i002, "logs.submissions", {"limit": 1000}).json()["submissions"]
    check("each institution lists its own submissions only", {s["institution"] for s in mine} <= {"I001"} and {s["institution"] for s in theirs} == {"I002"},
          f"{mine} {theirs}")
    cases = call(client, admin, "case.list", {"limit": 100}).json().get("cases", [])
    readable = {c["id"]: call(client, i001, "case.get", {"case": c["id"]}).status_code for c in cases}
    check("I001 reads some cases and is refused others (not its clients)", 200 in readable.values() and any(s in (403, 404) for s in readable.values()),
          str(readable))
    logs = call(client, i002, "logs.list", {"institution": "I002", "month": "2026-04"}).json()["logs"]
    line = logs[0]
    forged = "log_id,institution,caregiver,person,item,start,end,mode\nFORGED-1,I002,{},{},{},{},{},{}\n".format(
        line["caregiver"], line["person"], line["item"], line["start"], line["end"], line["mode"])
    upload = client.post("/logs", content=forged.encode(), headers=bearer(i001))
    after = call(client, i002, "logs.list", {"institution": "I002", "month": "2026-04", "limit": 1000}).json()["logs"]
    check("I001 uploading a log in I002's name stores nothing for I002",
          upload.status_code in (200, 403, 422) and not any(l["logId"] == "FORGED-1" for l in after), upload.text[:200])
    evidence = client.post("/cases/1/evidence?kind=photo", content=b"\xff\xd8\xff photo", headers=bearer(i001))
    check("an institution attaching evidence: 403", evidence.status_code == 403, f"{evidence.status_code} {evidence.text[:120]}")
    revoke = call(client, i001, "credential.revoke", {"credential": "C1"})
    check("an institution revoking a credential: 403", revoke.status_code == 403, f"{revoke.status_code}")
    issue = call(client, i001, "credential.issue", {"for": "institution:I001"})
    check("an institution issuing itself a credential: 403", issue.status_code == 403, f"{issue.status_code}")


def audit(client, city, tokens, ids):
    print("each audit event names the credential of its request")
    added = call(client, tokens["admin"], "staff.add", {"id": "served", "role": "auditor", "name": "经网络登记"})
    check("staff.add over HTTP", added.status_code == 200, added.text[:160])
    rpc = client.post("/rpc", headers=bearer(tokens["i001"]), json={"jsonrpc": "2.0", "id": 1, "method": "caregiver.register", "params": {
        "institution": "I001", "id": "C77", "name": "网上登记", "qualifications": ["caregiver"], "from": "2026-04-01"}})
    check("caregiver.register over /rpc by I001", "result" in rpc.json(), rpc.text[:200])
    staff = city.audit("staff:served")
    check("the staff member's audit event names the administrator and its credential", staff == [(ADMIN, ids["admin"])], str(staff))
    caregiver = city.audit("caregiver:I001/C77")
    check("the caregiver's names I001 and its credential", caregiver == [("institution:I001", ids["i001"])], str(caregiver))


def evidence(client, tokens):
    print("evidence arrives as bytes, never a path")
    admin = tokens["admin"]
    upload = client.post("/cases/1/evidence?kind=photo&name=bedside.jpg", content=b"\xff\xd8\xff a photo", headers=bearer(admin))
    check("POST /cases/1/evidence reaches case.evidence (case 1 is effective: 409)", upload.status_code == 409, f"{upload.status_code} {upload.text[:160]}")
    path = call(client, admin, "case.evidence", {"case": 1, "kind": "photo", "path": "/etc/shadow"})
    check("a path in the params is refused as a param", path.status_code == 400 and "path" in path.text, f"{path.status_code} {path.text[:160]}")
    b64 = call(client, admin, "case.evidence", {"case": 1, "kind": "photo", "file": "/9j/4AAQ"})
    check("base64 bytes in the params reach the case (409 for its state)", b64.status_code == 409, f"{b64.status_code} {b64.text[:160]}")


def revocation(client, city, tokens, ids):
    print("a revoked credential is refused on its next request")
    credential, token = city.issue("institution:I002")
    check("before: 200", call(client, token, "logs.submissions").status_code == 200)
    city.revoke(credential)
    response = call(client, token, "logs.submissions")
    check("after ltc credential revoke: 401 on the very next request", response.status_code == 401, f"{response.status_code}")

    # Inside one batch: the credential revokes itself, and the request after it is refused.
    credential, token = city.issue(ADMIN)
    batch = [{"jsonrpc": "2.0", "id": 1, "method": "credential.revoke", "params": {"credential": credential}},
             {"jsonrpc": "2.0", "id": 2, "method": "credential.issue", "params": {"for": "institution:I002"}}]
    answers = client.post("/rpc", json=batch, headers=bearer(token)).json()
    check("a batch whose first request revokes its credential: the second is refused (1012)",
          "result" in answers[0] and answers[1].get("error", {}).get("code") == 1012, json.dumps(answers)[:300])


def batches(city):
    print("a JSON-RPC batch is as many requests as it holds")
    _, token = city.issue("institution:I001")
    server = Server(city, "batches", ["--rate", "1", "--burst", "5", "--batch-limit", "4"])
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            request = lambda n: [{"jsonrpc": "2.0", "id": i, "method": "logs.submissions", "params": {}} for i in range(n)]
            longer = client.post("/rpc", json=request(5), headers=bearer(token))
            check("a batch longer than --batch-limit: 413, nothing run", longer.status_code == 413, f"{longer.status_code} {longer.text[:200]}")
            first = client.post("/rpc", json=request(4), headers=bearer(token))
            check("a batch of 4 takes 4 of the burst of 5: answered", first.status_code == 200 and len(first.json()) == 4, f"{first.status_code}")
            second = client.post("/rpc", json=request(4), headers=bearer(token))
            check("the next batch of 4 does not fit the 1 left: 429 with Retry-After",
                  second.status_code == 429 and second.headers.get("Retry-After", "").isdigit(), f"{second.status_code} {second.headers}")
    finally:
        server.stop()


def institution_csv(client, token, institution, month="2026-04"):
    logs = call(client, token, "logs.list", {"institution": institution, "month": month, "limit": 1000}).json()["logs"]
    lines = ["log_id,institution,caregiver,person,item,start,end,mode"]
    for log in logs:
        lines.append(",".join(str(log[k]) for k in ["logId", "institution", "caregiver", "person", "item", "start", "end", "mode"]))
    return "\n".join(lines) + "\n", len(logs)


def bounded_upload(client, server, tokens):
    print("a 10 MB upload takes bounded server memory")
    csv, count = institution_csv(client, tokens["i001"], "I001")
    accepted = sum(1 for log in call(client, tokens["i001"], "logs.list", {"institution": "I001", "month": "2026-04", "limit": 1000}).json()["logs"]
                   if log["status"] == "accepted")
    peaks = []
    for mebibytes in [10, 40]:
        before = server.status("VmRSS")
        body = csv.encode() + b"\n" * (mebibytes * 1024 * 1024 - len(csv))
        response = client.post("/logs", content=body, headers=bearer(tokens["i001"]), timeout=300)
        peaks.append(server.status("VmHWM"))
        report = response.json() if response.status_code == 200 else {}
        check(f"a {mebibytes} MiB upload is answered with its report (its accepted logs unchanged: a retried upload is safe)",
              response.status_code == 200 and report.get("received") == count and report.get("unchanged") == accepted, response.text[:200])
        print(f"        {mebibytes} MiB: server RSS before {before / 1024:.1f} MiB, peak after {peaks[-1] / 1024:.1f} MiB")
    grown = (peaks[1] - peaks[0]) / 1024
    check("30 MiB more body took less than 4 MiB more server memory (the body goes to disk)", grown < 4, f"+{grown:.1f} MiB")
    large = client.post("/logs", content=b"\n" * (65 * 1024 * 1024), headers=bearer(tokens["i001"]), timeout=300)
    check("an upload past the limit: 413", large.status_code == 413, f"{large.status_code}")
    huge = raw_request(client, b"POST /logs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + tokens["i001"].encode()
                       + b"\r\nContent-Length: 9223372036854775808\r\n\r\n")
    check("a Content-Length past 2^63: 413 at once, before any body", huge.startswith(b"HTTP/1.1 413"), huge[:80])


def submissions(client, token):
    return call(client, token, "logs.submissions", {"limit": 1000}).json()["submissions"]


def sigterm_mid_upload(city, tokens):
    print("SIGTERM in the middle of an upload leaves nothing half-stored")
    server = Server(city, "sigterm", ["--shutdown-grace", "2", "--rate", "0"])
    with httpx.Client(base_url=server.url) as client:
        csv, _ = institution_csv(client, tokens["i002"], "I002")
        before = submissions(client, tokens["admin"])
    body = csv.replace(",2026-04-", ",2026-04-").encode() + b"\n" * (4 * 1024 * 1024)
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = f"POST /logs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tokens['i002']}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    sock.sendall(head + body[: len(body) // 2])
    # The server has admitted the upload and is writing its body to its temporary file.
    wait_until(server.spooling, "the upload to reach the server's temporary file")
    started = time.time()
    status = server.stop(timeout=60)
    check("the server stops within its grace after SIGTERM, exit 0", status == 0 and time.time() - started < 30, f"exit {status} after {time.time() - started:.1f}s")
    sock.close()
    server = Server(city, "after-sigterm", ["--rate", "0"])
    with httpx.Client(base_url=server.url) as client:
        after = submissions(client, tokens["admin"])
    server.stop()
    check("no submission was stored from the cut upload", len(after) == len(before), f"{len(before)} -> {len(after)}")


def tls(city, tokens, ids):
    print("HTTPS, and client certificates mapped to credentials")
    folder = os.path.join(city.folder, "tls")
    os.makedirs(folder)

    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], check=True, cwd=folder, capture_output=True)

    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ltc test client CA")
    openssl("req", "-x509", *key, "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=someone else")
    openssl("req", "-x509", *key, "-keyout", "server.key", "-out", "server.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1")
    for name, subject, ca in [("i001", "/C=CN/O=示例护理, 有限公司/CN=I001 care system", "ca"), ("stranger", "/CN=not mapped", "ca"),
                              ("revoked", "/CN=revoked one", "ca"), ("forged", "/C=CN/O=示例护理, 有限公司/CN=I001 care system", "other-ca")]:
        openssl("req", *key, "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject, "-utf8")
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-out", name + ".pem", "-days", "2")

    def subject(name):
        out = subprocess.run(["openssl", "x509", "-in", name + ".pem", "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"],
                             cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
        return out.removeprefix("subject=")

    cert_id, _ = city.issue("institution:I001", "--note", "I001's certificate")
    revoked_id, _ = city.issue("institution:I002", "--note", "a certificate since revoked")
    city.revoke(revoked_id)
    with open(os.path.join(folder, "clients"), "w") as mapping:
        mapping.write(f"# credential subject, as openssl x509 -noout -subject -nameopt RFC2253,-esc_msb prints it\n"
                      f"{cert_id} {subject('i001')}\n{revoked_id} {subject('revoked')}\n")
    server = Server(city, "tls", ["--rate", "0", "--tls-cert", os.path.join(folder, "server.pem"), "--tls-key", os.path.join(folder, "server.key"),
                                  "--client-ca", os.path.join(folder, "ca.pem"), "--client-certificates", os.path.join(folder, "clients")])
    url = f"https://127.0.0.1:{server.port}"
    try:
        def context(cert=None):
            made = ssl.create_default_context(cafile=os.path.join(folder, "server.pem"))
            if cert:
                made.load_cert_chain(os.path.join(folder, cert + ".pem"), os.path.join(folder, cert + ".key"))
            return made

        with httpx.Client(base_url=url, verify=context()) as client:
            check("GET /healthz over HTTPS", client.get("/healthz").status_code == 200)
            check("a bearer token over HTTPS", call(client, tokens["i001"], "logs.submissions").status_code == 200)
            check("no certificate and no token: 401", client.post("/api/logs.submissions", json={}).status_code == 401)
        with httpx.Client(base_url=url, verify=context("i001")) as client:
            statement = client.get("/statements/2026-04")
            institutions = {s.get("institution") for s in statement.json().get("statements", [])} if statement.status_code == 200 else set()
            check("I001's certificate reads I001's statement, and only it", institutions == {"I001"}, f"{statement.status_code} {statement.text[:160]}")
            other = client.post("/api/logs.list", json={"institution": "I002", "month": "2026-04"})
            check("I001's certificate listing I002's logs: 404", other.status_code == 404, f"{other.status_code}")
            token = call(client, tokens["i002"], "logs.submissions", {"limit": 1}).json()
            check("a token sent with a certificate is the token's (I002's)", all(s.get("institution", "I002") == "I002" for s in token.get("submissions", [])),
                  str(token)[:160])
        with httpx.Client(base_url=url, verify=context("stranger")) as client:
            check("a certificate the authority signed but no mapping names: 401", client.post("/api/logs.submissions", json={}).status_code == 401)
        with httpx.Client(base_url=url, verify=context("revoked")) as client:
            check("a certificate mapped to a revoked credential: 401", client.post("/api/logs.submissions", json={}).status_code == 401)
        curl = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", "server.pem", "--cert", "forged.pem", "--key", "forged.key",
                               url + "/api/logs.submissions", "-d", "{}"], cwd=folder, capture_output=True, text=True)
        check("curl with a certificate another authority signed: no TLS session", curl.stdout == "000" and curl.returncode != 0, curl.stdout)
        curl = subprocess.run(["curl", "-s", "-w", " %{http_code}", "--cacert", "server.pem", "--cert", "i001.pem", "--key", "i001.key",
                               url + "/api/logs.submissions", "-d", '{"limit":1}'], cwd=folder, capture_output=True, text=True)
        check("curl with I001's certificate: 200", curl.stdout.endswith(" 200"), curl.stdout[-200:])
    finally:
        server.stop()


def least_privilege(city, superuser, tokens):
    print("PostgreSQL: a runtime role ltc grant made (docs/deploy.md, docs/security.md) serves, and can change neither schema nor audit trail")
    role = "ltc_app_" + uuid.uuid4().hex[:8]
    admin = lambda sql: subprocess.run(["psql", superuser, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True)
    admin(f"CREATE ROLE {role} LOGIN")
    try:
        for attempt in ["", " again (after a migration)"]:
            granted = city.ltc("grant", role, check=False)
            check(f"ltc grant {role}{attempt}, as the owner", granted.returncode == 0, granted.stdout + granted.stderr)
        runtime = re.sub(r"^(postgres(?:ql)?://)(?:[^@/]*@)?", rf"\g<1>{role}@", city.db)
        app = City.__new__(City)
        app.__dict__.update(city.__dict__, db=runtime)
        server = Server(app, "runtime-role", ["--rate", "0"])
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                check("/readyz as the runtime role", client.get("/readyz").status_code == 200)
                check("a read", call(client, tokens["i001"], "logs.submissions").status_code == 200)
                upload = client.post("/logs", content=institution_csv(client, tokens["i001"], "I001")[0].encode(), headers=bearer(tokens["i001"]))
                check("a submission", upload.status_code == 200, upload.text[:160])
                added = call(client, tokens["admin"], "staff.add", {"id": "least", "role": "auditor", "name": "最小权限"})
                check("a change with its audit event", added.status_code == 200, added.text[:160])
        finally:
            server.stop()
        check("its audit event names the credential", city.audit("staff:least") == [(ADMIN, tokens["admin_id"])], str(city.audit("staff:least")))

        def refused(sql):
            run = subprocess.run(["psql", runtime, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
            return run.returncode != 0 and ("permission denied" in run.stderr or "must be owner" in run.stderr), run.stderr.strip()

        for sql in ["UPDATE events SET reason = 'rewritten'", "DELETE FROM events", "TRUNCATE events", "ALTER TABLE events DISABLE TRIGGER ALL",
                    "SET session_replication_role = replica", f"CREATE TABLE {city.schema}.mine (a int)", "DROP TABLE service_logs",
                    "ALTER TABLE credentials DROP COLUMN secret_hash", "DROP TRIGGER events_are_append_only ON events",
                    "CREATE OR REPLACE FUNCTION events_never_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"]:
            ok, why = refused(sql)
            check(f"the runtime role may not: {sql}", ok, why)

        # A schema behind this ltc: the server refuses to start; ltc migrate --check says so; put back, it starts.
        last = subprocess.run(["psql", city.server, "-At", "-c", f"SELECT name FROM {city.schema}.schema_migrations ORDER BY name DESC LIMIT 1"],
                              capture_output=True, text=True, check=True).stdout.strip()
        city.psql(f"DELETE FROM {city.schema}.schema_migrations WHERE name = '{last}'")
        try:
            started = subprocess.run([os.path.join(city.build, "ltc-server"), "--db", runtime, "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                                     env=city.environment, timeout=60)
            check("ltc-server refuses a schema that is behind: exit 69, naming the migration and ltc migrate",
                  started.returncode == 69 and last in started.stderr and "ltc migrate" in started.stderr, f"{started.returncode} {started.stderr[-300:]}")
            pending = city.ltc("migrate", "--check", check=False)
            check("ltc migrate --check exits 69 naming it", pending.returncode == 69 and last in pending.stdout, pending.stdout + pending.stderr)
        finally:
            city.psql(f"INSERT INTO {city.schema}.schema_migrations (name) VALUES ('{last}')")
    finally:
        admin(f"DROP OWNED BY {role}")
        admin(f"DROP ROLE {role}")


def schemathesis(city, examples):
    print(f"schemathesis against /openapi.json, at most {examples} examples per operation")
    # Credentials C1.. are issued already; the admin's own is the newest, out of reach of the examples' "C1".
    _, token = city.issue(ADMIN, "--note", "schemathesis")
    server = Server(city, "schemathesis", ["--rate", "0"])
    command = ["schemathesis", "run", server.url + "/openapi.json", "-H", "Authorization: Bearer " + token, "-n", str(examples), "-w", "2",
               "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
               "--exclude-operation-id-regex", "^(credential\\.revoke|staff\\.deactivate)$", "--generation-deterministic",
               "--request-timeout", "60", "--max-failures", "20"]
    try:
        # In the city's folder: schemathesis keeps what it found in ./.schemathesis, which goes with the folder.
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600, cwd=city.folder)
    finally:
        status = server.stop()
    summary = [line.strip() for line in result.stdout.split("\n") if "passed" in line or "failed" in line or "errored" in line][-4:]
    print("        " + " | ".join(summary))
    # A server that stopped answering: how it ended and the last it wrote, before the folder goes.
    ending = "" if result.returncode == 0 else f"\nltc-server ended with {status}; the end of its log:\n" + open(server.log_path, errors="replace").read()[-3000:]
    check("schemathesis: no 5xx, every response inside its schema", result.returncode == 0, result.stdout[-4000:] + ending)


def load(server, tokens, seconds):
    print(f"a bounded load run, one credential per institution, {seconds} s")
    deadline = time.time() + seconds
    with httpx.Client(base_url=server.url) as client:
        files = {name: institution_csv(client, tokens[name], name.upper())[0] for name in ["i001", "i002"]}

    def worker(name):
        counts = {}
        with httpx.Client(base_url=server.url, timeout=60) as client:
            while time.time() < deadline:
                for response in (client.post("/logs", content=files[name].encode(), headers=bearer(tokens[name])),
                                 client.get("/statements/2026-04", headers=bearer(tokens[name])),
                                 client.post("/api/logs.submissions", json={"limit": 5}, headers=bearer(tokens[name]))):
                    counts[response.status_code] = counts.get(response.status_code, 0) + 1
        return counts

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(worker, ["i001", "i002"] * 4))
    total = {}
    for counts in results:
        for status, count in counts.items():
            total[status] = total.get(status, 0) + count
    print(f"        statuses: {dict(sorted(total.items()))}; server RSS {server.status('VmRSS') / 1024:.1f} MiB")
    check("no 5xx under load", not any(status >= 500 for status in total), str(total))
    check("every request answered 200", set(total) == {200}, str(total))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="a PostgreSQL database to make a schema in (default: SQLite in a temporary folder)")
    parser.add_argument("--postgres-superuser", help="a superuser's URI on that server, to make the runtime role (default: the same URI as postgres)")
    parser.add_argument("--build", default=os.path.join(ROOT, ".build", "debug"))
    parser.add_argument("--schemathesis-examples", type=int, default=5)
    parser.add_argument("--load-seconds", type=int, default=10)
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ltc-serve-")
    build = os.path.abspath(arguments.build)
    print(f"engine: {'postgresql' if arguments.postgres else 'sqlite'}; folder {folder}")
    city = City(build, folder, arguments.postgres)
    try:
        ids, tokens = {}, {}
        for name, holder in [("admin", ADMIN), ("i001", "institution:I001"), ("i002", "institution:I002"), ("assessor", "assessor:A1")]:
            ids[name], tokens[name] = city.issue(holder)
        server = Server(city, "server", ["--rate", "0"])
        try:
            with httpx.Client(base_url=server.url, timeout=120) as client:
                authentication(client, city, tokens)
                isolation(client, city, tokens)
                audit(client, city, tokens, ids)
                evidence(client, tokens)
                revocation(client, city, tokens, ids)
                bounded_upload(client, server, tokens)
            load(server, tokens, arguments.load_seconds)
        finally:
            server.stop()
        batches(city)
        sigterm_mid_upload(city, tokens)
        tls(city, tokens, ids)
        if arguments.postgres:
            tokens["admin_id"] = ids["admin"]
            superuser = arguments.postgres_superuser or re.sub(r"^(postgres(?:ql)?://)(?:[^@/]*@)?", r"\1postgres@", arguments.postgres)
            least_privilege(city, superuser, tokens)
        schemathesis(city, arguments.schemathesis_examples)
    finally:
        city.drop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
