"""Reading a request: the JSON body (bounded, strict) and query choices; every mistake a 4xx."""

from __future__ import annotations

import json

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def read_json() -> object:
    """The JSON body; 415 when it is not JSON, 400 when it is malformed."""
    if not request.is_json:
        raise ApiError(
            f"expected a JSON body (Content-Type: application/json), got "
            f"'{shown(request.mimetype or 'no content type', 60)}'",
            status=415,
        )
    refuse_encoded_body()
    raw = request.get_data(cache=True)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.content_length is None and limit is not None and len(raw) >= limit:
        # A chunked body has no length to check first; werkzeug cuts it at the limit, which
        # would otherwise be reported as malformed JSON.
        raise RequestEntityTooLarge()
    if not raw.strip():
        raise ApiError("the request body is empty; send a JSON object")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError as error:
        raise ApiError("the request body is not UTF-8 text") from error
    except RecursionError as error:
        raise ApiError("malformed JSON: nested too deeply") from error
    except json.JSONDecodeError as error:
        raise ApiError(
            f"malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error
    except ValueError as error:
        raise ApiError(f"malformed JSON: {error}") from error


def refuse_encoded_body() -> None:
    """415 for a compressed body: it would expand past the byte limit after it was checked."""
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ApiError(
            f"compressed request bodies (Content-Encoding {shown(encoding, 20)}) are not "
            "accepted; send the body uncompressed",
            status=415,
        )


def query_choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.args.get(name, default)
    if value not in allowed:
        raise ApiError(f"{name} is {' or '.join(repr(a) for a in allowed)}, not '{shown(value)}'")
    return value
