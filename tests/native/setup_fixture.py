#!/usr/bin/env python3
"""CTest fixture `native_workspaces`: the sample configuration (tests/workspaces/config) plus
every other type the native engine supports (config/native.tf), applied with
tests/workspaces/apply.py as workspaces `dev` and `prod` under a prefix of its own; then the
console-like changes of tests/workspaces/console_changes.py and of console_changes.py here are
made to `prod` (dev stays clean) and unmanaged resources are created beside them.

Usage: setup_fixture.py DRIFT_MOTO_DIR OUTDIR   (or: setup_fixture.py --endpoint URL OUTDIR)
Writes OUTDIR/native_workspaces.json: apply.py's output plus "endpoint", "name_prefix",
"cli_config", "changes" (prod) and "unmanaged" ([{type, id}]).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WS = os.path.join(HERE, "..", "workspaces")


def main(argv):
    if len(argv) == 3 and argv[0] == "--endpoint":
        endpoint, outdir = argv[1], argv[2]
    elif len(argv) == 2:
        endpoint = open(os.path.join(argv[0], "endpoint")).read().strip()
        outdir = argv[1]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    os.makedirs(outdir, exist_ok=True)
    suffix = f"nat{os.getpid()}"
    stack = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, "..", "fixtures", "make_stack.py"), endpoint, suffix]))
    prefix = f"drift-{suffix}"
    workdir = os.path.join(outdir, "config")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    # apply.py copies the sample config into workdir; our file beside it extends the same
    # configuration, so one `terraform plan` covers every type.
    shutil.copy(os.path.join(HERE, "config", "native.tf"), workdir)
    applied = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(WS, "apply.py"), "--endpoint", endpoint,
         "--state-bucket", stack["state_bucket"], "--lock-table", stack["tf_lock_table"],
         "--name-prefix", prefix, "--workdir", workdir]))
    base = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(WS, "console_changes.py"), "--endpoint", endpoint,
         "--name-prefix", prefix, "--workspace", "prod"]))
    extra = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, "console_changes.py"), "--endpoint", endpoint,
         "--name-prefix", prefix, "--workspace", "prod"]))
    applied.update({"endpoint": endpoint, "name_prefix": prefix, "lock_table": stack["tf_lock_table"],
                    "changes": base["changes"] + extra["changes"],
                    "not_drift": extra["not_drift"], "unmanaged": extra["unmanaged"],
                    "cli_config": os.path.join(WS, "cli.tfrc")})
    with open(os.path.join(outdir, "native_workspaces.json"), "w") as f:
        json.dump(applied, f, indent=2)
    print(f"native workspaces dev, prod applied under {prefix}; prod drifted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
