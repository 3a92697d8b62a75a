"""Explanations: why a family gets (or does not get) each program in a month.

Read from the rule variables, never by re-implementing a rule: every verdict an explanation
reports is the value of a variable the formulas themselves use (``pkh_layak``,
``pkh_memenuhi_<komponen>``, ``pkh_batas_penghalang``, ``pkh_komponen_patuh``,
``<program>_dalam_registri``, ``atensi_yapi``...). Why a verdict failed comes from the simulation
tracer: the boolean conditions its formula read that are false, and the parameters it read
(quoted in the sentence and cited with their legal references). Sentences are in Indonesian
(``id``) and English (``en``); one module per program (``pkh``, ``sembako``, ``top_ups``,
``pbi_jk``, ``atensi``)::

    from openfisca_indonesia_sosial.explain import explain_situation, render_text
    answer = explain_situation(system, situation, "2024-01")
    print(render_text(answer, "en"))
"""

from openfisca_indonesia_sosial.explain.render import render_text
from openfisca_indonesia_sosial.explain.request import explain_request, explain_situation

__all__ = ["explain_request", "explain_situation", "render_text"]
