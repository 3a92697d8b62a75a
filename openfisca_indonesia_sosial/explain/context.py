"""One traced simulation of one month, and the reading of the verdicts it computed.

A verdict is the value of a rule variable for one family or person. What makes it readable
comes from the simulation tracer, never from a second copy of the rule: the variables the
verdict's formula read (its *conditions*: the boolean ones that are false are the reasons it
failed), and the parameters it read (the thresholds quoted in a sentence and cited with their
legal references). When a formula changes, the trace changes with it.
"""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.explain.parameters import parameter_info


class Context:
    """One traced simulation of one month, with arrays, parameters and trace nodes cached."""

    def __init__(self, system, simulation, month: str) -> None:
        self.system = system
        self.simulation = simulation
        self.month = month
        self.instant = f"{month}-01"
        self.year = month[:4]
        self.arrays: dict[tuple[str, str], np.ndarray] = {}
        self.params: dict[tuple[str, str], dict | None] = {}
        self.traced: dict[str, set[str]] = {}
        self.nodes: dict[tuple[str, str], object] = {}
        self.indexed_trees = 0
        persons = simulation.persons
        self.person_key = persons.entity.key
        self.families = simulation.get_population("daftar_keluarga")
        self.person_ids = [str(i) for i in persons.ids]
        self.family_ids = [str(i) for i in self.families.ids]
        self.family_of = np.asarray(self.families.members_entity_id)
        self.roles = [role.key for role in self.families.members_role]

    # --- values -------------------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.system.variables

    def value(self, name: str, period: str | None = None) -> np.ndarray:
        period = period or self.month
        key = (name, period)
        if key not in self.arrays:
            variable = self.system.variables[name]
            array = self.simulation.calculate(name, period)
            if variable.value_type.__name__ == "Enum":
                array = np.asarray(array.decode_to_str())
            self.arrays[key] = np.asarray(array)
        return self.arrays[key]

    def at(self, name: str, index: int, entity: str) -> object:
        """Plain value of ``name`` for unit ``index`` of ``entity``; a person reads his
        family's value of a family variable. ``None`` where there is no single value (a
        family reading its members)."""
        variable_entity = self.system.variables[name].entity.key
        if variable_entity == entity:
            return _plain(self.value(name)[index])
        if entity == self.person_key:
            return _plain(self.value(name)[self.family_of[index]])
        return None

    def param(self, path: str, instant: str | None = None) -> dict | None:
        instant = instant or self.instant
        key = (path, instant)
        if key not in self.params:
            self.params[key] = parameter_info(self.system, path, instant)
        return self.params[key]

    def pvalue(self, path: str, default=None):
        info = self.param(path)
        return default if info is None else info["value"]

    def formula_start(self, name: str) -> str | None:
        formulas = getattr(self.system.variables[name], "formulas", None)
        if not formulas:
            return None
        return min(str(key) for key in formulas)

    # --- the trace ----------------------------------------------------------------------------

    def trace_program(self, program: str, names) -> None:
        """Compute ``names`` with the tracer on; remember the parameters the formulas read."""
        tracer = self.simulation.tracer
        before = len(tracer.trees)
        for name in names:
            if self.has(name):
                self.value(name)
        found: set[str] = set()
        for tree in tracer.trees[before:]:
            for node in _preorder(tree):
                found.update(parameter.name for parameter in node.parameters)
        self.traced[program] = found

    def node(self, name: str):
        """The trace node where ``name`` was computed for the month (``None`` if it never
        was, or came from the inputs)."""
        key = (name, self.month)
        if key not in self.nodes:
            self.value(name)
            trees = self.simulation.tracer.trees
            for tree in trees[self.indexed_trees :]:
                for node in _preorder(tree):
                    # the first node of a variable is where it was computed; later ones are
                    # reads of the cached value
                    self.nodes.setdefault((node.name, str(node.period)), node)
            self.indexed_trees = len(trees)
        return self.nodes.get(key)

    def reads(self, name: str) -> list[str]:
        """The variables the formula of ``name`` read this month, in reading order."""
        node = self.node(name)
        if node is None:
            return []
        return list(dict.fromkeys(child.name for child in node.children))

    def parameters_read(self, name: str) -> dict:
        """The parameters (path -> value) the formula of ``name`` read this month."""
        node = self.node(name)
        if node is None:
            return {}
        return {parameter.name: _plain(parameter.value) for parameter in node.parameters}

    def reading(self, name: str, index: int, entity: str, depth: int = 2) -> dict:
        """What the verdict ``name`` rests on for one unit: the values of the variables its
        formula read and the parameters it read; down to ``depth``, the same for the boolean
        verdicts among them (its conditions)."""
        values: dict[str, object] = {}
        parameters: dict[str, object] = {}
        level = [name]
        for _ in range(depth):
            following = []
            for current in level:
                parameters.update(self.parameters_read(current))
                for child in self.reads(current):
                    if child in values:
                        continue
                    value = self.at(child, index, entity)
                    if value is not None:
                        values[child] = value
                        if isinstance(value, bool):
                            following.append(child)
            level = following
        return {"values": values, "parameters": parameters}

    def failed(self, name: str, index: int, entity: str) -> list[str]:
        """The boolean conditions of the verdict ``name`` that are false for one unit: the
        variables its formula read that say no. An AND of conditions fails on these."""
        return [
            child
            for child in self.reads(name)
            if self.system.variables[child].value_type is bool
            and self.at(child, index, entity) is False
        ]

    def parameters_of(self, program: str, explicit, conditions=()) -> dict:
        """Parameters behind ``program``'s result: those the explanation cites (``decisive``)
        and those the tracer saw its formulas read."""
        decisive = set(explicit)
        for item in conditions:
            decisive.update(item.get("parameters", ()))
        result = {}
        for path in sorted(decisive | self.traced.get(program, set())):
            info = self.param(path)
            if info is not None:
                result[path] = {**info, "decisive": path in decisive}
        return result


def condition(key: str, held: bool, indonesian: str, english: str, values=None, parameters=()):
    return {
        "key": key,
        "held": bool(held),
        "id": indonesian,
        "en": english,
        "values": values or {},
        "parameters": list(parameters),
    }


def _preorder(tree):
    """The nodes of a trace tree in the order their calculations started."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _plain(value):
    """A JSON-ready Python value (dates as ISO text)."""
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, bytes):
        return value.decode()
    return value
