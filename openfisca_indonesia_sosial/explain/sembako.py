"""Program Sembako, read from ``sembako_layak``, its registry band and the PKH priority."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.explain.registry import in_force_condition, registry_condition
from openfisca_indonesia_sosial.explain.text import pair, rp_en, rp_id
from openfisca_indonesia_sosial.programs import BY_KEY


def explain_sembako(ctx: Context, family: int) -> dict:
    conditions = []
    not_in_force = in_force_condition(ctx, "sembako_layak", ("Program Sembako", "Sembako"))
    if not_in_force:
        conditions.append(not_in_force)
    conditions.append(registry_condition(ctx, "sembako", family, "sembako_dalam_registri"))
    layak = bool(ctx.value("sembako_layak")[family])
    amount = int(ctx.value("sembako_bantuan")[family])
    explicit = set(ctx.parameters_read("sembako_bantuan"))
    if layak:
        nilai = ctx.pvalue("sembako.nilai_bulanan", 0)
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
