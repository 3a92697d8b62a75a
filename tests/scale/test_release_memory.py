"""What a worker does between blocks (scale.passes.release_memory)."""

from __future__ import annotations

import gc
import weakref

from openfisca_indonesia_sosial.scale import passes


class _Node:
    pass


def _tracked(value) -> bool:
    """Whether the collector still scans ``value`` (frozen objects are not listed)."""
    return any(o is value for o in gc.get_objects())


def test_a_pool_worker_collects_the_block_and_freezes_the_survivors(monkeypatch):
    monkeypatch.setattr(passes, "keeps_freed_memory", lambda: True)
    monkeypatch.setattr(passes, "in_pool_worker", lambda: True)
    block = _Node()
    block.itself = block  # a cycle: only the collector frees it
    freed = weakref.ref(block)
    survivor = {"cache": [1, 2, 3]}
    del block
    try:
        assert _tracked(survivor)
        passes.release_memory()
        assert freed() is None  # the block's garbage was collected first
        assert not _tracked(survivor)  # what lives on is no longer scanned
        later = _Node()
        later.itself = later
        assert _tracked(later)  # objects of the next block are
    finally:
        gc.unfreeze()


def test_a_cluster_worker_only_collects(monkeypatch):
    """A dask worker also runs dask's own objects: none is frozen (a frozen cycle that dies
    later would never be freed)."""
    monkeypatch.setattr(passes, "keeps_freed_memory", lambda: True)
    monkeypatch.setattr(passes, "in_pool_worker", lambda: False)
    block = _Node()
    block.itself = block
    freed = weakref.ref(block)
    survivor = {"dask": [1, 2, 3]}
    del block
    passes.release_memory()
    assert freed() is None
    assert _tracked(survivor)
