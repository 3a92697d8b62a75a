"""The charts' data: short program labels, the province chart sorted by effect with its
intervals as error bars, and a province on too few sample families set apart."""

from __future__ import annotations

import pytest

from openfisca_indonesia_sosial.report import charts
from openfisca_indonesia_sosial.report.figures import visible_programs


def test_cost_chart_uses_short_labels_and_hides_the_empty_slot(summary_ci):
    figure = charts.cost_by_program(summary_ci, visible_programs(summary_ci))
    labels = list(figure.data[0].x)
    assert labels == ["PKH", "Sembako/BPNT", "Bantuan tambahan", "PBI-JK", "ATENSI"]
    # Rp 43.92 T in the baseline, 65.88 T in the reform, with their ±3 % error bars
    assert figure.data[0].y[1] == pytest.approx(43.92)
    assert figure.data[1].y[1] == pytest.approx(65.88)
    assert figure.data[1].error_y.array[1] == pytest.approx(65.88 * 0.03)


def test_province_chart_sorted_by_effect_with_intervals(summary_ci):
    figure = charts.province_poverty(summary_ci)
    bars = figure.data[0]
    # changes by hand: Papua 26.0 -> 23.0 (-3.0 pp), DKI 4.0 -> 3.8 (-0.2), Kaltara 0
    assert list(bars.y) == ["Papua", "DKI Jakarta", "Kalimantan Utara"]
    assert list(bars.x) == pytest.approx([-3.0, -0.2, 0.0])
    # the paired interval is the change ± 1 pp
    assert list(bars.error_x.array) == pytest.approx([1.0, 1.0, 1.0])
    assert list(bars.error_x.arrayminus) == pytest.approx([1.0, 1.0, 1.0])
    # Kalimantan Utara rests on 12 sample families: grey, and said in words
    assert bars.marker.color[2] == charts.FEW_COLOR != bars.marker.color[0]
    assert bars.text[2].startswith("sampel < 30") and bars.text[0] == ""
    assert "12 KK" in bars.hovertext[2]


def test_province_chart_without_paired_intervals(summary):
    figure = charts.province_poverty(summary)
    assert figure.data[0].error_x.array is None
    assert not charts.province_difference_intervals(summary)
