"""Actors: finding the people, organisations, countries and groups a news article mentions."""
