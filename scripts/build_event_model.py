#!/usr/bin/env python3
"""Rebuild the shipped event model (src/communique/data/events_model.json.gz) from training/events.

The same training files and the same spaCy model give the same model: the split is by a hash of
each sentence, the solver is deterministic, the file is gzipped with no timestamp. The held-out
figures are printed and stored in the model; tests/scripts/test_build_event_model.py checks that a
rebuild gives the same figures.

    python scripts/build_event_model.py [--data training/events] [-o src/communique/data/events_model.json.gz]
    python scripts/build_event_model.py --check    # rebuild in a temporary file, compare with the shipped one
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_THRESHOLD = 0.70
"""The shipped model's threshold, chosen on the dev suites (events/plv_train, plover_gsr,
petr2_gsr, seed/antonov; 2026-12-04, second round), which are measured, never trained on: with the
layer judging the lexicon words the rules dropped (`model_words = "lexicon"`), 0.5 coded seed/antonov
events the rules had left out on purpose (type_f1 0.897 -> 0.839), 0.7 and above lowered no figure
and raised plover_gsr type_f1 0.705 -> 0.711. Letting the model code words the lexicon lacks
("all") scored the same on the suites but 18 of 25 of its events on campaign news were no events
(docs/events-model.md). `communique train events` keeps the held-out choice."""
DATA = ROOT / "training" / "events"
OUTPUT = ROOT / "src" / "communique" / "data" / "events_model.json.gz"


def build(data: Path, output: Path) -> dict:
    """Train on every ``*.jsonl`` under ``data``, write the model and its sha256; the held-out report."""
    from communique.events.model import write_model
    from communique.events.training import read_sentences, train, training_files
    from communique.stages.nlp import DEFAULT_MODEL, load_model

    sentences = read_sentences(training_files(data))
    report: dict = {}
    model = train(sentences, load_model(DEFAULT_MODEL), DEFAULT_MODEL, report=report)
    model.threshold = SHIPPED_THRESHOLD
    report["sha256"] = write_model(model, output)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the training files (default: training/events)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="the model file to write")
    parser.add_argument("--check", action="store_true",
                        help="rebuild into a temporary file and compare its figures and bytes with --output")
    args = parser.parse_args(argv)
    if not args.check:
        report = build(args.data, args.output)
        print(json.dumps(report, indent=1, sort_keys=True))
        return 0
    from communique.events.model import read_model

    shipped = read_model(args.output)
    with tempfile.TemporaryDirectory() as tmp:
        report = build(args.data, Path(tmp) / OUTPUT.name)
    same_scores = {k: v for k, v in report.items() if k != "sha256"} == shipped.heldout
    same_bytes = report["sha256"] == Path(f"{args.output}.sha256").read_text().split()[0]
    print(f"same held-out figures: {same_scores}; same bytes: {same_bytes}")
    return 0 if same_scores else 1


if __name__ == "__main__":
    sys.exit(main())
