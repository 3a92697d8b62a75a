"""The OpenAPI spec: openfisca-core's, plus our example situations, reforms, /explain, /bulk."""

from __future__ import annotations

import copy

from openfisca_indonesia_sosial.examples import EXAMPLES

#: What the example requests ask for, per entity: (variable, period relative to the year).
EXAMPLE_OUTPUTS = {
    "daftar_keluarga": ("pkh_layak", "pkh_bantuan", "sembako_bantuan", "bantuan_tambahan"),
    "daftar_individu": ("pkh_komponen", "pbi_jk_iuran", "atensi_yapi"),
}


def example_month(example) -> str:
    """The month an example is computed for: a PKH tahap month after the DTSEN switch in 2025."""
    return f"{example.year}-01" if example.year < 2025 else f"{example.year}-07"


def example_request(example) -> dict:
    """An example situation with the outputs set to null (what /calculate fills in)."""
    situation = copy.deepcopy(example.situation())
    month = example_month(example)
    for plural, names in EXAMPLE_OUTPUTS.items():
        for description in situation.get(plural, {}).values():
            for name in names:
                description.setdefault(name, {})[month] = None
    return situation


def open_api_config() -> dict:
    """``open_api_config`` of the CountryTaxBenefitSystem (read by ``openfisca serve``)."""
    return {
        "variable_example": "pkh_bantuan",
        "parameter_example": "sembako.nilai_bulanan",
        "simulation_example": example_request(EXAMPLES[0]),
    }


def install_open_api_config(system) -> None:
    """Give ``system`` the package's examples unless it already has some."""
    if not getattr(system, "open_api_config", None):
        system.open_api_config = open_api_config()


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "What was wrong, in one sentence."},
        "details": {"description": "Structured context (e.g. OpenFisca's per-path errors)."},
    },
    "required": ["error"],
}

REFORM_SCHEMA = {
    "description": (
        "A shipped reform name (GET /reforms) or inline parameter changes in the reform-file "
        "format."
    ),
    "oneOf": [
        {"type": "string", "example": "sembako_300rb"},
        {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "label": {"type": "string"},
                "description": {"type": "string"},
                "parameters": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": {"type": "number", "nullable": True},
                    },
                },
            },
            "required": ["parameters"],
            "example": {
                "name": "sembako_250rb",
                "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 250000}},
            },
        },
    ],
}

REFORM_QUERY = {
    "name": "reform",
    "in": "query",
    "required": False,
    "description": "Name of a shipped reform to apply (alternative to the body's 'reform').",
    "schema": {"type": "string"},
}


