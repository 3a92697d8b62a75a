"""Explanations: why a family gets (or does not get) each program in a month.

Built from the rule variables and parameters of the tax-benefit system, never by
re-implementing a rule: the verdicts (eligible, counted, dropped by a cap, paid) are the
values of the rule variables (``pkh_layak``, ``pkh_komponen_kandidat``, ``pkh_komponen``,
``pkh_terpotong_batas``, ``sembako_layak``, ``pbi_jk_layak``, ``atensi_layak``...). The
explanation adds the inputs and thresholds that make a verdict readable ("decile 6 above the
maximum 4"), the parameter values the simulation tracer saw the formulas read, with their
legal references, and sentences in Indonesian (``id``) and English (``en``)::

    from openfisca_indonesia_sosial.explain import explain_situation, render_text
    answer = explain_situation(system, situation, "2024-01")
    print(render_text(answer, "en"))
"""

from openfisca_indonesia_sosial.explain.core import render_text
from openfisca_indonesia_sosial.explain.request import explain_request, explain_situation

__all__ = ["explain_request", "explain_situation", "render_text"]
