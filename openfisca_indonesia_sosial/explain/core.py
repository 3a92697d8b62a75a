"""The explanation engine: a traced simulation, read program by program.

``explain_situation`` computes the program variables of one month with the tracer on, then
for each family describes PKH, Sembako and the top-ups, and for each member PBI-JK and
ATENSI. Each item carries ``eligible``/``amount`` (values of the rule variables),
``conditions`` (``held``, the values and parameters behind it, a sentence ``id``/``en``) and
``parameters`` (value, date in force, labels, legal references).
"""

from __future__ import annotations

import sys

import numpy as np

from openfisca_indonesia_sosial.explain.parameters import parameter_info
from openfisca_indonesia_sosial.explain.text import (
    BULAN_ID,
    MONTH_EN,
    month_en,
    month_id,
    pair,
    rp_en,
    rp_id,
)
from openfisca_indonesia_sosial.programs import BY_KEY
from openfisca_indonesia_sosial.situations.checks import quote
from openfisca_indonesia_sosial.situations.errors import ApiError

KOMPONEN_MODULE = "openfisca_indonesia_sosial_variables_pkh_komponen_pkh"
PROGRAM_NAMES = {
    "pkh": ("PKH", "PKH"),
    "sembako": ("Program Sembako", "Sembako"),
    "pbi_jk": ("PBI-JK", "PBI-JK"),
    "atensi": ("ATENSI", "ATENSI"),
    "blts_kesra": ("BLTS Kesra", "BLTS Kesra"),
}
KOMPONEN_ID = {
    "ibu_hamil": "ibu hamil/nifas",
    "anak_usia_dini": "anak usia dini",
    "sd": "anak SD",
    "smp": "anak SMP",
    "sma": "anak SMA",
    "disabilitas_berat": "disabilitas berat",
    "lanjut_usia": "lanjut usia",
}
KOMPONEN_EN = {
    "ibu_hamil": "pregnancy/post-partum",
    "anak_usia_dini": "early childhood",
    "sd": "primary school",
    "smp": "lower secondary school",
    "sma": "upper secondary school",
    "disabilitas_berat": "severe disability",
    "lanjut_usia": "elderly",
}
ATENSI_GROUPS = {
    "atensi_anak": ("anak yang memerlukan perlindungan khusus", "child needing protection"),
    "atensi_penyandang_disabilitas": ("penyandang disabilitas", "person with disabilities"),
    "atensi_lanjut_usia": ("lanjut usia", "older person"),
    "atensi_korban_napza": ("korban NAPZA", "victim of narcotics"),
    "atensi_tuna_sosial_perdagangan_orang": (
        "tuna sosial / korban perdagangan orang",
        "social outcast / trafficking victim",
    ),
    "atensi_korban_bencana": ("korban bencana", "disaster victim"),
    "atensi_ppks_lainnya": ("PPKS lainnya", "other person needing welfare services"),
}
#: Variables computed per program, with the tracer on (their parameters are listed).
TRACED = {
    "pkh": ("pkh_bantuan", "pkh_layak", "pkh_komponen_kandidat", "pkh_terpotong_batas"),
    "sembako": ("sembako_bantuan", "sembako_layak", "sembako_prioritas_pkh"),
    "bantuan_tambahan": ("bantuan_tambahan",),
    "pbi_jk": ("pbi_jk_iuran", "pbi_jk_layak", "pbi_jk_layak_bayi_baru_lahir"),
    "atensi": ("atensi_bantuan_tunai", "atensi_layak", "atensi_yapi"),
}


def _groups() -> dict[str, tuple[str, ...]]:
    """PKH cap groups, from the rules' own module (loaded with the variables)."""
    module = sys.modules.get(KOMPONEN_MODULE)
    groups = getattr(module, "GRUP_BATAS", None)
    if groups is None:
        groups = {
            "anak": ("anak_usia_dini", "sd", "smp", "sma"),
            "disabilitas_berat": ("disabilitas_berat",),
            "lanjut_usia": ("lanjut_usia",),
        }
    return dict(groups)


