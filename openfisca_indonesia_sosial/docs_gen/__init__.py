"""The documentation site's generated pages, built from the package itself.

``generate()`` returns every generated page (parameters, variables, timeline, assumptions,
reform catalogue, API reference) as Markdown keyed by its path under ``docs/``, with the
navigation for them. The mkdocs hook (``docs_gen/mkdocs_hook.py``, named in ``mkdocs.yml``)
adds them to the build, so generated pages are never committed; ``python -m
openfisca_indonesia_sosial.docs_gen --out DIR`` writes them to disk for inspection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from openfisca_indonesia_sosial.docs_gen import openapi, questions, reforms, timeline
from openfisca_indonesia_sosial.docs_gen import parameters as parameter_pages
from openfisca_indonesia_sosial.docs_gen import readings as reading_page
from openfisca_indonesia_sosial.docs_gen import validation as validation_page
from openfisca_indonesia_sosial.docs_gen import variables as variable_pages
from openfisca_indonesia_sosial.docs_gen._markdown import bi, link
from openfisca_indonesia_sosial.paths import PARAMETERS_DIR

REFERENCE_INDEX = "reference/index.md"

#: variables/ folder -> hand-written program page
PROGRAM_PAGES = {
    "pkh": "programs/pkh.md",
    "sembako": "programs/sembako.md",
    "bantuan_tambahan": "programs/sembako.md",
    "pbi_jk": "programs/pbi_jk.md",
    "atensi": "programs/atensi.md",
}


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    files: dict[str, str] = field(default_factory=dict)  # other generated files (JSON)
    reference_nav: list = field(default_factory=list)
    parameters: dict = field(default_factory=dict)
    variables: dict = field(default_factory=dict)


def repository_root() -> Path:
    return PARAMETERS_DIR.parent


def _reference_index(site: Site) -> str:
    page = REFERENCE_INDEX
    return "\n".join(
        [
            f"# {bi('Referensi', 'Reference')}",
            "",
            "Halaman-halaman ini dibuat dari paket saat situs dibangun; jangan disunting.  ",
            "*These pages are generated from the package when the site is built; do not edit "
            "them: edit the YAML parameters, the variables or the reforms instead.*",
            "",
            f"- {link(page, parameter_pages.ROOT_PAGE, bi('Parameter', 'Parameters'))}: "
            f"{len(site.parameters)} {bi('daun bertanggal', 'dated leaves')}",
            f"- {link(page, variable_pages.ROOT_PAGE, bi('Variabel', 'Variables'))}: "
            f"{len(site.variables)}",
            f"- {link(page, timeline.PAGE, bi('Linimasa aturan', 'Rules timeline'))}",
            "- "
            + link(
                page,
                questions.PAGE,
                bi("Asumsi dan pertanyaan terbuka", "Assumptions and open questions"),
            ),
            f"- {link(page, reforms.PAGE, bi('Katalog reformasi', 'Reform catalogue'))}",
            f"- {link(page, openapi.PAGE, bi('Referensi Web API', 'Web API reference'))}",
            "",
        ]
    )


def generate(
    system=None,
    docs_dir: Path | None = None,
    tests_dir: Path | None = None,
    with_openapi: bool = True,
) -> Site:
    """Every generated page. ``docs_dir`` (for program pages) and ``tests_dir`` are optional."""
    if system is None:
        from openfisca_indonesia_sosial.system import baseline

        system = baseline()
    root = repository_root()
    if tests_dir is None and (root / "tests").is_dir():
        tests_dir = root / "tests"
    site = Site()

    leaves = parameter_pages.collect(system.parameters, root)
    infos = variable_pages.collect(system, leaves, root, tests_dir)
    site.parameters, site.variables = leaves, infos
    variable_page_of = {name: info.page for name, info in infos.items()}
    parameter_page_of = {name: info.page for name, info in leaves.items()}

    # parameters
    site.pages[parameter_pages.ROOT_PAGE] = ""  # filled below, keeps nav order
    by_folder: dict[str, list] = {}
    for info in leaves.values():
        by_folder.setdefault(info.folder, []).append(info)
        site.pages[info.page] = parameter_pages.render_leaf(info, variable_page_of)
    parameter_nav: list = [parameter_pages.ROOT_PAGE]
    for folder in sorted(by_folder):
        node = system.parameters.children[folder]
        page = parameter_pages.folder_page(folder)
        site.pages[page] = parameter_pages.render_folder(folder, node, by_folder[folder])
        entries = [page] + [
            {info.name.split(".", 1)[1]: info.page}
            for info in sorted(by_folder[folder], key=lambda i: i.name)
        ]
        parameter_nav.append({folder: entries})
    site.pages[parameter_pages.ROOT_PAGE] = parameter_pages.render_root(
        system.parameters, by_folder
    )

    # variables
    variable_folders: dict[str, list] = {}
    for info in infos.values():
        variable_folders.setdefault(info.folder, []).append(info)
        site.pages[info.page] = variable_pages.render_variable(info, infos, parameter_page_of)
    variable_nav: list = [variable_pages.ROOT_PAGE]
    for folder in sorted(variable_folders):
        page = variable_pages.folder_page(folder)
        program_page, program_title = PROGRAM_PAGES.get(folder), None
        if program_page and docs_dir is not None and (docs_dir / program_page).is_file():
            first = (docs_dir / program_page).read_text(encoding="utf-8").lstrip().splitlines()
            program_title = first[0].lstrip("# ").strip() if first else None
        else:
            program_page = None
        site.pages[page] = variable_pages.render_folder(
            folder, variable_folders[folder], program_page, program_title
        )
        entries = [page] + [
            {info.name: info.page}
            for info in sorted(variable_folders[folder], key=lambda i: i.name)
        ]
        variable_nav.append({folder: entries})
    site.pages[variable_pages.ROOT_PAGE] = variable_pages.render_root(variable_folders)

    # timeline, assumptions, reforms, API
    site.pages[timeline.PAGE] = timeline.render(leaves)
    nodes = {}

    def walk(node, prefix):
        for key, child in node.children.items():
            if hasattr(child, "children"):
                name = f"{prefix}{key}"
                nodes[name] = (child, parameter_pages.folder_page(name.split(".")[0]))
                walk(child, f"{name}.")

    walk(system.parameters, "")
    shipped = reforms.collect(system)
    found = questions.collect(leaves, infos, nodes, docs_dir, shipped)
    site.pages[questions.PAGE] = questions.render(found, leaves)
    site.pages[validation_page.PAGE] = validation_page.render()
    site.pages[reforms.PAGE] = reforms.render(shipped, leaves, docs_dir)
    site.pages[reading_page.PAGE] = reading_page.render(leaves)
    if with_openapi:
        spec, origin = openapi.load_spec(system)
        site.pages[openapi.PAGE] = openapi.render(spec, origin)
        if spec is not None:
            site.files[openapi.JSON_FILE] = json.dumps(spec, indent=2, ensure_ascii=False)
    site.pages[REFERENCE_INDEX] = _reference_index(site)

    site.reference_nav = [
        REFERENCE_INDEX,
        {bi("Parameter", "Parameters").replace("*", ""): parameter_nav},
        {bi("Variabel", "Variables").replace("*", ""): variable_nav},
        {"Perubahan per reformasi / Reform changes": reforms.PAGE},
    ]
    if with_openapi:
        site.reference_nav.append({"Web API (OpenAPI)": openapi.PAGE})
    return site


def write(site: Site, out: Path) -> None:
    for path, content in {**site.pages, **site.files}.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
