"""Search across the record: people and ensembles, works, places and events.

Its modules import one way, from the top down:

- `results`: what the search page shows, found by one of the two engines below;
- `postgres` (PostgreSQL's full-text and trigram search) | `word_index` (an in-process
  word index, on SQLite);
- `words`: how queries and names are folded and split, and when a word is a typo.

See docs/search.md.
"""
