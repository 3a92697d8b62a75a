"""Bounds of a partitioned run's options: machinery limits, not rules.

``--partitions 1000000000`` would plan a billion blocks (gigabytes of cut points before any
work) and ``--workers 100000`` would try to start as many processes: both are refused with
exit 2. A run never uses more partitions than it has families.
"""

#: Most blocks a run is split into (a 100 million family registry in blocks of 1,000).
MAX_PARTITIONS = 100_000
#: Most local threads or processes.
MAX_WORKERS = 512
#: Families per block when the number of partitions is left to the run: a worker computing
#: a block of 100,000 families (about 300,000 persons, baseline and one reform) peaks near
#: 0.8 GB, and larger blocks were no faster (docs/performance.md, "Block size").
BLOCK_FAMILIES = 100_000
#: Families above which ``bansos simulate --population`` runs partitioned by itself: more
#: than one block. A single-shot run holds every scenario's monthly entitlements and payments
#: of the whole population at once (8 KB a family with the baseline alone, more with each
#: reform: 8.3 GB at a million families); the partitioned run, with identical results, holds
#: one block per worker (docs/performance.md, "Automatic partitioning").
AUTO_PARTITION_FAMILIES = BLOCK_FAMILIES
#: Most local worker processes of such an automatic run: each holds a block, so memory
#: stays bounded on a machine with many cores.
AUTO_PARTITION_WORKERS = 2
