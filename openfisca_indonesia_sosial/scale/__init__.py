"""National scale: partitioned, distributed and resumable microsimulation; batch eligibility.

    from openfisca_indonesia_sosial.scale import run_partitioned
    result = run_partitioned("out/pop", year=2025, reforms=["sembako_300rb"], partitions=8,
                             scheduler="processes", output="out/run")
    result.summary()        # identical to Microsimulation(...).run().summary()

See docs/performance.md for the design (two passes and a global quota step) and for running
on a dask cluster. Names are imported on first use, so the command line's option bounds
(:mod:`.limits`) load without the simulation machinery.
"""

__all__ = ["ScaleError", "run_partitioned"]


def __getattr__(name: str):
    if name in __all__:
        from openfisca_indonesia_sosial.scale import partitioned

        return getattr(partitioned, name)
    raise AttributeError(name)
