"""Wall time and peak resident memory of a command and every process it starts.

    python benchmarks/peak_memory.py -- bansos simulate --population /tmp/pop1m --json out.json

The resident memory of the whole process tree (the command, its workers and their children)
is read from /proc once a second; the peak of those sums is printed with the wall time and the
command's exit code. Linux only (it reads /proc). Never asserted in tests: the figures go into
docs/performance.md.

To measure the 1 M-family default run::

    bansos population generate --year 2025 --families 1000000 --out /tmp/pop1m
    python benchmarks/peak_memory.py -- bansos simulate --population /tmp/pop1m --json /tmp/1m.json
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

#: Seconds between two samples of the process tree.
SAMPLE_SECONDS = 1.0
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    tree = _children()
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            resident = int(Path(f"/proc/{current}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident * _PAGE
        stack.extend(tree.get(current, ()))
    return total


def measure(command: list[str]) -> tuple[int, float, int]:
    """``(exit code, wall seconds, peak bytes)`` of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(SAMPLE_SECONDS)
    return process.returncode, time.perf_counter() - start, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given (put it after --)")
    code, seconds, peak = measure(command)
    print(f"command:     {' '.join(command)}", file=sys.stderr)
    print(f"exit code:   {code}", file=sys.stderr)
    print(f"wall time:   {seconds:8.1f} s", file=sys.stderr)
    print(f"peak memory: {peak / 1e9:8.2f} GB (process tree, sampled every {SAMPLE_SECONDS:g} s)")
    sys.exit(code)


if __name__ == "__main__":
    main()
