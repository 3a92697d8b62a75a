"""The one place that answers: is this family inside the registry band for program X?

Until the switch date (``registri.pakai_dtsen``) a family is inside the band when it is
registered in DTKS; from then on, when its DTSEN decile is between 1 and the program's
``registri.desil_maksimum.<program>``. Every program asks through this function (wrapped
in its ``<program>_dalam_registri`` variable), so the switch lives in one place.
"""

from __future__ import annotations

import numpy as np


def dalam_band_registri(
    keluarga, period, parameters, program: str, pakai_dtsen: bool | None = None
) -> np.ndarray:
    """Boolean array over families: inside ``program``'s registry band in ``period``.

    ``pakai_dtsen`` overrides the common switch for a program whose own switch month is a
    reading (PBI-JK). A family none of whose members is alive any more has been removed by the
    registry update, whatever its decile or DTKS flag.
    """
    registri = parameters(period).registri
    if pakai_dtsen is None:
        pakai_dtsen = registri.pakai_dtsen
    if pakai_dtsen:
        desil = keluarga("desil_dtsen", period)
        band = (desil >= 1) & (desil <= registri.desil_maksimum[program])
    else:
        band = keluarga("terdaftar_dtks", period)
    return band & keluarga("ada_anggota_hidup", period)
