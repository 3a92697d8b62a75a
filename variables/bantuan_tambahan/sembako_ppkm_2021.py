import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_ppkm_2021(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Perpanjangan Program Sembako masa PPKM bulan ini (Juli-Agustus 2021)"
    documentation = (
        "200,000 per month in July and August 2021 on top of the regular Sembako value (two "
        "extra months announced for the 18.8 million Sembako KPM during PPKM); 0 in every other"
        " month."
    )
    reference = "Respons pemerintah atas PPKM Darurat Juli 2021 (fact sheet 2.3; S12, P47)"

    def formula_2021_07_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.sembako_ppkm_2021.nilai_bulanan
        return np.where(keluarga("sembako_ppkm_2021_layak", period), nilai, 0)
