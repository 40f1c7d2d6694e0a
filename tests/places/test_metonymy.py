"""Metonymic (government, people) versus literal uses of place names."""

from __future__ import annotations

import pytest

from communique.places.metonymy import is_metonymic


def metonymic(nlp, text, name):
    doc = nlp(text)
    start = text.index(name)
    return is_metonymic(doc, start, start + len(name))


@pytest.mark.parametrize(
    "text",
    [
        "Moscow rejects any expansion of the alliance.",
        "Officials said Washington was uncomfortable with the proposal.",
        "The enclave has lived under Moscow's protection for decades.",
        "The envoy called on Washington to drop its demands.",
        "Ministers held talks with Beijing about trade.",
    ],
)
def test_capital_standing_for_its_government_is_metonymic(nlp, text):
    name = next(n for n in ("Moscow", "Washington", "Beijing") if n in text)
    assert metonymic(nlp, text, name)


@pytest.mark.parametrize(
    "text",
    [
        "The delegations arrived in Moscow on Sunday.",
        "Snow closed Moscow's streets for a day.",
        "The conference will take place in Geneva next month.",
        "Thousands of tourists flew to Beijing for the games.",
    ],
)
def test_capital_as_a_location_is_literal(nlp, text):
    name = next(n for n in ("Moscow", "Geneva", "Beijing") if n in text)
    assert not metonymic(nlp, text, name)
