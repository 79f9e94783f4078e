"""Reads for works: one work with its movements, catalogue numbers and instruments."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from cadenza.repertoire.models import Work


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
