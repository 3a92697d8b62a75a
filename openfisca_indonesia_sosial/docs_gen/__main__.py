"""Write the generated documentation pages to a folder: python -m ...docs_gen --out DIR."""

from __future__ import annotations

import argparse
from pathlib import Path

from openfisca_indonesia_sosial.docs_gen import generate, repository_root, write


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-openapi", action="store_true")
    args = parser.parse_args(argv)
    docs_dir = repository_root() / "docs"
    site = generate(
        docs_dir=docs_dir if docs_dir.is_dir() else None, with_openapi=not args.no_openapi
    )
    write(site, args.out)
    print(f"{len(site.pages)} pages written to {args.out}")


if __name__ == "__main__":
    main()
