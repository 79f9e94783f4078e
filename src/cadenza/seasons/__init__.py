"""Season planning from the record: an artist's offers read as a planning instance, solved
in the background with progress, and the plan applied through the engagement services
(docs/planning.md, "Planning from the record")."""
