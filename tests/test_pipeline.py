"""The pipeline: order checked when built, a failing stage isolated per document, batches in order."""

from __future__ import annotations

import pytest

from communique.article import Article
from communique.pipeline import Pipeline, PipelineError, build_pipeline, check_order, stage_classes
from communique.stage import Stage


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Stage:
    cls = type(name.title(), (Stage,), {"name": name, "requires": requires, "assigns": assigns,
                                        "process": lambda self, article: article})
    return cls()


class Tagger(Stage):
    """Appends its own name to the title, recording each batch it is piped."""

    name = "tagger"
    requires = ("text",)

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def process(self, article: Article) -> Article:
        article.title = (article.title or "") + "+"
        return article

    def pipe(self, articles):
        batch = list(articles)
        self.batches.append([a.id for a in batch])
        return (self.process(a) for a in batch)


class Fragile(Stage):
    """Fails on any article whose text mentions a volcano."""

    name = "fragile"
    requires = ("text",)
    assigns = ("events",)

    def process(self, article: Article) -> Article:
        if "volcano" in article.text:
            raise ValueError("cannot parse lava")
        article.title = "ok"
        return article


def articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]


def test_order_check_refuses_a_stage_before_what_it_needs():
    with pytest.raises(PipelineError, match="requires \\['doc'\\]"):
        check_order([stage("events", requires=("doc",)), stage("nlp", requires=("text",), assigns=("doc",))])


def test_order_check_accepts_the_same_stages_in_the_right_order():
    check_order([stage("nlp", requires=("text",), assigns=("doc",)), stage("events", requires=("doc",))])


def test_order_check_refuses_unknown_fields_and_repeated_stages():
    with pytest.raises(PipelineError, match="unknown fields"):
        check_order([stage("odd", assigns=("vibes",))])
    with pytest.raises(PipelineError, match="twice"):
        check_order([stage("nlp"), stage("nlp")])


def test_building_from_config_refuses_a_bad_order_before_any_document():
    config = {"pipeline": {"stages": ["events", "nlp", "ingest"]}, "stages": {}}
    with pytest.raises(PipelineError, match="'events' requires"):
        build_pipeline(config)


def test_building_refuses_an_unknown_stage_name():
    with pytest.raises(PipelineError, match="unknown stage 'sentiment'"):
        build_pipeline({"pipeline": {"stages": ["ingest", "sentiment"]}})


def test_default_pipeline_has_every_built_in_stage_in_order():
    expected = ["ingest", "nlp", "actors", "quotes", "events", "times", "places", "link"]
    assert build_pipeline().names == expected
    assert set(stage_classes()) >= {"ingest", "nlp", "link"}


def test_stage_failure_is_isolated_into_that_documents_errors():
    batch = articles("calm sea", "the volcano woke", "calm hills")
    out = list(Pipeline([Fragile()], batch_size=4).pipe(batch))
    assert [a.title for a in out] == ["ok", None, "ok"]
    assert [len(a.errors) for a in out] == [0, 1, 0]
    assert out[1].errors[0].stage == "fragile"
    assert "cannot parse lava" in out[1].errors[0].message


def test_batching_keeps_order_and_respects_batch_size():
    tagger = Tagger()
    out = list(Pipeline([tagger], batch_size=2).pipe(articles("a", "b", "c", "d", "e")))
    assert [a.id for a in out] == ["a0", "a1", "a2", "a3", "a4"]
    assert tagger.batches == [["a0", "a1"], ["a2", "a3"], ["a4"]]


def test_pipeline_drops_the_parse_before_returning_an_article():
    class Parser(Stage):
        name = "parser"
        assigns = ("doc",)

        def process(self, article: Article) -> Article:
            article.doc = object()
            return article

    (out,) = Pipeline([Parser()]).pipe(articles("x"))
    assert out.doc is None
