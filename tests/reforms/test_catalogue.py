"""The reform catalogue (`bansos reforms`, docs/reforms/catalogue.md) and importable classes."""

from __future__ import annotations

import json

import pytest
import typer
from openfisca_core.reforms import Reform
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli.reforms import register
from openfisca_indonesia_sosial.reform import classes
from openfisca_indonesia_sosial.reform.catalog import CATALOGUE_PAGE, catalogue, markdown
from openfisca_indonesia_sosial.reform.files import (
    ReformError,
    load_reform,
    parametric_reform_class,
    shipped_reform_paths,
)

SHIPPED = [path.stem for path in shipped_reform_paths()]


@pytest.fixture(scope="module")
def entries(tbs):
    return {item.name: item for item in catalogue(tbs)}


def test_catalogue_lists_every_shipped_reform(entries):
    assert sorted(entries) == sorted(SHIPPED)


def test_parametric_entries_list_their_changes(entries, tbs):
    item = entries["sembako_300rb"]
    assert item.kind == "parametric"
    assert item.changed_parameters == (("sembako.nilai_bulanan", "2024-01-01", 300000),)
    assert not (item.added_variables or item.replaced_variables or item.added_parameters)
    assert "sembako.nilai_bulanan: 2024-01-01 → 300.000" in item.lines()
    assert (
        entries["pbi_jk_desil_6"].changed_parameters == load_reform("pbi_jk_desil_6", tbs).changes
    )


def test_structural_entries_are_found_by_comparing_with_the_baseline(entries):
    grant = entries["bantuan_anak_usia_dini"]
    assert grant.kind == "structural"
    assert "bantuan_anak_usia_dini" in grant.added_variables
    assert "bantuan_anak_usia_dini.nilai_bulanan" in grant.added_parameters
    assert (
        "new parameter bantuan_anak_usia_dini.nilai_bulanan: 2017-01-01 → 0, 2025-01-01 → 150.000"
        in grant.lines()
    )
    assert grant.replaced_variables == ("bantuan_program_baru",)
    assert grant.programs == ("program_baru",)
    merged = entries["pkh_sembako_terpadu"]
    assert merged.replaced_variables == ("sembako_bantuan", "sembako_layak")
    assert merged.added_parameters == ("bantuan_keluarga_terpadu.berlaku",)
    assert ("pkh.kuota", "2025-01-01", 0) in merged.changed_parameters


def test_catalogue_page_is_current(entries):
    expected = markdown(list(entries.values()))
    assert CATALOGUE_PAGE.read_text(encoding="utf-8") == expected, (
        "regenerate: python -m openfisca_indonesia_sosial.reform.catalog --write"
    )


def app_with_reforms() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test application."""

    register(app)
    return app


def test_cli_table_and_json():
    runner = CliRunner()
    table = runner.invoke(app_with_reforms(), ["reforms"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    for name in SHIPPED:
        assert name in table.output
    assert "Sembako Rp300.000 per bulan" in table.output
    as_json = runner.invoke(app_with_reforms(), ["reforms", "--json"])
    assert as_json.exit_code == 0, as_json.output
    payload = json.loads(as_json.output)
    names = [item["name"] for item in payload["reforms"]]
    assert names == sorted(SHIPPED)
    first = payload["reforms"][names.index("sembako_300rb")]
    assert first["changed_parameters"] == [
        {"parameter": "sembako.nilai_bulanan", "date": "2024-01-01", "value": 300000}
    ]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_reform_has_an_importable_class(tbs, name):
    reform_class = getattr(classes, name)
    assert issubclass(reform_class, Reform)
    assert reform_class.name == name
    system = tbs.apply_reform(f"openfisca_indonesia_sosial.reform.classes.{name}")
    loaded = load_reform(name, tbs)
    for path, date, _ in loaded.changes:
        if path.split(".")[0] in tbs.parameters.children:
            assert system.parameters(date) is not None
            parts = path.split(".")
            node_a, node_b = system.parameters(date), loaded.system.parameters(date)
            for part in parts:
                node_a, node_b = node_a[part], node_b[part]
            assert node_a == node_b, path


def test_reform_class_checks_its_file_when_applied(tbs, tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text(
        "name: rusak\nlabel: Rusak\ndescription: x\nparameters:\n"
        "  sembako.nilai_bulan:\n    2024-01-01: 1\n",
        encoding="utf-8",
    )
    reform_class = parametric_reform_class(path)
    with pytest.raises(ReformError, match=r"rusak.yaml:5: sembako.nilai_bulan: no such parameter"):
        reform_class(tbs)


def test_unreadable_reform_file_fails_when_applied_not_when_imported(tbs, tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("name: rusak\nparameters: [\n", encoding="utf-8")
    reform_class = parametric_reform_class(path)
    assert reform_class.name == "rusak"
    with pytest.raises(ReformError, match="not valid YAML"):
        reform_class(tbs)
