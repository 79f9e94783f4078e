"""How every engagement service writes: under a lock, from a known version, with a log line.

Each service that changes an engagement takes its row with `locked()` inside a transaction
(a row lock on PostgreSQL; SQLite's IMMEDIATE transactions let one writer in at a time),
refuses a write made from an older version than the row's (two managers moving the same
engagement at once: the second is told, nothing is lost), raises the version and logs
what changed with `log()`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils import timezone

from cadenza.accounts.tokens import token_of
from cadenza.engagements.errors import Invalid, Stale
from cadenza.engagements.models import Change, Engagement


def locked(*, engagement: Engagement | int, version: int | None = None) -> Engagement:
    """The engagement's row, locked for this transaction, after checking the caller's version.

    `version` is the one the caller's form was drawn from; None means "whatever is there"
    (commands and timers that read and write in one step).
    """
    pk = engagement if isinstance(engagement, int) else engagement.pk
    row = Engagement.objects.select_for_update().filter(pk=pk).first()
    if row is None:
        raise Invalid(f"Engagement {pk} does not exist (it may have been deleted).")
    if version is not None and version != row.version:
        raise Stale()
    return row


def log(
    *,
    engagement: Engagement,
    kind: str,
    by: Any = None,
    from_value: str = "",
    to_value: str = "",
    reason: str = "",
    at: datetime | None = None,
) -> Change:
    """Record one change and raise the engagement's version (it was locked by the caller).

    `by` is the user who made it, as the request knows them: a user the API authenticated
    with a token carries it (`accounts.tokens.token_attach`), and the change keeps it.
    """
    user = by if getattr(by, "is_authenticated", False) else None
    change = Change.objects.create(
        engagement=engagement,
        at=at or timezone.now(),
        by=user,
        token=token_of(by=by) if user is not None else None,
        kind=kind,
        from_value=from_value[:100],
        to_value=to_value[:100],
        reason=reason,
    )
    # From the row, not the caller's copy: one service may log through two copies of it.
    rows = Engagement.objects.filter(pk=engagement.pk)
    rows.update(version=F("version") + 1)
    engagement.version = rows.values_list("version", flat=True).get()
    return change


def state_set(
    *,
    engagement: Engagement,
    to_state: str,
    by: Any = None,
    reason: str = "",
    at: datetime | None = None,
) -> None:
    """Move the (locked) engagement to a state and log the move; the rules that allow it
    are the caller's (`services.engagement_move`, or a hold that starts or ends it)."""
    from_state = engagement.state
    Engagement.objects.filter(pk=engagement.pk).update(state=to_state, updated=timezone.now())
    engagement.state = to_state
    log(
        engagement=engagement,
        kind=Change.Kind.STATE,
        by=by,
        from_value=from_state,
        to_value=to_state,
        reason=reason,
        at=at,
    )
