"""OpenAPI paths of the microsimulation jobs, the web application and its catalogue endpoints."""

from __future__ import annotations

ERROR_REF = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _errors(**codes: str) -> dict:
    return {
        code.removeprefix("e"): {"description": text, "content": ERROR_REF}
        for code, text in codes.items()
    }


def _get(summary: str, operation: str, tag: str, description: str, **extra) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": operation,
            "tags": [tag],
            "responses": {"200": {"description": description}},
            **extra,
        }
    }


def simulate_request_schema(first: int, last: int, max_reforms: int) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["year"],
        "properties": {
            "year": {"type": "integer", "minimum": first, "maximum": last},
            "reforms": {
                "type": "array",
                "maxItems": max_reforms,
                "items": {"$ref": "#/components/schemas/Reform"},
                "description": "Shipped reform names or inline reforms (the reform-file format); "
                "each is compared with the baseline.",
            },
            "full_entitlement": {
                "type": "boolean",
                "default": False,
                "description": "Pay every entitled family (no quotas, full take-up).",
            },
        },
        "example": {"year": 2025, "reforms": ["sembako_300rb"]},
    }


JOB_SCHEMA = {
    "type": "object",
    "required": ["id", "status", "progress"],
    "properties": {
        "id": {"type": "string", "description": "Unguessable job id (144 random bits)."},
        "status": {"enum": ["queued", "running", "done", "failed"]},
        "progress": {"type": "number", "minimum": 0, "maximum": 1},
        "year": {"type": "integer"},
        "full_entitlement": {"type": "boolean"},
        "reforms": {"type": "array", "items": {"type": "object"}},
        "queued_seconds": {"type": "number"},
        "run_seconds": {"type": "number"},
        "result": {
            "type": "object",
            "description": "When done: the document `bansos simulate --year Y --json` writes "
            "(year, population, mode, scenarios -> programs, poverty, change; tables).",
        },
        "error": {"type": "string", "description": "When failed: what went wrong."},
    },
}


def web_paths(config) -> dict:
    """Paths to add to the spec, and the schemas they refer to (``(paths, schemas)``)."""
    from openfisca_indonesia_sosial.api.jobs import MAX_JOB_REFORMS
    from openfisca_indonesia_sosial.situations.years import simulation_years

    first, last = simulation_years(default_population=True)
    job_id = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    job_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationJob"}}}
    paths = {
        "/simulate": {
            "post": {
                "summary": "Queue a microsimulation of the default population",
                "description": f"Runs the baseline and each reform on the embedded default "
                f"population of the year. At most {config.max_jobs} simulations are queued or "
                f"running at once ({config.job_workers} at a time); results are cached by "
                f"content and kept {config.job_ttl} s. Poll the `Location` it answers.",
                "operationId": "simulate",
                "tags": ["Microsimulation"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/SimulationRequest"}
                        }
                    },
                },
                "responses": {
                    "202": {"description": "Accepted (or already known).", "content": job_ref},
                    **_errors(
                        e400="Invalid request: the message names the field (year, reforms[i]).",
                        e413="Request body too large.",
                        e415="The body is not JSON, or compressed.",
                        e429="Too many simulations queued or running; retry later.",
                    ),
                },
            }
        },
        "/simulate/{id}": _get(
            "State, progress and result of a microsimulation",
            "simulation",
            "Microsimulation",
            "The job; `result` when done, `error` when failed.",
            parameters=job_id,
        ),
        "/simulate/{id}/report": _get(
            "HTML report of a finished microsimulation",
            "simulationReport",
            "Microsimulation",
            "The report `bansos simulate --report` writes (text/html).",
            parameters=job_id,
        ),
        "/programs": _get(
            "The program registry",
            "programs",
            "Documentation",
            "Each program's variables, unit, quota, take-up and docs page.",
        ),
        "/examples": _get(
            "Shipped example situations", "examples", "Documentation", "Name, label, month."
        ),
        "/provinces": _get("BPS province codes", "provinces", "Documentation", "Code, name."),
        "/dependencies/{name}": _get(
            "What a variable's formulas read, and what reads it",
            "dependencies",
            "Documentation",
            "Parameters and variables read, variables reading it, docs page.",
            parameters=[
                {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
        ),
        "/": _get(
            "The web application",
            "webApp",
            "Documentation",
            "The family calculator, reform simulator and rules explorer (text/html).",
        ),
    }
    paths["/simulate/{id}"]["get"]["responses"].update(
        _errors(e404="Unknown or expired simulation id.")
    )
    paths["/simulate/{id}/report"]["get"]["responses"].update(
        _errors(
            e404="Unknown or expired simulation id.",
            e409="The simulation has not finished (or failed): no report.",
        )
    )
    paths["/dependencies/{name}"]["get"]["responses"].update(_errors(e404="No such variable."))
    schemas = {
        "SimulationRequest": simulate_request_schema(first, last, MAX_JOB_REFORMS),
        "SimulationJob": JOB_SCHEMA,
    }
    return paths, schemas
