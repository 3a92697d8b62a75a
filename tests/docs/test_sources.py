"""Every fact-sheet source id a parameter cites resolves on the sources page, with an address."""

from __future__ import annotations

import re

from openfisca_indonesia_sosial.docs_gen import repository_root
from openfisca_indonesia_sosial.law.code_health import iter_leaves

SOURCES = repository_root() / "docs" / "sources.md"
ROW = re.compile(
    r'^\| <a id="([a-z]\d+)"></a>\*\*([A-Z]\d+)\*\* \| (\w+) \| ([^|]+) \| ([^|]+) \|$'
)
KINDS = {"instrumen", "pemerintah", "kajian", "dokumen", "berita"}


def source_rows() -> dict[str, tuple[str, str, str]]:
    rows = {}
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            anchor, ident, kind, supports, address = match.groups()
            assert anchor == ident.lower(), line
            assert ident not in rows, f"{ident} listed twice"
            rows[ident] = (kind, supports.strip(), address.strip())
    return rows


def cited_ids(tbs) -> dict[str, set[str]]:
    """Source id -> the parameters citing it (in any dated reference)."""
    cited: dict[str, set[str]] = {}
    for leaf, _ancestors in iter_leaves(tbs.parameters):
        name = leaf.name
        references = (leaf.metadata or {}).get("reference") or {}
        for entries in references.values():
            for entry in entries if isinstance(entries, list) else [entries]:
                for ident in (entry or {}).get("sources") or []:
                    cited.setdefault(str(ident), set()).add(name)
    return cited


def test_every_cited_source_has_an_entry(tbs):
    rows = source_rows()
    cited = cited_ids(tbs)
    assert cited, "no parameter cites a source: the metadata walk is broken"
    missing = {ident: sorted(names)[:3] for ident, names in cited.items() if ident not in rows}
    assert not missing, f"source ids cited but not listed in docs/sources.md: {missing}"


def test_every_entry_has_a_kind_and_an_address():
    rows = source_rows()
    assert len(rows) > 100
    for ident, (kind, supports, address) in rows.items():
        assert kind in KINDS, (ident, kind)
        assert supports, ident
        assert address.startswith("<http"), (ident, address)


def test_parameter_pages_link_each_source_to_its_anchor(generated):
    page = next(
        text
        for path, text in generated.pages.items()
        if path.startswith("reference/parameters/") and "sources.md#" in text
    )
    for target in re.findall(r"\]\(((?:\.\./)+sources\.md)#([a-z]\d+)\)", page):
        assert target[1].upper() in source_rows()