class Context:
    """One traced simulation of one month, with arrays and parameters cached."""

    def __init__(self, system, simulation, month: str) -> None:
        self.system = system
        self.simulation = simulation
        self.month = month
        self.instant = f"{month}-01"
        self.year = month[:4]
        self.arrays: dict[tuple[str, str], np.ndarray] = {}
        self.params: dict[tuple[str, str], dict | None] = {}
        self.traced: dict[str, set[str]] = {}
        persons = simulation.persons
        self.families = simulation.get_population("daftar_keluarga")
        self.person_ids = [str(i) for i in persons.ids]
        self.family_ids = [str(i) for i in self.families.ids]
        self.family_of = np.asarray(self.families.members_entity_id)
        self.roles = [role.key for role in self.families.members_role]

    def has(self, name: str) -> bool:
        return name in self.system.variables

    def value(self, name: str, period: str | None = None) -> np.ndarray:
        period = period or self.month
        key = (name, period)
        if key not in self.arrays:
            variable = self.system.variables[name]
            array = self.simulation.calculate(name, period)
            if variable.value_type.__name__ == "Enum":
                array = np.asarray(array.decode_to_str())
            self.arrays[key] = np.asarray(array)
        return self.arrays[key]

    def param(self, path: str, instant: str | None = None) -> dict | None:
        instant = instant or self.instant
        key = (path, instant)
        if key not in self.params:
            self.params[key] = parameter_info(self.system, path, instant)
        return self.params[key]

    def pvalue(self, path: str, default=None):
        info = self.param(path)
        return default if info is None else info["value"]

    def trace_program(self, program: str, names) -> None:
        """Compute ``names`` with the tracer on; remember the parameters the formulas read."""
        tracer = self.simulation.tracer
        before = len(tracer.trees)
        for name in names:
            if self.has(name):
                self.value(name)
        found: set[str] = set()

        def walk(node):
            for parameter in node.parameters:
                found.add(parameter.name)
            for child in node.children:
                walk(child)

        for tree in tracer.trees[before:]:
            walk(tree)
        self.traced[program] = found

    def formula_start(self, name: str) -> str | None:
        formulas = getattr(self.system.variables[name], "formulas", None)
        if not formulas:
            return None
        return min(str(key) for key in formulas)

    def parameters_of(self, program: str, explicit, conditions=()) -> dict:
        """Parameters behind ``program``'s result: those the explanation cites (``decisive``)
        and those the tracer saw its formulas read."""
        decisive = set(explicit)
        for item in conditions:
            decisive.update(item.get("parameters", ()))
        result = {}
        for path in sorted(decisive | self.traced.get(program, set())):
            info = self.param(path)
            if info is not None:
                result[path] = {**info, "decisive": path in decisive}
        return result


def condition(key: str, held: bool, indonesian: str, english: str, values=None, parameters=()):
    return {
        "key": key,
        "held": bool(held),
        "id": indonesian,
        "en": english,
        "values": values or {},
        "parameters": list(parameters),
    }


# --- registry band ------------------------------------------------------------------------------


def registry_condition(ctx: Context, program: str, family: int, variable: str) -> dict:
    """The registry band of ``program``: DTKS membership, or the DTSEN decile vs its maximum."""
    held = bool(ctx.value(variable)[family])
    name_id, name_en = PROGRAM_NAMES.get(program, (program, program))
    if ctx.pvalue("registri.pakai_dtsen", False):
        desil = int(ctx.value("desil_dtsen")[family])
        maksimum_path = f"registri.desil_maksimum.{program}"
        maksimum = ctx.pvalue(maksimum_path)
        values = {"desil_dtsen": desil, maksimum_path: maksimum}
        params = ["registri.pakai_dtsen", maksimum_path]
        if desil == 0:
            return condition(
                "registri",
                held,
                f"Keluarga tidak tercatat di DTSEN (desil 0); {name_id} mensyaratkan desil "
                f"DTSEN 1–{maksimum}.",
                f"The family is not in DTSEN (decile 0); {name_en} requires DTSEN decile "
                f"1–{maksimum}.",
                values,
                params,
            )
        if held:
            return condition(
                "registri",
                held,
                f"Desil DTSEN keluarga {desil} berada dalam desil 1–{maksimum} yang berhak atas "
                f"{name_id}.",
                f"The family's DTSEN decile {desil} is within deciles 1–{maksimum} eligible for "
                f"{name_en}.",
                values,
                params,
            )
        return condition(
            "registri",
            held,
            f"Desil DTSEN keluarga {desil} di atas desil maksimum {maksimum} untuk {name_id}.",
            f"The family's DTSEN decile {desil} is above the maximum decile {maksimum} for "
            f"{name_en}.",
            values,
            params,
        )
    dtks = bool(ctx.value("terdaftar_dtks")[family])
    values = {"terdaftar_dtks": dtks}
    if held:
        return condition(
            "registri",
            held,
            "Keluarga terdaftar di DTKS, registri yang dipakai sebelum April 2025.",
            "The family is registered in DTKS, the registry used before April 2025.",
            values,
            ["registri.pakai_dtsen"],
        )
    return condition(
        "registri",
        held,
        f"Keluarga tidak terdaftar di DTKS; sebelum April 2025 {name_id} hanya untuk keluarga "
        "DTKS.",
        f"The family is not registered in DTKS; before April 2025 {name_en} only serves DTKS "
        "families.",
        values,
        ["registri.pakai_dtsen"],
    )


def in_force_condition(ctx: Context, variable: str, label: tuple[str, str]) -> dict | None:
    start = ctx.formula_start(variable)
    if start is None or ctx.instant >= start:
        return None
    return condition(
        "berlaku",
        False,
        f"{label[0]} belum berlaku pada {month_id(ctx.month)} (mulai {start}).",
        f"{label[1]} was not in force in {month_en(ctx.month)} (starts {start}).",
        {"mulai": start},
    )


# --- PKH ----------------------------------------------------------------------------------------


