from __future__ import annotations

import pytest

from tests.factories import (
    AuthorshipFactory,
    CatalogueNumberFactory,
    InstrumentFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db


def test_work_admin_shows_catalogue_number_movements_and_composer(admin_pages, superuser_client):
    suite = WorkFactory(title="Cello Suite No. 1", key="G major", form="suite")
    CatalogueNumberFactory(work=suite, catalogue="BWV", number="1007")
    WorkFactory(title="Prélude", parent=suite, position=1)
    WorkFactory(title="Allemande", parent=suite, position=2)
    AuthorshipFactory(work=suite, agent__name="Johann Sebastian Bach")

    admin_pages(suite, search="BWV 1007")

    listing = superuser_client.get("/admin/repertoire/work/", {"q": "Bach"}).content.decode()
    assert "Cello Suite No. 1" in listing  # found through the composer
    assert "Johann Sebastian Bach" in listing  # the composers column
    assert "BWV 1007" in listing  # the catalogue column

    change = superuser_client.get(f"/admin/repertoire/work/{suite.pk}/change/").content.decode()
    assert "Prélude" in change and "Allemande" in change  # movements inline
    assert 'value="1007"' in change  # catalogue numbers inline
    assert "Johann Sebastian Bach" in change  # authorship inline


def test_work_changelist_query_count_does_not_grow_with_works(
    superuser_client, django_assert_max_num_queries
):
    for n in range(12):
        work = WorkFactory(title=f"Partita {n}")
        CatalogueNumberFactory(work=work)
        AuthorshipFactory(work=work)

    with django_assert_max_num_queries(12):
        response = superuser_client.get("/admin/repertoire/work/")

    assert "Partita 11" in response.content.decode()


def test_instrument_admin_pages(admin_pages):
    admin_pages(InstrumentFactory(name="cello", performer_noun="cellist"), search="cell")


def test_catalogue_number_admin_pages(admin_pages):
    number = CatalogueNumberFactory(catalogue="BWV", number="1007", work__title="Cello Suite No. 1")
    admin_pages(number, text="BWV 1007", search="1007")
