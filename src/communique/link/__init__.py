"""Linking: which reports in an article tell of the same real-world event."""
