"""Reforms from files: parametric YAML a legal reviewer writes, structural Python.

A parametric reform file (format in ../shared/CONTRACT.md, reforms/README.md and
docs/reforms/writing.md) is checked before it is applied; every error names the file, the line
and the parameter path:

- missing, empty or unknown top-level keys (with a close-match suggestion);
- a parameter path that is not a parameter leaf of the package (close-match suggestion; a
  folder of parameters lists its leaves);
- a date that is not written ``YYYY-MM-DD`` or is not a calendar date;
- a date before the parameter's first value (the parameter does not exist then);
- a value of the wrong type for the parameter (yes/no against a number, text, a decimal where
  whole rupiah or a count is expected, ``300.000`` written with a thousands separator);
- a value outside its unit's range (negative amounts, a rate above 1, a decile above 10);
- a value given with an explicit unit (``{value: 10, unit: percent}``) that is not the
  parameter's unit;
- a key written twice in the same mapping (YAML would silently keep the last one).

Public API::

    load_reform(spec, base_system) -> LoadedReform          # a path or a shipped name
    load_reform_from_mapping(data, base_system, source="request") -> LoadedReform
    parametric_reform_class(path) -> type[Reform]           # for openfisca's YAML tests
    ReformError                                             # .source, .line, .parameter

A value holds from its date until the next date given for the same parameter in the reform;
later values of the law are replaced (``Parameter.update`` without an end). ``null`` ends the
parameter from that date.
"""

from __future__ import annotations

import datetime
import difflib
import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

from openfisca_indonesia_sosial.code_health import inherited_unit, iter_leaves
from openfisca_indonesia_sosial.paths import REFORMS_DIR
from openfisca_indonesia_sosial.units import UNITS

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
REQUIRED_KEYS = ("name", "label", "description", "parameters")
RESERVED_NAMES = ("baseline",)
#: Units whose values are whole numbers, and the smallest value each accepts.
WHOLE_UNITS = {
    "currency-IDR": 0,
    "persons": 0,
    "families": 0,
    "members": 0,
    "year": 0,
    "month": 0,
    "day": 0,
    "decile": 0,
    "month-of-year": 1,
    "rank": 1,
}
RANGES = {"/1": (0, 1), "percent": (0, 100), "decile": (0, 10), "month-of-year": (1, 12)}
NUMBER_IN_TEXT = re.compile(r"^\s*(rp\.?)?\s*[\d.,\s]+\s*$", re.IGNORECASE)


