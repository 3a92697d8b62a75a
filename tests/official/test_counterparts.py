"""The official headline figure printed beside each program's simulated recipients."""

from __future__ import annotations

from openfisca_indonesia_sosial.official.counterparts import headline_counterparts


def test_a_count_per_round_is_preferred_to_a_quota_target():
    found = headline_counterparts(2023)
    # 2023: 9.8 m PKH and 18.7 m Sembako KPM reported (not the 10 m / 18.8 m quotas)
    assert found["pkh"]["text"] == "9.80 jt KK (2023)"
    assert found["sembako"]["text"] == "18.70 jt KK (2023)"
    assert found["pbi_jk"]["text"].endswith("jt jiwa (2023)")
    assert all(entry["url"].startswith("https://") for entry in found.values())


def test_the_quota_when_no_count_is_published():
    # 2025: the PKH quota of 10 million families is the only PKH count of the year
    assert headline_counterparts(2025)["pkh"]["text"] == "10.00 jt KK (target)"


def test_a_year_without_figures_has_none():
    assert headline_counterparts(2017) == {}