def _pkh_checks(ctx: Context, person: int) -> list[dict]:
    """Each component's qualifying facts for one member, with the thresholds (for "why")."""
    umur = int(ctx.value("umur")[person])
    berlaku = bool(ctx.pvalue("pkh.batas.berlaku", False))
    checks = []
    if ctx.value("hamil")[person]:
        ke = int(ctx.value("kehamilan_ke")[person])
        batas = ctx.pvalue("pkh.batas.urutan_kehamilan")
        ok = not berlaku or ke <= batas
        checks.append(
            {
                "komponen": "ibu_hamil",
                "held": ok,
                "values": {"hamil": True, "kehamilan_ke": ke},
                "parameters": ["pkh.batas.urutan_kehamilan"] if berlaku else [],
                "id": "hamil/nifas"
                + ("" if ok else f", tetapi kehamilan ke-{ke} melewati batas kehamilan ke-{batas}"),
                "en": "pregnant/post-partum"
                + ("" if ok else f", but pregnancy no. {ke} is beyond the limit of {batas}"),
            }
        )
    maks_dini = ctx.pvalue("pkh.umur.anak_usia_dini_maksimum")
    if maks_dini is not None and 0 <= umur <= maks_dini:
        ke = int(ctx.value("anak_ke")[person])
        batas = ctx.pvalue("pkh.batas.urutan_anak_usia_dini")
        ok = not berlaku or ke <= batas
        checks.append(
            {
                "komponen": "anak_usia_dini",
                "held": ok,
                "values": {"umur": umur, "anak_ke": ke},
                "parameters": ["pkh.umur.anak_usia_dini_maksimum"]
                + (["pkh.batas.urutan_anak_usia_dini"] if berlaku else []),
                "id": f"umur {umur} tahun (anak usia dini, ≤ {maks_dini})"
                + ("" if ok else f", tetapi anak ke-{ke} melewati batas anak ke-{batas}"),
                "en": f"aged {umur} (early childhood, ≤ {maks_dini})"
                + ("" if ok else f", but child no. {ke} is beyond the limit of child no. {batas}"),
            }
        )
    jenjang = str(ctx.value("jenjang_pendidikan")[person])
    if jenjang in ("sd", "smp", "sma"):
        minimum = ctx.pvalue("pkh.umur.pendidikan_minimum")
        maksimum = ctx.pvalue("pkh.umur.pendidikan_maksimum")
        umur_ok = minimum <= umur <= maksimum
        dapodik_wajib = bool(ctx.pvalue("pkh.syarat.wajib_dapodik", False))
        dapodik = bool(ctx.value("terdaftar_dapodik")[person])
        ok = umur_ok and (dapodik or not dapodik_wajib)
        why_id, why_en = [], []
        if not umur_ok:
            why_id.append(f"umur {umur} di luar {minimum}–{maksimum} tahun")
            why_en.append(f"age {umur} outside {minimum}–{maksimum}")
        if dapodik_wajib and not dapodik:
            why_id.append("tidak aktif di Dapodik")
            why_en.append("not active in Dapodik")
        checks.append(
            {
                "komponen": jenjang,
                "held": ok,
                "values": {
                    "jenjang_pendidikan": jenjang,
                    "umur": umur,
                    "terdaftar_dapodik": dapodik,
                },
                "parameters": ["pkh.umur.pendidikan_minimum", "pkh.umur.pendidikan_maksimum"]
                + (["pkh.syarat.wajib_dapodik"] if dapodik_wajib else []),
                "id": f"bersekolah {jenjang.upper()}"
                + ("" if ok else ", tetapi " + " dan ".join(why_id)),
                "en": f"enrolled at {jenjang.upper()}"
                + ("" if ok else ", but " + " and ".join(why_en)),
            }
        )
    if ctx.value("disabilitas_berat")[person]:
        checks.append(
            {
                "komponen": "disabilitas_berat",
                "held": True,
                "values": {"disabilitas_berat": True},
                "parameters": [],
                "id": "penyandang disabilitas berat",
                "en": "severe disability",
            }
        )
    minimum_lansia = ctx.pvalue("pkh.umur.lanjut_usia_minimum")
    if minimum_lansia is not None and umur >= minimum_lansia:
        checks.append(
            {
                "komponen": "lanjut_usia",
                "held": True,
                "values": {"umur": umur},
                "parameters": ["pkh.umur.lanjut_usia_minimum"],
                "id": f"umur {umur} tahun (lanjut usia, ≥ {minimum_lansia})",
                "en": f"aged {umur} (elderly, ≥ {minimum_lansia})",
            }
        )
    return checks


