from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_layak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Memenuhi syarat ATENSI (kelompok sasaran dan registri)"
    documentation = (
        "The person is eligible for ATENSI in the month: ATENSI is in force (atensi.berlaku, "
        "from Permensos 16/2020, so from January 2021 for monthly rules), the person is in at "
        "least one ATENSI target group (atensi_kelompok_sasaran), and the person's family is "
        "inside the ATENSI registry band (atensi_dalam_registri: DTKS until March 2025, DTSEN "
        "deciles 1-5 from April 2025). Entitlement under the rules; quotas and take-up are the "
        "microsimulation's business."
    )
    reference = (
        "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (sasaran); Inpres 4/2025 (DTSEN)"
    )

    def formula(individu, period, parameters):
        berlaku = parameters(period).atensi.berlaku
        kelompok = individu("atensi_kelompok_sasaran", period)
        registri = individu.keluarga("atensi_dalam_registri", period)
        return kelompok & registri & individu("masih_hidup", period) & berlaku
