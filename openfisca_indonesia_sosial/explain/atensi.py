"""ATENSI, person by person: the target groups ``atensi_kelompok_sasaran`` read, the
registry band, and YAPI (``atensi_yapi``) with the conditions its formula read."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context, condition
from openfisca_indonesia_sosial.explain.persons import death_text, person_program_answer
from openfisca_indonesia_sosial.explain.registry import registry_condition
from openfisca_indonesia_sosial.explain.text import month_en, month_id, pair, rp_en, rp_id
from openfisca_indonesia_sosial.explain.verdicts import reasons, sentence

GROUP_WORDS = {
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
IN_FORCE = "atensi.berlaku"


def _words(ctx: Context, group: str) -> tuple[str, str]:
    return GROUP_WORDS.get(group, (ctx.system.variables[group].label, group))


def _yapi_text(ctx: Context, person: int, yapi: int) -> tuple[str, str]:
    """The YAPI part of an eligible member's line ("" when YAPI does not concern him)."""
    entity = ctx.person_key
    status = str(ctx.value("status_yatim_piatu")[person])
    if yapi:
        age = sentence(ctx, "atensi_usia_anak", person, entity, True)
        return (
            f"; YAPI ({status}, {age['id']}) {rp_id(yapi)}",
            f"; YAPI ({status}, {age['en']}) {rp_en(yapi)}",
        )
    if not ctx.value("yatim_atau_piatu")[person]:
        return "", ""
    start = ctx.formula_start("atensi_yapi")
    if start is not None and ctx.instant < start:
        return f"; YAPI belum berlaku (mulai {start})", f"; YAPI not yet in force (starts {start})"
    failed = reasons(ctx, "atensi_yapi", person, entity)
    return (
        "; bukan YAPI: " + "; ".join(r["id"] for r in failed),
        "; no YAPI: " + "; ".join(r["en"] for r in failed),
    )


def _person(ctx: Context, person: int, inside: bool, in_force: bool) -> dict:
    who = ctx.person_ids[person]
    entity = ctx.person_key
    layak = bool(ctx.value("atensi_layak")[person])
    groups = [g for g in ctx.reads("atensi_kelompok_sasaran") if ctx.value(g)[person]]
    yapi = int(ctx.value("atensi_yapi")[person])
    tunai = int(ctx.value("atensi_bantuan_tunai")[person])
    groups_id = ", ".join(_words(ctx, g)[0] for g in groups)
    groups_en = ", ".join(_words(ctx, g)[1] for g in groups)
    if layak:
        text_id = f"{who}: berhak ATENSI sebagai {groups_id}"
        text_en = f"{who}: eligible for ATENSI as {groups_en}"
        yapi_id, yapi_en = _yapi_text(ctx, person, yapi)
        text_id += yapi_id
        text_en += yapi_en
        if tunai != yapi:
            text_id += f"; bantuan bernilai uang total {rp_id(tunai)}"
            text_en += f"; money-valued support {rp_en(tunai)} in all"
    elif (death := death_text(ctx, person)) is not None:
        text_id, text_en = death
    elif groups and not inside:
        text_id = f"{who}: kelompok sasaran ({groups_id}), tetapi keluarga di luar registri ATENSI"
        text_en = (
            f"{who}: in a target group ({groups_en}), but the family is outside the ATENSI "
            "registry band"
        )
    elif groups and not in_force:
        text_id = f"{who}: kelompok sasaran ({groups_id}), tetapi ATENSI belum berlaku"
        text_en = f"{who}: in a target group ({groups_en}), but ATENSI was not in force"
    else:
        text_id = f"{who}: bukan kelompok sasaran ATENSI"
        text_en = f"{who}: in no ATENSI target group"
        if ctx.value("yatim_atau_piatu")[person]:
            failed = reasons(ctx, "atensi_anak", person, entity)
            if failed:
                text_id += " (yatim/piatu, tetapi " + "; ".join(r["id"] for r in failed) + ")"
                text_en += " (orphan, but " + "; ".join(r["en"] for r in failed) + ")"
    return {
        "individu": who,
        "eligible": layak,
        "target_groups": groups,
        "atensi_yapi": yapi,
        "amount": tunai,
        "id": text_id + ".",
        "en": text_en + ".",
    }


def explain_atensi(ctx: Context, family: int, members: list[int]) -> dict:
    family_conditions = []
    in_force = bool(ctx.parameters_read("atensi_layak").get(IN_FORCE, True))
    if not in_force:
        family_conditions.append(
            condition(
                "berlaku",
                False,
                f"ATENSI belum berlaku pada {month_id(ctx.month)} ({IN_FORCE}).",
                f"ATENSI was not in force in {month_en(ctx.month)} ({IN_FORCE}).",
                {},
                [IN_FORCE],
            )
        )
    family_conditions.append(registry_condition(ctx, "atensi", family, "atensi_dalam_registri"))
    inside = bool(ctx.value("atensi_dalam_registri")[family])
    persons = [_person(ctx, person, inside, in_force) for person in members]
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
