"""The readable text of an explanation, in Indonesian or English."""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.text import month_en, month_id


def family_text(explanation: dict, lang: str) -> str:
    month = explanation["month"]
    title = (
        f"Keluarga {explanation['keluarga']}, {month_id(month)}"
        if lang == "id"
        else f"Family {explanation['keluarga']}, {month_en(month)}"
    )
    lines = [title]
    for program in explanation["programs"].values():
        lines.append("")
        lines.append(program["summary"][lang])
        for item in program.get("conditions", []):
            mark = "✓" if item["held"] else "✗"
            lines.append(f"  {mark} {item[lang]}")
        for member in program.get("members", []):
            lines.append(f"  - {member[lang]}")
        for person in program.get("persons", []):
            lines.append(f"  - {person[lang]}")
        cited = [p for p in program.get("parameters", {}).values() if p.get("decisive")]
        if cited:
            lines.append("  Parameter:" if lang == "id" else "  Parameters:")
        for info in cited:
            name = info["description"] if lang == "id" else info["label_en"] or info["description"]
            line = f"    · {info['path']} = {_format_value(info)} ({name})"
            if info["references"]:
                line += " — " + "; ".join(r["title"] for r in info["references"][:2])
            lines.append(line)
    return "\n".join(lines)


def _format_value(info: dict) -> str:
    value = info["value"]
    if info.get("unit") == "currency-IDR" and isinstance(value, int | float):
        return f"{int(value):,}"
    return str(value)


def render_text(answer: dict, lang: str = "id") -> str:
    """The readable explanation of every family of an /explain answer."""
    return "\n\n".join(family["text"][lang] for family in answer.get("families", [])) + "\n"
