"""Search on PostgreSQL: full-text search for words and prefixes, pg_trgm for typos.

The same contract (`words`) as the in-process word index (`word_index`), which SQLite
keeps: every query word must match; a word matches a record word exactly (scored 100) or as
a prefix (90); only a word that no record of that kind contains, even as a prefix, and that is five
letters or longer and not a number, is taken as a typo: pg_trgm finds the record words like
it and rapidfuzz keeps those with `fuzz.ratio` ≥ 78 (scored 0.85 × the ratio). Rows are
ordered by score, then weight (credits of a person, the date of an event), then id.

The documents live in `web_search_doc` (one folded text per row of each kind, with its
tsvector and a GIN index) and their words in `web_search_word` (a pg_trgm GIN index); both
are built by SQL from the record, and rebuilt by the first search after the record version
(`web_recordversion`, which triggers on every record table move) has moved, so renames are
seen too. The tables come from the web app's migration, which does nothing on
other databases. See docs/search.md.
"""

from __future__ import annotations

from django.db import OperationalError, connection, connections, transaction
from django.db.models import Model
from rapidfuzz import fuzz

from cadenza.events.models import Credit, Event, ProgrammeItem, Series
from cadenza.people.models import Agent, AgentInstrument, Alias, Authorship
from cadenza.places.models import Place, PlaceName
from cadenza.repertoire.models import CatalogueNumber, Instrument, Work, WorkAlias
from cadenza.web.search.words import FUZZY_CUTOFF, FUZZY_MIN_LENGTH, FUZZY_WORDS, Term

CANDIDATES = 50  # record words like a typo that pg_trgm hands to rapidfuzz
_LOCK = 0x5EA2C4  # the advisory lock that keeps two rebuilds apart
Param = str | int | float
_STORED = "SELECT stamp FROM web_search_stamp WHERE id = 1"


