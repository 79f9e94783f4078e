"""Which search runs where: PostgreSQL's full-text and trigram search on PostgreSQL (with
the tables and GIN indexes of the web app's migration), the in-process word index on
SQLite, where that migration does nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.web.search.results import search_record
from tests.factories import AgentFactory, AliasFactory
from tests.ingest.nyphil.helpers import FIXTURES
from tests.web.another_connection import another_connection

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's search (CI runs both engines)"
)


def test_the_engine_picks_the_search():
    AgentFactory(name="Isaac Stern")
    with CaptureQueriesContext(connection) as queries:
        assert [a.name for a in search_record("stern").agents] == ["Isaac Stern"]
    asked_documents = any("web_search_doc" in q["sql"] for q in queries.captured_queries)
    assert asked_documents == (connection.vendor == "postgresql")
    tables = connection.introspection.table_names()
    assert ("web_search_doc" in tables) == (connection.vendor == "postgresql")


@on_postgres
def test_the_migration_made_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'web_search_%%'"
            " AND indexdef LIKE '%% USING gin %%' ORDER BY indexname"
        )
        rows = dict(cursor.fetchall())
    for kind in ("agents", "works", "places", "events"):
        assert "(tsv)" in rows[f"web_search_doc_{kind}"]
        assert "gin_trgm_ops" in rows[f"web_search_word_{kind}"]


# Committed writes, as a server sees them.
@pytest.mark.django_db(transaction=True)
def test_a_rename_is_found_by_the_next_search():
    agent = AgentFactory(name="Alessio Kalmurzaev", sort_name="Kalmurzaev, Alessio")
    assert search_record("kalmurzaev").agents == [agent]
    agent.name = agent.sort_name = "Alessio Kalmurzayev"
    agent.save()
    assert search_record("kalmurzayev").agents == [agent]
    AliasFactory(agent=agent, name="Alyosha")  # a new alias, on another table
    assert search_record("alyosha").agents == [agent]
    agent.delete()
    assert search_record("kalmurzayev").agents == []


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_an_open_writer_neither_blocks_search_nor_is_missed_after_it_commits():
    AgentFactory(name="Isaac Stern", sort_name="Stern, Isaac")
    assert [a.name for a in search_record("stern").agents] == ["Isaac Stern"]
    AgentFactory(name="Carl Stern", sort_name="Stern, Carl")  # committed: a change
    with another_connection() as writer:
        writer.execute(
            "INSERT INTO people_agent (kind, name, sort_name, background, summary,"
            " private_notes) VALUES ('person', 'Michael Stern', 'Stern, Michael', '', '', '')"
        )
        # The writer is still open: search answers at once, from the documents it has,
        # rather than build them without the rows the writer is about to commit.
        assert [a.name for a in search_record("stern").agents] == ["Isaac Stern"]
        writer.commit()
    found = {a.name for a in search_record("stern").agents}
    assert found == {"Isaac Stern", "Carl Stern", "Michael Stern"}


# Committed writes from past Django's cursor: an import's bulk rows, another process.
@pytest.mark.django_db(transaction=True)
def test_an_import_and_another_connections_write_are_found_by_the_next_search():
    assert search_record("stern").agents == []
    import_nyphil([FIXTURES / "stern.json"])
    assert [a.name for a in search_record("isaac stern").agents] == ["Isaac Stern"]
    with another_connection() as other:
        other.execute("UPDATE people_agent SET name = 'Isaac Sterne' WHERE name = 'Isaac Stern'")
        other.commit()
    assert [a.name for a in search_record("sterne").agents] == ["Isaac Sterne"]
