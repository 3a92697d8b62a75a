"""The Web API: openfisca-core's app on our system, hardened and extended.

openfisca-core's ``create_app`` gives /spec, /calculate, /trace, /variables, /variable/<name>,
/parameters, /parameter/<name> and /entities. On top of it:

- /calculate and /trace are replaced by versions that take a per-request reform, check the
  request before computing (persons limit, unknown variables, periods that do not fit the
  variable) and answer every client mistake with a 4xx JSON ``{"error": ...}``;
- /explain, /bulk, /reforms and /health are added (blueprint below);
- every response is JSON without NaN/Infinity; body size is limited (413); CORS origins are
  configurable; logs carry method, path, status, duration and person counts, never a body,
  a NIK or a name (a server error logs its type and code location, not its message).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import traceback
import uuid
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.api import bulk as bulk_module
from openfisca_indonesia_sosial.api import situation as situations
from openfisca_indonesia_sosial.api.config import ApiConfig
from openfisca_indonesia_sosial.api.errors import ApiError
from openfisca_indonesia_sosial.api.jsonsafe import SafeJSONProvider
from openfisca_indonesia_sosial.api.openapi import extend_spec, install_open_api_config
from openfisca_indonesia_sosial.api.reforms import ReformCache, shipped_reforms

log = logging.getLogger("openfisca_indonesia_sosial.api")
_CORE_LOCK = threading.Lock()
MAX_COMPUTATIONS = 20_000
WELCOME = (
    "Web API openfisca-indonesia-sosial (PKH, Sembako, PBI-JK, ATENSI). OpenAPI spec: /spec; "
    "extensions: /explain, /bulk, /reforms; per-request reforms with 'reform'."
)


@dataclass
class ApiState:
    system: object
    config: ApiConfig
    reforms: ReformCache
    reform_listing: list | None = None


def state() -> ApiState:
    return current_app.extensions["bansos"]


# --- request reading --------------------------------------------------------------------------


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def read_json() -> object:
    """The JSON body; 415 when it is not JSON, 400 when it is malformed."""
    if not request.is_json:
        raise ApiError(
            f"expected a JSON body (Content-Type: application/json), got "
            f"'{request.mimetype or 'no content type'}'",
            status=415,
        )
    raw = request.get_data(cache=True)
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


def reform_spec(body_reform: object) -> object:
    query = request.args.get("reform")
    if query is not None and body_reform is not None:
        raise ApiError("give the reform once: in the body or in the query string, not both")
    return body_reform if body_reform is not None else (query or None)


def system_for(spec: object):
    """(system, reform description or None) for a request's reform spec."""
    api = state()
    resolved = api.reforms.resolve(spec)
    if resolved is None:
        return api.system, None
    g.reform = resolved.name
    return resolved.system, resolved.describe()


def _situation_request():
    api = state()
    situation, spec = situations.split_body(read_json())
    system, reform = system_for(reform_spec(spec))
    g.persons = situations.check_structure(system, situation, api.config.max_persons)
    requests = situations.requested_computations(system, situation)
    if not requests:
        raise ApiError(
            "nothing to compute: set the variables you want to null, e.g. "
            '"pkh_bantuan": {"2024-01": null} in a daftar_keluarga entry'
        )
    if len(requests) > MAX_COMPUTATIONS:
        raise ApiError(
            f"too many computations in one request: {len(requests)} > {MAX_COMPUTATIONS}",
            status=413,
        )
    return system, situation, requests, reform


# --- replaced core views -----------------------------------------------------------------------


def calculate_view():
    system, situation, requests, reform = _situation_request()
    result = situations.calculate(system, situation, requests)
    if reform is not None:
        result["reform"] = reform
    return jsonify(result)


def trace_view():
    system, situation, requests, reform = _situation_request()
    result = situations.trace(system, situation, requests)
    if reform is not None:
        result["reform"] = reform
    return jsonify(result)


# --- extensions --------------------------------------------------------------------------------

blueprint = Blueprint("bansos", __name__)


@blueprint.route("/explain", methods=["POST"])
def explain_view():
    from openfisca_indonesia_sosial.explain import explain_request, render_text

    api = state()
    body = read_json()
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object with 'situation' and 'month'")
    system, reform = system_for(reform_spec(body.get("reform")))
    answer = explain_request(system, body, max_persons=api.config.max_persons)
    g.persons = answer.pop("_persons", None)
    answer["reform"] = reform
    if request.args.get("format") == "text":
        lang = request.args.get("lang", "id")
        if lang not in ("id", "en"):
            raise ApiError("lang is 'id' or 'en'")
        return Response(render_text(answer, lang), mimetype="text/plain; charset=utf-8")
    return jsonify(answer)


