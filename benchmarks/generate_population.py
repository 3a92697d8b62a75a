"""Benchmark of the synthetic population generator (issue 7).

Each case runs in a fresh subprocess so that its peak resident memory (ru_maxrss) is its own:

    python benchmarks/generate_population.py                 # 100k and 1m in memory
    python benchmarks/generate_population.py --stream 10000000 --out /tmp/pop10m

``--stream N`` writes N families to Parquet block by block (bounded memory) and reports the
time, the peak memory and the file sizes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _case(kind: str, families: int, year: int, out: str | None, chunk: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from openfisca_indonesia_sosial.synthetic import generate, write

    baseline = _peak_mb()
    start = time.perf_counter()
    if kind == "memory":
        individu, _keluarga = generate(year, families)
        persons = len(individu)
    else:
        folder = Path(out or tempfile.mkdtemp(prefix="bansos-pop-"))
        write(folder, year, families, chunk_families=chunk)
        import pyarrow.parquet as pq

        persons = pq.ParquetFile(folder / "individu.parquet").metadata.num_rows
    seconds = time.perf_counter() - start
    result = {
        "case": kind,
        "families": families,
        "persons": persons,
        "year": year,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_before_mb": round(baseline, 1),
    }
    if kind == "stream":
        result["chunk_families"] = chunk
        result["files_mb"] = {
            p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(folder.glob("*.parquet"))
        }
        result["out"] = str(folder)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--sizes", default="100000,1000000", help="in-memory cases")
    parser.add_argument("--stream", type=int, default=0, help="families to stream to Parquet")
    parser.add_argument("--chunk-families", type=int, default=500_000)
    parser.add_argument("--out", default=None, help="folder of the streamed population")
    parser.add_argument("--_case", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--_families", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._case:
        print(
            json.dumps(_case(args._case, args._families, args.year, args.out, args.chunk_families))
        )
        return

    cases = [("memory", int(n)) for n in args.sizes.split(",") if n]
    if args.stream:
        cases.append(("stream", args.stream))
    print(f"{'case':8s} {'families':>11s} {'persons':>11s} {'seconds':>8s} {'peak MB':>8s}")
    for kind, families in cases:
        command = [
            sys.executable,
            __file__,
            "--_case",
            kind,
            "--_families",
            str(families),
            "--year",
            str(args.year),
            "--chunk-families",
            str(args.chunk_families),
        ]
        if args.out:
            command += ["--out", args.out]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        r = json.loads(output.strip().splitlines()[-1])
        extra = f"  files {r['files_mb']}" if kind == "stream" else ""
        print(
            f"{kind:8s} {r['families']:>11,} {r['persons']:>11,} {r['seconds']:>8.1f} "
            f"{r['peak_rss_mb']:>8.0f}{extra}",
            flush=True,
        )


if __name__ == "__main__":
    main()
