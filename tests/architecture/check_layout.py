#!/usr/bin/env python3
"""The layout keeps the promises docs/architecture.md makes, checked from the sources:

1. includes follow "What may depend on what" (the block is read from the document itself, so
   the document and the code cannot drift apart);
2. only common/store and each function's config name a DynamoDB table;
3. the README's layout table names every part of the tree, and only parts that exist.

Usage: check_layout.py SOURCE_DIR
"""
import os
import re
import sys

INCLUDE_PREFIX = {  # the first path component of an include, and the part that owns it
    "core": "common/core", "http": "common/http", "aws": "common/aws", "github": "common/github",
    "terraform": "common/terraform", "drift": "common/drift", "store": "common/store",
    "notify": "common/notify",
    "lambda_runtime": "runtime",
}
SOURCE_EXT = (".cpp", ".h", ".hpp", ".cc")


def read_rules(doc):
    """{part pattern: set of allowed part names} from the fenced block after the heading."""
    text = open(doc, encoding="utf-8").read()
    section = text.split("## What may depend on what", 1)
    if len(section) != 2:
        raise SystemExit(f"{doc}: no 'What may depend on what' section")
    block = section[1].split("```", 2)[1]
    rules = {}
    for line in block.splitlines():
        line = re.sub(r"\(.*?\)", "", line).strip()
        if not line:
            continue
        part, _, deps = line.partition("→")
        allowed = {d.strip() for d in deps.split(",") if d.strip()}
        rules[part.strip().rstrip("/")] = allowed
    return rules


def allowed_parts(rules, part):
    for pattern, deps in rules.items():
        if pattern == part or (pattern.endswith("/*") and part.startswith(pattern[:-1])):
            out = set()
            for d in deps:
                if d in ("common/*",):
                    out |= {p for p in INCLUDE_PREFIX.values() if p.startswith("common/")}
                elif d == "runtime":
                    out.add("runtime")
                else:
                    out.add(d if "/" in d else f"common/{d}")
            return out
    return None


def part_of(rel):
    bits = rel.split("/")
    if bits[0] in ("common", "functions", "tools"):
        return "/".join(bits[:2])
    return bits[0]


def sources(src, tops):
    for top in tops:
        for root, dirs, files in os.walk(os.path.join(src, top)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if f.endswith(SOURCE_EXT):
                    path = os.path.join(root, f)
                    yield os.path.relpath(path, src), open(path, encoding="utf-8", errors="replace").read()


def check_includes(src, rules, problems):
    for rel, text in sources(src, ["runtime", "common", "functions", "tools", "harness"]):
        part = part_of(rel)
        allowed = allowed_parts(rules, part)
        if allowed is None:
            problems.append(f"{rel}: its part {part} has no rule in docs/architecture.md")
            continue
        for m in re.finditer(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
            inc = m.group(1)
            if inc.startswith("../") and os.path.normpath(os.path.join(os.path.dirname(rel), inc)).split("/")[:2] != rel.split("/")[:2]:
                problems.append(f"{rel}: includes {inc} from another part")
            owner = INCLUDE_PREFIX.get(inc.split("/")[0]) if "/" in inc else None
            if owner and owner != part and owner not in allowed:
                problems.append(f"{rel}: {part} may not depend on {owner} (#include \"{inc}\")")


def check_tables(src, problems):
    table_words = re.compile(r'TableName|"[A-Z_]*_TABLE"')
    for rel, text in sources(src, ["common", "functions", "tools"]):
        # A function's config, and a tool's arguments (its config), name the tables it uses.
        if rel.startswith("common/store/") or os.path.basename(rel) in ("config.cpp", "config.h") or (
                rel.startswith("tools/") and os.path.basename(rel) in ("args.cpp", "args.h")):
            continue
        if rel.startswith("common/aws/"):  # the typed client takes a table name as a parameter
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if table_words.search(line) and not line.lstrip().startswith("//"):
                problems.append(f"{rel}:{n}: names a table outside common/store and the configs: {line.strip()}")


def check_readme_layout(src, problems):
    readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for m in re.finditer(r"^\|\s*`([^`]+)`", section, re.M):
        for name in re.findall(r"`([^`]+)`", m.group(0)):
            listed.add(name.rstrip("/"))
    for entry in sorted(listed):
        pattern = entry.rstrip("*").rstrip("/")
        if not os.path.exists(os.path.join(src, pattern)):
            problems.append(f"README layout names {entry}, which does not exist")
    def covered(path):
        return any(path == e.rstrip("/") or (e.endswith("/*") and path.startswith(e[:-1])) for e in listed)
    expected = ["runtime", "harness", "infra", "packaging", "tests", "bench", "docs"]
    expected += [f"common/{d}" for d in os.listdir(os.path.join(src, "common"))
                 if os.path.isdir(os.path.join(src, "common", d))]
    expected += [f"tools/{d}" for d in os.listdir(os.path.join(src, "tools"))
                 if os.path.isdir(os.path.join(src, "tools", d))]
    expected += [f"functions/{d}" for d in os.listdir(os.path.join(src, "functions"))
                 if os.path.isdir(os.path.join(src, "functions", d))]
    for path in sorted(expected):
        if not covered(path):
            problems.append(f"README layout does not name {path}")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    rules = read_rules(os.path.join(src, "docs", "architecture.md"))
    if not rules:
        raise SystemExit("no dependency rules found in docs/architecture.md")
    problems = []
    check_includes(src, rules, problems)
    check_tables(src, problems)
    check_readme_layout(src, problems)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s); {len(rules)} dependency rules checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