@blueprint.route("/bulk", methods=["POST"])
def bulk_view():
    api = state()
    if request.mimetype == "multipart/form-data":
        parsed = bulk_module.parse_multipart(request.form, request.files)
    elif request.is_json:
        parsed = bulk_module.parse_json(read_json(), api.system)
    else:
        raise ApiError(
            "expected application/json records or a multipart/form-data upload, got "
            f"'{request.mimetype or 'no content type'}'",
            status=415,
        )
    parsed.reform = reform_spec(parsed.reform)
    system, reform = system_for(parsed.reform)
    g.persons = len(parsed.individu)
    result = bulk_module.compute(system, parsed, max_persons=api.config.max_bulk_persons)
    return jsonify(bulk_module.result_json(result, reform))


@blueprint.route("/reforms", methods=["GET"])
def reforms_view():
    api = state()
    if api.reform_listing is None:
        api.reform_listing = _reform_listing(api.system)
    return jsonify({"reforms": api.reform_listing})


def _reform_listing(system) -> list[dict]:
    from openfisca_indonesia_sosial.reform_files import ReformError, load_reform

    listing = []
    for path in shipped_reforms():
        try:
            loaded = load_reform(str(path), system)
        except ReformError as error:
            listing.append({"name": path.stem, "error": str(error)})
            continue
        listing.append(
            {
                "name": path.stem,
                "label": loaded.label,
                "description": loaded.description,
                "changes": [
                    {"parameter": name, "from": date, "value": value}
                    for name, date, value in loaded.changes
                ],
            }
        )
    return listing


@blueprint.route("/health", methods=["GET"])
def health_view():
    return jsonify({"status": "ok", "version": __version__, "cached_reforms": len(state().reforms)})


# --- errors and logging ------------------------------------------------------------------------


def handle_api_error(error: ApiError):
    response = jsonify(error.to_json())
    response.status_code = error.status
    return response


def handle_http_exception(error: HTTPException):
    if error.code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"request body too large (limit {limit} bytes)"
    elif error.code == 404:
        message = f"not found: {request.path}"
    elif error.code == 405:
        message = f"method {request.method} not allowed on {request.path}"
    else:
        message = error.description or error.name
    response = jsonify({"error": message})
    response.status_code = error.code or 500
    return response


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    reference = uuid.uuid4().hex[:12]
    frames = traceback.extract_tb(error.__traceback__)[-4:]
    where = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in frames)
    # The message may quote request data (ids, names, values): log only type and location.
    log.error("server error %s: %s at %s", reference, type(error).__name__, where)
    response = jsonify(
        {"error": f"internal server error ({type(error).__name__}); reference {reference}"}
    )
    response.status_code = 500
    return response


def _before():
    g.started = time.perf_counter()


def _after(response):
    started = g.get("started")
    elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
    log.info(
        "%s %s %s %.1fms persons=%s reform=%s",
        request.method,
        request.path,
        response.status_code,
        elapsed,
        g.get("persons", "-"),
        g.get("reform", "-"),
    )
    return response


# --- the app ----------------------------------------------------------------------------------


def _core_app(system, origins: tuple[str, ...]) -> Flask:
    """openfisca-core's app, with its CORS call given our origins (or none)."""
    import flask_cors
    import openfisca_web_api.app as core

    def configured_cors(app, **_ignored):
        if origins:
            return flask_cors.CORS(app, origins=list(origins))
        return None

    with _CORE_LOCK:
        original = core.CORS
        core.CORS = configured_cors
        try:
            return core.create_app(system, welcome_message=WELCOME)
        finally:
            core.CORS = original


def create_app(config: ApiConfig | None = None, tax_benefit_system=None) -> Flask:
    """The Flask app of the API (a WSGI app).

    Serve it with ``gunicorn 'openfisca_indonesia_sosial.api:create_app()'`` or waitress.
    """
    config = config or ApiConfig()
    if tax_benefit_system is None:
        from openfisca_indonesia_sosial.system import baseline

        tax_benefit_system = baseline()
    install_open_api_config(tax_benefit_system)
    app = _core_app(tax_benefit_system, config.cors_origins)
    app.json = SafeJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = config.max_content_length
    app.config["MAX_FORM_MEMORY_SIZE"] = config.max_content_length
    app.extensions["bansos"] = ApiState(
        system=tax_benefit_system,
        config=config,
        reforms=ReformCache(tax_benefit_system, config.reform_cache_size),
    )
    app.view_functions["calculate"] = calculate_view
    app.view_functions["trace"] = trace_view
    core_spec = app.view_functions["get_spec"]
    extended: dict = {}

    def spec_view():
        if "spec" not in extended:
            extended["spec"] = extend_spec(core_spec().get_json())
        return jsonify({**extended["spec"], "servers": [{"url": request.host_url.rstrip("/")}]})

    app.view_functions["get_spec"] = spec_view
    app.register_blueprint(blueprint)
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
    app.register_error_handler(500, handle_unexpected)
    app.before_request(_before)
    app.after_request(_after)
    return app
