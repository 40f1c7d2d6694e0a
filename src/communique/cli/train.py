"""``communique train events``: fit the learned event layer on labelled sentences and write its model file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from communique.cli.common import EXIT_OK, UsageError, add_config_options, configure

TRAIN_EXAMPLES = """\
examples:
  communique train events --data training/events -o my-events.json.gz
  communique train events --data my-codebook.jsonl -o my-events.json.gz --model en_core_web_md
  communique extract news.jsonl --set stages.events.model=my-events.json.gz

Each line of the data is {"text": ..., "events": [{"plover", "cameo", "trigger", "source",
"target", ...}]}, trigger/source/target being substrings of the text; "events": [] marks a
sentence that reports no event. One sentence in five (by a hash of its text) is held out: its
figures are printed at the end, and the model's threshold is chosen on it.
exit status: 0 done, 2 usage error or bad training data.
"""


def add_train(commands: argparse._SubParsersAction) -> None:
    """``communique train``: fit a learned layer (one kind for now: ``events``)."""
    parser = commands.add_parser(
        "train", help="train the learned event layer on your own labelled sentences",
        description="Train a learned layer of the pipeline on labelled sentences.",
    )
    kinds = parser.add_subparsers(title="layers", metavar="LAYER", dest="layer", required=True)
    events = kinds.add_parser(
        "events", help="the event model: which clauses report an event, its PLOVER type and CAMEO root",
        description="Fit the learned event layer (logistic regression over parse features of each "
        "predicate) and write it with its sha256 beside it (MODEL.sha256).",
        epilog=TRAIN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    events.add_argument("--data", metavar="FILE", required=True,
                        help="a JSONL file of labelled sentences, or a folder of them (*.jsonl, recursively)")
    events.add_argument("-o", "--output", metavar="MODEL", required=True,
                        help="the model file to write (gzipped JSON); MODEL.sha256 is written beside it")
    add_config_options(events)
    events.set_defaults(func=train_events, prog=events.prog)


def train_events(args: argparse.Namespace) -> int:
    """Run ``communique train events``; returns the exit status."""
    from communique.events.model import write_model
    from communique.events.training import TrainingDataError, read_sentences, train, training_files
    from communique.stages.nlp import DEFAULT_MODEL, load_model

    data = Path(args.data).expanduser()
    if not data.exists():
        raise UsageError(f"no such file or folder: {data}")
    config = configure(args)
    spacy_model = str(config.get("stages", {}).get("nlp", {}).get("model", DEFAULT_MODEL))
    started = time.monotonic()
    try:
        sentences = read_sentences(training_files(data))
    except TrainingDataError as exc:
        raise UsageError(str(exc)) from exc
    if not sentences:
        raise UsageError(f"{data}: no labelled sentences")
    report: dict[str, Any] = {}
    try:
        model = train(sentences, load_model(spacy_model), spacy_model, report=report)
    except TrainingDataError as exc:
        raise UsageError(str(exc)) from exc
    output = Path(args.output).expanduser()
    digest = write_model(model, output)
    print_report(report, output, digest, time.monotonic() - started)
    return EXIT_OK


def print_report(report: dict[str, Any], output: Path, digest: str, seconds: float) -> None:
    """The held-out figures, then where the model went."""
    out = sys.stdout
    out.write(f"sentences: {report['train_sentences']} trained on, {report['sentences']} held out\n")
    for name in ("events", "events_at_half"):
        if name not in report:
            continue
        fig = report[name]
        label = "held-out events" if name == "events" else "at threshold 0.5"
        out.write(f"{label}: P {fig['p']:.3f}  R {fig['r']:.3f}  F1 {fig['f1']:.3f}  "
                  f"({fig['tp']} right of {fig['pred']} predicted, {fig['gold']} gold)\n")
    for name, fig in report.get("layer", {}).items():
        spurious = fig["no_event_sentences_with_events"]
        out.write(f"held-out {name}: type F1 {fig['type']['f1']:.3f} (P {fig['type']['p']:.3f})  "
                  f"dyad F1 {fig['dyad']['f1']:.3f} (P {fig['dyad']['p']:.3f})  "
                  f"no-event sentences given an event {spurious['count']} of {spurious['of']}\n")
    out.write(f"threshold: {report['threshold']:.2f} (the best dyad F0.5 of rules + model, held out)\n")
    out.write(f"model: {output} (sha256 {digest[:16]}...), {seconds:.0f} s\n")
