"""The OpenAPI spec: openfisca-core's, plus our examples, reforms, /explain, /bulk and schemas.

The published document is OpenAPI 3.1: the request schemas say what the server checks, so a
client (or a fuzzer) that follows them sends requests the server computes.
"""

from __future__ import annotations

import copy

from openfisca_indonesia_sosial.examples import EXAMPLES, example_request, open_api_config


def install_open_api_config(system) -> None:
    """Give ``system`` the package's examples unless it already has some."""
    if not getattr(system, "open_api_config", None):
        system.open_api_config = open_api_config()


# --- request schemas from the system ------------------------------------------------------------
# Core describes a situation loosely (any key, any value), so requests that fit its spec are
# mostly refused. These say what the server checks (situations.checks, situations.periods,
# data.rules), with the JSON Schema keywords of OpenAPI 3.1 (propertyNames,
# patternProperties, type lists).

_INT32 = (-(2**31), 2**31 - 1)
_FLOAT32_MAX = 3.4028234663852886e38
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
#: Text without the control and bidirectional characters the server refuses in ids.
_PLAIN_TEXT = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]+$"


def period_patterns() -> dict[str, str]:
    """Key patterns of a variable's values, per definition period, in the supported range."""
    from openfisca_indonesia_sosial.situations.periods import supported

    bounds = supported()
    years = "(?:" + "|".join(map(str, range(bounds.first_year, bounds.last_year + 1))) + ")"
    return {"month": f"^{years}-(?:0[1-9]|1[0-2])$", "year": f"^{years}$", "eternity": "^ETERNITY$"}


