import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbpu_kelas_3_bantuan_iuran(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bagian iuran kelas III peserta mandiri (PBPU/BP) yang dibayar pemerintah bulan ini"
    documentation = (
        "State share of the class III contribution of a self-paying (PBPU/BP) member "
        "(pbi_jk.pbpu_kelas_3.bantuan_iuran_pemerintah): 16,500 from July 2020, 7,000 from "
        "January 2021 (Perpres 64/2020); 0 before July 2020. NOT PBI and not in pbi_jk_iuran. "
        "A person entitled to PBI-JK gets no class III share: the state already pays the whole "
        "contribution, so the two never add up for one person."
    )
    reference = "Perpres 64/2020 tentang Perubahan Kedua atas Perpres 82/2018 (fact sheet 3.2)"

    def formula_2020_07_01(individu, period, parameters):
        bagian = parameters(period).pbi_jk.pbpu_kelas_3.bantuan_iuran_pemerintah
        peserta = (
            individu("peserta_pbpu_kelas_3", period)
            & ~individu("pbi_jk_layak", period)
            & individu("masih_hidup", period)
        )
        return np.where(peserta, bagian, 0)
