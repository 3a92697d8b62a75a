"""Small Markdown helpers shared by the page generators (bilingual labels, links, cells)."""

from __future__ import annotations

import datetime
import posixpath

from openfisca_indonesia_sosial.law.units import UNITS

#: Narrow no-break space: groups digits without the comma/dot ambiguity between English and
#: Indonesian (Rp 42 000 reads the same in both).
THIN_SPACE = "\u202f"

PERIOD_LABELS = {
    "year": ("per tahun", "per year"),
    "month": ("per bulan", "per month"),
    "day": ("per hari", "per day"),
    "eternity": ("tetap sepanjang masa", "for all time"),
}


def bi(indonesian: str, english: str) -> str:
    """An Indonesian label with its English beside it."""
    return f"{indonesian} / *{english}*"


def cell(text) -> str:
    """Text made safe for one Markdown table cell."""
    if text is None:
        return ""
    return " ".join(str(text).split()).replace("|", "\\|")


def paragraph(text) -> str:
    """Folded YAML/Python text as one Markdown paragraph."""
    return " ".join(str(text or "").split())


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two docs-relative page paths (what mkdocs validates)."""
    start = posixpath.dirname(from_page) or "."
    link = posixpath.relpath(to_page, start)
    return f"{link}#{anchor}" if anchor else link


def link(from_page: str, to_page: str, text: str, anchor: str = "") -> str:
    return f"[{text}]({relative(from_page, to_page, anchor)})"


def unit_label(unit: str | None) -> str:
    if not unit:
        return "—"
    indonesian, english = UNITS.get(unit, (unit, unit))
    if indonesian == english:
        return f"{indonesian} (`{unit}`)"
    return f"{bi(indonesian, english)} (`{unit}`)"


def format_value(value, unit: str | None = None) -> str:
    """A parameter value for reading: grouped digits, Rp for money, ya/tidak for switches."""
    if value is None:
        return "— *(berakhir / ends)*"
    if isinstance(value, bool):
        return "ya / *yes*" if value else "tidak / *no*"
    if isinstance(value, int | float):
        if isinstance(value, float) and value.is_integer() and unit != "/1":
            value = int(value)
        text = f"{value:,}".replace(",", THIN_SPACE) if isinstance(value, int) else f"{value:g}"
        if unit == "currency-IDR":
            return f"Rp{THIN_SPACE}{text}"
        if unit == "percent":
            return f"{text} %"
        return text
    return cell(value)


def previous_day(date: str) -> str:
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()
