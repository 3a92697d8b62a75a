"""Conditions every program shares: its registry band and whether its rules are in force.

The registry band is the value of ``<program>_dalam_registri``. Which registry decided it
(DTKS membership, or the DTSEN decile against the program's maximum) is read from what that
formula read in the month, so the switch date lives only in ``registri.pakai_dtsen``.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.explain.context import Context, condition
from openfisca_indonesia_sosial.explain.text import month_en, month_id

PROGRAM_NAMES = {
    "pkh": ("PKH", "PKH"),
    "sembako": ("Program Sembako", "Sembako"),
    "pbi_jk": ("PBI-JK", "PBI-JK"),
    "atensi": ("ATENSI", "ATENSI"),
}
DESIL_MAKSIMUM = "registri.desil_maksimum."


def registry_condition(ctx: Context, program: str, family: int, variable: str) -> dict:
    """The registry band of ``program``: DTKS membership, or the DTSEN decile vs its maximum."""
    held = bool(ctx.value(variable)[family])
    name_id, name_en = PROGRAM_NAMES.get(program, (program, program))
    reads = ctx.reads(variable)
    used = ctx.parameters_read(variable)
    if not held and "ada_anggota_hidup" in reads and not ctx.value("ada_anggota_hidup")[family]:
        return condition(
            "registri",
            held,
            f"Tidak ada anggota keluarga yang masih hidup: kartu keluarga ini keluar dari "
            f"registri {name_id} (tanggal_meninggal).",
            f"No member of the family is alive any more: the card leaves the {name_en} "
            "registry (tanggal_meninggal).",
            {"ada_anggota_hidup": False},
            used,
        )
    if "desil_dtsen" in reads:
        desil = int(ctx.value("desil_dtsen")[family])
        maksimum_path = next((p for p in used if p.startswith(DESIL_MAKSIMUM)), None)
        maksimum = used.get(maksimum_path)
        values = {"desil_dtsen": desil, maksimum_path: maksimum}
        if desil == 0:  # the input's code for a family DTSEN does not list
            texts = (
                f"Keluarga tidak tercatat di DTSEN (desil 0); {name_id} mensyaratkan desil "
                f"DTSEN 1–{maksimum}.",
                f"The family is not in DTSEN (decile 0); {name_en} requires DTSEN decile "
                f"1–{maksimum}.",
            )
        elif held:
            texts = (
                f"Desil DTSEN keluarga {desil} berada dalam desil 1–{maksimum} yang berhak atas "
                f"{name_id}.",
                f"The family's DTSEN decile {desil} is within deciles 1–{maksimum} eligible for "
                f"{name_en}.",
            )
        else:
            texts = (
                f"Desil DTSEN keluarga {desil} di atas desil maksimum {maksimum} untuk {name_id}.",
                f"The family's DTSEN decile {desil} is above the maximum decile {maksimum} for "
                f"{name_en}.",
            )
        return condition("registri", held, *texts, values, used)
    if "terdaftar_dtks" in reads:
        dtks = bool(ctx.value("terdaftar_dtks")[family])
        when_id, when_en = month_id(ctx.month), month_en(ctx.month)
        texts = (
            (
                f"Keluarga terdaftar di DTKS, registri yang dipakai pada {when_id}.",
                f"The family is registered in DTKS, the registry in use in {when_en}.",
            )
            if held
            else (
                f"Keluarga tidak terdaftar di DTKS; pada {when_id} {name_id} hanya untuk "
                "keluarga DTKS.",
                f"The family is not registered in DTKS; in {when_en} {name_en} only serves "
                "DTKS families.",
            )
        )
        return condition("registri", held, *texts, {"terdaftar_dtks": dtks}, used)
    # given as an input: nothing was derived
    return condition(
        "registri",
        held,
        f"Keluarga {'berada' if held else 'tidak berada'} dalam cakupan registri {name_id} "
        f"({variable}, diberikan).",
        f"The family is {'inside' if held else 'outside'} the {name_en} registry band "
        f"({variable}, given).",
        {variable: held},
    )


def in_force_condition(ctx: Context, variable: str, label: tuple[str, str]) -> dict | None:
    """A failed condition when ``variable``'s rules start after the month, else ``None``."""
    start = ctx.formula_start(variable)
    if start is None or ctx.instant >= start:
        return None
    return condition(
        "berlaku",
        False,
        f"{label[0]} belum berlaku pada {month_id(ctx.month)} (mulai {start}).",
        f"{label[1]} was not in force in {month_en(ctx.month)} (starts {start}).",
        {"mulai": start},
    )
