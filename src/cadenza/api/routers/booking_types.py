"""What the booking routers share: bounded input types (so that no date, amount or text a
client sends can overflow a computation into a 500), the engagement they act on (404 for
one the user may not see, 403 for a change they may not make, as the pages), and the
engagement's outline as lists show it."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from pydantic import AfterValidator

from cadenza.api.auth import actor
from cadenza.api.refs import Ref, ref
from cadenza.engagements import selectors
from cadenza.engagements.access import Sight, sight
from cadenza.engagements.local_times import at_local
from cadenza.engagements.models import Engagement, State
from cadenza.places.models import Place
from cadenza.places.selectors import place_label

FIRST_YEAR, LAST_YEAR = 1900, 2200
_STALE = {"description": "Stale: changed since the `version` sent (or a plan that cannot apply)."}
_REUSED = {"description": "The `Idempotency-Key` was used with another request."}
# The problems a change may answer besides the API's usual ones, for `openapi_extra`.
CHANGE = {"responses": {"409": _STALE}}
KEYED = {"responses": {"409": _STALE, "422": _REUSED}}


def _year_bounded(value: Any) -> Any:
    # Far years overflow the arithmetic of zones and days (year 1 less an offset).
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"a year between {FIRST_YEAR} and {LAST_YEAR} was expected")
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("a text without NUL characters was expected")
    return value


Day = Annotated[date, AfterValidator(_year_bounded)]
Moment = Annotated[
    datetime,
    AfterValidator(_year_bounded),
    Field(description="ISO 8601; with an offset, or without one for the place's own clock"),
]
Text = Annotated[str, AfterValidator(_no_nul)]
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("99999999999"), allow_inf_nan=False)]
Rate = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
Version = Annotated[
    int | None,
    Field(
        None,
        ge=1,
        le=2**31,
        description="the engagement's version this change was made from: an older one is a "
        "409 (someone else changed it); none to skip the check",
    ),
]
StateName = Literal[
    "inquiry",
    "hold",
    "offered",
    "contracted",
    "confirmed",
    "completed",
    "settled",
    "declined",
    "released",
    "cancelled",
]
assert set(StateName.__args__) == set(State.values)  # type: ignore[attr-defined]
ID_MAX = 2**62
ID = {"ge": 1, "le": ID_MAX}


def engagement_for(
    request: HttpRequest, pk: int, *, edit: bool = False
) -> tuple[Engagement, Sight]:
    """The engagement with all its page shows, if this user may see it (and change it)."""
    try:
        engagement = selectors.engagement_get(pk=pk)
    except Engagement.DoesNotExist as error:
        raise Http404(f"No engagement {pk}.") from error
    seen = sight(user=actor(request), engagement=engagement)
    if not seen.view:
        raise Http404(f"No engagement {pk}.")
    if edit and not seen.edit:
        raise PermissionDenied("Only the artist's management may change this engagement.")
    return engagement, seen


def on_clock(place: Place | None, moment: datetime | None, field: str) -> datetime | None:
    """A time without an offset is read on the place's clock, as the pages' forms read it
    (an hour the clocks skip is refused, naming `field`); one with an offset is kept."""
    if moment is None or moment.tzinfo is not None:
        return moment
    clock = time(moment.hour, moment.minute, moment.second)
    return at_local(moment.date(), clock, place=place, field=field)


class EngagementItem(Schema):
    id: int
    title: str
    state: str
    artist: Ref
    presenter: Ref
    venue: Ref | None = Field(description="named with its city")
    dates: list[date] = Field(description="the performances' days at the venue")
    version: int
    url: str = Field(description="its page on the site")


def engagement_item(engagement: Engagement) -> dict[str, Any]:
    venue = engagement.venue
    return {
        "id": engagement.pk,
        "title": engagement.title,
        "state": engagement.state,
        "artist": ref(engagement.artist),
        "presenter": ref(engagement.presenter),
        "venue": ref(venue, place_label(venue)) if venue is not None else None,
        "dates": [p.date for p in engagement.performances.all()],
        "version": engagement.version,
        "url": engagement.get_absolute_url(),
    }
