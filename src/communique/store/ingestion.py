"""An ingest run: documents not yet stored go through the pipeline; each result is stored as it comes."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from communique import __version__
from communique.runner import run
from communique.sources import SourceDocument
from communique.store.database import StoreBusy, StoreError, busy_message, is_busy
from communique.store.writer import article_key, stored_keys, write_article

MAX_REASONS = 5
"""Documents not stored whose reason the summary repeats; the rest are only counted (a source that
could not be read at all is always named)."""


@dataclass
class IngestStats:
    """What an ingest run did with each document it read."""

    read: int = 0
    stored: int = 0
    known: int = 0  # already in the store (or earlier in this run): not run again
    not_stored: int = 0  # unreadable, or its text was rejected: nothing to store
    with_errors: int = 0  # stored, but a stage reported a problem
    reasons: list[str] = field(default_factory=list)  # why the first few were not stored

    @property
    def errors(self) -> int:
        """Documents with a problem so far, for the progress bar."""
        return self.not_stored + self.with_errors


class Progress:
    """A tqdm bar on stderr: documents per second, ETA when the total is known, errors and skips so far."""

    def __init__(self, total: int | None, stats: IngestStats) -> None:
        from tqdm import tqdm  # imported here: only a terminal run shows a bar

        self.stats = stats
        self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def step(self) -> None:
        """One more document handled (stored, skipped or failed)."""
        self.bar.set_postfix(errors=self.stats.errors, known=self.stats.known, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def pipeline_label(config: Mapping[str, Any]) -> str:
    """Which code made the records: the version and the stages, stored with each article."""
    stages = " ".join(config.get("pipeline", {}).get("stages", []))
    return f"communique {__version__}: {stages}"


def ingest(
    documents: Iterable[SourceDocument],
    engine: Engine,
    config: Mapping[str, Any],
    workers: int = 1,
    progress: bool = False,
    total: int | None = None,
) -> IngestStats:
    """Run the pipeline over the documents not yet stored and store each result in its own transaction."""
    stats = IngestStats()
    bar = Progress(total, stats) if progress else None
    try:
        store_all(documents, engine, config, workers, stats, bar)
    finally:
        if bar:
            bar.close()
    return stats


def store_all(
    documents: Iterable[SourceDocument],
    engine: Engine,
    config: Mapping[str, Any],
    workers: int,
    stats: IngestStats,
    bar: Progress | None,
) -> None:
    """The run itself: skip what is stored, run the rest, store each result as it comes."""
    keys: deque[str | None] = deque()  # one per document sent to the pipeline, in order
    fresh = unseen(documents, engine, keys, stats, bar)
    first = next(fresh, None)
    if first is None:  # everything is stored already: do not even load the model
        return
    label = pipeline_label(config)
    results = run(chain([first], fresh), config, workers)
    try:
        for document in results:
            store(engine, document, keys.popleft(), label, stats)
            if bar:
                bar.step()
    finally:
        getattr(results, "close", lambda: None)()


def unseen(
    documents: Iterable[SourceDocument],
    engine: Engine,
    keys: deque[str | None],
    stats: IngestStats,
    progress: Progress | None,
) -> Iterator[SourceDocument]:
    """The documents whose key is neither in the store nor earlier in this run; their keys go to ``keys``.

    The key is taken before the pipeline runs, from the text as read, so a run restarted after
    a crash skips what the first one stored without parsing it again.
    """
    seen: set[str] = set()
    for document in documents:
        stats.read += 1
        key = key_of(document)
        if key is not None and (key in seen or stored_keys(engine, [key])):
            stats.known += 1
            if progress:
                progress.step()
            continue
        if key is not None:
            seen.add(key)
        keys.append(key)
        yield document


def key_of(document: SourceDocument) -> str | None:
    """The article key, or None for a document that will not be stored (unreadable, blank): blank
    texts share one key, and would otherwise count as duplicates of each other."""
    article = document.article
    if not document.runnable or not article.text.strip():
        return None
    return article_key(article.text, article.url)


def store(engine: Engine, document: SourceDocument, key: str | None, label: str, stats: IngestStats) -> None:
    """Write one pipeline result, or count why it is not written."""
    article = document.article
    if key is None or not article.text:
        stats.not_stored += 1
        if len(stats.reasons) < MAX_REASONS or document.failed_source:  # a whole source: always told
            why = "; ".join(f"{e.stage}: {e.message}" for e in article.errors) or "no text"
            stats.reasons.append(f"{document.source or article.id}: {why}")
        return
    try:
        written = write_article(engine, article, key, document.source, label)
    except IntegrityError as exc:  # records that break the schema's keys: the article is left out
        stats.not_stored += 1
        stats.reasons.append(f"{document.source or article.id}: cannot be stored: {exc.orig}")
        return
    except OperationalError as exc:
        if is_busy(exc):
            raise StoreBusy(busy_message(engine)) from exc
        raise StoreError(f"writing to the store failed: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"writing to the store failed: {exc}") from exc
    if written is None:
        stats.known += 1  # a concurrent ingest stored the same article first
        return
    stats.stored += 1
    stats.with_errors += bool(article.errors)