def _t(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _stamp_sql() -> str:
    # The record version (web.selectors.record_version), as SQL to compare in one statement.
    return "(SELECT COALESCE(MAX(version), 0)::text FROM web_recordversion)"


def _rebuild_sql() -> list[str]:
    """Bring the documents and words up to date. Only changed rows are written, as writing
    to a GIN index is what takes the time (seconds for the whole NY Phil archive)."""
    agent, alias, credit, authorship = _t(Agent), _t(Alias), _t(Credit), _t(Authorship)
    work, number, place, place_name = _t(Work), _t(CatalogueNumber), _t(Place), _t(PlaceName)
    event, series = _t(Event), _t(Series)
    work_alias, item = _t(WorkAlias), _t(ProgrammeItem)
    agent_instrument, instrument = _t(AgentInstrument), _t(Instrument)
    documents = {
        # kind: (the table of its rows, SELECT kind, key, doc, weight)
        "agents": (
            agent,
            f"""
            SELECT 'agents', a.id,
                   cadenza_search_fold(concat_ws(' ', a.name, a.sort_name,
                       NULLIF(replace(a.name, '-', ''), a.name), al.names, ins.names)),
                   COALESCE(c.n, 0) + COALESCE(au.n, 0)
            FROM {agent} a
            LEFT JOIN (SELECT agent_id,
                              string_agg(concat_ws(' ', name, NULLIF(replace(name, '-', ''), name)),
                                         ' ') AS names
                       FROM {alias} GROUP BY agent_id) al ON al.agent_id = a.id
            LEFT JOIN (SELECT x.agent_id, string_agg(i.name, ' ') AS names
                       FROM {agent_instrument} x JOIN {instrument} i ON i.id = x.instrument_id
                       GROUP BY x.agent_id) ins ON ins.agent_id = a.id
            LEFT JOIN (SELECT agent_id, COUNT(*) AS n FROM {credit} WHERE agent_id IS NOT NULL
                       GROUP BY agent_id) c ON c.agent_id = a.id
            LEFT JOIN (SELECT agent_id, COUNT(*) AS n FROM {authorship}
                       GROUP BY agent_id) au ON au.agent_id = a.id""",
        ),
        "works": (
            work,
            f"""
            SELECT 'works', w.id,
                   cadenza_search_fold(concat_ws(' ', w.title, au.names, cn.numbers, wa.names)),
                   COALESCE(pl.n, 0)
            FROM {work} w
            LEFT JOIN (SELECT work_id, string_agg(name, ' ') AS names FROM {work_alias}
                       GROUP BY work_id) wa ON wa.work_id = w.id
            LEFT JOIN (SELECT work_id, COUNT(*) AS n FROM {item} WHERE work_id IS NOT NULL
                       GROUP BY work_id) pl ON pl.work_id = w.id
            LEFT JOIN (SELECT x.work_id, string_agg(g.name, ' ') AS names FROM {authorship} x
                       JOIN {agent} g ON g.id = x.agent_id GROUP BY x.work_id) au
                   ON au.work_id = w.id
            LEFT JOIN (SELECT work_id, string_agg(catalogue || ' ' || number, ' ') AS numbers
                       FROM {number} GROUP BY work_id) cn ON cn.work_id = w.id""",
        ),
        "places": (
            place,
            f"""
            SELECT 'places', p.id, cadenza_search_fold(concat_ws(' ', p.name, n.names)), 0
            FROM {place} p
            LEFT JOIN (SELECT place_id, string_agg(name, ' ') AS names FROM {place_name}
                       GROUP BY place_id) n ON n.place_id = p.id""",
        ),
        "events": (
            event,
            f"""
            SELECT 'events', e.id,
                   cadenza_search_fold(concat_ws(' ', e.name, s.name, v.name, e.date_year::text)),
                   COALESCE(e.date_year, 0) * 10000 + COALESCE(e.date_month, 0) * 100
                   + COALESCE(e.date_day, 0)
            FROM {event} e
            LEFT JOIN {series} s ON s.id = e.series_id
            LEFT JOIN {place} v ON v.id = e.venue_id""",
        ),
    }
    statements = []
    for kind, (table, select) in documents.items():
        statements += [
            f"""DELETE FROM web_search_doc d WHERE d.kind = '{kind}'
            AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = d.key)""",
            f"""INSERT INTO web_search_doc AS d (kind, key, doc, weight) {select}
            ON CONFLICT (kind, key) DO UPDATE SET doc = EXCLUDED.doc, weight = EXCLUDED.weight
            WHERE (d.doc, d.weight) IS DISTINCT FROM (EXCLUDED.doc, EXCLUDED.weight)""",
        ]
    return [
        *statements,
        """WITH now AS (
          SELECT DISTINCT kind, word COLLATE "C" AS word
          FROM web_search_doc, unnest(string_to_array(doc, ' ')) word WHERE word <> ''
        ), gone AS (
          DELETE FROM web_search_word w
          WHERE NOT EXISTS (SELECT 1 FROM now WHERE now.kind = w.kind AND now.word = w.word)
        )
        INSERT INTO web_search_word (kind, word) SELECT kind, word FROM now
        ON CONFLICT DO NOTHING""",
        "ANALYZE web_search_doc, web_search_word",  # the planner then picks the GIN indexes
    ]


def forget(using: str = "default") -> None:
    """Make the next search build its documents again. After a flush (tests; `manage
    flush`) the record version starts over, and could come back to the number the
    documents were built at with other rows."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM web_search_stamp")


def _rebuild() -> bool:
    """Build the documents again (unless another process just did); False when a
    transaction that changed the record is still open, as the documents could then miss
    its rows when it commits: they are kept as they are until the next search."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
            # Every writer's trigger updates the version row: a share lock on it is granted
            # only when no other transaction that changed the record is open, and holds new
            # ones back until the documents are built, so they are exactly the version's.
            cursor.execute("SELECT 1 FROM web_recordversion WHERE id = 1 FOR SHARE NOWAIT")
            cursor.execute(
                f"SELECT ({_STORED}) IS NOT DISTINCT FROM {_stamp_sql()}, {_stamp_sql()}"
            )
            fresh, current = cursor.fetchone()
            if fresh:
                return True
            for statement in _rebuild_sql():
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO web_search_stamp (id, stamp) VALUES (1, %s)"
                " ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp",
                [current],
            )
    except OperationalError:  # the lock was not free (55P03)
        return False
    return True


# Per query term: the tsquery that matches it, and how a row matching it is scored: the
# record words a typo stands for and their scores, or none (100 if a word of the term is a
# whole record word, 90 if only a prefix is).
Matcher = tuple[str, dict[str, float]]


def _fuzzy(word: str) -> bool:
    return len(word) >= FUZZY_MIN_LENGTH and not word.isdigit()


