"""The errors engagement services raise: each names the field and what was expected."""

from __future__ import annotations


class Invalid(ValueError):
    """Bad input: `field` names the form field (or None for the whole engagement)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Stale(Invalid):
    """The engagement changed since the user read it: one of two writers wins."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Someone else changed this engagement since you opened it. "
            "Reload it to see their change, then try again."
        )
