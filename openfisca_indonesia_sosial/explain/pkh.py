"""PKH, read from its verdict variables.

Per member: each component's verdict ``pkh_memenuhi_<komponen>`` (what
``pkh_komponen_kandidat`` chooses from), the conditions its formula read that failed, the cap
that stopped a candidate (``pkh_batas_penghalang``), the duty not met
(``pkh_komponen_patuh``). Per family: the registry band, ``pkh_ada_komponen``, the payment
schedule and P2K2. Nothing here decides a verdict.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context, condition
from openfisca_indonesia_sosial.explain.persons import death_text
from openfisca_indonesia_sosial.explain.registry import in_force_condition, registry_condition
from openfisca_indonesia_sosial.explain.text import (
    BULAN_ID,
    MONTH_EN,
    month_en,
    month_id,
    pair,
    rp_en,
    rp_id,
)
from openfisca_indonesia_sosial.explain.verdicts import reasons, sentence
from openfisca_indonesia_sosial.law.enums import PKH_GRUP_BATAS, KomponenPKH
from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN
from openfisca_indonesia_sosial.programs import BY_KEY

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
#: When a component is worth a line for a member whose verdict is false: the fact that brings
#: him near it (a variable and the value meaning "yes"). Wording only: the verdict decides.
NEAR = {
    "ibu_hamil": ("hamil", True),
    "anak_usia_dini": ("pkh_umur_anak_usia_dini", True),
    "sd": ("jenjang_pendidikan", "sd"),
    "smp": ("jenjang_pendidikan", "smp"),
    "sma": ("jenjang_pendidikan", "sma"),
    "disabilitas_berat": ("disabilitas_berat", True),
    "lanjut_usia": ("pkh_memenuhi_lanjut_usia", True),
}
#: What "not near" a component means, for a member who fits none.
NOT_NEAR = {
    "ibu_hamil": ("tidak hamil", "not pregnant"),
    "sd": ("tidak bersekolah SD/SMP/SMA", "not enrolled at SD/SMP/SMA"),
    "smp": ("tidak bersekolah SD/SMP/SMA", "not enrolled at SD/SMP/SMA"),
    "sma": ("tidak bersekolah SD/SMP/SMA", "not enrolled at SD/SMP/SMA"),
    "disabilitas_berat": ("tanpa disabilitas berat", "no severe disability"),
}
SCHEDULE = "pkh.pembayaran.bulan_tercakup"
COMPONENTS = [item.name for item in KomponenPKH if item is not KomponenPKH.tidak_ada]


def verdict_of(komponen: str) -> str:
    """The variable holding a component's verdict (one per KomponenPKH item)."""
    return f"pkh_memenuhi_{komponen}"


def member_checks(ctx: Context, person: int) -> list[dict]:
    """The components a member fits or comes near, each with its verdict and, when false,
    the conditions that failed."""
    entity = ctx.person_key
    checks = []
    for komponen in COMPONENTS:
        verdict = verdict_of(komponen)
        held = bool(ctx.value(verdict)[person])
        near, yes = NEAR[komponen]
        if not held and ctx.at(near, person, entity) != yes:
            continue
        said = sentence(ctx, verdict, person, entity, True)
        failed = [] if held else reasons(ctx, verdict, person, entity)
        parameters = list(dict.fromkeys(said["parameters"]))
        text_id, text_en = said["id"], said["en"]
        if failed:
            text_id += ", tetapi " + " dan ".join(r["id"] for r in failed)
            text_en += ", but " + " and ".join(r["en"] for r in failed)
        checks.append(
            {
                "komponen": komponen,
                "held": held,
                "values": said["values"],
                "parameters": parameters,
                "id": text_id,
                "en": text_en,
            }
        )
    return checks


def fits_none(ctx: Context, person: int) -> tuple[str, str]:
    """Why a member near no component fits none: each component's fact, in words."""
    entity = ctx.person_key
    parts = {}
    for komponen in COMPONENTS:
        near, _yes = NEAR[komponen]
        if komponen in NOT_NEAR:
            parts.setdefault(NOT_NEAR[komponen], None)
        else:
            said = sentence(ctx, near, person, entity, False)
            parts.setdefault((said["id"], said["en"]), None)
    return "; ".join(p[0] for p in parts), "; ".join(p[1] for p in parts)


def cap_reason(ctx: Context, person: int) -> dict:
    """The cap that stopped a candidate: the value of ``pkh_batas_penghalang``."""
    name = str(ctx.value("pkh_batas_penghalang")[person])
    path = f"pkh.batas.{name}"  # each cap is named as its parameter
    cap = ctx.pvalue(path)
    members = PKH_GRUP_BATAS.get(name)
    if members is None:
        return {
            "cap": path,
            "value": cap,
            "id": f"batas {cap} komponen per keluarga ({path}) sudah penuh",
            "en": f"the family cap of {cap} components ({path}) was full",
        }
    listed_id = ", ".join(KOMPONEN_ID[m] for m in members)
    listed_en = ", ".join(KOMPONEN_EN[m] for m in members)
    return {
        "cap": path,
        "value": cap,
        "id": f"batas kelompok {name} ({listed_id}; {path} = {cap}) sudah penuh",
        "en": f"the {name} group cap ({listed_en}; {path} = {cap}) was full",
    }


