"""Metadata rules for the law, checked mechanically.

The convention (docs/contributing/conventions.md):

Parameter leaf
    ``description``  Indonesian label (required)
    ``documentation`` English explanation, including every assumption (required)
    ``metadata.label_en`` English label (required)
    ``metadata.unit`` a key of :data:`units.UNITS`, on the leaf itself: openfisca-core does not
    pass a node's metadata down, so a unit declared only on a node would be missing from the
    leaf in Python and in the Web API's ``/parameter`` (a node must not declare one)
    ``metadata.reference`` a mapping from *each* value date to a list of references, each with
    a ``title`` (instrument and article) and optionally ``href``, ``note``, ``sources`` and
    ``last_checked`` (when that value was compared with its source later than the whole leaf)
    ``metadata.last_checked`` ISO date the leaf's values were last compared with their sources
    (not in the future)
    money values (unit ``currency-IDR``) are whole rupiah

Variable
    snake_case ASCII name; Indonesian ``label``; ``documentation`` or ``reference``; a known
    ``unit`` if any; money variables are ``int``; variables in a ``masukan/`` folder are
    inputs and have no formula, variables elsewhere have one; formulas hold no numeric
    literal other than 0 and 1 (amounts, ages and dates are parameters).

Each check returns readable violations; the tests require none on the package and
require specific ones on the deliberately broken fixture.
"""

from __future__ import annotations

import ast
import datetime
import inspect
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale

from openfisca_indonesia_sosial.law.units import MONEY_UNIT, UNITS

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
ALLOWED_FORMULA_NUMBERS = {0, 1}
INPUT_FOLDER = "masukan"


def iter_leaves(node, ancestors=()) -> Iterator[tuple[Parameter, tuple]]:
    """Yield every parameter leaf with the chain of its ancestor nodes."""
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from iter_leaves(child, (*ancestors, node))
        else:
            yield child, (*ancestors, node)


def inherited_unit(leaf, ancestors) -> str | None:
    """The leaf's own unit, else the nearest ancestor node's (for trees built outside the
    package, such as reform fixtures; the package's own leaves all carry theirs)."""
    if leaf.metadata.get("unit"):
        return leaf.metadata["unit"]
    for node in reversed(ancestors):
        unit = (node.metadata or {}).get("unit")
        if unit:
            return unit
    return None


def _value_dates(leaf) -> list[str]:
    return sorted(v.instant_str for v in leaf.values_list)


def check_parameter_leaf(leaf, ancestors, today: datetime.date | None = None) -> list[str]:
    today = today or datetime.date.today()
    name = leaf.name
    problems: list[str] = []
    if isinstance(leaf, ParameterScale):
        return [f"{name}: scales are not used in this package; use dated leaves"]
    for part in name.split("."):
        if not NAME_PATTERN.match(part):
            problems.append(f"{name}: '{part}' is not ASCII snake_case")
    if not (leaf.description or "").strip():
        problems.append(f"{name}: missing Indonesian description")
    if not (leaf.documentation or "").strip():
        problems.append(f"{name}: missing English documentation")
    metadata = leaf.metadata or {}
    if not str(metadata.get("label_en", "")).strip():
        problems.append(f"{name}: missing metadata.label_en")
    unit = inherited_unit(leaf, ancestors)
    if unit is None:
        problems.append(f"{name}: no unit (on the leaf or an ancestor node)")
    elif unit not in UNITS:
        problems.append(f"{name}: unknown unit '{unit}'")
    elif not metadata.get("unit"):
        problems.append(
            f"{name}: metadata.unit only on an ancestor node; write it on the leaf"
            " (openfisca-core does not pass node metadata down)"
        )
    references = metadata.get("reference")
    if not isinstance(references, dict):
        problems.append(f"{name}: metadata.reference must map each value date to references")
        references = {}
    for date in _value_dates(leaf):
        entries = references.get(date)
        if isinstance(entries, dict):
            entries = [entries]
        if not entries or not all(str((e or {}).get("title", "")).strip() for e in entries):
            problems.append(f"{name}: value of {date} has no reference with a title")
    for date in references:
        if str(date) not in _value_dates(leaf):
            problems.append(f"{name}: reference for {date}, which is not a value date")
    checked = metadata.get("last_checked")
    checked_date = _check_date(name, "metadata.last_checked", checked, today, problems)
    for date, entries in references.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            if not isinstance(entry, dict) or "last_checked" not in entry:
                continue
            where = f"reference of {date}: last_checked"
            entry_date = _check_date(name, where, entry["last_checked"], today, problems)
            if entry_date and checked_date and entry_date < checked_date:
                problems.append(
                    f"{name}: {where} {entry['last_checked']} is older than the leaf's"
                    f" last_checked {checked} (a value check only records a later check)"
                )
    if unit == MONEY_UNIT:
        for value in leaf.values_list:
            if value.value is not None and (
                isinstance(value.value, bool) or not isinstance(value.value, int)
            ):
                problems.append(
                    f"{name}: money value {value.value!r} at {value.instant_str}"
                    " is not whole rupiah"
                )
    return problems


