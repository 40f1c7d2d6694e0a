"""Training the event model from labelled sentences: read, parse, label predicates, fit, hold out, score."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from communique.events.features import predicate_features, predicates, token_vector, vector_features
from communique.events.heldout import RuleCoding, Tally, rule_coding, score
from communique.events.learned import LayerSettings
from communique.events.lexicon import PLOVER_TYPES, Lexicon, load_lexicon
from communique.events.model import NONE, EventModel, LinearClassifier

MODALITIES = frozenset({"asserted", "planned", "reported", "denied", "negated", "hypothetical"})
HELDOUT_SHARE = 5
"""One sentence in five (by a hash of its text, so the split never depends on file order) is
held out to measure the model and choose its threshold."""
MIN_TAUGHT = 2
"""A word is taught as a trigger by two training sentences at least (one may be a slip)."""
MIN_FEATURE_COUNT = 2
"""A feature seen in fewer training predicates is dropped: it keeps the model file small."""
REGULARISATION = 1.0
"""Inverse L2 strength (scikit-learn's C); 0.3, 1 and 3 were tried on the held-out split of the
project's training set (issue 11), 1 gave the best event F1 there."""
THRESHOLDS = tuple(round(0.30 + 0.05 * n, 2) for n in range(13))
PRECISION_WEIGHT = 0.5
"""F-beta with beta 0.5 picks the threshold: a spurious event costs more than a missed one."""


class TrainingDataError(ValueError):
    """A line of a training file is malformed; the message names the file and line."""


@dataclass(slots=True)
class LabelledEvent:
    """One gold event of a training sentence, its spans as character offsets."""

    plover: str
    cameo: str | None
    trigger: tuple[int, int]
    source: tuple[int, int] | None
    target: tuple[int, int] | None


@dataclass(slots=True)
class LabelledSentence:
    """A training sentence and its events (none for a sentence that reports no event)."""

    text: str
    events: list[LabelledEvent] = field(default_factory=list)

    @property
    def heldout(self) -> bool:
        return int(hashlib.sha256(self.text.encode()).hexdigest(), 16) % HELDOUT_SHARE == 0


def _span(text: str, part: str | None, where: str, name: str) -> tuple[int, int] | None:
    if part is None or part == "":
        return None
    start = text.find(part)
    if start < 0:
        raise TrainingDataError(f"{where}: {name} {part!r} is not a substring of the text")
    return start, start + len(part)


def parse_event(text: str, raw: dict[str, Any], where: str) -> LabelledEvent:
    """One event object of a training line; its spans are the first occurrences in the text."""
    plover = str(raw.get("plover", "")).upper()
    if plover not in PLOVER_TYPES:
        raise TrainingDataError(f"{where}: plover {raw.get('plover')!r} is not a PLOVER type")
    trigger = _span(text, raw.get("trigger"), where, "trigger")
    if trigger is None:
        raise TrainingDataError(f"{where}: an event needs a trigger")
    cameo = raw.get("cameo")
    return LabelledEvent(plover, str(cameo) if cameo else None, trigger,
                         _span(text, raw.get("source"), where, "source"),
                         _span(text, raw.get("target"), where, "target"))


def read_sentences(paths: Iterable[Path]) -> list[LabelledSentence]:
    """Every labelled sentence of the files (JSONL: ``{"text", "events": [...]}``), duplicates once."""
    found: dict[str, LabelledSentence] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except ValueError as exc:
                raise TrainingDataError(f"{where}: not JSON ({exc})") from exc
            if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
                raise TrainingDataError(f"{where}: expected an object with a \"text\"")
            text = raw["text"]
            events = [parse_event(text, e, where) for e in raw.get("events") or []]
            found.setdefault(text, LabelledSentence(text, events))
    return list(found.values())


def training_files(data: Path) -> list[Path]:
    """A JSONL file, or every ``*.jsonl`` under a folder, in sorted order."""
    if data.is_dir():
        return sorted(data.rglob("*.jsonl"))
    return [data]


@dataclass(slots=True)
class Example:
    """One predicate of a parsed training sentence: its features and its gold label."""

    feats: dict[str, float]
    label: str
    cameo: str | None
    heldout: bool
    lemma: str = ""


def taught_lemmas(items: list[Example]) -> frozenset[str]:
    """Lemmas that trigger a gold event in at least ``MIN_TAUGHT`` of the examples."""
    counts: dict[str, int] = {}
    for item in items:
        if item.label != NONE:
            counts[item.lemma] = counts.get(item.lemma, 0) + 1
    return frozenset(lemma for lemma, n in counts.items() if n >= MIN_TAUGHT)


def label_of(token, sentence: LabelledSentence) -> tuple[str, str | None]:
    """The gold type (and CAMEO root) of the event whose trigger holds the token, else NONE."""
    start, end = token.idx, token.idx + len(token.text)
    for event in sentence.events:
        if start < event.trigger[1] and event.trigger[0] < end:
            return event.plover, (event.cameo or "")[:2] or None
    return NONE, None


def examples(sentences: list[LabelledSentence], docs: list, lex: Lexicon) -> list[Example]:
    """A labelled example for every predicate of every sentence."""
    found = []
    for sentence, doc in zip(sentences, docs, strict=True):
        for token in predicates(doc[:]):
            label, cameo = label_of(token, sentence)
            feats = {**predicate_features(token, lex), **vector_features(token_vector(token))}
            found.append(Example(feats, label, cameo, sentence.heldout, token.lemma_.lower()))
    return found


def vocabulary(rows: list[dict[str, float]]) -> dict[str, int]:
    """Features seen in at least ``MIN_FEATURE_COUNT`` rows, numbered in sorted order."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, n in counts.items() if n >= MIN_FEATURE_COUNT)
    return {name: i for i, name in enumerate(kept)}


def matrix(rows: list[dict[str, float]], vocab: dict[str, int]):
    """The rows as a sparse matrix over the vocabulary."""
    from scipy.sparse import csr_matrix

    data, cols, pointers = [], [], [0]
    for row in rows:
        for name, value in sorted(row.items()):
            col = vocab.get(name)
            if col is not None:
                data.append(value)
                cols.append(col)
        pointers.append(len(cols))
    return csr_matrix((np.asarray(data, dtype=np.float64), cols, pointers), shape=(len(rows), len(vocab)))


def fit(rows: list[dict[str, float]], labels: list[str]) -> LinearClassifier:
    """A multinomial logistic regression over the rows (deterministic: lbfgs, fixed seed)."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(rows)
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise TrainingDataError(f"training needs at least two classes; the data has only {classes}")
    model = LogisticRegression(C=REGULARISATION, max_iter=3000, random_state=0)
    model.fit(matrix(rows, vocab), labels)
    weights, intercept = model.coef_.T, model.intercept_
    if len(model.classes_) == 2:  # scikit-learn keeps one column for two classes: spell both out
        weights = np.hstack([-weights / 2, weights / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearClassifier([str(c) for c in model.classes_], vocab, weights.astype(np.float32),
                            intercept.astype(np.float32))


def fit_cameo(items: list[Example]) -> LinearClassifier:
    """The CAMEO root classifier, over the predicates that trigger an event with a code."""
    coded = [e for e in items if e.label != NONE and e.cameo]
    rows = [{**e.feats, f"plover={e.label}": 1.0} for e in coded]
    labels = [e.cameo or "" for e in coded]
    if len(set(labels)) < 2:
        rows, labels = [*rows, {"bias": 1.0}], [*labels, "00" if "00" not in labels else "01"]
    return fit(rows, labels)


def predicate_counts(model: EventModel, items: list[Example], threshold: float) -> Tally:
    """Predicate-level scores: a predicted event is right when its type is the gold one."""
    counts = Tally()
    for item in items:
        label, prob = model.events.best_event(item.feats)
        predicted = label != NONE and prob >= threshold and model.knows(item.lemma)
        counts.gold += item.label != NONE
        counts.pred += predicted
        counts.tp += predicted and label == item.label
    return counts


def f_beta(figures: dict[str, float], beta: float = PRECISION_WEIGHT) -> float:
    p, r = figures["p"], figures["r"]
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def choose_threshold(model: EventModel, items: list[Example]) -> float:
    """The threshold with the best F0.5 over the held-out predicates (the model's own precision,
    whatever the rules cover); the highest of equals, as fewer events are the safer side."""
    scored = [(round(f_beta(predicate_counts(model, items, t).figures()), 4), t) for t in THRESHOLDS]
    return max(scored)[1]


def layer_report(model: EventModel, sentences: list[LabelledSentence], docs: list,
                 codings: list[RuleCoding], lex: Lexicon) -> dict[str, Any]:
    """Held-out figures of the rules alone and with the model: the default layer (lexicon words the
    rules dropped, in sentences with no rule event), in clause gaps, and on the words the lexicon
    lacks (on written sentences the rules code nearly every lexicon word, so that is where a
    model for a new codebook shows what it adds)."""
    return {
        "rules": score(sentences, docs, codings, lex, None, LayerSettings()),
        "rules+model": score(sentences, docs, codings, lex, model, LayerSettings("sentence")),
        "rules+model (clause gaps)": score(sentences, docs, codings, lex, model, LayerSettings("clause")),
        "rules+model (new words)": score(sentences, docs, codings, lex, model,
                                         LayerSettings("sentence", words="new")),
        "rules+model (all words)": score(sentences, docs, codings, lex, model,
                                         LayerSettings("sentence", words="all")),
    }


def train(sentences: list[LabelledSentence], nlp, spacy_model: str, lex: Lexicon | None = None,
          report: dict[str, Any] | None = None) -> EventModel:
    """Fit on the training split, measure and choose the threshold on the held-out split, then fit
    again on everything; ``report`` receives the held-out figures."""
    lex = lex or load_lexicon()
    docs = list(nlp.pipe([s.text for s in sentences], batch_size=64))
    items = examples(sentences, docs, lex)
    train_items = [e for e in items if not e.heldout]
    held = [e for e in items if e.heldout]
    first = EventModel(fit([e.feats for e in train_items], [e.label for e in train_items]),
                       fit_cameo(train_items), THRESHOLDS[len(THRESHOLDS) // 2], spacy_model,
                       taught=taught_lemmas(train_items))
    held_sentences = [s for s in sentences if s.heldout]
    held_docs = [d for s, d in zip(sentences, docs, strict=True) if s.heldout]
    codings = [rule_coding(doc, lex) for doc in held_docs]
    if held:
        first.threshold = choose_threshold(first, held)
    threshold = first.threshold
    heldout = {
        "sentences": len(held_sentences), "train_sentences": len(sentences) - len(held_sentences),
        "threshold": threshold, "events": predicate_counts(first, held, threshold).figures(),
        "events_at_half": predicate_counts(first, held, 0.5).figures(),
        "layer": layer_report(first, held_sentences, held_docs, codings, lex),
    }
    if report is not None:
        report.update(heldout)
    final = fit([e.feats for e in items], [e.label for e in items])
    return EventModel(final, fit_cameo(items), threshold, spacy_model, heldout, taught_lemmas(items))
