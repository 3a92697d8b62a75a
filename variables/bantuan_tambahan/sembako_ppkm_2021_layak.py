from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_ppkm_2021_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas perpanjangan Program Sembako masa PPKM (Juli-Agustus 2021)"
    documentation = (
        "Family entitled to sembako_ppkm_2021 in the month: Program Sembako families "
        "(sembako_layak), in a month of the programme's window (where "
        "bantuan_tambahan.sembako_ppkm_2021.nilai_bulanan is positive). False outside the "
        "window."
    )
    reference = "Respons pemerintah atas PPKM Darurat Juli 2021 (fact sheet 2.3; S12, P47)"

    def formula_2021_07_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.sembako_ppkm_2021.nilai_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period)
