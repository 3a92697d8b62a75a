"""Small HTML building blocks: escaped text unless marked as HTML, bilingual text, tables."""

from __future__ import annotations

import html


class Html(str):
    """Text that is already HTML (not escaped again)."""

    def __add__(self, other) -> Html:
        return Html(str.__add__(self, esc(other)))


def esc(value) -> str:
    return value if isinstance(value, Html) else html.escape(str(value))


def bi(indonesian: str, english: str) -> Html:
    """Indonesian first, English after it in italics (the docs' style)."""
    return Html(f"{esc(indonesian)} <span class='en'>/ {esc(english)}</span>")


def paragraph(indonesian: str, english: str, css: str = "") -> Html:
    klass = f" class='{css}'" if css else ""
    return Html(f"<p{klass}>{esc(indonesian)}<br><span class='en'>{esc(english)}</span></p>")


def link(text: str, url: str | None) -> Html:
    if not url:
        return Html(esc(text))
    return Html(f"<a href='{html.escape(url, quote=True)}' rel='noopener'>{esc(text)}</a>")


def table(headers: list, rows: list[list], numeric_from: int = 1, css: str = "") -> Html:
    """A table; cells from column ``numeric_from`` on are right-aligned figures. A row whose
    first cell is ``"Total"`` is set in bold."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        klass = " class='total'" if row and str(row[0]).startswith("Total") else ""
        cells = "".join(
            f"<td{' class=num' if i >= numeric_from else ''}>{esc(c)}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr{klass}>{cells}</tr>")
    klass = f" class='{css}'" if css else ""
    return Html(
        f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def footnotes(notes: list[tuple[str, str]]) -> Html:
    items = "".join(f"<li>{esc(i)}<br><span class='en'>{esc(e)}</span></li>" for i, e in notes)
    return Html(f"<ol class='notes'>{items}</ol>")
