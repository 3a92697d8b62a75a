"""The core install needs only what the law needs; each extra covers what its rooms import.

setup.py declares ``CORE`` (install_requires) and ``EXTRAS`` (``[microsim]``, ``[scale]``,
``[api]``, ``[docs]``; ``[all]`` and ``[dev]`` are built from them). Read from setup.py itself,
these tests fail when a core path starts importing an extra's module eagerly, when a room
imports a third-party module its install does not bring, or when the command line's table of
extras (cli.EXTRA_MODULES) drifts from setup.py.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from openfisca_indonesia_sosial.cli import EXTRA_MODULES, missing_extra

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "openfisca_indonesia_sosial"
LAW_DIRS = ("variables", "reforms")

#: Which install each room of the package is for. A room absent here fails the test: a new
#: room must say whether it is core or which extra it belongs to.
ROOM_INSTALL = {
    "__init__": "core",
    "__main__": "core",
    "api": "api",
    "cli": "core",
    "data": "core",
    "delivery": "microsim",
    "docs_gen": "docs",
    "embed": "core",
    "examples": "core",
    "explain": "core",
    "law": "core",
    "metrics": "microsim",
    "microsim": "microsim",
    "official": "microsim",
    "paths": "core",
    "synthetic": "core",
    "programs": "core",
    "reform": "core",
    "registry": "scale",
    "report": "microsim",
    "scale": "scale",
    "simulation": "core",
    "situations": "core",
    "system": "core",
    "variables": "core",
    "reforms": "core",
}
#: Commands of the core command line that run an extra: their module's imports belong to it.
FILE_INSTALL = {
    "cli/serve.py": "api",
    "cli/batch.py": "scale",
    "cli/registry.py": "scale",
    "cli/simulate.py": "microsim",
    "cli/readings.py": "microsim",
    "cli/validation.py": "microsim",
}


def _setup_lists() -> dict:
    """CORE, EXTRAS and DEV as setup.py writes them (literals; nothing is executed)."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("CORE", "EXTRAS", "DEV"):
                    found[target.id] = ast.literal_eval(node.value)
    assert set(found) == {"CORE", "EXTRAS", "DEV"}, "setup.py must declare CORE, EXTRAS, DEV"
    return found


SETUP = _setup_lists()


def _closure(requirements) -> frozenset[str]:
    """Every installed distribution the requirements bring, following extras and markers."""
    seen: set[tuple[str, frozenset]] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            declared = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        extras = requirement.extras or {""}
        for line in declared:
            child = Requirement(line)
            if child.marker is None or any(child.marker.evaluate({"extra": e}) for e in extras):
                todo.append(child)
    return frozenset(name for name, _ in seen)


@cache
def _install(name: str) -> frozenset[str]:
    if name == "core":
        return _closure(SETUP["CORE"])
    return _closure(SETUP["CORE"] + SETUP["EXTRAS"][name])


@cache
def _module_distributions() -> dict[str, set[str]]:
    return {
        module: {canonicalize_name(d) for d in dists}
        for module, dists in metadata.packages_distributions().items()
    }


def _modules_of(distributions) -> set[str]:
    return {
        module
        for module, dists in _module_distributions().items()
        if dists & set(distributions) and not module.startswith("_")
    }


