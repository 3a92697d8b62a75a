"""Computing a reform from the baseline's results: only what the reform can change.

A parametric reform such as ``sembako_300rb`` changes one amount; recomputing every
variable of every month for it doubled the cost of a run. Here the baseline is computed with
a :class:`DependencyRecorder`, which notes, for every variable, the variables its formula
read and the parameters it touched, *on this very population*. A variable is *affected* by a
reform when the reform redefines it, when it touched a parameter whose values the reform
changed, or when it read an affected variable. The reform's simulation then starts with the
baseline's arrays of every unaffected variable (shared, not copied) and computes only the
affected ones.

Why this is exact: a formula is a deterministic function of what it reads through the
simulation (variables, parameter values, the period). If nothing it read differs, the reform
runs it along the same path, reading the same things, and returns the same array. Branches not
taken on this population are not recorded, and need not be: a branch is chosen by values the
formula read, so the reform takes the same one. Parameter values are recorded where they are
read: a leaf by its path; a node read as a whole (vectorial indexing by an array, iteration,
membership, private attributes) by the node's path, which then stands for every parameter
under it.
"""

from __future__ import annotations

from collections import defaultdict

from openfisca_core import parameters as core_parameters
from openfisca_core.data_storage import InMemoryStorage
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.simulations import Simulation
from openfisca_core.tracers import SimpleTracer

from openfisca_indonesia_sosial.law.code_health import iter_leaves

_NODES = (core_parameters.ParameterNodeAtInstant, core_parameters.VectorialParameterNodeAtInstant)


class DependencyRecorder(SimpleTracer):
    """A tracer that keeps, per variable name, the variables and parameters it read."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: dict[str, set[str]] = defaultdict(set)
        self.parameters: dict[str, set[str]] = defaultdict(set)

    def record_calculation_start(self, variable, period) -> None:
        # a calculate() of a cached value is recorded too: the edge exists all the same
        if self.stack:
            self.variables[self.stack[-1]["name"]].add(variable)
        super().record_calculation_start(variable, period)

    def touch(self, name: str) -> None:
        if self.stack:
            self.parameters[self.stack[-1]["name"]].add(name)


class _RecordingNode:
    """A parameter node at an instant that reports each child it hands out."""

    __slots__ = ("_node", "_path", "_recorder")

    def __init__(self, node, path: str, recorder: DependencyRecorder) -> None:
        self._node = node
        self._path = path
        self._recorder = recorder

    def _child(self, child, key):
        if not isinstance(key, str):  # vectorial access reads the whole node
            self._recorder.touch(self._path)
            path = self._path
        else:
            path = f"{self._path}.{key}" if self._path else key
        if isinstance(child, _NODES):
            return _RecordingNode(child, path, self._recorder)
        self._recorder.touch(path)
        return child

    def __getattr__(self, key):
        child = getattr(self._node, key)
        if key.startswith("_"):  # not a child: whatever it reveals, it reveals the node
            self._recorder.touch(self._path)
            return child
        return self._child(child, key)

    def __getitem__(self, key):
        return self._child(self._node[key], key)

    def __contains__(self, key) -> bool:
        self._recorder.touch(self._path)
        return key in self._node

    def __iter__(self):
        self._recorder.touch(self._path)
        return iter(self._node)


def record_dependencies(simulation) -> DependencyRecorder:
    """Make ``simulation`` record what each formula reads; returns the recorder."""
    recorder = DependencyRecorder()
    system = simulation.tax_benefit_system

    def parameters_at(instant):
        return _RecordingNode(system.get_parameters_at_instant(instant), "", recorder)

    # Simulation routes formulas to trace_parameters_at_instant when trace is set; the
    # property setter would install a FullTracer (which keeps every value), so set the flag.
    simulation._trace = True
    simulation.tracer = recorder
    simulation.trace_parameters_at_instant = parameters_at
    return recorder


def stop_recording(simulation) -> None:
    """Back to plain calculation (the recorder keeps what it saw)."""
    simulation.trace = False
    simulation.__dict__.pop("trace_parameters_at_instant", None)


def _leaves(parameters) -> dict[str, tuple]:
    """``{path: value history}`` of every parameter (a scale: its brackets' histories)."""
    return {leaf.name: _history(leaf) for leaf, _ in iter_leaves(parameters)}


def _history(leaf) -> tuple:
    if isinstance(leaf, core_parameters.ParameterScale):
        return tuple(
            (name, _history(parameter))
            for bracket in leaf.brackets
            for name, parameter in sorted(bracket.children.items())
        )
    return tuple((value.instant_str, value.value) for value in leaf.values_list)


def changed_parameters(base_system, reform_system) -> set[str]:
    """Paths of the parameters whose dated values differ (or exist in one system only)."""
    if reform_system.parameters is base_system.parameters:
        return set()
    base = _leaves(base_system.parameters)
    reform = _leaves(reform_system.parameters)
    return {path for path in base.keys() | reform.keys() if base.get(path) != reform.get(path)}


def changed_variables(base_system, reform_system) -> set[str]:
    """Variables the reform adds, removes or redefines."""
    base, reform = base_system.variables, reform_system.variables
    return {name for name in base.keys() | reform.keys() if base.get(name) is not reform.get(name)}


def affected_variables(recorder: DependencyRecorder, base_system, reform_system) -> set[str]:
    """Every variable whose value the reform may change (see the module docstring)."""
    params = changed_parameters(base_system, reform_system)
    affected = set(changed_variables(base_system, reform_system))
    for name, touched in recorder.parameters.items():
        if any(p == t or p.startswith(t + ".") for t in touched for p in params):
            affected.add(name)
    readers = defaultdict(set)
    for reader, read in recorder.variables.items():
        for name in read:
            readers[name].add(reader)
    pending = list(affected)
    while pending:
        for reader in readers.get(pending.pop(), ()):
            if reader not in affected:
                affected.add(reader)
                pending.append(reader)
    return affected


def derive(simulation, reform_system, affected: set[str], inputs: set[str]):
    """A simulation of ``reform_system`` on the same population, holding the baseline's
    arrays (shared) of every variable not in ``affected``. Returns None when the reform
    redefines one of the ``inputs`` (its stored values may not fit the new definition):
    then build the reform's simulation from the population instead."""
    if affected & inputs:
        return None
    populations = {}
    persons = simulation.persons
    new_persons = Population(reform_system.person_entity)
    new_persons.count, new_persons.ids = persons.count, persons.ids
    populations[new_persons.entity.key] = new_persons
    for entity in reform_system.group_entities:
        old = simulation.populations[entity.key]
        new = GroupPopulation(entity, new_persons)
        new.count, new.ids = old.count, old.ids
        new._members_entity_id = old._members_entity_id
        new._members_role = old._members_role
        new._members_position = old._members_position
        new._ordered_members_map = old._ordered_members_map
        populations[entity.key] = new
    derived = Simulation(reform_system, populations)
    for key, old in simulation.populations.items():
        new = populations[key]
        for attribute, value in old.__dict__.items():
            if attribute.startswith("bansos_"):  # the package's per-population caches
                new.__dict__[attribute] = dict(value) if isinstance(value, dict) else value
        for name, holder in old._holders.items():
            if name in affected:
                continue
            copy = new.get_holder(name)
            storage = InMemoryStorage(is_eternal=holder._memory_storage.is_eternal)
            storage._arrays = dict(holder._memory_storage._arrays)
            copy._memory_storage = storage
    return derived