def explain_member(ctx: Context, person: int, explicit: set) -> dict:
    who = ctx.person_ids[person]
    checks = member_checks(ctx, person)
    for check in checks:
        explicit.update(check["parameters"])
    cand = str(ctx.value("pkh_komponen_kandidat")[person])
    comp = str(ctx.value("pkh_komponen")[person])
    patuh = bool(ctx.value("pkh_komponen_patuh")[person])
    nominal = int(ctx.value("pkh_bantuan_komponen")[person])
    entry = {
        "individu": who,
        "peran": ctx.roles[person],
        "umur": int(ctx.value("umur")[person]),
        "komponen_kandidat": cand,
        "komponen": comp,
        "terpotong_batas": bool(ctx.value("pkh_terpotong_batas")[person]),
        "patuh": patuh,
        "bantuan": nominal,
        "checks": checks,
    }
    if comp != "tidak_ada":
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
        if not patuh:
            duties = reasons(ctx, "pkh_komponen_patuh", person, ctx.person_key)
            for duty in duties:
                explicit.update(duty["parameters"])
            text_id += "; tidak dibayar bulan ini: " + "; ".join(d["id"] for d in duties)
            text_en += "; not paid this month: " + "; ".join(d["en"] for d in duties)
        if nominal:
            text_id += f"; bulan ini {rp_id(nominal)}"
            text_en += f"; {rp_en(nominal)} this month"
    elif entry["terpotong_batas"]:
        cap = cap_reason(ctx, person)
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
    elif (death := death_text(ctx, person)) is not None:
        text_id, text_en = death
    else:
        failed = [c for c in checks if not c["held"]]
        if failed:
            text_id = f"{who}: tidak mendapat komponen PKH: " + "; ".join(c["id"] for c in failed)
            text_en = f"{who}: no PKH component: " + "; ".join(c["en"] for c in failed)
        else:
            none_id, none_en = fits_none(ctx, person)
            text_id = f"{who}: tidak memenuhi komponen PKH mana pun ({none_id})"
            text_en = f"{who}: fits no PKH component ({none_en})"
    if ctx.has("pkh_komponen_korban_ham") and ctx.value("pkh_komponen_korban_ham")[person]:
        text_id += "; komponen korban pelanggaran HAM berat (dibayar bulanan)"
        text_en += "; victim of serious human-rights violations (paid monthly)"
    entry["id"], entry["en"] = text_id, text_en
    return entry


def payment_conditions(ctx: Context, family: int, explicit: set) -> list[dict]:
    """The payment month (``pkh_bulan_tercakup``) and P2K2 (``pkh_pembayaran_ditahan``)."""
    conditions = []
    bulan = int(ctx.value("pkh_bulan_tercakup")[family])
    schedule_months = []
    for number, key in enumerate(NAMA_BULAN, start=1):
        info = ctx.param(f"{SCHEDULE}.{key}", f"{ctx.year}-{number:02d}-01")
        if info is not None and info["value"]:
            schedule_months.append(number)
    schedule_id = ", ".join(BULAN_ID[m - 1] for m in schedule_months) or "-"
    schedule_en = ", ".join(MONTH_EN[m - 1] for m in schedule_months) or "-"
    month_keys = list(ctx.parameters_read("pkh_bulan_tercakup"))
    explicit.update(month_keys)
    conditions.append(
        condition(
            "bulan_pembayaran",
            bulan > 0,
            (
                f"{month_id(ctx.month)} adalah bulan pembayaran: dibayar {bulan} bulan indeks."
                if bulan
                else f"{month_id(ctx.month)} bukan bulan pembayaran PKH; pembayaran "
                f"{ctx.year}: {schedule_id}."
            ),
            (
                f"{month_en(ctx.month)} is a payment month: {bulan} month(s) of the index paid."
                if bulan
                else f"{month_en(ctx.month)} is not a PKH payment month; {ctx.year} payments: "
                f"{schedule_en}."
            ),
            {"pkh_bulan_tercakup": bulan, "bulan_pembayaran": schedule_months},
            month_keys,
        )
    )
    if bool(ctx.value("pkh_pembayaran_ditahan")[family]):
        used = list(ctx.parameters_read("pkh_pembayaran_ditahan"))
        explicit.update(used)
        conditions.append(
            condition(
                "p2k2",
                False,
                "Pembayaran ditahan: keluarga tidak hadir P2K2 bulan ini.",
                "Payment withheld: the family missed the P2K2 session this month.",
                {"hadir_p2k2": False},
                used,
            )
        )
    return conditions


def explain_pkh(ctx: Context, family: int, members: list[int]) -> dict:
    conditions = []
    not_in_force = in_force_condition(ctx, "pkh_layak", ("PKH", "PKH"))
    if not_in_force:
        conditions.append(not_in_force)
    conditions.append(registry_condition(ctx, "pkh", family, "pkh_dalam_registri"))
    explicit = {"pkh.batas.komponen_per_keluarga"}
    explained_members = [explain_member(ctx, person, explicit) for person in members]
    counted = sum(m["komponen"] != "tidak_ada" for m in explained_members)
    cap = ctx.pvalue("pkh.batas.komponen_per_keluarga")
    conditions.append(
        condition(
            "komponen",
            bool(ctx.value("pkh_ada_komponen")[family]),
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
    if layak:
        conditions.extend(payment_conditions(ctx, family, explicit))
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
