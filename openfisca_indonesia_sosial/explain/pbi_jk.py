"""PBI-JK, person by person: through the registry (``pbi_jk_layak_terdaftar``) or as a
newborn of a PBI mother (``pbi_jk_layak_bayi_baru_lahir``)."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.explain.persons import death_text, person_program_answer
from openfisca_indonesia_sosial.explain.registry import in_force_condition, registry_condition
from openfisca_indonesia_sosial.explain.text import month_en, month_id, pair, rp_en, rp_id


def _person_text(ctx: Context, person: int, iuran: int, family_inside: bool) -> tuple[str, str]:
    who = ctx.person_ids[person]
    if ctx.value("pbi_jk_layak")[person]:
        if ctx.value("pbi_jk_layak_terdaftar")[person]:
            return (
                f"{who}: berhak PBI-JK; negara membayar iuran {rp_id(iuran)} bulan ini.",
                f"{who}: eligible for PBI-JK; the state pays {rp_en(iuran)} this month.",
            )
        return (
            f"{who}: berhak sebagai bayi baru lahir dari ibu peserta PBI; negara membayar "
            f"{rp_id(iuran)} bulan ini.",
            f"{who}: eligible as a newborn of a PBI mother; the state pays {rp_en(iuran)} "
            "this month.",
        )
    death = death_text(ctx, person)
    if death is not None:
        return death
    if not family_inside:
        return (
            f"{who}: tidak berhak: keluarga di luar cakupan registri PBI-JK.",
            f"{who}: not eligible: the family is outside the PBI-JK registry band.",
        )
    if not ctx.value("tercatat_di_registri")[person]:
        return (
            f"{who}: tidak berhak: tidak tercatat sebagai anggota keluarga di registri.",
            f"{who}: not eligible: not listed as a family member in the registry.",
        )
    return (
        f"{who}: tidak berhak PBI-JK pada {month_id(ctx.month)}.",
        f"{who}: not eligible for PBI-JK in {month_en(ctx.month)}.",
    )


def explain_pbi_jk(ctx: Context, family: int, members: list[int]) -> dict:
    family_conditions = []
    not_in_force = in_force_condition(ctx, "pbi_jk_layak", ("PBI-JK", "PBI-JK"))
    if not_in_force:
        family_conditions.append(not_in_force)
    family_conditions.append(registry_condition(ctx, "pbi_jk", family, "pbi_jk_dalam_registri"))
    inside = bool(ctx.value("pbi_jk_dalam_registri")[family])
    iuran_bulanan = ctx.pvalue("pbi_jk.iuran_bulanan", 0)
    persons = []
    for person in members:
        iuran = int(ctx.value("pbi_jk_iuran")[person])
        text_id, text_en = _person_text(ctx, person, iuran, inside)
        persons.append(
            {
                "individu": ctx.person_ids[person],
                "eligible": bool(ctx.value("pbi_jk_layak")[person]),
                "amount": iuran,
                "tercatat_di_registri": bool(ctx.value("tercatat_di_registri")[person]),
                "bayi_baru_lahir": bool(ctx.value("pbi_jk_layak_bayi_baru_lahir")[person]),
                "id": text_id,
                "en": text_en,
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
