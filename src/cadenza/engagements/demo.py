"""The bookings demo: Kalmurzaev's Carnegie Hall invitation as it happened, a summer of
festival offers in every state, and logins for a manager, the artist and a presenter.

It books the demo record's two musicians (`ingest.demo.load_demo` runs first) through the
same services the pages use. Running it again changes nothing: each engagement is found by
its title for its artist and skipped when it exists. Dates follow the machine's clock: the
Carnegie Hall concert took place three years ago, the festivals are next summer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cadenza.accounts.models import ArtistAccess, User
from cadenza.accounts.services import (
    artist_access_grant,
    artist_fees_shown,
    presenter_access_grant,
    roster_artist_add,
    roster_ensure,
    user_set_password,
)
from cadenza.engagements.deals import deal_set, payment_add, settlement_set
from cadenza.engagements.demo_calendar import load_calendar_demo
from cadenza.engagements.demo_venues import (
    EDINBURGH,
    LEIPZIG,
    LUCERNE,
    MATSUMOTO,
    PYEONGCHANG,
    RHEINGAU,
    SALZBURG,
    SAPPORO,
    SCHLESWIG_HOLSTEIN,
    VERBIER,
    Venue,
    hall_of,
    presenter_ensure,
)
from cadenza.engagements.holds import hold_place, hold_release
from cadenza.engagements.models import Engagement, Hold, Payment, State
from cadenza.engagements.money import WithholdingTerm
from cadenza.engagements.publishing import engagement_publish, performance_link_event
from cadenza.engagements.services import (
    engagement_create,
    engagement_move,
    performance_add,
    programme_set,
)
from cadenza.events.models import Event
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

KALMURZAEV = "Alessio Kalmurzaev"
INZAGHI = "Alessio Leonardo Inzaghi"
ROSTER = "Cadenza Artists"
CARNEGIE = "Carnegie Hall"
CARNEGIE_TITLE = "Kalmurzaev at Carnegie Hall"
CARNEGIE_EVENT = "Alessio Kalmurzaev at Carnegie Hall"  # told by his biography
US_TAX = WithholdingTerm("United States (NRA withholding)", Decimal("30"))
GERMAN_TAX = WithholdingTerm("Germany (§50a EStG)", Decimal("15.825"), Decimal("250"))
JAPANESE_TAX = WithholdingTerm("Japan (non-resident withholding)", Decimal("20.42"))
COMMISSION = Decimal("15")


def summer_of(today: date) -> int:
    """The year of the next summer: this year's until June, else next year's."""
    return today.year if today < date(today.year, 6, 1) else today.year + 1


def _work(composer: str, catalogue: str, number: str) -> Work:
    # By composer too: an imported archive holds many an "Op. 64".
    work = Work.objects.filter(
        parent=None,
        catalogue_numbers__catalogue=catalogue,
        catalogue_numbers__number=number,
        authorships__agent__name=composer,
    ).first()
    if work is None:
        raise LookupError(f"{composer}'s {catalogue} {number} is missing: load the demo record.")
    return work


def _evening(day: date, venue: Venue, hour: int = 19, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(venue.timezone))


class _Booker:
    """Books one artist's demo engagements, skipping those already booked."""

    def __init__(self, artist: Agent, today: date) -> None:
        self.artist = artist
        self.today = today
        self.summer = summer_of(today)

    def day(self, month: int, day: int) -> date:
        return date(self.summer, month, day)

    def new(
        self, venue: Venue, title: str, days: tuple[date, ...] = (), notes: str = ""
    ) -> Engagement | None:
        if Engagement.objects.filter(artist=self.artist, title=title).exists():
            return None
        hall = hall_of(venue)
        return engagement_create(
            artist=self.artist,
            presenter=presenter_ensure(venue.presenter, hall.parent),
            venue=hall,
            title=title,
            dates=days,
            notes=notes,
        )

    def offered(
        self, engagement: Engagement, venue: Venue, day: date, currency: str, fee: str, **terms: Any
    ) -> None:
        """Held on the day, then offered for that evening with a deal (15 % commission on the
        gross fee)."""
        hold_place(
            engagement=engagement,
            dates=[day],
            expires_on=self.today + timedelta(days=21),
            decision_due=self.today + timedelta(days=10),
        )
        deal_set(
            engagement=engagement,
            currency=currency,
            guarantee=Decimal(fee),
            commission_rate=COMMISSION,
            **terms,
        )
        performance_add(engagement=engagement, day=day, starts_at=_evening(day, venue))
        engagement_move(engagement=engagement, to_state=State.OFFERED)

    def contracted(self, engagement: Engagement, programme: list[Work | timedelta]) -> None:
        programme_set(engagement=engagement, entries=programme)
        engagement_move(engagement=engagement, to_state=State.CONTRACTED)


