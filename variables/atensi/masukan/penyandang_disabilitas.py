from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class penyandang_disabilitas(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = (
        "Penyandang disabilitas (fisik, intelektual, mental dan/atau sensorik, berat atau tidak)"
    )
    documentation = (
        "Person with a physical, intellectual, mental and/or sensory disability of any severity, "
        "as assessed (the contract input disabilitas_berat covers severe disability only; either "
        "puts the person in the ATENSI disability group)."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (sasaran: penyandang disabilitas); "
        "UU 8/2016 tentang Penyandang Disabilitas"
    )
