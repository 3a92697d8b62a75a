from datetime import date

from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.tanggal import TANPA_TANGGAL_MENINGGAL


class tanggal_meninggal(Variable):
    value_type = date
    default_value = TANPA_TANGGAL_MENINGGAL
    entity = Individu
    definition_period = ETERNITY
    label = "Tanggal meninggal (kosong: masih hidup)"
    documentation = (
        "Date of death as recorded by the civil registry (Dukcapil) or reported by the "
        "district social office. Optional: an empty cell or a missing column means the person "
        "is alive. From the first day of the month after the death the person is no longer "
        "counted (masih_hidup): no PKH component, no PBI-JK contribution, no ATENSI, and not a "
        "living member of the family. A family whose members have all died leaves every "
        "program's registry band. A death before the simulated period is a registry-cleansing "
        "finding (bansos registry audit, code meninggal), not an input error. Assumption: "
        "the sources say the dead are removed (PP 76/2015 Art. 11 for PBI-JK) but not from "
        "when; the month of death is still counted because benefits are set per month and "
        "removal follows the monthly data update."
    )
    reference = (
        "PP 76/2015 Pasal 11 (peserta PBI dihapus karena meninggal; fact sheet H15, H20); "
        "Permensos 3/2021 tentang Pengelolaan DTKS (pemutakhiran data; C4-C6); UU 23/2006 jo. "
        "UU 24/2013 tentang Administrasi Kependudukan (pencatatan kematian)"
    )
