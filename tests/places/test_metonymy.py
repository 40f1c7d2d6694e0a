"""Metonymic (government, people) versus literal uses of place names, decided once for places and actors."""

from __future__ import annotations

import pytest

from communique.places.metonymy import is_metonymic
from communique.stages.actors import ActorsStage


@pytest.fixture()
def metonymic(parsed):
    """Run the actors stage, then ask the places-side decision for the first ``name`` in ``text``."""
    def decide(text, name, adjective=False):
        article = ActorsStage().process(parsed(text))
        start = text.index(name)
        return is_metonymic(article, start, start + len(name), adjective)
    return decide


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Moscow rejects any expansion of the alliance.", "Moscow"),
        ("Officials said Washington was uncomfortable with the proposal.", "Washington"),
        ("The enclave has lived under Moscow's protection for decades.", "Moscow"),
        ("The envoy called on Washington to drop its demands.", "Washington"),
        ("Ministers held talks with Beijing about trade.", "Beijing"),
        ("Portugal urged its neighbours to share the water.", "Portugal"),
    ],
)
def test_place_standing_for_its_government_is_metonymic(metonymic, text, name):
    assert metonymic(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The delegations arrived in Moscow on Sunday.", "Moscow"),
        ("Snow closed Moscow's streets for a day.", "Moscow"),
        ("The conference will take place in Geneva next month.", "Geneva"),
        ("Thousands of tourists flew to Beijing for the games.", "Beijing"),
        ("Portugal borders Spain to the east.", "Portugal"),
    ],
)
def test_place_as_a_location_is_literal(metonymic, text, name):
    assert not metonymic(text, name)


def test_adjective_of_a_country_is_never_metonymic(metonymic):
    assert not metonymic("Chinese officials rejected the plan.", "Chinese", adjective=True)


def test_place_inside_a_person_name_is_literal(metonymic):
    assert not metonymic("Paris Hilton said she would attend the gala.", "Paris")


def test_a_recalled_state_is_judged_by_its_role_in_the_sentence(parsed):
    acting = parsed("Tamil Nadu accused the federal government of delaying the water board.")
    located = parsed("Farmers in Tamil Nadu waited for the monsoon rains.")
    assert is_metonymic(acting, 0, len("Tamil Nadu"), recalled=True)
    start = located.text.index("Tamil Nadu")
    assert not is_metonymic(located, start, start + len("Tamil Nadu"), recalled=True)
