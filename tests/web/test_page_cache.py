"""The page cache (cadenza.web.caching): anonymous pages are kept until the record changes,
and an edit shows at once, whoever made it: a save, a queryset update, a service, the
admin, raw SQL, another connection, an archive import's bulk inserts.

These tests commit for real (transaction=True), as a server sees the writes of others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client

from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.places.services import place_name_add
from cadenza.web.caching import ALIAS
from cadenza.web.selectors import record_version
from tests.conftest import PASSWORD, sign_in
from tests.factories import PlaceFactory
from tests.ingest.nyphil.helpers import FIXTURES
from tests.web.another_connection import another_connection

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings: Any, tmp_path: Path) -> None:
    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        ALIAS: {**settings.CACHES[ALIAS], "LOCATION": str(tmp_path / "pages")},
    }
    caches[ALIAS].clear()


@pytest.fixture
def kalmurzaev() -> Agent:
    load_demo()
    return Agent.objects.get(name="Alessio Kalmurzaev")


def get(client: Client, url: str, **headers: str) -> tuple[str, str]:
    """The page's text and whether the cache served it (hit), stored it (miss) or neither."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def test_a_page_is_served_from_the_cache_until_the_record_changes(
    client: Client, kalmurzaev: Agent
) -> None:
    url = kalmurzaev.get_absolute_url()
    first, how = get(client, url)
    assert how == "miss" and "Alessio Kalmurzaev" in first
    again, how = get(client, url)
    assert how == "hit" and again == first

    kalmurzaev.summary = "Violinist, newly described."
    kalmurzaev.save()
    edited, how = get(client, url)
    assert how == "miss"
    assert "Violinist, newly described." in edited

    # A queryset update sends no signal; it changes the page all the same.
    Agent.objects.filter(pk=kalmurzaev.pk).update(summary="Violinist from Moscow.")
    updated, _ = get(client, url)
    assert "Violinist from Moscow." in updated
    assert "newly described" not in updated


def test_an_archive_import_shows_at_once(client: Client, kalmurzaev: Agent) -> None:
    hall = Place.objects.get(name="Carnegie Hall")
    before, _ = get(client, hall.get_absolute_url())
    assert get(client, hall.get_absolute_url())[1] == "hit"
    assert "New York Philharmonic at Carnegie Hall" not in before

    import_nyphil([FIXTURES / "stern.json"])  # bulk inserts and raw SQL, no model signals
    after, how = get(client, hall.get_absolute_url())
    assert how == "miss"
    assert "New York Philharmonic at Carnegie Hall" in after


def test_the_version_moves_when_a_transaction_commits_and_not_when_it_rolls_back(
    kalmurzaev: Agent,
) -> None:
    start = record_version()
    with another_connection() as other:
        read = "SELECT version FROM web_recordversion WHERE id = 1"
        with transaction.atomic():
            Agent.objects.filter(pk=kalmurzaev.pk).update(summary="Pending.")
            assert record_version() > start  # the writer sees its own writes
            if connection.vendor == "postgresql":  # (SQLite's shared memory database locks)
                assert other.execute(read).fetchone()[0] == start  # the others do not yet
        committed = record_version()
        assert committed > start
        assert other.execute(read).fetchone()[0] == committed

    with pytest.raises(RuntimeError), transaction.atomic():
        Agent.objects.filter(pk=kalmurzaev.pk).update(summary="Never.")
        raise RuntimeError("rolled back")
    assert record_version() == committed
    list(Agent.objects.all())  # reads change nothing
    assert record_version() == committed