def _error_responses(*codes: int) -> dict:
    texts = {
        400: "Invalid request: the message says what to fix.",
        404: "A variable named in the request does not exist.",
        413: "Request too large: body size or number of persons over the limit.",
        415: "The body is not JSON (or, for /bulk, not JSON or multipart/form-data).",
    }
    return {
        str(code): {
            "description": texts[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _examples() -> dict:
    return {
        example.name: {"summary": example.label, "value": example_request(example)}
        for example in EXAMPLES
    }


def extend_spec(spec: dict) -> dict:
    """Our additions to openfisca-core's spec (a modified copy)."""
    spec = copy.deepcopy(spec)
    spec["info"]["description"] = (
        spec["info"].get("description", "")
        + " Extensions: per-request reforms on /calculate, /trace, /explain and /bulk; "
        "/explain (why a family is or is not eligible, in Indonesian and English); /bulk (many "
        "families as tables); /reforms; /health."
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["Reform"] = REFORM_SCHEMA
    situation = schemas.get("SituationInput", {})
    situation.setdefault("properties", {})["reform"] = {"$ref": "#/components/schemas/Reform"}
    examples = _examples()
    for path in ("/calculate", "/trace"):
        operation = spec["paths"][path]["post"]
        operation.setdefault("parameters", []).append(REFORM_QUERY)
        media = operation["requestBody"]["content"]["application/json"]
        media["examples"] = examples
        operation["responses"].update(_error_responses(400, 404, 413, 415))
    spec["paths"]["/explain"] = _explain_path()
    spec["paths"]["/bulk"] = _bulk_path()
    spec["paths"]["/reforms"] = {
        "get": {
            "summary": "List the shipped reforms",
            "operationId": "reforms",
            "tags": ["Calculations"],
            "responses": {"200": {"description": "Name, label, description and changes."}},
        }
    }
    spec["paths"]["/health"] = {
        "get": {
            "summary": "Liveness check",
            "operationId": "health",
            "tags": ["Documentation"],
            "responses": {"200": {"description": "The server answers."}},
        }
    }
    return spec


def _explain_path() -> dict:
    first = EXAMPLES[0]
    return {
        "post": {
            "summary": "Explain each program's result for a family and a month",
            "description": (
                "For each family (or the one named by 'keluarga') and the month: PKH, Sembako, "
                "the top-ups, PBI-JK and ATENSI per person, with the conditions that held or "
                "failed, members and components counted or dropped by a cap, and the parameter "
                "values used with their legal references. Structured JSON plus readable text "
                "in Indonesian ('id') and English ('en'); ?format=text&lang=en for plain text."
            ),
            "operationId": "explain",
            "tags": ["Calculations"],
            "parameters": [
                REFORM_QUERY,
                {
                    "name": "format",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["json", "text"]},
                },
                {
                    "name": "lang",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["id", "en"]},
                },
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "situation": {"$ref": "#/components/schemas/SituationInput"},
                                "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                                "keluarga": {"type": "string"},
                                "reform": {"$ref": "#/components/schemas/Reform"},
                            },
                            "required": ["situation", "month"],
                        },
                        "examples": {
                            example.name: {
                                "summary": example.label,
                                "value": {
                                    "situation": example.situation(),
                                    "month": f"{example.year}-07",
                                },
                            }
                            for example in EXAMPLES
                        },
                    }
                },
            },
            "responses": {
                "200": {
                    "description": (
                        f"Explanations, e.g. for {first.name}: families[0].programs.pkh."
                        "eligible, .amount, .conditions, .members, .parameters, .text"
                    ),
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                **_error_responses(400, 404, 413, 415),
            },
        }
    }


def _bulk_path() -> dict:
    tables = {
        "individu": {
            "type": "array",
            "items": {"type": "object"},
            "description": "Rows of the individu table (id_individu, id_keluarga, peran, ...).",
        },
        "keluarga": {
            "type": "array",
            "items": {"type": "object"},
            "description": "Rows of the keluarga table (id_keluarga, bobot, ...).",
        },
    }
    common = {
        "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
        "year": {"type": "integer"},
        "variables": {"type": "array", "items": {"type": "string"}},
        "reform": {"$ref": "#/components/schemas/Reform"},
    }
    return {
        "post": {
            "summary": "Compute many families given as tables",
            "description": (
                "JSON records for both tables, or a multipart upload of individu and keluarga "
                "files (CSV or Parquet, as in a population folder) with month/year/variables/"
                "reform form fields. Validated by the data layer and computed with the "
                "vectorised builder; returns per-family and per-person results and the "
                "rejected records (NIK masked)."
            ),
            "operationId": "bulk",
            "tags": ["Calculations"],
            "parameters": [REFORM_QUERY],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {**tables, **common},
                            "required": ["individu", "keluarga"],
                        },
                        "example": {
                            "month": "2024-01",
                            "variables": ["pkh_bantuan", "sembako_bantuan", "pbi_jk_iuran"],
                            "individu": [
                                {
                                    "id_individu": "p1",
                                    "id_keluarga": "k1",
                                    "peran": "kepala_keluarga",
                                    "tanggal_lahir": "1950-01-15",
                                    "jenis_kelamin": "perempuan",
                                }
                            ],
                            "keluarga": [
                                {"id_keluarga": "k1", "terdaftar_dtks": True, "provinsi": "33"}
                            ],
                        },
                    },
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "individu": {"type": "string", "format": "binary"},
                                "keluarga": {"type": "string", "format": "binary"},
                                "month": {"type": "string"},
                                "year": {"type": "string"},
                                "variables": {"type": "string"},
                                "reform": {"type": "string"},
                            },
                            "required": ["individu", "keluarga"],
                        }
                    },
                },
            },
            "responses": {
                "200": {
                    "description": "keluarga, individu, rejected, warnings, counts, periods.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                **_error_responses(400, 404, 413, 415),
            },
        }
    }
