"""The pin regeneration script keeps tolerances and notes and reports what moved."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

SCRIPT = Path(__file__).with_name("regenerate_pins.py")


def load_script():
    spec = importlib.util.spec_from_file_location("regenerate_pins_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_compute(year):
    return {
        "population": {"source": f"default_population({year})", "sample_families": 10},
        "baseline": {"total_cost_idr": 100, "poverty": {"headcount_rate": 0.1234567891234}},
        "reforms": {"r": {"active": True, "total_cost_change_idr": 7}},
    }


def test_regeneration_keeps_notes_and_tolerances(tmp_path, monkeypatch, capsys):
    script = load_script()
    pins = tmp_path / "pinned_impacts.yaml"
    pins.write_text(
        yaml.safe_dump(
            {
                "tolerance": {"cost_relative": 0.5},
                "reforms": {"r": {"note": "kept", "tolerance": {"cost_relative": 0.1}}},
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(script, "PINS", pins)
    monkeypatch.setattr(script, "compute", fake_compute)
    before = pins.read_text(encoding="utf-8")
    assert script.main(["--dry-run"]) == 0
    assert pins.read_text(encoding="utf-8") == before
    assert "reforms.r.total_cost_change_idr: None -> 7" in capsys.readouterr().out
    assert script.main([]) == 0
    text = pins.read_text(encoding="utf-8")
    assert text.startswith("# Pinned impacts")
    written = yaml.safe_load(text)
    assert written["tolerance"] == {"cost_relative": 0.5}
    assert written["reforms"]["r"]["note"] == "kept"
    assert written["reforms"]["r"]["tolerance"] == {"cost_relative": 0.1}
    assert written["reforms"]["r"]["total_cost_change_idr"] == 7
    assert script.main([]) == 0
    assert "0 pinned figures changed" in capsys.readouterr().out


def test_rounding_keeps_rupiah_exact():
    script = load_script()
    assert script._round({"a": 12345678901234, "b": 1234.56, "c": 0.1234567891234, "d": True}) == {
        "a": 12345678901234,
        "b": 1234.6,
        "c": 0.123456789,
        "d": True,
    }
