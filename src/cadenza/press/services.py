"""Writes for reviews and their quotes."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from cadenza.events.models import Event
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent
from cadenza.press.models import Quote, Review


@transaction.atomic
def review_add(
    *,
    subjects: Sequence[Agent],
    event: Event | None = None,
    publication: str = "",
    critic: str = "",
    published: PartialDate | None = None,
    url: str = "",
    headline: str = "",
    summary: str = "",
    quotes: Sequence[str] = (),
    narrative_order: int | None = None,
) -> Review:
    """Record a review with its quotes kept word for word; the same review is added once."""
    if not subjects:
        raise ValueError("A review needs at least one subject.")
    if not (publication or critic or summary or quotes):
        raise ValueError("A review needs a publication, a critic, a summary or a quote.")
    published = published or PartialDate()
    existing = Review.objects.filter(
        event=event,
        publication=publication,
        critic=critic,
        summary=summary,
        **published.as_fields("published"),
    ).first()
    if existing is not None:
        return existing
    review = Review(
        event=event,
        publication=publication,
        critic=critic,
        url=url,
        headline=headline,
        summary=summary,
        narrative_order=narrative_order,
        **published.as_fields("published"),
    )
    review.full_clean()
    review.save()
    review.subjects.set(subjects)
    for position, text in enumerate(quotes):
        if not text.strip():
            raise ValueError(f"Quote {position + 1} is empty.")
        Quote.objects.create(review=review, text=text, position=position)
    return review
