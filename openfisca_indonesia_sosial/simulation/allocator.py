"""Keeping freed memory in a worker for its next block, instead of giving it back each time.

A block's arrays (several hundred MB for 100,000 families: OpenFisca keeps every variable of
every month) are allocated, freed and allocated again, block after block. By default glibc
serves large arrays with fresh mappings and gives freed memory back to the system, so every
block touches all its memory for the first time again: about 160,000 page faults and 0.5-0.8
s of system time per block of 100,000 families, a quarter of the block's time on this
2-vCPU machine. With :func:`keep_freed_memory`, arrays up to glibc's largest threshold come
from the heap and a freed heap is kept: the next block reuses the same pages (about 25,000
faults, under 0.1-0.25 s). The worker's resident memory then stays at its largest block's
(about 1 GB for 100,000 families) between blocks, which is what it peaks at anyway.

``malloc_trim(0)`` hands every free page back regardless of these settings: a worker that
keeps its memory must not call it after each block.
"""

from __future__ import annotations

import contextlib
import ctypes

#: ``mallopt`` parameters (glibc's malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: glibc's ceiling for the mmap threshold on 64-bit systems (half its 64 MB heap size): larger
#: arrays are still mapped and unmapped one by one.
MMAP_THRESHOLD_MAX = 32 * 1024 * 1024
#: Free memory at the top of the heap kept, at most (the largest value ``mallopt`` takes).
TRIM_THRESHOLD = 2**31 - 1

_kept = False


def keep_freed_memory() -> bool:
    """Tune this process's allocator to keep freed memory (see the module docstring); True
    when it is so tuned (glibc), False elsewhere (another C library: nothing changes)."""
    global _kept
    if _kept:
        return True
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    _kept = bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
    return _kept


def keeps_freed_memory() -> bool:
    """Whether :func:`keep_freed_memory` tuned this process (a forked worker inherits it)."""
    return _kept


def give_back_freed_memory() -> None:
    """Hand every free page of this process back to the system (``malloc_trim``), as a worker
    that kept its blocks' memory does before a step of another kind; nothing elsewhere than
    glibc."""
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)
