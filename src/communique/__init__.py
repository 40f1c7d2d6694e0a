"""communique: reads news and writes down who did what to whom, when, where, and who said so."""

from communique.article import Article, Entity, Event, Place, Quote, Time
from communique.pipeline import Pipeline, build_pipeline

__all__ = ["Article", "Entity", "Event", "Pipeline", "Place", "Quote", "Time", "build_pipeline"]
__version__ = "0.1.0"
