"""The Web API of openfisca-indonesia-sosial (see docs/api/).

``create_app()`` returns the WSGI app: openfisca-core's Web API on the package's
CountryTaxBenefitSystem, with per-request reforms, /explain, /bulk, /reforms and /health.
Serve it with ``bansos serve`` (waitress with connection limits and timeouts set, see
docs/security.md), or any WSGI server given the same limits::

    waitress-serve --connection-limit 500 --channel-timeout 30 \
        --max-request-body-size 20971520 --call 'openfisca_indonesia_sosial.api:create_app'
    gunicorn 'openfisca_indonesia_sosial.api:create_app()' --timeout 120

Names are imported lazily, so ``openfisca_indonesia_sosial.api.openapi`` (read by the
tax-benefit system for its OpenAPI examples) stays light.
"""

from __future__ import annotations

__all__ = ["ApiConfig", "ApiError", "create_app"]


def create_app(config=None, tax_benefit_system=None):
    """The Flask app (see :func:`openfisca_indonesia_sosial.api.app.create_app`)."""
    from openfisca_indonesia_sosial.api.app import create_app as _create_app

    return _create_app(config, tax_benefit_system)


def __getattr__(name: str):
    if name == "ApiConfig":
        from openfisca_indonesia_sosial.api.config import ApiConfig

        return ApiConfig
    if name == "ApiError":
        from openfisca_indonesia_sosial.situations.errors import ApiError

        return ApiError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
