from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_sembako(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan sembako ATENSI untuk bulan ini"
    documentation = (
        "ATENSI food (sembako) support for the month, in rupiah: one twelfth of "
        "atensi.sembako.bantuan_tahunan (2,400,000 a year, so 200,000 a month) for an "
        "ATENSI-eligible person assessed as needing it (membutuhkan_sembako_atensi); 0 "
        "otherwise. From January 2025 (start assumed); earlier months are 0. Single source "
        "(A17): provisional. The value may be delivered in kind."
    )
    reference = "Kemensos, penyaluran bantuan ATENSI 2025 (A17; fact sheet 4.4)"

    def formula_2025_01_01(individu, period, parameters):
        bantuan_tahunan = parameters(period).atensi.sembako.bantuan_tahunan
        bulan_per_tahun = period.this_year.size_in_months
        layak = individu("atensi_layak", period)
        membutuhkan = individu("membutuhkan_sembako_atensi", period)
        return (layak & membutuhkan) * (bantuan_tahunan // bulan_per_tahun)
