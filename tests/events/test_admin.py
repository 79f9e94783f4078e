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


def _event_post(**dates: object) -> dict[str, object]:
    """The event add form as a browser sends it: the fields, and the credits inline empty."""
    return {
        "name": "Recital",
        "kind": "concert",
        "status": "took_place",
        "narrative_order": 0,
        **dates,
        "credits-TOTAL_FORMS": 0,
        "credits-INITIAL_FORMS": 0,
        "credits-MIN_NUM_FORMS": 0,
        "credits-MAX_NUM_FORMS": 1000,
    }


def test_event_admin_refuses_a_year_out_of_bounds_naming_the_field(superuser_client):
    from cadenza.events.models import Event

    for year in (99999, 799, 2101):
        page = superuser_client.post("/admin/events/event/add/", _event_post(date_year=year))
        body = page.content.decode()
        assert f"Date year: Give a year between 800 and 2100, not {year}." in body
        assert not Event.objects.filter(name="Recital").exists()

    page = superuser_client.post(
        "/admin/events/event/add/", _event_post(date_year=2023, date_month=2, date_day=30)
    )
    assert "Date day: Day must be 1 to 28 for 2023-02, not 30." in page.content.decode()

    saved = superuser_client.post(
        "/admin/events/event/add/", _event_post(date_year=1889, date_month=3, date_day=5)
    )
    assert saved.status_code == 302
    assert Event.objects.get(name="Recital").date_year == 1889


def test_series_and_award_admin_refuse_years_out_of_bounds(superuser_client):
    page = superuser_client.post(
        "/admin/events/series/add/", {"name": "Season", "kind": "season", "start_year": 19855}
    )
    assert "Start year: Give a year between 800 and 2100, not 19855." in page.content.decode()
