from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class hadir_p2k2(Variable):
    value_type = bool
    default_value = True
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga hadir dalam P2K2 (Pertemuan Peningkatan Kemampuan Keluarga) bulan ini"
    documentation = (
        "The family attended its monthly family-development session (P2K2). Defaults to "
        "true. Read only while pkh.syarat.p2k2_menahan_pembayaran is true (the alternative "
        "reading pkh_p2k2_menahan_pembayaran): absence then withholds the family's whole PKH "
        "payment of that month. By the package's reading absence withholds nothing (Q5)."
    )
    reference = "Permensos 1/2018 tentang PKH, kewajiban mengikuti P2K2 (fact sheet 1.5; P25, P41)"
