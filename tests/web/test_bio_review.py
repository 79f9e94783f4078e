"""The review page: read a pasted or uploaded biography, correct or reject, accept."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cadenza.events.models import Award, Event
from cadenza.ingest.biography.moments import read_moments
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent, Relationship
from cadenza.repertoire.models import Work
from tests.factories import ArtistAccessFactory, UserFactory, WorkFactory
from tests.ingest.biography.test_reading import INZAGHI, KALMURZAEV, SAMPLE
from tests.ingest.nyphil.helpers import row_counts

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
    suite = Work.objects.get(catalogue_numbers__number="1007")
    # linked to BWV 1007, and the reviewer may choose another record or "new"
    assert f'<option value="{suite.pk}" selected>Cello Suite No. 1 in G major</option>' in body
    assert '<option value="new">new</option>' in body
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


def test_a_link_to_no_record_is_refused_with_the_text_kept_and_nothing_added(manager: Client):
    before = row_counts()
    response = manager.post(
        URL,
        {
            "text": KALMURZAEV,
            "action": "accept",
            "person": "Alessio Kalmurzaev",
            "keep:venues:0": "1",
            "value:venues:0": "Carnegie Hall",
            "link:venues:0": "987654",  # a stale or forged choice
        },
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "no place 987654 in the record to link to" in body
    assert 'name="keep:venues:0"' in body  # the review is shown again, to correct
    assert row_counts() == before


def test_accepting_as_shown_links_a_work_as_read_not_as_new(manager: Client):
    # A cello work in the record gives the suite's row a choice; shown as "as read", it is
    # not taken for "new", so the reference work comes whole.
    WorkFactory(title="Cello Concerto in B minor")
    read = html.unescape(manager.post(URL, {"text": INZAGHI, "action": "read"}).content.decode())
    assert '<option value="" selected>as read' in read
    form = {"text": INZAGHI, "action": "accept", "person": "Alessio Leonardo Inzaghi"}
    form |= {f"keep:{key}": "1" for key in ("works:0", "venues:0", "reviews:0")}
    form |= {"link:works:0": ""}  # the select's default, sent as shown
    manager.post(URL, form)
    suite = Work.objects.get(title__startswith="Cello Suite No. 1")
    assert [str(n) for n in suite.catalogue_numbers.all()] == ["BWV 1007"]
    assert [m.title for m in suite.movements.all()][:2] == ["Prélude", "Allemande"]
    assert [a.agent.name for a in suite.authorships.all()] == ["Johann Sebastian Bach"]


def test_every_field_of_a_fact_is_shown_for_correction(manager: Client):
    body = html.unescape(manager.post(URL, {"text": SAMPLE, "action": "read"}).content.decode())
    for field in ("prize", "year"):
        assert f'name="field:awards:0:{field}"' in body
    assert 'name="field:studied_at:0:teacher"' in body


def test_a_reviewer_corrects_fields_and_relinks_facts(manager: Client):
    load_demo()
    hall = Event.objects.filter(venue__name="Carnegie Hall").first()
    assert hall is not None and hall.venue is not None
    conservatory = Agent.objects.get(name="Moscow Conservatory")
    read = manager.post(URL, {"text": KALMURZAEV, "action": "read"}).content.decode()
    read = html.unescape(read)
    assert f'<option value="{conservatory.pk}" selected>Moscow Conservatory</option>' in read
    manager.post(
        URL,
        {
            "text": KALMURZAEV,
            "action": "accept",
            "person": "Alessio Kalmurzaev",
            "keep:studied_at:0": "1",
            "value:studied_at:0": "Tchaikovsky Conservatory",
            "field:studied_at:0:year": "1990",  # a field other than the name, corrected
            "link:studied_at:0": "new",  # not the demo's Moscow Conservatory: a new record
            "keep:awards:0": "1",
            "value:awards:0": "several local competitions",
            "field:awards:0:prize": "first prize",
            "field:awards:0:year": "1988",
            "person:birth_year": "1975",  # the person's fields are corrected too
            "person:instruments": "violin, viola",
            "keep:venues:0": "1",
            "value:venues:0": "the hall in New York",  # the words changed...
            "link:venues:0": str(hall.venue.pk),  # ...and linked to Carnegie Hall by hand
        },
    )
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    assert person.begin_year == 1975
    assert {i.instrument.name for i in person.instruments.all()} == {"violin", "viola"}
    studied = Relationship.objects.get(subject=person, kind="studied_at", begin_year=1990)
    assert studied.target != conservatory and studied.target.name == "Tchaikovsky Conservatory"
    award = Award.objects.get(agent=person, year=1988)
    assert award.prize == "first prize"
    assert award.competition_as_stated == "several local competitions"
    assert Event.objects.filter(credits__agent=person, venue=hall.venue).exists()


SMALL = (
    "Anna Berg is a Swedish violinist. She studied at the Royal Academy of Music with Jan "
    "Lind. She played Bach's Cello Suite No. 1 at Carnegie Hall with the London Symphony "
    "Orchestra under Simon Rattle."
)
LARGE = (
    "Anna Berg is a Swedish violinist. She studied at the Royal Academy of Music with Jan "
    "Lind and at the Juilliard School with Dorothy DeLay, then at the Moscow Conservatory. "
    "She played Bach's Cello Suite No. 1 and Bach's Cello Suite No. 2 at Carnegie Hall and at "
    "Wigmore Hall, and has appeared with the London Symphony Orchestra, the Berlin "
    "Philharmonic and the Orchestre de Paris under Simon Rattle, Daniel Barenboim and Iván "
    "Fischer. She was principal violin of the Royal Stockholm Philharmonic Orchestra."
)


@pytest.mark.parametrize("text", [SMALL, LARGE])
def test_the_review_page_reads_the_record_in_fixed_queries(
    manager: Client, text: str, django_assert_num_queries: Any
) -> None:
    load_demo()
    # user, manager's access (the session is a signed cookie: no query); agents and
    # aliases; places and former names; works, catalogue numbers and composers
    with django_assert_num_queries(9):
        body = manager.post(URL, {"text": text, "action": "read"}).content.decode()
    assert body.count('name="keep:') >= (6 if text is SMALL else 14)


def test_moments_are_reviewed_too(manager: Client):
    read = html.unescape(manager.post(URL, {"text": KALMURZAEV, "action": "read"}).content.decode())
    assert 'name="value:moments:0" value="began taking lessons from a young age' in read
    assert "kind: training" in read and "kind: legacy" in read
    moments = read_moments(KALMURZAEV)
    form = {"text": KALMURZAEV, "action": "accept", "person": "Alessio Kalmurzaev"}
    for index, moment in enumerate(moments):
        if moment["kind"] != "legacy":  # the legacy is rejected
            form[f"keep:moments:{index}"] = "1"
            form[f"value:moments:{index}"] = moment["text"]
    form["value:moments:0"] = "began violin lessons as a child"  # corrected
    manager.post(URL, form)
    person = Agent.objects.get(name="Alessio Kalmurzaev")
    kinds = {m.kind for m in person.milestones.all()}
    assert "legacy" not in kinds and {"training", "invitation", "recognition"} <= kinds
    assert person.milestones.filter(text="Began violin lessons as a child.").exists()


def test_a_year_that_is_not_a_number_is_refused_by_name_and_nothing_added(manager: Client):
    before = row_counts()
    response = manager.post(
        URL,
        {
            "text": KALMURZAEV,
            "action": "accept",
            "person": "Alessio Kalmurzaev",
            "person:birth_year": "nineteen",
            "keep:studied_at:0": "1",
            "field:studied_at:0:year": "19x0",
        },
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "birth_year: Enter a whole number; " in body
    assert "Studied at Tchaikovsky Conservatory: year: Enter a whole number. Nothing" in body
    assert 'name="keep:studied_at:0"' in body  # shown again, to correct
    assert row_counts() == before


def test_a_reviewer_gives_the_persons_pronouns(manager: Client):
    read = html.unescape(manager.post(URL, {"text": SAMPLE, "action": "read"}).content.decode())
    assert '<select id="person-pronouns" name="person:pronouns">' in read
    assert '<option value="she">she/her</option>' in read
    accepted = {"text": SAMPLE, "action": "accept", "person:pronouns": "she"}
    response = manager.post(URL, accepted)
    assert response.status_code == 302
    person = Agent.objects.get(pk=int(response["Location"].split("/")[2]))
    assert person.pronouns == "she"  # what the biographies then call her


def test_pronouns_not_among_the_choices_are_refused_and_nothing_added(manager: Client):
    before = row_counts()
    response = manager.post(URL, {"text": SAMPLE, "action": "accept", "person:pronouns": "it"})
    assert response.status_code == 400
    assert "pronouns: Select a valid choice" in html.unescape(response.content.decode())
    assert row_counts() == before