def _cap_reason(ctx: Context, family_members: list[int], komponen: str) -> dict:
    counted = ctx.value("pkh_komponen")
    for group, members in _groups().items():
        if komponen in members:
            path = f"pkh.batas.{group}"
            cap = ctx.pvalue(path)
            used = sum(1 for m in family_members if str(counted[m]) in members)
            if cap is not None and used >= cap:
                return {
                    "cap": path,
                    "value": cap,
                    "id": f"batas kelompok {group} ({path} = {cap}) sudah penuh",
                    "en": f"the {group} group cap ({path} = {cap}) was full",
                }
    path = "pkh.batas.komponen_per_keluarga"
    cap = ctx.pvalue(path)
    return {
        "cap": path,
        "value": cap,
        "id": f"batas {cap} komponen per keluarga ({path}) sudah penuh",
        "en": f"the family cap of {cap} components ({path}) was full",
    }


def explain_pkh(ctx: Context, family: int, members: list[int]) -> dict:
    label = ("PKH", "PKH")
    conditions = []
    not_in_force = in_force_condition(ctx, "pkh_layak", label)
    if not_in_force:
        conditions.append(not_in_force)
    conditions.append(registry_condition(ctx, "pkh", family, "pkh_dalam_registri"))
    kandidat = ctx.value("pkh_komponen_kandidat")
    komponen = ctx.value("pkh_komponen")
    terpotong = ctx.value("pkh_terpotong_batas")
    patuh = ctx.value("pkh_komponen_patuh")
    nominal = ctx.value("pkh_bantuan_komponen")
    korban = ctx.value("pkh_komponen_korban_ham") if ctx.has("pkh_komponen_korban_ham") else None
    explained_members = []
    counted = 0
    explicit = {"pkh.batas.komponen_per_keluarga"}
    for person in members:
        checks = _pkh_checks(ctx, person)
        for check in checks:
            explicit.update(check["parameters"])
        cand, comp = str(kandidat[person]), str(komponen[person])
        entry = {
            "individu": ctx.person_ids[person],
            "peran": ctx.roles[person],
            "umur": int(ctx.value("umur")[person]),
            "komponen_kandidat": cand,
            "komponen": comp,
            "terpotong_batas": bool(terpotong[person]),
            "patuh": bool(patuh[person]),
            "bantuan": int(nominal[person]),
            "checks": checks,
        }
        who = ctx.person_ids[person]
        if comp != "tidak_ada":
            counted += 1
            index_path = f"pkh.indeks.{comp}"
            explicit.add(index_path)
            indeks = ctx.pvalue(index_path, 0)
            text_id = (
                f"{who}: dihitung sebagai komponen {KOMPONEN_ID.get(comp, comp)} "
                f"(indeks {rp_id(indeks)}/tahun)"
            )
            text_en = (
                f"{who}: counted as the {KOMPONEN_EN.get(comp, comp)} component "
                f"(index {rp_en(indeks)}/year)"
            )
            others = [c["komponen"] for c in checks if c["held"] and c["komponen"] != comp]
            if others:
                text_id += (
                    f"; juga memenuhi {', '.join(KOMPONEN_ID.get(o, o) for o in others)}, "
                    "satu orang dihitung sekali dengan indeks tertinggi"
                )
                text_en += (
                    f"; also qualifies as {', '.join(KOMPONEN_EN.get(o, o) for o in others)}, "
                    "one person counts once, under the highest index"
                )
            if not patuh[person]:
                if comp in ("sd", "smp", "sma"):
                    hadir = int(ctx.value("kehadiran_sekolah_persen")[person])
                    minimum = ctx.pvalue("pkh.syarat.kehadiran_sekolah_minimum")
                    explicit.add("pkh.syarat.kehadiran_sekolah_minimum")
                    text_id += f"; tidak dibayar bulan ini: kehadiran {hadir}% < {minimum}%"
                    text_en += f"; not paid this month: attendance {hadir}% < {minimum}%"
                else:
                    text_id += (
                        "; tidak dibayar bulan ini: kewajiban pemeriksaan kesehatan tidak dipenuhi"
                    )
                    text_en += "; not paid this month: health-check duty not met"
            if nominal[person]:
                text_id += f"; bulan ini {rp_id(nominal[person])}"
                text_en += f"; {rp_en(nominal[person])} this month"
        elif terpotong[person]:
            cap = _cap_reason(ctx, members, cand)
            explicit.add(cap["cap"])
            entry["batas"] = cap
            text_id = (
                f"{who}: memenuhi komponen {KOMPONEN_ID.get(cand, cand)}, tetapi tidak dihitung: "
                f"{cap['id']} (urutan prioritas pkh.prioritas)"
            )
            text_en = (
                f"{who}: qualifies as {KOMPONEN_EN.get(cand, cand)}, but is not counted: "
                f"{cap['en']} (priority order pkh.prioritas)"
            )
        else:
            failed = [c for c in checks if not c["held"]]
            if failed:
                text_id = f"{who}: tidak mendapat komponen PKH: " + "; ".join(
                    c["id"] for c in failed
                )
                text_en = f"{who}: no PKH component: " + "; ".join(c["en"] for c in failed)
            else:
                umur = entry["umur"]
                text_id = (
                    f"{who}: tidak memenuhi komponen PKH mana pun (umur {umur}; tidak hamil, "
                    "bukan anak usia dini, tidak bersekolah SD/SMP/SMA, tanpa disabilitas berat, "
                    "bukan lanjut usia)"
                )
                text_en = (
                    f"{who}: fits no PKH component (aged {umur}; not pregnant, not early "
                    "childhood, not enrolled at SD/SMP/SMA, no severe disability, not elderly)"
                )
        if korban is not None and korban[person]:
            text_id += "; komponen korban pelanggaran HAM berat (dibayar bulanan)"
            text_en += "; victim of serious human-rights violations (paid monthly)"
        entry["id"], entry["en"] = text_id, text_en
        explained_members.append(entry)

    cap = ctx.pvalue("pkh.batas.komponen_per_keluarga")
    ada_korban = korban is not None and any(korban[m] for m in members)
    conditions.append(
        condition(
            "komponen",
            counted > 0 or ada_korban,
            (
                f"{counted} komponen dihitung (maksimal {cap} per keluarga)."
                if counted
                else "Tidak ada anggota keluarga yang memenuhi komponen PKH."
            ),
            (
                f"{counted} component(s) counted (at most {cap} per family)."
                if counted
                else "No family member fits a PKH component."
            ),
            {"komponen_dihitung": counted},
            ["pkh.batas.komponen_per_keluarga"],
        )
    )
    layak = bool(ctx.value("pkh_layak")[family])
    amount = int(ctx.value("pkh_bantuan")[family])
    bulan = int(ctx.value("pkh_bulan_tercakup")[family])
    schedule_months = []
    for number, _name in enumerate(BULAN_ID, start=1):
        instant = f"{ctx.year}-{number:02d}-01"
        info = parameter_info(
            ctx.system, f"pkh.pembayaran.bulan_tercakup.{_month_key(number)}", instant
        )
        if info is not None and info["value"]:
            schedule_months.append(number)
    schedule_id = ", ".join(BULAN_ID[m - 1] for m in schedule_months) or "-"
    schedule_en = ", ".join(MONTH_EN[m - 1] for m in schedule_months) or "-"
    month_key = f"pkh.pembayaran.bulan_tercakup.{_month_key(int(ctx.month[5:]))}"
    explicit.add(month_key)
    if layak:
        conditions.append(
            condition(
                "bulan_pembayaran",
                bulan > 0,
                (
                    f"{month_id(ctx.month)} adalah bulan pembayaran: dibayar {bulan} bulan indeks."
                    if bulan
                    else f"{month_id(ctx.month)} bukan bulan pembayaran PKH; pembayaran "
                    f"{ctx.year}: "
                    f"{schedule_id}."
                ),
                (
                    f"{month_en(ctx.month)} is a payment month: {bulan} month(s) of the index paid."
                    if bulan
                    else f"{month_en(ctx.month)} is not a PKH payment month; {ctx.year} payments: "
                    f"{schedule_en}."
                ),
                {"pkh_bulan_tercakup": bulan, "bulan_pembayaran": schedule_months},
                [month_key],
            )
        )
        ditahan = bool(ctx.value("pkh_pembayaran_ditahan")[family])
        if ditahan:
            explicit.add("pkh.syarat.p2k2_menahan_pembayaran")
            conditions.append(
                condition(
                    "p2k2",
                    False,
                    "Pembayaran ditahan: keluarga tidak hadir P2K2 bulan ini.",
                    "Payment withheld: the family missed the P2K2 session this month.",
                    {"hadir_p2k2": False},
                    ["pkh.syarat.p2k2_menahan_pembayaran"],
                )
            )
    parts = {
        name: int(ctx.value(name)[family])
        for name in ("pkh_bantuan_flat", "pkh_bantuan_tetap")
        if ctx.has(name)
    }
    if layak:
        summary = pair(
            f"PKH: keluarga berhak pada {month_id(ctx.month)}; dibayar {rp_id(amount)}.",
            f"PKH: the family is eligible in {month_en(ctx.month)}; paid {rp_en(amount)}.",
        )
        unpaid = [c for c in conditions if not c["held"]]
        if unpaid and amount == 0:
            summary["id"] += " " + " ".join(c["id"] for c in unpaid)
            summary["en"] += " " + " ".join(c["en"] for c in unpaid)
    else:
        failed = [c for c in conditions if not c["held"]]
        summary = pair(
            "PKH: keluarga tidak berhak: " + " ".join(c["id"] for c in failed),
            "PKH: the family is not eligible: " + " ".join(c["en"] for c in failed),
        )
    return {
        "program": "pkh",
        "label": BY_KEY["pkh"].label,
        "label_en": BY_KEY["pkh"].label_en,
        "eligible": layak,
        "amount": amount,
        "amount_parts": parts,
        "conditions": conditions,
        "members": explained_members,
        "parameters": ctx.parameters_of("pkh", explicit, conditions),
        "summary": summary,
    }


