"""Shared fixtures: the real spaCy model and pipeline, loaded once per test session."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable

import pytest

from communique.article import Article
from communique.config import load_config
from communique.pipeline import Pipeline, build_pipeline
from communique.stages.nlp import DEFAULT_MODEL, load_model

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