def _carnegie(booker: _Booker, event: Event, stern: Place) -> None:
    """The invitation of his biography, from inquiry to settled, as his timeline's concert."""
    hall = presenter_ensure(CARNEGIE, stern.parent)
    if Engagement.objects.filter(artist=booker.artist, title=CARNEGIE_TITLE).exists():
        return
    # Three years back: the biography's "years went by" before the festivals of next summer.
    day = date(booker.today.year - 3, 11, 12)
    engagement = engagement_create(
        artist=booker.artist,
        presenter=hall,
        venue=stern,
        title=CARNEGIE_TITLE,
        notes="Invitation to make his New York debut in the Stern Auditorium.",
    )
    hold_place(engagement=engagement, dates=[day])
    deal_set(
        engagement=engagement,
        currency="USD",
        guarantee=Decimal("10000"),
        deposit_amount=Decimal("2000"),
        deposit_due=day - timedelta(days=60),
        balance_due=day + timedelta(days=14),
        commission_rate=COMMISSION,
        withholdings=[US_TAX],
    )
    engagement_move(engagement=engagement, to_state=State.OFFERED)
    starts = datetime(day.year, day.month, day.day, 20, tzinfo=ZoneInfo("America/New_York"))
    performance = performance_add(engagement=engagement, day=day, starts_at=starts)
    # The biography already tells this night: publishing completes that event.
    performance_link_event(performance=performance, event=event)
    engagement_move(engagement=engagement, to_state=State.CONTRACTED)
    payment_add(
        engagement=engagement,
        paid_on=day - timedelta(days=58),
        amount=Decimal("2000"),
        note="Deposit",
    )
    engagement_move(engagement=engagement, to_state=State.CONFIRMED)
    engagement_move(engagement=engagement, to_state=State.COMPLETED)
    payment_add(
        engagement=engagement,
        paid_on=day + timedelta(days=10),
        amount=Decimal("5000"),
        note="Balance, less the 30 % withheld for the IRS",
    )
    settlement_set(
        engagement=engagement,
        settled_on=day + timedelta(days=14),
        notes="Paid in full; the withholding is on Form 1042-S.",
    )
    engagement_move(engagement=engagement, to_state=State.SETTLED)
    # The biography's concert, now dated and cited to the booking as well.
    engagement_publish(engagement=engagement)


def _kalmurzaev_summer(booker: _Booker) -> None:
    """Festival offers in Europe and Asia, one in each state an engagement can be in."""
    bach = _work("Johann Sebastian Bach", "BWV", "1004")
    beethoven = _work("Ludwig van Beethoven", "Op.", "61")
    mendelssohn = _work("Felix Mendelssohn", "Op.", "64")
    tchaikovsky = _work("Pyotr Ilyich Tchaikovsky", "Op.", "35")

    if e := booker.new(VERBIER, "Kalmurzaev at the Verbier Festival"):
        day = booker.day(7, 24)
        booker.offered(
            e, VERBIER, day, "CHF", "18000",
            deposit_percentage=Decimal("20"),
            deposit_due=booker.today + timedelta(days=21),
            balance_due=day + timedelta(days=30),
        )  # fmt: skip
        booker.contracted(e, [bach, timedelta(minutes=20), beethoven])

    if e := booker.new(LUCERNE, "Kalmurzaev at Lucerne Festival"):
        day = booker.day(8, 21)
        booker.offered(e, LUCERNE, day, "CHF", "25000", deposit_percentage=Decimal("25"))
        booker.contracted(e, [mendelssohn])
        payment_add(engagement=e, paid_on=booker.today, amount=Decimal("6250"), note="Deposit")
        engagement_move(engagement=e, to_state=State.CONFIRMED)

    if e := booker.new(RHEINGAU, "Kalmurzaev at the Rheingau Musik Festival"):
        booker.offered(e, RHEINGAU, booker.day(7, 10), "EUR", "12000", withholdings=[GERMAN_TAX])

    # Two festivals want the same night: Salzburg pencilled it first, then lets it go,
    # and the Schleswig-Holstein festival's 2nd hold moves up to 1st.
    shmf_title = "Kalmurzaev at the Schleswig-Holstein Musik Festival"
    booked = Engagement.objects.filter(artist=booker.artist, title=shmf_title).exists()
    if not booked and (salzburg := booker.new(SALZBURG, "Kalmurzaev at the Salzburg Festival")):
        night = booker.day(8, 7)
        expires = booker.today + timedelta(days=28)
        (first,) = hold_place(engagement=salzburg, dates=[night], expires_on=expires)
        shmf = booker.new(SCHLESWIG_HOLSTEIN, shmf_title)
        assert shmf is not None
        hold_place(engagement=shmf, dates=[night], expires_on=expires)
        hold_release(hold=first, reason="The festival moved its recital series a week later.")

    if e := booker.new(
        EDINBURGH, "Kalmurzaev at the Edinburgh International Festival", (booker.day(8, 21),)
    ):
        engagement_move(
            engagement=e, to_state=State.DECLINED, reason="He plays at Lucerne that night."
        )

    if e := booker.new(SAPPORO, "Kalmurzaev at the Pacific Music Festival"):
        day = booker.day(7, 17)
        booker.offered(e, SAPPORO, day, "JPY", "1800000", withholdings=[JAPANESE_TAX])
        booker.contracted(e, [tchaikovsky])
        engagement_move(
            engagement=e,
            to_state=State.CANCELLED,
            reason="The festival dropped its concerto evening; the contract's cancellation "
            "fee (50 %) is due.",
        )

    booker.new(MATSUMOTO, "Kalmurzaev at the Seiji Ozawa Matsumoto Festival", (booker.day(8, 28),))

    if e := booker.new(PYEONGCHANG, "Kalmurzaev at Music in PyeongChang"):
        # "Any evening of the festival that suits him": a hold on a date still to agree.
        hold_place(engagement=e, dates=[None], expires_on=booker.today + timedelta(days=45))