_MONTH_KEYS = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)  # fmt: skip


def _month_key(number: int) -> str:
    return _MONTH_KEYS[number - 1]


# --- Sembako and top-ups ------------------------------------------------------------------------


def explain_sembako(ctx: Context, family: int) -> dict:
    label = ("Program Sembako", "Sembako")
    conditions = []
    not_in_force = in_force_condition(ctx, "sembako_layak", label)
    if not_in_force:
        conditions.append(not_in_force)
    conditions.append(registry_condition(ctx, "sembako", family, "sembako_dalam_registri"))
    layak = bool(ctx.value("sembako_layak")[family])
    amount = int(ctx.value("sembako_bantuan")[family])
    explicit = {"sembako.nilai_bulanan"}
    nilai = ctx.pvalue("sembako.nilai_bulanan", 0)
    if layak:
        summary = pair(
            f"Program Sembako: keluarga berhak; nilai {rp_id(amount)} per bulan "
            f"(sembako.nilai_bulanan = {rp_id(nilai)}).",
            f"Sembako: the family is eligible; {rp_en(amount)} a month "
            f"(sembako.nilai_bulanan = {rp_en(nilai)}).",
        )
    else:
        failed = [c for c in conditions if not c["held"]]
        summary = pair(
            "Program Sembako: keluarga tidak berhak: " + " ".join(c["id"] for c in failed),
            "Sembako: the family is not eligible: " + " ".join(c["en"] for c in failed),
        )
    result = {
        "program": "sembako",
        "label": BY_KEY["sembako"].label,
        "label_en": BY_KEY["sembako"].label_en,
        "eligible": layak,
        "amount": amount,
        "conditions": conditions,
        "parameters": ctx.parameters_of("sembako", explicit, conditions),
        "summary": summary,
    }
    if ctx.has("sembako_prioritas_pkh"):
        prioritas = bool(ctx.value("sembako_prioritas_pkh")[family])
        result["prioritas_pkh"] = prioritas
        if prioritas:
            summary["id"] += " Sebagai keluarga PKH, keluarga didahulukan dalam kuota Sembako."
            summary["en"] += " As a PKH family it comes first under the Sembako quota."
    return result


