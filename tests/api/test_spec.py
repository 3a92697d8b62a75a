"""The OpenAPI spec validates, shows our examples, and fuzzing it finds no server error."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from openapi_spec_validator import validate

from openfisca_indonesia_sosial.examples import EXAMPLES


@pytest.fixture(scope="module")
def spec(api):
    response = api.get("/spec")
    assert response.status_code == 200
    return response.json()


def test_spec_is_valid_openapi(spec):
    validate(spec)


def test_spec_documents_extensions_and_examples(spec):
    for path in ("/calculate", "/trace", "/explain", "/bulk", "/reforms", "/variables"):
        assert path in spec["paths"]
    examples = spec["paths"]["/calculate"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]
    assert set(examples) == {example.name for example in EXAMPLES}
    situation = spec["components"]["schemas"]["SituationInput"]
    assert "reform" in situation["properties"]
    assert "keluarga_1" in str(situation["example"])  # core's example: our first situation
    assert any(p["name"] == "reform" for p in spec["paths"]["/calculate"]["post"]["parameters"])


def test_spec_examples_compute(api, spec):
    examples = spec["paths"]["/calculate"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]
    for example in examples.values():
        assert api.post("/calculate", json=example["value"]).status_code == 200


#: Generated cases per operation: enough to reach the computation on every POST endpoint,
#: few enough to keep the run near a minute on a shared machine.
POST_EXAMPLES = 60
GET_EXAMPLES = 6
POST_PATHS = ("/calculate", "/trace", "/explain", "/bulk")
#: Each valid request here runs a whole microsimulation in the background (seconds of both
#: cores); its checks are exercised request by request in test_simulate.py.
NOT_FUZZED = {("POST", "/simulate")}


def test_fuzzing_reaches_the_computation_without_server_errors(server, api):
    """schemathesis on /spec: no 5xx, answers conform to the spec, POST cases reach a 200."""
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    schema = schemathesis.openapi.from_url(server + "/spec")
    figures: dict = {}
    failures: list = []
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in NOT_FUZZED:
            continue
        examples = POST_EXAMPLES if operation.method.upper() == "POST" else GET_EXAMPLES
        _fuzz(operation, server, examples, checks, figures, failures)
    elapsed = time.perf_counter() - started
    sent = sum(sum(codes.values()) for codes in figures.values())
    server_errors = sum(n for codes in figures.values() for c, n in codes.items() if c >= 500)
    print(f"\nschemathesis: {sent} requests in {elapsed:.0f} s, {server_errors} 5xx")
    for key, codes in sorted(figures.items()):
        print(f"  {key}: {dict(sorted(codes.items()))}")
    assert not failures, failures[:5]
    assert server_errors == 0
    for path in POST_PATHS:
        assert figures.get(f"POST {path}", {}).get(200), (path, figures.get(f"POST {path}"))
    assert api.get("/health").status_code == 200


def _fuzz(operation, server: str, examples: int, checks, figures: dict, failures: list) -> None:
    key = f"{operation.method.upper()} {operation.path}"
    codes = figures.setdefault(key, {})

    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(base_url=server, timeout=60)
        codes[response.status_code] = codes.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=checks)
        except BaseExceptionGroup as error:  # schemathesis groups the failures of its checks
            reasons = [str(e).splitlines()[0] for e in getattr(error, "exceptions", [error])]
            failures.append((key, response.status_code, reasons, response.text[:300]))

    run()
