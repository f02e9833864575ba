#!/usr/bin/env python3
"""The CloudWatch metrics the three functions publish, read from their C++ sources (not from a
copy of the list): each metric's name and the set of its dimension names.

Every source file that calls PutMetricData must be one this reader understands, so that a new
publisher elsewhere fails loudly instead of being missed. Run alone, it prints what it found.

usage: published_metrics.py [SOURCE_DIR]
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The places a datum is built, and how: "init" = a metric_datum / cloudwatch::datum brace
# initialiser passed to CONTAINER.push_back({"Name", ...}), optionally only inside FUNCTION;
# "query" = Query-protocol parameters MetricData.member.N.MetricName / Dimensions.member.M.Name.
SOURCES = [
    ("functions/drift-scanner/outputs.cpp", "init", "out", "scan_metrics"),
    ("functions/drift-scanner/scanner.cpp", "init", "metrics_", None),
    ("functions/drift-scanner/live_check.cpp", "init", "data", None),
    ("functions/agent-callback/outcome_report.cpp", "init", "data", None),
    ("functions/workflow-orchestrator/src/outbound.cpp", "query", None, None),
]
# The wrapper that only forwards data built elsewhere (above).
FORWARDERS = {"functions/drift-scanner/aws_calls.cpp", "functions/drift-scanner/aws_calls.h"}


def balanced(text, start, open_ch, close_ch):
    """The text from text[start] (== open_ch) to its matching close_ch, inclusive."""
    depth = 0
    in_str = False
    i = start
    while i < len(text):
        c = text[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
        i += 1
    raise ValueError(f"unbalanced {open_ch} at {start}")


def function_body(text, name):
    m = re.search(r"\b" + re.escape(name) + r"\([^;{]*\)\s*(?:const\s*)?\{", text)
    if not m:
        raise ValueError(f"function {name} not found")
    return balanced(text, m.end() - 1, "{", "}")


def dimension_keys(block):
    """Keys of {"Key", value} pairs in an initialiser block."""
    return set(re.findall(r'\{\s*"([A-Za-z][A-Za-z0-9]*)"\s*,', block))


def from_init(text, container, function):
    scope = function_body(text, function) if function else text
    found = set()
    for m in re.finditer(re.escape(container) + r"\.push_back\(\s*\{", scope):
        call = balanced(scope, m.end() - 1, "{", "}")
        name = re.match(r'\{\s*"(\w+)"\s*,', call)
        if not name:
            continue
        rest = call[name.end():]
        dims = set()
        # The dimensions: an inline {{"Key", v}, ...} block, or a helper of this file that
        # returns one (e.g. dimensions(record)).
        inline = re.match(r"\s*\{", rest)
        if inline:
            dims = dimension_keys(balanced(rest, inline.end() - 1, "{", "}"))
        for helper in re.findall(r"\b([a-z_]\w*)\(", rest):
            try:
                body = function_body(text, helper)
            except ValueError:
                continue
            ret = re.search(r"return\s*\{", body)
            if ret:
                dims |= dimension_keys(balanced(body, ret.end() - 1, "{", "}"))
        found.add((name.group(1), frozenset(dims)))
    return found


def from_query(text):
    found = set()
    names = list(re.finditer(r'MetricName",\s*"(\w+)"', text))
    for i, m in enumerate(names):
        end_fn = text.find("\n}\n", m.end())
        end = min(x for x in (end_fn if end_fn >= 0 else len(text),
                              names[i + 1].start() if i + 1 < len(names) else len(text)))
        dims = set(re.findall(r'Dimensions\.member\.\d+\.Name",\s*"(\w+)"', text[m.end():end]))
        found.add((m.group(1), frozenset(dims)))
    return found


def published(src=None):
    """{(metric name, frozenset of dimension names)} the functions publish."""
    src = src or os.path.normpath(os.path.join(HERE, "..", ".."))
    out = set()
    for rel, kind, container, function in SOURCES:
        text = open(os.path.join(src, rel)).read()
        got = from_init(text, container, function) if kind == "init" else from_query(text)
        if not got:
            raise ValueError(f"no metric found in {rel}: the reader no longer understands it")
        out |= got
    # Every caller of PutMetricData is covered.
    covered = {rel for rel, *_ in SOURCES} | FORWARDERS
    for root, _, files in os.walk(os.path.join(src, "functions")):
        for f in files:
            if not f.endswith((".cpp", ".h")):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, src)
            text = open(path).read()
            if re.search(r'put_metric_data\(|query_call\([^;]*"PutMetricData"', text) and rel not in covered:
                raise ValueError(f"{rel} publishes metrics this reader does not read")
    return out


if __name__ == "__main__":
    for name, dims in sorted(published(sys.argv[1] if len(sys.argv) > 1 else None),
                             key=lambda x: (x[0], sorted(x[1]))):
        print(name, sorted(dims))