def explain_top_ups(ctx: Context, family: int) -> dict:
    components = []
    explicit = set()
    lines_id, lines_en = [], []
    for name, _reaches in BY_KEY["bantuan_tambahan"].components:
        if not ctx.has(name):
            continue
        path = f"bantuan_tambahan.{name}.nilai_bulanan"
        nilai = ctx.pvalue(path)
        amount = int(ctx.value(name)[family])
        layak_name = f"{name}_layak"
        layak = bool(ctx.value(layak_name)[family]) if ctx.has(layak_name) else amount > 0
        running = bool(nilai)
        entry = {
            "variable": name,
            "label": ctx.system.variables[name].label,
            "running": running,
            "eligible": layak,
            "amount": amount,
        }
        if nilai is not None:
            entry["nilai_bulanan"] = {"parameter": path, "value": nilai}
        if running:
            explicit.add(path)
            target = ctx.system.variables[layak_name].label if ctx.has(layak_name) else name
            if layak:
                entry["id"] = f"{name}: berhak, {rp_id(amount)} bulan ini ({target})."
                entry["en"] = f"{name}: eligible, {rp_en(amount)} this month."
            else:
                entry["id"] = (
                    f"{name}: berjalan bulan ini, tetapi keluarga bukan sasaran ({target})."
                )
                entry["en"] = (
                    f"{name}: runs this month, but the family is not in its target group "
                    f"({layak_name} is false)."
                )
            lines_id.append(entry["id"])
            lines_en.append(entry["en"])
        components.append(entry)
    amount = int(ctx.value("bantuan_tambahan")[family])
    if not lines_id:
        lines_id.append(f"Tidak ada bantuan tambahan yang berjalan pada {month_id(ctx.month)}.")
        lines_en.append(f"No top-up or BLT runs in {month_en(ctx.month)}.")
    return {
        "program": "bantuan_tambahan",
        "label": BY_KEY["bantuan_tambahan"].label,
        "label_en": BY_KEY["bantuan_tambahan"].label_en,
        "eligible": amount > 0,
        "amount": amount,
        "components": components,
        "parameters": ctx.parameters_of("bantuan_tambahan", explicit),
        "summary": pair(
            f"Bantuan tambahan: {rp_id(amount)}. " + " ".join(lines_id),
            f"Top-ups: {rp_en(amount)}. " + " ".join(lines_en),
        ),
    }


# --- per person: PBI-JK and ATENSI -------------------------------------------------------------


