"""The event actor audit: its three counts on a hand-made extract output."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("event_actor_audit", ROOT / "scripts" / "event_actor_audit.py")
audit_module = importlib.util.module_from_spec(spec)
sys.modules["event_actor_audit"] = audit_module
spec.loader.exec_module(audit_module)

HEADLINE = "Maria Okafor Promises Action On Ferry Link"
TEXT = HEADLINE + "\n\nMaria Okafor, a senator, met Freedonia's envoy on Monday and praised the port."


def _event(source, target, source_spans=(), target_spans=()):
    return {"plover": "CONSULT", "source": list(source), "target": list(target),
            "source_spans": [list(s) for s in source_spans], "target_spans": [list(s) for s in target_spans]}


def _write(tmp_path, events):
    freedonia = TEXT.index("Freedonia")
    entities = [
        {"id": "E1", "name": "Maria Okafor", "mentions": [[0, 12], [len(HEADLINE) + 2, len(HEADLINE) + 14]]},
        {"id": "E2", "name": "Freedonia", "mentions": [[freedonia, freedonia + 9]]},
        {"id": "E3", "name": "Maria Okafor Promises Action", "mentions": [[0, 28]]},
        {"id": "E4", "name": "maria okafor", "mentions": []},
    ]
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "d1", "entities": entities, "events": events}) + "\n", "utf-8")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n", "utf-8")
    return str(out), audit_module.read_texts(str(inp))


def test_audit_counts_each_error_once_per_event(tmp_path):
    path, texts = _write(tmp_path, [
        _event(["E1"], ["E2"]),             # fine
        _event([], ["E2"]),                 # no source
        _event(["E1"], ["E4"]),             # same name as the source
        _event(["E3"], ["E2"]),             # a headline fragment as source
    ])
    counts, _ = audit_module.audit(path, texts)
    assert counts == {"events": 4, "no_source": 1, "source_is_target": 1, "headline_fragment": 1}


def test_audit_headline_detection_needs_every_word_capitalised():
    assert audit_module.is_title_case(HEADLINE)
    assert not audit_module.is_title_case("Maria Okafor promises action on the ferry link")


def test_audit_an_acronym_in_a_headline_is_no_title_case_fragment():
    body_line = "The dockers voted on Monday to stay out. "
    text = "Ferry Union Leaders Back The FPU Strike Plan\n\n" + body_line * 3
    start = text.index("FPU")
    headlines = audit_module.title_case_ranges(text)
    body = audit_module.body_text(text, headlines)
    union = {"id": "E1", "name": "Ferry Pilots Union", "mentions": [[start, start + 3]]}
    words = {"id": "E2", "name": "Ferry Union Leaders", "mentions": [[0, 19]]}
    assert not audit_module.is_headline_fragment(union, text, headlines, body)
    assert audit_module.is_headline_fragment(words, text, headlines, body)


def test_audit_a_name_the_body_writes_as_the_headline_does_is_no_fragment():
    text = "Dockers Defy The Harbour Board Again\n\n" + "The dockers voted on Monday to stay out. " * 3
    headlines = audit_module.title_case_ranges(text)
    body = audit_module.body_text(text, headlines)
    # an entity named by its canonical name, written "Dockers" in the headline and "dockers" after it
    union = {"id": "E1", "name": "Dock Workers Union", "mentions": [[0, 7]]}
    assert audit_module.is_headline_fragment(union, text, headlines, body)
    capitalised = text.replace("The dockers voted", "The Dockers voted")
    body = audit_module.body_text(capitalised, headlines)
    assert not audit_module.is_headline_fragment(union, capitalised, headlines, body)
