"""Wording helpers: rupiah, months, a bilingual text pair and sentence templates."""

from __future__ import annotations

import re

BULAN_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTH_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def rp_id(amount) -> str:
    return "Rp" + f"{int(amount):,}".replace(",", ".")


def rp_en(amount) -> str:
    return f"IDR {int(amount):,}"


def month_id(month: str) -> str:
    return f"{BULAN_ID[int(month[5:7]) - 1]} {month[:4]}"


def month_en(month: str) -> str:
    return f"{MONTH_EN[int(month[5:7]) - 1]} {month[:4]}"


def pair(indonesian: str, english: str) -> dict:
    return {"id": indonesian, "en": english}


PLACE = re.compile(r"\{([a-z0-9_.]+)\}")


def fill(template: str, values: dict) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]`` (a variable name or a
    parameter path); an unknown name stays visible as ``{name}``."""

    def put(match: re.Match) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACE.sub(put, template)
