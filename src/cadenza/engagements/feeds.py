"""Calendar feeds (RFC 5545, written with `icalendar`): one artist's calendar for one
audience, at a secret address that can be revoked.

Audiences: the artist (performances, holds, rehearsals and calls, travel), the management
(all of that, and hotel stays, unavailable times, notes) and the public (the performances
of contracted, confirmed, completed and settled engagements only). Fees are never in a
feed unless its owner opted in (`include_fees`, artist and management feeds only).

What each event carries, and why:

- UID `<kind>-<id>@cadenza` (`performance-12@cadenza`): the row's kind and id never
  change, so a calendar that subscribed keeps one event per row forever.
- SEQUENCE: the number of changes of state, details and holds logged on the engagement
  since its creation (`Change` rows; a new engagement is 0). Every change of time, place
  or status goes through a service that logs one, so it only rises. Rows of no engagement
  (a journey or hotel booked on its own, an unavailable time, which is never edited but
  only added or removed) stay at 0.
- STATUS: TENTATIVE for inquiries, holds and offers (with Outlook's busy status and
  "[Hold 2]" for a held day), CONFIRMED from contracted on, CANCELLED for 30 days after an
  engagement is cancelled, declined or released (then it leaves the feed).
- Times in the zone of their place (a journey leaves in its origin's and arrives in its
  destination's), with a VTIMEZONE for every zone used; what is known only to the day is
  an all-day event of that local day.

A feed covers a year back and three years ahead. Only the sha256 of its token is kept.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from cadenza.accounts.models import ArtistAccess
from cadenza.accounts.selectors import agents_managed_by, user_is_signed_in
from cadenza.engagements.availability import artist_zone
from cadenza.engagements.calendar_models import Feed, HotelStay
from cadenza.engagements.commitments import (
    commitments,
)
from cadenza.engagements.errors import Invalid
from cadenza.engagements.feed_events import (
    ENDED,
    Context,
    event_of,
    fold,
    hotel_event,
    text,
    vtimezone,
)
from cadenza.engagements.models import Change, Deal, State
from cadenza.engagements.selectors import programme_lines
from cadenza.people.models import Agent
from cadenza.places.selectors import PARENT_CHAIN

Audience = Feed.Audience
REFRESH = "PT1H"
KEEP_ENDED = timedelta(days=30)
PAST, AHEAD = timedelta(days=365), timedelta(days=3 * 365)
CONFIRMED = (State.CONTRACTED, State.CONFIRMED, State.COMPLETED, State.SETTLED)
SEQUENCE_KINDS = (Change.Kind.STATE, Change.Kind.DETAILS, Change.Kind.HOLD)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Grant:
    """The feeds one user may make and revoke for one artist."""

    artist: Agent
    audiences: tuple[str, ...]
    fees: bool  # may opt in to fees


def feed_grants(*, user: Any) -> list[Grant]:
    """The artists whose feeds this user may make: every audience for the artists they
    manage (staff: the agency's), their own artist feed for an artist's login. Two queries."""
    if not user_is_signed_in(user=user):
        return []
    managed = list(agents_managed_by(user=user).order_by("sort_name", "pk"))
    grants = [Grant(a, tuple(Audience.values), True) for a in managed]
    own = ArtistAccess.objects.filter(user_id=user.pk, role=ArtistAccess.Role.ARTIST)
    for access in own.exclude(agent__in=managed).select_related("agent"):
        grants.append(Grant(access.agent, (Audience.ARTIST,), access.sees_fees))
    return grants


def feed_grant(*, user: Any, artist: Agent) -> Grant | None:
    return next((g for g in feed_grants(user=user) if g.artist.pk == artist.pk), None)


def _check_allowed(by: Any, artist: Agent, audience: str, include_fees: bool) -> None:
    if not user_is_signed_in(user=by):
        return  # the server's operator, through a command
    grant = feed_grant(user=by, artist=artist)
    if grant is None or audience not in grant.audiences:
        raise Invalid(
            f"You may not make a {audience} feed for {artist}: that is for the artist's "
            "management (and the artist, for their own feed).",
            field="audience",
        )
    if include_fees and not grant.fees:
        raise Invalid("Your login is not shown fees, so its feed cannot be.", field="include_fees")


@transaction.atomic
def feed_create(
    *, artist: Agent, audience: str, by: Any, include_fees: bool = False
) -> tuple[Feed, str]:
    """A new feed and its secret token: the token is given here once and never again."""
    if audience not in Audience.values:
        raise Invalid(
            f"Unknown audience {audience!r}: one of {', '.join(Audience.values)}.",
            field="audience",
        )
    if include_fees and audience == Audience.PUBLIC:
        raise Invalid("A public feed never shows fees.", field="include_fees")
    _check_allowed(by, artist, audience, include_fees)
    token = secrets.token_urlsafe(32)
    feed = Feed.objects.create(
        artist=artist,
        audience=audience,
        token_hash=token_hash(token),
        include_fees=include_fees,
        created_by=by if user_is_signed_in(user=by) else None,
    )
    return feed, token


@transaction.atomic
def feed_revoke(*, feed: Feed, by: Any) -> Feed:
    """The feed's address answers 404 from now on (revoking twice changes nothing)."""
    _check_allowed(by, feed.artist, feed.audience, False)
    Feed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    feed.refresh_from_db(fields=["revoked_at"])
    return feed


def feed_by_token(*, token: str) -> Feed | None:
    """The live feed of this token, or None (unknown or revoked)."""
    return (
        Feed.objects.select_related(f"artist__based_in__{PARENT_CHAIN}")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )


def feeds_of(*, artists: list[Agent]) -> list[Feed]:
    return list(Feed.objects.filter(artist__in=artists).select_related("artist", "created_by"))


def feed_ics(*, feed: Feed, now: datetime | None = None) -> bytes:
    return calendar_ics(
        artist=feed.artist, audience=feed.audience, include_fees=feed.include_fees, now=now
    )


def _left_out(audience: str, now: datetime) -> Q:
    """The engagements commitments() leaves out that a feed still shows: inquiries, and
    those ended in the last 30 days (kept as cancelled, so that calendars that had them
    strike them through)."""
    ended = ENDED if audience != Audience.PUBLIC else (State.CANCELLED,)
    wanted = Q(
        state__in=ended,
        changes__kind=Change.Kind.STATE,
        changes__to_value__in=ended,
        changes__at__gte=now - KEEP_ENDED,
    )
    if audience != Audience.PUBLIC:
        wanted |= Q(state=State.INQUIRY)
    return wanted


def _sequences(engagement_ids: set[int]) -> dict[int, int]:
    """Per engagement, its logged changes of state, details and holds, less its creation."""
    counts = (
        Change.objects.filter(engagement_id__in=engagement_ids, kind__in=SEQUENCE_KINDS)
        .values("engagement_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["engagement_id"]: max(row["n"] - 1, 0) for row in counts}


def calendar_ics(
    *, artist: Agent, audience: str, include_fees: bool = False, now: datetime | None = None
) -> bytes:
    """The artist's calendar as `audience` sees it, in a fixed number of queries."""
    now = now or timezone.now()
    start, end = now.date() - PAST, now.date() + AHEAD
    found = []
    for c in commitments(start=start, end=end, artist_ids=[artist.pk]):
        if audience == Audience.PUBLIC:
            state = c.engagement.state if c.engagement is not None else ""
            wanted = c.kind == "performance" and state in CONFIRMED
        else:
            wanted = c.kind != "unavailable" or audience == Audience.MANAGER
        if wanted:
            found.append(c)
    for c in commitments(
        start=start,
        end=end,
        artist_ids=[artist.pk],
        engagements=_left_out(audience, now),
        with_others=False,
    ):
        if audience != Audience.PUBLIC or c.kind == "performance":
            found.append(c)
    stays = []
    if audience == Audience.MANAGER:
        stays = list(
            HotelStay.objects.filter(artist=artist, check_out__gte=start, check_in__lte=end)
            .select_related(f"place__{PARENT_CHAIN}")
            .order_by("check_in", "id")
        )
    ids = {c.engagement.pk for c in found if c.engagement is not None}
    ids |= {getattr(c.record, "engagement_id", None) or 0 for c in found} - {0}
    ids |= {s.engagement_id for s in stays if s.engagement_id}
    fees = include_fees and audience != Audience.PUBLIC
    ctx = Context(
        audience=audience,
        include_fees=fees,
        zone=artist_zone(artist),
        sequences=_sequences(ids),
        deals={d.engagement_id: d for d in Deal.objects.filter(engagement_id__in=ids)}
        if fees
        else {},
        stamp=now.astimezone(ZoneInfo("UTC")),
        programmes=programme_lines(ids) if audience != Audience.PUBLIC else {},
    )
    events = [line for c in found for line in event_of(c, ctx)]
    events += [line for stay in stays for line in hotel_event(stay, ctx)]
    name = text(f"{artist.name}: {Audience(audience).label.split(':')[0]}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cadenza//Calendar feed//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
        *(vtimezone(zone, start.year - 1, end.year + 1) for zone in sorted(ctx.zones)),
        *events,
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