def explain_pbi_jk(ctx: Context, family: int, members: list[int]) -> dict:
    label = ("PBI-JK", "PBI-JK")
    family_conditions = []
    not_in_force = in_force_condition(ctx, "pbi_jk_layak", label)
    if not_in_force:
        family_conditions.append(not_in_force)
    family_conditions.append(registry_condition(ctx, "pbi_jk", family, "pbi_jk_dalam_registri"))
    dalam = bool(ctx.value("pbi_jk_dalam_registri")[family])
    iuran_bulanan = ctx.pvalue("pbi_jk.iuran_bulanan", 0)
    persons = []
    for person in members:
        who = ctx.person_ids[person]
        layak = bool(ctx.value("pbi_jk_layak")[person])
        iuran = int(ctx.value("pbi_jk_iuran")[person])
        tercatat = bool(ctx.value("tercatat_di_registri")[person])
        bayi = bool(ctx.value("pbi_jk_layak_bayi_baru_lahir")[person])
        if layak and bayi and not tercatat:
            text = (
                f"{who}: berhak sebagai bayi baru lahir dari ibu peserta PBI; negara membayar "
                f"{rp_id(iuran)} bulan ini.",
                f"{who}: eligible as a newborn of a PBI mother; the state pays {rp_en(iuran)} "
                "this month.",
            )
        elif layak:
            text = (
                f"{who}: berhak PBI-JK; negara membayar iuran {rp_id(iuran)} bulan ini.",
                f"{who}: eligible for PBI-JK; the state pays {rp_en(iuran)} this month.",
            )
        elif not dalam:
            text = (
                f"{who}: tidak berhak: keluarga di luar cakupan registri PBI-JK.",
                f"{who}: not eligible: the family is outside the PBI-JK registry band.",
            )
        elif not tercatat:
            text = (
                f"{who}: tidak berhak: tidak tercatat sebagai anggota keluarga di registri.",
                f"{who}: not eligible: not listed as a family member in the registry.",
            )
        else:
            text = (
                f"{who}: tidak berhak PBI-JK pada {month_id(ctx.month)}.",
                f"{who}: not eligible for PBI-JK in {month_en(ctx.month)}.",
            )
        persons.append(
            {
                "individu": who,
                "eligible": layak,
                "amount": iuran,
                "tercatat_di_registri": tercatat,
                "bayi_baru_lahir": bayi,
                "id": text[0],
                "en": text[1],
            }
        )
    total = sum(p["amount"] for p in persons)
    eligible = sum(p["eligible"] for p in persons)
    summary = pair(
        f"PBI-JK: {eligible} dari {len(persons)} anggota berhak; iuran "
        f"{rp_id(iuran_bulanan)} per orang, total {rp_id(total)} bulan ini.",
        f"PBI-JK: {eligible} of {len(persons)} members eligible; contribution "
        f"{rp_en(iuran_bulanan)} per person, {rp_en(total)} in all this month.",
    )
    return person_program_answer(
        ctx, "pbi_jk", persons, family_conditions, {"pbi_jk.iuran_bulanan"}, summary
    )


def explain_atensi(ctx: Context, family: int, members: list[int]) -> dict:
    family_conditions = []
    berlaku = bool(ctx.pvalue("atensi.berlaku", True))
    if not berlaku:
        family_conditions.append(
            condition(
                "berlaku",
                False,
                f"ATENSI belum berlaku pada {month_id(ctx.month)} (atensi.berlaku).",
                f"ATENSI was not in force in {month_en(ctx.month)} (atensi.berlaku).",
                {},
                ["atensi.berlaku"],
            )
        )
    family_conditions.append(registry_condition(ctx, "atensi", family, "atensi_dalam_registri"))
    dalam = bool(ctx.value("atensi_dalam_registri")[family])
    persons = []
    batas_anak = ctx.pvalue("atensi.umur.batas_anak")
    for person in members:
        who = ctx.person_ids[person]
        layak = bool(ctx.value("atensi_layak")[person])
        groups = [g for g in ATENSI_GROUPS if ctx.has(g) and ctx.value(g)[person]]
        yapi = int(ctx.value("atensi_yapi")[person])
        tunai = int(ctx.value("atensi_bantuan_tunai")[person])
        status = str(ctx.value("status_yatim_piatu")[person])
        umur = int(ctx.value("umur")[person])
        groups_id = ", ".join(ATENSI_GROUPS[g][0] for g in groups)
        groups_en = ", ".join(ATENSI_GROUPS[g][1] for g in groups)
        if layak:
            text_id = f"{who}: berhak ATENSI sebagai {groups_id}"
            text_en = f"{who}: eligible for ATENSI as {groups_en}"
            if yapi:
                text_id += f"; YAPI ({status}, umur {umur} < {batas_anak}) {rp_id(yapi)}"
                text_en += f"; YAPI ({status}, aged {umur} < {batas_anak}) {rp_en(yapi)}"
            elif status != "bukan":
                text_id += f"; bukan YAPI: umur {umur} tidak di bawah {batas_anak} tahun"
                text_en += f"; no YAPI: aged {umur}, not under {batas_anak}"
            if tunai != yapi:
                text_id += f"; bantuan bernilai uang total {rp_id(tunai)}"
                text_en += f"; money-valued support {rp_en(tunai)} in all"
        elif groups and not dalam:
            text_id = (
                f"{who}: kelompok sasaran ({groups_id}), tetapi keluarga di luar registri ATENSI"
            )
            text_en = (
                f"{who}: in a target group ({groups_en}), but the family is outside the ATENSI "
                "registry band"
            )
        elif groups and not berlaku:
            text_id = f"{who}: kelompok sasaran ({groups_id}), tetapi ATENSI belum berlaku"
            text_en = f"{who}: in a target group ({groups_en}), but ATENSI was not in force"
        else:
            text_id = f"{who}: bukan kelompok sasaran ATENSI"
            text_en = f"{who}: in no ATENSI target group"
            if status != "bukan" and batas_anak is not None and umur >= batas_anak:
                text_id += f" (yatim/piatu, tetapi umur {umur} ≥ {batas_anak})"
                text_en += f" (orphan, but aged {umur} ≥ {batas_anak})"
        persons.append(
            {
                "individu": who,
                "eligible": layak,
                "target_groups": groups,
                "atensi_yapi": yapi,
                "amount": tunai,
                "id": text_id + ".",
                "en": text_en + ".",
            }
        )
    total = sum(p["amount"] for p in persons)
    eligible = sum(p["eligible"] for p in persons)
    summary = pair(
        f"ATENSI: {eligible} dari {len(persons)} anggota berhak; bantuan bernilai uang "
        f"{rp_id(total)} bulan ini.",
        f"ATENSI: {eligible} of {len(persons)} members eligible; money-valued support "
        f"{rp_en(total)} this month.",
    )
    used = {"atensi.yapi.bantuan_bulanan", "atensi.umur.batas_anak"}
    return person_program_answer(ctx, "atensi", persons, family_conditions, used, summary)