def id_schema() -> dict:
    from openfisca_indonesia_sosial.situations.checks import MAX_ID_CHARS

    return {"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS, "pattern": _PLAIN_TEXT}


def _unit(variable) -> str:
    return str(getattr(variable.definition_period, "value", variable.definition_period))


def _kind(variable) -> str:
    from openfisca_core.indexed_enums import Enum

    value_type = variable.value_type
    if value_type is Enum or (isinstance(value_type, type) and issubclass(value_type, Enum)):
        return "enum"
    return {bool: "bool", int: "int", float: "float", str: "str"}.get(value_type, "date")


def _rule_keywords(name: str) -> dict:
    """The bounds ``data.rules`` puts on a variable, as JSON Schema keywords."""
    from openfisca_indonesia_sosial.data.rules import value_rules
    from openfisca_indonesia_sosial.law import wilayah

    keywords: dict = {}
    for rule in value_rules(name):
        test = rule.test
        closure = [cell.cell_contents for cell in test.__closure__ or ()]
        cells = dict(zip(test.__code__.co_freevars, closure, strict=False))
        if "low" in cells and cells["low"] is not None:
            keywords["minimum"] = cells["low"]
        if "high" in cells and cells["high"] is not None:
            keywords["maximum"] = cells["high"]
        if test.__qualname__.startswith("positive."):
            keywords["exclusiveMinimum"] = 0
        if rule.code == "provinsi_tidak_dikenal":
            keywords["enum"] = sorted(wilayah.PROVINSI_BPS)
        if rule.code == "nik_format":
            provinces = "|".join(sorted(wilayah.PROVINSI_KEMENDAGRI))
            day = "(?:0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01])"
            # an answer echoes the NIK masked (32**********07): the same schema describes both
            masked = r"[0-9]{2}\*{10}[0-9]{2}"
            keywords["pattern"] = (
                f"^(?:(?:{provinces})[0-9]{{4}}{day}(?:0[1-9]|1[0-2])[0-9]{{6}}|{masked})$"
            )
    docs = [rule.doc for rule in value_rules(name) if rule.doc]
    return {**keywords, "description": "; ".join(docs)} if docs else keywords


def value_schema(variable, nullable: bool = True) -> dict:
    """One value of ``variable`` (``null``: compute it) with the server's type and rules."""
    from openfisca_indonesia_sosial.situations.checks import MAX_TEXT_CHARS

    kind = _kind(variable)
    null = ["null"] if nullable else []
    if kind == "enum":
        return {"enum": [item.name for item in variable.possible_values] + [None] * nullable}
    if kind == "bool":
        schema: dict = {"type": ["boolean", *null]}
    elif kind == "int":
        schema = {"type": ["integer", *null], "minimum": _INT32[0], "maximum": _INT32[1]}
    elif kind == "float":
        schema = {"type": ["number", *null], "minimum": -_FLOAT32_MAX, "maximum": _FLOAT32_MAX}
    elif kind == "date":
        schema = {"type": ["string", *null], "format": "date", "pattern": _ISO_DATE}
    else:
        limit = getattr(variable, "max_length", None) or MAX_TEXT_CHARS
        schema = {"type": ["string", *null], "maxLength": limit}
    schema.update(_rule_keywords(variable.name))
    if "enum" in schema:
        schema = {"enum": schema["enum"] + [None] * nullable}
    return schema


def entity_schema(system, entity) -> dict:
    """A person or family: its variables as ``{period: value}`` and, for a family, its roles."""
    from openfisca_indonesia_sosial.situations.checks import (
        MAX_FAMILY_MEMBERS,
        MAX_PERIODS_PER_VARIABLE,
    )

    patterns = period_patterns()
    properties: dict = {}
    for name, variable in sorted(system.variables.items()):
        if variable.entity.key != entity.key or _unit(variable) not in patterns:
            continue
        properties[name] = {
            "type": "object",
            "propertyNames": {"pattern": patterns[_unit(variable)]},
            "maxProperties": 1 if _unit(variable) == "eternity" else MAX_PERIODS_PER_VARIABLE,
            "additionalProperties": value_schema(variable),
        }
    for role in getattr(entity, "roles", None) or ():
        members = {
            "type": "array",
            "items": id_schema(),
            "uniqueItems": True,
            "maxItems": role.max or MAX_FAMILY_MEMBERS,
        }
        properties[role.plural or role.key] = {"anyOf": [id_schema(), members]}
    return {
        "type": "object",
        "description": (
            f"A {entity.key}: each variable as {{period: value}}; null asks the server to "
            "compute it. Periods fit the variable (month YYYY-MM, year YYYY, ETERNITY) and "
            "lie in the supported range (the server also accepts input values up to ten "
            "years earlier)."
        ),
        "properties": properties,
        "additionalProperties": False,
    }


def situation_schema(system, config, *, output: bool = False) -> dict:
    entities = {entity.plural: entity for entity in system.entities}
    person = next(plural for plural, entity in entities.items() if entity.is_person)
    properties = {}
    for plural, entity in entities.items():
        limit = config.max_persons if plural == person else config.max_families
        properties[plural] = {
            "type": "object",
            "propertyNames": id_schema(),
            "maxProperties": limit,
            "additionalProperties": {"$ref": f"#/components/schemas/{entity.key.title()}"},
        }
        if plural == person and not output:
            properties[plural]["minProperties"] = 1
    applied = {"type": "object", "description": "The reform applied: name, label, digest."}
    properties["reform"] = applied if output else {"$ref": "#/components/schemas/Reform"}
    return {
        "type": "object",
        "properties": properties,
        "required": [person],
        "additionalProperties": False,
    }


def reform_schema(system) -> dict:
    from openfisca_indonesia_sosial.reform.files import shipped_reform_paths

    names = sorted(path.stem for path in shipped_reform_paths())
    return {
        "description": (
            "A shipped reform name (GET /reforms) or inline parameter changes in the "
            "reform-file format."
        ),
        "oneOf": [
            {"type": "string", "enum": names, "example": "sembako_300rb"},
            {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": 100},
                    "label": {"type": "string", "maxLength": 200},
                    "description": {"type": "string", "maxLength": 2000},
                    "parameters": {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": {"pattern": r"^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$"},
                        "additionalProperties": {
                            "type": "object",
                            "minProperties": 1,
                            "propertyNames": {"pattern": r"^\d{4}-\d{2}-\d{2}$"},
                            "additionalProperties": {"type": ["number", "boolean", "null"]},
                        },
                    },
                },
                "required": ["parameters"],
                "additionalProperties": False,
                "example": {
                    "name": "sembako_250rb",
                    "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 250000}},
                },
            },
        ],
    }


def record_schema(system, table: str) -> dict:
    """One /bulk record: the structural columns and the table's variables as cells."""
    from openfisca_indonesia_sosial.api.bulk import MAX_CELL_CHARS
    from openfisca_indonesia_sosial.data.limits import MAX_BOBOT
    from openfisca_indonesia_sosial.data.schema import REQUIRED_COLUMNS, STRUCTURAL_COLUMNS

    text = {"type": ["string", "integer"], "minLength": 1, "maxLength": MAX_CELL_CHARS}
    properties: dict = {column: text for column in STRUCTURAL_COLUMNS[table]}
    if "peran" in properties:
        family = next(entity for entity in system.entities if entity.key == "keluarga")
        properties["peran"] = {"enum": [role.key for role in family.roles]}
    if "bobot" in properties:
        properties["bobot"] = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_BOBOT}
    monthly = []
    for name, variable in sorted(system.variables.items()):
        if variable.entity.key == table and name not in properties:
            properties[name] = value_schema(variable)
            if _unit(variable) == "month":
                monthly.append(name)
    years = period_patterns()["year"].strip("^$")
    return {
        "type": "object",
        "properties": properties,
        "required": list(REQUIRED_COLUMNS[table]),
        # ``hamil_2024_03``: a MONTH variable's value for one month of the simulated year
        "patternProperties": {
            f"^(?:{'|'.join(monthly)})_{years}_(?:0[1-9]|1[0-2])$": {
                "type": ["string", "number", "boolean", "null"]
            }
        },
        "additionalProperties": False,
    }


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "What was wrong, in one sentence."},
        "details": {"description": "Structured context (e.g. OpenFisca's per-path errors)."},
    },
    "required": ["error"],
}