def test_a_service_an_admin_edit_and_raw_sql_show_at_once(
    client: Client, superuser_client: Client
) -> None:
    hall = PlaceFactory(name="Wigmore Hall", capacity=545)
    url = hall.get_absolute_url()
    assert get(client, url)[1] == "miss"
    assert get(client, url)[1] == "hit"

    place_name_add(place=hall, name="Bechstein Hall", start_year=1901, end_year=1917)
    page, how = get(client, url)
    assert how == "miss" and "Bechstein Hall" in page

    changed = superuser_client.post(
        f"/admin/places/place/{hall.pk}/change/",
        {
            "name": "Wigmore Hall",
            "kind": "hall",
            "capacity": "552",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "1",
            "names-0-id": str(hall.names.get().pk),
            "names-0-place": str(hall.pk),
            "names-0-name": "Bechstein Hall",
            "names-0-start_year": "1901",
            "names-0-end_year": "1917",
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:2000]
    page, how = get(client, url)
    assert how == "miss" and "552" in page and "545" not in page

    with connection.cursor() as cursor:
        cursor.execute("UPDATE places_place SET capacity = 560 WHERE id = %s", [hall.pk])
    page, how = get(client, url)
    assert how == "miss" and "560" in page


def test_another_connections_write_shows_at_once(client: Client, kalmurzaev: Agent) -> None:
    """Another process writing (an import, `psql`, `sqlite3`): the database's triggers
    move the version, with nothing of Cadenza's code in the writer."""
    url = kalmurzaev.get_absolute_url()
    assert get(client, url)[1] == "miss"
    assert get(client, url)[1] == "hit"
    with another_connection() as other:
        other.execute(
            f"UPDATE people_agent SET summary = 'Written elsewhere.' WHERE id = {kalmurzaev.pk}"
        )
        other.commit()
    page, how = get(client, url)
    assert how == "miss" and "Written elsewhere." in page


def test_a_signed_in_visitor_neither_gets_nor_leaves_a_stored_page(
    client: Client, kalmurzaev: Agent, superuser: Any
) -> None:
    url = kalmurzaev.get_absolute_url()
    member = Client()
    assert sign_in(member, username=superuser.username, password=PASSWORD)
    theirs, how = get(member, url)
    assert "Signed in as" in theirs and how == ""

    anonymous, how = get(client, url)
    assert how == "miss" and "Signed in as" not in anonymous
    assert get(client, url)[1] == "hit"
    again, how = get(member, url)
    assert "Signed in as" in again and how == ""


def test_a_visitor_with_a_message_waiting_is_not_served_a_stored_page(
    client: Client, kalmurzaev: Agent
) -> None:
    url = kalmurzaev.get_absolute_url()
    assert get(client, url)[1] == "miss"
    assert get(client, url)[1] == "hit"
    client.cookies["csrftoken"] = "x" * 32  # the CSRF cookie alone changes nothing
    assert get(client, url)[1] == "hit"
    client.cookies["messages"] = "a message stored for this visitor"
    assert get(client, url)[1] == ""


def test_a_page_with_a_csrf_token_is_never_stored(client: Client, kalmurzaev: Agent) -> None:
    first, how = get(client, "/login/")
    assert 'name="csrfmiddlewaretoken"' in first and how == ""
    second, how = get(Client(), "/login/")
    assert how == ""
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:20] != second.split(token)[1][:20]


def test_an_htmx_part_and_the_whole_page_are_kept_apart(client: Client, kalmurzaev: Agent) -> None:
    url = kalmurzaev.get_absolute_url() + "?kind=training"
    whole, _ = get(client, url)
    part, _ = get(client, url, HX_Request="true", HX_Target="timeline")
    assert "<html" in whole
    assert part.startswith('<div id="timeline">') and "<html" not in part
    assert get(client, url)[0] == whole
    assert get(client, url, HX_Request="true", HX_Target="timeline") == (part, "hit")


def test_the_cache_is_off_unless_asked_for(settings: Any, client: Client, kalmurzaev: Agent):
    settings.PAGE_CACHE = False
    assert get(client, kalmurzaev.get_absolute_url())[1] == ""
    assert get(client, kalmurzaev.get_absolute_url())[1] == ""


def test_reading_pages_leaves_the_version_alone(client: Client, kalmurzaev: Agent) -> None:
    """A read counted as a write would empty the cache at every page served."""
    import_nyphil([FIXTURES / "quirks.json", FIXTURES / "stern.json"])
    stern = Agent.objects.get(name="Isaac Stern")
    hall = Place.objects.get(name="Carnegie Hall")
    event = hall.events.filter(date_year=1961).first()
    assert event is not None
    work = event.programme.items.exclude(work=None).first().work  # type: ignore[union-attr]
    start = record_version()
    for url, name in (
        ("/search/?q=stern", "Isaac Stern"),
        ("/search/?q=kalmurzayev", "Kalmurzaev"),
    ):
        text, how = get(client, url)
        assert name in text
        assert how == ""  # search is never stored (docs/deployment.md)
    for url in (
        "/",
        stern.get_absolute_url(),
        kalmurzaev.get_absolute_url() + "?kind=training",
        hall.get_absolute_url(),
        event.get_absolute_url(),
        work.get_absolute_url(),
    ):
        _, how = get(client, url)
        assert how == "miss", url
    assert record_version() == start


def test_rows_written_by_a_bulk_insert_alone_move_the_version_on_commit(
    kalmurzaev: Agent,
) -> None:
    """Bulk inserts go past Django's cursor (PostgreSQL's COPY, SQLite's batched INSERTs
    straight to sqlite3): the database's triggers see them all the same."""
    from cadenza.bulkinsert import insert_rows
    from cadenza.events.models import Event

    start = record_version()
    with transaction.atomic():
        insert_rows(
            Event,
            ["name", "kind", "status", "narrative_order"],
            [("Copied", "concert", "took_place", 0)],
        )
    assert record_version() > start
    assert Event.objects.filter(name="Copied").exists()
