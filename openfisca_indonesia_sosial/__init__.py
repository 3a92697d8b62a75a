"""OpenFisca rules of Indonesian social assistance: PKH, Sembako/BPNT, PBI-JK and ATENSI."""

from importlib.metadata import PackageNotFoundError, version

from openfisca_indonesia_sosial.system import CountryTaxBenefitSystem

try:
    __version__ = version("openfisca-indonesia-sosial")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["CountryTaxBenefitSystem", "__version__", "hitung", "hitung_tabel", "jelaskan"]

_EMBEDDING = ("hitung", "hitung_tabel", "jelaskan")


def __getattr__(name):
    # The embedding API pulls in pandas and pandera: import it only when it is asked for.
    if name in _EMBEDDING:
        from openfisca_indonesia_sosial import embed

        return getattr(embed, name)
    raise AttributeError(f"module 'openfisca_indonesia_sosial' has no attribute {name!r}")
