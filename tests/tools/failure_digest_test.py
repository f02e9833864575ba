#!/usr/bin/env python3
"""scripts/failure_digest.py on a ctest log: a failed test's assertion is printed, a passed
test is not, and a failure with no assertion markers shows its last lines."""
import subprocess
import sys
import tempfile
from pathlib import Path

DIGEST = Path(__file__).resolve().parents[2] / "scripts" / "failure_digest.py"


def block(n, name, output, passed):
    return (
        f"{n}/3 Testing: {name}\n{n}/3 Test: {name}\nCommand: \"/bin/x\"\nDirectory: /x\n"
        f"\"{name}\" start time: Dec 06 14:00 UTC\nOutput:\n{'-' * 58}\n{output}\n"
        f"<end of output>\nTest time =   0.01 sec\n{'-' * 58}\n"
        f"Test {'Passed' if passed else 'Failed'}.\n\"{name}\" end time: Dec 06 14:00 UTC\n"
        f"{'-' * 58}\n\n"
    )


def main():
    gtest = "\n".join(
        ["[ RUN      ] G.T"] + [f"progress {i}" for i in range(200)] +
        ["/src/g.cpp:12: Failure", "Expected equality of these values:", "  got", "    Which is: 1",
         "[  FAILED  ] G.T (3 ms)"])
    silent = "\n".join(f"step {i}" for i in range(50)) + "\nterraform exited 1"
    log = "Start testing\n" + block(1, "ok.one", "Error: only in a passed test", True) + \
        block(2, "bad.gtest", gtest, False) + block(3, "bad.script", silent, False)
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "Testing" / "Temporary").mkdir(parents=True)
        (Path(d) / "Testing" / "Temporary" / "LastTest.log").write_text(log)
        out = subprocess.run([sys.executable, str(DIGEST), d], capture_output=True, text=True,
                             check=True).stdout
    print(out)
    assert "2 failed test(s)" in out, out
    assert "-- bad.gtest" in out and "/src/g.cpp:12: Failure" in out and "Which is: 1" in out
    assert "progress 100" not in out, "the digest repeats the whole output"
    assert "-- bad.script" in out and "terraform exited 1" in out
    assert "ok.one" not in out and "only in a passed test" not in out
    # Without a log, a clear message and a non-zero exit, never a traceback.
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run([sys.executable, str(DIGEST), d], capture_output=True, text=True)
    assert r.returncode == 1 and "no " in r.stderr and "Traceback" not in r.stderr, r.stderr
    print("failure digest: ok")


if __name__ == "__main__":
    main()
