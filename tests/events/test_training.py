"""Tests for training the event model: reading labelled sentences, labelling predicates, held-out figures."""

from __future__ import annotations

import json

import pytest

from communique.events.training import (
    LabelledSentence,
    TrainingDataError,
    label_of,
    read_sentences,
    training_files,
)


def _write(tmp_path, *lines):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_training_spans_are_first_occurrences_in_the_text(tmp_path):
    text = "Ruritania snubbed Freedonia, and Freedonia protested."
    path = _write(tmp_path, {"text": text, "events": [
        {"plover": "reject", "cameo": "120", "trigger": "snubbed", "source": "Ruritania",
         "target": "Freedonia"}]})
    (sentence,) = read_sentences([path])
    event = sentence.events[0]
    assert event.plover == "REJECT"
    assert text[slice(*event.trigger)] == "snubbed" and event.target == (18, 27)


def test_training_a_span_missing_from_the_text_names_the_line(tmp_path):
    met = {"text": "Ruritania met Freedonia.", "events": [
        {"plover": "CONSULT", "trigger": "talked", "source": "Ruritania", "target": None}]}
    path = _write(tmp_path, {"text": "It rained.", "events": []}, met)
    with pytest.raises(TrainingDataError, match=r"set\.jsonl:2: trigger 'talked'"):
        read_sentences([path])


def test_training_an_unknown_type_is_refused(tmp_path):
    path = _write(tmp_path, {"text": "Ruritania met Freedonia.", "events": [
        {"plover": "GREET", "trigger": "met", "source": "Ruritania"}]})
    with pytest.raises(TrainingDataError, match="GREET"):
        read_sentences([path])


def test_training_a_repeated_sentence_counts_once(tmp_path):
    line = {"text": "Prices rose in March.", "events": []}
    assert len(read_sentences([_write(tmp_path, line, line)])) == 1


def test_training_folder_reads_every_jsonl_file_in_order(tmp_path):
    (tmp_path / "b.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert [p.name for p in training_files(tmp_path)] == ["a.jsonl", "b.jsonl"]


def test_training_heldout_split_depends_on_the_text_only():
    sentences = [LabelledSentence(f"Sentence number {n} about the weather.") for n in range(200)]
    held = [s.text for s in sentences if s.heldout]
    assert 20 < len(held) < 60  # one in five, by hash
    assert held == [s.text for s in reversed(sentences) if s.heldout][::-1]


def test_training_predicate_inside_the_gold_trigger_takes_its_type(nlp, tmp_path):
    text = "Freedonian jets strafed the town."
    path = _write(tmp_path, {"text": text, "events": [
        {"plover": "ASSAULT", "cameo": "195", "trigger": "strafed", "source": "Freedonian jets",
         "target": "the town"}]})
    (sentence,) = read_sentences([path])
    doc = nlp(text)
    assert label_of(doc[2], sentence) == ("ASSAULT", "19")
    assert label_of(doc[4], sentence)[0] == "NONE"


def test_training_reports_heldout_figures_and_a_threshold(tiny_model, tiny_report):
    assert tiny_report["sentences"] + tiny_report["train_sentences"] == 32
    assert 0.3 <= tiny_report["threshold"] <= 0.9 and tiny_model.threshold == tiny_report["threshold"]
    assert set(tiny_report["layer"]) == {"rules", "rules+model", "rules+model (clause gaps)",
                                         "rules+model (new words)", "rules+model (all words)"}
    assert set(tiny_model.events.classes) == {"NONE", "ASSAULT", "REJECT"}