REFORM_QUERY = {
    "name": "reform",
    "in": "query",
    "required": False,
    "description": "Name of a shipped reform to apply (alternative to the body's 'reform').",
    "schema": {"type": "string", "maxLength": 100},
}

_TEXTS = {
    400: "Invalid request: the message says what to fix.",
    404: "A variable named in the request does not exist.",
    413: "Request too large: bytes, persons, families, rows, columns or answer cells over a limit.",
    415: "The body is not JSON (or, for /bulk, not JSON or multipart/form-data), or compressed.",
}


def _error_responses(*codes: int) -> dict:
    return {
        str(code): {
            "description": _TEXTS[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


def _examples() -> dict:
    return {
        example.name: {"summary": example.label, "value": example_request(example)}
        for example in EXAMPLES
    }


def _to_openapi_31(node):
    """Core's 3.0 schemas in 3.1 form: ``nullable`` becomes a type list."""
    if isinstance(node, list):
        return [_to_openapi_31(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _to_openapi_31(value) for key, value in node.items()}
    if node.pop("nullable", False) and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    return node


def extend_spec(spec: dict, system=None, config=None) -> dict:
    """Our additions to openfisca-core's spec (a modified copy).

    With the tax-benefit system (and the API settings for the limits), the entity and
    situation schemas are replaced by exact ones.
    """
    spec = _to_openapi_31(copy.deepcopy(spec))
    spec["openapi"] = "3.1.0"
    spec["info"]["description"] = (
        spec["info"].get("description", "")
        + " Extensions: per-request reforms on /calculate, /trace, /explain and /bulk; "
        "/explain (why a family is or is not eligible, in Indonesian and English); /bulk (many "
        "families as tables); /reforms; /health; /simulate (microsimulation jobs); the web "
        "application at / and its catalogue endpoints (/programs, /examples, /provinces, "
        "/dependencies)."
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    trace = schemas.get("Trace", {}).get("properties", {}).get("trace", {})
    node = trace.get("additionalProperties", {}).get("properties", {})
    if "parameters" in node:  # core says objects; a parameter's value is any JSON value
        node["parameters"] = {"type": "object", "additionalProperties": {}}
    if system is not None:
        from openfisca_indonesia_sosial.api.config import ApiConfig

        config = config or ApiConfig()
        for entity in system.entities:
            schemas[entity.key.title()] = entity_schema(system, entity)
        for name, output in (("SituationInput", False), ("SituationOutput", True)):
            example = schemas.get(name, {}).get("example")
            schemas[name] = situation_schema(system, config, output=output)
            if example is not None:
                schemas[name]["example"] = example
        schemas["Reform"] = reform_schema(system)
    else:
        schemas["Reform"] = reform_schema(None)
        situation = schemas.get("SituationInput", {})
        situation.setdefault("properties", {})["reform"] = {"$ref": "#/components/schemas/Reform"}
    examples = _examples()
    reform_query = copy.deepcopy(REFORM_QUERY)
    reform_query["schema"] = {"type": "string", "enum": schemas["Reform"]["oneOf"][0]["enum"]}
    for path in ("/calculate", "/trace"):
        operation = spec["paths"][path]["post"]
        operation.setdefault("parameters", []).append(reform_query)
        media = operation["requestBody"]["content"]["application/json"]
        media["examples"] = examples
        operation["responses"].update(_error_responses(400, 404, 413, 415))
    spec["paths"]["/explain"] = _explain_path(reform_query)
    spec["paths"]["/bulk"] = _bulk_path(system, config, reform_query)
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
    from openfisca_indonesia_sosial.api.config import ApiConfig
    from openfisca_indonesia_sosial.api.openapi_web import web_paths

    paths, web_schemas = web_paths(config or ApiConfig())
    spec["paths"].update(paths)
    schemas.update(web_schemas)
    return spec


def _month_schema() -> dict:
    from openfisca_indonesia_sosial.situations.periods import supported

    bounds = supported()
    return {
        "type": "string",
        "pattern": period_patterns()["month"],
        "description": f"YYYY-MM, {bounds.describe('month')}",
    }


def _explain_path(reform_query: dict = REFORM_QUERY) -> dict:
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
                reform_query,
                {
                    "name": "format",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["json", "text"], "default": "json"},
                },
                {
                    "name": "lang",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["id", "en"], "default": "id"},
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
                                "month": _month_schema(),
                                "keluarga": id_schema(),
                                "reform": {"$ref": "#/components/schemas/Reform"},
                            },
                            "required": ["situation", "month"],
                            "additionalProperties": False,
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
                        "eligible, .amount, .conditions, .members, .parameters, .text; "
                        "with ?format=text the readable text only"
                    ),
                    "content": {
                        "application/json": {"schema": {"type": "object"}},
                        "text/plain": {"schema": {"type": "string"}},
                    },
                },
                **_error_responses(400, 404, 413, 415),
            },
        }
    }


