"""The Web API: openfisca-core's app on our system, hardened and extended.

openfisca-core's ``create_app`` gives /spec, /calculate, /trace, /variables, /variable/<name>,
/parameters, /parameter/<name> and /entities. On top of it:

- /calculate and /trace are replaced by versions that take a per-request reform, check the
  request before computing (persons limit, unknown variables, periods that do not fit the
  variable) and answer every client mistake with a 4xx JSON ``{"error": ...}``;
- /explain, /bulk, /reforms and /health are added (blueprint below);
- every response is JSON without NaN/Infinity; body size is limited (413); CORS is off unless
  origins are configured; logs carry method, masked path, status, duration and person counts,
  never a body, a NIK or a name (a server error logs its type and code location only);
- addresses the server publishes (``servers`` in /spec, ``href`` in /variables and
  /parameters) come from the configured public URL, never from the request's Host or
  X-Forwarded-* headers; source links are left out while the package has no repository URL.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.api import bulk as bulk_module
from openfisca_indonesia_sosial.api import bulk_columnar, jobs, site
from openfisca_indonesia_sosial.api.config import ApiConfig
from openfisca_indonesia_sosial.api.http import query_choice, read_json, refuse_encoded_body
from openfisca_indonesia_sosial.api.jsonsafe import SafeJSONProvider
from openfisca_indonesia_sosial.api.openapi import extend_spec, install_open_api_config
from openfisca_indonesia_sosial.api.reforms import ReformCache
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations import compute as situations
from openfisca_indonesia_sosial.situations.errors import ApiError

log = logging.getLogger("openfisca_indonesia_sosial.api")
_CORE_LOCK = threading.Lock()
MAX_COMPUTATIONS = 20_000
#: Parts of one multipart upload: two files and a few fields (``variables`` may repeat).
MAX_FORM_PARTS = 100
#: Characters of a request path written to the log or quoted in a 404/405 message.
PATH_CHARS = 120
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
    jobs: object = None
    dependency_graph: dict = field(default_factory=dict)


def state() -> ApiState:
    return current_app.extensions["bansos"]


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
    g.persons = situations.check_structure(
        system, situation, api.config.max_persons, max_families=api.config.max_families
    )
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
    output = query_choice("format", ("json", "text"), "json")
    lang = query_choice("lang", ("id", "en"), "id")
    body = read_json()
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object with 'situation' and 'month'")
    system, reform = system_for(reform_spec(body.get("reform")))
    answer = explain_request(
        system, body, max_persons=api.config.max_persons, max_families=api.config.max_families
    )
    g.persons = answer.pop("_persons", None)
    answer["reform"] = reform
    if output == "text":
        return Response(render_text(answer, lang), mimetype="text/plain; charset=utf-8")
    return jsonify(answer)


@blueprint.route("/bulk", methods=["POST"])
def bulk_view():
    api = state()
    limits = bulk_module.BulkLimits.from_config(api.config)
    if request.mimetype == "multipart/form-data":
        refuse_encoded_body()
        parsed = bulk_module.parse_multipart(request.form, request.files, limits)
    elif request.is_json:
        parsed = bulk_module.parse_json(read_json(), api.system, limits)
    else:
        raise ApiError(
            "expected application/json records or a multipart/form-data upload, got "
            f"'{shown(request.mimetype or 'no content type', 60)}'",
            status=415,
        )
    media = bulk_columnar.answer_media(request.accept_mimetypes)
    bulk_columnar.prepare(parsed, media)
    parsed.reform = reform_spec(parsed.reform)
    system, reform = system_for(parsed.reform)
    g.persons = len(parsed.individu)
    result = bulk_module.compute(system, parsed, limits=limits)
    if media != bulk_columnar.JSON:
        return bulk_columnar.response(result, parsed, media, reform)
    return jsonify(bulk_module.result_json(result, reform))


@blueprint.route("/reforms", methods=["GET"])
def reforms_view():
    api = state()
    if api.reform_listing is None:
        api.reform_listing = _reform_listing(api.system)
    return jsonify({"reforms": api.reform_listing})


def _reform_listing(system) -> list[dict]:
    from openfisca_indonesia_sosial.reform.files import (
        ReformError,
        load_reform,
        shipped_reform_paths,
    )

    listing = []
    for path in shipped_reform_paths():
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
    # The path is client text (it may hold a NIK, a name or escape codes): quoted short, masked.
    path = shown(request.path, PATH_CHARS)
    if error.code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = f"request body too large (limit {limit} bytes, {MAX_FORM_PARTS} multipart parts)"
    elif error.code == 404:
        message = f"not found: {path}"
    elif error.code == 405:
        message = f"method {shown(request.method, 20)} not allowed on {path}"
    else:
        message = shown(error.description or error.name, 200)
    response = jsonify({"error": message})
    response.status_code = error.code or 500
    allowed = getattr(error, "valid_methods", None)
    if error.code == 405 and allowed:
        response.headers["Allow"] = ", ".join(sorted(allowed))
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
        shown(request.method, 20),
        shown(request.path, PATH_CHARS),
        response.status_code,
        elapsed,
        g.get("persons", "-"),
        shown(g.get("reform", "-"), 60),
    )
    return response


# --- the app ----------------------------------------------------------------------------------


def _core_app(system, origins: tuple[str, ...]) -> Flask:
    """openfisca-core's app, with its CORS call given our origins (or none)."""
    import flask_cors
    import openfisca_web_api.app as core
    from werkzeug.middleware.proxy_fix import ProxyFix

    def configured_cors(app, **_ignored):
        if origins:
            return flask_cors.CORS(app, origins=list(origins))
        return None

    with _CORE_LOCK:
        original = core.CORS
        core.CORS = configured_cors
        try:
            app = core.create_app(system, welcome_message=WELCOME)
        finally:
            core.CORS = original
    # Core trusts X-Forwarded-For/-Host from anyone; nothing here needs the client's address
    # or host (published addresses come from the configuration), so no header is trusted.
    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app = app.wsgi_app.app
    # Core redirects ``/x/`` to ``/x``: ``//other.example/`` sent clients to another site, and
    # the redirect quoted the path (a NIK in ``/variable/<NIK>/``). Serve ``/x/`` as ``/x``.
    functions = app.before_request_funcs.setdefault(None, [])
    functions[:] = [f for f in functions if f.__module__ != core.__name__]
    app.wsgi_app = _without_trailing_slash(app.wsgi_app)
    return app


