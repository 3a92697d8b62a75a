"""The report's assumptions, in Indonesian and English, and what the run rests on: the run
date, the population (generator version, year, sample) and the rules (package version,
newest dated parameter value, last check against sources, a digest of the parameter files)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from functools import lru_cache

from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.report import labels
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

FIXED_NOTES = (
    (
        "Urutan registri: desil DTSEN, lalu undian tetap berdasarkan nomor keluarga.",
        "Registry rank: DTSEN decile, then a stable draw on the family id.",
    ),
    (
        "Keluarga PKH didahulukan untuk Program Sembako (Permensos 5/2021).",
        "PKH families are first in line for Program Sembako (Permensos 5/2021).",
    ),
    (
        "Bantuan tambahan mengikuti keluarga yang dibayar PKH atau Sembako pada bulan itu; "
        "BLTS Kesra menjangkau setiap keluarga di DTSEN desil 1–4.",
        "Top-ups follow the families paid PKH or Sembako that month; BLTS Kesra reaches every "
        "family in DTSEN deciles 1–4.",
    ),
    (
        "Kesejahteraan: pengeluaran per kapita populasi adalah baseline; reformasi menambahkan "
        "perubahan bantuan yang dihitung sebagai konsumsi (PKH, Sembako, bantuan tambahan, uang "
        "ATENSI; bukan iuran PBI-JK), dibagi rata ke anggota keluarga dan bulan.",
        "Welfare: the population's per-capita expenditure is the baseline; a reform adds each "
        "family's change in consumption transfers (PKH, Sembako, top-ups, ATENSI cash; not "
        "PBI-JK premiums) spread over members and months.",
    ),
    (
        "Jumlah tertimbang dihitung tepat sampai rupiah (bilangan bulat 64-bit).",
        "Sums are weighted and exact to the rupiah (64-bit integers).",
    ),
)


def notes(summary: dict, system, shown: list[str]) -> list[tuple[str, str]]:
    """The run's delivery and measurement assumptions, each as (Indonesian, English);
    ``system`` is the baseline's tax-benefit system."""
    year = summary["year"]
    found = []
    if summary.get("mode") == "full_entitlement":
        found.append(
            (
                "Hak penuh: setiap keluarga dan orang yang berhak dibayar; kuota dan tingkat "
                "penyerapan diabaikan.",
                "Full entitlement: every entitled family and person is paid; quotas and "
                "take-up are ignored.",
            )
        )
    for program in PROGRAMS:
        if program.key not in shown:
            continue
        instant = f"{year}-12-01"
        quota = parameter_at(system, program.quota, instant)
        rate = parameter_at(system, program.take_up, instant)
        rate = 1.0 if rate is None else rate
        unit_id, unit_en = labels.unit(program.key)
        if quota is not None:
            quota_id = (
                f"kuota nasional {quota:,.0f} {unit_id} ({program.quota}), diisi dari yang "
                "termiskin di antara yang berhak menurut urutan registri"
            )
            quota_en = (
                f"national quota {quota:,.0f} {unit_en} ({program.quota}), filled from the "
                "poorest eligible upward by registry rank"
            )
        else:
            quota_id, quota_en = "tanpa kuota nasional", "no national quota"
        found.append(
            (
                f"{program.label}: {quota_id}; tingkat penyerapan {rate:.0%}.",
                f"{program.label_en}: {quota_en}; take-up {rate:.0%}.",
            )
        )
    found.extend(FIXED_NOTES)
    found.append(
        (
            f"Garis kemiskinan: garis BPS Maret {year} perkotaan dan perdesaan (parameter "
            "kemiskinan.garis_kemiskinan), per orang per bulan.",
            f"Poverty lines: BPS March {year} urban and rural lines (parameters "
            "kemiskinan.garis_kemiskinan), per person per month.",
        )
    )
    return found


@lru_cache(maxsize=4)
def _parameter_dates(system) -> tuple[str, str]:
    """The newest date a parameter value takes effect, and the newest check against sources."""
    from openfisca_core.parameters import Parameter

    values, checked = [], []
    for node in system.parameters.get_descendants():
        if isinstance(node, Parameter):
            values += [value.instant_str for value in node.values_list]
            if node.metadata.get("last_checked"):
                checked.append(str(node.metadata["last_checked"]))
    return max(values, default="—"), max(checked, default="—")


@lru_cache(maxsize=1)
def parameters_digest() -> str:
    """A short digest of the parameter files: two reports with the same digest ran on the
    same law values."""
    from openfisca_indonesia_sosial.paths import PARAMETERS_DIR

    digest = hashlib.sha256()
    for path in sorted(PARAMETERS_DIR.rglob("*.yaml")):
        digest.update(path.relative_to(PARAMETERS_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def provenance(
    summary: dict,
    system,
    population_info: Mapping | None = None,
    run_date: datetime.date | None = None,
) -> list[tuple[str, str, str]]:
    """``(Indonesian label, English label, value)`` rows: what this report rests on."""
    from openfisca_indonesia_sosial import __version__
    from openfisca_indonesia_sosial.synthetic.generator import GENERATOR_VERSION

    population = summary["population"]
    newest, checked = _parameter_dates(system)
    info = dict(population_info or {})
    sample = f"{population['sample_families']:,} KK"
    if population.get("sample_persons"):
        sample += f", {population['sample_persons']:,} jiwa"
    if info.get("source") == "default" or info.get("generator_version"):
        source = (
            f"sintetis, generator v{info.get('generator_version', GENERATOR_VERSION)}"
            + (f", seed {info['seed']}" if "seed" in info else "")
            + (f", tahun / year {info['year']}" if "year" in info else "")
        )
    elif info.get("source"):
        source = str(info["source"])
    else:
        source = (
            "tidak dicatat; populasi bawaan (tanpa --population) dibuat oleh generator "
            f"sintetis v{GENERATOR_VERSION} / not recorded; the default population (no "
            f"--population) comes from synthetic generator v{GENERATOR_VERSION}"
        )
    date = (run_date or datetime.date.today()).isoformat()
    design = summary.get("uncertainty") or {}
    if design.get("replicates"):
        intervals = (
            f"{design['replicates']} replikasi / replicates, "
            f"{design.get('method', '?')}, seed {design.get('seed', '?')}"
        )
    else:
        intervals = "tidak dihitung / not computed"
    return [
        ("Tanggal dijalankan", "run date", date),
        ("Tahun disimulasikan", "simulated year", str(summary["year"])),
        ("Populasi", "population", source),
        ("Sampel", "sample", sample),
        (
            "Mewakili",
            "represents",
            f"{population['families'] / 1e6:,.2f} jt KK, {population['persons'] / 1e6:,.2f} "
            "jt jiwa",
        ),
        (
            "Versi aturan (paket)",
            "rules version (package)",
            f"openfisca-indonesia-sosial {__version__}",
        ),
        ("Nilai parameter terbaru berlaku sejak", "newest parameter value in force from", newest),
        ("Parameter terakhir diperiksa", "parameters last checked against sources", checked),
        ("Sidik parameter", "parameter files digest", parameters_digest()),
        ("Rentang 95 %", "95 % intervals", intervals),
    ]
