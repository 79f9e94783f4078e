"""The person page's timeline, filtered by kind: links without JavaScript, htmx swaps."""

from __future__ import annotations

import pytest
from django.test import Client

from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from cadenza.press.selectors import timeline_filtered
from cadenza.web.selectors import agent_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def kalmurzaev() -> Agent:
    load_demo()
    return Agent.objects.get(name="Alessio Kalmurzaev")


def test_every_entry_has_one_category_and_the_filter_counts_them(kalmurzaev: Agent):
    timeline = agent_page(pk=kalmurzaev.pk, user=None).career.timeline
    everything, choices = timeline_filtered(timeline, None)
    assert everything == timeline
    counts = {category: n for category, _, n in choices}
    assert sum(counts.values()) == len(timeline)
    assert counts["training"] == 3  # two training milestones and the conservatory
    assert counts["competitions"] == 1
    only, _ = timeline_filtered(timeline, "competitions")
    assert [entry.kind for entry in only] == ["award"]
    unknown, _ = timeline_filtered(timeline, "nonsense")
    assert unknown == timeline


def test_the_filter_works_as_plain_links(client: Client, kalmurzaev: Agent):
    url = kalmurzaev.get_absolute_url()
    whole = client.get(url).content.decode()
    assert 'href="?kind=training#timeline-h"' in whole
    assert "several local competitions" in whole and "Festival performances in Asia" in whole
    training = client.get(url, {"kind": "training"}).content.decode()
    timeline = training.split('<div id="timeline">')[1].split("</ol>")[0]
    assert "Moscow Conservatory" in timeline
    assert "timeline__item--relationship" in timeline
    assert "timeline__item--performance" not in timeline
    assert "timeline__item--award" not in timeline
    assert 'href="?kind=training#timeline-h" hx-get' in training
    assert 'aria-current="true">Training' in training


def test_htmx_gets_only_the_timeline(
    client: Client, kalmurzaev: Agent, django_assert_max_num_queries
):
    url = kalmurzaev.get_absolute_url()
    with django_assert_max_num_queries(20):
        partial = client.get(
            url, {"kind": "performances"}, headers={"HX-Request": "true", "HX-Target": "timeline"}
        ).content.decode()
    assert partial.startswith('<div id="timeline">')
    assert "<html" not in partial
    assert "Festival performances in Asia" in partial
    assert "several local competitions" not in partial
