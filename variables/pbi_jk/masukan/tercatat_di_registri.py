from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class tercatat_di_registri(Variable):
    value_type = bool
    default_value = True
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Individu tercatat sebagai anggota keluarga dalam registri (DTKS, lalu DTSEN)"
    documentation = (
        "The person is listed, as a member of the family, in the registry the programmes read "
        "(DTKS until March 2025, DTSEN from April 2025) with a NIK matched to the civil registry. "
        "Default true: every member of a registered family is listed. Set false for a member "
        "missing from the registry, typically a newborn not yet registered or a person removed "
        "(died, registered twice, no NIK match), which PBI-JK uses person by person."
    )
    reference = (
        "PP 101/2012 jo. PP 76/2015 Pasal 11 (perubahan data PBI); Permensos 3/2021 tentang "
        "Pengelolaan DTKS; Inpres 4/2025 tentang DTSEN"
    )
