import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_permakanan(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan permakanan ATENSI untuk bulan ini"
    documentation = (
        "ATENSI meal support (permakanan) for the month, in rupiah: the daily rate times the "
        "number of days in the month, for an ATENSI-eligible person who lives alone "
        "(tinggal_sendiri) and is in the disability group (atensi_penyandang_disabilitas, rate "
        "atensi.permakanan.harian_penyandang_disabilitas) or the elderly group "
        "(atensi_lanjut_usia, rate atensi.permakanan.harian_lanjut_usia); one meal a day at the "
        "higher rate when both. 21,000 a day: 651,000 in a 31-day month, 588,000 in a 28-day "
        "February. From January 2023 (start assumed, single source A20); earlier months are 0. "
        "Delivered as meals (in kind)."
    )
    reference = (
        "Direktorat Rehabilitasi Sosial, bantuan permakanan Rp21.000 per hari (A20; fact sheet 4.4)"
    )

    def formula_2023_01_01(individu, period, parameters):
        permakanan = parameters(period).atensi.permakanan
        layak = individu("atensi_layak", period)
        tinggal_sendiri = individu("tinggal_sendiri", period)
        disabilitas = individu("atensi_penyandang_disabilitas", period)
        lanjut_usia = individu("atensi_lanjut_usia", period)
        # the eligible who live alone are few: only their rates are worked out
        penerima = np.flatnonzero(layak & tinggal_sendiri)
        harian = np.maximum(
            disabilitas[penerima] * permakanan.harian_penyandang_disabilitas,
            lanjut_usia[penerima] * permakanan.harian_lanjut_usia,
        )
        bantuan = np.zeros(individu.count, dtype=harian.dtype)
        bantuan[penerima] = harian * period.days
        return bantuan
