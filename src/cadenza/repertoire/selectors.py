"""Reads for works: one work with its movements, catalogue numbers and instruments."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from cadenza.repertoire.models import CatalogueNumber, Work
from cadenza.repertoire.titles import work_title


def work_get(*, pk: int) -> Work:
    """One work with its parent (if it is a movement), movements in order and numbers."""
    return get_object_or_404(
        Work.objects.select_related("parent").prefetch_related(
            "catalogue_numbers",
            "instruments",
            Prefetch("movements", queryset=Work.objects.order_by("position", "pk")),
        ),
        pk=pk,
    )


def catalogue_numbers_of(work_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each work's catalogue numbers as written ('Op. 67', 'BWV 1007'), in one query: what
    `titles.work_title` adds to a title that does not print them."""
    numbers: dict[int, list[str]] = {}
    for work_id, catalogue, number in (
        CatalogueNumber.objects.filter(work_id__in=set(work_ids))
        .order_by("catalogue", "number")
        .values_list("work_id", "catalogue", "number")
    ):
        numbers.setdefault(work_id, []).append(f"{catalogue} {number}")
    return numbers


def shown_title(work: Work, catalogue: Iterable[str] | None = None) -> str:
    """A work's title as every page shows it: 'Cello Suite No. 1 in G major, BWV 1007'.

    The catalogue numbers are `catalogue` when given, else those prefetched with the work
    (`prefetch_related("catalogue_numbers")`); a work read without them is shown with the
    numbers its title prints, and no query is made for it."""
    if catalogue is None:
        cache = getattr(work, "_prefetched_objects_cache", {})
        catalogue = [str(n) for n in cache.get("catalogue_numbers", ())]
    return work_title(work.title, catalogue)
