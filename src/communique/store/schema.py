"""The store's tables (SQLAlchemy Core): one row per article and per record, each with its offsets.

Records are keyed by ``(article_id, id)``, where ``id`` is the article-local id of the contract
("E1", "Q2", "V3", ...), so a stored record reads exactly like the JSON line it came from.
Text columns have no length limit: the pipeline's vocabularies (sectors, modes, codes) grow, and
PostgreSQL refuses a value one character over a VARCHAR limit. Changing a table here needs a new
Alembic revision under ``migrations/versions``; a test compares the migrated database with these
definitions.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

# Explicit constraint names keep migrations portable between SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def article_ref() -> Column:
    """The article a record belongs to; deleting an article deletes its records."""
    return Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def span(prefix: str, nullable: bool = False) -> tuple[Column, Column]:
    """A ``[start, end)`` character offset pair into the article's text."""
    return (
        Column(f"{prefix}start", Integer, nullable=nullable),
        Column(f"{prefix}end", Integer, nullable=nullable),
    )


articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # sha256 of the text, and of url + text when a URL is given: what makes re-ingesting a no-op.
    Column("key", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("doc_id", Text, nullable=False),
    Column("source", Text),
    Column("url", Text, index=True),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Text, index=True),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("pipeline", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    article_ref(),
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("country", Text, index=True),
    Column("sector", Text),
    Column("code", Text, index=True),
    Column("title", Text),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Integer, primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    *span(""),
    ForeignKeyConstraint(
        ["article_id", "entity_id"], ["entities.article_id", "entities.id"], ondelete="CASCADE"
    ),
)

quotes = Table(
    "quotes",
    metadata,
    article_ref(),
    Column("id", Text, primary_key=True),
    *span(""),
    Column("text", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("speaker", Text),
    *span("speaker_", nullable=True),
    *span("cue_", nullable=True),
    Column("channel", Text),
    *span("channel_", nullable=True),
    Column("attribution", Text, nullable=False, index=True, default="speech", server_default="speech"),
    Column("pieces", JSON),
)

events = Table(
    "events",
    metadata,
    article_ref(),
    Column("id", Text, primary_key=True),
    Column("plover", Text, nullable=False, index=True),
    Column("mode", Text),
    Column("context", JSON, nullable=False),
    Column("cameo", Text, index=True),
    *span("trigger_"),
    *span("sentence_"),
    Column("date", Text, index=True),
    Column("location", Text),
    Column("modality", Text, nullable=False),
    Column("quote", Text),
    Column("goldstein", Float),
    Column("quad_class", Text),
    Column("confidence", Float, nullable=False),
    Column("coded_by", Text, nullable=False, server_default="rules"),  # "rules" or "model"
    Column("linked", JSON, nullable=False),  # ids of events in the same article reporting the same event
    # The linker looks up stored events of one type and a date range for every article written.
    Index(None, "plover", "date"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("article_id", Integer, primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("role", Text, primary_key=True),  # "source" or "target"
    Column("position", Integer, primary_key=True),
    Column("entity_id", Text, nullable=False),
    ForeignKeyConstraint(["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"),
    Index(None, "article_id", "entity_id"),
)

# The mentions an event used, apart from its actors: the contract's source_spans/target_spans lists
# need not run parallel to source/target (an actor named twice in the sentence has two spans).
event_spans = Table(
    "event_spans",
    metadata,
    Column("article_id", Integer, primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("role", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    *span(""),
    ForeignKeyConstraint(["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"),
)

times = Table(
    "times",
    metadata,
    article_ref(),
    Column("id", Text, primary_key=True),
    *span(""),
    Column("text", Text, nullable=False),
    Column("value", Text),
    Column("type", Text, nullable=False),
)

places = Table(
    "places",
    metadata,
    article_ref(),
    Column("id", Text, primary_key=True),
    *span(""),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", Text),
    Column("feature", Text),
    Column("metonymic", Boolean, nullable=False, default=False),
    Column("approximate", Boolean, nullable=False, default=False, server_default=false()),
    Column("resolved_by", Text),
)

errors = Table(
    "errors",
    metadata,
    article_ref(),
    Column("position", Integer, primary_key=True),
    Column("stage", Text, nullable=False),
    Column("message", Text, nullable=False),
)

# A story is one real-world event, however many reports of it the store holds. Its date is the most
# precise its reports give (they are all compatible, so it is compatible with each of them) and its
# place the first known one; the linker compares a new report with these alone.
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("date", Text),
    Column("geonameid", Integer),
)

# Every stored event's story: one row per event, written in the article's transaction.
event_links = Table(
    "event_links",
    metadata,
    Column("article_id", Integer, primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
    ForeignKeyConstraint(["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"),
)

RECORD_TABLES = (entities, mentions, quotes, events, event_actors, event_spans, times, places, errors)
"""Every table hanging off ``articles``, parents before children (the insert order)."""

# Canonical actors: one row per real-world actor, however many articles name it. ``origin`` is
# "inferred" (made by the resolver from the articles) or "imported" (a user's dictionary entry, which
# the resolver never overwrites). ``key`` is the normalised canonical name.
actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False, index=True),
    Column("country", Text),
    Column("sector", Text),
    Column("code", Text, index=True),
    Column("origin", Text, nullable=False),
    # What the actor was made for ("person:anatoly antonov", "person:anatoly antonov:RUS"): unique, so two
    # ingests running at once cannot both create the same actor (the second's insert waits for the
    # first's transaction, then finds its row). None for an actor that claims no name: a person known
    # only by a description, a surname that stayed ambiguous, an imported entry.
    Column("claim", Text),
    Index(None, "claim", unique=True),
)

# Every name an actor goes by, normalised (``alias``) and as written (``name``), with why it joined.
actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("last_word", Text, index=True),  # of a name of two words or more: what a surname alone matches
    Index(None, "alias"),
)

# A person's roles: each article that states one (``article_id``, seen on its publication date), or an
# imported role with the period it holds.
actor_roles = Table(
    "actor_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", Text, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE")),
    Column("seen", Text),
    Column("valid_from", Text),
    Column("valid_to", Text),
)

# Every stored entity's actor, with the evidence that put it there ("name", "surname", "acronym", ...).
entity_actors = Table(
    "entity_actors",
    metadata,
    Column("article_id", Integer, primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("evidence", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "entity_id"], ["entities.article_id", "entities.id"], ondelete="CASCADE"
    ),
)
