"""Every internal link of the hand-written docs, the README and reforms/README resolves.

A link is internal when it has no scheme (``http:``, ``mailto:``...). Its path must name a file
of the repository or a page the docs generator makes at build time (``reference/...``,
``timeline.md``...); its ``#anchor``, when the target is Markdown, must be one of the target's
heading ids (as mkdocs makes them, or as GitHub does for the pages GitHub shows) or an
explicit ``{#id}``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
SOURCES = sorted(
    [ROOT / "README.md", ROOT / "reforms" / "README.md", *DOCS.rglob("*.md")],
    key=lambda p: p.as_posix(),
)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.M)
HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)=["']([^"']+)["']""", re.I)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w:-]+)[^}]*\}|\bid=[\"']([^\"']+)[\"']")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _prose(text: str) -> str:
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links_of(text: str) -> list[str]:
    prose = _prose(text)
    found = INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose) + HTML_LINK.findall(prose)
    return [link for link in found if not SCHEME.match(link)]


def _heading_text(raw: str) -> str:
    raw = EXPLICIT_ID.sub("", raw)
    raw = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)  # a link shows its text
    return re.sub(r"[*`]", "", raw).strip()


def _mkdocs_slug(text: str) -> str:
    # Python-Markdown's toc.slugify, which mkdocs uses
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _github_slug(text: str) -> str:
    return re.sub(r" ", "-", re.sub(r"[^\w\- ]", "", text.lower()))


def anchors_of(text: str) -> set[str]:
    ids = set()
    for match in EXPLICIT_ID.finditer(text):
        ids.add(match.group(1) or match.group(2))
    seen: dict[str, int] = {}
    for raw in HEADING.findall(FENCE.sub("", text)):
        heading = _heading_text(raw)
        for slug in (_mkdocs_slug(heading), _github_slug(heading)):
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            ids.add(slug)
            if count:  # a repeated heading: mkdocs adds _1, GitHub -1
                ids.update({f"{slug}_{count}", f"{slug}-{count}"})
    return ids


@pytest.fixture(scope="module")
def generated_pages(generated) -> dict[Path, str]:
    """The pages (and other files) the docs generator adds at build time, by their path."""
    pages = {DOCS / path: text for path, text in generated.pages.items()}
    pages.update({DOCS / path: "" for path in generated.files})
    return pages


def _target(source: Path, path: str, generated_pages: dict[Path, str]) -> Path | None:
    base = ROOT if path.startswith("/") else source.parent
    resolved = (base / path.lstrip("/")).resolve()
    candidates = [resolved]
    if source.is_relative_to(DOCS) and not resolved.suffix:
        # mkdocs links a folder to its index page
        candidates += [resolved / "index.md", resolved / "README.md"]
    for candidate in candidates:
        if candidate.exists() or candidate in generated_pages:
            return candidate
    return None


def dead_links(generated_pages: dict[Path, str]) -> list[str]:
    dead = []
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        for link in links_of(text):
            path, _, anchor = link.partition("#")
            path, anchor = unquote(path), unquote(anchor)
            where = source.relative_to(ROOT).as_posix()
            target = source if not path else _target(source, path, generated_pages)
            if target is None:
                dead.append(f"{where}: {link} (no such file)")
                continue
            if not anchor or target.suffix != ".md":
                continue
            if target.is_dir():
                continue
            content = generated_pages.get(target)
            if content is None:
                content = target.read_text(encoding="utf-8")
            if anchor not in anchors_of(content):
                dead.append(f"{where}: {link} (no heading #{anchor})")
    return dead


def test_every_internal_link_resolves(generated_pages):
    dead = dead_links(generated_pages)
    assert not dead, "dead links:\n" + "\n".join(dead)


def test_the_checker_sees_dead_links_and_anchors(tmp_path, generated_pages):
    # the checker itself: what it must accept and what it must refuse
    page = "# Judul / *Title*\n\n## Nama publik / *Public names* {#public-names}\n\n## Dua kali\n"
    assert {"judul-title", "public-names", "dua-kali"} <= anchors_of(page)
    text = (
        "[a](missing.md) [b](https://example.org/x.md) `[c](ignored.md)` [d](#public-names)\n"
        "```\n[e](in-a-fence.md)\n```\n[f]: other.md\n"
    )
    assert links_of(text) == ["missing.md", "#public-names", "other.md"]
    assert _target(DOCS / "index.md", "architecture.md", generated_pages) is not None
    assert _target(DOCS / "index.md", "no-such-page.md", generated_pages) is None
    assert _target(DOCS / "index.md", "reference/index.md", generated_pages) is not None


#: Pages named in code, comments or YAML metadata that do not exist, awaiting their files'
#: owners: remove an entry when its reference is fixed (the test then keeps it fixed).
NAMED_BUT_MISSING: set[tuple[str, str]] = set()
DOCS_PATH = re.compile(r"\bdocs/[\w./-]+\.md\b")


def test_docs_pages_named_in_code_exist(generated_pages):
    named = []
    folders = ("openfisca_indonesia_sosial", "variables", "parameters", "reforms", "benchmarks")
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".yaml", ".yml") or "__pycache__" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            named += [(path.relative_to(ROOT).as_posix(), m) for m in DOCS_PATH.findall(text)]
    missing = {
        (where, page)
        for where, page in named
        if not (ROOT / page).exists() and (ROOT / page) not in generated_pages
    }
    assert named, "the scan found no reference at all"
    assert missing <= NAMED_BUT_MISSING, sorted(missing - NAMED_BUT_MISSING)
