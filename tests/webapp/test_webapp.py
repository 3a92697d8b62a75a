"""The web application in a real headless Chromium against a live server on 127.0.0.1.

Expected amounts are worked out by hand from the fact sheet (amounts per year, paid in four
quarterly tahap), not read from the package's output. Screenshots of each part are written to
``build/webapp-screenshots/`` (or ``$BANSOS_WEBAPP_SCREENSHOTS``) for review.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))

from browser import Browser, available
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig

pytestmark = pytest.mark.skipif(not available(), reason="needs Debian's chromium")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("BANSOS_WEBAPP_SCREENSHOTS", ROOT / "build" / "webapp-screenshots"))
SEMBAKO_EDIT = {"sembako.nilai_bulanan": {"2025-01-01": 300000}}
#: A second provision on another program: the page's reform then has a per-provision table.
PKH_EDIT = {"pkh.indeks.sd": {"2025-01-01": 990000}}


@pytest.fixture(scope="module")
def base():
    with serving(ApiConfig(job_workers=1, max_jobs=4)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    driver = Browser()
    yield driver
    driver.close()


def amount(browser, program: str, which: str) -> int:
    return int(
        browser.evaluate(
            f'document.querySelector(\'#calc-table tr[data-program="{program}"] '
            f"[data-{which}-amount]').dataset.{which}Amount"
        )
    )


def open_example(browser, base):
    browser.open("about:blank")  # a new document: the charts are drawn at the current width
    browser.wait_for("location.href === 'about:blank'")
    browser.open(base + "/#kalkulator/keluarga_desil_2025")
    browser.wait_for(
        "document.querySelector('#month').value === '2025-07' && "
        "document.querySelector('#calc-results h2').textContent.includes('2025-07')",
        60,
    )


def test_calculator_shows_the_hand_computed_amounts_and_updates_at_once(browser, base):
    open_example(browser, base)
    # July 2025 is a tahap month paying a quarter of the yearly indices: the SMA child
    # (2,000,000/yr) and the child with a severe disability (2,400,000/yr; she is also at SMP,
    # but one person counts once, under the highest index).
    assert amount(browser, "pkh", "month") == (2_000_000 + 2_400_000) // 4
    assert amount(browser, "pkh", "year") == 2_000_000 + 2_400_000
    assert amount(browser, "sembako", "month") == 200_000
    assert amount(browser, "sembako", "year") == 12 * 200_000
    text = browser.evaluate("document.querySelector('#calc-results').innerText")
    assert "Rp1.100.000" in text and "desil 1–4" in text
    # a rule link leads to the parameter with its legal reference
    assert browser.evaluate(
        "!!document.querySelector('#calc-results "
        'a[href="#aturan/parameter/registri.desil_maksimum.pkh"]\')'
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.pump(1.0)
    browser.screenshot(SHOTS / "kalkulator.png")

    # without the disability she counts as the SMP child: 1,500,000/yr, a quarter in July
    index = browser.evaluate(
        "[...document.querySelectorAll('[data-field=\"id\"]')]"
        ".findIndex(n => n.value === 'anak_putri')"
    )
    browser.evaluate(
        f"(() => {{ const box = document.querySelector('#m{index}-disability'); box.click(); }})()"
    )
    browser.wait_for(
        "document.querySelector('#calc-table tr[data-program=\"pkh\"] [data-month-amount]')"
        ".dataset.monthAmount === '875000'",
        30,
    )
    assert amount(browser, "pkh", "month") == (2_000_000 + 1_500_000) // 4


def test_the_language_switch_translates_the_page_and_the_explanations(browser, base):
    open_example(browser, base)
    browser.evaluate("document.querySelector('#lang').click()")
    browser.wait_for("document.documentElement.lang === 'en'")
    browser.wait_for("document.querySelector('#calc-table th.num').textContent === 'This month'")
    text = browser.evaluate("document.body.innerText")
    assert "Family calculator" in text and "Rules explorer" in text
    assert "eligible for PKH" in text and "Kepala keluarga" not in text
    browser.evaluate("document.querySelector('#lang').click()")
    browser.wait_for("document.querySelector('#calc-table th.num').textContent === 'Bulan ini'")


def test_a_phone_width_screen_has_no_sideways_scrolling(browser, base):
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        open_example(browser, base)
        width = browser.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, width
    finally:
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1800, "deviceScaleFactor": 1, "mobile": False},
        )


def shared_url(base: str, reforms: list[str], edits: dict) -> str:
    payload = json.dumps({"y": 2025, "r": reforms, "p": edits})
    return base + "/#simulasi?s=" + urllib.parse.quote(payload)


def costs(browser, program: str = "sembako") -> dict[str, int]:
    rows = browser.evaluate(
        f"[...document.querySelectorAll('#program-table tr[data-program=\"{program}\"]')]"
        ".map(r => [r.dataset.scenario, r.dataset.cost])"
    )
    return {scenario: int(cost) for scenario, cost in rows}


def breakdown_rows(browser) -> list[dict]:
    return browser.evaluate(
        "[...document.querySelectorAll('.breakdown-table tbody tr')].map(r => ({"
        "step: r.dataset.step, cost: r.dataset.cost, text: r.innerText, programs: "
        "Object.fromEntries([...r.querySelectorAll('td[data-program]')]"
        ".map(c => [c.dataset.program, c.dataset.cost]))}))"
    )


def test_a_reform_opened_by_url_runs_renders_and_round_trips(browser, base, tmp_path):
    browser.open(shared_url(base, ["sembako_300rb"], {**SEMBAKO_EDIT, **PKH_EDIT}))
    browser.wait_for("document.querySelector('#sim-status')?.dataset.status === 'done'", 300)
    browser.wait_for("document.querySelector('#chart-winners .main-svg')", 30)
    found = costs(browser)
    # 300,000 instead of 200,000 a month for every paid family: 1.5 times the cost, from the
    # shipped reform and from the parameter edit alike (weighted sums round to the rupiah)
    assert abs(found["ubah_parameter"] - 1.5 * found["baseline"]) <= 2
    assert found["sembako_300rb"] == found["ubah_parameter"]
    for chart in ("chart-cost", "chart-shares", "chart-provinces"):
        assert browser.evaluate(f"!!document.querySelector('#{chart} .main-svg')"), chart
    assert (
        browser.evaluate("document.querySelectorAll('#poverty-table td[data-measure]').length")
        == 12
    )
    # the two-parameter edit is broken down: Sembako's step is the Sembako cost change read
    # in the program table, PKH's the PKH one, and the rows add up to the whole reform
    pkh = costs(browser, "pkh")
    rows = breakdown_rows(browser)
    assert [row["step"] for row in rows] == ["1", "2", "total"]
    assert "sembako.nilai_bulanan" in rows[0]["text"] and "pkh.indeks.sd" in rows[1]["text"]
    sembako_change = found["ubah_parameter"] - found["baseline"]
    pkh_change = pkh["ubah_parameter"] - pkh["baseline"]
    assert int(rows[0]["programs"]["sembako"]) == int(rows[0]["cost"]) == sembako_change
    assert int(rows[1]["programs"]["pkh"]) == int(rows[1]["cost"]) == pkh_change > 0
    assert int(rows[2]["cost"]) == sembako_change + pkh_change
    # program names, not registry keys, head the columns
    headers = browser.evaluate("document.querySelector('.breakdown-table thead').innerText")
    assert "Program Sembako / BPNT" in headers and "Program Keluarga Harapan" in headers
    browser.pump(1.0)
    browser.screenshot(SHOTS / "simulasi.png")

    # the page URL now carries the reform: opening it elsewhere restores the choice
    url = browser.evaluate("location.href")
    browser.open("about:blank")
    browser.wait_for("location.href === 'about:blank'")
    browser.open(url)
    browser.wait_for("document.querySelector('#sim-status')?.dataset.status === 'done'", 120)
    assert browser.evaluate("document.querySelector('[data-reform=\"sembako_300rb\"]').checked")
    assert "sembako.nilai_bulanan" in browser.evaluate("document.querySelector('#edits').innerText")
    assert costs(browser) == found

    # the YAML the page offers is a reform file the command line reads
    text = browser.evaluate("document.querySelector('#reform-yaml').textContent")
    path = tmp_path / "ubah_parameter.yaml"
    path.write_text(text, encoding="utf-8")
    from openfisca_indonesia_sosial.reform.files import load_reform
    from openfisca_indonesia_sosial.system import baseline

    loaded = load_reform(str(path), baseline())
    assert [(name, str(date), value) for name, date, value in loaded.changes] == [
        ("sembako.nilai_bulanan", "2025-01-01", 300000),
        ("pkh.indeks.sd", "2025-01-01", 990000),
    ]
    assert yaml.safe_load(text)["parameters"] == {
        "sembako.nilai_bulanan": {_date("2025-01-01"): 300000},
        "pkh.indeks.sd": {_date("2025-01-01"): 990000},
    }


def _date(text):
    import datetime

    return datetime.date.fromisoformat(text)


def test_a_bad_reform_in_the_url_shows_the_servers_message(browser, base):
    browser.open(shared_url(base, [], {"sembako.nilai_bulanan": {"2025-01-01": -5}}))
    browser.wait_for("document.querySelector('#sim-status')?.dataset.status === 'error'", 60)
    message = browser.evaluate("document.querySelector('#sim-status').innerText")
    assert "sembako.nilai_bulanan" in message


def test_the_rules_explorer_lists_a_parameter_with_its_reference(browser, base):
    browser.open(base + "/#aturan/parameter/sembako.nilai_bulanan")
    browser.wait_for("document.querySelector('#parameter-values tr[data-date=\"2020-03-01\"]')", 60)
    row = browser.evaluate(
        "document.querySelector('#parameter-values tr[data-date=\"2020-03-01\"]').innerText"
    )
    source = yaml.safe_load((ROOT / "parameters/sembako/nilai_bulanan.yaml").read_text("utf-8"))
    references = source["metadata"]["reference"]
    title = next(v for k, v in references.items() if str(k) == "2020-03-01")[0]["title"]
    assert "Rp200.000" in row and title in row
    browser.pump(1.0)
    browser.screenshot(SHOTS / "aturan.png")

    browser.open(base + "/#aturan/variabel/pkh_bantuan")
    browser.wait_for("document.querySelector('#variable-detail pre.code')", 60)
    detail = browser.evaluate("document.querySelector('#variable-detail').innerText")
    assert "def formula" in detail and "pkh_bantuan_komponen" in detail

    browser.open(base + "/#aturan/program")
    browser.wait_for("document.querySelectorAll('[data-program]').length >= 5", 60)


def test_no_request_leaves_the_server_and_no_script_fails(browser, base):
    browser.pump(0.5)
    outside = [
        url
        for url in browser.requests
        if not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))
    ]
    assert browser.requests and not outside, outside
    assert not browser.errors, browser.errors
    # the browser's own log: refused requests, Content-Security-Policy violations; the one
    # expected entry is the 400 of the deliberately bad reform
    logged = [e for e in browser.log_errors if "400 (BAD REQUEST)" not in e]
    assert not logged, (logged, browser.failed_responses)
