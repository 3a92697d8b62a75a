"""Driver of a partitioned run: plan, pass 1, global step, pass 2, merge (the steps are
:mod:`openfisca_indonesia_sosial.microsim.blocks`; the tasks :mod:`.passes`)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_REPLICATES, DEFAULT_SEED
from openfisca_indonesia_sosial.microsim.blocks import merge
from openfisca_indonesia_sosial.scale import passes, resume
from openfisca_indonesia_sosial.scale.duplicates import find_duplicates
from openfisca_indonesia_sosial.scale.resume import ScaleError
from openfisca_indonesia_sosial.scale.runner import Runner
from openfisca_indonesia_sosial.scale.source import (
    auto_partitions,
    columns,
    plan,
    prepare,
    table_files,
)
from openfisca_indonesia_sosial.scale.store import load_pickle, read_manifest, write_manifest

__all__ = ["ScaleError", "run_partitioned"]


def _population_folder(population, year: int) -> str:
    if population is not None:
        return str(Path(population).resolve())
    from openfisca_indonesia_sosial.synthetic.io import default_population_dir

    return str(default_population_dir(year))


def run_partitioned(
    population,
    *,
    year: int,
    reforms=(),
    partitions: int | None = None,
    scheduler: str = "synchronous",
    workers: int | None = None,
    output=None,
    full_entitlement: bool = False,
    strict: bool = False,
    progress=None,
    restart: bool = False,
    replicates: int = DEFAULT_REPLICATES,
    replicate_seed: int = DEFAULT_SEED,
):
    """Run the microsimulation over ``population`` (a folder; None = the default population)
    in ``partitions`` blocks of whole families (None: blocks of at most
    ``source.BLOCK_FAMILIES`` families, two per worker at least) and return a
    ``microsim.Result`` whose ``summary()`` and ``tables()`` equal those of the single-shot
    run.

    ``output``: folder for per-family results (``keluarga/part-*.parquet``), the manifest and
    the work files; a run stopped part way resumes there from its completed partitions.
    ``strict``: stop at the first rejected record (else rejected records are left out, as in
    the single-shot run). ``progress(stage, done, total)`` is called as partitions complete.
    A folder holding a run of other inputs, options or law is refused (:mod:`.resume`)
    unless ``restart``, which discards that run first. ``replicates``: replicate weights
    for the 95 % intervals (0: none), drawn with ``replicate_seed`` as a single-shot run.
    """
    folder = _population_folder(population, year)
    files = table_files(folder)
    reforms = tuple(str(r) for r in reforms)
    temporary = None
    held = None
    identity = None  # a run in a temporary folder is never resumed: nothing to match
    if output is None:
        temporary = tempfile.mkdtemp(prefix="bansos-run-")
        root = Path(temporary)
    else:
        # the digests of the inputs and the law (a national registry: 5 GB to read)
        identity = resume.identity(
            files,
            {
                "year": year,
                "full_entitlement": full_entitlement,
                "strict": strict,
                "replicates": replicates,
                "replicate_seed": replicate_seed,
            },
            reforms,
        )
        root = resume.prepare_output(output, folder)
        held = resume.claim(root, "run", identity, restart)
    workdir = root / "_work"
    try:
        started = time.perf_counter()
        source, sizes = prepare(folder, workdir)
        find_duplicates(source, workdir)  # ids and NIKs across partitions, as single-shot
        from openfisca_indonesia_sosial.microsim import require_expenditure

        require_expenditure(columns(source.keluarga))
        if partitions is None:
            partitions = held["run"]["partitions"] if held else None
            partitions = partitions or auto_partitions(source.families, workers)
        blocks = plan(source, sizes, partitions)
        del sizes  # the plan holds what the run needs: nothing per family stays on the driver
        if held and held["run"]["partitions"] != len(blocks):
            raise ScaleError(
                f"{root} berisi run dengan {held['run']['partitions']} partisi / holds this run "
                f"in {held['run']['partitions']} partitions; resume with --partitions "
                f"{held['run']['partitions']}, or use --restart"
            )
        spec = passes.RunSpec(
            population=folder,
            year=year,
            reforms=reforms,
            full_entitlement=full_entitlement,
            partitions=len(blocks),
            workdir=str(workdir),
            output=str(root) if output is not None else None,
            strict=strict,
            replicates=replicates,
            replicate_seed=replicate_seed,
        )
        write_manifest(
            root,
            {
                "run": {"identity": identity, "partitions": len(blocks)},
                "partitions": [
                    {
                        "name": b.name,
                        "families": [b.family_start, b.family_stop],
                        "persons": [b.person_start, b.person_stop],
                    }
                    for b in blocks
                ],
                "complete": False,
            },
        )
        named = passes.scenarios(spec.reforms)  # built before the pool forks
        stats = {"pass1": [], "pass2": []}

        def tick(stage):
            def done(result):
                stats[stage].append(result)
                if progress is not None:
                    progress(stage, len(stats[stage]), len(blocks))

            return done

        stages = {"plan": time.perf_counter() - started}
        with Runner(scheduler, workers) as runner:
            mark = time.perf_counter()
            runner.map(passes.entitle, [(spec, source, b) for b in blocks], tick("pass1"))
            stages["pass1"] = time.perf_counter() - mark
            mark = time.perf_counter()
            plan_, rejected = passes.global_step(spec, blocks)
            stages["global"] = time.perf_counter() - mark
            mark = time.perf_counter()
            arguments = [(spec, b, plan_.block(i)) for i, b in enumerate(blocks)]
            runner.map(passes.deliver_block, arguments, tick("pass2"))
            stages["pass2"] = time.perf_counter() - mark
            mark = time.perf_counter()
            ginis = _scenario_ginis(runner, spec, blocks, named)
            n_workers = runner.n_workers
        result = _merge(spec, blocks, named, ginis)
        stages["merge"] = time.perf_counter() - mark
        result.run_info = {
            "partitions": len(blocks),
            "scheduler": scheduler,
            "workers": n_workers,
            "seconds": round(time.perf_counter() - started, 2),
            "stages": {stage: round(seconds, 2) for stage, seconds in stages.items()},
            "driver_peak_mb": round(_peak_rss_mb()),
            "computed": {
                stage: sorted(r["partition"] for r in rs if r.get("computed"))
                for stage, rs in stats.items()
            },
            "rejected": rejected,
        }
        if output is not None:
            for stale in (workdir / "pass1").glob("part-*[0-9].pkl"):
                stale.unlink()  # the big block states; queues and pass 2 sums stay
            resume.drop_input_copy(workdir)
            manifest = read_manifest(root)
            manifest["complete"] = True
            manifest["run_info"] = result.run_info
            write_manifest(root, manifest)
        return result
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _peak_rss_mb() -> float:
    """Peak resident memory of this (driver) process, in MiB."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # pragma: no cover - not on Unix
        return float("nan")


def _scenario_ginis(runner: Runner, spec, blocks, named) -> dict:
    """Each scenario's Gini coefficients: one task per scenario on the run's workers, each
    sorting every block's welfare file with DuckDB (side by side; in this process, on
    threads, when the run has no pool)."""
    from openfisca_indonesia_sosial.scale.sorted_welfare import SUFFIX, scenario_gini

    files = [spec.path("pass2", block, SUFFIX) for block in blocks]
    names = [name for name, _, _ in named]
    scratch = Path(spec.workdir) / "merge"
    arguments = [
        (files, name, spec.replicates, scratch / f"scenario-{i}") for i, name in enumerate(names)
    ]
    if runner.scheduler != "synchronous":
        return dict(zip(names, runner.map(scenario_gini, arguments), strict=True))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(names)) as pool:  # DuckDB and numpy release the GIL
        return dict(zip(names, pool.map(lambda a: scenario_gini(*a), arguments), strict=True))


def _merge(spec, blocks, named, ginis: dict):
    """Sums added as they are read, and each scenario's Gini coefficients (``ginis``)."""
    parts = (load_pickle(spec.path("pass2", block)) for block in blocks)
    return merge(spec.year, named, parts, spec.full_entitlement, ginis, spec.replicate_seed)
