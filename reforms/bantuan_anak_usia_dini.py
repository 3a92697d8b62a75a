"""Structural reform: a universal early-childhood grant for families up to a DTSEN decile.

Every family inside the grant's registry band (DTKS membership until the switch to DTSEN,
DTSEN deciles 1 to ``bantuan_anak_usia_dini.desil_maksimum`` afterwards) receives
``bantuan_anak_usia_dini.nilai_bulanan`` rupiah a month for each member aged 0 to
``bantuan_anak_usia_dini.umur_maksimum``, from 1 January 2025. No PKH conditions, no cap on the
number of children, no quota (a universal grant).

The reform declares its parameters (a new folder ``bantuan_anak_usia_dini``), adds five
variables and routes the grant into ``bantuan_program_baru``, the package's slot for programs
a structural reform adds: the microsimulation then counts it as the program ``program_baru``
(recipients, cost, poverty, winners and losers) like any other transfer.
"""

import numpy as np
from openfisca_core.periods import MONTH, YEAR
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu, Keluarga
from openfisca_indonesia_sosial.reform.files import declared_changes, new_parameter_node

REFERENCE_REFORM = "Reformasi ilustratif (bukan hukum berlaku): reforms/bantuan_anak_usia_dini.py"
LAST_CHECKED = "2026-11-28"

PARAMETERS = {
    "description": "Bantuan universal anak usia dini (reformasi)",
    "documentation": (
        "English: parameters of the illustrative universal early-childhood grant declared by "
        "the reform bantuan_anak_usia_dini. Not law."
    ),
    "metadata": {"label_en": "Universal early-childhood grant (reform)"},
    "nilai_bulanan": {
        "description": "Nilai bantuan anak usia dini per anak per bulan",
        "documentation": (
            "English: monthly grant per child aged 0 to umur_maksimum in an eligible family; "
            "0 before the grant starts on 2025-01-01."
        ),
        "metadata": {
            "label_en": "Early-childhood grant per child per month",
            "unit": "currency-IDR",
            "period": "month",
            "last_checked": LAST_CHECKED,
            "reference": {
                "2017-01-01": [{"title": REFERENCE_REFORM, "note": "No grant before 2025."}],
                "2025-01-01": [{"title": REFERENCE_REFORM}],
            },
        },
        "values": {"2017-01-01": 0, "2025-01-01": 150000},
    },
    "desil_maksimum": {
        "description": "Desil DTSEN tertinggi yang berhak atas bantuan anak usia dini",
        "documentation": (
            "English: highest DTSEN decile (1 = poorest) of an eligible family once programmes "
            "use DTSEN (registri.pakai_dtsen); before that, DTKS membership decides."
        ),
        "metadata": {
            "label_en": "Highest eligible DTSEN decile, early-childhood grant",
            "unit": "decile",
            "last_checked": LAST_CHECKED,
            "reference": {"2017-01-01": [{"title": REFERENCE_REFORM}]},
        },
        "values": {"2017-01-01": 4},
    },
    "umur_maksimum": {
        "description": "Umur tertinggi anak penerima bantuan anak usia dini",
        "documentation": "English: highest completed age of a child counted by the grant.",
        "metadata": {
            "label_en": "Highest age of a child counted by the early-childhood grant",
            "unit": "year",
            "last_checked": LAST_CHECKED,
            "reference": {"2017-01-01": [{"title": REFERENCE_REFORM}]},
        },
        "values": {"2017-01-01": 6},
    },
}


class bantuan_anak_usia_dini_anak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anak yang dihitung oleh bantuan anak usia dini"
    documentation = "Member aged 0 to bantuan_anak_usia_dini.umur_maksimum in the month."
    reference = REFERENCE_REFORM

    def formula(individu, period, parameters):
        umur = individu("umur", period)
        batas = parameters(period).bantuan_anak_usia_dini.umur_maksimum
        return (umur >= 0) & (umur <= batas)


