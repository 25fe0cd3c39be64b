#!/usr/bin/env python3
"""Runs the documentation as written: every ```sh block of README.md in
order, then those of docs/protocol.md, docs/security.md, docs/deploy.md, docs/supervision.md, docs/enforcement.md and docs/postgresql.md,
each file in one shell session (a reader pastes the blocks one after another), in
a fresh copy of the package, with a home folder of its own (a new reader's: what
the README installs there goes nowhere else).

docs/postgresql.md starts its own PostgreSQL server (initdb, pg_ctl) in the
copy. initdb refuses to run as root, and so does the document's reader: run
as root, this script runs that document as the `postgres` user (else
`nobody`), in a copy that user owns. Any server a document leaves running is
stopped at the end.

`swift run [-q] [-c CONFIG] PRODUCT ARGS` runs the binary already built in
.build/CONFIG, `swift build` and `swift test` do nothing (CI runs them on its
own), and `ltc` is the built ltc, as if installed.

A command must exit 0, unless its comment says `# exits N` (in a transcript
too). A block written as a transcript (`$ command` followed by what it
prints) must print what it shows: `…` inside a line stands for any text, and a line of `…` alone for
any number of lines.

A server a document starts in the background (`ltc serve … &`) listens on
port 8080 as written; each run puts a free port in place of every `:8080`
of the document's commands (and back in what they print), so that runs side
by side do not collide, and every process a document's session left running
is stopped (SIGTERM, then SIGKILL) when the session ends.

JSON-RPC examples (```json blocks of `→ request` lines, each followed by the
`← response` it gets or by nothing) are sent to `ltc rpc`, each block in one
process, with the arguments of the block's `<!-- rpc: ARGS -->` comment if it
has one (say, `--db protocol.sqlite`); a request that elides (`…`) must
match a line of the file its `<!-- rpc: ARGS from FILE -->` comment names,
and that line is sent instead. Each response shown must match.

Usage: check-docs.py [BUILD_DIR]  (default: .build of this package)
"""
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build")

SWIFT_SHIM = r"""#!/usr/bin/env bash
# `swift` as the documentation uses it, over the binaries already built.
case "$1" in
    build|test) exit 0 ;;
    run) shift ;;
    *) echo "check-docs: swift $1 is not shimmed" >&2; exit 2 ;;
esac
config=debug
while [ $# -gt 0 ]; do
    case "$1" in
        -q|--quiet) shift ;;
        -c|--configuration) config="$2"; shift 2 ;;
        *) break ;;
    esac
done
product="$1"; shift
exec "$LTC_DOCS_BUILD/$config/$product" "$@"
"""


def blocks(path, language):
    """(line number, [lines]) of each fenced block of `language` in `path`, with the comment before it."""
    found, lines = [], open(path, encoding="utf-8").read().split("\n")
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```" + language:
            start, body = index + 1, []
            index += 1
            while lines[index].strip() != "```":
                body.append(lines[index])
                index += 1
            before = lines[start - 2] if start >= 2 else ""
            found.append((start + 1, body, before))
        index += 1
    return found


def pattern(expected):
    """A regular expression for one shown line: `…` stands for any text."""
    return re.compile("^" + ".*".join(re.escape(part) for part in expected.rstrip().split("…")) + "$", re.S)


def matches(expected_lines, actual_lines):
    """Whether the shown lines match the printed ones (a line of `…` alone matches any number of lines)."""
    expected = [line.rstrip() for line in expected_lines]
    actual = [line.rstrip() for line in actual_lines]
    while actual and not actual[-1]:
        actual.pop()

    def at(e, a):
        if e == len(expected):
            return a == len(actual)
        if expected[e].strip() == "…":
            return any(at(e + 1, k) for k in range(a, len(actual) + 1))
        return a < len(actual) and pattern(expected[e]).match(actual[a]) is not None and at(e + 1, a + 1)

    return at(0, 0)


