"""Reference pages for variables: what each one is, what its formulas read, who tests it."""

from __future__ import annotations

import inspect
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from openfisca_indonesia_sosial.docs_gen._markdown import (
    bi,
    cell,
    link,
    paragraph,
    unit_label,
)
from openfisca_indonesia_sosial.docs_gen.analysis import formula_reads

ROOT_PAGE = "reference/variables/index.md"
INPUT_FOLDER = "masukan"

VALUE_TYPES = {
    "int": ("bilangan bulat", "integer"),
    "float": ("bilangan desimal", "decimal number"),
    "bool": ("ya/tidak", "boolean"),
    "str": ("teks", "text"),
    "date": ("tanggal", "date"),
    "Enum": ("pilihan (enum)", "enumeration"),
}
PERIODS = {
    "month": ("bulan", "month"),
    "year": ("tahun", "year"),
    "eternity": ("tetap (eternity)", "eternity"),
    "day": ("hari", "day"),
}


@dataclass
class VariableInfo:
    name: str
    variable: object
    file: str
    folder: str
    is_input: bool
    page: str
    reads_parameters: set[str] = field(default_factory=set)
    reads_variables: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)
    read_by: set[str] = field(default_factory=set)
    tested_as_output: dict[str, int] = field(default_factory=dict)
    tested_as_input: dict[str, int] = field(default_factory=dict)


def variable_page(folder: str, name: str) -> str:
    return f"reference/variables/{folder}/{name}.md"


def folder_page(folder: str) -> str:
    return f"reference/variables/{folder}/index.md"


def _location(variable) -> tuple[str, str, bool]:
    """(file relative to the repository, program folder, is in a masukan/ folder)."""
    path = (variable.introspection_data or ("",))[0] or ""
    parts = [p for p in Path(path).parts if p not in ("/", "\\")]
    if "variables" in parts:
        parts = parts[parts.index("variables") :]
    file = "/".join(parts) or "?"
    folder = parts[1] if len(parts) > 2 else "lainnya"
    return file, folder, INPUT_FOLDER in parts


def _test_files(tests_dir: Path | None) -> list[Path]:
    if tests_dir is None or not tests_dir.is_dir():
        return []
    fixtures = tests_dir / "fixtures"
    return sorted(
        p
        for p in [*tests_dir.rglob("*.yaml"), *tests_dir.rglob("*.yml")]
        if fixtures not in p.parents
    )


