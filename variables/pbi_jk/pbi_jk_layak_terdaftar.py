from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbi_jk_layak_terdaftar(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Individu memenuhi syarat PBI-JK sebagai anggota keluarga yang tercatat di registri"
    documentation = (
        "PBI-JK through the registry: the person's family is inside the PBI-JK registry band "
        "(pbi_jk_dalam_registri) and the person is listed in the registry (tercatat_di_registri) "
        "and born (umur not negative). Starts with JKN on 1 January 2014."
    )
    reference = (
        "PP 101/2012 jo. PP 76/2015 (PBI = fakir miskin dan orang tidak mampu yang ditetapkan "
        "Menteri Sosial); Kepmensos 146/HUK/2013 (fact sheet 3.3)"
    )

    def formula_2014_01_01(individu, period, parameters):
        dalam_registri = individu.keluarga("pbi_jk_dalam_registri", period)
        tercatat = individu("tercatat_di_registri", period)
        lahir = individu("umur", period) >= 0
        return dalam_registri & tercatat & lahir
