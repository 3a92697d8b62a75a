from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.ranking import family_any


class pkh_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga memenuhi syarat kepesertaan PKH pada bulan ini"
    documentation = (
        "The family is entitled to PKH in the month: inside PKH's registry band "
        "(pkh_dalam_registri) and with at least one counted component (pkh_komponen) or a "
        "member counted as a victim of serious human-rights violations (from 2025). Holds in "
        "2017-2018 too: a family with no component is not eligible (natural graduation). "
        "Conditions (attendance, health checks, P2K2) change what is paid, not eligibility. "
        "Entitlement only: quotas and take-up belong to the microsimulation."
    )
    reference = "Permensos 1/2018 tentang PKH (kriteria KPM, komponen); Inpres 4/2025 (DTSEN)"

    def formula(keluarga, period, parameters):
        komponen = keluarga.members("pkh_komponen", period)
        tidak_ada = komponen.possible_values.tidak_ada
        ada_komponen = family_any(keluarga, komponen != tidak_ada)
        ada_korban_ham = family_any(keluarga, keluarga.members("pkh_komponen_korban_ham", period))
        return keluarga("pkh_dalam_registri", period) & (ada_komponen | ada_korban_ham)
