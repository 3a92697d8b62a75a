"""Reference pages for the parameter tree: one page per leaf, an index per program folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openfisca_indonesia_sosial.docs_gen._markdown import (
    PERIOD_LABELS,
    bi,
    cell,
    format_value,
    link,
    paragraph,
    previous_day,
    unit_label,
)
from openfisca_indonesia_sosial.law.code_health import inherited_unit, iter_leaves

ROOT_PAGE = "reference/parameters/index.md"
#: The fact sheet's sources, one anchor per id (``#p28``): docs/sources.md.
SOURCES_PAGE = "sources.md"


@dataclass
class LeafInfo:
    name: str
    leaf: object
    ancestors: tuple
    unit: str | None
    page: str
    file: str
    read_by: set[str] = field(default_factory=set)

    @property
    def folder(self) -> str:
        return self.name.split(".")[0] if "." in self.name else ""

    @property
    def description(self) -> str:
        return paragraph(self.leaf.description)

    @property
    def label_en(self) -> str:
        return paragraph((self.leaf.metadata or {}).get("label_en", ""))

    def values(self) -> list[tuple[str, object]]:
        """(date, value) in date order; ``None`` ends a value."""
        return sorted(((v.instant_str, v.value) for v in self.leaf.values_list), key=lambda x: x[0])

    def references(self, date: str) -> list[dict]:
        entries = ((self.leaf.metadata or {}).get("reference") or {}).get(date) or []
        if isinstance(entries, dict):
            entries = [entries]
        return [e for e in entries if isinstance(e, dict)]

    def period(self) -> str | None:
        return (self.leaf.metadata or {}).get("period")


def leaf_page(name: str) -> str:
    return f"reference/parameters/{name.replace('.', '/')}.md"


def folder_page(folder: str) -> str:
    return f"reference/parameters/{folder}/index.md"


def collect(parameters, repo_root) -> dict[str, LeafInfo]:
    leaves = {}
    for leaf, ancestors in iter_leaves(parameters):
        try:
            file = Path(leaf.file_path).resolve().relative_to(repo_root).as_posix()
        except (ValueError, TypeError):
            file = str(leaf.file_path)
        leaves[leaf.name] = LeafInfo(
            name=leaf.name,
            leaf=leaf,
            ancestors=ancestors,
            unit=inherited_unit(leaf, ancestors),
            page=leaf_page(leaf.name),
            file=file,
        )
    return leaves


def reference_title(entry: dict, page: str | None = None) -> str:
    title = cell(entry.get("title", ""))
    href = entry.get("href")
    return f"[{title}]({href})" if href else title


def _node_label(node) -> str:
    description = paragraph(getattr(node, "description", "") or "")
    label_en = paragraph((getattr(node, "metadata", None) or {}).get("label_en", ""))
    if description and label_en:
        return bi(description, label_en)
    return description or label_en


def render_leaf(info: LeafInfo, variable_pages: dict[str, str]) -> str:
    page = info.page
    metadata = info.leaf.metadata or {}
    lines = [
        f"# {info.name}",
        "",
        f"**{cell(info.description)}**  ",
        f"*{cell(info.label_en)}*",
        "",
        f"| Parameter | `{info.name}` |",
        "|---|---|",
    ]
    crumbs = []
    for depth, node in enumerate(info.ancestors[1:], start=1):
        label = paragraph(node.description or "") or node.name
        crumbs.append(f"{label} (`{'.'.join(info.name.split('.')[:depth])}`)")
    if crumbs:
        lines.append(f"| {bi('Kelompok', 'Group')} | {cell(' › '.join(crumbs))} |")
    unit = unit_label(info.unit)
    period = info.period()
    if period in PERIOD_LABELS:
        unit += ", " + bi(*PERIOD_LABELS[period])
    lines.append(f"| {bi('Satuan', 'Unit')} | {unit} |")
    lines.append(f"| {bi('Berkas', 'File')} | `{info.file}` |")
    lines.append(
        f"| {bi('Terakhir diperiksa', 'Last checked')} | {metadata.get('last_checked', '—')} |"
    )
    if info.read_by:
        readers = ", ".join(link(page, variable_pages[v], f"`{v}`") for v in sorted(info.read_by))
        lines.append(f"| {bi('Dibaca oleh', 'Read by')} | {readers} |")
    lines += ["", f"## {bi('Nilai menurut waktu', 'Values over time')}", ""]
    lines += [
        f"| {bi('Berlaku dari', 'From')} | {bi('Sampai', 'Until')} | {bi('Nilai', 'Value')} "
        f"| {bi('Dasar hukum', 'Instrument')} |",
        "|---|---|---|---|",
    ]
    values = info.values()
    for index, (date, value) in enumerate(values):
        until = previous_day(values[index + 1][0]) if index + 1 < len(values) else "—"
        instruments = "<br>".join(reference_title(e) for e in info.references(date))
        lines.append(f"| {date} | {until} | {format_value(value, info.unit)} | {instruments} |")
    lines += ["", f"## {bi('Dasar hukum dan sumber', 'References and sources')}", ""]
    for date, _ in values:
        entries = info.references(date)
        if not entries:
            continue
        lines.append(f"### {date}")
        lines.append("")
        for entry in entries:
            lines.append(f"- **{reference_title(entry)}**")
            if entry.get("href"):
                lines.append(f"    - {bi('Tautan', 'Link')}: <{entry['href']}>")
            if entry.get("note"):
                lines.append(f"    - {bi('Catatan', 'Note')}: {paragraph(entry['note'])}")
            sources = entry.get("sources")
            if sources:
                listed = ", ".join(
                    link(info.page, SOURCES_PAGE, str(s), anchor=str(s).lower()) for s in sources
                )
                lines.append(f"    - {bi('Sumber lembar fakta', 'Fact-sheet sources')}: {listed}")
        lines.append("")
    lines += [
        f"## {bi('Keterangan', 'Documentation')}",
        "",
        paragraph(info.leaf.documentation) or "—",
        "",
    ]
    return "\n".join(lines)


def render_folder(folder: str, node, leaves: list[LeafInfo]) -> str:
    page = folder_page(folder)
    lines = [f"# {bi('Parameter', 'Parameters')}: {folder}", ""]
    label = _node_label(node)
    if label:
        lines += [f"**{label}**", ""]
    if node.documentation:
        lines += [paragraph(node.documentation), ""]
    groups: dict[str, list[LeafInfo]] = {}
    for info in leaves:
        parent = info.name.rsplit(".", 1)[0]
        groups.setdefault(parent, []).append(info)
    for parent in sorted(groups):
        group_node = groups[parent][0].ancestors[-1]
        if parent != folder:
            lines += [f"## {parent}", ""]
            label = _node_label(group_node)
            if label:
                lines += [label, ""]
        lines += [
            f"| Parameter | {bi('Keterangan', 'Description')} | English "
            f"| {bi('Nilai terakhir', 'Latest value')} | {bi('Sejak', 'Since')} |",
            "|---|---|---|---|---|",
        ]
        for info in sorted(groups[parent], key=lambda i: i.name):
            date, value = info.values()[-1] if info.values() else ("—", None)
            lines.append(
                f"| {link(page, info.page, info.name.split('.')[-1])} | {cell(info.description)} "
                f"| {cell(info.label_en)} | {format_value(value, info.unit)} | {date} |"
            )
        lines.append("")
    return "\n".join(lines)


def render_root(root, folders: dict[str, list[LeafInfo]]) -> str:
    lines = [
        f"# {bi('Parameter', 'Parameters')}",
        "",
        "Setiap nilai hukum adalah daun parameter bertanggal; halaman ini dibuat dari "
        "`parameters/` saat situs dibangun.  ",
        "*Every rule value is a dated parameter leaf; these pages are generated from "
        "`parameters/` when the site is built.*",
        "",
        f"| {bi('Folder', 'Folder')} | {bi('Keterangan', 'Description')} "
        f"| {bi('Jumlah daun', 'Leaves')} |",
        "|---|---|---|",
    ]
    for folder in sorted(folders):
        node = root.children[folder]
        lines.append(
            f"| {link(ROOT_PAGE, folder_page(folder), folder)} | {cell(_node_label(node))} "
            f"| {len(folders[folder])} |"
        )
    lines.append("")
    return "\n".join(lines)
