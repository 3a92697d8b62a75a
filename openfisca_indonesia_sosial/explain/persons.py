"""The answer shape of a program paid per person (PBI-JK, ATENSI)."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.programs import BY_KEY


def death_text(ctx: Context, person: int) -> tuple[str, str] | None:
    """Why a member recorded as dead counts for nothing this month (``masih_hidup``), or
    None for a living member."""
    if bool(ctx.value("masih_hidup")[person]):
        return None
    who = ctx.person_ids[person]
    died = str(ctx.value("tanggal_meninggal", "ETERNITY")[person])
    return (
        f"{who}: meninggal {died}; tidak dihitung lagi sejak bulan berikutnya (masih_hidup).",
        f"{who}: died on {died}; no longer counted from the following month (masih_hidup).",
    )


def person_program_answer(
    ctx: Context, key: str, persons, family_conditions, used, summary
) -> dict:
    """Totals over members, the family's conditions, the parameters behind the result."""
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
