#!/usr/bin/env python3
"""Prints, after a failed ctest run, why each failed test failed.

ctest's own output puts a failed test's text in the middle of a long log, where a reader who
only sees its head and tail (a CI summary) misses it. This reads the build tree's
Testing/Temporary/LastTest.log and prints, per failed test, the assertion lines (googletest's
"Failure" blocks, Python's tracebacks and assertion errors), or the output's last lines when it
has none of those.

Usage: scripts/failure_digest.py BUILD_DIR
"""
import re
import sys
from pathlib import Path

PER_TEST_LINES = 40
CONTEXT_AFTER = 6
MARKERS = re.compile(
    r"(: Failure$|^\[  FAILED  \]|Traceback \(most recent call last\)|AssertionError|"
    r"^FAIL:|^ERROR:|Error: |error: )"
)


def outputs(log_text):
    """(name, output, passed) of each test in ctest's LastTest.log."""
    blocks = re.split(r"^\d+/\d+ Testing: ", log_text, flags=re.M)[1:]
    for block in blocks:
        name = block.split("\n", 1)[0].strip()
        body = block.split("\nOutput:\n", 1)
        text = body[1] if len(body) == 2 else ""
        text = text.split("<end of output>", 1)[0]
        text = re.sub(r"^-{10,}\n", "", text)
        yield name, text, "\nTest Passed." in block


def digest(text):
    lines = text.splitlines()
    keep = []
    for i, line in enumerate(lines):
        if MARKERS.search(line):
            for j in range(i, min(len(lines), i + CONTEXT_AFTER + 1)):
                if j not in keep:
                    keep.append(j)
    if not keep:
        keep = list(range(max(0, len(lines) - 15), len(lines)))
    shown = [lines[j] for j in keep[:PER_TEST_LINES]]
    if len(keep) > PER_TEST_LINES:
        shown.append(f"... {len(keep) - PER_TEST_LINES} more lines in LastTest.log")
    return shown


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    log = Path(sys.argv[1]) / "Testing" / "Temporary" / "LastTest.log"
    if not log.is_file():
        print(f"failure digest: no {log}", file=sys.stderr)
        return 1
    failed = [(n, t) for n, t, ok in outputs(log.read_text(errors="replace")) if not ok]
    print(f"== why the {len(failed)} failed test(s) failed (from {log})")
    for name, text in failed:
        print(f"-- {name}")
        for line in digest(text):
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
