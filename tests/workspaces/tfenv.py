"""Environment for running Terraform and boto3 against the moto fixture (shared by the scripts)."""
import os
import re
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_DIR = os.path.join(HERE, "config")
STATE_KEY = "platform/terraform.tfstate"
WORKSPACE_KEY_PREFIX = "env:"


def terraform_env(endpoint, region="us-east-1"):
    env = dict(os.environ)
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "TF_CLI_CONFIG_FILE": os.path.join(HERE, "cli.tfrc"),
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
    })
    env.pop("TF_WORKSPACE", None)
    return env


def boto_kwargs(endpoint, region="us-east-1"):
    return dict(endpoint_url=endpoint, region_name=region,
                aws_access_key_id="test", aws_secret_access_key="test")


def own_stale_lock(output):
    """The lock id when Terraform failed on a state lock it took itself.

    Under load moto may answer the lock's conditional PutItem with an error after storing the
    item; the SDK's retry then finds that very lock and the command fails. The lock tables and
    state keys of our fixtures are private to one test, so a lock this host took is ours.
    """
    if "Error acquiring the state lock" not in output:
        return None
    lock_id = re.search(r"^\s*ID:\s*(\S+)", output, re.M)
    who = re.search(r"^\s*Who:\s*\S+@(\S+)", output, re.M)
    if not lock_id or not who or who.group(1) != socket.gethostname():
        return None
    return lock_id.group(1)


def new_workspace(cmd, backend, workspace, env, attempts=3):
    """`terraform workspace new` (cmd is the terraform command line before "workspace"),
    releasing the lock moto may leave behind. The S3 backend locks the new state while it
    writes it, whatever -lock says, and names no lock id when its conditional PutItem fails:
    under load moto stores the item and answers with an error, and the SDK's retry then finds
    it. The state of a workspace being created is this fixture's alone, so its lock item
    (LockID "<bucket>/<prefix>/<workspace>/<key>") is deleted and the command run again."""
    import boto3  # only the fixtures that create workspaces need it

    lock_id = f"{backend['bucket']}/{backend['workspace_key_prefix']}/{workspace}/{backend['key']}"
    for attempt in range(attempts):
        p = subprocess.run(cmd + ["workspace", "new", workspace], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        stale = "failed to lock s3 state" in p.stdout and "ConditionalCheckFailed" in p.stdout
        if p.returncode == 0 or not stale or attempt + 1 == attempts:
            return p.returncode, p.stdout
        sys.stderr.write(f"terraform workspace new {workspace}: releasing the lock moto left and retrying\n")
        ddb = boto3.client("dynamodb", **boto_kwargs(env["AWS_ENDPOINT_URL"], env["AWS_REGION"]))
        ddb.delete_item(TableName=backend["dynamodb_table"], Key={"LockID": {"S": lock_id}})
    return p.returncode, p.stdout


def run_terraform(cmd, cwd=None, env=None, attempts=3):
    """Runs a terraform command line (cmd[0] == "terraform"); returns (returncode, output).
    A failure on its own stale lock is undone with force-unlock and the command run again."""
    prefix = [cmd[0]] + [a for a in cmd[1:] if a.startswith("-chdir=")]
    for attempt in range(attempts):
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lock_id = own_stale_lock(p.stdout) if p.returncode != 0 else None
        if lock_id is None or attempt + 1 == attempts:
            return p.returncode, p.stdout
        sys.stderr.write(f"{' '.join(cmd[:3])}: releasing its own stale lock {lock_id} and retrying\n")
        subprocess.run(prefix + ["force-unlock", "-force", lock_id], cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode, p.stdout
