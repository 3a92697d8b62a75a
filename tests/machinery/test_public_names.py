"""Every public name the README and the project contract mention still exists.

The redesign moves modules between rooms; a user's import, a contract variable or a
``bansos`` subcommand must not move with them. The README's Python blocks are read as they
are, so a name added there is checked too.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"
README = ROOT / "README.md"


def readme_imports() -> list[tuple[str, str]]:
    """``(module, name)`` of every ``from X import Y`` in the README's Python blocks."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    found = []
    for block in blocks:
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and node.module.startswith("openfisca_indonesia"):
                found += [(node.module, alias.name) for alias in node.names]
    return found


def test_the_readme_imports_something():
    assert len(readme_imports()) >= 3


@pytest.mark.parametrize("module, name", readme_imports())
def test_every_readme_import_resolves(module, name):
    assert hasattr(importlib.import_module(module), name), f"{module}.{name}"


def test_the_embedding_names_and_the_system():
    package = importlib.import_module("openfisca_indonesia_sosial")
    for name in ("CountryTaxBenefitSystem", "hitung", "hitung_tabel", "jelaskan", "__version__"):
        assert getattr(package, name) is not None
    api = importlib.import_module("openfisca_indonesia_sosial.api")
    assert callable(api.create_app) and api.ApiConfig


def contract_tables() -> dict[str, list[str]]:
    """Variable names in the contract's input and output tables (first backticked cell)."""
    if not CONTRACT.is_file():
        pytest.skip("the contract is not beside the checkout")
    text = CONTRACT.read_text(encoding="utf-8")
    names = {}
    for title in ("## Input variables", "## Output variables"):
        section = text.split(title, 1)[1].split("\n## ", 1)[0]
        names[title] = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    return names


#: Contract names added for work still open, with what they wait for. The test fails when one
#: of them appears (remove it from here) or when any other contract name is missing.
NOT_YET: dict[str, str] = {}


def test_every_contract_variable_exists(tbs):
    tables = contract_tables()
    assert sum(len(v) for v in tables.values()) >= 20
    missing = {name for names in tables.values() for name in names if name not in tbs.variables}
    assert missing == set(NOT_YET), missing ^ set(NOT_YET)


@pytest.mark.parametrize(
    "command",
    [
        ["simulate"],
        ["calculate"],
        ["serve"],
        ["population", "generate"],
        ["validate"],
        ["reforms"],
        ["batch"],
        ["demo"],
    ],
)
def test_every_contract_command_answers_help(command):
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_the_readme_integrator_example_computes_what_it_says():
    """Each ``simulation.calculate(...)  # [value]`` line of the example gives that value."""
    text = README.read_text(encoding="utf-8")
    (block,) = [
        b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "SimulationBuilder" in b
    ]
    namespace: dict = {}
    checks = []
    code = []
    for line in block.splitlines():
        claim = re.match(r"^(simulation\.calculate\(.*?\))\s+# (\[[^\]]*\])", line)
        if claim:
            checks.append(claim.groups())
        else:
            code.append(line)
    exec("\n".join(code), namespace)
    assert len(checks) >= 2
    for expression, expected in checks:
        result = eval(expression, namespace)
        # what the README shows is what print() shows: an EnumArray prints its item names
        assert str(result) == expected, (expression, str(result), expected)


def test_the_program_registry_names_real_variables_of_the_right_entity(tbs):
    from openfisca_indonesia_sosial.programs import PROGRAMS, headline_variables

    for entity, names in headline_variables().items():
        assert names, entity
        for name in names:
            assert tbs.variables[name].entity.key == entity, name
    for program in PROGRAMS:
        for name in (program.eligibility, program.amount):
            assert name is None or name in tbs.variables, (program.key, name)
