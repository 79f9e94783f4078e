"""Reviews and their quotes, word for word; about someone, as their page finds them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.api.conftest import problem
from tests.factories import ReviewFactory
from tests.web.records import career

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [1, 6])
def test_a_list_of_reviews_costs_fixed_queries(
    api_client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    career(size)
    with django_assert_max_num_queries(6):  # reviews; events (+ credits); subjects; quotes
        body = api_client.get("/api/v1/reviews").json()
    assert len(body["items"]) == size and all(r["quotes"] for r in body["items"])


def test_reviews_about_someone_are_their_pages(api_client: Client) -> None:
    person = career(3)
    ReviewFactory(publication="Another paper")  # about someone else
    body = api_client.get(f"/api/v1/reviews?agent={person.pk}").json()
    assert [r["quotes"][0]["text"] for r in body["items"]] == ["Quote 0", "Quote 1", "Quote 2"]
    assert [r["published"]["iso"] for r in body["items"]] == ["2000", "2001", "2002"]
    html = Client().get(person.get_absolute_url()).content.decode()
    assert all(f"Quote {n}" in html for n in range(3))
    first = body["items"][0]
    assert first["subjects"][0]["name"] == "Anna Kovács" and first["event"]["url"]
    one = api_client.get(f"/api/v1/reviews/{first['id']}").json()
    assert one == first
    everything = api_client.get("/api/v1/reviews?ordering=-published&limit=100").json()["items"]
    # Undated last oldest first, so first newest first.
    assert len(everything) == 4 and everything[0]["publication"] == "Another paper"
    problem(api_client.get("/api/v1/reviews/0"), 404)
