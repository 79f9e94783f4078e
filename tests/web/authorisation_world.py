"""The world the authorisation matrix runs in: the whole demo (the record, the bookings, the
season plan) with one user per role, and the private things one engagement has.

The engagement looked at is Kalmurzaev at Carnegie Hall (settled: a deal, a hold, calls,
travel, a hotel, payments, a settlement), with a contract and a feed of each audience added;
an expense sits on his Verbier engagement, which Carnegie Hall's office does not see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from cadenza.accounts.models import ApiToken, ArtistAccess, PresenterAccess, User
from cadenza.accounts.services import token_create
from cadenza.engagements.calendar_models import HotelStay, ScheduleItem, TravelLeg, Unavailability
from cadenza.engagements.deals import expense_add
from cadenza.engagements.documents import document_add
from cadenza.engagements.feeds import feed_create
from cadenza.engagements.models import (
    Change,
    Deal,
    Document,
    Engagement,
    Expense,
    Feed,
    Hold,
    Payment,
)
from cadenza.engagements.money import format_money
from cadenza.people.models import Agent
from cadenza.seasons.models import PlanRun
from tests.factories import AgentFactory, UserFactory
from tests.web.page_kinds import load_whole_demo

# The roles of the matrix. Pages take no token: a request that brings one is an
# anonymous visitor's to them.
ROLES = (
    "anonymous",
    "the artist",
    "another artist",
    "their manager",
    "another roster's manager",
    "the presenter",
    "another presenter",
    "staff",
    "read-only token",
    "expired token",
)
SIGNED_IN = ROLES[1:8]
# Who sees the Carnegie Hall engagement, and who may change it.
VIEWERS = {"the artist", "their manager", "the presenter", "staff"}
MANAGEMENT = {"their manager", "staff"}
# Fees: the artist's own login is shown them in the demo; the presenter knows what it pays.
SEES_FEES = {"the artist", "their manager", "the presenter", "staff"}

# A small PDF: what the document check accepts as a contract.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class World:
    users: dict[str, User]
    engagement: Engagement
    other_engagement: Engagement
    hold: Hold
    document: Document
    expense: Expense
    call: ScheduleItem
    leg: TravelLeg
    hotel: HotelStay
    absence: Unavailability
    plan: PlanRun
    feeds: dict[str, tuple[Feed, str]]
    fees: list[str] = field(default_factory=list)  # every fee of the demo, as pages print it
    tokens: dict[str, str] = field(default_factory=dict)  # role → an API token's secret
    tokens_prefix: str = ""  # the public prefix of one of the manager's tokens

    @property
    def artist(self) -> Agent:
        return self.engagement.artist


def build_world() -> World:
    load_whole_demo()
    engagement = Engagement.objects.select_related("artist").get(
        title="Kalmurzaev at Carnegie Hall"
    )
    artist = engagement.artist
    verbier = Engagement.objects.get(title="Kalmurzaev at the Verbier Festival")
    inzaghi = Agent.objects.get(name__endswith="Inzaghi")
    manager = User.objects.get(username="demo-manager")

    def access(agent: Agent, role: str) -> User:
        user = UserFactory()
        ArtistAccess.objects.create(user=user, agent=agent, role=role)
        return user

    other_presenter = UserFactory()
    PresenterAccess.objects.create(
        user=other_presenter, organisation=Agent.objects.get(name="Lucerne Festival")
    )
    users = {
        "the artist": User.objects.get(username="demo-kalmurzaev"),
        "another artist": access(inzaghi, ArtistAccess.Role.ARTIST),
        "their manager": manager,
        "another roster's manager": access(AgentFactory(name="Mira Solberg"), "manager"),
        "the presenter": User.objects.get(username="demo-carnegie"),
        "another presenter": other_presenter,
        "staff": UserFactory(is_staff=True),
    }
    document = document_add(
        engagement=engagement,
        title="Contract",
        upload=SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf"),
        by=manager,
    )
    expense = expense_add(
        engagement=verbier, description="Taxi", amount="80", paid_by="artist", by=manager
    )
    feeds = {
        audience: feed_create(artist=artist, audience=audience, by=manager)
        for audience in ("artist", "manager", "public")
    }
    token, _ = token_create(user=manager, name="matrix")  # for the revoke address
    fees = [format_money(d.guarantee, d.currency) for d in Deal.objects.exclude(guarantee=None)]
    fees += [
        format_money(p.amount, p.engagement.deal.currency)
        for p in Payment.objects.select_related("engagement__deal")
    ]
    return World(
        users=users,
        engagement=engagement,
        other_engagement=verbier,
        hold=Hold.objects.filter(engagement=engagement).first() or Hold.objects.first(),
        document=document,
        expense=expense,
        call=ScheduleItem.objects.filter(engagement=engagement).first(),
        leg=TravelLeg.objects.filter(engagement=engagement).first(),
        hotel=HotelStay.objects.filter(engagement=engagement).first(),
        absence=Unavailability.objects.filter(artist=artist).first(),
        plan=PlanRun.objects.order_by("pk").first(),
        feeds=feeds,
        fees=sorted(set(fees)),
        tokens_prefix=token.prefix,
    )


def hold_words(body: str) -> list[str]:
    """What tells of a hold on a page: its rank ("1st hold") or the word in a feed."""
    import re

    return re.findall(r"\b\d+(?:st|nd|rd|th) hold\b|\[Hold \d+\]|TENTATIVE", body)


def fees_in(world: World, body: str) -> list[str]:
    return [fee for fee in world.fees if fee in body]


def describe(response: Any) -> str:
    where = response.get("Location", "")
    return f"{response.status_code}{' → ' + where if where else ''}"


def fingerprint() -> tuple[Any, ...]:
    """What an action could change: rows of every kind it writes, and every version."""
    counted = (Change, Document, Expense, Payment, ScheduleItem, TravelLeg, HotelStay)
    counted += (Unavailability, PlanRun)
    return (
        *(model.objects.count() for model in counted),
        tuple(Engagement.objects.order_by("pk").values_list("pk", "version", "state")),
        tuple(Hold.objects.order_by("pk").values_list("pk", "rank", "status")),
        tuple(Feed.objects.order_by("pk").values_list("pk", "revoked_at")),
        tuple(PlanRun.objects.order_by("pk").values_list("pk", "applied_at")),
        tuple(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")),
    )
