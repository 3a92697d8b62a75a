"""Wording helpers: rupiah, months and a bilingual text pair."""

from __future__ import annotations

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


def yes_no(held: bool) -> dict:
    return pair("terpenuhi", "met") if held else pair("tidak terpenuhi", "not met")
