"""Top-ups and one-off cash transfers (``bantuan_tambahan``), component by component."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context
from openfisca_indonesia_sosial.explain.text import month_en, month_id, pair, rp_en, rp_id
from openfisca_indonesia_sosial.programs import BY_KEY


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
