#!/usr/bin/env python3
"""CTest fixture `native_workspaces`: the sample configuration (tests/workspaces/config) plus
every other type the native engine supports (config/native.tf), applied with
tests/workspaces/apply.py as workspaces `dev` and `prod` under a prefix of its own; then the
console-like changes of tests/workspaces/console_changes.py and of console_changes.py here are
made to `prod` (dev stays clean) and unmanaged resources are created beside them.

Usage: setup_fixture.py [--families a,b] DRIFT_MOTO_DIR OUTDIR
       setup_fixture.py [--families a,b] --endpoint URL OUTDIR
--families applies only those families, without the sample workspaces (for working on one
family against a moto of one's own; the sample-only tests then skip).
Writes OUTDIR/native_workspaces.json: apply.py's output plus "endpoint", "name_prefix",
"cli_config", "changes" (prod) and "unmanaged" ([{type, id}]), and "families": one entry per
folder of families/ (see families/README.md) with its own "terraform_dir", "state", "changes",
"not_drift" and "unmanaged". The sample workspaces and every family are applied in parallel.
"""
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
WS = os.path.join(HERE, "..", "workspaces")
FAMILIES = os.path.join(HERE, "families")
FAMILIES_FRAME = os.path.join(FAMILIES, "frame.tf")


def main(argv):
    only = None
    if len(argv) >= 2 and argv[0] == "--families":
        only = [f for f in argv[1].split(",") if f]
        argv = argv[2:]
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

    def apply(workdir, configs, key=None):
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
        args = [sys.executable, os.path.join(WS, "apply.py"), "--endpoint", endpoint,
                "--state-bucket", stack["state_bucket"], "--lock-table", stack["tf_lock_table"],
                "--name-prefix", prefix, "--workdir", workdir]
        args += [a for c in configs for a in ("--config-dir", c)]
        if key:
            args += ["--key", key]
        return json.loads(subprocess.check_output(args))

    def console(script):
        return json.loads(subprocess.check_output(
            [sys.executable, script, "--endpoint", endpoint, "--name-prefix", prefix, "--workspace", "prod"]))

    def sample():
        # The sample configuration and native.tf beside it: one `terraform plan` covers both.
        applied = apply(os.path.join(outdir, "config"),
                        [os.path.join(WS, "config"), os.path.join(HERE, "config", "native.tf")])
        base = console(os.path.join(WS, "console_changes.py"))
        extra = console(os.path.join(HERE, "console_changes.py"))
        applied.update({"changes": base["changes"] + extra["changes"],
                        "not_drift": extra["not_drift"], "unmanaged": extra["unmanaged"]})
        return applied

    def family(name):
        folder = os.path.join(FAMILIES, name)
        applied = apply(os.path.join(outdir, "families", name), [FAMILIES_FRAME, folder],
                        f"families/{name}/terraform.tfstate")
        made = console(os.path.join(folder, "console_changes.py"))
        return {"name": name, "terraform_dir": applied["terraform_dir"], "state": applied["state"],
                "changes": made["changes"], "not_drift": made["not_drift"], "unmanaged": made["unmanaged"]}

    # A family is a folder with its main.tf (not, say, a __pycache__ of the shared console module).
    names = sorted(d for d in os.listdir(FAMILIES) if os.path.isfile(os.path.join(FAMILIES, d, "main.tf")))
    if only is not None:
        unknown = sorted(set(only) - set(names))
        if unknown:
            print(f"no such family: {', '.join(unknown)} (have: {', '.join(names)})", file=sys.stderr)
            return 2
        names = only
    with ThreadPoolExecutor(max_workers=3) as pool:
        sample_job = pool.submit(sample) if only is None else None
        family_jobs = [pool.submit(family, n) for n in names]
        applied = sample_job.result() if sample_job else {}
        families = [j.result() for j in family_jobs]
    applied.update({"endpoint": endpoint, "name_prefix": prefix, "lock_table": stack["tf_lock_table"],
                    "families": families, "cli_config": os.path.join(WS, "cli.tfrc")})
    with open(os.path.join(outdir, "native_workspaces.json"), "w") as f:
        json.dump(applied, f, indent=2)
    what = "sample and " if only is None else ""
    print(f"native workspaces dev, prod applied under {prefix} ({what}{len(families)} families); prod drifted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
