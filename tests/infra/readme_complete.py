#!/usr/bin/env python3
"""infra/README.md documents every variable and output of the root module:
fails naming each one a table row is missing for."""
import re
import sys

infra = sys.argv[1]
readme = open(f"{infra}/README.md").read()
missing = []
for kind, path in (("variable", "variables.tf"), ("output", "outputs.tf")):
    names = re.findall(rf'^{kind} "(\w+)"', open(f"{infra}/{path}").read(), re.M)
    if not names:
        missing.append(f"no {kind}s found in {path}")
    for n in names:
        if not re.search(rf"^\| `{n}` \|", readme, re.M):
            missing.append(f"{kind} {n}")
for m in missing:
    print("not documented in infra/README.md:", m)
sys.exit(1 if missing else 0)
