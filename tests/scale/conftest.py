"""Scale fixtures: hand-made articles with a record of every kind, and stores to load them into."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from communique.article import Article, DocumentError, Entity, Event, Place, Quote, Time

STORY = (
    "Finland's trade minister met the Peruvian envoy in Helsinki on Friday. "
    '"The talks were useful," the minister told Yle.'
)


def make_article(doc_id: str = "fi-1", published: str | None = "2023-05-12", text_: str = STORY,
                 url: str | None = None) -> Article:
    """An article with one record of every kind (offsets into ``STORY``)."""
    return Article(
        id=doc_id, text=text_, published=published, title="Trade talks", url=url, outlet="Example Wire",
        entities=[
            Entity(id="E1", name="Finland", kind="country", country="FIN", code="FIN", mentions=[(0, 7)]),
            Entity(id="E2", name="Peruvian envoy", kind="person", country="PER", code="PERGOV",
                   title="envoy", mentions=[(33, 47)]),
        ],
        quotes=[Quote(id="Q1", span=(71, 95), text='"The talks were useful,"', kind="direct",
                      speaker="trade minister", speaker_span=(10, 24), cue_span=(109, 113),
                      channel="Yle", channel_span=(114, 117), pieces=[(71, 95)])],
        events=[Event(id="V1", plover="CONSULT", mode="meet", context=["economic"], cameo="040",
                      trigger_span=(25, 28), sentence_span=(0, 70), date="2023-05-12", location="P1",
                      modality="asserted", quote=None, goldstein=1.0, quad_class="1", confidence=0.9,
                      source=["E1"], target=["E2"], source_spans=[(0, 7)], target_spans=[(33, 47)],
                      linked=[])],
        times=[Time(id="T1", span=(63, 69), text="Friday", value="2023-05-12", type="DATE")],
        places=[Place(id="P1", span=(51, 59), text="Helsinki", name="Helsinki", geonameid=658225,
                      lat=60.17, lon=24.94, country="FIN", feature="PPLC", resolved_by="context")],
        errors=[DocumentError(stage="times", message="a made-up note")],
    )


@pytest.fixture
def article_factory() -> Callable[..., Article]:
    return make_article
