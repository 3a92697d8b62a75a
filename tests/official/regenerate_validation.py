"""Regenerate the committed validation table (about 8 s per year, 2019-2026):

    .venv/bin/python tests/official/regenerate_validation.py

Same as ``bansos validation --json openfisca_indonesia_sosial/official/validation.json``.
Run it after any change to the law, the delivery parameters, the default population or
``official/figures.yaml``; tests/official/test_validation.py fails until the file is fresh.
"""

from __future__ import annotations

import json
import sys

from openfisca_indonesia_sosial.docs_gen.validation import DATA
from openfisca_indonesia_sosial.official.compare import YEARS, validation_table


def main() -> None:
    table = validation_table(YEARS, progress=lambda year: print(year, file=sys.stderr))
    DATA.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    outside = [row for row in table["rows"] if row.get("within") is False]
    print(f"{DATA}: {len(table['rows'])} rows, {len(outside)} outside their tolerance")


if __name__ == "__main__":
    main()
