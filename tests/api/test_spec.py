"""The OpenAPI spec validates, shows our examples, and fuzzing it finds no server error."""

from __future__ import annotations

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


def test_fuzzing_finds_no_server_error(server, api):
    """schemathesis: a few generated requests per operation; no 5xx anywhere."""
    import schemathesis

    schema = schemathesis.openapi.from_url(server + "/spec")
    failures = []
    for result in schema.get_all_operations():
        _fuzz(result.ok(), server, failures)
    assert not failures, failures
    assert api.get("/health").status_code == 200


def _fuzz(operation, server: str, failures: list) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(base_url=server, timeout=30)
        if response.status_code >= 500:
            failures.append((operation.method, operation.path, response.text[:200]))

    run()
