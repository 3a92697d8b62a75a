from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class sudah_lahir(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Sudah lahir pada tanggal 1 bulan ini"
    documentation = (
        "Born on or before the first day of the month (umur not negative), the day on which "
        "every age of the package is read. Someone not yet born is not a member of the family: "
        "no component or target group counts them, whatever their other inputs say (a severe "
        "disability recorded before the birth, for example)."
    )
    reference = "Permensos 1/2018 (komponen dihitung bagi anggota keluarga; fact sheet 1.3)"

    def formula(individu, period, parameters):
        return individu("umur", period) >= 0
