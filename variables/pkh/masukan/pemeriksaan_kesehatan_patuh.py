from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pemeriksaan_kesehatan_patuh(Variable):
    value_type = bool
    default_value = True
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Memenuhi kewajiban pemeriksaan kesehatan PKH"
    documentation = (
        "The member meets the PKH health duties of the month: antenatal and post-natal "
        "checks for a pregnant or post-partum woman; vaccinations, monthly weighing and "
        "vitamin A for a young child. Defaults to true (compliant). When false in a month the "
        "pregnancy or early-childhood component is not paid in the next payment (the first "
        "payment after the month, pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya)."
    )
    reference = (
        "Permensos 1/2018 tentang PKH, kewajiban bidang kesehatan (fact sheet 1.5; P38, P39)"
    )
