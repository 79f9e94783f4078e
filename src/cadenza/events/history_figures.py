"""A venue's and a work's history in figures: the works played most at a place, who
performed most at a place or in a work, and how many concerts played a work, counted in
events that took place (`performed.py`), as every figure is.

Like the person page's figures (career_figures), each is one grouped query in standard
SQL, with the events found first through their indexes.
"""

from __future__ import annotations

from collections.abc import Sequence

from cadenza.events.career_figures import (
    WORKS_ORDER,
    Collaborators,
    WorksPlayed,
    _rows,
    credited_counted,
    works_with_composers,
)
from cadenza.events.performed import performed_sql
from cadenza.people.models import Authorship
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

# The place and the places inside it, two levels down (hall in building in city), as
# events/selectors._at_place finds them.
_INSIDE = """
    SELECT p.id FROM places_place p
     WHERE p.id = %s OR p.parent_id = %s
        OR p.parent_id IN (SELECT q.id FROM places_place q WHERE q.parent_id = %s)
"""
# The events that play a work or one of its movements (events/selectors._plays_work).
_PLAYING = """
    SELECT e.id FROM events_event e
     WHERE e.programme_id IN (
        SELECT i.programme_id FROM events_programmeitem i
         WHERE i.work_id IN
            (SELECT w.id FROM repertoire_work w WHERE w.id = %s OR w.parent_id = %s)
        UNION
        SELECT i.programme_id FROM events_programmeitem i
          JOIN events_programmeitem_movements m ON m.programmeitem_id = i.id
         WHERE m.work_id = %s)
"""


def place_works_played(*, place: Place, limit: int = 10) -> WorksPlayed:
    """The works played most at the place (or a hall inside it), in events: two queries."""
    took_place, when = performed_sql("e")
    rows = _rows(
        "SELECT i.work_id, w.title, COUNT(DISTINCT e.id) AS n FROM events_event e"
        " JOIN events_programmeitem i ON i.programme_id = e.programme_id"
        " JOIN repertoire_work w ON w.id = i.work_id"
        f" WHERE e.venue_id IN ({_INSIDE}) AND {took_place}"
        f" GROUP BY i.work_id, w.title ORDER BY {WORKS_ORDER}",
        [*[place.pk] * 3, *when, str(Authorship.Role.COMPOSER)],
    )
    return works_with_composers(rows, limit=limit)


def place_performers(*, place: Place, limit: int = 8) -> Collaborators:
    """Conductors, ensembles and soloists credited at the place's events (on the event or
    on an item of its programme), most events first: one grouped query."""
    took_place, when = performed_sql("e")
    credits = (
        " SELECT c.agent_id, c.role, e.id AS event_id FROM events_event e"
        " JOIN events_credit c ON c.event_id = e.id"
        f" WHERE e.venue_id IN ({_INSIDE}) AND {took_place}"
        " UNION ALL"
        " SELECT c.agent_id, c.role, e.id FROM events_event e"
        " JOIN events_programmeitem i ON i.programme_id = e.programme_id"
        " JOIN events_credit c ON c.item_id = i.id"
        f" WHERE e.venue_id IN ({_INSIDE}) AND {took_place}"
    )
    params = [place.pk] * 3 + when
    return credited_counted(credits, params * 2, limit=limit)


def work_performers(*, work: Work, limit: int = 8) -> Collaborators:
    """Who performed the work most: conductors and ensembles of the events that played it,
    and the soloists credited on the items that played it, counted in events."""
    items = (
        "SELECT i.id FROM events_programmeitem i"
        " WHERE i.work_id IN"
        "  (SELECT w.id FROM repertoire_work w WHERE w.id = %s OR w.parent_id = %s)"
        " UNION SELECT m.programmeitem_id FROM events_programmeitem_movements m"
        " WHERE m.work_id = %s"
    )
    took_place, when = performed_sql("e")
    credits = (
        " SELECT c.agent_id, c.role, c.event_id FROM events_credit c"
        " JOIN events_event e ON e.id = c.event_id"
        f" WHERE c.event_id IN ({_PLAYING}) AND {took_place}"
        " UNION ALL"
        " SELECT c.agent_id, c.role, e.id FROM events_credit c"
        " JOIN events_programmeitem i ON i.id = c.item_id"
        " JOIN events_event e ON e.programme_id = i.programme_id"
        f" WHERE c.item_id IN ({items}) AND {took_place}"
    )
    params = [work.pk] * 3 + when
    return credited_counted(credits, params * 2, limit=limit)


def work_concerts(*, work_pks: Sequence[int]) -> dict[int, int]:
    """How many concerts that took place played each work: whole, any of its movements,
    or (for a movement) an item naming it, as the work page lists them
    (`events.selectors.work_events`): one grouped query. The work page's count, the
    browse lists' and a composer's biography read it."""
    if not work_pks:
        return {}
    marks = ", ".join(["%s"] * len(work_pks))
    took_place, when = performed_sql("e")
    rows = _rows(
        "SELECT x.work_id, COUNT(DISTINCT e.id) FROM ("
        " SELECT i.work_id, i.programme_id FROM events_programmeitem i"
        f"  WHERE i.work_id IN ({marks})"
        " UNION SELECT w.parent_id, i.programme_id FROM events_programmeitem i"
        "  JOIN repertoire_work w ON w.id = i.work_id"
        f"  WHERE w.parent_id IN ({marks})"
        " UNION SELECT m.work_id, i.programme_id FROM events_programmeitem_movements m"
        "  JOIN events_programmeitem i ON i.id = m.programmeitem_id"
        f"  WHERE m.work_id IN ({marks})"
        ") x JOIN events_event e ON e.programme_id = x.programme_id"
        f" WHERE {took_place} GROUP BY x.work_id",
        [*work_pks, *work_pks, *work_pks, *when],
    )
    return {pk: n for pk, n in rows}
