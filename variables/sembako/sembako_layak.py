from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga memenuhi syarat Program Sembako (BPNT) pada bulan ini"
    documentation = (
        "Family entitled to Program Sembako (BPNT until 2019) in the month: poor and vulnerable "
        "families in the registry band (sembako_dalam_registri). The programme starts with the "
        "BPNT launch in February 2017; earlier months are false. Entitlement only: who is paid "
        "under the national quota (sembako.kuota, PKH families first) is the microsimulation's "
        "business."
    )
    reference = (
        "Perpres 63/2017; Permensos 11/2018 and 20/2019 (BPNT); Permensos 5/2021 tentang "
        "Pelaksanaan Program Sembako (fact sheet 2.4)"
    )

    def formula_2017_02_01(keluarga, period, parameters):
        return keluarga("sembako_dalam_registri", period)
