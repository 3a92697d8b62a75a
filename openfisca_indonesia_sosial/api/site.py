"""The web application at ``/`` and the catalogue endpoints it reads (open to any client).

The page is static files shipped in the package (``webapp/``) plus Plotly's JavaScript from
the installed ``plotly`` package: nothing is fetched from another origin, and the page's
Content-Security-Policy forbids it, so a browser opening the app talks to this server only.
Files are served from a list made at start-up (never a path built from the request).

Catalogue endpoints: ``/programs`` (the program registry), ``/examples`` (the shipped
situations), ``/provinces`` (BPS codes) and ``/dependencies/<variable>`` (what a formula
reads and what reads it, from the formulas' source), each with its docs-site page.
"""

from __future__ import annotations

import mimetypes
import threading
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError

WEBAPP_DIR = Path(__file__).resolve().parent.parent / "webapp"
PLOTLY = "plotly.min.js"
STATIC_SUFFIXES = (".html", ".css", ".js", ".svg", ".json")
#: The app loads scripts, styles and data from this server only; Plotly writes inline styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

blueprint = Blueprint("bansos_site", __name__)


@cache
def static_files() -> dict[str, Path]:
    """Served name -> file: the web app's files, and Plotly's bundle when plotly is installed."""
    files = {
        path.relative_to(WEBAPP_DIR).as_posix(): path
        for path in sorted(WEBAPP_DIR.rglob("*"))
        if path.is_file() and path.suffix in STATIC_SUFFIXES
    }
    try:
        import plotly

        bundle = Path(plotly.__file__).parent / "package_data" / PLOTLY
        if bundle.is_file():
            files[PLOTLY] = bundle
    except ImportError:  # the app still works; charts are replaced by tables
        pass
    return files


def _file_response(name: str) -> Response:
    path = static_files().get(name)
    if path is None:
        raise ApiError(f"not found: /assets/{shown(name, 80)}", status=404)
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        mimetype = "text/javascript"
    response = Response(path.read_bytes(), mimetype=mimetype)
    response.headers["Cache-Control"] = "public, max-age=86400" if name == PLOTLY else "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and "text/html" not in request.accept_mimetypes


def root_view():
    """The web app; API clients asking for JSON only get the welcome message as before."""
    if _wants_json():
        from openfisca_indonesia_sosial.api.app import WELCOME

        return jsonify({"welcome": WELCOME, "app": "/", "spec": "/spec"})
    response = _file_response("index.html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@blueprint.route("/assets/<path:name>", methods=["GET"])
def static_view(name: str):
    return _file_response(name)


def _docs(page: str) -> str:
    """A docs-site page: absolute with the configured docs URL, else the site-relative path."""
    base = current_app.extensions["bansos"].config.docs_url
    page = page.removesuffix(".md").removesuffix("/index") + "/"
    return f"{base.rstrip('/')}/{page}" if base else page


@blueprint.route("/programs", methods=["GET"])
def programs_view():
    from openfisca_indonesia_sosial.programs import PROGRAMS

    shipped_pages = {"pkh", "sembako", "pbi_jk", "atensi"}
    docs_url = current_app.extensions["bansos"].config.docs_url
    return jsonify(
        {
            "docs_url": docs_url,
            "programs": [
                {
                    "key": p.key,
                    "label": p.label,
                    "label_en": p.label_en,
                    "unit": p.unit,
                    "eligibility": p.eligibility,
                    "amount": p.amount,
                    "quota": p.quota,
                    "take_up": p.take_up,
                    "counts_as_consumption": p.counts_as_consumption,
                    "components": [name for name, _ in p.components],
                    "headline_family": list(p.headline_family),
                    "headline_person": list(p.headline_person),
                    "docs": _docs(f"programs/{p.key}") if p.key in shipped_pages else None,
                }
                for p in PROGRAMS
            ],
        }
    )


@blueprint.route("/examples", methods=["GET"])
def examples_view():
    from openfisca_indonesia_sosial.examples import EXAMPLES, example_month

    return jsonify(
        {
            "examples": [
                {
                    "name": e.name,
                    "label": e.label,
                    "year": e.year,
                    "month": example_month(e),
                    "situation": e.situation(),
                }
                for e in EXAMPLES
            ]
        }
    )


@blueprint.route("/provinces", methods=["GET"])
def provinces_view():
    from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS

    return jsonify({"provinces": [{"code": c, "name": n} for c, n in PROVINSI_BPS.items()]})


#: One build of the dependency graph at a time: the explorer asks for several variables at
#: once, and a request must never read a graph another thread is still filling in.
_GRAPH_LOCK = threading.Lock()


def _graph(system) -> dict[str, dict]:
    state = current_app.extensions["bansos"]
    with _GRAPH_LOCK:
        if not state.dependency_graph:
            state.dependency_graph = _build_graph(system)
        return state.dependency_graph


def _build_graph(system) -> dict[str, dict]:
    from openfisca_indonesia_sosial.docs_gen.analysis import formula_reads
    from openfisca_indonesia_sosial.docs_gen.parameters import leaf_page
    from openfisca_indonesia_sosial.docs_gen.variables import _location, variable_page

    names = set(system.variables)
    graph = {}
    for name, variable in system.variables.items():
        reads = formula_reads(variable, system.parameters, names)
        file, folder, _ = _location(variable)
        graph[name] = {
            "name": name,
            "file": file,
            "reads_parameters": [
                {"id": p, "docs": _docs(leaf_page(p))} for p in sorted(reads.parameters)
            ],
            "reads_variables": sorted(reads.variables),
            "read_by": [],
            "docs": _docs(variable_page(folder, name)),
        }
    for name, entry in graph.items():
        for read in entry["reads_variables"]:
            if read in graph:
                graph[read]["read_by"].append(name)
    return graph


@blueprint.route("/dependencies/<name>", methods=["GET"])
def dependencies_view(name: str):
    api = current_app.extensions["bansos"]
    entry = _graph(api.system).get(name)
    if entry is None:
        raise ApiError(f"no variable named '{shown(name, 60)}'", status=404)
    return jsonify(entry)


def install(app) -> None:
    app.view_functions["get_root"] = root_view
    app.register_blueprint(blueprint)
    # built now (0.1-0.2 s), in one thread: reading formula sources (inspect, linecache) from
    # several request threads at once is not safe
    with app.app_context():
        state = app.extensions["bansos"]
        state.dependency_graph = _build_graph(state.system)
