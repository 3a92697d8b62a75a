"""The one place that answers: is this family inside the registry band for program X?

Until the switch date (``registri.pakai_dtsen``) a family is inside the band when it is
registered in DTKS; from then on, when its DTSEN decile is between 1 and the program's
``registri.desil_maksimum.<program>``. Every program asks through this function (wrapped
in its ``<program>_dalam_registri`` variable), so the switch lives in one place.
"""

from __future__ import annotations

import numpy as np


def dalam_band_registri(keluarga, period, parameters, program: str) -> np.ndarray:
    """Boolean array over families: inside ``program``'s registry band in ``period``."""
    registri = parameters(period).registri
    if registri.pakai_dtsen:
        desil = keluarga("desil_dtsen", period)
        return (desil >= 1) & (desil <= registri.desil_maksimum[program])
    return keluarga("terdaftar_dtks", period)
