"""Cursor pagination: every row once, in a stable order with the id breaking ties; bad
cursors, orderings and limits are 400s naming the parameter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.db.models.functions import Lower
from django.test import RequestFactory

from cadenza.api.pagination import ordering_values, paginate
from cadenza.api.problems import ApiProblem
from cadenza.people.models import Agent
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

ORDERINGS = {"name": [Lower("name")], "id": []}


def _walk(ordering: str, limit: int) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(50):
        request = RequestFactory().get("/api/v1/people", {"ordering": ordering, "x": "1"})
        page = paginate(
            request,
            Agent.objects.all(),
            orderings=ORDERINGS,
            ordering=ordering,
            limit=limit,
            cursor=cursor,
        )
        seen += [a.pk for a in page.items]
        if page.next is None:
            return seen
        query = parse_qs(urlparse(page.next).query)
        assert query["x"] == ["1"] and query["ordering"] == [ordering]
        assert page.next.startswith("http://testserver/api/v1/people?")
        cursor = query["cursor"][0]
    raise AssertionError("no last page")


@pytest.mark.parametrize("ordering", ["name", "-name", "id", "-id"])
def test_pages_give_every_row_once_in_order(ordering: str) -> None:
    # Ties on the name: the id decides, so no row is lost or repeated between pages.
    agents = [AgentFactory(name=name) for name in ["b", "A", "b", "c", "B", "a", "b"]]
    seen = _walk(ordering, limit=2)
    key = {
        "name": lambda a: (a.name.lower(), a.pk),
        "id": lambda a: a.pk,
    }[ordering.removeprefix("-")]
    expected = [a.pk for a in sorted(agents, key=key, reverse=ordering.startswith("-"))]
    assert seen == expected


def test_a_row_added_between_pages_does_not_shift_them() -> None:
    for name in "abcd":
        AgentFactory(name=name)
    request = RequestFactory().get("/api/v1/people")
    first = paginate(
        request, Agent.objects.all(), orderings=ORDERINGS, ordering="name", limit=2, cursor=None
    )
    AgentFactory(name="aa")  # sorts into the first page, already read
    cursor = parse_qs(urlparse(first.next).query)["cursor"][0]
    second = paginate(
        request, Agent.objects.all(), orderings=ORDERINGS, ordering="name", limit=2, cursor=cursor
    )
    assert [a.name for a in first.items + second.items] == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    "ordering, limit, cursor, parameter",
    [
        ("birth", 10, None, "ordering"),
        ("name", 0, None, "limit"),
        ("name", 101, None, "limit"),
        ("name", 10, "garbage", "cursor"),
    ],
)
def test_bad_parameters_are_400s_naming_them(
    ordering: str, limit: int, cursor: str | None, parameter: str
) -> None:
    with pytest.raises(ApiProblem) as refused:
        paginate(
            RequestFactory().get("/"),
            Agent.objects.all(),
            orderings=ORDERINGS,
            ordering=ordering,
            limit=limit,
            cursor=cursor,
        )
    assert refused.value.status == 400 and refused.value.errors[0][0] == parameter


def test_a_cursor_for_another_ordering_is_refused() -> None:
    for name in "abc":
        AgentFactory(name=name)
    request = RequestFactory().get("/")
    page = paginate(
        request, Agent.objects.all(), orderings=ORDERINGS, ordering="name", limit=1, cursor=None
    )
    cursor = parse_qs(urlparse(page.next).query)["cursor"][0]
    with pytest.raises(ApiProblem, match="made for ordering 'name'"):
        paginate(
            request,
            Agent.objects.all(),
            orderings=ORDERINGS,
            ordering="-name",
            limit=1,
            cursor=cursor,
        )
    assert ordering_values(ORDERINGS) == ["name", "-name", "id", "-id"]
