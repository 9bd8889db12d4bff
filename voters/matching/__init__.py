"""Finding petitions and opinions that raise the same issue (see matcher.py for the score)."""
