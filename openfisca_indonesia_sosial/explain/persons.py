"""The answer shape of a program paid per person (PBI-JK, ATENSI)."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.programs import BY_KEY


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
