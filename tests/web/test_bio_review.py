"""The review page: read a pasted or uploaded biography, correct or reject, accept."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cadenza.events.models import Award
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent, Relationship
from tests.factories import ArtistAccessFactory, UserFactory
from tests.ingest.biography.test_reading import INZAGHI, KALMURZAEV, SAMPLE
from tests.ingest.nyphil_helpers import row_counts

pytestmark = pytest.mark.django_db
URL = "/biographies/review/"


@pytest.fixture
def manager(client: Client) -> Client:
    client.force_login(ArtistAccessFactory().user)
    return client


def test_only_managers_and_staff_may_review(client: Client):
    assert client.get(URL)["Location"].startswith("/login/")
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_each_fact_is_shown_at_its_words_with_its_link(manager: Client):
    load_demo()
    body = html.unescape(manager.post(URL, {"text": INZAGHI, "action": "read"}).content.decode())
    assert '<mark title="Venue">Carnegie Hall</mark>' in body
    assert 'name="value:works:0" value="Cello Suite No. 1"' in body
    assert "<td>Cello Suite No. 1 in G major</td>" in body  # linked to BWV 1007
    assert 'id="person" name="person" value="Alessio Leonardo Inzaghi"' in body


def test_an_uploaded_file_is_read_too(manager: Client):
    upload = SimpleUploadedFile("bio.txt", SAMPLE.encode(), content_type="text/plain")
    body = manager.post(URL, {"file": upload, "action": "read"}).content.decode()
    assert 'value="Royal Academy of Music"' in body


def test_accepting_imports_the_kept_facts_as_corrected(manager: Client):
    read = manager.post(URL, {"text": KALMURZAEV, "action": "read"}).content.decode()
    assert 'name="keep:awards:0"' in read
    response = manager.post(
        URL,
        {
            "text": KALMURZAEV,
            "action": "accept",
            "person": "Alessio Kalmurzaev",
            "keep:studied_at:0": "1",
            "value:studied_at:0": "Moscow Conservatory",  # corrected
            # the award is not kept: rejected
            "keep:venues:0": "1",
            "value:venues:0": "Carnegie Hall",
        },
    )
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    assert response["Location"] == person.get_absolute_url()
    school = Relationship.objects.get(subject=person, kind="studied_at").target
    assert school.name == "Moscow Conservatory"
    assert not Award.objects.filter(agent=person).exists()


def test_bad_input_is_refused_and_nothing_is_added(manager: Client):
    before = row_counts()
    response = manager.post(URL, {"text": "", "action": "accept"})
    assert response.status_code == 400
    assert "the text is empty" in response.content.decode()
    assert row_counts() == before
