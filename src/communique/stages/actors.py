"""Actors: the people, organisations, countries, IGOs, groups and outlets an article mentions."""

from __future__ import annotations

from communique.actors import coref, headlines, mentions, roles
from communique.actors.acronyms import link_acronyms
from communique.actors.parse import Parse
from communique.actors.registry import Registry
from communique.actors.vocabulary import load_vocabulary
from communique.article import Article
from communique.stage import Stage


class ActorsStage(Stage):
    """Fills ``entities``: named mentions from vocabularies, titles and spaCy's NER, then
    coreferent role nouns, definite descriptions and pronouns.

    See ``communique.actors.metonymy.is_metonymic`` for the places stage.
    """

    name = "actors"
    requires = ("doc",)
    assigns = ("entities",)

    def process(self, article: Article) -> Article:
        if article.doc is None or not len(article.doc):
            return article
        doc = Parse(article.doc)
        vocab = load_vocabulary()
        registry = Registry()
        claimed: list = [None] * len(doc)
        matches = mentions.find_names(doc, vocab)
        mentions.add_names(doc, matches, registry, claimed)
        mentions.add_bodies(doc, vocab, registry, claimed)
        headlines.confirm_headline_names(doc, claimed)
        roles.add_people(doc, vocab, registry, claimed)
        mentions.add_coordinated_adjectives(doc, matches, registry)
        mentions.add_datelines(doc, registry, claimed)
        mentions.add_other_entities(doc, vocab, registry, claimed)
        mentions.add_unlabelled_names(doc, vocab, registry, claimed)
        mentions.add_repeated_names(doc, vocab, registry, claimed)
        link_acronyms(doc, registry)
        coref.resolve(doc, vocab, registry, claimed)
        article.entities = registry.entities()
        article.forget_mention_index()
        return article
