"""Assumptions and open questions: the fact sheet's Q1-Q17 and what the package chose.

The table of choices is written by hand (QUESTIONS); the list of rules that mention each
question is collected from the parameter and variable documentation and reference notes, and
from the program pages, so a reviewer sees every place a choice was made.
"""

from __future__ import annotations

import re
from pathlib import Path

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell, link, paragraph

PAGE = "assumptions.md"

#: Q number -> (topic in Indonesian, the question, what the package chose, where)
QUESTIONS: dict[int, tuple[str, str, str, str]] = {
    1: (
        "PKH Januari–Maret 2020",
        "Did tahap 1 of 2020 use the 2019 amounts or 3.0 million? Was a fixed benefit paid "
        "in 2020?",
        "2019 amounts (pregnancy and early childhood 2.4 million a year) until 2020-03-31, "
        "3.0 million from 2020-04-01; no fixed benefit (bantuan tetap) from 2020-01-01.",
        "pkh.indeks.ibu_hamil, pkh.indeks.anak_usia_dini, pkh.bantuan_tetap",
    ),
    2: (
        "PKH bulanan 2020",
        "Did the monthly PKH payments of 2020 end in June or run to December?",
        "Monthly April–June 2020 (P8, the only dated source), quarterly tahap again from July. "
        "The other reading is the shipped reform `pkh_bulanan_2020_sampai_desember`.",
        "pkh.pembayaran.bulan_tercakup",
    ),
    3: (
        "Umur lansia PKH",
        "Elderly component from age 60 (Permensos 1/2018) or 70 (2020–2021 statements)?",
        "60 throughout; 70 in 2020–2021 is the shipped reform `pkh_lansia_70_q3`.",
        "pkh.umur.lanjut_usia_minimum",
    ),
    4: (
        "Batas komponen PKH",
        "Which decree sets the caps (4 components, 3 children, 2nd child or pregnancy, 4 "
        "disabled, 4 elderly) and the priority order, and from when?",
        "Caps and the highest-amount rule from 2019-01-01 (start of the per-component "
        "index); priority order early childhood first, pregnancy last.",
        "pkh.batas, pkh.prioritas",
    ),
    5: (
        "Syarat dan sanksi PKH",
        "Attendance threshold, antenatal visits, penalty schedule under Permensos 1/2018.",
        "85 % school attendance; a duty missed in any month since the previous payment cuts "
        "the component from the next payment, which keeps its slot; absence from P2K2 "
        "withholds nothing (forced exit after repeated absence is not modelled). Both are "
        "open readings with shipped alternatives.",
        "pkh.syarat",
    ),
    6: (
        "Indeks PKH 2021–2026",
        "Is there a yearly index decree for 2021–2026?",
        "None found: the 2020 amounts continue unchanged.",
        "pkh.indeks",
    ),
    7: (
        "Komponen korban pelanggaran HAM berat",
        "Start (2024 or 2025), amount and whether it counts within the cap of four.",
        "From 2025-01-01, Rp 900,000 a month, outside the cap of four and the one-component rule.",
        "pkh.korban_pelanggaran_ham_berat",
    ),
    8: (
        "Iuran PBI 2014 dan 2016",
        "Did Perpres 111/2013 set 19,225 from 2014-01-01, and was 23,000 effective on "
        "2016-01-01 rather than 2016-04-01?",
        "19,225 from 2014-01-01 and 23,000 from 2016-01-01 (both dates unverified); 42,000 "
        "from 2019-08-01.",
        "pbi_jk.iuran_bulanan",
    ),
    9: (
        "Desil PBI-JK",
        "Deciles 1–5 (ministers, BPJS) or 1–4 (one district office)?",
        "Deciles 1–5 from 2025-04-01; 1–4 is testable with a reform file.",
        "registri.desil_maksimum.pbi_jk",
    ),
    10: (
        "Aturan desil DTSEN",
        "Which instrument sets the DTSEN decile bands, and the exact date of Inpres 4/2025?",
        "One switch date for all programs, 2025-04-01 (DTKS until March 2025, DTSEN "
        "deciles from April); bands 1–4 for PKH, Sembako and BLTS Kesra, 1–5 for PBI-JK and "
        "ATENSI, on ministry statements.",
        "registri.pakai_dtsen, registri.desil_maksimum",
    ),
    11: (
        "Permensos ATENSI 7/2021 dan 15/2025",
        "Adoption dates; did 15/2025 change target groups, services or amounts?",
        "Assumed in force from 2021-08-01 and 2025-01-01; no change of groups, services or "
        "amounts assumed.",
        "atensi.berlaku",
    ),
    12: (
        "YAPI Rp200.000",
        "Month the YAPI index became 200,000 for all, and its instrument.",
        "Rp 200,000 a month per orphan child under 18 from 2022-05-01 (month assumed).",
        "atensi.yapi.bantuan_bulanan",
    ),
    13: (
        "Nilai tunai ATENSI lain",
        "Official rates and instruments for elderly, disability and meal-support cash.",
        "Single-source values kept as provisional (meal support Rp 21,000 a day from 2023, "
        "the same rate assumed for the elderly; ATENSI food support Rp 2.4 million a year "
        "from 2025); components may be combined.",
        "atensi.permakanan, atensi.sembako",
    ),
    14: (
        "Sembako Rp200.000: Maret atau April 2020",
        "Did 200,000 start on 1 March or 1 April 2020, and which instrument sets it?",
        "Amount from 2020-03-01, the enlarged coverage (20 million families) from 2020-04-01.",
        "sembako.nilai_bulanan, sembako.kuota.kpm",
    ),
    15: (
        "Garis kemiskinan kota/desa",
        "Urban and rural poverty lines missing for several BPS rounds.",
        "Missing rounds derived as the national line times the March 2023 urban/rural "
        "ratio, each marked 'derived' in its reference.",
        "kemiskinan.garis_kemiskinan",
    ),
    16: (
        "Kuota PBI dan PBI daerah",
        "Quota sizes per year 2022–2025; does regional PBI (APBD) follow the decile rule?",
        "96.8 million persons from 2019, unchanged; regional PBI is not modelled.",
        "pbi_jk.kuota",
    ),
    17: (
        "Kode wilayah NIK",
        "Current Kemendagri region-code decision; NIKs issued before a region split.",
        "NIKs are checked against Kemendagri province codes (first two digits) only; a "
        "pre-split Papua code (91, 92) is accepted for a person now in a newer province.",
        "openfisca_indonesia_sosial/wilayah.py, openfisca_indonesia_sosial/data/rules.py",
    ),
}

