"""The replicate design's defaults, importable without numpy (the command line reads them)."""

#: Replicates of a run unless told otherwise (0 turns the intervals off).
DEFAULT_REPLICATES = 100
#: Most replicates a run accepts (memory: replicates x a step of families per temporary).
MAX_REPLICATES = 1000
#: Seed of the replicate draws (any fixed integer; a new seed gives new replicates).
DEFAULT_SEED = 20261207
