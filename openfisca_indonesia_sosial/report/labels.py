"""Words of the reports: program and unit labels, each program's target group, definitions.

Every text is a pair (Indonesian, English); the program names come from the program
registry, the short names (for chart axes and the console) and the target groups are here
because the registry does not hold them.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.programs import BY_KEY, PROGRAMS

#: Short program names for chart axes and the 80-column console: the names the ministry
#: itself uses, so no legend is needed.
SHORT = {
    "pkh": "PKH",
    "sembako": "Sembako/BPNT",
    "bantuan_tambahan": "Bantuan tambahan",
    "program_baru": "Program baru",
    "pbi_jk": "PBI-JK",
    "atensi": "ATENSI",
}

#: Unit of a count: (short Indonesian, English).
UNITS = {"keluarga": ("KK", "families"), "individu": ("jiwa", "persons")}

#: Who each program is for, and so which families its targeting errors are judged against.
#: ``{band}`` is the program's highest eligible DTSEN decile (registri.desil_maksimum).
TARGET_GROUPS = {
    "pkh": (
        "Keluarga miskin dan rentan (DTKS; sejak April 2025 DTSEN desil 1–{band}) yang punya "
        "sedikitnya satu komponen: ibu hamil/nifas, anak usia dini, anak sekolah, lanjut usia "
        "atau penyandang disabilitas berat.",
        "Poor and vulnerable families (DTKS; from April 2025 DTSEN deciles 1–{band}) with at "
        "least one component: pregnant or post-partum mother, young child, school child, "
        "elderly or severely disabled member.",
    ),
    "sembako": (
        "Keluarga miskin dan rentan (DTKS; sejak April 2025 DTSEN desil 1–{band}); keluarga "
        "PKH didahulukan.",
        "Poor and vulnerable families (DTKS; from April 2025 DTSEN deciles 1–{band}); PKH "
        "families first.",
    ),
    "bantuan_tambahan": (
        "Keluarga yang dibayar PKH atau Sembako pada bulan penyaluran; BLTS Kesra 2025: semua "
        "keluarga DTSEN desil 1–4.",
        "Families paid PKH or Sembako in the month of the top-up; BLTS Kesra 2025: every family "
        "in DTSEN deciles 1–4.",
    ),
    "program_baru": (
        "Ditentukan oleh reformasi struktural yang menambahkannya.",
        "Set by the structural reform that adds it.",
    ),
    "pbi_jk": (
        "Orang miskin dan tidak mampu (DTKS; sejak April 2025 DTSEN desil 1–{band}): negara "
        "membayar iuran JKN mereka.",
        "Poor and near-poor persons (DTKS; from April 2025 DTSEN deciles 1–{band}): the state "
        "pays their national health-insurance contribution.",
    ),
    "atensi": (
        "Orang dalam kelompok sasaran rehabilitasi sosial (anak yatim/piatu dan anak rentan, "
        "penyandang disabilitas, lanjut usia, korban NAPZA, tuna sosial, korban perdagangan "
        "orang atau bencana) di DTSEN desil 1–{band}.",
        "Persons in a social-rehabilitation target group (orphans and vulnerable children, "
        "persons with disabilities, elderly, drug-abuse victims, the homeless, trafficking or "
        "disaster victims) in DTSEN deciles 1–{band}.",
    ),
}

#: Why the exclusion error against all poor families is high by design, where it is.
YARDSTICK_NOTES = {
    "pkh": (
        "PKH juga mensyaratkan komponen: keluarga miskin tanpa komponen memang bukan sasarannya, "
        "jadi kesalahan eksklusi terhadap semua keluarga miskin tinggi karena desain.",
        "PKH also requires a component: poor families without one are outside it by design, so "
        "its exclusion error against all poor families is high by construction.",
    ),
    "atensi": (
        "ATENSI hanya untuk orang dalam kelompok sasarannya; kebanyakan keluarga miskin tidak "
        "punya anggota seperti itu, jadi kesalahan eksklusi terhadap semua keluarga miskin "
        "tinggi karena desain, bukan karena penyaluran gagal.",
        "ATENSI is only for persons in its target groups; most poor families have no such "
        "member, so its exclusion error against all poor families is high by design, not a "
        "delivery failure.",
    ),
}


def label(key: str) -> str:
    """The program's Indonesian name from the registry (a raw key only if it is unknown)."""
    program = BY_KEY.get(key)
    return program.label if program else key


