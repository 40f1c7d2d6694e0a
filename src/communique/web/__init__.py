"""The web layer: ``communique serve``'s JSON API and browser app over the event store."""
