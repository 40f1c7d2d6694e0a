"""Reports of one real-world event link when kind, actors and dates agree."""

from __future__ import annotations

from communique.article import Article, Entity, Event
from communique.link.reports import compatible, group_reports, link_reports


def article_with(*events: Event) -> Article:
    article = Article(id="t", text="x" * 200)
    article.entities = [
        Entity("E1", "Russia", "country", country="RUS"),
        Entity("E2", "Moscow", "organization", country="RUS", code="RUSGOV"),
        Entity("E3", "NATO", "igo", code="IGOWSTNAT"),
        Entity("E4", "Ukraine", "country", country="UKR"),
    ]
    article.events = list(events)
    return article


def event(eid, plover, cameo, source, target=(), date=None):
    return Event(eid, plover, (0, 1), (0, 1), cameo=cameo, source=list(source), target=list(target),
                 date=date)


def test_dates_are_compatible_within_the_coarser_precision():
    assert compatible("2022-01", "2022-01-12")
    assert not compatible("2022-01-10", "2022-01-12")


def test_a_capital_standing_for_its_government_is_the_same_actor_as_its_country():
    article = article_with(event("V1", "CONSULT", "040", ["E2", "E3"]),
                           event("V2", "CONSULT", "043", ["E1"], ["E3"], "2022-01-12"))
    link_reports(article)
    assert article.events[0].date == "2022-01-12"
    assert article.events[0].linked == ["V2"]


def test_reports_with_conflicting_dates_stay_apart():
    article = article_with(event("V1", "CONSULT", "040", ["E1", "E3"], date="2022-01-10"),
                           event("V2", "CONSULT", "040", ["E1", "E3"], date="2022-01-12"))
    assert group_reports(article) == []


def test_an_undated_report_between_two_dated_meetings_stays_undated():
    article = article_with(event("V1", "CONSULT", "040", ["E1", "E3"], date="2022-01-10"),
                           event("V2", "CONSULT", "040", ["E1", "E3"]),
                           event("V3", "CONSULT", "040", ["E3", "E1"], date="2022-01-12"),
                           event("V4", "CONSULT", "040", ["E3", "E1"], date="2022-01-12"))
    link_reports(article)
    assert article.events[1].date is None and article.events[1].linked == []
    assert article.events[2].linked == ["V4"]


def test_direction_matters_for_accusations():
    article = article_with(event("V1", "ACCUSE", "112", ["E1"], ["E4"]),
                           event("V2", "ACCUSE", "112", ["E4"], ["E1"], "2022-01-05"))
    link_reports(article)
    assert article.events[0].date is None and article.events[0].linked == []


def test_an_event_with_one_actor_is_not_linked():
    article = article_with(event("V1", "REJECT", "120", ["E1"]),
                           event("V2", "REJECT", "120", ["E2"], date="2022-01-05"))
    link_reports(article)
    assert article.events[0].date is None
