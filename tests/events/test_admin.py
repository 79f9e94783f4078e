from __future__ import annotations

import pytest

from cadenza.events.models import Credit, ProgrammeItem
from tests.factories import (
    AgentFactory,
    AwardFactory,
    CreditFactory,
    EnsembleFactory,
    EventFactory,
    InstrumentFactory,
    PlaceFactory,
    ProgrammeFactory,
    ProgrammeItemFactory,
    SeriesFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def test_event_admin_shows_venue_date_and_event_credits(admin_pages, superuser_client):
    hall = PlaceFactory(name="Carnegie Hall")
    concert = EventFactory(
        name="Kalmurzaev at Carnegie Hall", venue=hall, date_year=2012, date_month=3, date_day=5
    )
    CreditFactory(event=concert, agent__name="Alessio Kalmurzaev", role=Credit.Role.SOLOIST)
    CreditFactory(event=concert, agent=EnsembleFactory(name="Festival Orchestra"), role="orchestra")

    admin_pages(concert, search="Kalmurzaev")

    listing = superuser_client.get("/admin/events/event/").content.decode()
    assert "5 March 2012" in listing  # the partial date column
    assert "Carnegie Hall" in listing

    change = superuser_client.get(f"/admin/events/event/{concert.pk}/change/").content.decode()
    assert "Alessio Kalmurzaev" in change and "Festival Orchestra" in change  # credit inline
    assert 'name="credits-0-item"' not in change  # event credits do not offer an item


def test_event_changelist_query_count_does_not_grow_with_events(
    superuser_client, django_assert_max_num_queries
):
    series = SeriesFactory(name="Season 2012")
    for n in range(12):
        EventFactory(name=f"Concert {n}", series=series)

    with django_assert_max_num_queries(10):
        response = superuser_client.get("/admin/events/event/")

    assert "Season 2012" in response.content.decode()


def test_programme_admin_lists_its_items_in_order(admin_pages, superuser_client):
    programme = ProgrammeFactory(title="Bach and Brahms")
    ProgrammeItemFactory(programme=programme, position=1, work__title="Cello Suite No. 1")
    ProgrammeItemFactory(
        programme=programme, position=2, work=None, kind=ProgrammeItem.Kind.INTERMISSION
    )
    ProgrammeItemFactory(programme=programme, position=3, work__title="Cello Sonata No. 1")

    admin_pages(programme, search="Bach and Brahms")

    change = superuser_client.get(
        f"/admin/events/programme/{programme.pk}/change/"
    ).content.decode()
    assert change.index("Cello Suite No. 1") < change.index("Cello Sonata No. 1")
    assert "Intermission" in change


def test_programme_item_admin_shows_its_soloist_credit(admin_pages, superuser_client):
    item = ProgrammeItemFactory(work__title="Violin Concerto in D major")
    CreditFactory(
        event=None,
        item=item,
        agent__name="Alessio Kalmurzaev",
        instrument=InstrumentFactory(name="violin"),
    )

    admin_pages(item, search="Violin Concerto")

    change = superuser_client.get(f"/admin/events/programmeitem/{item.pk}/change/").content.decode()
    assert "Alessio Kalmurzaev" in change  # the item's credit inline
    assert 'name="credits-0-event"' not in change


def test_series_admin_pages(admin_pages):
    admin_pages(SeriesFactory(name="Salzburg Festival"), search="Salzburg")


def test_credit_admin_pages(admin_pages):
    credit = CreditFactory(agent=AgentFactory(name="Alessio Kalmurzaev"), event__name="Debut")
    admin_pages(credit, text="Alessio Kalmurzaev (Soloist)", search="Kalmurzaev")


def test_award_admin_pages(admin_pages):
    award = AwardFactory(
        agent__name="Alessio Kalmurzaev", competition_as_stated="several local competitions"
    )
    admin_pages(award, text="several local competitions", search="Kalmurzaev")


def test_work_used_in_a_programme_can_be_picked_by_autocomplete(superuser_client):
    WorkFactory(title="Cello Suite No. 1")

    response = superuser_client.get(
        "/admin/autocomplete/",
        {
            "term": "Suite",
            "app_label": "events",
            "model_name": "programmeitem",
            "field_name": "work",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Cello Suite No. 1"]
