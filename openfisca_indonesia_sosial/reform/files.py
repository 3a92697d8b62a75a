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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.law.code_health import inherited_unit, iter_leaves
from openfisca_indonesia_sosial.paths import REFORMS_DIR
from openfisca_indonesia_sosial.reform.money import overflow
from openfisca_indonesia_sosial.reform.reading import (
    MAX_SCALAR_CHARS,
    ReformError,
    read_bytes,
    read_reform_file,
)
from openfisca_indonesia_sosial.reform.values import RANGES, WHOLE_UNITS, check_value

__all__ = [
    "RANGES",
    "WHOLE_UNITS",
    "LoadedReform",
    "ReformError",
    "check_reform_data",
    "check_value",
    "load_reform",
    "load_reform_from_mapping",
    "parametric_reform_class",
    "read_reform_file",
]

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
REQUIRED_KEYS = ("name", "label", "description", "parameters")
RESERVED_NAMES = ("baseline",)
#: Longest reform name (it names files, columns and report sections).
MAX_NAME_CHARS = 100
#: Longest label (a table heading).
MAX_LABEL_CHARS = 200
#: Longest description.
MAX_DESCRIPTION_CHARS = MAX_SCALAR_CHARS
#: Most parameters one reform changes (the package has about a hundred).
MAX_REFORM_PARAMETERS = 200
#: Most dated values in one reform, all parameters together.
MAX_REFORM_VALUES = 2_000
#: Longest parameter path looked up; a longer one is unknown, with no did-you-mean search.
MAX_PATH_CHARS = 200
#: Latest date a change may take effect (the calculator answers a few years ahead at most).
LAST_REFORM_DATE = "2100-12-31"
#: Candidates a did-you-mean search compares a name with.
MAX_SUGGESTION_CANDIDATES = 5_000
TEXT_LIMITS = {
    "name": MAX_NAME_CHARS,
    "label": MAX_LABEL_CHARS,
    "description": MAX_DESCRIPTION_CHARS,
}


@dataclass(frozen=True)
class LoadedReform:
    name: str
    label: str
    description: str
    changes: tuple[tuple[str, str, object], ...]  # (parameter path, date, value), file order
    system: object
    source: str
    kind: str = "parametric"  # or "structural"


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
        subject = " ".join(shown(p) for p in path[1:]) if path[:1] == ("parameters",) else ""
        subject = subject or ".".join(shown(p) for p in path)
        text = f"{head}: {subject}: {message}" if subject else f"{head}: {message}"
        return ReformError(text, source=self.source, line=line, parameter=parameter)


def _date_text(date) -> str:
    return date.isoformat() if isinstance(date, datetime.date) else str(date)


