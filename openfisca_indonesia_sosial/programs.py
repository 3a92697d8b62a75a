"""The program registry: what the microsimulation, reports and API know about each program.

A program is listed once here, with the variables that carry its eligibility and monthly
amount, the unit it pays (family or person), the parameter holding its national quota and
whether its money counts as consumption for poverty measurement.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Program:
    key: str
    label: str
    label_en: str
    unit: str  # "keluarga" or "individu"
    eligibility: str | None
    amount: str
    quota: str | None
    take_up: str
    counts_as_consumption: bool
    #: Composite programs: (monthly amount variable, programs whose paid families it reaches;
    #: empty = reaches every entitled family, e.g. a decile-targeted transfer).
    components: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Delivery: families are first in line when paid by this program the same month.
    priority_after: str | None = None
    #: What a calculator shows of the program when a request names no variable: for each
    #: family (``keluarga``) and for each person (``individu``).
    headline_family: tuple[str, ...] = ()
    headline_person: tuple[str, ...] = ()


PROGRAMS: tuple[Program, ...] = (
    Program(
        key="pkh",
        label="Program Keluarga Harapan (PKH)",
        label_en="Family Hope Programme (conditional cash transfer)",
        unit="keluarga",
        eligibility="pkh_layak",
        amount="pkh_bantuan",
        quota="pkh.kuota",
        take_up="penyaluran.tingkat_penyerapan.pkh",
        counts_as_consumption=True,
        headline_family=("pkh_layak", "pkh_bantuan"),
        headline_person=("pkh_komponen",),
    ),
    Program(
        key="sembako",
        label="Program Sembako / BPNT",
        label_en="Food assistance (Sembako/BPNT)",
        unit="keluarga",
        eligibility="sembako_layak",
        amount="sembako_bantuan",
        quota="sembako.kuota.kpm",
        take_up="penyaluran.tingkat_penyerapan.sembako",
        counts_as_consumption=True,
        priority_after="pkh",
        headline_family=("sembako_layak", "sembako_bantuan"),
    ),
    Program(
        key="bantuan_tambahan",
        label="Bantuan tambahan (BLT dan penebalan Sembako)",
        label_en="Top-ups and one-off cash transfers",
        unit="keluarga",
        eligibility=None,
        amount="bantuan_tambahan",
        quota=None,
        take_up="penyaluran.tingkat_penyerapan.bantuan_tambahan",
        counts_as_consumption=True,
        components=(
            ("sembako_ppkm_2021", ("sembako",)),
            ("blt_bbm_2022", ("pkh", "sembako")),
            ("blt_el_nino_2023", ("sembako",)),
            ("blt_mitigasi_risiko_pangan_2024", ("sembako",)),
            ("penebalan_sembako_2025", ("sembako",)),
            ("blts_kesra_2025", ()),
        ),
        headline_family=("bantuan_tambahan",),
    ),
    Program(
        key="program_baru",
        label="Program baru dari reformasi struktural",
        label_en="New programs added by a structural reform (none under current law)",
        unit="keluarga",
        eligibility="bantuan_program_baru_layak",
        amount="bantuan_program_baru",
        quota=None,
        take_up="penyaluran.tingkat_penyerapan.program_baru",
        counts_as_consumption=True,
    ),
    Program(
        key="pbi_jk",
        label="PBI Jaminan Kesehatan",
        label_en="State-paid health-insurance contributions (PBI-JK)",
        unit="individu",
        eligibility="pbi_jk_layak",
        amount="pbi_jk_iuran",
        quota="pbi_jk.kuota",
        take_up="penyaluran.tingkat_penyerapan.pbi_jk",
        counts_as_consumption=False,
        headline_person=("pbi_jk_layak", "pbi_jk_iuran"),
    ),
    Program(
        key="atensi",
        label="ATENSI (Asistensi Rehabilitasi Sosial)",
        label_en="Social-rehabilitation assistance (cash components)",
        unit="individu",
        eligibility="atensi_layak",
        amount="atensi_bantuan_tunai",
        quota=None,
        take_up="penyaluran.tingkat_penyerapan.atensi",
        counts_as_consumption=True,
        headline_person=("atensi_layak", "atensi_yapi"),
    ),
)

BY_KEY = {program.key: program for program in PROGRAMS}


def headline_variables() -> dict[str, tuple[str, ...]]:
    """Each program's headline variables by entity (``keluarga``, ``individu``), in program
    order: what ``bansos calculate`` and ``/bulk`` compute when asked for nothing."""
    return {
        "keluarga": tuple(name for p in PROGRAMS for name in p.headline_family),
        "individu": tuple(name for p in PROGRAMS for name in p.headline_person),
    }
