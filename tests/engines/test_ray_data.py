"""The Ray engine: the same records as the local engine, and no document lost or doubled when an
actor dies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from communique.config import load_config
from communique.engines.ray_data import PipelineActor, RayOptions, RayRun, read_ahead, set_read_ahead
from communique.scale.rows import document_of
from communique.scale.run import local_rows
from communique.scale.shards import ShardSettings

pytest.importorskip("ray", reason="Ray is not installed: the Ray engine's tests need the ray extra "
                    "(pip install 'communique[ray]', or WITH_RAY=1 make setup)")

NEWS = [
    "The foreign minister of Ghana met his Kenyan counterpart in Accra on Monday, officials said.",
    "Police in Lyon arrested three men after a protest turned violent, the prefecture said on Sunday.",
    '"We will not accept these terms," the union leader told reporters in Madrid.',
    "Brazil accused Argentina of breaking the trade agreement, a ministry statement said.",
    "The United Nations called for a ceasefire in the region on Wednesday.",
    "Farmers blocked roads near Warsaw to protest against grain imports, local media reported.",
]
"""Made-up news sentences."""

LIGHT = {"pipeline": {"stages": ["ingest"], "batch_size": 4}}
"""A pipeline without the model: actors start in a moment, for the tests of failures."""


def write_input(path: Path, texts: list[str]) -> str:
    with path.open("w") as out:
        for n, text in enumerate(texts):
            line = {"id": f"n{n}", "text": text, "published": f"2024-02-{n % 9 + 1:02d}"}
            out.write(json.dumps(line) + "\n")
    return str(path)


def ray_rows(shards, config, actors=2, batch_size=2, actor_class=PipelineActor):
    run = RayRun(shards, config, ShardSettings(), RayOptions(actors=actors, batch_size=batch_size,
                                                              actor_memory_mb=256), "communique test")
    run.actor_class = actor_class
    return list(run), run.totals


def output_lines(rows) -> list[str]:
    return sorted(json.dumps(document_of(row).to_output(), sort_keys=True) for row in rows)


def test_ray_gives_the_records_of_the_local_engine(ray_session, tmp_path):
    shard = write_input(tmp_path / "news.jsonl", NEWS)
    config = load_config()
    rows, totals = ray_rows([shard], config)
    local = list(local_rows([shard], config, ShardSettings(), 1, "communique test"))
    assert [(r["shard"], r["position"]) for r in rows] == [(shard, n) for n in range(len(NEWS))]
    assert output_lines(rows) == output_lines(local)
    assert any(json.loads(r["tables"])["events"] for r in rows)  # the full pipeline ran
    assert totals.retried == 0


class DiesOnce(PipelineActor):
    """Dies in the middle of the first batch holding a document that starts with ``DIE-ONCE <file>``,
    and marks that file so that it does not die again. (The actor runs in another process: what it
    must know comes with the documents.)"""

    def run(self, documents):
        for document in documents:
            if document.article.text.startswith("DIE-ONCE "):
                marker = document.article.text.split()[1]
                if not os.path.exists(marker):
                    Path(marker).touch()
                    os._exit(1)
        return super().run(documents)


class DiesOnPoison(PipelineActor):
    """Dies on every batch holding the word POISON: a document that takes down any worker."""

    def run(self, documents):
        if any("POISON" in d.article.text for d in documents):
            os._exit(1)
        return super().run(documents)


def register_by_value() -> None:
    """Ship this module's actor classes to the workers by value: they cannot import a test module."""
    import sys

    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])


def test_a_killed_actor_has_its_batch_retried_without_duplicates(ray_session, tmp_path):
    register_by_value()
    marker = tmp_path / "died"
    texts = [*NEWS, f"DIE-ONCE {marker} " + NEWS[0], *NEWS]
    shard = write_input(tmp_path / "news.jsonl", texts)
    rows, totals = ray_rows([shard], LIGHT, actors=1, actor_class=DiesOnce)
    assert marker.exists()
    assert [r["position"] for r in rows] == list(range(len(texts)))
    assert totals.retried == 1 and totals.lost == 0
    assert not any(r["errors"] for r in rows)