def _optional_imports(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside ``try: ... except ImportError`` (or
    ModuleNotFoundError): optional by construction, the module working without them."""
    optional = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        caught = set()
        for handler in node.handlers:
            kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            caught.update(k.id for k in kinds if isinstance(k, ast.Name))
        if caught & {"ImportError", "ModuleNotFoundError"}:
            for statement in node.body:
                optional.update(id(n) for n in ast.walk(statement))
    return optional


def _third_party_imports(path: Path) -> set[str]:
    names = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    optional = _optional_imports(tree)
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return {
        n
        for n in names
        if n not in sys.stdlib_module_names
        and n not in ("openfisca_indonesia_sosial", "__future__")
    }


def _package_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        yield relative.parts[0].removesuffix(".py"), relative.as_posix(), path
    for law_dir in LAW_DIRS:
        for path in sorted((ROOT / law_dir).rglob("*.py")):
            yield law_dir, f"{law_dir}/{path.relative_to(ROOT / law_dir).as_posix()}", path


def test_every_third_party_import_comes_with_its_rooms_install():
    problems = []
    for room, relative, path in _package_files():
        if room not in ROOM_INSTALL:
            problems.append(f"{relative}: room {room!r} has no install in ROOM_INSTALL")
            continue
        install = FILE_INSTALL.get(relative, ROOM_INSTALL[room])
        brought = _install(install)
        for module in sorted(_third_party_imports(path)):
            dists = _module_distributions().get(module)
            if not dists:
                problems.append(f"{relative}: {module!r} is not installed in this environment")
            elif not dists & brought:
                problems.append(f"{relative}: {module!r} is not brought by the {install} install")
    assert not problems, "\n".join(problems)


def test_the_extras_are_what_the_extras_say():
    extras = SETUP["EXTRAS"]
    assert set(extras) == {"microsim", "scale", "api", "docs"}
    core = {canonicalize_name(Requirement(r).name) for r in SETUP["CORE"]}
    # the reason for the split: none of these is needed by the law and its doors
    for heavy in ("dask", "distributed", "plotly", "waitress", "mkdocs", "mkdocs-material"):
        assert heavy not in _install("core"), heavy
    assert not core & {canonicalize_name(Requirement(r).name) for r in SETUP["DEV"]}
    # scale runs the same scenarios as microsim, on a cluster
    assert _install("microsim") <= _install("scale")


def test_the_command_line_names_the_extra_that_brings_a_module():
    for extra, modules in EXTRA_MODULES.items():
        assert extra in SETUP["EXTRAS"], extra
        extra_only = _install(extra) - _install("core")
        assert set(modules) == _modules_of(extra_only) & set(modules), (extra, modules)
        for module in modules:
            assert module not in _modules_of(_install("core")), module
            assert missing_extra(f"{module}.sub", None) is not None
    # every module an extra brings that the package imports is in the table
    imported = set().union(*(_third_party_imports(path) for _, _, path in _package_files()))
    for extra in SETUP["EXTRAS"]:
        wanted = _modules_of(_install(extra) - _install("core")) & imported
        assert wanted <= set(EXTRA_MODULES.get(extra, ())), (extra, wanted)
    assert missing_extra("dask", "batch") == "scale"
    assert missing_extra("dask", "simulate") == "scale"  # only a tcp:// cluster needs it
    assert missing_extra("distributed", "simulate") == "scale"
    assert missing_extra("pandas", "serve") is None


#: The core paths, run with every module of the extras made unimportable, as in a core-only
#: install: an eager import of an extra fails the run. (Libraries that try an optional module
#: and carry on without it, as pyarrow does with cloudpickle, are unaffected, as they would be.)
CORE_PATHS = textwrap.dedent(
    """
    import json, sys

    blocked = set(json.loads(sys.argv[2]))
    tried = []


    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in blocked:
                tried.append(name)
                raise ModuleNotFoundError(f"blocked: {name}", name=name)


    sys.meta_path.insert(0, Blocker())
    sys.path.insert(0, sys.argv[1])
    import openfisca_indonesia_sosial as package
    from openfisca_indonesia_sosial import CountryTaxBenefitSystem, hitung, hitung_tabel, jelaskan
    from openfisca_indonesia_sosial.examples import EXAMPLES
    from api_helpers import INDIVIDU, KELUARGA, MONTH

    CountryTaxBenefitSystem()
    situation = EXAMPLES[0].situation()
    assert hitung(situation, ["pkh_bantuan"], "2024-01")["daftar_keluarga"]
    assert hitung(situation, ["sembako_bantuan"], "2024-01", reform="sembako_300rb")
    assert jelaskan(situation, month="2024-01")["families"]
    keluarga, individu, rejects = hitung_tabel(INDIVIDU, KELUARGA, month=MONTH)
    assert len(keluarga) and rejects.empty
    import openfisca_indonesia_sosial.cli  # bansos and its --help
    from openfisca_indonesia_sosial.api import create_app
    create_app()  # the Web API app, without its production server
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    print(json.dumps({"loaded": loaded, "tried": sorted(set(tried))}))
    """
)


def _extras_only_modules() -> set[str]:
    every_extra = set().union(*(_install(extra) for extra in SETUP["EXTRAS"]))
    every_extra |= _closure(SETUP["DEV"])
    return _modules_of(every_extra - _install("core"))


def test_core_paths_run_without_any_extra():
    blocked = _extras_only_modules()
    assert {"dask", "distributed", "plotly", "waitress", "mkdocs", "material"} <= blocked
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            CORE_PATHS,
            str(ROOT / "tests" / "api"),
            json.dumps(sorted(blocked)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    answer = json.loads(completed.stdout.strip().splitlines()[-1])
    assert not set(answer["loaded"]) & blocked, sorted(set(answer["loaded"]) & blocked)
    # only optional imports of third-party libraries were refused, never one of the extras
    assert not {name.split(".")[0] for name in answer["tried"]} & {
        "dask",
        "distributed",
        "plotly",
        "waitress",
        "mkdocs",
        "material",
    }, answer["tried"]


def test_a_command_missing_its_extra_says_which_to_install(tmp_path):
    # waitress is blocked as if it were not installed: bansos serve names [api] in one line
    script = (
        "import sys; sys.modules['waitress'] = None; sys.argv = ['bansos', 'serve']\n"
        "from openfisca_indonesia_sosial.cli import main; main()"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 2, completed.stderr[-2000:]
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert "[api]" in lines[0] and "pip install 'openfisca-indonesia-sosial[api]'" in lines[0]
    assert "Traceback" not in completed.stderr


def test_an_import_guarded_by_import_error_is_optional(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(
        "import yaml\n"
        "try:\n    import numba\nexcept ImportError:\n    numba = None\n"
        "try:\n    import dask\nexcept (ValueError, ModuleNotFoundError):\n    pass\n"
        "try:\n    import duckdb\nexcept ValueError:\n    pass\n",
        encoding="utf-8",
    )
    assert _third_party_imports(source) == {"yaml", "duckdb"}
