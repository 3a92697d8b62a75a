"""The mkdocs hook completes the navigation and adds placeholders for planned pages."""

from __future__ import annotations

import pytest

hook = pytest.importorskip("openfisca_indonesia_sosial.docs_gen.mkdocs_hook")


def test_nav_completion(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "calculate.md").write_text("# calculate\n")
    (tmp_path / "index.md").write_text("# home\n")
    generated = {"reference/index.md": "# ref\n", "timeline.md": "# t\n"}
    reference_nav = ["reference/index.md"]
    nav = [
        {"Home": "index.md"},
        {"Reference": "reference/"},
        {"API": "api/"},
        {"Timeline": "timeline.md"},
        {"Data": [{"Missing": "population.md"}]},
        {"Empty folder": "nothing/"},
    ]
    completed = hook._complete(nav, tmp_path, generated, reference_nav)
    assert completed == [
        {"Home": "index.md"},
        {"Reference": ["reference/index.md"]},
        {"API": ["api/calculate.md"]},
        {"Timeline": "timeline.md"},
    ]


def test_placeholder_lists_folder_pages(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "bulk.md").write_text("# bulk\n")
    text = hook._placeholder("api/README.md", tmp_path)
    assert text.startswith("# Web API")
    assert "[bulk](bulk.md)" in text


def test_readme_stands_for_index(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "README.md").write_text("# API\n")
    (tmp_path / "api" / "bulk.md").write_text("# bulk\n")
    assert hook._written("api/index.md", tmp_path)
    pages = hook._folder_pages("api/", tmp_path, {"api/index.md": "placeholder"})
    assert pages == ["api/README.md", "api/bulk.md"]
