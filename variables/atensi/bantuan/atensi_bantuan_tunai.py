from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_bantuan_tunai(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Jumlah bantuan ATENSI bernilai uang untuk bulan ini (YAPI, sembako, permakanan)"
    documentation = (
        "Total rupiah value of the person's ATENSI money-valued components for the month: "
        "atensi_yapi + atensi_sembako + atensi_permakanan. YAPI is paid in cash; the food "
        "support and the meal support are valued at their rupiah amounts but may be delivered "
        "in kind. Services without a published amount (therapy, care, training, assistive "
        "devices) are not valued."
    )
    reference = "Kemensos, ATENSI YAPI, sembako dan permakanan (fact sheet 4.4)"

    def formula(individu, period, parameters):
        return (
            individu("atensi_yapi", period)
            + individu("atensi_sembako", period)
            + individu("atensi_permakanan", period)
        )
