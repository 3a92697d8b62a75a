"""A self-contained HTML report: one file that opens offline, interactive charts (Plotly,
its JavaScript embedded once), every text in Indonesian and English."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.report import assumptions as assumption_notes
from openfisca_indonesia_sosial.report import charts, figures, labels, sections, targeting
from openfisca_indonesia_sosial.report.markup import Html, bi, esc, footnotes, paragraph, table

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;
line-height:1.45;padding:0 1rem}
h1{color:#1b6ca8;margin-bottom:.2rem}
h2{border-bottom:2px solid #1b6ca8;padding-bottom:.2rem;margin-top:2.4rem}
h3{margin-top:1.6rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .55rem;vertical-align:top}
th{background:#eef4fa;text-align:left}
td:first-child{min-width:12rem}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:bold;background:#fafafa}
.en{color:#555;font-style:italic}
.muted{color:#666;font-size:.9rem}
ol.notes{font-size:.85rem;color:#333;padding-left:1.4rem}
ol.notes li{margin-bottom:.3rem}
.chart{margin:1rem 0;border:1px solid #ddd;padding:.4rem}
figcaption{font-weight:600;font-size:.95rem}
small{font-size:.8rem}
"""

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


class _Charts:
    """Embeds Plotly figures; the first one carries plotly.js inline, the others reuse it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, figure) -> Html:
        if figure is None:
            return Html("")
        self.count += 1
        title = (figure.layout.meta or {}).get("title")
        caption = f"<figcaption>{bi(*title)}</figcaption>" if title else ""
        body = figure.to_html(
            full_html=False,
            include_plotlyjs=self.count == 1,
            config=PLOTLY_CONFIG,
            div_id=f"chart-{self.count}",
        )
        return Html(f"<figure class='chart'>{caption}{body}</figure>")


def _about(rows: list[tuple[str, str, str]]) -> Html:
    return table(
        [bi("Hal", "item"), bi("Nilai", "value")],
        [[bi(id_, en), value] for id_, en, value in rows],
        numeric_from=2,
    )


def _summary(summary: dict, shown: list[str], official: Mapping | None) -> list:
    monthly = figures.monthly_average_counts(summary)
    parts = [
        Html("<h2>Ringkasan / <span class='en'>summary</span></h2>"),
        Html(f"<h3>{esc(figures.scenario_label(summary, figures.BASELINE))}</h3>"),
        sections.baseline_table(summary, shown, official),
        footnotes(labels.recipients_definition(monthly)),
        paragraph(
            *(labels.INTERVAL_NOTE if figures.has_intervals(summary) else labels.NO_INTERVAL_NOTE),
            "muted",
        ),
    ]
    hidden = [k for k in summary["scenarios"][figures.BASELINE]["programs"] if k not in shown]
    if hidden:
        names = ", ".join(labels.label(k) for k in hidden)
        parts.append(
            paragraph(
                f"Tidak ditampilkan karena tidak membayar siapa pun di semua skenario: {names}.",
                f"Not shown as it pays nobody in any scenario: "
                f"{', '.join(labels.label_en(k) for k in hidden)}.",
                "muted",
            )
        )
    for index, name in enumerate(figures.reforms(summary), start=1):
        parts += [
            Html(
                f"<h3>Reformasi / <span class='en'>reform</span> {index}: "
                f"{esc(figures.scenario_label(summary, name))}</h3>"
            ),
            sections.reform_table(summary, name, shown),
        ]
    return parts


def render(
    result,
    assumptions: list[str] | None = None,
    *,
    official: Mapping | None = None,
    population_info: Mapping | None = None,
    run_date: datetime.date | None = None,
) -> str:
    """The report of a microsimulation :class:`Result` as one HTML document.

    ``official``: program key -> its official headline figure (a text, or a dict with
    ``text`` and ``url``), shown beside the simulated figure; none by default.
    ``population_info``: where the population comes from (``source``, and for a generated
    one its metadata: ``generator_version``, ``year``, ``families``, ``seed``).
    ``assumptions``: notes besides the run's own. The run's own English notes (as
    ``result.assumptions()`` gives them) are replaced by their bilingual form; a result that
    only gives its summary (a kept JSON document) is taken to pass its own notes.

    ``result`` needs ``summary()``; its baseline system (``scenarios["baseline"].system``)
    when it has one, else the package's baseline law (a run kept as JSON: the API's).
    """
    summary = result.summary()
    scenarios = getattr(result, "scenarios", None)
    if scenarios and figures.BASELINE in scenarios:
        system = scenarios[figures.BASELINE].system
    else:
        from openfisca_indonesia_sosial.system import baseline

        system = baseline()
    extra = []
    if hasattr(result, "assumptions"):
        own = set(result.assumptions())
        extra = [a for a in (assumptions or []) if a not in own]
    _add_province_samples(summary, result)
    return render_summary(
        summary,
        system,
        extra,
        official=official,
        population_info=population_info,
        run_date=run_date,
    )


def _add_province_samples(summary: dict, result) -> None:
    """Give each province's poverty figure its number of sample families, when the run has
    its families at hand and its table does not say (shown when hovering a province)."""
    rows = summary.get("tables", {}).get("poverty_by_province") or []
    families = getattr(result, "keluarga", None)
    if not rows or families is None or "provinsi" not in families:
        return
    if any(figures.sample_size(row) is not None for row in rows):
        return
    counts = families["provinsi"].astype(str).value_counts()
    for row in rows:
        row["sample_families"] = int(counts.get(str(row["provinsi"]), 0))


def render_summary(
    summary: dict,
    system,
    extra: list[str] | None = None,
    *,
    official: Mapping | None = None,
    population_info: Mapping | None = None,
    run_date: datetime.date | None = None,
) -> str:
    """The report of a run's summary (the ``--json`` document, with its ``tables``);
    ``system`` is the baseline's tax-benefit system (quotas, take-up, parameter dates)."""
    shown = figures.visible_programs(summary)
    chart = _Charts()
    year = summary["year"]
    notes = assumption_notes.notes(summary, system, shown)
    about = assumption_notes.provenance(summary, system, population_info, run_date)
    reforms = figures.reforms(summary)
    parts = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Laporan simulasi bansos {year} / social-assistance simulation report</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Simulasi bantuan sosial {year}</h1>",
        f"<p class='en'>Social-assistance microsimulation report, {year}</p>",
        f"<p class='muted'>{bi('Dijalankan', 'run')} {esc(about[0][2])} · "
        f"openfisca-indonesia-sosial {esc(__version__)} · {bi('sampel', 'sample')} "
        f"{esc(about[3][2])} · {bi(*_mode(summary))} · "
        f"<a href='#tentang'>{bi('versi dan sumber', 'versions and sources')}</a></p>",
        *_summary(summary, shown, official),
        chart(charts.cost_by_program(summary, shown)),
        "<h2>Kemiskinan dan ketimpangan / <span class='en'>poverty and inequality</span></h2>",
        sections.poverty_table(summary),
        chart(charts.province_poverty(summary)),
    ]
    if reforms and not charts.province_difference_intervals(summary):
        parts.append(
            paragraph(
                "Rentang 95 % selisih per provinsi belum tersedia dalam hasil ini; arahkan "
                "kursor ke batang untuk melihat tingkat kemiskinan baseline dan reformasi "
                "dengan rentangnya dan jumlah keluarga sampel.",
                "The 95 % intervals of the change by province are not in this result; hover "
                "over a bar for the baseline and reform headcounts with their intervals and the "
                "number of sample families.",
                "muted",
            )
        )
    if reforms:
        parts += [
            "<h2>Siapa untung, siapa rugi / <span class='en'>winners and losers</span></h2>",
            chart(charts.gain_by_decile(summary)),
            sections.winners_table(summary),
        ]
    parts += [
        "<h2>Ketepatan sasaran / <span class='en'>targeting</span></h2>",
        targeting.section(summary, shown),
        chart(charts.targeting_errors(summary, shown)),
        "<h2>Asumsi / <span class='en'>assumptions</span></h2>",
        footnotes(notes),
    ]
    if extra:
        parts.append(Html("<ul>" + "".join(f"<li>{esc(a)}</li>" for a in extra) + "</ul>"))
    parts += [
        "<h2 id='tentang'>Tentang laporan ini / <span class='en'>about this report</span></h2>",
        _about(about),
        "</body></html>",
    ]
    return "\n".join(parts)


def _mode(summary: dict) -> tuple[str, str]:
    if summary.get("mode") == "full_entitlement":
        return "hak penuh", "full entitlement"
    return "dengan kuota dan tingkat penyerapan", "with quotas and take-up"


def write_report(
    result,
    path: Path,
    assumptions: list[str] | None = None,
    *,
    official: Mapping | None = None,
    population_info: Mapping | None = None,
    run_date: datetime.date | None = None,
) -> Path:
    """Write :func:`render`'s document to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(
        result,
        assumptions,
        official=official,
        population_info=population_info,
        run_date=run_date,
    )
    path.write_text(text, encoding="utf-8")
    return path
