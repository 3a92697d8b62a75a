from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.ranking import family_any


class ada_anggota_hidup(Variable):
    value_type = bool
    default_value = True
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga masih mempunyai anggota yang hidup pada bulan ini"
    documentation = (
        "At least one member is still counted (masih_hidup) in the month. A family card whose "
        "members have all died is removed by the registry update, so the family is outside "
        "every program's registry band (law/registri.py); so is a family listed without "
        "any member."
    )
    reference = "Permensos 3/2021 tentang Pengelolaan DTKS (pemutakhiran data)"

    def formula(keluarga, period, parameters):
        return family_any(keluarga, keluarga.members("masih_hidup", period))