def _check_date(name, where, value, today, problems) -> datetime.date | None:
    """The ISO date ``value``, or None after recording why it is not a valid check date."""
    try:
        checked = datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{name}: {where} must be an ISO date, got {value!r}")
        return None
    if checked > today:
        problems.append(f"{name}: {where.split('metadata.')[-1]} {value} is in the future")
    return checked


def iter_nodes(node) -> Iterator[ParameterNode]:
    """Every node below ``node`` (not ``node`` itself)."""
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield child
            yield from iter_nodes(child)


def check_parameters(root: ParameterNode, today: datetime.date | None = None) -> list[str]:
    today = today or datetime.date.today()
    problems: list[str] = []
    for node in iter_nodes(root):
        if (node.metadata or {}).get("unit"):
            problems.append(
                f"{node.name}: metadata.unit on a node is not passed to its leaves;"
                " write it on each leaf"
            )
    for leaf, ancestors in iter_leaves(root):
        problems.extend(check_parameter_leaf(leaf, ancestors, today))
    return problems


def leaves_without_own_unit(root: ParameterNode) -> list[str]:
    """Leaves whose own ``metadata["unit"]`` is missing: what Python and the Web API show."""
    return [leaf.name for leaf, _ in iter_leaves(root) if not (leaf.metadata or {}).get("unit")]


def _formula_numbers(function) -> list[object]:
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
            and node.value not in ALLOWED_FORMULA_NUMBERS
        ):
            found.append(node.value)
    return found


def check_variable(variable) -> list[str]:
    name = variable.name
    problems: list[str] = []
    if not NAME_PATTERN.match(name):
        problems.append(f"{name}: not ASCII snake_case")
    if not (variable.label or "").strip():
        problems.append(f"{name}: missing Indonesian label")
    if not ((variable.documentation or "").strip() or variable.reference):
        problems.append(f"{name}: needs documentation or a reference")
    if variable.unit is not None and variable.unit not in UNITS:
        problems.append(f"{name}: unknown unit '{variable.unit}'")
    if variable.unit == MONEY_UNIT and variable.value_type is not int:
        problems.append(f"{name}: money must be int rupiah, not {variable.value_type.__name__}")
    source_file = (variable.introspection_data or ("",))[0] or ""
    is_input_file = INPUT_FOLDER in Path(source_file).parts
    has_formula = bool(variable.formulas)
    if is_input_file and has_formula:
        problems.append(f"{name}: input variable (in {INPUT_FOLDER}/) must not have a formula")
    if not is_input_file and not has_formula:
        problems.append(f"{name}: variable without a formula belongs in a {INPUT_FOLDER}/ folder")
    for formula in variable.formulas.values():
        numbers = _formula_numbers(formula)
        if numbers:
            problems.append(f"{name}: numbers {numbers} in a formula; make them dated parameters")
    return problems


def check_variables(tax_benefit_system) -> list[str]:
    problems: list[str] = []
    for variable in tax_benefit_system.variables.values():
        problems.extend(check_variable(variable))
    return problems
