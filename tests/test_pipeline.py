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


# One made-up sentence per construction the event coder must read (published Tuesday 2022-01-11):
# (text, PLOVER type, sources, targets, modality, date).
CONSTRUCTIONS = [
    ("Ethiopia was attacked by Eritrea on Monday.",
     "ASSAULT", ["Eritrea"], ["Ethiopia"], "asserted", "2022-01-10"),
    ("Chile and Peru met in Lima on Friday.",
     "CONSULT", ["Chile"], ["Peru"], "asserted", "2022-01-07"),
    ("The meeting between Norway and Sweden on 3 January ended without a deal.",
     "CONSULT", ["Norway"], ["Sweden"], "asserted", "2022-01-03"),
    ("Turkey's military build-up near the border on Sunday alarmed Greece.",
     "MOBILIZE", ["Turkey"], [], "asserted", "2022-01-09"),
    # the Saturday is the day of the denial, not of the attack, which stays undated
    ("On Saturday, Iran denied attacking Saudi Arabia's oil tanker.",
     "ASSAULT", ["Iran"], ["Saudi Arabia"], "denied", None),
    ("Japan and South Korea will meet on Wednesday in Seoul.",
     "AGREE", ["Japan"], ["South Korea"], "planned", "2022-01-12"),
    ("Brazil did not attack Argentina.",
     "ASSAULT", ["Brazil"], ["Argentina"], "negated", None),
    # a week is no day, month or year: the event stays undated rather than take the year alone
    ("Poland will impose sanctions on Belarus next week.",
     "THREATEN", ["Poland"], ["Belarus"], "planned", None),
]


@pytest.mark.parametrize(("text", "plover", "sources", "targets", "modality", "date"), CONSTRUCTIONS)
def test_pipeline_codes_each_construction_with_actors_modality_and_date(
        extract, text, plover, sources, targets, modality, date):
    article = extract(text)
    names = {entity.id: entity.name for entity in article.entities}
    found = [e for e in article.events if e.plover == plover]
    assert len(found) == 1, article.events
    event = found[0]
    assert [names[i] for i in event.source] == sources
    assert [names[i] for i in event.target] == targets
    assert (event.modality, event.date) == (modality, date)


def test_pipeline_event_inside_a_quotation_is_reported_and_linked_to_the_quote(extract):
    article = extract('"We met the Danish delegation on Friday," Finland\'s foreign minister said.')
    event = next(e for e in article.events if e.plover == "CONSULT")
    assert event.quote == article.quotes[0].id
    assert event.modality == "reported"
    assert event.date == "2022-01-07"


def test_pipeline_a_dateline_is_not_the_subject_of_the_first_sentence(extract):
    article = extract("Ministers meet in Oslo\n\nOSLO, May 3 (Wire) - Norway's foreign minister Kari Dahl "
                      "met her Danish counterpart Jens Holm on Friday.")
    names = {entity.id: entity.name for entity in article.entities}
    meeting = next(e for e in article.events if e.plover == "CONSULT" and "met" in article.text[
        e.trigger_span[0]:e.trigger_span[1]])
    assert [names[i] for i in meeting.source] == ["Kari Dahl"]
    assert [names[i] for i in meeting.target] == ["Jens Holm"]
    assert article.entity_by_id(meeting.target[0]).country == "DNK"
