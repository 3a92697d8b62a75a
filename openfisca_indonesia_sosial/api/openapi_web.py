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
            "breakdown": {
                "type": "boolean",
                "default": True,
                "description": "Also measure each provision of a reform of several provisions "
                "(see ProvisionBreakdown); false skips it (a faster run).",
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
        "breakdown_requested": {"type": "boolean"},
        "breakdown": {
            "type": "object",
            "description": "When done: for each reform of more than one provision (keyed by "
            "its name), its effect provision by provision; reforms of one provision are "
            "absent.",
            "additionalProperties": {"$ref": "#/components/schemas/ProvisionBreakdown"},
        },
        "error": {"type": "string", "description": "When failed: what went wrong."},
    },
}

IMPACT_SCHEMA = {
    "type": "object",
    "description": "Change in the figures (after minus before), point estimates.",
    "properties": {
        "total_cost_change_idr": {"type": "integer", "description": "Exact rupiah, all programs."},
        "programs": {
            "type": "object",
            "description": "Per program key: `cost_change_idr` (exact rupiah) and "
            "`recipient_families_change` or `recipient_persons_change`.",
            "additionalProperties": {"type": "object"},
        },
        "poverty": {
            "type": "object",
            "description": "`headcount_rate_change` (P0), `poverty_gap_index_change` (P1), "
            "`poverty_severity_index_change` (P2), `gini_change`, as shares (0.01 = 1 point).",
            "additionalProperties": {"type": "number"},
        },
    },
}


def breakdown_schema(max_provisions: int, max_steps: int) -> dict:
    return {
        "type": "object",
        "description": "A reform's effect provision by provision. A provision is one changed "
        "parameter with its dated values, in the reform's order (file order; for an inline "
        "reform the order of `parameters`). Cumulative: provision k is the reform made of the "
        "first k provisions minus the one made of the first k-1 (the first against the "
        "baseline), so the provisions add up exactly to `total` (rupiah exactly, shares up to "
        "float rounding); an interaction between provisions is counted in the later one, and "
        f"reordering the reform can move it. At most {max_provisions} provisions per reform: "
        "the parameters from that one on are measured together as the last provision. At "
        f"most {max_steps} provisions in one job over all its reforms: a reform that does not "
        "fit has `omitted` (the reason) instead.",
        "properties": {
            "order": {"type": "string"},
            "provision_count": {
                "type": "integer",
                "description": "Parameters the reform changes (can exceed the provisions "
                "listed, see above).",
            },
            "provisions": {
                "type": "array",
                "maxItems": max_provisions,
                "items": {
                    "allOf": [
                        {
                            "type": "object",
                            "properties": {
                                "step": {"type": "integer", "minimum": 1},
                                "label": {"type": "string"},
                                "parameters": {
                                    "type": "object",
                                    "description": "Parameter path -> {date: new value}, as "
                                    "in a reform file.",
                                },
                            },
                        },
                        {"$ref": "#/components/schemas/Impact"},
                    ]
                },
            },
            "total": {"$ref": "#/components/schemas/Impact"},
            "omitted": {"type": "string"},
        },
    }


def web_paths(config) -> dict:
    """Paths to add to the spec, and the schemas they refer to (``(paths, schemas)``)."""
    from openfisca_indonesia_sosial.api.jobs import MAX_BREAKDOWN_STEPS, MAX_JOB_REFORMS
    from openfisca_indonesia_sosial.microsim.breakdown import MAX_PROVISIONS
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
        "ProvisionBreakdown": breakdown_schema(MAX_PROVISIONS, MAX_BREAKDOWN_STEPS),
        "Impact": IMPACT_SCHEMA,
    }
    return paths, schemas
