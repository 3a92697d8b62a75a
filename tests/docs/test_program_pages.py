"""The four program pages are Indonesian-first and bilingual, with one common structure.

Convention: headings read "Indonesian / *English*" (as on the generated parameter pages); each
section's prose is Indonesian first, then its English text in a collapsible
``??? note "English"`` block; tables appear once, with bilingual column headers.
"""

from __future__ import annotations

import re

import pytest

from openfisca_indonesia_sosial.docs_gen import repository_root

PROGRAMS = repository_root() / "docs" / "programs"
PAGES = ("pkh", "sembako", "pbi_jk", "atensi")

ENGLISH_BLOCK = '??? note "English"'
BILINGUAL = re.compile(r"^(?P<id>.+?) / \*(?P<en>[^*]+)\*")
SECTION = re.compile(r"^## (?P<number>\d+)\. (?P<title>.+?)(?: \{#(?P<anchor>[\w-]+)\})?$")
ANCHOR = re.compile(r"\{#([\w-]+)\}")

#: Indonesian titles every page shares: the first sections and the last three, in this order.
COMMON_FIRST = ("Dasar hukum dan periode", "Kelayakan")
COMMON_LAST = (
    "Pertanyaan terbuka dan pilihan paket",
    "Variabel dan masukan",
    "Dasar hukum dan sumber",
)

#: Section anchors of the English-only pages; links from elsewhere may still use them.
LEGACY_ANCHORS = {
    "pkh": {
        "1-legal-basis-and-periods",
        "2-eligibility-pkh_layak",
        "3-components-who-qualifies-pkh_komponen_kandidat",
        "4-counting-rules-within-a-family-pkh_komponen-pkh_terpotong_batas",
        "5-amounts",
        "51-flat-benefit-20172018",
        "52-annual-index-per-component-indeks",
        "53-fixed-benefit-2019-bantuan_tetap",
        "54-payment-schedule-pembayaranbulan_tercakupmonth",
        "55-victims-of-serious-past-human-rights-violations-korban_pelanggaran_ham_berat",
        "6-conditions-duties-of-the-family",
        "7-choices-on-the-open-questions",
        "8-reform-monthly-payments-until-december-2020",
        "9-variables",
        "10-references",
    },
    "sembako": {
        "1-legal-basis-and-dates",
        "2-eligibility-sembako_layak",
        "3-monthly-value-sembako_bantuan",
        "4-national-quota-and-pkh-priority-for-the-microsimulation",
        "5-top-ups-and-cash-add-ons-bantuan_tambahan",
        "6-rice-aid-in-kind-bantuan_beras_kg",
        "7-assumptions-and-open-questions-in-one-place",
    },
    "pbi_jk": {
        "1-legal-basis-and-dates",
        "2-eligibility-pbi_jk_layak",
        "3-contribution-paid-by-the-state-pbi_jk_iuran",
        "4-national-quota-for-the-microsimulation",
        "5-self-paying-class-iii-state-share-pbpu_kelas_3_bantuan_iuran-not-pbi",
    },
    "atensi": {
        "1-legal-basis-and-dates",
        "2-target-groups-who-atensi-is-for",
        "3-eligibility-the-registry-condition",
        "4-the-seven-services-the-packages-reading",
        "5-money-how-much-per-month",
        "6-worked-examples",
        "7-assumptions-and-open-questions-summary",
        "8-what-to-record-for-a-person-inputs",
    },
}

#: Column headers that read the same in both languages.
NEUTRAL_HEADER = re.compile(r"^(#|Parameter|Q|Jan|Feb|Mar|Apr|Jun|Jul|Sep|Nov|[\d\-→ ]+)$")
#: Facts a translation must not drop: identifiers in backticks, and numbers.
CODE = re.compile(r"`([^`]+)`")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def read(page: str) -> str:
    return (PROGRAMS / f"{page}.md").read_text(encoding="utf-8")


