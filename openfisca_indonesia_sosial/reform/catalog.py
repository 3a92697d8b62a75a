"""The catalogue of shipped reforms: name, label, what each changes.

For every reform in reforms/ (parametric YAML and structural Python): its name, Indonesian
label, English description, kind, file, the parameters it changes (path, date, value; for a
structural reform, the existing parameters it changes as it declares them), the parameters it
adds, and the variables it adds or replaces. Added and replaced variables and added parameters
are found by comparing the reformed system with the baseline, so the catalogue cannot drift
from the code. ``bansos reforms`` prints it; docs/reforms/catalogue.md is generated from it
(``markdown()``; a test checks the page is current).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from openfisca_indonesia_sosial.law.code_health import iter_leaves
from openfisca_indonesia_sosial.paths import PACKAGE_DIR
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.reform.files import load_reform, shipped_reform_paths

CATALOGUE_PAGE = PACKAGE_DIR.parent / "docs" / "reforms" / "catalogue.md"


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    label: str
    description: str
    kind: str
    source: str
    changed_parameters: tuple[tuple[str, str, object], ...] = ()
    added_parameters: tuple[str, ...] = ()
    added_variables: tuple[str, ...] = ()
    replaced_variables: tuple[str, ...] = ()
    programs: tuple[str, ...] = field(default=())
    #: dated values of the added parameters: (path, date, value)
    added_parameter_values: tuple[tuple[str, str, object], ...] = ()

    def lines(self) -> list[str]:
        """What the reform changes, one line per parameter or group of variables."""
        by_parameter: dict[str, list[str]] = {}
        for path, date, value in self.changed_parameters:
            by_parameter.setdefault(path, []).append(f"{date} → {_show(value)}")
        parts = [f"{path}: " + ", ".join(values) for path, values in by_parameter.items()]
        new_values: dict[str, list[str]] = {}
        for path, date, value in self.added_parameter_values:
            new_values.setdefault(path, []).append(f"{date} → {_show(value)}")
        for path in self.added_parameters:
            shown = ", ".join(new_values.get(path, []))
            parts.append(f"new parameter {path}" + (f": {shown}" if shown else ""))
        if self.added_variables:
            parts.append("new variables: " + ", ".join(self.added_variables))
        if self.replaced_variables:
            parts.append("replaced variables: " + ", ".join(self.replaced_variables))
        return parts

    def summary(self) -> str:
        """What the reform changes, in one text."""
        return "; ".join(self.lines())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["changed_parameters"] = [
            {"parameter": path, "date": date, "value": value}
            for path, date, value in self.changed_parameters
        ]
        data["added_parameter_values"] = [
            {"parameter": path, "date": date, "value": value}
            for path, date, value in self.added_parameter_values
        ]
        for key in ("added_parameters", "added_variables", "replaced_variables", "programs"):
            data[key] = list(data[key])
        return data


def _show(value) -> str:
    if value is None:
        return "null (ends)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _leaf_names(parameters) -> set[str]:
    return {leaf.name for leaf, _ in iter_leaves(parameters)}


def entry(spec: str, base_system) -> CatalogueEntry:
    loaded = load_reform(spec, base_system)
    system = loaded.system
    base_leaves = _leaf_names(base_system.parameters)
    added_parameters = tuple(sorted(_leaf_names(system.parameters) - base_leaves))
    changed = tuple(c for c in loaded.changes if c[0] in base_leaves)
    added_values = tuple(c for c in loaded.changes if c[0] not in base_leaves)
    added_variables = tuple(sorted(set(system.variables) - set(base_system.variables)))
    replaced = tuple(
        sorted(
            name
            for name, variable in system.variables.items()
            if name in base_system.variables and variable is not base_system.variables[name]
        )
    )
    # Programs whose amount a reform replaces, e.g. the new-program slot bantuan_program_baru.
    programs = tuple(p.key for p in PROGRAMS if p.amount in replaced)
    source = Path(loaded.source)
    try:
        source_text = str(source.resolve().relative_to(PACKAGE_DIR.parent))
    except ValueError:
        source_text = f"reforms/{source.name}"
    return CatalogueEntry(
        name=loaded.name,
        label=loaded.label,
        description=loaded.description,
        kind=loaded.kind,
        source=source_text,
        changed_parameters=changed,
        added_parameters=added_parameters,
        added_variables=added_variables,
        replaced_variables=replaced,
        programs=programs,
        added_parameter_values=added_values,
    )


def catalogue(base_system=None) -> list[CatalogueEntry]:
    """Every shipped reform, by name."""
    if base_system is None:
        from openfisca_indonesia_sosial.system import baseline

        base_system = baseline()
    return [entry(path.stem, base_system) for path in shipped_reform_paths()]


def markdown(entries: list[CatalogueEntry]) -> str:
    """docs/reforms/catalogue.md."""
    lines = [
        "# Katalog reformasi / Shipped reforms",
        "",
        "<!-- Generated by `python -m openfisca_indonesia_sosial.reform.catalog --write`;"
        " do not edit by hand (tests/reforms/test_catalogue.py checks it is current). -->",
        "",
        "Every reform in `reforms/`, usable by name in `bansos simulate --reform NAME`,",
        "`Microsimulation(population, reforms=[NAME])`, the Web API and YAML tests",
        "(`reforms: [openfisca_indonesia_sosial.reform.classes.NAME]`). `bansos reforms` prints",
        "this list. How to write one: [writing.md](writing.md). Pinned national effects:",
        "`tests/reforms/pinned_impacts.yaml`.",
        "",
        "| name | label | kind | what it changes |",
        "|---|---|---|---|",
    ]
    for item in entries:
        lines.append(f"| `{item.name}` | {item.label} | {item.kind} | {_cell(item.summary())} |")
    for item in entries:
        if lines[-1] == "":
            lines.pop()
        lines += ["", f"## `{item.name}`", "", f"**{item.label}** ({item.kind}, `{item.source}`)"]
        lines += ["", item.description, ""]
        rows = [(path, date, value, "") for path, date, value in item.changed_parameters]
        rows += [(path, date, value, " (new)") for path, date, value in item.added_parameter_values]
        if rows:
            lines += ["| parameter | from | value |", "|---|---|---|"]
            lines += [f"| `{p}`{new} | {d} | {_show(v)} |" for p, d, v, new in rows]
            lines.append("")
        for title, names in (
            ("New variables", item.added_variables),
            ("Replaced variables", item.replaced_variables),
            ("Programs declared for the microsimulation", item.programs),
        ):
            if names:
                lines.append(f"- {title}: " + ", ".join(f"`{n}`" for n in names))
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Print or write docs/reforms/catalogue.md")
    parser.add_argument("--write", action="store_true", help=f"write {CATALOGUE_PAGE}")
    args = parser.parse_args(argv)
    text = markdown(catalogue())
    if args.write:
        CATALOGUE_PAGE.parent.mkdir(parents=True, exist_ok=True)
        CATALOGUE_PAGE.write_text(text, encoding="utf-8")
        print(f"written {CATALOGUE_PAGE}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
