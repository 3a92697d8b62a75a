"""What makes two runs the same run: a content fingerprint, checked before a run resumes.

A run writes its results and work files in ``--output``. A later run in the same folder resumes
from the completed partitions only if it is the same computation: the same bytes in the input
tables, the same options, the same law (parameters, variables, shipped reforms, the package's
code) and the same reform files. Paths are not part of it: ``out`` and ``/abs/path/out`` are
one folder, and a registry copied elsewhere is the same registry.

Input tables are hashed in full (BLAKE2b, streamed in 1 MiB chunks): a size and a modification
time, or a Parquet footer, can stay the same while a value changes. At about 1 GB/s this costs
a fraction of the run (docs/guides/performance.md).
"""

from __future__ import annotations

import hashlib
import shutil
from functools import lru_cache
from pathlib import Path

from openfisca_indonesia_sosial.scale.store import MANIFEST, read_manifest

#: What a run writes in its output folder: the only names ``--restart`` deletes.
MANAGED = (MANIFEST, "_work", "keluarga", "individu", "rejects")
_CHUNK = 1 << 20
_HASH = "blake2b"


class ScaleError(Exception):
    """A partitioned run or a batch cannot start or resume (e.g. the output folder holds
    another run)."""


class OutputError(ScaleError):
    """The output folder cannot hold this run (message names the folder and what to do)."""


def file_digest(path: Path) -> str:
    """BLAKE2b of a file's bytes, read in chunks (bounded memory whatever its size)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, _HASH).hexdigest()


def inputs_digest(files: dict[str, Path]) -> dict[str, str]:
    """``{table: "<file name>:<digest>"}`` of the input table files."""
    return {table: f"{path.name}:{file_digest(path)}" for table, path in sorted(files.items())}


@lru_cache(maxsize=1)
def law_digest() -> str:
    """One digest of the package version, its code and its law folders (parameters,
    variables, shipped reforms): a changed rule never resumes a run computed under another."""
    from openfisca_indonesia_sosial import __version__
    from openfisca_indonesia_sosial.paths import (
        PACKAGE_DIR,
        PARAMETERS_DIR,
        REFORMS_DIR,
        VARIABLES_DIR,
    )

    digest = hashlib.new(_HASH)
    digest.update(__version__.encode())
    roots = {"package": PACKAGE_DIR, "parameters": PARAMETERS_DIR}
    roots |= {"variables": VARIABLES_DIR, "reforms": REFORMS_DIR}
    for name, root in roots.items():
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, _HASH).digest())
    return digest.hexdigest()


def reform_digest(spec: str) -> str:
    """A reform file's content digest; a shipped reform's name (its file is in the law)."""
    path = Path(spec)
    if path.is_file():
        return f"{path.name}:{file_digest(path)}"
    return spec


def identity(files: dict[str, Path], options: dict, reforms=()) -> dict:
    """The fingerprint a resumed run must match (paths excluded, see the module docstring)."""
    return {
        "inputs": inputs_digest(files),
        "law": law_digest(),
        "reforms": [reform_digest(str(spec)) for spec in reforms],
        "options": options,
    }


def prepare_output(out: Path, inputs: Path | None = None) -> Path:
    """``out`` as an absolute folder, created; refused if it is a file or would hold the
    input tables among the names a run writes (``--restart`` would delete them)."""
    out = Path(out).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise OutputError(f"--output {out}: bukan folder / is not a folder (a file exists there)")
    if inputs is not None:
        source = Path(inputs).resolve()
        target = out.resolve()
        if source == target or any(source.is_relative_to(target / name) for name in MANAGED):
            raise OutputError(
                f"--output {out}: berisi data masukan / holds the input tables; choose another "
                "folder for the results"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"--output {out}: tidak dapat dibuat / cannot be created ({error.strerror})"
        ) from None
    return out


def claim(out: Path, key: str, fingerprint: dict, restart: bool) -> dict | None:
    """The manifest of the same run to resume (None: a fresh run). A folder holding another
    run is refused unless ``restart``, which first deletes what that run wrote."""
    if restart and (out / MANIFEST).is_file():  # only a folder a run wrote is cleared
        clear(out)
        return None
    try:
        manifest = read_manifest(out)
    except (OSError, ValueError):
        manifest = {}  # not a manifest this package wrote: not this run
    if manifest is None:
        return None
    held = manifest.get(key) if isinstance(manifest, dict) else None
    if not isinstance(held, dict) or held.get("identity") != fingerprint:
        raise OutputError(
            f"{out} berisi hasil dari masukan lain / holds a run of other inputs, options or "
            "law; use an empty --output or --restart"
        )
    return manifest


def clear(out: Path) -> None:
    """Delete what a run wrote in ``out`` (:data:`MANAGED` only, nothing else there)."""
    for name in MANAGED:
        path = out / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)


def drop_input_copy(workdir: Path) -> None:
    """A finished run deletes its copy of the input tables (personal data; rebuilt if run
    again)."""
    shutil.rmtree(Path(workdir) / "input", ignore_errors=True)
