"""Structural reform: PKH and Program Sembako merged into one family transfer from 2025.

From ``bantuan_keluarga_terpadu.berlaku`` (1 January 2025) one transfer replaces both
programs. A family is entitled when it was entitled to either (``sembako_layak`` becomes
"Sembako or PKH"); it receives the Sembako monthly value plus, when it qualifies for PKH,
its PKH payment of the month (components in the tahap months, as before). The merged
transfer is paid through the Sembako channel: one national quota of 18.7 million families
(the 18.3 million Sembako quota plus the 0.4 million PKH-only families of 2025, S21/S22),
filled from the poorest upward, with the Sembako take-up rate; top-ups that follow Sembako
follow the merged transfer. The PKH channel pays nobody (``pkh.kuota`` 0): in the
microsimulation the merged transfer is reported on the ``sembako`` line and ``pkh`` is 0.

For a single family (``bansos calculate``, the API), ``pkh_bantuan`` still shows the PKH part
of the entitlement and ``sembako_bantuan`` the whole merged transfer: do not add them up.

The baseline formulas are reused, not copied: the replaced variables call the baseline
system's own formulas, so later corrections of PKH or Sembako carry over to the reform.
"""

import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.reform.files import declared_changes, new_parameter_node

REFERENCE_REFORM = "Reformasi ilustratif (bukan hukum berlaku): reforms/pkh_sembako_terpadu.py"
START = "2025-01-01"

PARAMETERS = {
    "description": "Bantuan keluarga terpadu: PKH dan Sembako digabung (reformasi)",
    "documentation": (
        "English: parameters of the illustrative merger of PKH and Program Sembako into one "
        "family transfer, declared by the reform pkh_sembako_terpadu. Not law."
    ),
    "metadata": {"label_en": "Merged family transfer (reform)"},
    "berlaku": {
        "description": "PKH dan Sembako dibayar sebagai satu bantuan keluarga",
        "documentation": "English: whether the merged transfer replaces PKH and Sembako.",
        "metadata": {
            "label_en": "Merged family transfer in force",
            "unit": "bool",
            "last_checked": "2026-11-28",
            "reference": {
                "2017-01-01": [{"title": REFERENCE_REFORM, "note": "Separate programs."}],
                START: [{"title": REFERENCE_REFORM}],
            },
        },
        "values": {"2017-01-01": False, START: True},
    },
}

#: Existing parameters the reform changes: (path, date, value).
CHANGED = (
    ("pkh.kuota", START, 0),
    ("sembako.kuota.kpm", START, 18700000),
)


def _baseline_formula(system, name: str, period):
    return system.get_variable(name).get_formula(period)


def _variables(baseline):
    """The replaced variables, calling the baseline's formulas where the merger is off."""

    def asal(name, keluarga, period, parameters):
        formula = _baseline_formula(baseline, name, period)
        if formula is None:
            return keluarga.filled_array(baseline.get_variable(name).default_value)
        return formula(keluarga, period, parameters)

    class sembako_layak(Variable):
        value_type = bool
        entity = Keluarga
        definition_period = MONTH
        set_input = set_input_dispatch_by_period
        label = "Keluarga berhak atas bantuan keluarga terpadu (dulu Sembako atau PKH)"
        documentation = (
            "Reform pkh_sembako_terpadu: while the merger is in force, entitled to the merged "
            "transfer when entitled to Program Sembako or to PKH under the baseline rules; "
            "before, the baseline Sembako eligibility."
        )
        reference = REFERENCE_REFORM

        def formula(keluarga, period, parameters):
            sembako = asal("sembako_layak", keluarga, period, parameters)
            if not parameters(period).bantuan_keluarga_terpadu.berlaku:
                return sembako
            return sembako | keluarga("pkh_layak", period)

    class sembako_bantuan(Variable):
        value_type = int
        entity = Keluarga
        definition_period = MONTH
        unit = "currency-IDR"
        label = "Bantuan keluarga terpadu bulan ini (Sembako ditambah bagian PKH)"
        documentation = (
            "Reform pkh_sembako_terpadu: while the merger is in force, the Sembako monthly "
            "value (sembako.nilai_bulanan) for every entitled family plus the family's PKH "
            "payment of the month (pkh_bantuan: components in tahap months); before, the "
            "baseline Sembako value."
        )
        reference = REFERENCE_REFORM

        def formula(keluarga, period, parameters):
            if not parameters(period).bantuan_keluarga_terpadu.berlaku:
                return asal("sembako_bantuan", keluarga, period, parameters)
            layak = keluarga("sembako_layak", period)
            nilai = parameters(period).sembako.nilai_bulanan
            return np.where(layak, nilai, 0) + keluarga("pkh_bantuan", period)

    return (sembako_layak, sembako_bantuan)


class pkh_sembako_terpadu(Reform):
    name = "pkh_sembako_terpadu"
    label = "PKH dan Sembako digabung menjadi satu bantuan keluarga mulai 2025"
    description = (
        "Merges PKH and Program Sembako into one family transfer from 2025: families entitled "
        "to either receive the Sembako value plus their PKH payment, paid through the Sembako "
        "channel under one quota of 18.7 million families (PKH channel closed)."
    )
    changes = declared_changes("bantuan_keluarga_terpadu", PARAMETERS) + CHANGED

    def apply(self):
        def modify(parameters):
            parameters.add_child(
                "bantuan_keluarga_terpadu",
                new_parameter_node("bantuan_keluarga_terpadu", PARAMETERS),
            )
            for path, date, value in CHANGED:
                node = parameters
                for part in path.split("."):
                    node = node.children[part]
                node.update(start=date, value=value)
            return parameters

        self.modify_parameters(modifier_function=modify)
        for variable in _variables(self.baseline):
            self.update_variable(variable)


reform = pkh_sembako_terpadu