def _terms(kinds: list[str], terms: list[Term]) -> dict[str, list[Matcher]]:
    """For each kind whose rows can match every term, each term's matcher."""
    # One row: whether the documents are current; then, per kind and word, whether a
    # record word starts with it, and for a word that none does and that may be a typo,
    # the record words pg_trgm finds like it.
    words = list(dict.fromkeys(word for term in terms for word in term))
    columns: list[str] = []
    params: list[Param] = []
    asked: list[tuple[str, str, bool]] = []
    for kind in kinds:
        for word in words:
            starts = "EXISTS (SELECT 1 FROM web_search_word WHERE kind = %s AND word LIKE %s)"
            columns.append(starts)
            params += [kind, f"{word}%"]
            if _fuzzy(word):
                columns.append(
                    f"CASE WHEN NOT {starts} THEN ARRAY(SELECT word FROM web_search_word"
                    " WHERE kind = %s AND word %% %s"
                    " ORDER BY similarity(word, %s) DESC, word LIMIT %s) END"
                )
                params += [kind, f"{word}%", kind, word, word, CANDIDATES]
            asked.append((kind, word, _fuzzy(word)))
    # Documents built from another state of the record are rebuilt first (by the first
    # search after a change) and asked again.
    statement = f"SELECT ({_STORED}) IS NOT DISTINCT FROM {_stamp_sql()}, " + ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = list(cursor.fetchone())
        if not row[0] and _rebuild():
            cursor.execute(statement, params)
            row = list(cursor.fetchone())
    row.pop(0)
    found: dict[tuple[str, str], tuple[bool, list[str] | None]] = {}
    for kind, word, fuzzy in asked:
        known = row.pop(0)
        found[(kind, word)] = (known, row.pop(0) if fuzzy else None)
    out: dict[str, list[Matcher]] = {}
    for kind in kinds:
        matchers: list[Matcher] = []
        for term in terms:
            known = [word for word in term if found[(kind, word)][0]]
            if known:
                matchers.append(("(" + " | ".join(f"{word}:*" for word in known) + ")", {}))
                continue
            candidates = {c for word in term for c in found[(kind, word)][1] or []}
            scored = sorted(
                (max(fuzz.ratio(word, c) for word in term if _fuzzy(word)), c) for c in candidates
            )
            scored.sort(key=lambda s: (-s[0], s[1]))
            alike = {c: score * 0.85 for score, c in scored[:FUZZY_WORDS] if score >= FUZZY_CUTOFF}
            if not alike:
                break  # this term matches nothing of this kind, so neither does the query
            matchers.append(("(" + " | ".join(alike) + ")", alike))
        else:
            out[kind] = matchers
    return out


def find_all(
    terms: list[Term], kinds: list[str], *, limit: int
) -> dict[str, tuple[list[int], int]]:
    """Up to `limit` ids of each of `kinds`, best first, and how many match in all."""
    out: dict[str, tuple[list[int], int]] = {kind: ([], 0) for kind in kinds}
    if not terms:
        return out
    parts: list[str] = []
    params: list[Param] = []
    for kind, matchers in _terms(kinds, terms).items():
        scores: list[str] = []
        score_params: list[Param] = []
        for tsquery, alike in matchers:
            if alike:
                whens = " ".join("WHEN tsv @@ to_tsquery('simple', %s) THEN %s" for _ in alike)
                scores.append(f"CASE {whens} ELSE 0 END")
                for candidate, score in alike.items():
                    score_params += [candidate, score]
            else:  # a whole word of the term scores above a prefix
                scores.append("CASE WHEN tsv @@ to_tsquery('simple', %s) THEN 100 ELSE 90 END")
                score_params.append(tsquery.replace(":*", ""))
        parts.append(
            f"""(SELECT %s, key, COUNT(*) OVER () FROM web_search_doc
            WHERE kind = %s AND tsv @@ to_tsquery('simple', %s)
            ORDER BY {" + ".join(scores)} DESC, weight DESC, key LIMIT %s)"""
        )
        params += [kind, kind, " & ".join(t for t, _ in matchers), *score_params, limit]
    if not parts:
        return out
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for kind, key, total in cursor.fetchall():
            ids, _ = out[kind]
            ids.append(key)
            out[kind] = (ids, total)
    return out