def commands(body, first_line):
    """The block's commands: (line, text, expected status, shown output or None)."""
    result, index = [], 0
    transcript = any(line.startswith("$ ") for line in body)
    while index < len(body):
        line, number = body[index], first_line + index
        index += 1
        if transcript:
            if not line.startswith("$ "):
                continue
            text, shown = line[2:], []
            while index < len(body) and not body[index].startswith("$ "):
                shown.append(body[index])
                index += 1
            status = re.search(r"#.*\bexits (\d+)", text)
            result.append((number, text, int(status.group(1)) if status else 0, shown))
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = line
        while text.rstrip().endswith("\\") and index < len(body):
            text = text.rstrip()[:-1] + " " + body[index].strip()
            index += 1
        status = re.search(r"#.*\bexits (\d+)", text)
        result.append((number, text, int(status.group(1)) if status else 0, None))
    return result


def free_port():
    """A port nothing listens on now, for the documents' servers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_group(group):
    """Stops what a session left running in its process group: SIGTERM, a grace, then SIGKILL."""
    for signal_number, grace in [(signal.SIGTERM, 30), (signal.SIGKILL, 0)]:
        try:
            os.killpg(group, signal_number)
        except ProcessLookupError:
            return
        deadline = time.time() + grace
        while time.time() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def run_shell(document, folder, environment, user=None):
    """Runs every sh block of `document` in one bash session (as `user`, if given); returns the problems found."""
    steps = [step for start, body, _ in blocks(os.path.join(ROOT, document), "sh") for step in commands(body, start)]
    if not steps:
        return []
    out = tempfile.mkdtemp(prefix="ltc-docs-out-")
    port = str(free_port())
    # The session's environment is written out, so that it is the same as whichever user it runs.
    script = ["export %s=%s" % (name, shell_quote(environment[name])) for name in ("PATH", "HOME", "LTC_DOCS_BUILD")]
    script.append("cd " + shell_quote(folder))
    for number, (line, text, _, _) in enumerate(steps):
        text = text.replace(":8080", ":" + port)
        script.append("{ %s\n} > %s/%d.out 2> %s/%d.err < /dev/null; echo $? > %s/%d.status" % (text, out, number, out, number, out, number))
    # A session of its own, so that what it leaves in the background can be stopped with it.
    if user:
        give(out, user)
        session = subprocess.Popen(["runuser", "-u", user, "--", "bash", "-c", "\n".join(script)], env=environment, cwd=folder, start_new_session=True)
    else:
        session = subprocess.Popen(["bash", "-c", "\n".join(script)], env=environment, cwd=folder, start_new_session=True)
    session.wait()
    stop_group(session.pid)
    problems = []
    for number, (line, text, expected, shown) in enumerate(steps):
        read = lambda suffix: open(os.path.join(out, "%d.%s" % (number, suffix)), encoding="utf-8", errors="replace").read() \
            .replace(":" + port, ":8080") if os.path.exists(os.path.join(out, "%d.%s" % (number, suffix))) else ""
        status = read("status").strip()
        if status != str(expected):
            problems.append("%s:%d: `%s` exited %s, expected %d\n%s" % (document, line, text.strip(), status or "never", expected,
                                                                        (read("err") or read("out")).strip()[-1500:]))
        elif shown is not None and not matches(shown, (read("out") + read("err")).split("\n")):
            problems.append("%s:%d: `%s` printed\n%s\nwhere the document shows\n%s" % (document, line, text.strip(), read("out") + read("err"),
                                                                                    "\n".join(shown)))
    shutil.rmtree(out, ignore_errors=True)
    return problems


def run_rpc(document, folder, environment):
    """Sends each JSON-RPC example block of `document` to one `ltc rpc`; returns the problems found."""
    problems = []
    for start, body, before in blocks(os.path.join(ROOT, document), "json"):
        if not any(line.startswith("→ ") for line in body):
            continue
        setting = re.match(r"<!-- rpc:(.*?)(?: from (\S+))? -->", before.strip())
        arguments = setting.group(1).split() if setting else []
        source = open(os.path.join(folder, setting.group(2)), encoding="utf-8").read().split("\n") if setting and setting.group(2) else []
        # Each request, and the response shown after it (None: sent, its response not shown).
        requests, expected = [], []
        for offset, line in enumerate(body):
            if line.startswith("→ "):
                request = line[2:]
                if "…" in request:
                    full = [candidate for candidate in source if candidate and pattern(request).match(candidate)]
                    if not full:
                        problems.append("%s:%d: the elided request matches no line of %s" % (document, start + offset, setting.group(2) if setting and setting.group(2) else "a file (say which with <!-- rpc: … from FILE -->)"))
                        break
                    request = full[0]
                requests.append(request)
                expected.append(None)
            elif line.startswith("← "):
                expected[-1] = (start + offset, line[2:])
        else:
            run = subprocess.run(["ltc", "rpc"] + arguments, input="\n".join(requests) + "\n",
                                 capture_output=True, text=True, env=environment, cwd=folder)
            answers = [line for line in run.stdout.split("\n") if line]
            for index, shown in enumerate(expected):
                if shown is None:
                    continue
                actual = answers[index] if index < len(answers) else "(no response; stderr: %s)" % run.stderr.strip()
                if not pattern(shown[1]).match(actual):
                    problems.append("%s:%d: ltc rpc %s answered\n%s\nwhere the document shows\n%s" % (document, shown[0], " ".join(arguments), actual, shown[1]))
    return problems


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def give(path, user):
    """Makes `path` and everything in it `user`'s."""
    entry = pwd.getpwnam(user)
    for directory, folders, files in os.walk(path):
        for name in [directory] + [os.path.join(directory, item) for item in folders + files]:
            os.lchown(name, entry.pw_uid, entry.pw_gid)


