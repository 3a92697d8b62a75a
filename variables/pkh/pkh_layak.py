from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga memenuhi syarat kepesertaan PKH pada bulan ini"
    documentation = (
        "The family is entitled to PKH in the month: inside PKH's registry band "
        "(pkh_dalam_registri) and with at least one counted component or a member counted as "
        "a victim of serious human-rights violations (pkh_ada_komponen). Holds in "
        "2017-2018 too: a family with no component is not eligible (natural graduation). "
        "Conditions (attendance, health checks, P2K2) change what is paid, not eligibility. "
        "Entitlement only: quotas and take-up belong to the microsimulation."
    )
    reference = "Permensos 1/2018 tentang PKH (kriteria KPM, komponen); Inpres 4/2025 (DTSEN)"

    def formula(keluarga, period, parameters):
        return keluarga("pkh_dalam_registri", period) & keluarga("pkh_ada_komponen", period)