def _bulk_path(system=None, config=None, reform_query: dict = REFORM_QUERY) -> dict:
    from openfisca_indonesia_sosial.api import bulk
    from openfisca_indonesia_sosial.api.bulk_read import ARROW_STREAM, PARQUET
    from openfisca_indonesia_sosial.situations.periods import supported

    bounds = supported()
    tables = {}
    for table, limit in (
        ("individu", getattr(config, "max_bulk_persons", None)),
        ("keluarga", getattr(config, "max_bulk_families", None)),
    ):
        tables[table] = {
            "type": "array",
            "minItems": 1,
            "items": record_schema(system, table) if system is not None else {"type": "object"},
            "description": f"Rows of the {table} table (docs/data/schema.md).",
        }
        if limit is not None:
            tables[table]["maxItems"] = limit
    names = {"type": "string", "pattern": bulk.NAME.pattern}
    if system is not None:
        names = {
            "enum": sorted(
                name
                for name, variable in system.variables.items()
                if variable.entity.key in bulk.TABLES
            )
        }
    common = {
        "month": _month_schema(),
        "year": {"type": "integer", "minimum": bounds.first_year, "maximum": bounds.last_year},
        "variables": {
            "type": "array",
            "items": names,
            "minItems": 1,
            "maxItems": bulk.MAX_VARIABLES,
            "uniqueItems": True,
        },
        "reform": {"$ref": "#/components/schemas/Reform"},
        "table": {"type": "string", "enum": list(bulk.TABLES), "default": "keluarga"},
    }
    columnar = {
        "schema": {
            "type": "string",
            "format": "binary",
            "description": (
                "One table (`table`: keluarga, the default, or individu with the family "
                "variables of each person's family); the JSON answer's other fields (periods, "
                "counts, rejected, warnings, totals) in the schema metadata under `bansos`."
            ),
        }
    }
    return {
        "post": {
            "summary": "Compute many families given as tables",
            "description": (
                "JSON records for both tables, or a multipart upload of individu and keluarga "
                "files (CSV, Parquet or Arrow IPC, each recognised from its part's Content-Type "
                f"`{PARQUET}` or `{ARROW_STREAM}`, its first bytes or its name) with month/year/"
                "variables/reform/table form fields. Validated by the data layer and computed "
                "with the vectorised builder; returns per-family and per-person results and "
                "the rejected records (NIK masked). The answer is JSON unless the `Accept` "
                f"header prefers `{PARQUET}` or `{ARROW_STREAM}`: then one table of typed "
                "columns (`table`), with the rest of the JSON answer in its schema metadata "
                "(`bansos`) and the headers X-Bansos-Rejected-Total, X-Bansos-Warnings-Total "
                "and X-Bansos-Table. Arrow IPC uploads are refused when their buffers are "
                "compressed (their decoded size is unknown until decoded) or dictionary-encoded."
            ),
            "operationId": "bulk",
            "tags": ["Calculations"],
            "parameters": [reform_query],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {**tables, **common},
                            "required": ["individu", "keluarga"],
                            "anyOf": [{"required": ["month"]}, {"required": ["year"]}],
                            "additionalProperties": False,
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
                                "month": _month_schema(),
                                "year": {"type": "string", "pattern": period_patterns()["year"]},
                                "variables": {"type": "string", "maxLength": 6_600},
                                "reform": {"type": "string", "maxLength": 100_000},
                                "table": common["table"],
                            },
                            "required": ["individu", "keluarga"],
                            "anyOf": [{"required": ["month"]}, {"required": ["year"]}],
                        }
                    },
                },
            },
            "responses": {
                "200": {
                    "description": "keluarga, individu, rejected, warnings, counts, periods.",
                    "content": {
                        "application/json": {"schema": {"type": "object"}},
                        PARQUET: columnar,
                        ARROW_STREAM: columnar,
                    },
                },
                **_error_responses(400, 404, 413, 415),
            },
        }
    }
