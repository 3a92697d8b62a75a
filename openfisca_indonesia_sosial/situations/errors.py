"""Client mistakes and their HTTP status: one exception type for the API and the embedding API."""

from __future__ import annotations

import re
from contextlib import contextmanager

from openfisca_core.errors import ParameterNotFoundError

from openfisca_indonesia_sosial.data.privacy import mask_text, shown

#: Longest message an error carries (client text inside it is quoted shorter still).
MAX_MESSAGE_CHARS = 2_000


class ApiError(ValueError):
    """A request the package cannot compute, with the HTTP status that says why.

    ``message`` is one readable sentence (English, with the offending name or value);
    ``details`` is optional structured context of the package's own making (never
    openfisca-core's error dict, which quotes client values whole). Every text passes through
    :func:`mask_text`, so a NIK never travels in clear; the message is also bounded.
    """

    def __init__(self, message: str, status: int = 400, details: object = None) -> None:
        message = str(message)
        self.message = (
            shown(message, MAX_MESSAGE_CHARS)
            if len(message) > MAX_MESSAGE_CHARS
            else mask_text(message)
        )
        self.status = status
        self.details = details
        super().__init__(self.message)

    def to_json(self) -> dict:
        body: dict = {"error": self.message}
        if self.details is not None:
            body["details"] = self.details
        return body


#: Problems one message lists; the rest are counted, not shown.
MAX_LINES = 5
#: Characters one listed problem may take.
MAX_LINE_CHARS = 300


def flatten_situation_error(error: object, limit: int = MAX_LINES) -> list[str]:
    """OpenFisca's nested ``{plural: {id: {variable: message}}}`` as ``path: message`` lines.

    At most ``limit`` lines, each bounded and NIK-masked: core pads a digit path segment
    with a list of ``None`` that long, so the ``None`` entries are skipped, never listed.
    """
    lines: list[str] = []
    stack: list[tuple[str, object]] = [("", error)]
    while stack and len(lines) < limit:
        prefix, node = stack.pop()
        if isinstance(node, dict):
            items = [
                (f"{prefix}/{key}" if prefix else str(key), value) for key, value in node.items()
            ]
            stack.extend(reversed(items))
        elif isinstance(node, list):
            items = [(f"{prefix}/{i}", value) for i, value in enumerate(node) if value is not None]
            stack.extend(reversed(items))
        elif node is not None:
            line = f"{prefix}: {node}" if prefix else str(node)
            lines.append(shown(line, MAX_LINE_CHARS))
    return lines


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
