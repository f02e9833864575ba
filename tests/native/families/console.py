"""What every console_changes.py shares (see README.md): its command line, the boto3 keyword
arguments for the fixture's moto, and the facts it prints for setup_fixture.py."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "workspaces"))
import tfenv  # noqa: E402


def start(doc):
    """Parses --endpoint, --name-prefix, --workspace and --region; returns the arguments and the
    boto3 client keyword arguments."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--name-prefix", required=True)
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--region", default="us-east-1")
    a = ap.parse_args()
    return a, tfenv.boto_kwargs(a.endpoint, a.region)


def report(changes, not_drift, unmanaged=()):
    print(json.dumps({"changes": changes, "not_drift": not_drift, "unmanaged": list(unmanaged)}, indent=2))
