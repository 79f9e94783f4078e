"""PostgreSQL's search: unaccent and pg_trgm, a folding function, the search documents and
their words, with GIN indexes. Every step is a no-op on other databases (SQLite keeps the
in-process word index, cadenza.web.search.word_index). See docs/search.md."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

KINDS = ["agents", "works", "places", "events"]
# What the search documents are built from.
TABLES = [
    "people_agent",
    "people_alias",
    "people_authorship",
    "events_credit",
    "repertoire_work",
    "repertoire_cataloguenumber",
    "places_place",
    "places_placename",
    "events_event",
    "events_series",
]
FORWARDS = [
    # unaccent() is only STABLE (its dictionary could change), so an immutable wrapper
    # with the dictionary named is what an index expression may use.
    """
    CREATE FUNCTION cadenza_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(regexp_replace(regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary, $1)),
        '[^[:alnum:]]+', ' ', 'g'),
        '([[:digit:]])([[:alpha:]])', '\\1 \\2', 'g'),
        '([[:alpha:]])([[:digit:]])', '\\1 \\2', 'g'))
    $$
    """,
    """
    CREATE TABLE web_search_doc (
      kind text NOT NULL,
      key integer NOT NULL,
      doc text NOT NULL,
      weight bigint NOT NULL DEFAULT 0,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, doc)) STORED,
      PRIMARY KEY (kind, key)
    )
    """,
    # One index per kind, as every query asks for one kind. No pending list (fastupdate):
    # rows come in bulk, and the planner shuns a GIN index whose pending list is long.
    *[
        f"CREATE INDEX web_search_doc_{kind} ON web_search_doc USING gin (tsv) WITH (fastupdate = off)"
        f" WHERE kind = '{kind}'"
        for kind in KINDS
    ],
    # Collation "C", so that the primary key serves prefix lookups (LIKE 'beeth' + '%').
    """
    CREATE TABLE web_search_word (
      kind text NOT NULL,
      word text COLLATE "C" NOT NULL,
      PRIMARY KEY (kind, word)
    )
    """,
    *[
        f"CREATE INDEX web_search_word_{kind} ON web_search_word USING gin (word gin_trgm_ops)"
        " WITH (fastupdate = off)"
        f" WHERE kind = '{kind}'"
        for kind in KINDS
    ],
    "CREATE TABLE web_search_stamp (id integer PRIMARY KEY, stamp text NOT NULL)",
    # Every statement that writes to a table search reads adds a row here; the highest id
    # is the record's stamp. Rows appear only when their transaction commits, and inserts
    # take no lock that other writers wait for (unlike one counter row).
    "CREATE TABLE web_search_change (id bigserial PRIMARY KEY)",
    """
    CREATE FUNCTION web_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO web_search_change DEFAULT VALUES;
      RETURN NULL;
    END
    $$
    """,
    *[
        f"CREATE TRIGGER web_search_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
        f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION web_search_changed()"
        for table in TABLES
    ],
]
BACKWARDS = [
    *[f"DROP TRIGGER web_search_changed ON {table}" for table in TABLES],
    "DROP FUNCTION web_search_changed()",
    "DROP TABLE web_search_change",
    "DROP TABLE web_search_stamp",
    "DROP TABLE web_search_word",
    "DROP TABLE web_search_doc",
    "DROP FUNCTION cadenza_search_fold(text)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("events", "0001_initial"),
        ("people", "0001_initial"),
        ("places", "0001_initial"),
        ("repertoire", "0001_initial"),
    ]
    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