class ReformError(ValueError):
    """A reform that cannot be applied, with file (or source), line and path in the message.

    ``source`` is the file or the caller's name for an inline reform, ``line`` the 1-based line
    in the file (None for an inline reform or a whole-file problem), ``parameter`` the dotted
    parameter path concerned (None for a problem outside ``parameters``).
    """

    def __init__(self, message: str, *, source=None, line=None, parameter=None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.parameter = parameter


@dataclass(frozen=True)
class LoadedReform:
    name: str
    label: str
    description: str
    changes: tuple[tuple[str, str, object], ...]  # (parameter path, date, value), file order
    system: object
    source: str
    kind: str = "parametric"  # or "structural"


# --- reading YAML ------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text and are checked here, so a
    non-calendar date such as 2024-02-30 is reported with its line instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_map(root, source: str) -> dict[tuple, int]:
    """Line (1-based) of every key path of a composed YAML document; duplicate keys fail."""
    lines: dict[tuple, int] = {}

    def walk(node, prefix):
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                text = str(key.value)
                line = key.start_mark.line + 1
                path = (*prefix, text)
                if text in seen:
                    where = ".".join(path)
                    raise ReformError(
                        f"{source}:{line}: '{where}' is written twice (first on line "
                        f"{seen[text]}); YAML would keep only the last one",
                        source=source,
                        line=line,
                        parameter=prefix[1] if len(prefix) > 1 else None,
                    )
                seen[text] = line
                lines[path] = line
                walk(value, path)

    if root is not None:
        walk(root, ())
    return lines


def read_reform_file(path: Path) -> tuple[object, dict[tuple, int]]:
    """The document of a reform file and the line of each key path."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ReformError(f"{source}: cannot read the file: {error}", source=source) from error
    try:
        root = yaml.compose(text, Loader=_Loader)
        lines = _line_map(root, source)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        where = f"{source}:{line}" if line else source
        raise ReformError(f"{where}: not valid YAML: {error}", source=source, line=line) from error
    return data, lines


# --- checking ----------------------------------------------------------------------------


def leaf_paths(parameters: ParameterNode) -> dict[str, Parameter]:
    return {leaf.name: leaf for leaf, _ in iter_leaves(parameters)}


def leaf_units(parameters: ParameterNode) -> dict[str, str | None]:
    return {
        leaf.name: inherited_unit(leaf, ancestors) for leaf, ancestors in iter_leaves(parameters)
    }


def _node_paths(parameters: ParameterNode) -> dict[str, ParameterNode]:
    nodes = {}

    def walk(node):
        for child in node.children.values():
            if isinstance(child, ParameterNode):
                nodes[child.name] = child
                walk(child)

    walk(parameters)
    return nodes


class _Where:
    """Formats ``file:line: path date`` prefixes; the line is omitted for inline reforms."""

    def __init__(self, source: str, lines: dict[tuple, int] | None) -> None:
        self.source = source
        self.lines = lines

    def line(self, *path) -> int | None:
        if self.lines is None:
            return None
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(str(p) for p in path[:end]))
            if line is not None:
                return line
        return None

    def error(self, message: str, *path, parameter=None) -> ReformError:
        line = self.line(*path)
        head = f"{self.source}:{line}" if line else self.source
        subject = " ".join(str(p) for p in path[1:]) if path[:1] == ("parameters",) else ""
        subject = subject or ".".join(str(p) for p in path)
        text = f"{head}: {subject}: {message}" if subject else f"{head}: {message}"
        return ReformError(text, source=self.source, line=line, parameter=parameter)


def _date_text(date) -> str:
    return date.isoformat() if isinstance(date, datetime.date) else str(date)


def _suggest(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    if not close:
        last = name.rsplit(".", 1)[-1]
        close = [c for c in candidates if c.rsplit(".", 1)[-1] == last][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _unit_words(unit: str | None) -> str:
    if unit is None:
        return "no unit"
    return f"{unit} ({UNITS[unit][1]})" if unit in UNITS else unit


def check_value(leaf: Parameter, unit: str | None, value, fail: Callable[[str], ReformError]):
    """The value to store, or raise ``fail(message)``. ``value`` may be ``{value:, unit:}``."""
    if isinstance(value, Mapping):
        extra = set(value) - {"value", "unit"}
        if "value" not in value or extra:
            raise fail("write a value alone, or as {value: ..., unit: ...}")
        given_unit = value.get("unit")
        if given_unit is not None and given_unit != unit:
            raise fail(
                f"the parameter is in {_unit_words(unit)}, the reform gives {given_unit!r}"
                + (" (write a rate as a fraction: 10% is 0.1)" if unit == "/1" else "")
            )
        value = value["value"]
    if value is None:
        return None
    current = next((v.value for v in reversed(leaf.values_list) if v.value is not None), None)
    is_switch = unit == "bool" or isinstance(current, bool)
    if is_switch:
        if not isinstance(value, bool):
            raise fail(f"expected true or false, got {value!r}")
        return value
    if isinstance(value, bool):
        raise fail(f"expected a number, got {value!r}")
    if isinstance(value, str):
        hint = ""
        if NUMBER_IN_TEXT.match(value):
            digits = re.sub(r"\D", "", value)
            hint = f" (write the number without 'Rp', dots or commas: {digits})"
        raise fail(f"expected a number, got the text {value!r}{hint}")
    if not isinstance(value, int | float):
        raise fail(f"expected a number, got {value!r}")
    whole = unit in WHOLE_UNITS or (unit is None and isinstance(current, int))
    if whole and isinstance(value, float):
        what = "rupiah amounts" if unit == "currency-IDR" else f"values in {_unit_words(unit)}"
        hint = ""
        if value.is_integer() or round(value * 1000) == value * 1000:
            hint = (
                f"; in YAML {value!r} is a decimal number: write whole numbers without a "
                f"thousands separator (Rp300.000 is 300000)"
            )
        raise fail(f"{what} are whole numbers, got {value!r}{hint}")
    if unit in WHOLE_UNITS and value < WHOLE_UNITS[unit]:
        raise fail(
            f"a value in {_unit_words(unit)} cannot be below {WHOLE_UNITS[unit]}, got {value!r}"
        )
    if unit in RANGES:
        low, high = RANGES[unit]
        if not low <= value <= high:
            hint = " (write a rate as a fraction: 10% is 0.1)" if unit == "/1" else ""
            raise fail(
                f"a value in {_unit_words(unit)} is between {low} and {high}, got {value!r}{hint}"
            )
    return value


def check_reform_data(
    data, base_system, source: str, lines: dict[tuple, int] | None = None
) -> tuple[dict, list[tuple[str, str, object]]]:
    """Check a reform document; return its metadata and its changes in document order."""
    where = _Where(source, lines)
    if not isinstance(data, Mapping):
        raise ReformError(
            f"{source}: a reform is a mapping with keys {', '.join(REQUIRED_KEYS)}", source=source
        )
    for key in data:
        if key not in REQUIRED_KEYS:
            raise where.error(
                f"unknown key{_suggest(str(key), REQUIRED_KEYS)}; a reform has the keys "
                f"{', '.join(REQUIRED_KEYS)}",
                key,
            )
    for key in REQUIRED_KEYS:
        if key not in data:
            raise ReformError(f"{source}: missing key '{key}'", source=source)
    for key in ("name", "label", "description"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise where.error("must be a non-empty text", key)
    name = data["name"]
    if not NAME.match(name) or name in RESERVED_NAMES:
        raise where.error(
            f"{name!r} is not a usable reform name: lower-case ASCII snake_case, not 'baseline'",
            "name",
        )
    parameters = data["parameters"]
    if not isinstance(parameters, Mapping) or not parameters:
        raise where.error(
            "map each parameter path to its dated values, e.g. "
            "'sembako.nilai_bulanan: {2024-01-01: 300000}'",
            "parameters",
        )
    leaves = leaf_paths(base_system.parameters)
    units = leaf_units(base_system.parameters)
    nodes = _node_paths(base_system.parameters)
    changes: list[tuple[str, str, object]] = []
    for path, dated in parameters.items():
        path = str(path)
        if path not in leaves:
            if path in nodes:
                inside = sorted(n for n in leaves if n.startswith(path + "."))
                shown = ", ".join(inside[:6]) + (", ..." if len(inside) > 6 else "")
                raise where.error(
                    f"is a folder of parameters; name one of its parameters: {shown}",
                    "parameters",
                    path,
                    parameter=path,
                )
            raise where.error(
                f"no such parameter{_suggest(path, leaves)}", "parameters", path, parameter=path
            )
        if not isinstance(dated, Mapping) or not dated:
            raise where.error(
                "give dated values under the path, e.g. '2024-01-01: 300000'",
                "parameters",
                path,
                parameter=path,
            )
        leaf = leaves[path]
        first_date = min(v.instant_str for v in leaf.values_list)
        for date, value in dated.items():
            date_text = _date_text(date)
            at = ("parameters", path, date_text)

            def fail(message, at=at, path=path):
                return where.error(message, *at, parameter=path)

            if not DATE.match(date_text):
                raise fail("dates are written YYYY-MM-DD, e.g. 2024-01-01")
            try:
                datetime.date.fromisoformat(date_text)
            except ValueError as error:
                raise fail("not a calendar date") from error
            if date_text < first_date:
                raise fail(
                    f"the parameter does not exist before {first_date} (its first value); "
                    f"date the change on or after {first_date}"
                )
            stored = check_value(leaf, units[path], value, fail)
            changes.append((path, date_text, stored))
    meta = {key: data[key].strip() for key in ("name", "label", "description")}
    return meta, changes


def parse_parametric(path: Path, base_system) -> tuple[dict, list[tuple[str, str, object]]]:
    """Read and check a parametric reform file: (metadata, changes in file order)."""
    data, lines = read_reform_file(Path(path))
    return check_reform_data(data, base_system, str(path), lines)


# --- building reforms --------------------------------------------------------------------


def apply_changes(parameters: ParameterNode, changes) -> ParameterNode:
    """Apply (path, date, value) changes to a parameter tree, each parameter in date order.

    A value holds until the next date given for the same parameter; the law's later values
    of a changed parameter are replaced. Applying in date order makes the result independent
    of the order of the changes, so any prefix of a reform is itself a well-defined reform.
    """
    leaves = leaf_paths(parameters)
    for path, date, value in sorted(changes, key=lambda change: change[1]):
        leaves[path].update(start=date, value=value)
    return parameters


def make_parametric_class(name: str, label: str, description: str, changes) -> type[Reform]:
    """An openfisca Reform class applying already checked changes."""
    frozen = tuple(changes)

    def apply(self):
        self.modify_parameters(modifier_function=lambda p: apply_changes(p, frozen))

    return type(
        name,
        (Reform,),
        {
            "name": name,
            "label": label,
            "description": description,
            "changes": frozen,
            "kind": "parametric",
            "apply": apply,
            "__doc__": f"{label}. {description}",
        },
    )


def parametric_reform_class(path: Path) -> type[Reform]:
    """A Reform class for a reform file, checked against the system it is applied to.

    Used where openfisca imports reforms by dotted path (``reforms:`` in YAML tests): the
    class is built without a base system; ``apply`` reads and checks the file against
    ``self.baseline`` and fails with a ReformError like ``load_reform``.
    """
    path = Path(path)
    try:
        data, _ = read_reform_file(path)
    except ReformError:
        data = None  # reported by apply(), so one broken file does not hide the others
    name = str(data.get("name", path.stem)) if isinstance(data, dict) else path.stem

    def apply(self):
        _, changes = parse_parametric(path, self.baseline)
        self.modify_parameters(modifier_function=lambda p: apply_changes(p, changes))

    meta = data if isinstance(data, dict) else {}
    return type(
        name,
        (Reform,),
        {
            "name": name,
            "label": str(meta.get("label", "")),
            "description": str(meta.get("description", "")),
            "kind": "parametric",
            "source": str(path),
            "apply": apply,
        },
    )


def load_structural_module(path: Path):
    """Import a structural reform module once per file (a fixed module name per file)."""
    path = Path(path).resolve()
    module_name = f"openfisca_indonesia_sosial_reform_{path.stem}"
    module = sys.modules.get(module_name)
    if module is not None and Path(getattr(module, "__file__", "")).resolve() == path:
        return module
    module_spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[module_name] = module
    try:
        module_spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[module_name]
        raise ReformError(
            f"{path}: the reform module fails to import: {error}", source=str(path)
        ) from error
    reform_class = getattr(module, "reform", None)
    if not (isinstance(reform_class, type) and issubclass(reform_class, Reform)):
        raise ReformError(
            f"{path}: a structural reform module exposes 'reform', an openfisca Reform class",
            source=str(path),
        )
    for attribute in ("name", "label", "description"):
        if not isinstance(getattr(reform_class, attribute, None), str):
            raise ReformError(
                f"{path}: the reform class needs a text attribute '{attribute}'", source=str(path)
            )
    return module


def shipped_reform_paths() -> list[Path]:
    """Every reform shipped in reforms/: YAML files and Python modules, by name."""
    paths = [p for p in REFORMS_DIR.glob("*.yaml")] + [p for p in REFORMS_DIR.glob("*.yml")]
    paths += [p for p in REFORMS_DIR.glob("*.py") if not p.name.startswith("_")]
    return sorted(paths, key=lambda p: p.stem)


def resolve(spec: str) -> Path:
    path = Path(spec)
    if path.suffix in (".yaml", ".yml", ".py") and path.exists():
        return path
    if path.suffix in (".yaml", ".yml", ".py"):
        raise ReformError(f"{spec}: no such reform file", source=spec)
    for suffix in (".yaml", ".yml", ".py"):
        candidate = REFORMS_DIR / f"{spec}{suffix}"
        if candidate.exists():
            return candidate
    known = [p.stem for p in shipped_reform_paths()]
    raise ReformError(
        f"no reform file or shipped reform named '{spec}'{_suggest(spec, known)}", source=spec
    )


def load_reform(spec: str, base_system) -> LoadedReform:
    """A reform from a file path or the name of a reform shipped in reforms/."""
    path = resolve(spec)
    if path.suffix == ".py":
        reform_class = load_structural_module(path).reform
        return LoadedReform(
            name=reform_class.name,
            label=reform_class.label,
            description=reform_class.description,
            changes=tuple(getattr(reform_class, "changes", ())),
            system=reform_class(base_system),
            source=str(path),
            kind="structural",
        )
    meta, changes = parse_parametric(path, base_system)
    return _loaded(meta, changes, base_system, str(path))


def load_reform_from_mapping(data: dict, base_system, source: str = "request") -> LoadedReform:
    """An inline parametric reform (the Web API's JSON body), with the file checks.

    ``data`` has the shape of a reform file; dates are ``"YYYY-MM-DD"`` texts (or
    ``datetime.date``). Errors name ``source`` and the parameter path (no line).
    """
    meta, changes = check_reform_data(data, base_system, source, None)
    return _loaded(meta, changes, base_system, source)


def _loaded(meta: dict, changes, base_system, source: str) -> LoadedReform:
    reform_class = make_parametric_class(meta["name"], meta["label"], meta["description"], changes)
    return LoadedReform(
        name=meta["name"],
        label=meta["label"],
        description=meta["description"],
        changes=tuple(changes),
        system=reform_class(base_system),
        source=source,
    )


# --- helpers for structural reforms ------------------------------------------------------


def new_parameter_node(name: str, data: dict) -> ParameterNode:
    """A parameter folder for a structural reform, from the same mapping as a YAML folder
    (``description``, ``documentation``, ``metadata`` and one mapping per leaf with
    ``values: {"YYYY-MM-DD": value}``)."""
    return ParameterNode(name, data=data)


def declared_changes(name: str, data: dict) -> tuple[tuple[str, str, object], ...]:
    """The (path, date, value) triples of a new parameter folder, for a reform's ``changes``."""
    found = []
    for key, child in data.items():
        if key in ("description", "documentation", "metadata") or not isinstance(child, dict):
            continue
        if "values" in child:
            for date, value in child["values"].items():
                found.append((f"{name}.{key}", _date_text(date), value))
        else:
            found.extend(declared_changes(f"{name}.{key}", child))
    return tuple(found)
