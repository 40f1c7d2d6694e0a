"""Requests generated from the OpenAPI document (schemathesis) never get a 5xx; kept short."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from communique.config import load_config
from communique.web.app import ServeSettings, create_app
from communique.web.security import allowed_hosts


@pytest.fixture
def api_schema(store_url):
    """The app's own OpenAPI document, over the filled store; extraction off (POSTs answer 403)."""
    hosts = allowed_hosts("127.0.0.1", ["testserver"])  # the name schemathesis's ASGI client sends
    settings = ServeSettings(db_url=store_url, extract=False, config=load_config(), allowed_hosts=hosts)
    app = create_app(settings)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
"""A dozen generated requests per operation: enough to reach the bounds of each parameter, in seconds."""


def test_no_generated_request_gets_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @FUZZ
        @given(case=operation.as_strategy())
        def answered(case) -> None:
            response = case.call()
            where = (case.path, case.query, case.path_parameters)
            assert response.status_code < 500, (where, response.text[:300])

        answered()
