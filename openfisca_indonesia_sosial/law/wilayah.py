"""Province codes.

Two schemes exist (see ../shared/data/indonesia-stats.md, A2): BPS codes, used by Susenas,
SP2020 and DTSEN, and Kemendagri codes, carried in the first two digits of a NIK. They
agree everywhere except the six Papua provinces. ``provinsi`` inputs use BPS codes; NIK
checks use Kemendagri codes (a NIK keeps the code of the place it was first issued, so a
pre-2022 Papua NIK may carry 91 or 92 for a person now living in a newer province).
"""

from __future__ import annotations

_COMMON: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
}

#: BPS province codes (38 provinces), the codes of the ``provinsi`` input.
PROVINSI_BPS: dict[str, str] = {
    **_COMMON,
    "91": "Papua Barat",
    "92": "Papua Barat Daya",
    "94": "Papua",
    "95": "Papua Selatan",
    "96": "Papua Tengah",
    "97": "Papua Pegunungan",
}

#: Kemendagri province codes, as found in the first two digits of a NIK.
PROVINSI_KEMENDAGRI: dict[str, str] = {
    **_COMMON,
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