def label_en(key: str) -> str:
    program = BY_KEY.get(key)
    return program.label_en if program else key


def short(key: str) -> str:
    return SHORT.get(key, label(key))


def unit(key: str) -> tuple[str, str]:
    """``(KK, families)`` or ``(jiwa, persons)``."""
    program = BY_KEY.get(key)
    return UNITS[program.unit if program else "keluarga"]


def target_group(key: str, band: int | None) -> tuple[str, str]:
    indonesian, english = TARGET_GROUPS.get(key, ("—", "—"))
    shown = band if band is not None else "?"
    return indonesian.format(band=shown), english.format(band=shown)


def program_order() -> list[str]:
    return [program.key for program in PROGRAMS]


def recipients_definition(monthly_average: bool) -> list[tuple[str, str]]:
    """Footnotes defining the counts, for the definition the figures actually follow."""
    notes = []
    if monthly_average:
        notes.append(
            (
                "Penerima (KPM) = rata-rata, atas bulan-bulan pembayaran program dalam tahun itu, "
                "jumlah keluarga (KK) atau orang (jiwa) yang dibayar pada bulan itu (PKH: bulan "
                "tahap; Sembako dan PBI-JK: setiap bulan). Inilah cara Kementerian Sosial "
                "melaporkan KPM per tahap penyaluran.",
                "Recipients (KPM) = the average, over the months in which the program pays that "
                "year, of the families (KK) or persons (jiwa) paid in that month (PKH: its tahap "
                "months; Sembako and PBI-JK: every month). This is how the Ministry of Social "
                "Affairs reports KPM per payment round.",
            )
        )
        notes.append(
            (
                "Setahun = dibayar lebih dari Rp0 paling sedikit sekali dalam tahun itu "
                "(keluarga yang diganti di tengah tahun terhitung dua kali).",
                "Year = paid more than Rp 0 at least once in the year (a family replaced during "
                "the year counts twice).",
            )
        )
    else:
        notes.append(
            (
                "Penerima = dibayar lebih dari Rp0 paling sedikit sekali dalam tahun itu; angka "
                "ini lebih besar daripada KPM per tahap yang dilaporkan Kementerian Sosial "
                "(keluarga yang diganti di tengah tahun terhitung dua kali).",
                "Recipients = paid more than Rp 0 at least once in the year; this is larger than "
                "the KPM per payment round the Ministry of Social Affairs reports (a family "
                "replaced during the year counts twice).",
            )
        )
    notes.append(
        (
            "Puncak = bulan dengan penerima terbanyak; kuota nasional mengikat setiap bulan.",
            "Peak = the month with the most recipients; national quotas bind in every month.",
        )
    )
    notes.append(
        (
            "KK = keluarga (Kartu Keluarga), jiwa = orang, jt = juta. Biaya = jumlah yang "
            "dibayarkan dalam tahun itu, Rp triliun (T).",
            "KK = families (family cards), jiwa = persons, jt = million. Cost = amount paid in "
            "the year, Rp trillion (T).",
        )
    )
    return notes


INTERVAL_NOTE = (
    "Angka dalam kurung siku adalah rentang kepercayaan 95 % dari sampel. Untuk selisih "
    "reformasi, baseline dan reformasi dihitung pada sampel yang sama, jadi rentang selisih "
    "jauh lebih sempit daripada rentang masing-masing angka.",
    "Figures in square brackets are 95 % sampling intervals. For a reform's difference the "
    "baseline and the reform use the same sample draws, so the difference's interval is much "
    "narrower than the levels'.",
)

NO_INTERVAL_NOTE = (
    "Rentang kepercayaan tidak tersedia dalam hasil ini: setiap angka berasal dari sampel "
    "keluarga dan mengandung galat sampel.",
    "No sampling intervals in this result: every figure rests on a sample of families and "
    "carries sampling error.",
)
