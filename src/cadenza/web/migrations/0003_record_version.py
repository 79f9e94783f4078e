"""The record version: one row that triggers on every record table move at each write
(cadenza.record_triggers), read by the page cache and by search on both engines.

On PostgreSQL it replaces search's own change log (`web_search_change` and its triggers),
and empties search's stamp so that the next search builds the documents again."""

from django.db import migrations, models

from cadenza import record_triggers

# Search's change log of 0001_search_postgres, on these tables.
SEARCH_LOG_TABLES = [
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


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    apps.get_model("web", "RecordVersion").objects.using(connection.alias).create(id=1)
    if connection.vendor == "postgresql":
        for table in SEARCH_LOG_TABLES:
            schema_editor.execute(f"DROP TRIGGER web_search_changed ON {table}")
        schema_editor.execute("DROP FUNCTION web_search_changed()")
        schema_editor.execute("DROP TABLE web_search_change")
        schema_editor.execute("DELETE FROM web_search_stamp")
    record_triggers.install(connection, record_triggers.record_tables(apps))


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in record_triggers.tables_with_triggers(connection):
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER record_version ON "{table}"')
            else:
                for op in ("insert", "update", "delete"):
                    cursor.execute(f'DROP TRIGGER "{table}__record_{op}"')
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION cadenza_record_changed()")
        schema_editor.execute("CREATE TABLE web_search_change (id bigserial PRIMARY KEY)")
        schema_editor.execute(
            "CREATE FUNCTION web_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN INSERT INTO web_search_change DEFAULT VALUES; RETURN NULL; END $$"
        )
        for table in SEARCH_LOG_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER web_search_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION web_search_changed()"
            )
        schema_editor.execute("DELETE FROM web_search_stamp")


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0002_search_fold_short_i"),
        ("events", "0004_programmeitem_programme_index_in_unique"),
        ("ingest", "0002_fk_indexes_covered_by_composites"),
        ("people", "0001_initial"),
        ("places", "0001_initial"),
        ("press", "0001_initial"),
        ("repertoire", "0001_initial"),
    ]
    operations = [
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                ("id", models.SmallIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
