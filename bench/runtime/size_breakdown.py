#!/usr/bin/env python3
"""What each library costs in a static bootstrap: sums the sizes of the input sections the
linker kept (from a GNU ld map file), grouped by archive. Usage: size_breakdown.py MAP"""
import collections
import re
import sys

LINE = re.compile(r"^\s*(\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
ALLOC = (".text", ".rodata", ".data", ".bss", ".tbss", ".tdata", ".init_array", ".fini_array",
         ".eh_frame", ".gcc_except_table", ".data.rel.ro")


def owner(path):
    m = re.search(r"([^/()]+\.a)\(", path)
    if m:
        return m.group(1)
    if path.endswith(".o") or ".o)" in path:
        return "our code"
    return None


def main(map_file):
    sizes = collections.Counter()
    in_memory_map = False
    pending_section = None
    for raw in open(map_file, errors="replace"):
        if raw.startswith(("Memory map", "Linker script and memory map")):
            in_memory_map = True
            continue
        if not in_memory_map:
            continue
        line = raw.rstrip("\n")
        if re.match(r"^ \.\S+$", line):  # section name alone; address/size on the next line
            pending_section = line.strip()
            continue
        m = LINE.match(line)
        if not m:
            pending_section = None
            continue
        section = m.group(1) or pending_section or ""
        pending_section = None
        if not section.startswith(ALLOC) or section.startswith((".bss", ".tbss")):
            continue
        who = owner(m.group(4))
        if who:
            sizes[who] += int(m.group(3), 16)
    total = sum(sizes.values())
    print(f"{'library':<28}{'bytes':>12}{'share':>8}")
    for name, size in sizes.most_common(12):
        print(f"{name:<28}{size:>12}{100.0 * size / total:>7.1f}%")
    print(f"{'total (allocated sections)':<28}{total:>12}")


if __name__ == "__main__":
    main(sys.argv[1])
