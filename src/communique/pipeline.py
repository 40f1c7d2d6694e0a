"""The pipeline: named stages from the config, checked for order when built, run in batches."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator, Mapping
from importlib.metadata import entry_points
from itertools import islice
from typing import Any

from communique.article import Article
from communique.budget import budget_units, time_budget
from communique.config import load_config
from communique.stage import FIELDS, Stage

STAGE_GROUP = "communique.stages"
"""Entry-point group: built-in stages are registered here exactly as a plugin's would be."""

INPUT_FIELDS = frozenset({"text"})

log = logging.getLogger(__name__)


class PipelineError(ValueError):
    """The pipeline cannot be built: an unknown stage, a bad order or a bad declaration."""


def stage_classes() -> dict[str, type[Stage]]:
    """Every registered stage class by name."""
    return {ep.name: ep.load() for ep in entry_points(group=STAGE_GROUP)}


class Pipeline:
    """Stages in order. Call it on one article, or ``pipe`` a stream of them."""

    def __init__(self, stages: list[Stage], batch_size: int = 32, stage_timeout: float = 0) -> None:
        check_order(stages)
        self.stages = stages
        self.batch_size = max(1, batch_size)
        self.stage_timeout = stage_timeout  # seconds per document per stage; 0 = no budget

    @property
    def names(self) -> list[str]:
        """Stage names in run order."""
        return [stage.name for stage in self.stages]

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run every stage over batches of articles, keeping their order."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.batch_size)):
            for stage in self.stages:
                batch = run_stage(stage, batch, self.stage_timeout)
            for article in batch:
                article.doc = None  # the parse is large and never leaves the pipeline
                yield article


def run_stage(stage: Stage, batch: list[Article], seconds: float = 0) -> list[Article]:
    """Run one stage on a batch within ``seconds`` per article (per 100,000 characters of a longer
    one); if the batch fails or runs out of time, retry article by article so one bad document
    cannot cost the others their results."""
    try:
        with time_budget(seconds * sum(budget_units(a.text) for a in batch), f"stage {stage.name!r}"):
            return list(stage.pipe(batch))
    except Exception:
        if len(batch) == 1:
            return [_fail(stage, batch[0])]
    return [run_stage(stage, [article], seconds)[0] for article in batch]


def _fail(stage: Stage, article: Article) -> Article:

    log.debug("stage %s failed on %s", stage.name, article.id, exc_info=True)
    last = traceback.format_exc(limit=1).strip().splitlines()[-1]
    article.add_error(stage.name, f"stage failed, its records are missing: {last}")
    return article


def check_order(stages: list[Stage]) -> None:
    """Refuse a pipeline in which a stage requires what no earlier stage assigns."""
    available = set(INPUT_FIELDS)
    seen: set[str] = set()
    for stage in stages:
        unknown = (set(stage.requires) | set(stage.assigns)) - set(FIELDS)
        if unknown:
            raise PipelineError(
                f"stage {stage.name!r} declares unknown fields {sorted(unknown)}; known: {FIELDS}"
            )
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
        missing = [f for f in stage.requires if f not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                f"earlier stages: {sorted(seen) or 'none'}. Reorder [pipeline] stages in the config."
            )
        available.update(stage.assigns)
        seen.add(stage.name)


def build_pipeline(config: Mapping[str, Any] | None = None, **overrides: Any) -> Pipeline:
    """Build the pipeline described by ``config`` (default: the packaged config)."""
    config = dict(config) if config is not None else load_config()
    pipeline_cfg = {**config.get("pipeline", {}), **overrides}
    registry = stage_classes()
    stages: list[Stage] = []
    for name in pipeline_cfg.get("stages", []):
        if name not in registry:
            raise PipelineError(f"unknown stage {name!r}; registered stages: {sorted(registry)}")
        settings = config.get("stages", {}).get(name, {})
        stages.append(registry[name](settings))
    return Pipeline(stages, batch_size=int(pipeline_cfg.get("batch_size", 32)),
                    stage_timeout=float(pipeline_cfg.get("stage_timeout", 0)))
