"""The learned event model file: linear classifiers over predicate features, checked by sha256 at load."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "communique-events-model/1"
NONE = "NONE"
"""The class of a predicate that reports no event."""
BUILTIN = "builtin"
"""The setting that names the model shipped in the package (``data/events_model.json.gz``)."""
BUILTIN_FILE = "events_model.json.gz"
VECTOR_PREFIX = "v"
"""Feature names of the token vector's dimensions: "v0", "v1", ..."""


class ModelError(ValueError):
    """A model file is missing, damaged or of another format; the message says which and why."""


@dataclass(slots=True)
class LinearClassifier:
    """A multinomial logistic regression: one weight row per feature, one column per class."""

    classes: list[str]
    features: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes)
    intercept: np.ndarray  # (n_classes,)
    vector_dims: np.ndarray = field(init=False)
    vector_rows: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        # the token vector's dimensions ("v0" ...) that the model kept, and their weight rows
        pairs = [(int(name[1:]), row) for name, row in self.features.items()
                 if name.startswith(VECTOR_PREFIX) and name[1:].isdigit()]
        self.vector_dims = np.array([d for d, _ in pairs], dtype=np.int64)
        self.vector_rows = np.array([r for _, r in pairs], dtype=np.int64)

    def probabilities(self, feats: dict[str, float], vector: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (softmax of the scores) for a feature dict and a token vector."""
        rows, values = [], []
        for name, value in feats.items():
            row = self.features.get(name)
            if row is not None:
                rows.append(row)
                values.append(value)
        # one gather and one product, not a row at a time: this is the layer's inner loop
        scores = self.intercept + np.asarray(values, dtype=np.float32) @ self.weights[rows]
        if vector is not None and len(self.vector_rows):
            scores = scores + vector[self.vector_dims] @ self.weights[self.vector_rows]
        if len(self.classes) == 2 and self.weights.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[0]))
            return np.array([1.0 - p, p])
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def best(self, feats: dict[str, float], vector: np.ndarray | None = None) -> tuple[str, float]:
        """The most probable class and its probability."""
        probs = self.probabilities(feats, vector)
        n = int(np.argmax(probs))
        return self.classes[n], float(probs[n])

    def best_event(self, feats: dict[str, float], vector: np.ndarray | None = None) -> tuple[str, float]:
        """The most probable class other than NONE, and the probability that there is an event
        at all (1 - P(NONE)): a predicate split between two types is still an event."""
        probs = self.probabilities(feats, vector)
        events = [(float(p), c) for c, p in zip(self.classes, probs, strict=True) if c != NONE]
        if not events:
            return NONE, 0.0
        return max(events)[1], float(sum(p for p, _ in events))

    def to_json(self) -> dict[str, Any]:
        names = sorted(self.features, key=self.features.__getitem__)
        return {
            "classes": self.classes,
            "features": names,
            "weights": [[round(float(w), 5) for w in row] for row in self.weights],
            "intercept": [round(float(b), 5) for b in self.intercept],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearClassifier:
        names = data["features"]
        weights = np.asarray(data["weights"], dtype=np.float32).reshape(len(names), -1)
        return cls(list(data["classes"]), {n: i for i, n in enumerate(names)}, weights,
                   np.asarray(data["intercept"], dtype=np.float32))


@dataclass(slots=True)
class EventModel:
    """The event classifier (PLOVER type or NONE), the CAMEO root classifier and their threshold."""

    events: LinearClassifier
    cameo: LinearClassifier
    threshold: float
    spacy_model: str
    heldout: dict[str, Any] = field(default_factory=dict)
    taught: frozenset[str] = frozenset()
    """Lemmas the training set has as event triggers at least twice: the only words the layer codes."""

    def knows(self, lemma: str) -> bool:
        """True when the training set taught the model this word as a trigger."""
        return lemma in self.taught

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "spacy_model": self.spacy_model, "threshold": self.threshold,
                "heldout": self.heldout, "events": self.events.to_json(), "cameo": self.cameo.to_json(),
                "taught": sorted(self.taught)}


def write_model(model: EventModel, path: Path) -> str:
    """Write the model as gzipped JSON (byte for byte the same for the same model) and its
    ``.sha256`` beside it; returns the digest."""
    raw = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(raw)
    data = buffer.getvalue()
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    Path(f"{path}.sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def expected_digest(path: Path) -> str:
    """The sha256 written beside a model file when it was built."""
    sidecar = Path(f"{path}.sha256")
    if not sidecar.is_file():
        raise ModelError(f"{path}: no {sidecar.name} beside it; rebuild it with `communique train events`")
    return sidecar.read_text(encoding="utf-8").split()[0]


def read_model(path: Path) -> EventModel:
    """Read and check a model file; raises ``ModelError`` when it is missing, altered or foreign."""
    if not path.is_file():
        raise ModelError(f"no such event model file: {path}")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_digest(path):
        raise ModelError(f"{path}: its sha256 differs from {path.name}.sha256; the file was altered")
    try:
        payload = json.loads(gzip.decompress(data))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: not a gzipped JSON event model ({exc})") from exc
    if payload.get("format") != FORMAT:
        raise ModelError(f"{path}: format {payload.get('format')!r}, expected {FORMAT!r}")
    return EventModel(LinearClassifier.from_json(payload["events"]), LinearClassifier.from_json(
        payload["cameo"]), float(payload["threshold"]), payload["spacy_model"], payload.get("heldout", {}),
        frozenset(payload.get("taught", ())))


def builtin_path() -> Path:
    """The model file shipped in the package."""
    return Path(str(files("communique.data") / BUILTIN_FILE))


@lru_cache(maxsize=4)
def load_model(name: str) -> EventModel:
    """The model a setting names (``builtin`` or a file path), read once per process."""
    path = builtin_path() if name == BUILTIN else Path(name).expanduser()
    return read_model(path)
