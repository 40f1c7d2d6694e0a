"""Documents as plain rows: what crosses from a reader to a worker, and from a worker back to the driver.

A document going in is a JSON object (its article fields and how it was read); a result coming back is
the document's table rows (``communique.scale.tables``) with its place in the input. Both are strings
and numbers only, so any engine's object store carries them, and none holds a spaCy object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from communique.article import Article
from communique.scale.tables import article_of, key_or_none, month_of, tables_of
from communique.sources import SourceDocument

Row = dict[str, Any]

ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "outlet", "published_inferred")


def encode_document(document: SourceDocument) -> str:
    """A document as read, before the pipeline, as one JSON string."""
    article = document.article
    fields = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    fields["errors"] = [[e.stage, e.message] for e in article.errors]
    return json.dumps({
        "article": fields, "runnable": document.runnable, "source": document.source,
        "echo_text": document.echo_text, "failed_source": document.failed_source,
    }, ensure_ascii=False)


def decode_document(encoded: str) -> SourceDocument:
    """The document back from ``encode_document``."""
    data = json.loads(encoded)
    fields = data["article"]
    errors = fields.pop("errors")
    article = Article(**fields)
    for stage, message in errors:
        article.add_error(stage, message)
    return SourceDocument(article, runnable=data["runnable"], source=data["source"],
                          echo_text=data["echo_text"], failed_source=data["failed_source"])


@dataclass(frozen=True, slots=True)
class Place:
    """Where a document is in the input: its shard and its number there (from 0)."""

    shard: str
    position: int


def result_row(document: SourceDocument, place: Place, pipeline: str) -> Row:
    """A processed document as a plain row: its place, its key (empty when it is not to be stored),
    its publication month and its table rows as JSON text."""
    key = key_or_none(document.article) if document.runnable else None
    return {
        "shard": place.shard,
        "position": place.position,
        "key": key or "",
        "month": month_of(document.article.published),
        "errors": len(document.article.errors),
        "runnable": document.runnable,
        "source": document.source,
        "echo_text": document.echo_text,
        "failed_source": document.failed_source,
        "tables": json.dumps(tables_of(document.article, key or "", document.source, pipeline),
                             ensure_ascii=False),
    }


def document_of(row: Row) -> SourceDocument:
    """The processed document back from its row, as the local engine would have yielded it."""
    article = article_of(json.loads(row["tables"]))
    return SourceDocument(article, runnable=bool(row["runnable"]), source=row["source"],
                          echo_text=bool(row["echo_text"]), failed_source=bool(row["failed_source"]))
