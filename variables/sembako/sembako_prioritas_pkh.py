from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_prioritas_pkh(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga PKH yang diprioritaskan sebagai KPM Program Sembako"
    documentation = (
        "Family entitled to Program Sembako that is also a PKH family (pkh_layak) in a month when "
        "PKH families come first for Sembako places (sembako.prioritas_pkh: from Permensos 5/2021, "
        "23 August 2021). Grants no money: the microsimulation fills the national quota "
        "(sembako.kuota) with these families first."
    )
    reference = "Permensos 5/2021 tentang Pelaksanaan Program Sembako (prioritas keluarga PKH)"

    def formula_2017_02_01(keluarga, period, parameters):
        if not parameters(period).sembako.prioritas_pkh:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period) & keluarga("pkh_layak", period)
