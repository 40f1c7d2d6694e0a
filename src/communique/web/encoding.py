"""JSON answers encoded once, straight from the dicts the store builds, with orjson.

FastAPI would validate each answer against its response model and then encode it, which cost two to
three times the query itself (``/api/events``: 10 ms of queries, 40 ms in all; scripts/bench_api.py).
The models still document every answer in the OpenAPI document, and tests/web/test_api.py checks the
answers against them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson
from fastapi.encoders import decimal_encoder
from fastapi.responses import Response


def plain(value: Any) -> Any:
    """What orjson cannot encode itself: PostgreSQL's Decimal sums, as FastAPI's encoder gives them."""
    if isinstance(value, Decimal):
        return decimal_encoder(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class JSONAnswer(Response):
    """An ``application/json`` response whose content is encoded by orjson."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=plain, option=orjson.OPT_NON_STR_KEYS)