def _suggest(name: str, candidates) -> str:
    """`` (did you mean 'x'?)`` for a close candidate; no search for an over-long name."""
    if not isinstance(name, str) or len(name) > MAX_PATH_CHARS:
        return ""
    candidates = [c for c in candidates if isinstance(c, str)][:MAX_SUGGESTION_CANDIDATES]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        last = name.rsplit(".", 1)[-1]
        close = [c for c in candidates if c.rsplit(".", 1)[-1] == last][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_header(data, where: _Where, source: str) -> dict:
    if not isinstance(data, Mapping):
        raise ReformError(
            f"{source}: a reform is a mapping with keys {', '.join(REQUIRED_KEYS)}", source=source
        )
    for key in data:
        if key not in REQUIRED_KEYS:
            raise where.error(
                f"unknown key {shown(key, 40)!r}{_suggest(str(key), REQUIRED_KEYS)}; a reform "
                f"has the keys {', '.join(REQUIRED_KEYS)}",
                key,
            )
    for key in REQUIRED_KEYS:
        if key not in data:
            raise ReformError(f"{source}: missing key '{key}'", source=source)
    for key, limit in TEXT_LIMITS.items():
        if not isinstance(data[key], str) or not data[key].strip():
            raise where.error("must be a non-empty text", key)
        if len(data[key]) > limit:
            raise where.error(f"at most {limit:,} characters, got {len(data[key]):,}", key)
    name = data["name"]
    if not NAME.match(name) or name in RESERVED_NAMES:
        raise where.error(
            f"{shown(repr(name), 60)} is not a usable reform name: lower-case ASCII snake_case, "
            "not 'baseline'",
            "name",
        )
    parameters = data["parameters"]
    if not isinstance(parameters, Mapping) or not parameters:
        raise where.error(
            "map each parameter path to its dated values, e.g. "
            "'sembako.nilai_bulanan: {2024-01-01: 300000}'",
            "parameters",
        )
    if len(parameters) > MAX_REFORM_PARAMETERS:
        raise where.error(
            f"{len(parameters):,} parameters; a reform changes at most {MAX_REFORM_PARAMETERS}",
            "parameters",
        )
    count = sum(len(dated) for dated in parameters.values() if isinstance(dated, Mapping))
    if count > MAX_REFORM_VALUES:
        raise where.error(
            f"{count:,} dated values; a reform gives at most {MAX_REFORM_VALUES:,}", "parameters"
        )
    return {key: data[key].strip() for key in ("name", "label", "description")}


def _unknown_path(path: str, leaves, nodes, where: _Where, key) -> ReformError:
    if len(path) > MAX_PATH_CHARS:
        return where.error(
            f"no such parameter (paths have at most {MAX_PATH_CHARS} characters)",
            "parameters",
            key,
            parameter=shown(path),
        )
    if path in nodes:
        inside = sorted(n for n in leaves if n.startswith(path + "."))
        listed = ", ".join(inside[:6]) + (", ..." if len(inside) > 6 else "")
        return where.error(
            f"is a folder of parameters; name one of its parameters: {listed}",
            "parameters",
            key,
            parameter=path,
        )
    return where.error(
        f"no such parameter{_suggest(path, leaves)}", "parameters", key, parameter=path
    )


def _check_date(date_text: str, first_date: str, fail) -> None:
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
    if date_text > LAST_REFORM_DATE:
        raise fail(f"a change takes effect on {LAST_REFORM_DATE} at the latest")


def check_reform_data(
    data, base_system, source: str, lines: dict[tuple, int] | None = None
) -> tuple[dict, list[tuple[str, str, object]]]:
    """Check a reform document; return its metadata and its changes in document order."""
    where = _Where(source, lines)
    meta = _check_header(data, where, source)
    leaves = leaf_paths(base_system.parameters)
    units = leaf_units(base_system.parameters)
    nodes = _node_paths(base_system.parameters)
    changes: list[tuple[str, str, object]] = []
    for key, dated in data["parameters"].items():
        path = str(key)
        if path not in leaves:
            raise _unknown_path(path, leaves, nodes, where, key)
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
            date_text = shown(_date_text(date), 40)
            at = ("parameters", path, date_text)

            def fail(message, at=at, path=path):
                return where.error(message, *at, parameter=path)

            _check_date(date_text, first_date, fail)
            stored = check_value(leaf, units[path], value, fail, path)
            changes.append((path, date_text, stored))
    found = overflow(leaves, units, changes)
    if found is not None:
        path, message = found
        date = next(date for p, date, _ in changes if p == path)
        raise where.error(message, "parameters", path, date, parameter=path)
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
            f"{path}: the reform module fails to import: {type(error).__name__}: "
            f"{shown(error, 200)}",
            source=str(path),
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
    paths = [*REFORMS_DIR.glob("*.yaml"), *REFORMS_DIR.glob("*.yml"), *REFORMS_DIR.glob("*.py")]
    # "_" marks helpers and drafts (``__init__.py``), never a reform
    return sorted((p for p in paths if not p.name.startswith("_")), key=lambda p: p.stem)


REFORM_SUFFIXES = (".yaml", ".yml", ".py")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def resolve(spec: str) -> Path:
    """The file of a reform: a path ending in .yaml, .yml or .py, or a shipped reform's name.

    A path to a Python file is a structural reform: loading it runs its code, like any
    Python the user runs. Only the command line accepts paths; the Web API and the embedding
    functions accept names of shipped reforms only.
    """
    if not isinstance(spec, str) or not spec:
        raise ReformError("give a reform file or the name of a shipped reform", source="")
    path = Path(spec)
    if path.suffix in REFORM_SUFFIXES:
        if not _exists(path):
            raise ReformError(f"{shown(spec)}: no such reform file", source=shown(spec))
        return path
    if len(spec) <= MAX_NAME_CHARS and NAME.match(spec):
        for suffix in REFORM_SUFFIXES:
            candidate = REFORMS_DIR / f"{spec}{suffix}"
            if candidate.exists():
                return candidate
    known = [p.stem for p in shipped_reform_paths()]
    raise ReformError(
        f"no reform file (.yaml, .py) or shipped reform named '{shown(spec)}'"
        f"{_suggest(spec, known) if len(spec) <= MAX_NAME_CHARS else ''}",
        source=shown(spec),
    )


def load_reform(spec: str, base_system) -> LoadedReform:
    """A reform from a file path or the name of a reform shipped in reforms/."""
    path = resolve(spec)
    if path.suffix == ".py":
        read_bytes(path)  # a regular file of a sensible size, with the reader's messages
        reform_class = load_structural_module(path).reform
        try:
            system = reform_class(base_system)
        except Exception as error:  # the module's own code: report it, no traceback
            raise ReformError(
                f"{path}: the reform fails to apply: {type(error).__name__}: {shown(error, 200)}",
                source=str(path),
            ) from error
        return LoadedReform(
            name=reform_class.name,
            label=reform_class.label,
            description=reform_class.description,
            changes=tuple(getattr(reform_class, "changes", ())),
            system=system,
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
