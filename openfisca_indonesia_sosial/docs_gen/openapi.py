"""The Web API reference, rendered statically from the OpenAPI spec of our own system.

The spec is produced offline: the package's API app when ``openfisca_indonesia_sosial.api``
provides one (``create_app``), else openfisca-core's Web API app for our system, queried
through Flask's test client. The page embeds the spec as a static table and a JSON file,
so nothing is fetched from a CDN when the page is viewed.
"""

from __future__ import annotations

import importlib
import json

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell, paragraph

PAGE = "reference/openapi.md"
JSON_FILE = "reference/openapi.json"
METHODS = ("get", "post", "put", "patch", "delete")


def _app(system):
    try:
        api = importlib.import_module("openfisca_indonesia_sosial.api")
        create_app = getattr(api, "create_app", None)
        if create_app is not None:
            try:
                return create_app(), "openfisca_indonesia_sosial.api"
            except TypeError:
                return create_app(system), "openfisca_indonesia_sosial.api"
    except Exception:  # the package API is optional while it is being written
        pass
    from openfisca_web_api.app import create_app

    return create_app(system), "openfisca_web_api (openfisca-core)"


def load_spec(system) -> tuple[dict | None, str]:
    """(spec, where it came from); (None, reason) if no app could be built."""
    try:
        app, origin = _app(system)
        response = app.test_client().get("/spec")
        if response.status_code != 200:
            return None, f"/spec answered {response.status_code}"
        return response.get_json(), origin
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"


def _type(schema: dict) -> str:
    """``type`` as text: OpenAPI 3.1 allows a list (``["integer", "null"]``)."""
    kind = schema.get("type", "")
    return " or ".join(kind) if isinstance(kind, list) else str(kind)


def _schema_name(schema) -> str:
    if not isinstance(schema, dict):
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"array of {_schema_name(schema.get('items', {}))}"
    return _type(schema)


def render(spec: dict | None, origin: str) -> str:
    lines = [
        f"# {bi('Referensi Web API', 'Web API reference')}",
        "",
    ]
    if spec is None:
        lines += [
            '!!! warning "Spec unavailable"',
            "",
            "    "
            + bi("Spesifikasi OpenAPI tidak dapat dibuat", "The OpenAPI spec could not be built")
            + f": {cell(origin)}",
            "",
        ]
        return "\n".join(lines)
    info = spec.get("info", {})
    lines += [
        f"**{cell(info.get('title', ''))}** — {bi('versi', 'version')} "
        f"`{info.get('version', '')}`, OpenAPI `{spec.get('openapi', '')}`.",
        "",
        paragraph(info.get("description", "")),
        "",
        bi(
            "Dibuat tanpa jaringan dari aplikasi API saat situs dibangun",
            "Generated offline from the API app when the site is built",
        )
        + f" (`{origin}`). "
        + bi("Spesifikasi lengkap", "Full spec")
        + ": [openapi.json](openapi.json). "
        + bi(
            "Jalankan `bansos serve` lalu buka `/spec` untuk versi langsung.",
            "Run `bansos serve` and open `/spec` for the live version.",
        ),
        "",
        f"## {bi('Endpoint', 'Endpoints')}",
        "",
        f"| {bi('Metode', 'Method')} | {bi('Jalur', 'Path')} | {bi('Ringkasan', 'Summary')} "
        f"| {bi('Badan permintaan', 'Request body')} | {bi('Jawaban', 'Responses')} |",
        "|---|---|---|---|---|",
    ]
    paths = spec.get("paths", {})
    for path in sorted(paths):
        for method in METHODS:
            operation = paths[path].get(method)
            if not isinstance(operation, dict):
                continue
            summary = operation.get("summary") or operation.get("operationId", "")
            body = ""
            content = (operation.get("requestBody") or {}).get("content", {})
            for media, media_spec in content.items():
                body = f"`{media}` {_schema_name(media_spec.get('schema', {}))}"
            responses = ", ".join(sorted(operation.get("responses", {})))
            lines.append(
                f"| `{method.upper()}` | `{path}` | {cell(summary)} | {cell(body)} | {responses} |"
            )
    lines.append("")
    for path in sorted(paths):
        for method in METHODS:
            operation = paths[path].get(method)
            if not isinstance(operation, dict):
                continue
            lines += [f"### `{method.upper()} {path}`", ""]
            description = (operation.get("requestBody") or {}).get("description") or operation.get(
                "description", ""
            )
            if description:
                lines += [paragraph(description), ""]
            for parameter in operation.get("parameters", []) or []:
                if isinstance(parameter, dict) and "name" in parameter:
                    lines.append(
                        f"- {bi('parameter', 'parameter')} `{parameter['name']}` "
                        f"({parameter.get('in', '')}): {cell(parameter.get('description', ''))}"
                    )
            responses = operation.get("responses", {})
            for status in sorted(responses):
                response = responses[status] or {}
                schemas = [
                    _schema_name(m.get("schema", {}))
                    for m in (response.get("content") or {}).values()
                ]
                schema = f" (`{schemas[0]}`)" if schemas and schemas[0] else ""
                lines.append(f"- **{status}**{schema}: {cell(response.get('description', ''))}")
            lines.append("")
    schemas = (spec.get("components") or {}).get("schemas", {})
    if schemas:
        lines += [
            f"## {bi('Skema', 'Schemas')}",
            "",
            f"| {bi('Skema', 'Schema')} | {bi('Jenis', 'Type')} | {bi('Sifat', 'Properties')} |",
            "|---|---|---|",
        ]
        for name in sorted(schemas):
            schema = schemas[name] or {}
            properties = ", ".join(f"`{p}`" for p in (schema.get("properties") or {}))
            lines.append(f"| `{name}` | {_type(schema)} | {properties} |")
        lines.append("")
    # The spec itself, embedded for scripts and offline readers (no CDN, no highlighting cost).
    embedded = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    lines += [
        f'<script type="application/json" id="openapi-spec">{embedded}</script>',
        "",
    ]
    return "\n".join(lines)
