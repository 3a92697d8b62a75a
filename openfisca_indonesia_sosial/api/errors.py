"""Client mistakes and their HTTP status: one exception type for the API and the embedding API."""

from __future__ import annotations

import re
from contextlib import contextmanager

from openfisca_core.errors import ParameterNotFoundError

from openfisca_indonesia_sosial.data.privacy import mask_text


class ApiError(ValueError):
    """A request the package cannot compute, with the HTTP status that says why.

    ``message`` is one readable sentence (English, with the offending name or value);
    ``details`` is optional structured context (for example OpenFisca's per-path errors).
    Every text passes through :func:`mask_text`, so a NIK never travels in clear.
    """

    def __init__(self, message: str, status: int = 400, details: object = None) -> None:
        self.message = mask_text(message)
        self.status = status
        self.details = details
        super().__init__(self.message)

    def to_json(self) -> dict:
        body: dict = {"error": self.message}
        if self.details is not None:
            body["details"] = self.details
        return body


def flatten_situation_error(error: object, prefix: str = "") -> list[str]:
    """OpenFisca's nested ``{plural: {id: {variable: message}}}`` as ``path: message`` lines."""
    if isinstance(error, dict):
        lines: list[str] = []
        for key, value in error.items():
            path = f"{prefix}/{key}" if prefix else str(key)
            lines.extend(flatten_situation_error(value, path))
        return lines
    if isinstance(error, list):
        lines = []
        for index, value in enumerate(error):
            lines.extend(flatten_situation_error(value, f"{prefix}/{index}"))
        return lines
    return [f"{prefix}: {error}" if prefix else str(error)]


@contextmanager
def engine_errors():
    """Turn the engine's "no rule for that date" into a 400 that says so.

    A period before a program's first dated parameter (PKH before 2017, say) makes a formula
    read a parameter that has no value yet: a question the package cannot answer, not a
    server fault.
    """
    try:
        yield
    except ParameterNotFoundError as error:
        match = re.search(r"parameter '([^']+)'", str(error))
        name = match.group(1) if match else getattr(error, "name", None) or "?"
        instant = getattr(error, "instant_str", "?")
        raise ApiError(
            f"no rule for that date: parameter '{name}' has no value on {instant}; the "
            "package's rules for this program start later, ask a later period",
            status=400,
        ) from error
