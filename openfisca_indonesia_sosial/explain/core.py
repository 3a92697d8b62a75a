"""The explanation engine: a traced simulation, read program by program.

``explain_simulation`` computes each program's variables for one month with the tracer on,
then for each family describes PKH, Sembako and the top-ups, and for each member PBI-JK and
ATENSI (one module per program). Each item carries ``eligible``/``amount`` (values of the
rule variables), ``conditions`` (``held`` from a verdict variable, the values and parameters
its formula read, a sentence ``id``/``en``) and ``parameters`` (value, date in force, labels,
legal references).
"""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.explain.atensi import explain_atensi
from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.explain.pbi_jk import explain_pbi_jk
from openfisca_indonesia_sosial.explain.pkh import explain_pkh
from openfisca_indonesia_sosial.explain.render import family_text
from openfisca_indonesia_sosial.explain.sembako import explain_sembako
from openfisca_indonesia_sosial.explain.top_ups import explain_top_ups
from openfisca_indonesia_sosial.programs import BY_KEY
from openfisca_indonesia_sosial.situations.checks import quote
from openfisca_indonesia_sosial.situations.errors import ApiError

#: Verdicts an explanation reads beyond each program's headline variables (the registry's).
VERDICTS = {
    "pkh": ("pkh_komponen_kandidat", "pkh_terpotong_batas"),
    "sembako": ("sembako_prioritas_pkh",),
    "bantuan_tambahan": (),
    "pbi_jk": ("pbi_jk_layak_bayi_baru_lahir",),
    "atensi": ("atensi_yapi",),
}


def traced_variables(key: str) -> tuple[str, ...]:
    """The variables computed with the tracer on for program ``key``."""
    program = BY_KEY[key]
    headline = (program.amount, program.eligibility, *(name for name, _ in program.components))
    return tuple(name for name in (*headline, *VERDICTS[key]) if name is not None)


def explain_simulation(system, simulation, month: str, keluarga: str | None = None) -> list[dict]:
    ctx = Context(system, simulation, month)
    if keluarga is not None and keluarga not in ctx.family_ids:
        listed = ", ".join(quote(family) for family in ctx.family_ids[:10])
        raise ApiError(f"no family '{quote(keluarga)}' in the situation; families: {listed}")
    simulation.trace = True
    for key in VERDICTS:
        ctx.trace_program(key, traced_variables(key))
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
        explanation["text"] = {lang: family_text(explanation, lang) for lang in ("id", "en")}
        explanations.append(explanation)
    return explanations
