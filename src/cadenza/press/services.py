"""Writes for reviews and their quotes."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from cadenza.events.models import Event
from cadenza.folding import clean_name, clean_text
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
    """Record a review with its quotes kept word for word; the same review (same event,
    publication, critic, summary and date, about one of the same subjects; for a concert's
    unnamed critics, any summary) is added once,
    and gains the quotes it did not hold yet: a second document quoting it adds its own."""
    if not subjects:
        raise ValueError("A review needs at least one subject.")
    publication, critic, headline = (
        clean_name(publication),
        clean_name(critic),
        clean_name(headline),
    )
    summary, quotes = clean_text(summary), [clean_text(q) for q in quotes]
    if not (publication or critic or summary or quotes):
        raise ValueError("A review needs a publication, a critic, a summary or a quote.")
    for position, text in enumerate(quotes):
        if not text.strip():
            raise ValueError(f"Quote {position + 1} is empty.")
    published = published or PartialDate()
    same = Review.objects.filter(
        event=event,
        publication=publication,
        critic=critic,
        subjects__in=subjects,
        **published.as_fields("published"),
    )
    # The unnamed critics of one concert are one review, whatever words sum them up (the
    # demo's and its biography's); elsewhere the summary tells reviews apart.
    unnamed = event is not None and not (publication or critic)
    review = (same if unnamed else same.filter(summary=summary)).order_by("pk").first()
    if review is None:
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
    for text in quotes:
        quote_add(review=review, text=text)
    return review


def quote_add(*, review: Review, text: str) -> Quote:
    """A quote of the review, word for word (control characters dropped), after those it
    holds; the same words once."""
    text = clean_text(text)
    if not text:
        raise ValueError("A quote cannot be empty.")
    held = list(review.quotes.all())
    for quote in held:
        if quote.text == text:
            return quote
    return Quote.objects.create(review=review, text=text, position=len(held))
