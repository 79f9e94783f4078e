from __future__ import annotations

import pytest

from tests.factories import AgentFactory, CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_source_admin_shows_its_citations(admin_pages, superuser_client):
    source = SourceFactory(title="Biography of Alessio Kalmurzaev", key="bio-kalmurzaev")
    agent = AgentFactory(name="Alessio Kalmurzaev")
    CitationFactory(source=source, record=agent, span_start=0, span_end=14)

    admin_pages(source, search="bio-kalmurzaev")

    change = superuser_client.get(f"/admin/ingest/source/{source.pk}/change/").content.decode()
    assert f'value="{agent.pk}"' in change  # the citation inline's object id


def test_citation_admin_shows_the_excerpt(admin_pages, superuser_client):
    source = SourceFactory(title="Biography", text="Born in Moscow, she studied the violin.")
    citation = CitationFactory(source=source, span_start=0, span_end=14, record_id="")

    admin_pages(citation, text="Biography", search="Biography")

    listing = superuser_client.get("/admin/ingest/citation/").content.decode()
    assert "Born in Moscow" in listing  # the excerpt column
