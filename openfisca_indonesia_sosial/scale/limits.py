"""Bounds of a partitioned run's options: machinery limits, not rules.

``--partitions 1000000000`` would plan a billion blocks (gigabytes of cut points before any
work) and ``--workers 100000`` would try to start as many processes: both are refused with
exit 2. A run never uses more partitions than it has families.
"""

#: Most blocks a run is split into (a 100 million family registry in blocks of 1,000).
MAX_PARTITIONS = 100_000
#: Most local threads or processes.
MAX_WORKERS = 512
