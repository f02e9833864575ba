#!/usr/bin/env python3
"""CTest fixture `workspaces`: once per test run, applies the sample configuration as the `dev`
and `prod` workspaces into the moto fixture (state bucket + lock table of their own), then
makes every console-like change of console_changes.py to `prod`; `dev` stays clean.

Usage: setup_fixture.py DRIFT_MOTO_DIR OUTDIR
Writes OUTDIR/workspaces.json: apply.py's output plus "endpoint", "name_prefix",
"lock_table", "changes" ({ws: [...]}) and "cli_config" (TF_CLI_CONFIG_FILE to use).
Tests must not change these resources: they are shared by every test of the run.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main(moto_dir, outdir):
    endpoint = open(os.path.join(moto_dir, "endpoint")).read().strip()
    os.makedirs(outdir, exist_ok=True)
    suffix = f"ws{os.getpid()}"
    stack = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, "..", "fixtures", "make_stack.py"), endpoint, suffix]))
    prefix = f"drift-{suffix}"
    applied = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, "apply.py"), "--endpoint", endpoint,
         "--state-bucket", stack["state_bucket"], "--lock-table", stack["tf_lock_table"],
         "--name-prefix", prefix, "--workdir", os.path.join(outdir, "config")]))
    changes = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, "console_changes.py"), "--endpoint", endpoint,
         "--name-prefix", prefix, "--workspace", "prod"]))
    applied.update({"endpoint": endpoint, "name_prefix": prefix, "lock_table": stack["tf_lock_table"],
                    "changes": {"prod": changes["changes"], "dev": []},
                    "cli_config": os.path.join(HERE, "cli.tfrc")})
    with open(os.path.join(outdir, "workspaces.json"), "w") as f:
        json.dump(applied, f, indent=2)
    print(f"workspaces dev, prod applied under {prefix}; prod drifted")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
