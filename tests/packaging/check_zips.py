#!/usr/bin/env python3
"""Every function zip holds exactly one `bootstrap`, mode 0755, a statically linked ELF."""
import os
import stat
import subprocess
import sys
import tempfile
import zipfile

FUNCTIONS = ["workflow-orchestrator", "agent-callback", "drift-scanner"]


def main(dist):
    failures = []
    for fn in FUNCTIONS:
        path = os.path.join(dist, fn + ".zip")
        if not os.path.exists(path):
            failures.append(f"{path}: missing")
            continue
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if names != ["bootstrap"]:
                failures.append(f"{fn}: entries {names}, want exactly ['bootstrap']")
                continue
            info = z.getinfo("bootstrap")
            mode = (info.external_attr >> 16) & 0o7777
            if mode != 0o755:
                failures.append(f"{fn}: bootstrap mode {oct(mode)}, want 0o755")
            with tempfile.TemporaryDirectory() as tmp:
                z.extract("bootstrap", tmp)
                out = subprocess.run(["file", os.path.join(tmp, "bootstrap")],
                                     capture_output=True, text=True).stdout
                if "statically linked" not in out:
                    failures.append(f"{fn}: not statically linked: {out.strip()}")
        print(f"{fn}.zip: {os.path.getsize(path)} bytes, bootstrap mode 0755, static")
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
