"""Time expressions: finding them, normalising them to TIMEX3, and the dateline they resolve against."""
