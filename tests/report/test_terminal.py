"""The console summary fits 80 columns, names every program and reform in full, gives units,
and shows a reform's change with its interval when the run has one."""

from __future__ import annotations

import io
import re

from hand_summaries import LONG_LABEL, LONG_REFORM
from rich.console import Console

from openfisca_indonesia_sosial.report.terminal import print_summary

SHORT_NAMES = ("PKH", "Sembako/BPNT", "Bantuan tambahan", "PBI-JK", "ATENSI")


def _printed(summary: dict, width: int = 80) -> list[str]:
    out = io.StringIO()
    print_summary(Console(file=out, width=width, color_system=None), summary)
    return out.getvalue().splitlines()


def test_fits_80_columns_with_a_long_reform_name(summary_ci):
    lines = _printed(summary_ci)
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    text = "\n".join(lines)
    # nothing cut short with an ellipsis
    assert "…" not in text
    # the reform's identifier is never broken; its label may wrap between words only
    assert any(LONG_REFORM in line for line in lines)
    assert " ".join(text.split()).count(" ".join(LONG_LABEL.split())) == 1


def test_each_program_on_one_line_with_its_unit(summary):
    lines = _printed(summary)
    for name in SHORT_NAMES:
        rows = [line for line in lines if line.startswith(name + " ")]
        # one row in the baseline block, one in the reform block, each with its count
        assert len(rows) == 2, (name, rows)
        unit = "jiwa" if name in ("PBI-JK", "ATENSI") else "KK"
        assert all(re.search(rf"\d jt {unit}\b", row) for row in rows), rows


def test_program_paying_nobody_is_left_out_and_said_so(summary):
    lines = _printed(summary)
    assert not any(line.startswith("Program baru") for line in lines)
    assert any("paying nobody" in line and "Program baru" in line for line in lines)


def test_reform_change_without_intervals(summary):
    lines = _printed(summary)
    sembako = [line for line in lines if line.startswith("Sembako/BPNT")]
    # 65.88 - 43.92 = +21.96 trillion, worked out by hand
    assert sembako[1].split()[-2:] == ["65.88", "+21.96"]
    assert not any("[" in line for line in lines)
    # the headline counts follow the yearly definition here, and the note says so
    assert any("paid at least once in the year" in line for line in lines)


def test_reform_change_with_paired_interval(summary_ci):
    lines = _printed(summary_ci)
    at = next(
        i for i, line in enumerate(lines) if line.startswith("Sembako/BPNT") and "65.88" in line
    )
    assert "[+21.50; +22.40]" in lines[at + 1]
    total = next(i for i, line in enumerate(lines) if line.startswith("Total") and "154.67" in line)
    assert "[+21.50; +22.40]" in lines[total + 1]
    headcount = [i for i, line in enumerate(lines) if line.startswith("P0 kemiskinan")]
    assert "-0.75 pp" in lines[headcount[1]]
    assert "[-0.81; -0.69]" in lines[headcount[1] + 1]
    # the KPM definition: average over payment months, with the year's count beside it
    assert any("average over payment months" in line for line in lines)
    header = next(line for line in lines if "recipients" in line and "year" in line)
    assert "peak" in header
