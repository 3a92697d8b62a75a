from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_pembayaran_ditahan(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Pembayaran PKH keluarga bulan ini ditahan (tidak hadir P2K2)"
    documentation = (
        "The family's whole PKH payment of the month is withheld because it missed the "
        "monthly family-development session (hadir_p2k2 false) while "
        "pkh.syarat.p2k2_menahan_pembayaran is true: only under the alternative reading "
        "(reform pkh_p2k2_menahan_pembayaran); by the package's reading, per the sources, "
        "absence withholds nothing (repeated absence can lead to a forced exit, not "
        "modelled; Q5). The family stays eligible (pkh_layak)."
    )
    reference = "Permensos 1/2018 tentang PKH, kewajiban mengikuti P2K2 (P25, P41)"

    def formula_2017_01_01(keluarga, period, parameters):
        menahan = parameters(period).pkh.syarat.p2k2_menahan_pembayaran
        return menahan & ~keluarga("hadir_p2k2", period)
