"""Fixtures of the learned event layer: a tiny made-up training set and the model trained on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.events.model import EventModel
from communique.events.training import read_sentences, train
from communique.stages.nlp import DEFAULT_MODEL

TINY_TRAINING = Path(__file__).parent / "data" / "tiny_training.jsonl"
"""Made-up sentences: "strafed"/"pummelled" attacks and "snubbed" rejections (verbs the trigger
lexicon lacks), and sentences that report no event."""


@pytest.fixture(scope="session")
def tiny_report() -> dict:
    return {}


@pytest.fixture(scope="session")
def tiny_model(nlp, tiny_report) -> EventModel:
    """The event model trained on the tiny set."""
    return train(read_sentences([TINY_TRAINING]), nlp, DEFAULT_MODEL, report=tiny_report)
