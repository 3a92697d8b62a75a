"""Sentences for verdict variables: what it means, in both languages, when one holds or not.

Only words live here. Which condition failed is read from the trace (``Context.failed``);
the numbers in a sentence (``{umur}``, ``{pkh.umur.lanjut_usia_minimum}``) are the values the
formula itself read, filled in by :func:`..text.fill`. A verdict without a sentence here is
named by its label.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.text import fill

#: verdict variable -> (Indonesian, English) when it is false.
WHEN_FALSE = {
    "pkh_kehamilan_dalam_batas": (
        "kehamilan ke-{kehamilan_ke} melewati batas kehamilan ke-{pkh.batas.urutan_kehamilan}",
        "pregnancy no. {kehamilan_ke} is beyond the limit of {pkh.batas.urutan_kehamilan}",
    ),
    "pkh_umur_anak_usia_dini": (
        "umur {umur} di luar 0–{pkh.umur.anak_usia_dini_maksimum} tahun (bukan anak usia dini)",
        "aged {umur}, outside 0–{pkh.umur.anak_usia_dini_maksimum} (not early childhood)",
    ),
    "pkh_anak_dalam_batas_urutan": (
        "anak ke-{anak_ke} melewati batas anak ke-{pkh.batas.urutan_anak_usia_dini}",
        "child no. {anak_ke} is beyond the limit of child no. {pkh.batas.urutan_anak_usia_dini}",
    ),
    "pkh_umur_sekolah": (
        "umur {umur} di luar {pkh.umur.pendidikan_minimum}–{pkh.umur.pendidikan_maksimum} tahun",
        "age {umur} outside {pkh.umur.pendidikan_minimum}–{pkh.umur.pendidikan_maksimum}",
    ),
    "pkh_dapodik_terpenuhi": ("tidak aktif di Dapodik", "not active in Dapodik"),
    "pkh_memenuhi_lanjut_usia": (
        "umur {umur} di bawah umur lanjut usia {pkh.umur.lanjut_usia_minimum}",
        "aged {umur}, under the elderly age of {pkh.umur.lanjut_usia_minimum}",
    ),
    "pkh_kewajiban_pendidikan_terpenuhi": (
        "kehadiran di bawah minimum selama {pkh_bulan_kehadiran_kurang} bulan sejak "
        "pembayaran sebelumnya",
        "attendance below the minimum in {pkh_bulan_kehadiran_kurang} month(s) since the "
        "previous payment",
    ),
    "pkh_kewajiban_kesehatan_terpenuhi": (
        "kewajiban pemeriksaan kesehatan tidak dipenuhi",
        "health-check duty not met",
    ),
    "atensi_usia_anak": (
        "umur {umur} tidak di bawah {atensi.umur.batas_anak} tahun",
        "aged {umur}, not under {atensi.umur.batas_anak}",
    ),
}

#: verdict variable -> (Indonesian, English) when it holds.
WHEN_TRUE = {
    "pkh_memenuhi_ibu_hamil": ("hamil/nifas", "pregnant/post-partum"),
    "pkh_memenuhi_anak_usia_dini": (
        "umur {umur} tahun (anak usia dini, ≤ {pkh.umur.anak_usia_dini_maksimum})",
        "aged {umur} (early childhood, ≤ {pkh.umur.anak_usia_dini_maksimum})",
    ),
    "pkh_memenuhi_sd": ("bersekolah SD", "enrolled at SD"),
    "pkh_memenuhi_smp": ("bersekolah SMP", "enrolled at SMP"),
    "pkh_memenuhi_sma": ("bersekolah SMA", "enrolled at SMA"),
    "pkh_memenuhi_disabilitas_berat": ("penyandang disabilitas berat", "severe disability"),
    "pkh_memenuhi_lanjut_usia": (
        "umur {umur} tahun (lanjut usia, ≥ {pkh.umur.lanjut_usia_minimum})",
        "aged {umur} (elderly, ≥ {pkh.umur.lanjut_usia_minimum})",
    ),
    "atensi_usia_anak": (
        "umur {umur} < {atensi.umur.batas_anak}",
        "aged {umur} < {atensi.umur.batas_anak}",
    ),
}


#: Verdicts whose false sentence depends on an open legal reading: (the reading's parameter,
#: the sentence when that parameter is true). The formula reads the parameter, so its value
#: is among the values read.
UNDER_READING = {
    "pkh_anak_dalam_batas_urutan": (
        "pkh.batas.anak_usia_dini_menurut_jumlah",
        (
            "keluarga sudah mempunyai {pkh.batas.urutan_anak_usia_dini} anak usia dini yang "
            "lebih tua (batas dibaca sebagai jumlah komponen)",
            "the family already has {pkh.batas.urutan_anak_usia_dini} older early-childhood "
            "members (the limit read as a number of components)",
        ),
    ),
}


def sentence(ctx, name: str, index: int, entity: str, held: bool) -> dict:
    """The verdict ``name`` for one unit, in words, with the values and parameters behind it:
    ``{"variable", "held", "id", "en", "values", "parameters"}``."""
    reading = ctx.reading(name, index, entity)
    values = {**reading["values"], **reading["parameters"]}
    templates = (WHEN_TRUE if held else WHEN_FALSE).get(name)
    reading_flag, reading_templates = UNDER_READING.get(name, (None, None))
    if not held and reading_flag is not None and values.get(reading_flag) is True:
        templates = reading_templates
    if templates is None:
        label = ctx.system.variables[name].label
        templates = (label if held else f"tidak: {label}", f"{name} is {str(held).lower()}")
    return {
        "variable": name,
        "held": held,
        "id": fill(templates[0], values),
        "en": fill(templates[1], values),
        "values": reading["values"],
        "parameters": list(reading["parameters"]),
    }


def reasons(ctx, name: str, index: int, entity: str) -> list[dict]:
    """Why the verdict ``name`` is false for one unit: a sentence for each condition its
    formula read that is false there."""
    return [sentence(ctx, child, index, entity, False) for child in ctx.failed(name, index, entity)]
