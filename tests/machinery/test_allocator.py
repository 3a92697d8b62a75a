"""A worker tuned by ``simulation.allocator`` reuses freed memory instead of faulting it in
again (each case in a fresh process: the tuning is process-wide)."""

from __future__ import annotations

import subprocess
import sys

import pytest

#: Faults of touching a second 16 MB array after freeing the first, printed by the child.
CHILD = """
import resource, sys
import numpy as np
from openfisca_indonesia_sosial.simulation import allocator
if sys.argv[1] == "keep":
    assert allocator.keep_freed_memory() and allocator.keep_freed_memory()
    assert allocator.keeps_freed_memory()
else:
    assert not allocator.keeps_freed_memory()
first = np.ones(2 * 1024 * 1024)  # 16 MB, under glibc's largest mmap threshold
del first
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
second = np.ones(2 * 1024 * 1024)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""

PAGES = 16 * 1024 * 1024 // 4096


def faults(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_freed_memory_is_reused_without_page_faults():
    default, kept = faults("default"), faults("keep")
    # by default the 16 MB array is a fresh mapping: its pages fault in again (huge pages cut
    # the count, not to nothing); tuned, the freed heap serves it: its pages are there
    assert default > 0
    assert kept * 8 < default
    assert kept < PAGES // 64
