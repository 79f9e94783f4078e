"""cadenza_search_fold() drops the breve of й, as cadenza.web.search.words.words does, so
Cyrillic names fold alike on both engines; the documents are rebuilt by the next search.
A no-op on other databases than PostgreSQL."""

from django.db import migrations


def _fold(short_i: str) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION cadenza_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(regexp_replace(regexp_replace(
        {short_i},
        '[^[:alnum:]]+', ' ', 'g'),
        '([[:digit:]])([[:alpha:]])', '\\1 \\2', 'g'),
        '([[:alpha:]])([[:digit:]])', '\\1 \\2', 'g'))
    $$
    """


UNACCENTED = "lower(public.unaccent('public.unaccent'::regdictionary, $1))"
FORWARDS = [_fold(f"translate({UNACCENTED}, 'й', 'и')"), "DELETE FROM web_search_stamp"]
BACKWARDS = [_fold(UNACCENTED), "DELETE FROM web_search_stamp"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("web", "0001_search_postgres")]
    operations = [migrations.RunPython(forwards, backwards)]
