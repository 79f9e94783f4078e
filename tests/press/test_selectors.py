"""The career timeline: the story's order where told, dates for the rest."""

from __future__ import annotations

import pytest

from cadenza.partialdates import PartialDate
from cadenza.press.selectors import TimelineEntry, agent_career, merge_timeline
from tests.factories import (
    AgentFactory,
    AwardFactory,
    CreditFactory,
    EventFactory,
    MilestoneFactory,
    QuoteFactory,
    ReviewFactory,
)


def entry(name: str, *, order: int | None = None, year: int | None = None) -> TimelineEntry:
    return TimelineEntry("milestone", "Milestone", PartialDate(year), order, name)


def names(entries: list[TimelineEntry]) -> list[str]:
    return [e.fact for e in entries]


def test_a_told_story_keeps_its_order_even_against_its_dates():
    story = [entry("b", order=2, year=1990), entry("a", order=1, year=2000), entry("c", order=3)]
    assert names(merge_timeline(story)) == ["a", "b", "c"]


def test_archive_facts_without_narrative_order_sort_by_date():
    archive = [entry("y2001", year=2001), entry("y1999", year=1999), entry("y2000", year=2000)]
    assert names(merge_timeline(archive)) == ["y1999", "y2000", "y2001"]


def test_dated_archive_facts_slot_into_the_story_by_date():
    story = [
        entry("lessons", order=10),
        entry("conservatory", order=20),
        entry("carnegie 2005", order=30, year=2005),
        entry("years later", order=40),
        entry("retired 2020", order=50, year=2020),
    ]
    archive = [entry("concert 1998", year=1998), entry("concert 2010", year=2010)]
    assert names(merge_timeline(story + archive)) == [
        "lessons",
        "conservatory",
        "concert 1998",
        "carnegie 2005",
        "years later",  # an undated story fact stays after what it follows
        "concert 2010",
        "retired 2020",
    ]


def test_facts_with_neither_date_nor_order_come_last():
    facts = [entry("loose"), entry("dated", year=1990), entry("told", order=1)]
    assert names(merge_timeline(facts))[-1] == "loose"


@pytest.mark.django_db
def test_agent_career_merges_every_kind_of_fact_by_date():
    person = AgentFactory()
    MilestoneFactory(agent=person, year=1990, text="First lessons")
    AwardFactory(agent=person, year=1995)
    event = EventFactory(date_year=2000)
    CreditFactory(event=event, agent=person)
    review = ReviewFactory(event=event, published_year=2001)
    QuoteFactory(review=review, text="Rare poise.")
    career = agent_career(agent=person)
    assert [e.kind for e in career.timeline] == ["milestone", "award", "performance", "review"]
    # The review reached the career through the event, not only through its subjects.
    assert career.reviews == [review]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 9])
def test_a_long_archive_career_is_summed_up_by_year_in_fixed_queries(
    size: int, django_assert_num_queries
):
    person = AgentFactory()
    told = EventFactory(name="The night the story tells", date_year=None, narrative_order=1)
    CreditFactory(event=told, agent=person)
    for n in range(size):
        CreditFactory(event=EventFactory(date_year=1950 + n % 2, name=f"Archive {n}"), agent=person)
    # milestones, ties, awards, reviews, events per year (and so their number), one page
    # of event ids, then the page's events with the told one, and the agent's credits
    with django_assert_num_queries(8):
        career = agent_career(agent=person, limit=3)
    assert career.summarised
    seasons = [(e.date.year, e.fact) for e in career.timeline if e.kind == "season"]
    assert seasons == [(1950, (size + 1) // 2), (1951, size // 2)]
    assert [p.event for p in career.performances] == [told]
    assert career.credits_page.paginator.count == size + 1
    assert career.credits_page.object_list[0].event.name == "Archive 0"
