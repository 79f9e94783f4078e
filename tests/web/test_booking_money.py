"""The money of an engagement through its page's forms, its documents and their download,
and the artist's statement: as a manager through Django's test client."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadenza.engagements.deals import deal_set
from cadenza.engagements.models import (
    Deal,
    Document,
    Engagement,
    Payment,
    Performance,
    Settlement,
    State,
)
from tests.factories import (
    AgentFactory,
    ArtistAccessFactory,
    EngagementFactory,
    OrganisationFactory,
    PresenterAccessFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
TODAY = date.today()


@pytest.fixture
def manager_client(client):
    manager = UserFactory(username="manager")
    access = ArtistAccessFactory(user=manager, role="manager")
    client.force_login(manager)
    client.artist = access.agent
    client.user = manager
    return client


def post(client, name, engagement, **data):
    data.setdefault("version", Engagement.objects.get(pk=engagement.pk).version)
    return client.post(reverse(name, args=[engagement.pk]), data)


def engagement_on(artist, day, **kwargs):
    engagement = EngagementFactory(artist=artist, **kwargs)
    Performance.objects.create(engagement=engagement, date=day)
    return engagement


def page_of(client, engagement) -> str:
    """The page with the white space between tags folded, so a row reads as one string."""
    response = client.get(engagement.get_absolute_url())
    assert response.status_code == 200
    return re.sub(r">\s+<", "><", response.content.decode())


DEAL = {
    "currency": "USD",
    "kind": "flat",
    "guarantee": "10000",
    "deposit_percentage": "20",
    "commission_rate": "15",
    "commission_base": "gross",
    "withholding_0_jurisdiction": "United States",
    "withholding_0_rate": "30",
}


def test_a_manager_takes_the_money_from_deal_to_settlement(manager_client):
    engagement = engagement_on(manager_client.artist, TODAY - timedelta(days=10))
    assert post(manager_client, "engagement-deal", engagement, **DEAL).status_code == 302
    deal = Deal.objects.get(engagement=engagement)
    assert deal.guarantee == Decimal("10000") and deal.commission_rate == Decimal("15")
    assert [(w.jurisdiction, w.rate) for w in deal.withholdings.all()] == [
        ("United States", Decimal("30"))
    ]
    page = page_of(manager_client, engagement)
    assert 'name="withholding_0_jurisdiction" value="United States"' in page  # prefilled
    for state in ("offered", "contracted"):
        assert (
            post(manager_client, "engagement-move", engagement, to_state=state).status_code == 302
        )
    paid_on = str(TODAY - timedelta(days=20))
    response = post(
        manager_client, "engagement-payment", engagement, paid_on=paid_on, amount="2000"
    )
    assert response.status_code == 302
    for state in ("confirmed", "completed"):
        assert (
            post(manager_client, "engagement-move", engagement, to_state=state).status_code == 302
        )
    response = post(manager_client, "engagement-settlement", engagement, settled_on=str(TODAY))
    assert response.status_code == 302
    assert Settlement.objects.get(engagement=engagement).settled_on == TODAY

    page = page_of(manager_client, engagement)
    assert "Withheld: United States</th><td>\N{MINUS SIGN}$3,000.00" in page
    assert "Manager's commission</th><td>$1,500.00" in page
    assert "The artist is owed (net)</th><td>$5,500.00" in page
    assert "Outstanding</th><td>$5,000.00" in page  # 7,000 owed after withholding, 2,000 paid


def test_blank_withholding_lines_are_ignored_and_errors_name_the_line(manager_client):
    engagement = EngagementFactory(artist=manager_client.artist)
    data = {**DEAL, "withholding_0_jurisdiction": "", "withholding_0_rate": ""}
    data |= {"withholding_1_jurisdiction": "Germany", "withholding_1_rate": "15.825"}
    data["withholding_1_threshold"] = "250.001"
    response = post(manager_client, "engagement-deal", engagement, **data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Withholding threshold in Germany in USD has at most 2 decimals" in text
    (field,) = re.findall(r'<input[^>]*name="withholding_1_threshold"[^>]*>', text)
    described = 'aria-describedby="error-deal deal-withholding_1_threshold_helptext"'
    assert 'aria-invalid="true"' in field and described in field
    assert 'id="deal-withholding_1_threshold_helptext"' in text
    assert not Deal.objects.exists()
    data["withholding_1_threshold"] = "250"
    assert post(manager_client, "engagement-deal", engagement, **data).status_code == 302
    (line,) = Deal.objects.get().withholdings.all()
    assert (line.jurisdiction, line.rate, line.threshold) == ("Germany", Decimal("15.825"), 250)


def test_every_label_on_the_page_finds_one_field(manager_client):
    engagement = engagement_on(manager_client.artist, TODAY - timedelta(days=3))
    deal_set(engagement=engagement, currency="USD", guarantee="10000")
    page = page_of(manager_client, engagement)
    labelled = re.findall(r'<label for="([^"]+)"', page)
    assert "deal-withholding_2_threshold" in labelled and "document-title" in labelled
    assert {name: page.count(f'id="{name}"') for name in labelled} == dict.fromkeys(labelled, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deposit_percentage": "", "deposit_amount": "20000"}, "is more than the guarantee"),
        ({"currency": "ZZZ"}, "Currency must be an ISO 4217 code such as USD, EUR or JPY"),
        ({"guarantee": "-5"}, "Guarantee cannot be negative"),
    ],
)
def test_a_bad_deal_is_shown_at_its_form_and_nothing_is_saved(manager_client, changes, message):
    engagement = EngagementFactory(artist=manager_client.artist)
    version = engagement.version
    response = post(manager_client, "engagement-deal", engagement, **{**DEAL, **changes})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="error-deal"' in text and message in text
    assert not Deal.objects.exists()
    assert Engagement.objects.get(pk=engagement.pk).version == version


def test_a_settlement_before_the_concert_is_refused_at_its_form(manager_client):
    engagement = engagement_on(manager_client.artist, TODAY + timedelta(days=30))
    deal_set(engagement=engagement, currency="USD", guarantee="10000")
    Engagement.objects.filter(pk=engagement.pk).update(state=State.CONTRACTED)
    response = post(manager_client, "engagement-settlement", engagement, settled_on=str(TODAY))
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="error-settlement"' in text
    assert "A settlement is made after the concert has taken place" in text
    assert not Settlement.objects.exists()


def test_expenses_are_added_and_removed_and_a_stale_payment_is_refused(manager_client):
    engagement = engagement_on(manager_client.artist, TODAY - timedelta(days=3))
    deal_set(engagement=engagement, currency="EUR", guarantee="5000")
    response = post(
        manager_client,
        "engagement-expense",
        engagement,
        description="Piano tuning",
        amount="180",
        paid_by="rebilled",
    )
    assert response.status_code == 302
    expense = engagement.expenses.get()
    assert "Re-billed expenses</th><td>\N{MINUS SIGN}€180.00" in page_of(manager_client, engagement)
    version = Engagement.objects.get(pk=engagement.pk).version
    response = manager_client.post(
        reverse("expense-remove", args=[expense.pk]), {"version": version}
    )
    assert response.status_code == 302 and not engagement.expenses.exists()

    Engagement.objects.filter(pk=engagement.pk).update(state=State.CONTRACTED)
    stale = {"version": version, "paid_on": str(TODAY), "amount": "100"}
    response = post(manager_client, "engagement-payment", engagement, **stale)
    assert response.status_code == 409
    assert "Someone else changed this engagement" in response.content.decode()
    assert not Payment.objects.exists()


def test_a_presenter_sees_the_money_but_cannot_change_it(client):
    engagement = EngagementFactory()
    deal_set(engagement=engagement, currency="USD", guarantee="10000", commission_rate="15")
    user = PresenterAccessFactory(organisation=engagement.presenter).user
    client.force_login(user)
    page = page_of(client, engagement)
    assert "$10,000.00" in page and "$1,500.00" not in page and "Save the deal" not in page
    response = post(client, "engagement-deal", engagement, **DEAL)
    assert response.status_code == 403
    assert (
        Deal.objects.get().guarantee == Decimal("10000")
        and not Deal.objects.get().withholdings.exists()
    )


# Documents


def upload(client, engagement, content, name="contract.pdf", title="Contract"):
    return post(
        client,
        "engagement-document",
        engagement,
        title=title,
        file=SimpleUploadedFile(name, content, content_type="application/pdf"),
    )


def test_a_pdf_is_uploaded_and_downloaded_by_those_with_the_documents_sight(
    manager_client, client, stored_files
):
    engagement = EngagementFactory(artist=manager_client.artist)
    assert upload(manager_client, engagement, PDF).status_code == 302
    document = Document.objects.get()
    assert (document.title, document.size, document.uploaded_by) == (
        "Contract",
        len(PDF),
        manager_client.user,
    )
    assert len(stored_files()) == 1
    page = page_of(manager_client, engagement)
    assert f'href="{reverse("document", args=[document.pk])}"' in page and "by manager" in page

    presenter = PresenterAccessFactory(organisation=engagement.presenter).user
    artist = ArtistAccessFactory(agent=engagement.artist, role="artist", sees_fees=True).user
    for user in (manager_client.user, presenter, artist):
        client.force_login(user)
        response = client.get(reverse("document", args=[document.pk]))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_is_not_found_by_anyone_else(manager_client, client, stored_files):
    engagement = EngagementFactory(artist=manager_client.artist)
    upload(manager_client, engagement, PDF)
    address = reverse("document", args=[Document.objects.get().pk])
    other_presenter = PresenterAccessFactory().user
    other_artist = ArtistAccessFactory(role="artist", sees_fees=True).user
    other_manager = ArtistAccessFactory(role="manager").user
    artist_without_fees = ArtistAccessFactory(agent=engagement.artist, role="artist").user
    for user in (other_presenter, other_artist, other_manager, artist_without_fees):
        client.force_login(user)
        response = client.get(address)
        assert response.status_code == 404, user
        assert PDF not in response.content
    client.logout()
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "named as a PDF file but its content is none"),
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024), "is 11.0\xa0MB"),
        ("notes.txt", b"hello", "is not a PDF, PNG, JPEG, DOCX or ODT file"),
    ],
)
def test_a_refused_file_is_shown_at_its_form_and_leaves_no_file(
    manager_client, stored_files, name, content, message
):
    engagement = EngagementFactory(artist=manager_client.artist)
    response = upload(manager_client, engagement, content, name=name)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="error-document"' in text and name in text and message in text
    assert not Document.objects.exists()
    assert stored_files() == set()


def test_a_manager_removes_a_document(
    manager_client, stored_files, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(artist=manager_client.artist)
    upload(manager_client, engagement, PDF)
    (path,) = stored_files()
    document = Document.objects.get()
    version = Engagement.objects.get(pk=engagement.pk).version
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("document-remove", args=[document.pk]), {"version": version}
        )
    assert response.status_code == 302
    assert not Document.objects.exists() and not path.exists()


# The statement


def contracted(artist, day, currency="USD", guarantee="10000", **terms):
    engagement = engagement_on(artist, day, presenter=OrganisationFactory())
    deal_set(engagement=engagement, currency=currency, guarantee=guarantee, **terms)
    Engagement.objects.filter(pk=engagement.pk).update(state=State.CONTRACTED)
    return engagement


def statement(client, **query):
    return client.get(reverse("statement"), query)


def test_the_statement_totals_each_currency_apart(manager_client):
    artist = manager_client.artist
    year = TODAY.year
    contracted(artist, date(year, 3, 1), "USD", "10000", commission_rate="15")
    contracted(artist, date(year, 4, 1), "USD", "2000")
    contracted(artist, date(year, 5, 1), "EUR", "5000", commission_rate="10")
    contracted(artist, date(year - 1, 5, 1), "EUR", "99999")  # last year: not in the period
    response = statement(manager_client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert "Total in USD (2 engagements)" in text and "Total in EUR (1 engagement)" in text
    assert "$12,000.00" in text and "$10,500.00" in text  # fees; net after 1,500 commission
    assert "€4,500.00" in text and "99,999" not in text
    assert "never converted" in text


def test_the_statement_as_csv(manager_client):
    artist = manager_client.artist
    first = contracted(artist, date(2026, 3, 1), "USD", "10000", commission_rate="15")
    Engagement.objects.filter(pk=first.pk).update(title="=HYPERLINK(1)")
    response = statement(
        manager_client, artist=artist.pk, start="2026-01-01", end="2026-12-31", format="csv"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "engagement",
        "last performance",
        "presenter",
        "currency",
        "fee",
        "withheld",
        "commission",
        "net",
    ]
    presenter = str(first.presenter)
    assert rows[1:] == [
        ["'=HYPERLINK(1)", "2026-03-01", presenter, "USD", "10000.00", "0.00", "1500.00", "8500.00"]
    ]


def test_who_may_see_the_statement(client):
    engagement = contracted(AgentFactory(), date(TODAY.year, 6, 1))
    artist = engagement.artist
    presenter = PresenterAccessFactory(organisation=engagement.presenter).user
    without_fees = ArtistAccessFactory(agent=artist, role="artist").user
    with_fees = ArtistAccessFactory(agent=artist, role="artist", sees_fees=True).user
    stranger = ArtistAccessFactory(role="manager").user
    expected = {presenter: 403, without_fees: 403, with_fees: 200, stranger: 404}
    for user, status in expected.items():
        client.force_login(user)
        response = statement(client, artist=artist.pk)
        assert response.status_code == status, user
        assert ("$10,000.00" in response.content.decode()) == (status == 200)
    client.force_login(presenter)
    assert statement(client).status_code == 403  # no artist of their own
    client.logout()
    assert statement(client).status_code == 302


def test_a_bad_period_is_told(manager_client):
    response = statement(manager_client, start="2026-12-31", end="2026-01-01")
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()


def test_the_statement_costs_the_same_queries_for_10_engagements_as_for_2(manager_client):
    artist = manager_client.artist
    day = date(TODAY.year, 2, 1)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert statement(manager_client).status_code == 200
        return len(captured)

    for _ in range(2):
        contracted(artist, day, withholdings=[], commission_rate="10")
    two = queries()
    for i in range(8):
        engagement = contracted(artist, day + timedelta(days=i), "EUR", "500")
        engagement.expenses.create(description="Travel", amount="50", paid_by="artist")
    ten = queries()
    assert ten <= two


def test_a_stale_upload_is_refused_before_anything_is_stored(manager_client, stored_files):
    engagement = EngagementFactory(artist=manager_client.artist)
    file = SimpleUploadedFile("contract.pdf", PDF)
    response = post(
        manager_client, "engagement-document", engagement, version=engagement.version + 5, file=file
    )
    assert response.status_code == 409
    assert not Document.objects.exists() and stored_files() == set()
