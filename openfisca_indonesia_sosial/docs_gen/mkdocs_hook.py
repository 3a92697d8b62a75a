"""mkdocs hook: add the generated reference pages to every build (named in mkdocs.yml).

* ``on_config`` generates the pages once per build and completes the navigation: the nav
  entry ``reference/`` becomes the generated reference tree, an entry naming a folder
  (``api/``) lists that folder's pages, entries whose page does not exist (yet) are dropped,
  and pages nobody listed are added under "Lainnya / Other";
* planned pages that the guides link to but that other issues have not written yet get a
  short placeholder, so ``mkdocs build --strict`` stays green while they are written;
* ``on_files`` adds the generated pages (replacing any stale copy in ``docs/``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File

from openfisca_indonesia_sosial.docs_gen import generate
from openfisca_indonesia_sosial.system import CountryTaxBenefitSystem

log = logging.getLogger("mkdocs.hooks.docs_gen")

REFERENCE_MARKER = "reference/"
OTHER_SECTION = "Lainnya / Other"

#: pages linked from the guides that other issues write; placeholder until they exist
PLANNED = {
    "population.md": ("Populasi sintetis", "Synthetic population"),
    "data/schema.md": ("Skema tabel populasi", "Population table schema"),
    "api/README.md": ("Web API", "Web API"),
}

_state: dict = {}


def _placeholder(path: str, docs_dir: Path) -> str:
    indonesian, english = PLANNED[path]
    lines = [
        f"# {indonesian} / *{english}*",
        "",
        "Halaman ini sedang ditulis.  ",
        "*This page is being written.*",
        "",
    ]
    folder = docs_dir / Path(path).parent
    if path.endswith(("index.md", "README.md")) and folder.is_dir():
        others = sorted(p for p in folder.glob("*.md") if p.name not in ("index.md", "README.md"))
        lines += [f"- [{p.stem}]({p.name})" for p in others]
        lines.append("")
    return "\n".join(lines)


def _written(path: str, docs_dir: Path) -> bool:
    """A page exists in docs/ (a folder's README.md stands for its index.md, as in mkdocs)."""
    target = docs_dir / path
    if target.name in ("index.md", "README.md"):
        return any(target.with_name(name).is_file() for name in ("index.md", "README.md"))
    return target.is_file()


def _page_exists(page: str, docs_dir: Path, generated: dict) -> bool:
    return page in generated or (docs_dir / page).is_file()


def _folder_pages(folder: str, docs_dir: Path, generated: dict) -> list[str]:
    pages = (
        {p.relative_to(docs_dir).as_posix() for p in (docs_dir / folder).rglob("*.md")}
        if (docs_dir / folder).is_dir()
        else set()
    )
    pages |= {p for p in generated if p.startswith(folder) and p.endswith(".md")}
    first = {f"{folder}index.md", f"{folder}README.md"}
    if f"{folder}README.md" in pages:
        pages.discard(f"{folder}index.md")  # a placeholder never hides a README
    return sorted(pages, key=lambda p: (p not in first, p))


def _complete(nav, docs_dir: Path, generated: dict, reference_nav: list):
    result = []
    for entry in nav:
        if isinstance(entry, dict):
            title, value = next(iter(entry.items()))
        else:
            title, value = None, entry
        if isinstance(value, list):
            value = _complete(value, docs_dir, generated, reference_nav)
            if not value:
                continue
        elif value == REFERENCE_MARKER:
            value = reference_nav
        elif isinstance(value, str) and value.endswith("/"):
            value = _folder_pages(value, docs_dir, generated)
            if not value:
                continue
        elif (
            isinstance(value, str)
            and not value.startswith(("http://", "https://"))
            and not _page_exists(value, docs_dir, generated)
        ):
            log.info("nav: %s does not exist yet, left out", value)
            continue
        result.append({title: value} if title is not None else value)
    return result


def _listed(nav) -> set[str]:
    found = set()
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found |= _listed(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def on_config(config):
    docs_dir = Path(config["docs_dir"])
    # A fresh system, not the cached baseline: `mkdocs serve` rebuilds after a YAML edit.
    site = generate(system=CountryTaxBenefitSystem(), docs_dir=docs_dir)
    pages = dict(site.pages)
    for path in PLANNED:
        if not _written(path, docs_dir):
            pages[path] = _placeholder(path, docs_dir)
    _state["pages"] = pages
    _state["files"] = site.files
    if config.get("nav"):
        nav = _complete(config["nav"], docs_dir, pages, site.reference_nav)
        listed = _listed(nav)
        unlisted = sorted(
            p.relative_to(docs_dir).as_posix()
            for p in docs_dir.rglob("*.md")
            if p.relative_to(docs_dir).as_posix() not in listed
        )
        if unlisted:
            nav.append({OTHER_SECTION: unlisted})
        config["nav"] = nav
    return config


def on_files(files, config):
    generated = {**_state.get("pages", {}), **_state.get("files", {})}
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files
