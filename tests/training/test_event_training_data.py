"""The project's own event training set (training/events/*.jsonl) keeps its format."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from communique.events.lexicon import PLOVER_TYPES
from communique.events.modality import MODALITIES

EVENTS_DIR = Path(__file__).resolve().parents[2] / "training" / "events"
CAMEO_CODE = re.compile(r"\d{2,4}")


def _files() -> list[Path]:
    return sorted(EVENTS_DIR.glob("*.jsonl"))


def _records(path: Path) -> list[tuple[int, dict]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, json.loads(line)) for number, line in enumerate(lines, 1)]


def _span_problems(text: str, event: dict) -> list[str]:
    """Trigger and source must be in the text; the target may be null."""
    spans = {"trigger": event.get("trigger"), "source": event.get("source")}
    problems = [f"{key} {value!r} not in text" for key, value in spans.items()
                if not isinstance(value, str) or not value or value not in text]
    target = event.get("target")
    if target is not None and (not isinstance(target, str) or target not in text):
        problems.append(f"target {target!r} not in text")
    return problems


def _event_problems(text: str, event: dict) -> list[str]:
    problems = _span_problems(text, event)
    if event.get("plover") not in PLOVER_TYPES:
        problems.append(f"plover {event.get('plover')!r} is not a PLOVER type")
    if event.get("modality") not in MODALITIES:
        problems.append(f"modality {event.get('modality')!r} is not allowed")
    cameo = event.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and CAMEO_CODE.fullmatch(cameo)):
        problems.append(f"cameo {cameo!r} is not a CAMEO code")
    if event.get("mode") is not None and not isinstance(event["mode"], str):
        problems.append("mode is neither a string nor null")
    return problems


def record_problems(record: dict) -> list[str]:
    """Everything wrong with one line of the set (an empty list for a good line)."""
    text, events = record.get("text"), record.get("events")
    if not isinstance(text, str) or not text.strip():
        return ["text missing or empty"]
    if not isinstance(events, list):
        return ["events is not a list"]
    return [problem for event in events for problem in _event_problems(text, event)]


def test_the_set_has_files():
    assert _files(), f"no .jsonl files under {EVENTS_DIR}"


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_every_line_is_a_well_formed_record(path):
    problems = [f"{path.name}:{number}: {problem}"
                for number, record in _records(path) for problem in record_problems(record)]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_a_type_file_holds_its_type_and_a_none_file_holds_no_event(path):
    wanted = path.stem.upper()
    for number, record in _records(path):
        kinds = {event["plover"] for event in record["events"]}
        if path.stem.startswith("none"):
            assert not kinds, f"{path.name}:{number} has events"
        else:
            assert wanted in kinds, f"{path.name}:{number} has no {wanted} event"


def test_no_sentence_appears_twice():
    texts = Counter(record["text"] for path in _files() for _, record in _records(path))
    repeated = [text for text, count in texts.items() if count > 1]
    assert not repeated, repeated[:5]


def test_the_checker_rejects_a_bad_line():
    record = {"text": "Ruritania and Freedonia held talks in Geneva on Monday.",
              "events": [{"plover": "MEET", "trigger": "talks", "source": "Ruritania",
                          "target": "Atlantis", "modality": "certain", "cameo": "04x"}]}
    assert len(record_problems(record)) == 4


def test_the_checker_accepts_a_good_line_with_no_target():
    record = {"text": "Freedonia's army withdrew from the border town on Sunday.",
              "events": [{"plover": "RETREAT", "mode": None, "cameo": "0874", "trigger": "withdrew",
                          "source": "Freedonia's army", "target": None, "modality": "asserted"}]}
    assert record_problems(record) == []
