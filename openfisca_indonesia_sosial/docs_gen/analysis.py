"""What a formula reads: parameter leaves and variables, found by parsing its source.

Two patterns are recognised, as written throughout ``variables/``:

* parameter chains ``parameters(period).pkh.indeks.sd``, also through local aliases
  (``pkh = parameters(period).pkh`` then ``pkh.umur.lanjut_usia_minimum``) and constant
  subscripts (``desil_maksimum["pkh"]``); a chain that stops on a node (a dynamic subscript,
  a node passed whole) stands for every leaf below that node;
* variable reads ``entity("name", period)`` and ``entity.members("name", ...)``,
  ``individu.keluarga("name", ...)`` and similar, where ``entity`` is the formula's first
  argument.

Helpers of this package called with ``parameters`` (for example
``registri.dalam_band_registri(keluarga, period, parameters, "pkh")``) are followed into
their source with the call's constant arguments bound, so the registry switch appears on
every ``*_dalam_registri`` page.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from dataclasses import dataclass, field

PACKAGE = "openfisca_indonesia_sosial"
DYNAMIC = object()


@dataclass
class Reads:
    parameters: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)

    def update(self, other: Reads) -> None:
        self.parameters |= other.parameters
        self.variables |= other.variables
        self.helpers |= other.helpers


class _ParameterTree:
    """Resolves dotted paths against the loaded parameter tree."""

    def __init__(self, root) -> None:
        self.leaves: dict[str, object] = {}
        self.nodes: set[str] = set()

        def walk(node, prefix):
            for key, child in node.children.items():
                name = f"{prefix}{key}"
                if hasattr(child, "children"):
                    self.nodes.add(name)
                    walk(child, f"{name}.")
                else:
                    self.leaves[name] = child

        walk(root, "")

    def resolve(self, parts: list[str]) -> set[str]:
        """Leaves named by a chain: the leaf itself, or every leaf under the longest node."""
        found = ""
        for index in range(len(parts), 0, -1):
            candidate = ".".join(parts[:index])
            if candidate in self.leaves:
                return {candidate}
            if candidate in self.nodes:
                found = candidate
                break
        if not found:
            return set() if parts else set(self.leaves)
        return {name for name in self.leaves if name.startswith(found + ".")}


def _chain(node) -> tuple[ast.AST, list]:
    """Split ``base.a["b"].c`` into its base expression and its parts."""
    parts: list = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                parts.append(key.value)
            else:
                parts.append(DYNAMIC)
            node = node.value
        else:
            break
    return node, list(reversed(parts))


def _source_tree(function) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(function)))


class _Bind(ast.NodeTransformer):
    """Replace a helper's parameter names by the constants the call passed."""

    def __init__(self, constants: dict[str, str]) -> None:
        self.constants = constants

    def visit_Name(self, node):
        if node.id in self.constants and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Constant(self.constants[node.id]), node)
        return node


class _Analyser:
    def __init__(self, tree: _ParameterTree, variables: set[str]) -> None:
        self.tree = tree
        self.variables = variables
        self.seen: set[tuple] = set()

    def analyse(self, function, parameter_names, entity_names, constants=None) -> Reads:
        constants = constants or {}
        key = (function, frozenset(parameter_names), tuple(sorted(constants.items())))
        if key in self.seen:
            return Reads()
        self.seen.add(key)
        try:
            module = _source_tree(function)
        except (OSError, TypeError, SyntaxError):
            return Reads()
        if constants:
            module = ast.fix_missing_locations(_Bind(constants).visit(module))
        return self._analyse_tree(
            module, getattr(function, "__globals__", {}), parameter_names, entity_names
        )

    def _analyse_tree(self, module, globals_, parameter_names, entity_names) -> Reads:
        reads = Reads()
        aliases: dict[str, list] = {}

        def chain_path(node) -> list | None:
            """Parts of a chain rooted at ``parameters(...)`` or at an alias, else None."""
            base, parts = _chain(node)
            if (
                isinstance(base, ast.Call)
                and isinstance(base.func, ast.Name)
                and base.func.id in parameter_names
            ):
                return parts
            if isinstance(base, ast.Name) and base.id in aliases:
                return [*aliases[base.id], *parts]
            return None

        # Aliases of parameter nodes (``pkh = parameters(period).pkh``), in source order.
        alias_values: set[int] = set()
        for node in ast.walk(module):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    path = chain_path(node.value)
                    if path is not None and self._is_node(path):
                        aliases[target.id] = path
                        alias_values.add(id(node.value))

        parents: dict[int, ast.AST] = {}
        for node in ast.walk(module):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node

        for node in ast.walk(module):
            if isinstance(node, ast.Call):
                self._variable_call(node, entity_names, reads)
                self._helper_call(node, globals_, parameter_names, entity_names, reads)
            if not isinstance(node, ast.Attribute | ast.Subscript | ast.Name | ast.Call):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute | ast.Subscript) and parent.value is node:
                continue  # only the outermost link of a chain
            if id(node) in alias_values:
                continue
            if isinstance(node, ast.Name) and (
                node.id not in aliases or not isinstance(node.ctx, ast.Load)
            ):
                continue
            path = chain_path(node)
            if path is None:
                continue
            if isinstance(node, ast.Call) and not path:
                continue  # ``parameters(period)`` alone, as passed to a helper
            reads.parameters |= self._leaves(path)
        return reads

    def _is_node(self, path) -> bool:
        if any(part is DYNAMIC for part in path):
            return False
        return not path or ".".join(path) in self.tree.nodes

    def _leaves(self, path) -> set[str]:
        clean = []
        for part in path:
            if part is DYNAMIC:
                break
            clean.append(part)
        return self.tree.resolve(clean)

    def _variable_call(self, node: ast.Call, entity_names, reads: Reads) -> None:
        if not node.args:
            return
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            return
        if first.value not in self.variables:
            return
        root, _ = _chain(node.func)
        if isinstance(root, ast.Name) and root.id in entity_names:
            reads.variables.add(first.value)

    def _helper_call(self, node, globals_, parameter_names, entity_names, reads) -> None:
        if not isinstance(node.func, ast.Name):
            return
        passes = [
            i
            for i, arg in enumerate(node.args)
            if isinstance(arg, ast.Name) and arg.id in parameter_names
        ]
        if not passes:
            return
        helper = globals_.get(node.func.id)
        if not inspect.isfunction(helper) or not helper.__module__.startswith(PACKAGE):
            return
        names = list(inspect.signature(helper).parameters)
        helper_parameters, helper_entities, constants = set(), set(), {}
        for index, argument in enumerate(node.args[: len(names)]):
            name = names[index]
            if index in passes:
                helper_parameters.add(name)
            elif isinstance(argument, ast.Name) and argument.id in entity_names:
                helper_entities.add(name)
            elif isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                constants[name] = argument.value
        reads.helpers.add(f"{helper.__module__}.{helper.__name__}")
        reads.update(self.analyse(helper, helper_parameters, helper_entities, constants))


def formula_reads(variable, parameters_root, variable_names: set[str]) -> Reads:
    """Every parameter leaf and variable read by any of ``variable``'s dated formulas."""
    analyser = _Analyser(_ParameterTree(parameters_root), variable_names)
    reads = Reads()
    for formula in variable.formulas.values():
        arguments = list(inspect.signature(formula).parameters)
        entity_names = {arguments[0]} if arguments else set()
        parameter_names = {arguments[2]} if len(arguments) > 2 else set()
        reads.update(analyser.analyse(formula, parameter_names, entity_names, {}))
    reads.variables.discard(variable.name)
    return reads
