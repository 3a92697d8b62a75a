"""OpenFisca rules of Indonesian social assistance: PKH, Sembako/BPNT, PBI-JK and ATENSI."""

from importlib.metadata import PackageNotFoundError, version

from openfisca_indonesia_sosial.system import CountryTaxBenefitSystem

try:
    __version__ = version("openfisca-indonesia-sosial")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["CountryTaxBenefitSystem", "__version__"]