def _inzaghi_summer(booker: _Booker) -> None:
    if e := booker.new(LEIPZIG, "Inzaghi at Bachfest Leipzig"):
        hold_place(
            engagement=e, dates=[booker.day(6, 14)], expires_on=booker.today + timedelta(days=5)
        )


def _artist(name: str) -> Agent:
    found = Agent.objects.filter(name=name, kind=Agent.Kind.PERSON).first()
    if found is None:
        raise LookupError(f"{name} is not in the record: load the demo record first.")
    return found


@transaction.atomic
def load_bookings_demo() -> dict[str, int]:
    """Book the demo's engagements (or complete them); running it again changes nothing."""
    today = timezone.localdate()
    kalmurzaev, inzaghi = _artist(KALMURZAEV), _artist(INZAGHI)
    event = Event.objects.filter(name=CARNEGIE_EVENT).first()
    stern = Place.objects.filter(name="Stern Auditorium / Perelman Stage").first()
    if event is None or stern is None:
        raise LookupError("The demo record's Carnegie Hall is missing: load it first.")
    roster = roster_ensure(name=ROSTER)
    for artist in (kalmurzaev, inzaghi):
        roster_artist_add(roster=roster, agent=artist)
    booker = _Booker(kalmurzaev, today)
    _carnegie(booker, event, stern)
    _kalmurzaev_summer(booker)
    _inzaghi_summer(_Booker(inzaghi, today))
    load_calendar_demo(artist=kalmurzaev, summer=booker.summer)
    booked = Engagement.objects.filter(artist__in=(kalmurzaev, inzaghi))
    return {
        "engagements": booked.count(),
        "holds": Hold.objects.filter(engagement__in=booked).count(),
        "payments": Payment.objects.filter(engagement__in=booked).count(),
    }


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    who: str


MANAGER_LOGIN = "demo-manager"
ARTIST_LOGIN = "demo-kalmurzaev"
PRESENTER_LOGIN = "demo-carnegie"


def demo_logins() -> list[Login]:
    """The manager of both artists, Kalmurzaev himself (who sees his fees) and Carnegie
    Hall's booking office, each with a new password."""
    kalmurzaev, inzaghi = _artist(KALMURZAEV), _artist(INZAGHI)
    carnegie = presenter_ensure(CARNEGIE)
    logins = []

    def login(username: str, who: str) -> User:
        password = secrets.token_urlsafe(12)
        logins.append(Login(username, password, who))
        return user_set_password(username=username, password=password)

    manager = login(MANAGER_LOGIN, f"manager of both artists, on the {ROSTER} roster")
    for artist in (kalmurzaev, inzaghi):
        artist_access_grant(user=manager, agent=artist, role=ArtistAccess.Role.MANAGER)
    artist_login = login(ARTIST_LOGIN, "Alessio Kalmurzaev himself, who sees his fees")
    artist_access_grant(user=artist_login, agent=kalmurzaev, role=ArtistAccess.Role.ARTIST)
    artist_fees_shown(agent=kalmurzaev, user=artist_login, shown=True)
    presenter_access_grant(
        user=login(PRESENTER_LOGIN, "Carnegie Hall's bookings"), organisation=carnegie
    )
    return logins