MENTION = re.compile(
    r"\bQ(?P<a>\d{1,2})(?:\s*(?:-|–|to)\s*Q(?P<b>\d{1,2}))?\b(?!\s*\d{4})",
)


def mentioned(text: str) -> set[int]:
    """Question numbers in a text: 'Q4', 'Q1-Q5'; not quarters such as 'Q4 2025'."""
    found: set[int] = set()
    for match in MENTION.finditer(text or ""):
        first = int(match["a"])
        last = int(match["b"] or first)
        found.update(n for n in range(first, last + 1) if n in QUESTIONS)
    return found


def _sentences(text: str, number: int) -> list[str]:
    text = paragraph(text)
    return [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if number in mentioned(s)]


def collect(leaves, variables, nodes, docs_dir: Path | None, reforms=()) -> dict[int, list[tuple]]:
    """{Q: [(kind, name, page or None, excerpt)]} from every place that mentions it."""
    found: dict[int, list[tuple]] = {n: [] for n in QUESTIONS}

    def add(kind, name, page, texts):
        for number in sorted(set().union(*(mentioned(t) for t in texts)) if texts else ()):
            excerpt = next((s for t in texts for s in _sentences(t, number)), "")
            found[number].append((kind, name, page, excerpt))

    for name, info in sorted(nodes.items()):
        add("node", name, info[1], [info[0].documentation or ""])
    for name, info in sorted(leaves.items()):
        texts = [info.leaf.documentation or ""]
        for entries in ((info.leaf.metadata or {}).get("reference") or {}).values():
            for entry in entries if isinstance(entries, list) else [entries]:
                if isinstance(entry, dict):
                    texts.append(str(entry.get("note", "")))
        add("parameter", name, info.page, texts)
    for name, info in sorted(variables.items()):
        add("variable", name, info.page, [info.variable.documentation or ""])
    for reform in reforms:
        page = f"reference/reforms.md#{reform['name']}"
        add(
            "reform", reform["name"], page, [reform.get("label", ""), reform.get("description", "")]
        )
    if docs_dir is not None:
        for path in sorted((docs_dir / "programs").glob("*.md")):
            page = f"programs/{path.name}"
            add("page", page, page, [path.read_text(encoding="utf-8")])
    return found


KIND_LABELS = {
    "node": bi("kelompok parameter", "parameter group"),
    "parameter": "parameter",
    "variable": bi("variabel", "variable"),
    "page": bi("halaman program", "program page"),
    "reform": bi("reformasi", "reform"),
}


