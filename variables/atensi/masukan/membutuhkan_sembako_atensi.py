from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class membutuhkan_sembako_atensi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Dinilai membutuhkan bantuan sembako ATENSI"
    documentation = (
        "Assessed by the social worker as needing ATENSI food (sembako) support; from 2025 this "
        "gives the food-support amount (atensi_sembako) to a person in ATENSI."
    )
    reference = "Kemensos, penyaluran bantuan ATENSI 2025 (sembako Rp2,4 juta per orang per tahun)"
