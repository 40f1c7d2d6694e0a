"""The ASGI app of ``communique serve``: the JSON API, its OpenAPI document and the web app's files."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from communique import __version__
from communique.config import load_config
from communique.web.access import open_stores
from communique.web.api import router
from communique.web.cache import AnswerCache, store_state
from communique.web.extraction import Extractor
from communique.web.security import BodyLimit, HostCheck, SecurityHeaders, allowed_hosts

STATIC = Path(str(resources.files("communique.web") / "static"))

MAP_ASSETS = ("vendor/topojson-client.min.js", "vendor/countries-110m.json")
"""Files the map needs, built from npm packages by ``make assets``; the rest of the app works without them."""


@dataclass(frozen=True)
class ServeSettings:
    """How the app runs: which store, whether it may write or extract, and its limits."""

    db_url: str
    allow_writes: bool = False
    extract: bool = True
    max_bytes: int = 1_000_000
    timeout: float = 30.0
    extract_memory_mb: int = 2048  # address space of the extraction process (web/extraction.py)
    config: Mapping[str, Any] = field(default_factory=load_config)
    # the Host names answered to; anything else gets 403 (DNS rebinding). ``serve`` derives them from
    # --host and --allowed-host.
    allowed_hosts: tuple[str, ...] = allowed_hosts("127.0.0.1")
    cache_bytes: int = 64 * 2**20  # answers kept per store state (web/cache.py); 0: none


def create_app(settings: ServeSettings) -> FastAPI:
    """The app over the store at ``settings.db_url``; opening the store fails here, not on a request."""
    reader_engine, writer_engine = open_stores(settings.db_url, settings.allow_writes)
    extractor = None
    if settings.extract:
        extractor = Extractor(settings.config, settings.timeout, settings.extract_memory_mb)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if extractor is not None:
            extractor.close()
        reader_engine.dispose()
        if writer_engine is not None:
            writer_engine.dispose()

    # Swagger UI and ReDoc load scripts from a CDN: left out, the app works offline. The OpenAPI
    # document itself is served.
    app = GuardedAPI(
        settings,
        title="communique",
        version=__version__,
        description="Events, quotes, actors, times and places extracted from news, with the evidence.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.reader = reader_engine
    app.state.writer = writer_engine
    app.state.extractor = extractor
    app.state.map_ready = map_assets_built()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/", index, include_in_schema=False)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    return app


class GuardedAPI(FastAPI):
    """The app with the ``Host`` check and the security headers outside everything else, so that they
    also cover the 500 answer Starlette's outermost error handler gives; inside them, the answer cache."""

    def __init__(self, settings: ServeSettings, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.settings = settings

    def build_middleware_stack(self):
        stack = super().build_middleware_stack()
        if self.settings.cache_bytes > 0:
            reader = self.state.reader
            stack = AnswerCache(stack, lambda: store_state(reader), self.settings.cache_bytes)
        return SecurityHeaders(HostCheck(stack, self.settings.allowed_hosts))


def index() -> FileResponse:
    """The web app's page: a fixed shell holding no data (the scripts fetch it and set it as text)."""
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


def map_assets_built() -> bool:
    """True when ``make assets`` has put the world outline and its reader in place."""
    return all((STATIC / name).is_file() for name in MAP_ASSETS)