class bantuan_anak_usia_dini_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga dalam cakupan registri bantuan anak usia dini"
    documentation = (
        "DTKS membership until the switch to DTSEN (registri.pakai_dtsen), then DTSEN deciles "
        "1 to bantuan_anak_usia_dini.desil_maksimum."
    )
    reference = REFERENCE_REFORM

    def formula(keluarga, period, parameters):
        if parameters(period).registri.pakai_dtsen:
            desil = keluarga("desil_dtsen", period)
            batas = parameters(period).bantuan_anak_usia_dini.desil_maksimum
            return (desil >= 1) & (desil <= batas)
        return keluarga("terdaftar_dtks", period)


class bantuan_anak_usia_dini_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga berhak atas bantuan anak usia dini"
    documentation = (
        "Family inside the grant's registry band, with at least one child counted, in a month "
        "where the grant is paid (nilai_bulanan above 0)."
    )
    reference = REFERENCE_REFORM

    def formula(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_anak_usia_dini.nilai_bulanan > 0
        ada_anak = keluarga.any(keluarga.members("bantuan_anak_usia_dini_anak", period))
        return berjalan & ada_anak & keluarga("bantuan_anak_usia_dini_dalam_registri", period)


class bantuan_anak_usia_dini(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan anak usia dini bulan ini"
    documentation = (
        "Monthly grant of an eligible family: nilai_bulanan times the number of children "
        "counted, in whole rupiah."
    )
    reference = REFERENCE_REFORM

    def formula(keluarga, period, parameters):
        nilai = parameters(period).bantuan_anak_usia_dini.nilai_bulanan
        jumlah = keluarga.sum(keluarga.members("bantuan_anak_usia_dini_anak", period))
        layak = keluarga("bantuan_anak_usia_dini_layak", period)
        return np.where(layak, jumlah.astype(np.int64) * nilai, 0)


class bantuan_anak_usia_dini_tahunan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Bantuan anak usia dini setahun"
    documentation = "Sum of bantuan_anak_usia_dini over the months of the year."
    reference = REFERENCE_REFORM

    def formula(keluarga, period, parameters):
        total = keluarga.filled_array(0)
        for bulan in period.get_subperiods(MONTH):
            total = total + keluarga("bantuan_anak_usia_dini", bulan)
        return total


VARIABLES = (
    bantuan_anak_usia_dini_anak,
    bantuan_anak_usia_dini_dalam_registri,
    bantuan_anak_usia_dini_layak,
    bantuan_anak_usia_dini,
    bantuan_anak_usia_dini_tahunan,
)


class bantuan_program_baru(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan program baru dari reformasi struktural: bantuan anak usia dini"
    documentation = (
        "Under this reform the new-program slot carries the universal early-childhood grant, "
        "so the microsimulation counts it as program_baru."
    )
    reference = REFERENCE_REFORM

    def formula(keluarga, period, parameters):
        return keluarga("bantuan_anak_usia_dini", period)


class bantuan_anak_usia_dini(Reform):
    name = "bantuan_anak_usia_dini"
    label = "Bantuan universal anak usia dini Rp150.000 per anak per bulan (desil 1-4)"
    description = (
        "Adds a universal early-childhood grant from 2025: Rp 150,000 a month for every child "
        "aged 0-6 in families of DTSEN deciles 1-4 (DTKS families before the switch to DTSEN), "
        "without conditions, cap or quota. Existing programs are unchanged."
    )
    changes = declared_changes("bantuan_anak_usia_dini", PARAMETERS)

    def apply(self):
        def add_parameters(parameters):
            parameters.add_child(
                "bantuan_anak_usia_dini",
                new_parameter_node("bantuan_anak_usia_dini", PARAMETERS),
            )
            return parameters

        self.modify_parameters(modifier_function=add_parameters)
        for variable in VARIABLES:
            self.add_variable(variable)
        self.update_variable(bantuan_program_baru)


reform = bantuan_anak_usia_dini