def test_a_document_that_kills_every_worker_gets_an_error_row(ray_session, tmp_path):
    register_by_value()
    texts = [*NEWS[:3], "POISON " + NEWS[3], *NEWS[4:]]
    shard = write_input(tmp_path / "news.jsonl", texts)
    rows, totals = ray_rows([shard], LIGHT, actors=1, actor_class=DiesOnPoison)
    assert [r["position"] for r in rows] == list(range(len(texts)))
    failed = [document_of(r) for r in rows if r["errors"]]
    assert [d.article.id for d in failed] == ["n3"]
    assert failed[0].article.errors[0].stage == "worker"
    assert totals.lost == 1


def test_read_ahead_is_set_and_restored_where_ray_has_it_and_left_alone_where_not():
    from types import SimpleNamespace

    from communique.engines.ray_data import GEN_BUFFER

    context = SimpleNamespace(**{GEN_BUFFER: 2})
    saved = read_ahead(context)
    set_read_ahead(context, 16)
    assert getattr(context, GEN_BUFFER) == 16
    set_read_ahead(context, saved)
    assert getattr(context, GEN_BUFFER) == 2
    older = SimpleNamespace()
    set_read_ahead(older, 16)
    assert read_ahead(older) is None and not hasattr(older, GEN_BUFFER)


class SpinsOnSpin(PipelineActor):
    """Its first stage loops for ever on a document whose text says 'spin': a run-away stage."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stage = self.pipeline.stages[0]
        plain = stage.pipe

        def pipe(articles):
            articles = list(articles)
            while any("spin" in a.text for a in articles):
                pass
            return plain(articles)

        stage.pipe = pipe


def test_the_stage_time_budget_cuts_a_run_away_stage_inside_an_actor(ray_session, tmp_path):
    register_by_value()
    texts = [NEWS[0], "The talks will spin on for weeks, a diplomat said.", NEWS[1]]
    shard = write_input(tmp_path / "news.jsonl", texts)
    config = {"pipeline": {"stages": ["ingest"], "batch_size": 4, "stage_timeout": 0.5}}
    rows, _ = ray_rows([shard], config, actors=1, batch_size=3, actor_class=SpinsOnSpin)
    errors = [document_of(r).article.errors for r in rows]
    assert [len(e) for e in errors] == [0, 1, 0]
    assert errors[1][0].stage == "ingest" and "took longer than 0.5 s" in errors[1][0].message


def test_a_pipeline_the_actors_cannot_load_ends_the_run_with_its_own_message(ray_session, tmp_path):
    from communique.runner import PipelineUnavailable

    shard = write_input(tmp_path / "news.jsonl", NEWS[:2])
    config = {"pipeline": {"stages": ["ingest", "nlp"]}, "stages": {"nlp": {"model": "en_no_such_model_x"}}}
    with pytest.raises(PipelineUnavailable) as raised:
        ray_rows([shard], config, actors=1)
    assert str(raised.value).startswith("stage 'nlp' cannot run: spaCy model 'en_no_such_model_x'")
    assert "Traceback" not in str(raised.value) and "\n" not in str(raised.value)


class HangsOnHang(PipelineActor):
    """Its first stage hangs where no stage budget reaches (a long sleep stands for native code) on a
    document whose text starts with HANG."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stage = self.pipeline.stages[0]
        plain = stage.pipe

        def pipe(articles):
            import time

            articles = list(articles)
            if any(a.text.startswith("HANG") for a in articles):
                time.sleep(600)
            return plain(articles)

        stage.pipe = pipe


def test_a_document_past_the_document_timeout_gets_a_worker_error_row(ray_session, tmp_path):
    register_by_value()
    texts = [NEWS[0], "HANG " + NEWS[1], NEWS[2]]
    shard = write_input(tmp_path / "news.jsonl", texts)
    config = {"pipeline": {"stages": ["ingest"], "document_timeout": 1, "stage_timeout": 0}}
    rows, totals = ray_rows([shard], config, actors=1, batch_size=3, actor_class=HangsOnHang)
    assert [r["position"] for r in rows] == [0, 1, 2]
    errors = [document_of(r).article.errors for r in rows]
    assert [len(e) for e in errors] == [0, 1, 0]
    assert errors[1][0].stage == "worker" and "document_timeout" in errors[1][0].message
    assert totals.lost == 1