def _keys(node, names: set[str], found: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key in names:
                found.add(key)
            _keys(value, names, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, names, found)


def scan_tests(tests_dir: Path | None, repo_root: Path, names: set[str]):
    """{variable: {test file: cases}} for outputs and for inputs of the YAML tests."""
    outputs: dict[str, dict[str, int]] = {}
    inputs: dict[str, dict[str, int]] = {}
    for path in _test_files(tests_dir):
        try:
            cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(cases, dict):
            cases = [cases]
        if not isinstance(cases, list):
            continue
        try:
            shown = path.resolve().relative_to(repo_root).as_posix()
        except ValueError:
            shown = path.as_posix()
        for case in cases:
            if not isinstance(case, dict):
                continue
            for section, target in (("output", outputs), ("input", inputs)):
                found: set[str] = set()
                _keys(case.get(section), names, found)
                for name in found:
                    per_file = target.setdefault(name, {})
                    per_file[shown] = per_file.get(shown, 0) + 1
    return outputs, inputs


def collect(system, parameters_by_name, repo_root: Path, tests_dir: Path | None):
    names = set(system.variables)
    infos: dict[str, VariableInfo] = {}
    for name, variable in sorted(system.variables.items()):
        file, folder, is_input = _location(variable)
        info = VariableInfo(
            name=name,
            variable=variable,
            file=file,
            folder=folder,
            is_input=is_input or not variable.formulas,
            page=variable_page(folder, name),
        )
        reads = formula_reads(variable, system.parameters, names)
        info.reads_parameters = reads.parameters
        info.reads_variables = reads.variables
        info.helpers = reads.helpers
        infos[name] = info
    for info in infos.values():
        for other in info.reads_variables:
            infos[other].read_by.add(info.name)
        for parameter in info.reads_parameters:
            if parameter in parameters_by_name:
                parameters_by_name[parameter].read_by.add(info.name)
    outputs, inputs = scan_tests(tests_dir, repo_root, names)
    for name, info in infos.items():
        info.tested_as_output = outputs.get(name, {})
        info.tested_as_input = inputs.get(name, {})
    return infos


def _type_name(variable) -> str:
    value_type = variable.value_type
    key = getattr(value_type, "__name__", str(value_type))
    indonesian, english = VALUE_TYPES.get(key, (key, key))
    return f"{bi(indonesian, english)} (`{key}`)"


def _default(variable) -> str:
    default = variable.default_value
    if hasattr(default, "name"):
        return f"`{default.name}`"
    return f"`{default!r}`"


def _formula_blocks(variable) -> list[str]:
    lines: list[str] = []
    for start, formula in variable.formulas.items():
        try:
            source = textwrap.dedent(inspect.getsource(formula))
        except (OSError, TypeError):
            continue
        since = bi("berlaku sejak", "in force from") + f" {start}"
        if start == "0001-01-01":
            since = bi("berlaku untuk semua periode", "applies to every period")
        lines += [
            f"### `{formula.__name__}` — {since}",
            "",
            "```python",
            source.rstrip(),
            "```",
            "",
        ]
    return lines


def _references(variable) -> list[str]:
    reference = variable.reference
    if not reference:
        return []
    if isinstance(reference, str):
        reference = [reference]
    items = []
    for entry in reference:
        text = str(entry)
        items.append(f"- <{text}>" if text.startswith(("http://", "https://")) else f"- {text}")
    return items


def render_variable(
    info: VariableInfo,
    infos: dict[str, VariableInfo],
    parameter_pages: dict[str, str],
) -> str:
    variable = info.variable
    page = info.page
    entity = variable.entity
    kind = bi("masukan", "input") if info.is_input else bi("dihitung dengan rumus", "formula")
    period_key = str(variable.definition_period)
    period = bi(*PERIODS.get(period_key, (period_key, period_key)))
    folder = link(page, folder_page(info.folder), info.folder)
    lines = [
        f"# {info.name}",
        "",
        f"**{cell(paragraph(variable.label))}**",
        "",
        f"| {bi('Variabel', 'Variable')} | `{info.name}` |",
        "|---|---|",
        f"| {bi('Entitas', 'Entity')} | `{entity.key}` ({cell(paragraph(entity.label))}) |",
        f"| {bi('Periode', 'Period')} | {period} |",
        f"| {bi('Jenis nilai', 'Value type')} | {_type_name(variable)} |",
        f"| {bi('Satuan', 'Unit')} | {unit_label(getattr(variable, 'unit', None))} |",
        f"| {bi('Nilai bawaan', 'Default value')} | {_default(variable)} |",
        f"| {bi('Jenis', 'Kind')} | {kind} |",
        f"| {bi('Program', 'Program folder')} | {folder} |",
        f"| {bi('Berkas', 'File')} | `{info.file}` |",
    ]
    if variable.end:
        lines.append(f"| {bi('Berakhir', 'Ends')} | {variable.end} |")
    lines.append("")
    if getattr(variable, "possible_values", None) is not None:
        lines += [
            f"## {bi('Nilai yang mungkin', 'Possible values')}",
            "",
            f"| {bi('Kode', 'Code')} | {bi('Arti', 'Meaning')} |",
            "|---|---|",
        ]
        for item in variable.possible_values:
            lines.append(f"| `{item.name}` | {cell(item.value)} |")
        lines.append("")
    lines += [
        f"## {bi('Keterangan', 'Documentation')}",
        "",
        paragraph(variable.documentation) or "—",
        "",
    ]
    references = _references(variable)
    if references:
        lines += [f"## {bi('Dasar hukum', 'References')}", "", *references, ""]
    if not info.is_input:
        lines += [f"## {bi('Parameter yang dibaca', 'Parameters read')}", ""]
        if info.reads_parameters:
            for name in sorted(info.reads_parameters):
                if name in parameter_pages:
                    lines.append(f"- {link(page, parameter_pages[name], f'`{name}`')}")
                else:
                    lines.append(f"- `{name}`")
        else:
            lines.append(bi("Tidak ada.", "None."))
        lines.append("")
        lines += [f"## {bi('Variabel yang dibaca', 'Variables read')}", ""]
        if info.reads_variables:
            for name in sorted(info.reads_variables):
                label = cell(paragraph(infos[name].variable.label))
                lines.append(f"- {link(page, infos[name].page, f'`{name}`')} — {label}")
        else:
            lines.append(bi("Tidak ada.", "None."))
        lines.append("")
        if info.helpers:
            helpers = ", ".join(f"`{h}`" for h in sorted(info.helpers))
            lines += [f"{bi('Melalui fungsi bantu', 'Through helpers')}: {helpers}", ""]
    lines += [f"## {bi('Dipakai oleh', 'Used by')}", ""]
    if info.read_by:
        for name in sorted(info.read_by):
            lines.append(f"- {link(page, infos[name].page, f'`{name}`')}")
    else:
        lines.append(bi("Tidak ada variabel lain.", "No other variable."))
    lines.append("")
    lines += [f"## {bi('Uji YAML', 'YAML tests')}", ""]
    if info.tested_as_output or info.tested_as_input:
        lines += [
            f"| {bi('Berkas uji', 'Test file')} | {bi('Sebagai keluaran', 'As output')} "
            f"| {bi('Sebagai masukan', 'As input')} |",
            "|---|---|---|",
        ]
        for file in sorted(set(info.tested_as_output) | set(info.tested_as_input)):
            lines.append(
                f"| `{file}` | {info.tested_as_output.get(file, 0)} "
                f"| {info.tested_as_input.get(file, 0)} |"
            )
    else:
        lines.append(bi("Tidak disebut dalam uji YAML.", "Not mentioned in any YAML test."))
    lines.append("")
    if not info.is_input:
        lines += [f"## {bi('Rumus', 'Formula')}", "", *_formula_blocks(variable)]
    return "\n".join(lines)


def render_folder(
    folder: str,
    infos: list[VariableInfo],
    program_page: str | None,
    program_title: str | None = None,
) -> str:
    page = folder_page(folder)
    lines = [f"# {bi('Variabel', 'Variables')}: {folder}", ""]
    if program_page:
        title = program_title or program_page.rsplit("/", 1)[-1]
        lines += [
            f"{bi('Penjelasan program', 'Program guide')}: {link(page, program_page, title)}",
            "",
        ]
    for title, group in (
        (bi("Dihitung", "Computed"), [i for i in infos if not i.is_input]),
        (bi("Masukan", "Inputs"), [i for i in infos if i.is_input]),
    ):
        if not group:
            continue
        lines += [
            f"## {title}",
            "",
            f"| {bi('Variabel', 'Variable')} | {bi('Label', 'Label')} | {bi('Entitas', 'Entity')} "
            f"| {bi('Periode', 'Period')} | {bi('Satuan', 'Unit')} |",
            "|---|---|---|---|---|",
        ]
        for info in sorted(group, key=lambda i: i.name):
            variable = info.variable
            lines.append(
                f"| {link(page, info.page, info.name)} | {cell(paragraph(variable.label))} "
                f"| {variable.entity.key} | {variable.definition_period} "
                f"| {getattr(variable, 'unit', None) or ''} |"
            )
        lines.append("")
    return "\n".join(lines)


def render_root(folders: dict[str, list[VariableInfo]]) -> str:
    lines = [
        f"# {bi('Variabel', 'Variables')}",
        "",
        "Setiap variabel OpenFisca paket ini, dibuat dari `variables/` saat situs dibangun.  ",
        "*Every OpenFisca variable of the package, generated from `variables/` when the site "
        "is built.*",
        "",
        f"| {bi('Folder', 'Folder')} | {bi('Dihitung', 'Computed')} | {bi('Masukan', 'Inputs')} |",
        "|---|---|---|",
    ]
    for folder in sorted(folders):
        group = folders[folder]
        computed = sum(not i.is_input for i in group)
        lines.append(
            f"| {link(ROOT_PAGE, folder_page(folder), folder)} | {computed} "
            f"| {len(group) - computed} |"
        )
    lines.append("")
    return "\n".join(lines)
