from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class mampu_bekerja(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Mampu bekerja atau berwirausaha"
    documentation = (
        "Able and willing to work or run a business, as assessed. Within the working-age range it "
        "leads to vocational training and/or entrepreneurship coaching."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI "
        "(layanan pelatihan vokasional dan/atau pembinaan kewirausahaan)"
    )