def _without_trailing_slash(wsgi_app):
    def serve(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if len(path) > 1 and path.endswith("/"):
            environ = {**environ, "PATH_INFO": path.rstrip("/") or "/"}
        return wsgi_app(environ, start_response)

    return serve


def _public_base(config: ApiConfig) -> str:
    """Where links point: the configured public URL, else paths relative to this server."""
    return config.public_url.rstrip("/") if config.public_url else ""


def _install_views(app: Flask, config: ApiConfig, system) -> None:
    """Core's views, with published addresses and source links made safe."""
    base = _public_base(config)
    has_repository = bool(system.get_package_metadata().get("repository_url"))
    core_spec = app.view_functions["get_spec"]
    extended: dict = {}

    def spec_view():
        if "spec" not in extended:
            extended["spec"] = extend_spec(core_spec().get_json(), system, config)
        return jsonify({**extended["spec"], "servers": [{"url": base or "/"}]})

    def listing(core_view):
        def view():
            host = request.host_url
            entries = core_view().get_json()
            for entry in entries.values():
                href = entry.get("href")
                if isinstance(href, str) and href.startswith(host):
                    entry["href"] = f"{base}/{href[len(host) :]}"
            return jsonify(entries)

        return view

    def item(core_view):
        def view(**kwargs):
            answer = core_view(**kwargs).get_json()
            if not has_repository:  # core writes "None/blob/<version>/..." then
                answer.pop("source", None)
                for formula in (answer.get("formulas") or {}).values():
                    if isinstance(formula, dict):
                        formula.pop("source", None)
            return jsonify(answer)

        return view

    app.view_functions["get_spec"] = spec_view
    for name in ("get_variables", "get_parameters"):
        app.view_functions[name] = listing(app.view_functions[name])
    for name in ("get_variable", "get_parameter"):
        app.view_functions[name] = item(app.view_functions[name])


#: Modules the views import on first use. A server imports them once at start: two request
#: threads importing modules that import each other can meet a partly initialised module
#: (an ImportError, answered 500) when they run the first imports at the same time. Only
#: modules of the core install: the microsimulation's (dask, plotly) are first imported by the
#: one job worker thread.
LAZY_MODULES = (
    "openfisca_indonesia_sosial.explain",
    "openfisca_indonesia_sosial.reform.files",
    "openfisca_indonesia_sosial.examples",
    "openfisca_indonesia_sosial.data",
    "openfisca_indonesia_sosial.synthetic",
    "openfisca_indonesia_sosial.official.counterparts",
    "openfisca_indonesia_sosial.docs_gen.analysis",
    "openfisca_indonesia_sosial.docs_gen.parameters",
    "openfisca_indonesia_sosial.docs_gen.variables",
)


def _import_lazy_modules() -> None:
    for name in LAZY_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an extra not installed: its views answer that themselves
            log.info("not preloaded (extra not installed): %s", name)


def create_app(config: ApiConfig | None = None, tax_benefit_system=None) -> Flask:
    """The Flask app of the API (a WSGI app).

    Serve it with ``gunicorn 'openfisca_indonesia_sosial.api:create_app()'`` or waitress.
    """
    config = config or ApiConfig()
    if tax_benefit_system is None:
        from openfisca_indonesia_sosial.system import baseline

        tax_benefit_system = baseline()
    install_open_api_config(tax_benefit_system)
    _import_lazy_modules()
    app = _core_app(tax_benefit_system, config.cors_origins)
    app.json = SafeJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = config.max_content_length
    app.config["MAX_FORM_MEMORY_SIZE"] = config.max_content_length
    app.config["MAX_FORM_PARTS"] = MAX_FORM_PARTS
    app.extensions["bansos"] = ApiState(
        system=tax_benefit_system,
        config=config,
        reforms=ReformCache(tax_benefit_system, config.reform_cache_size),
    )
    app.view_functions["calculate"] = calculate_view
    app.view_functions["trace"] = trace_view
    _install_views(app, config, tax_benefit_system)
    app.register_blueprint(blueprint)
    jobs.install(app, app.extensions["bansos"], config)
    site.install(app)
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
    app.register_error_handler(500, handle_unexpected)
    app.before_request(_before)
    app.after_request(_after)
    app.after_request(jobs.too_many_response)
    return app
