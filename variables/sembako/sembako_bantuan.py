import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_bantuan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Nilai bantuan Program Sembako (BPNT) bulan ini"
    documentation = (
        "Program Sembako / BPNT value of the month for an entitled family (sembako.nilai_bulanan): "
        "110,000 from February 2017, 150,000 from January 2020, 200,000 from March 2020 (Q14: "
        "March chosen over April). Top-ups and BLT add-ons are separate (bantuan_tambahan). The "
        "monthly entitlement is recorded even where payment was grouped over two or three months."
    )
    reference = (
        "Perpres 63/2017; Permensos 11/2018, 20/2019; APBN 2020; Permensos 5/2021 (fact sheet 2.2)"
    )

    def formula_2017_02_01(keluarga, period, parameters):
        layak = keluarga("sembako_layak", period)
        return np.where(layak, parameters(period).sembako.nilai_bulanan, 0)
