import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbi_jk_iuran(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Iuran Jaminan Kesehatan yang dibayar pemerintah untuk peserta PBI bulan ini"
    documentation = (
        "JKN contribution the state pays for the person in the month when entitled to PBI-JK "
        "(pbi_jk.iuran_bulanan): 19,225 from January 2014, 23,000 from January 2016 (both starts "
        "unverified, Q8), 42,000 from August 2019 (Perpres 75/2019 Art. 29)."
    )
    reference = (
        "Perpres 12/2013 jo. 111/2013 dan 19/2016; Perpres 82/2018 jo. 75/2019 Pasal 29, "
        "64/2020 dan 59/2024 (fact sheet 3.2)"
    )

    def formula_2014_01_01(individu, period, parameters):
        iuran = parameters(period).pbi_jk.iuran_bulanan
        return np.where(individu("pbi_jk_layak", period), iuran, 0)