def reader():
    """Who runs a document that starts a PostgreSQL server: this user, or as root another (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


def copy_package(user=None):
    """A fresh copy of the package with the shims and a home folder; (folder, environment)."""
    folder = tempfile.mkdtemp(prefix="ltc-docs-")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), os.path.join(folder, name))
    os.symlink(BUILD, os.path.join(folder, ".build"))
    shims = os.path.join(folder, ".docs-bin")
    os.makedirs(shims)
    with open(os.path.join(shims, "swift"), "w") as shim:
        shim.write(SWIFT_SHIM)
    os.chmod(os.path.join(shims, "swift"), 0o755)
    os.symlink(os.path.join(BUILD, "debug", "ltc"), os.path.join(shims, "ltc"))
    home = os.path.join(folder, ".docs-home")
    os.makedirs(home)
    if user:
        os.chmod(folder, 0o755)
        give(folder, user)
    environment = dict(os.environ, PATH=shims + os.pathsep + os.environ["PATH"], LTC_DOCS_BUILD=BUILD, HOME=home)
    for name in ("LTC_DB", "LTC_ACTOR"):
        environment.pop(name, None)
    return folder, environment


def stop_servers(folder):
    """Stops any PostgreSQL server whose data folder is in `folder` (a document that failed half way leaves one running)."""
    for directory, _, files in os.walk(folder):
        if "postmaster.pid" not in files:
            continue
        try:
            pid = int(open(os.path.join(directory, "postmaster.pid")).readline().strip())
            os.kill(pid, signal.SIGQUIT)   # immediate shutdown
        except (ValueError, OSError):
            continue
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.1)


def main():
    problems, folders = [], []
    try:
        folder, environment = copy_package()
        folders.append(folder)
        for document in ["README.md", "docs/protocol.md", "docs/security.md", "docs/deploy.md", "docs/supervision.md", "docs/enforcement.md"]:
            problems += run_shell(document, folder, environment)
            problems += run_rpc(document, folder, environment)
        user = reader()
        folder, environment = copy_package(user)
        folders.append(folder)
        problems += run_shell("docs/postgresql.md", folder, environment, user)
        for problem in problems:
            print(problem + "\n", file=sys.stderr)
        print("check-docs: %s" % ("%d problem%s" % (len(problems), "" if len(problems) == 1 else "s") if problems else "every command and example runs as written"))
        return 1 if problems else 0
    finally:
        for folder in folders:
            stop_servers(folder)
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
