#!/usr/bin/env python3
"""The scanner's command line in a terminal and through a pipe, observed as a person sees it.

Each case runs the real bootstrap (grading a captured refresh-only plan, no AWS) either in a
tmux pane (`tmux new-session -d`, read back with `capture-pane -p -e`, which keeps the colour
as escape sequences) or with its output piped. On a terminal the summary is coloured and
progress lines ("... scanning ...") appear; piped, neither; `--no-color` and a non-empty
NO_COLOR take the colour away but keep the progress lines.

Usage: terminal_test.py BOOTSTRAP PLAN_JSON
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ESC = "\x1b["
SGR = re.compile(r"\x1b\[[0-9;:]*m")
RED = re.compile(r"\x1b\[(?:[0-9]+;)*31(?:;[0-9]+)*m")
PROGRESS = "... scanning local/default (production)"
VERDICT = "local/default (production, plan): DRIFT"
failures = []


def expect(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
        if detail:
            print("     " + detail.replace("\n", "\n     "))


def main(bootstrap, plan):
    tmux = shutil.which("tmux")
    if not tmux:
        print("FAIL: tmux is missing (Debian package tmux; scripts/setup.sh installs it)")
        return 1
    work = tempfile.mkdtemp(prefix="drift-cli-term-")
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "AWS_LAMBDA_RUNTIME_API", "TMUX", "TMUX_PANE")}
    env.update(TERM="xterm-256color", AWS_REGION="us-east-1")
    socket = f"drift-cli-{os.getpid()}"
    base = [tmux, "-L", socket, "-f", "/dev/null"]

    def scanner_cmd(extra, out):
        return (f"{shlex.quote(bootstrap)} --plan {shlex.quote(plan)} --environment production "
                f"--region us-east-1 --out {shlex.quote(out)} {extra}")

    def in_terminal(name, extra="", prefix=""):
        """Runs the scanner in a fresh tmux pane; returns what the pane shows, with escapes."""
        out = os.path.join(work, name)
        done = f"__done_{name}__"
        shell = f"{prefix}{scanner_cmd(extra, out)}; echo {done} $?; sleep 600"
        subprocess.run(base + ["new-session", "-d", "-s", name, "-x", "220", "-y", "120",
                               "sh", "-c", shell], env=env, check=True)
        screen = ""
        deadline = time.time() + 60
        while time.time() < deadline:
            screen = subprocess.run(base + ["capture-pane", "-p", "-e", "-J", "-S", "-", "-t", name],
                                    env=env, capture_output=True, text=True).stdout
            if re.search(done + r" \d+", screen):
                break
            time.sleep(0.2)
        subprocess.run(base + ["kill-session", "-t", name], env=env)
        m = re.search(done + r" (\d+)", screen)
        status = int(m.group(1)) if m else None
        return status, screen

    # A session that outlives the test's own: killing the last session stops the tmux server, and
    # a new-session racing that shutdown fails now and then.
    subprocess.run(base + ["new-session", "-d", "-s", "keep", "sleep", "3600"], env=env, check=True)
    try:
        # 1. A terminal: progress lines (stderr) and a coloured summary (stdout).
        status, screen = in_terminal("tty")
        plain = SGR.sub("", screen)
        expect(status == 2, f"on a terminal: exit 2 for drift (got {status})", screen)
        expect(VERDICT in plain, "on a terminal: the summary is shown", plain)
        expect(PROGRESS in plain, "on a terminal: progress lines appear", plain)
        expect(bool(SGR.search(screen)), "on a terminal: colour escape sequences appear", screen)
        crit = re.search(r"(\x1b\[[0-9;:]*m)+CRITICAL", screen)
        expect(bool(crit) and bool(RED.search(crit.group(0))),
               "on a terminal: CRITICAL is painted red", repr(screen[:2000]))
        verdict = re.search(r"(\x1b\[[0-9;:]*m)+DRIFT", screen)
        expect(bool(verdict), "on a terminal: the verdict is painted", repr(screen[:2000]))

        # 2. Piped inside the same terminal: stdout and stderr through `cat`.
        status, screen = in_terminal("pipe", extra="2>&1 | cat")
        plain = SGR.sub("", screen)
        expect(VERDICT in plain, "piped: the summary is shown", plain)
        expect(not SGR.search(screen), "piped: no colour", repr(screen[:2000]))
        expect(PROGRESS not in plain and "\n... " not in "\n" + plain,
               "piped: no progress lines", plain)

        # 3. Piped without any terminal (as CI runs it): nothing but the plain summary.
        out_dir = os.path.join(work, "notty")
        r = subprocess.run(shlex.split(scanner_cmd("", out_dir)), env=env, capture_output=True,
                           text=True, stdin=subprocess.DEVNULL)
        expect(r.returncode == 2, f"no terminal: exit 2 (got {r.returncode})", r.stderr)
        expect(VERDICT in r.stdout, "no terminal: the summary is printed", r.stdout)
        expect(ESC not in r.stdout and ESC not in r.stderr, "no terminal: no escape sequences at all",
               repr(r.stdout[:500]))
        expect("... " not in r.stderr and "... " not in r.stdout, "no terminal: no progress lines",
               r.stderr)

        # 4. --no-color and NO_COLOR on a terminal: progress stays, colour goes.
        for name, extra, prefix in (("nocolor_flag", "--no-color", ""),
                                    ("nocolor_env", "", "NO_COLOR=1 ")):
            status, screen = in_terminal(name, extra=extra, prefix=prefix)
            plain = SGR.sub("", screen)
            expect(status == 2 and VERDICT in plain, f"{name}: the summary is shown", plain)
            expect(PROGRESS in plain, f"{name}: progress lines still appear", plain)
            expect(not SGR.search(screen), f"{name}: no colour on a terminal", repr(screen[:2000]))

        # 5. An empty NO_COLOR does not count (the convention: present and not empty).
        status, screen = in_terminal("nocolor_empty", prefix="NO_COLOR= ")
        expect(bool(SGR.search(screen)), "NO_COLOR empty: still coloured", repr(screen[:2000]))

        # 6. --quiet on a terminal: colour, no progress.
        status, screen = in_terminal("quiet", extra="--quiet")
        plain = SGR.sub("", screen)
        expect(PROGRESS not in plain and bool(SGR.search(screen)),
               "--quiet on a terminal: coloured, no progress lines", plain)
    finally:
        subprocess.run(base + ["kill-server"], env=env, capture_output=True)
        if not failures:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
