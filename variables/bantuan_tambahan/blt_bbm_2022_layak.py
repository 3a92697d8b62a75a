from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_bbm_2022_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas BLT BBM (September-Desember 2022)"
    documentation = (
        "Family entitled to blt_bbm_2022 in the month: families entitled to PKH or Program "
        "Sembako (pkh_layak or sembako_layak), in a month of the programme's window (where "
        "bantuan_tambahan.blt_bbm_2022.nilai_bulanan is positive). False outside the window."
    )
    reference = "Pengalihan subsidi BBM 2022 - BLT BBM (fact sheet 2.3; S13, S14)"

    def formula_2022_09_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.blt_bbm_2022.nilai_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        sasaran = keluarga("pkh_layak", period) | keluarga("sembako_layak", period)
        return sasaran
