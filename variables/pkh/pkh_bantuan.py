from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.ranking import family_sum


class pkh_bantuan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan PKH yang dibayar kepada keluarga pada bulan ini"
    documentation = (
        "PKH paid to the family in the month, in whole rupiah: the flat benefit share "
        "(2017-2018), plus the counted components' shares (from 2019), plus the fixed "
        "benefit (January 2019), plus the monthly amounts for victims of serious "
        "human-rights violations (from 2025). A tahap month carries that quarter's payment, "
        "other months 0 except the monthly payments of April-June 2020 and the monthly "
        "human-rights component."
    )
    reference = "Permensos 1/2018 tentang PKH; Kepdirjen Linjamsos tentang indeks PKH 2019, 2020"

    def formula(keluarga, period, parameters):
        return (
            keluarga("pkh_bantuan_flat", period)
            + family_sum(keluarga, keluarga.members("pkh_bantuan_komponen", period))
            + keluarga("pkh_bantuan_tetap", period)
            + family_sum(keluarga, keluarga.members("pkh_bantuan_korban_ham", period))
        )
