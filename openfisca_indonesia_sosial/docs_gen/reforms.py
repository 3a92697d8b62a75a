"""The reform catalogue: every reform shipped in ``reforms/``."""

from __future__ import annotations

from pathlib import Path

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell, format_value, link, paragraph
from openfisca_indonesia_sosial.reform import files

PAGE = "reference/reforms.md"


def collect(system) -> list[dict]:
    """Every shipped reform (the one listing, ``reform.files.shipped_reform_paths``), read by
    the one loader (``reform.files.load_reform``); a broken file is shown, not hidden."""
    found = []
    for path in files.shipped_reform_paths():
        try:
            loaded = files.load_reform(str(path), system)
            structural = loaded.kind == "structural"
            entry = {
                "name": loaded.name,
                "label": loaded.label,
                "description": loaded.description,
                "changes": list(loaded.changes),
                "kind": bi("struktural (Python)", "structural (Python)")
                if structural
                else bi("parametrik (YAML)", "parametric (YAML)"),
            }
        except files.ReformError as error:
            entry = {
                "name": path.stem,
                "label": "",
                "description": "",
                "changes": [],
                "kind": "?",
                "error": str(error),
            }
        entry["file"] = f"reforms/{path.name}"
        found.append(entry)
    return found


def render(reforms: list[dict], leaves, docs_dir: Path | None = None) -> str:
    lines = [
        f"# {bi('Reformasi: perubahan parameter', 'Reforms: parameter changes')}",
        "",
        "Setiap reformasi dalam `reforms/` dengan nilai parameter yang diubahnya, dibandingkan "
        "dengan nilai dasar pada tanggal yang sama.  ",
        "*Every reform in `reforms/` with the parameter values it changes, beside the baseline "
        "value at the same date; each parameter links to its reference page. Use a reform with "
        "`bansos simulate --reform NAME`, in the API and in Python.*",
        "",
    ]
    see_also = [
        (page, text)
        for page, text in (
            ("reforms/catalogue.md", bi("katalog lengkap", "full catalogue")),
            ("reforms/writing.md", bi("menulis reformasi", "writing a reform")),
            ("guides/legal-reviewer.md", bi("panduan peninjau hukum", "legal reviewer guide")),
        )
        if docs_dir is None or (docs_dir / page).is_file()
    ]
    if see_also:
        shown = ", ".join(link(PAGE, page, text) for page, text in see_also)
        lines += [f"{bi('Lihat juga', 'See also')}: {shown}.", ""]
    lines += [
        f"| {bi('Nama', 'Name')} | {bi('Label', 'Label')} | {bi('Jenis', 'Kind')} |",
        "|---|---|---|",
    ]
    for reform in reforms:
        lines.append(
            f"| [`{reform['name']}`](#{reform['name']}) | {cell(reform['label'])} "
            f"| {reform['kind']} |"
        )
    lines.append("")
    for reform in reforms:
        lines += [f"## {reform['name']}", ""]
        if reform.get("label"):
            lines += [f"**{cell(reform['label'])}**", ""]
        if reform.get("description"):
            lines += [paragraph(reform["description"]), ""]
        lines += [f"{bi('Berkas', 'File')}: `{reform['file']}`", ""]
        if reform.get("error"):
            lines += [
                f'!!! failure "{bi("Berkas tidak valid", "Invalid file")}"',
                "",
                f"    {cell(reform['error'])}",
                "",
            ]
        if reform["changes"]:
            lines += [
                f"| Parameter | {bi('Sejak', 'From')} | {bi('Nilai dasar', 'Baseline value')} "
                f"| {bi('Nilai reformasi', 'Reform value')} |",
                "|---|---|---|---|",
            ]
            for path, date, value in reform["changes"]:
                info = leaves.get(path)
                if info is None:
                    lines.append(f"| `{path}` | {date} | ? | {format_value(value)} |")
                    continue
                base = None
                for value_date, base_value in info.values():
                    if value_date <= date:
                        base = base_value
                lines.append(
                    f"| {link(PAGE, info.page, path)} | {date} | {format_value(base, info.unit)} "
                    f"| {format_value(value, info.unit)} |"
                )
            lines.append("")
    return "\n".join(lines)