def person_program_answer(ctx, key, persons, family_conditions, used, summary) -> dict:
    """The answer of a program paid per person: totals over members, conditions, parameters."""
    return {
        "program": key,
        "label": BY_KEY[key].label,
        "label_en": BY_KEY[key].label_en,
        "eligible_persons": sum(p["eligible"] for p in persons),
        "amount": sum(p["amount"] for p in persons),
        "conditions": family_conditions,
        "persons": persons,
        "parameters": ctx.parameters_of(key, used, family_conditions),
        "summary": summary,
    }


# --- entry points -------------------------------------------------------------------------------


def explain_simulation(system, simulation, month: str, keluarga: str | None = None) -> list[dict]:
    ctx = Context(system, simulation, month)
    if keluarga is not None and keluarga not in ctx.family_ids:
        listed = ", ".join(quote(family) for family in ctx.family_ids[:10])
        raise ApiError(f"no family '{quote(keluarga)}' in the situation; families: {listed}")
    simulation.trace = True
    for program, names in TRACED.items():
        ctx.trace_program(program, names)
    explanations = []
    for family, family_id in enumerate(ctx.family_ids):
        if keluarga is not None and family_id != keluarga:
            continue
        members = [int(i) for i in np.flatnonzero(ctx.family_of == family)]
        programs = {
            "pkh": explain_pkh(ctx, family, members),
            "sembako": explain_sembako(ctx, family),
            "bantuan_tambahan": explain_top_ups(ctx, family),
            "pbi_jk": explain_pbi_jk(ctx, family, members),
            "atensi": explain_atensi(ctx, family, members),
        }
        explanation = {
            "keluarga": family_id,
            "month": month,
            "members": [ctx.person_ids[m] for m in members],
            "programs": programs,
        }
        explanation["text"] = {lang: _family_text(explanation, lang) for lang in ("id", "en")}
        explanations.append(explanation)
    return explanations


def _family_text(explanation: dict, lang: str) -> str:
    month = explanation["month"]
    title = (
        f"Keluarga {explanation['keluarga']}, {month_id(month)}"
        if lang == "id"
        else f"Family {explanation['keluarga']}, {month_en(month)}"
    )
    lines = [title]
    for program in explanation["programs"].values():
        lines.append("")
        lines.append(program["summary"][lang])
        for item in program.get("conditions", []):
            mark = "✓" if item["held"] else "✗"
            lines.append(f"  {mark} {item[lang]}")
        for member in program.get("members", []):
            lines.append(f"  - {member[lang]}")
        for person in program.get("persons", []):
            lines.append(f"  - {person[lang]}")
        cited = [p for p in program.get("parameters", {}).values() if p.get("decisive")]
        if cited:
            lines.append("  Parameter:" if lang == "id" else "  Parameters:")
        for info in cited:
            name = info["description"] if lang == "id" else info["label_en"] or info["description"]
            line = f"    · {info['path']} = {_format_value(info)} ({name})"
            if info["references"]:
                line += " — " + "; ".join(r["title"] for r in info["references"][:2])
            lines.append(line)
    return "\n".join(lines)


def _format_value(info: dict) -> str:
    value = info["value"]
    if info.get("unit") == "currency-IDR" and isinstance(value, int | float):
        return f"{int(value):,}"
    return str(value)


def render_text(answer: dict, lang: str = "id") -> str:
    """The readable explanation of every family of an /explain answer."""
    return "\n\n".join(family["text"][lang] for family in answer.get("families", [])) + "\n"
