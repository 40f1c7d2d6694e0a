"""Shared fixtures: the real spaCy model and pipeline, loaded once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from communique.article import Article
from communique.config import load_config
from communique.pipeline import Pipeline, build_pipeline
from communique.stages.nlp import DEFAULT_MODEL, load_model

POSTGRES_ENV = "COMMUNIQUE_TEST_POSTGRES_URL"
"""The PostgreSQL server the store tests also run against (CI sets it; without it they skip)."""

DATELINE = "2022-01-11"
"""A fixed publication date (a Tuesday) that test articles resolve relative dates against."""


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy model (the real one, from PyPI)."""
    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full default pipeline."""
    return build_pipeline(load_config())


@pytest.fixture(scope="session")
def parsed(nlp) -> Callable[..., Article]:
    """Make an Article from made-up text and run the nlp stage on it: ``parsed(text)``."""

    def make(text: str, published: str | None = DATELINE, **meta: str) -> Article:
        article = Article(id=meta.pop("id", "test"), text=text, published=published, **meta)
        article.doc = nlp(text)
        return article

    return make


@pytest.fixture(scope="session")
def extract(pipeline) -> Callable[..., Article]:
    """Run the whole pipeline on made-up text: ``extract(text, published=...)``."""

    def run(text: str, published: str | None = DATELINE, **meta: str) -> Article:
        return pipeline(Article(id=meta.pop("id", "test"), text=text, published=published, **meta))

    return run


MB = 1 << 20


@pytest.fixture(scope="session")
def ray_session():
    """Ray, started once (the engine joins it instead of starting its own) and shut down at the end."""
    ray = pytest.importorskip(
        "ray", reason="Ray is not installed: the Ray engine's tests need the ray extra "
        "(pip install 'communique[ray]', or WITH_RAY=1 make setup)")
    temp = tempfile.mkdtemp(prefix="cq-ray-test-")  # short: Ray's socket paths live under it
    ray.init(num_cpus=2, object_store_memory=200 * MB, include_dashboard=False, _temp_dir=temp,
             logging_level="ERROR", log_to_driver=False)
    yield ray
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


def postgres_url(schema: str) -> str:
    """The test server's URL with ``schema`` as the search path, so a test's tables live apart."""
    base = os.environ[POSTGRES_ENV]
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A URL for an empty store (the store's and the scale engine's tests); a PostgreSQL one gets
    its own schema, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"${POSTGRES_ENV} is not set")
    schema = f"communique_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(os.environ[POSTGRES_ENV])
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
