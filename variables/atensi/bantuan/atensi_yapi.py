from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_yapi(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan ATENSI Yatim Piatu (YAPI) untuk bulan ini"
    documentation = (
        "ATENSI YAPI entitlement for the month, in rupiah: atensi.yapi.bantuan_bulanan "
        "(200,000) for an orphan child (yatim, piatu or yatim piatu) aged under 18 on the first "
        "day of the month who is ATENSI-eligible (family in DTKS before April 2025, in DTSEN "
        "deciles 1-5 from April 2025); 0 otherwise. From May 2022 (index unified, month "
        "assumed: Q12); earlier months are 0. Payments are often made quarterly (600,000), but "
        "the entitlement is counted per month."
    )
    reference = (
        "Kemensos, revisi anggaran 2022 (indeks ATENSI YAPI Rp200.000 per anak per bulan); "
        "fact sheet 4.4 (A10, A11, A13-A17)"
    )

    def formula_2022_05_01(individu, period, parameters):
        bantuan_bulanan = parameters(period).atensi.yapi.bantuan_bulanan
        layak = individu("atensi_layak", period)
        usia_anak = individu("atensi_usia_anak", period)
        yatim_piatu = individu("yatim_atau_piatu", period)
        return (layak & usia_anak & yatim_piatu) * bantuan_bulanan
