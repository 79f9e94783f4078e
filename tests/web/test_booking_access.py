"""Who may see what, at the pages: every booking page and action × every role.

Fees, holds and notes must never reach a page for anyone the rules leave out, and a page
that must not be seen is a 404 (its existence untold), not a 403 with a title in it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cadenza.accounts.models import ArtistAccess
from cadenza.engagements.deals import deal_set
from cadenza.engagements.holds import hold_place
from cadenza.engagements.models import Engagement
from cadenza.engagements.services import engagement_update
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    EngagementFactory,
    OrganisationFactory,
    PresenterAccessFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FEE = "$12,345.00"
NOTE = "Wants the Steinway D from the basement"
HOLDS = 'id="holds-heading"'
COMMISSION = "Manager's commission"

# role → (sees the page, sees the fee, sees the commission, sees the holds, sees the notes,
# may act)
MATRIX = {
    "anonymous": None,
    "the artist": (True, False, False, True, False, False),
    "the artist, shown fees": (True, True, True, True, False, False),
    "another artist": (False,) * 6,
    "their manager": (True,) * 6,
    "another roster's manager": (False,) * 6,
    "the presenter's user": (True, True, False, True, False, False),
    "another presenter's user": (False,) * 6,
    "staff": (True,) * 6,
}


@pytest.fixture
def world() -> dict[str, Any]:
    artist, other_artist = AgentFactory(name="Ilse Varga"), AgentFactory(name="Tomas Rell")
    presenter, other_presenter = OrganisationFactory(), OrganisationFactory()
    engagement = EngagementFactory(artist=artist, presenter=presenter, title="Varga recital")
    engagement_update(engagement=engagement, notes=NOTE)
    hold_place(engagement=engagement, dates=[date(2027, 6, 1)])
    deal_set(
        engagement=engagement, currency="USD", guarantee=Decimal("12345"), commission_rate="15"
    )
    EngagementFactory(artist=other_artist, presenter=other_presenter)

    def access(agent: Any, role: str, **extra: Any) -> Any:
        return ArtistAccessFactory(agent=agent, role=role, **extra).user

    users = {
        "the artist": access(artist, ArtistAccess.Role.ARTIST),
        "the artist, shown fees": access(artist, ArtistAccess.Role.ARTIST, sees_fees=True),
        "another artist": access(other_artist, ArtistAccess.Role.ARTIST),
        "their manager": access(artist, ArtistAccess.Role.MANAGER),
        "another roster's manager": access(other_artist, ArtistAccess.Role.MANAGER),
        "the presenter's user": PresenterAccessFactory(organisation=presenter).user,
        "another presenter's user": PresenterAccessFactory(organisation=other_presenter).user,
        "staff": UserFactory(is_staff=True),
    }
    return {"engagement": Engagement.objects.get(pk=engagement.pk), "users": users}


def client_for(world: dict[str, Any], role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("role", MATRIX)
def test_the_engagement_page_shows_each_role_its_part(world, role):
    engagement = world["engagement"]
    response = client_for(world, role).get(engagement.get_absolute_url())
    expected = MATRIX[role]
    if expected is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    sees, fee, commission, holds, notes, acts = expected
    if not sees:
        assert response.status_code == 404
        assert "Varga recital" not in response.content.decode()
        return
    page = response.content.decode()
    assert response.status_code == 200 and "Varga recital" in page
    assert (FEE in page, COMMISSION in page) == (fee, commission)
    assert ("Artist: net" in page, "Presenter: pays" in page) == (commission, fee)
    assert (HOLDS in page, NOTE in page) == (holds, notes)
    assert ('action="/bookings/engagements/' in page) == acts
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))


@pytest.mark.parametrize("role", MATRIX)
def test_the_lists_and_the_dashboard_show_only_what_the_role_may_see(world, role):
    client = client_for(world, role)
    for name in ("bookings", "engagements"):
        response = client.get(reverse(name))
        if MATRIX[role] is None:
            assert response.status_code == 302
            continue
        page = response.content.decode()
        assert response.status_code == 200
        assert ("Varga recital" in page) == MATRIX[role][0]
        assert FEE not in page and NOTE not in page  # lists never show money or notes


ACTIONS = [
    ("engagement-move", {"to_state": "declined", "reason": "No."}),
    ("engagement-hold", {"date": "2027-06-02"}),
    ("engagement-performance", {"day": "2027-06-01"}),
    ("engagement-programme", {"interval": "20"}),
    ("engagement-details", {"title": "Renamed"}),
    ("engagement-publish", {"publish": "on"}),
    (
        "engagement-deal",
        {"currency": "EUR", "kind": "flat", "guarantee": "1", "commission_base": "gross"},
    ),
    ("engagement-expense", {"description": "Taxi", "amount": "40", "paid_by": "artist"}),
    ("engagement-payment", {"paid_on": "2026-01-01", "amount": "100"}),
    ("engagement-settlement", {}),
    ("engagement-document", {"title": "Contract"}),
]


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize(("name", "data"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_every_action_is_refused_to_all_but_the_management(world, role, name, data):
    engagement = world["engagement"]
    before = (engagement.version, engagement.title, engagement.state)
    response = client_for(world, role).post(
        reverse(name, args=[engagement.pk]), {**data, "version": engagement.version}
    )
    expected = MATRIX[role]
    after = Engagement.objects.get(pk=engagement.pk)
    if expected is not None and expected[5]:
        # Publishing an engagement still at the hold stage is refused, at its form.
        assert response.status_code in (302, 400)
        return
    if expected is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == (403 if expected[0] else 404)
    assert (after.version, after.title, after.state) == before


@pytest.mark.parametrize("role", MATRIX)
def test_hold_actions_are_refused_to_all_but_the_management(world, role):
    hold = world["engagement"].holds.get()
    response = client_for(world, role).post(reverse("hold-action", args=[hold.pk, "release"]))
    hold.refresh_from_db()
    expected = MATRIX[role]
    if expected is not None and expected[5]:
        assert response.status_code == 302 and hold.status == "released"
        return
    assert hold.status == "active"
    if expected is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == (403 if expected[0] else 404)


def test_a_new_inquiry_is_taken_only_by_an_artist_s_management(world):
    assert (
        client_for(world, "the presenter's user").get(reverse("engagement-new")).status_code == 403
    )
    assert client_for(world, "the artist").get(reverse("engagement-new")).status_code == 403
    page = client_for(world, "their manager").get(reverse("engagement-new")).content.decode()
    assert "Ilse Varga" in page and "Tomas Rell" not in page


def test_no_fee_reaches_a_cached_page(world, settings):
    """With the page cache on, an anonymous visitor after the manager sees no booking."""
    settings.PAGE_CACHE = True
    engagement = world["engagement"]
    manager = client_for(world, "their manager")
    assert FEE in manager.get(engagement.get_absolute_url()).content.decode()
    anonymous = Client().get(engagement.get_absolute_url())
    assert anonymous.status_code == 302 and FEE not in anonymous.content.decode()
    artist_page = Client().get(engagement.artist.get_absolute_url()).content.decode()
    assert FEE not in artist_page and "Varga recital" not in artist_page


@pytest.mark.parametrize("role", MATRIX)
def test_documents_and_removals_are_refused_to_all_but_the_management(world, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cadenza.engagements.deals import expense_add
    from cadenza.engagements.documents import document_add
    from cadenza.engagements.models import Document, Expense

    engagement = world["engagement"]
    pdf = SimpleUploadedFile("contract.pdf", b"%PDF-1.7\n%fee 12345\n", "application/pdf")
    document = document_add(engagement=engagement, title="Contract", upload=pdf, by=None)
    expense = expense_add(engagement=engagement, description="Taxi", amount="40", paid_by="artist")
    client = client_for(world, role)
    download = client.get(reverse("document", args=[document.pk]))
    expected = MATRIX[role]
    may_read = {"the artist, shown fees", "their manager", "the presenter's user", "staff"}
    if expected is None:
        assert download.status_code == 302 and "/login/" in download["Location"]
    elif role in may_read:
        assert download.status_code == 200 and b"%PDF" in b"".join(download.streaming_content)
    else:
        assert download.status_code == 404
    for name, pk in (("document-remove", document.pk), ("expense-remove", expense.pk)):
        version = Engagement.objects.get(pk=engagement.pk).version
        response = client.post(reverse(name, args=[pk]), {"version": version})
        if expected is not None and expected[5]:
            assert response.status_code == 302
        elif expected is None:
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == (403 if expected[0] else 404)
    removed = not Document.objects.filter(pk=document.pk).exists()
    assert removed == (not Expense.objects.filter(pk=expense.pk).exists())
    assert removed == bool(expected and expected[5])


STATEMENT = {
    # role → the statement's status, and whether the fee shows on it
    "anonymous": (302, False),
    "the artist": (403, False),
    "the artist, shown fees": (200, True),
    "another artist": (404, False),
    "their manager": (200, True),
    "another roster's manager": (404, False),
    "the presenter's user": (403, False),
    "another presenter's user": (404, False),
    "staff": (200, True),
}


@pytest.mark.parametrize("role", MATRIX)
def test_the_statement_is_only_for_those_who_see_the_commission(world, role):
    from cadenza.engagements.models import State

    engagement = world["engagement"]
    engagement.performances.create(date=date(2026, 3, 1))
    Engagement.objects.filter(pk=engagement.pk).update(state=State.COMPLETED)
    url = reverse("statement") + f"?artist={engagement.artist_id}&start=2026-01-01&end=2026-12-31"
    for query in ("", "&format=csv"):
        response = client_for(world, role).get(url + query)
        status, sees = STATEMENT[role]
        assert response.status_code == status
        body = response.content.decode()
        assert ("12,345.00" in body or "12345.00" in body) == sees
