from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbi_jk_layak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Individu memenuhi syarat Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)"
    documentation = (
        "Person entitled to PBI-JK in the month: listed in the registry as a member of a family "
        "inside the PBI-JK band (pbi_jk_layak_terdaftar: DTKS until March 2025, DTSEN deciles 1-5 "
        "from April 2025), or a newborn of a PBI mother not yet listed "
        "(pbi_jk_layak_bayi_baru_lahir, from about December 2018). Starts with JKN on "
        "1 January 2014; earlier months are false. Entitlement only: the national quota "
        "(pbi_jk.kuota) is applied by the microsimulation."
    )
    reference = (
        "PP 101/2012 jo. PP 76/2015; Kepmensos 146/HUK/2013; Perpres 82/2018 Pasal 10; "
        "Inpres 4/2025 (fact sheet 3.3)"
    )

    def formula_2014_01_01(individu, period, parameters):
        terdaftar = individu("pbi_jk_layak_terdaftar", period)
        bayi = individu("pbi_jk_layak_bayi_baru_lahir", period)
        return (terdaftar | bayi) & individu("masih_hidup", period)
