"""Reader of the New York Philharmonic performance history (CC0 JSON release)."""
