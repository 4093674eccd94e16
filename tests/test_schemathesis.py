"""Property-based tests of the API from its own OpenAPI schema: schemathesis generates
requests for every operation and parameter, and no answer may be a server error or break the
schema. Examples are capped so the run stays well under a minute."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from ipnews.wsgi import application

# Raise it for a deeper search: SCHEMATHESIS_MAX_EXAMPLES=200 pytest tests/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"))


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the connection that holds the
    test's transaction (PostgreSQL would lose the seeded rows mid-test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(seeded, settings, keep_test_connection):
    # Hundreds of requests from one address: no rate limit here (tests/test_api.py tests it).
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    api = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    # Valid and invalid values alike: an invalid one must be a 4xx, never a 500.
    api.config.generation.update(modes=list(schemathesis.GenerationMode))
    return api


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_fails_and_keeps_to_its_schema(case):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
