from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.ranking import family_any


class pkh_ada_komponen(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga mempunyai paling sedikit satu komponen PKH yang dihitung"
    documentation = (
        "At least one member of the family has a counted PKH component (pkh_komponen) or is "
        "counted as a victim of serious human-rights violations (pkh_komponen_korban_ham, "
        "from 2025) in the month. A family without one is not a PKH family (natural "
        "graduation). The component condition of pkh_layak."
    )
    reference = "Permensos 1/2018 tentang PKH (kriteria KPM, komponen)"

    def formula(keluarga, period, parameters):
        komponen = keluarga.members("pkh_komponen", period)
        tidak_ada = komponen.possible_values.tidak_ada
        ada_komponen = family_any(keluarga, komponen != tidak_ada)
        ada_korban_ham = family_any(keluarga, keluarga.members("pkh_komponen_korban_ham", period))
        return ada_komponen | ada_korban_ham