def render(found: dict[int, list[tuple]], leaves: dict) -> str:
    lines = [
        f"# {bi('Asumsi dan pertanyaan terbuka', 'Assumptions and open questions')}",
        "",
        "Lembar fakta aturan (bagian 8) mencatat 17 pertanyaan terbuka. Tabel ini menunjukkan "
        "pilihan paket untuk masing-masing; setiap pilihan adalah nilai parameter bertanggal, "
        "jadi bacaan lain dapat diuji dengan berkas reformasi.  ",
        "*The rules fact sheet (section 8) lists 17 open questions. This table shows what the "
        "package chose for each; every choice is a dated parameter value, so another reading "
        "can be tested with a reform file. Below it, every rule and page that mentions each "
        "question, collected from the documentation when the site is built.*",
        "",
        f"| Q | {bi('Pertanyaan', 'Question')} | {bi('Pilihan paket', 'What the package chose')} "
        f"| {bi('Di mana', 'Where')} | {bi('Disebut', 'Mentions')} |",
        "|---|---|---|---|---|",
    ]
    for number, (topic, question, choice, where) in QUESTIONS.items():
        places = ", ".join(_where(w.strip(), leaves) for w in where.split(","))
        count = len(found.get(number, []))
        lines.append(
            f"| [Q{number}](#q{number}) | **{cell(topic)}**<br>{cell(question)} | {cell(choice)} "
            f"| {places} | {count} |"
        )
    lines.append("")
    for number, (topic, *_rest) in QUESTIONS.items():
        lines += [f"## Q{number} — {cell(topic)} {{#q{number}}}", ""]
        entries = found.get(number, [])
        if not entries:
            lines += [
                bi(
                    "Tidak disebut dalam dokumentasi aturan.",
                    "Not mentioned in the rules' documentation.",
                ),
                "",
            ]
            continue
        for kind, name, page, excerpt in entries:
            page, _, anchor = (page or "").partition("#")
            target = link(PAGE, page, f"`{name}`", anchor) if page else f"`{name}`"
            text = f" — {cell(excerpt)}" if excerpt and kind != "page" else ""
            lines.append(f"- {KIND_LABELS[kind]} {target}{text}")
        lines.append("")
    lines += _render_delivery(leaves)
    lines += _render_other_assumptions(leaves)
    return "\n".join(lines)


def _where(name: str, leaves) -> str:
    """A parameter path as a link: to its page (leaf) or to its program folder (node)."""
    if name in leaves:
        return link(PAGE, leaves[name].page, f"`{name}`")
    prefix = name + "."
    if any(leaf.startswith(prefix) for leaf in leaves):
        folder = name.split(".")[0]
        return link(PAGE, f"reference/parameters/{folder}/index.md", f"`{name}`")
    return f"`{name}`"


ASSUMPTION = re.compile(r"assum|asumsi", re.IGNORECASE)


def _leaf_texts(info) -> list[str]:
    texts = [info.leaf.documentation or ""]
    for entries in ((info.leaf.metadata or {}).get("reference") or {}).values():
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict):
                texts.append(f"{entry.get('title', '')}. {entry.get('note', '')}")
    return texts


def _render_delivery(leaves) -> list[str]:
    """Quotas, take-up and priority: the microsimulation's delivery assumptions."""
    from openfisca_indonesia_sosial.programs import PROGRAMS

    def parameter(name):
        if name is None:
            return bi("tidak ada", "none")
        info = leaves.get(name)
        return link(PAGE, info.page, f"`{name}`") if info else f"`{name}`"

    lines = [
        f"## {bi('Penyaluran dan pengukuran', 'Delivery and measurement')} {{#delivery}}",
        "",
        "Kelayakan (`*_layak`) adalah hak menurut aturan; siapa yang benar-benar dibayar di "
        "bawah kuota nasional dan tingkat penyerapan ditentukan oleh mikrosimulasi.  ",
        "*Eligibility (`*_layak`) is entitlement under the rules; who is actually paid under a "
        "national quota and a take-up rate is decided by the microsimulation (`delivery/`): "
        "quotas are filled from the poorest eligible upward by registry rank (DTSEN decile, "
        "then a stable draw on the family id), and `bansos simulate --full-entitlement` pays "
        "every entitlement instead. Generated from `openfisca_indonesia_sosial/programs.py`.*",
        "",
        f"| Program | {bi('Kuota', 'Quota')} | {bi('Tingkat penyerapan', 'Take-up rate')} "
        f"| {bi('Dihitung sebagai konsumsi', 'Counts as consumption')} "
        f"| {bi('Didahulukan', 'First in line')} |",
        "|---|---|---|---|---|",
    ]
    for program in PROGRAMS:
        consumption = "ya / *yes*" if program.counts_as_consumption else "tidak / *no*"
        first = (
            bi(f"keluarga {program.priority_after.upper()}", f"{program.priority_after} families")
            if program.priority_after
            else "—"
        )
        lines.append(
            f"| {cell(program.label)} | {parameter(program.quota)} "
            f"| {parameter(program.take_up)} | {consumption} | {first} |"
        )
    lines.append("")
    return lines


def _render_other_assumptions(leaves) -> list[str]:
    """Parameters whose documentation states an assumption without a question number."""
    lines = [
        f"## {bi('Asumsi lain', 'Other assumptions')} {{#other}}",
        "",
        bi(
            "Parameter yang dokumentasinya menyebut asumsi di luar Q1–Q17.",
            "Parameters whose documentation states an assumption outside Q1–Q17.",
        ),
        "",
    ]
    for name, info in sorted(leaves.items()):
        texts = _leaf_texts(info)
        if mentioned(" ".join(texts)) or not any(ASSUMPTION.search(t) for t in texts):
            continue
        sentences = [
            s.strip()
            for t in texts
            for s in re.split(r"(?<=[.;])\s+", paragraph(t))
            if ASSUMPTION.search(s)
        ]
        excerpt = f" — {cell(sentences[0])}" if sentences else ""
        lines.append(f"- {link(PAGE, info.page, f'`{name}`')}{excerpt}")
    lines.append("")
    return lines