def split_blocks(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """(Indonesian lines, English blocks) of one section; an English block is indented."""
    indonesian, english, current = [], [], None
    for line in lines:
        if line.strip() == ENGLISH_BLOCK:
            current = []
            english.append(current)
        elif current is not None and (not line.strip() or line.startswith("    ")):
            current.append(line[4:])
        else:
            current = None
            indonesian.append(line)
    return indonesian, english


def sections(text: str) -> list[tuple[str, list[str]]]:
    """(heading, body lines) for the title block and each heading of level 2 or 3."""
    found: list[tuple[str, list[str]]] = []
    fenced = False
    for line in text.splitlines():
        fenced ^= line.lstrip().startswith("```")
        if not fenced and re.match(r"^#{1,3} ", line):
            found.append((line, []))
        elif found:
            found[-1][1].append(line)
    return found


def first_content(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")


def table_headers(lines: list[str]) -> list[list[str]]:
    headers = []
    for index, line in enumerate(lines[:-1]):
        if line.startswith("|") and re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[index + 1]):
            headers.append([c.strip() for c in line.strip().strip("|").split("|")])
    return headers


@pytest.mark.parametrize("page", PAGES)
def test_title_is_bilingual_and_indonesian_first(page):
    text = read(page)
    title = text.splitlines()[0]
    assert title.startswith("# ") and " / " in title, title
    assert BILINGUAL.match(title[2:]), f"{page}: title is not 'Indonesian / *English*': {title}"
    # The variable reference pages use the first line as link text: no attribute list there.
    assert "{#" not in title
    heading, body = sections(text)[0]
    assert heading == title
    first = first_content(body)
    assert first and first != ENGLISH_BLOCK and not first.startswith("*English")
    assert ENGLISH_BLOCK in body, f"{page}: the introduction has no English block"


@pytest.mark.parametrize("page", PAGES)
def test_every_section_is_bilingual_and_indonesian_first(page):
    for heading, body in sections(read(page))[1:]:
        text = ANCHOR.sub("", heading.lstrip("#")).strip()
        assert " / *" in text, f"{page}: heading not bilingual: {heading}"
        first = first_content(body)
        assert first, f"{page}: empty section {heading}"
        assert first != ENGLISH_BLOCK and not first.startswith("*English"), (
            f"{page}: {heading} starts with the English text"
        )
        _, english = split_blocks(body)
        if heading.startswith("## "):
            assert english, f"{page}: {heading} has no English block"
        for block in english:
            assert first_content(block), f"{page}: empty English block under {heading}"


@pytest.mark.parametrize("page", PAGES)
def test_sections_are_numbered_in_order_with_the_common_frame(page):
    titles = []
    for heading, _ in sections(read(page)):
        if heading.startswith("## "):
            match = SECTION.match(heading)
            assert match, f"{page}: section heading without a number: {heading}"
            assert int(match["number"]) == len(titles) + 1, heading
            titles.append(BILINGUAL.match(match["title"])["id"])
    assert tuple(titles[: len(COMMON_FIRST)]) == COMMON_FIRST, titles
    assert tuple(titles[-len(COMMON_LAST) :]) == COMMON_LAST, titles


def test_common_sections_have_the_same_english_titles():
    english = {}
    for page in PAGES:
        for heading, _ in sections(read(page)):
            match = SECTION.match(heading)
            if match:
                title = BILINGUAL.match(match["title"])
                if title["id"] in COMMON_FIRST + COMMON_LAST:
                    english.setdefault(title["id"], set()).add(title["en"])
    assert set(english) == set(COMMON_FIRST + COMMON_LAST)
    assert all(len(titles) == 1 for titles in english.values()), english


@pytest.mark.parametrize("page", PAGES)
def test_legacy_anchors_are_kept_and_unique(page):
    anchors = ANCHOR.findall(read(page))
    assert len(anchors) == len(set(anchors)), f"{page}: an anchor is used twice"
    missing = LEGACY_ANCHORS[page] - set(anchors)
    assert not missing, f"{page}: anchors other pages may link to are gone: {sorted(missing)}"


@pytest.mark.parametrize("page", PAGES)
def test_table_headers_are_bilingual(page):
    lines = read(page).splitlines()
    for header in table_headers(lines):
        for cell in header:
            assert " / *" in cell or NEUTRAL_HEADER.match(cell), (
                f"{page}: column header {cell!r} is not bilingual"
            )


@pytest.mark.parametrize("page", PAGES)
def test_indonesian_text_keeps_every_fact_of_the_english(page):
    """Each identifier and number of a section's English text is also in its Indonesian part."""
    for heading, body in sections(read(page)):
        indonesian, english = split_blocks(body)
        indonesian_text = "\n".join(indonesian)
        for block in english:
            text = "\n".join(block)
            for name in CODE.findall(text):
                assert f"`{name}`" in indonesian_text, f"{page}: {heading}: `{name}` dropped"
            for number in NUMBER.findall(CODE.sub("", text)):
                assert number in indonesian_text, f"{page}: {heading}: {number} dropped"
