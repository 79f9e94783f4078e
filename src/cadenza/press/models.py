"""Reviews of performances and the quotes taken from them."""

from __future__ import annotations

from django.db import models

from cadenza.events.models import Event
from cadenza.people.models import Agent


class Review(models.Model):
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    subjects = models.ManyToManyField(Agent, blank=True, related_name="reviews")
    publication = models.CharField(max_length=200, blank=True)
    critic = models.CharField(max_length=200, blank=True, help_text="As signed.")
    critic_agent = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews_written"
    )
    published_year = models.SmallIntegerField(null=True, blank=True)
    published_month = models.PositiveSmallIntegerField(null=True, blank=True)
    published_day = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(blank=True)
    headline = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True, help_text="What the review says, in plain words.")
    narrative_order = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["published_year", "published_month", "published_day", "narrative_order", "pk"]

    def __str__(self) -> str:
        source = self.publication or self.critic or "Unattributed review"
        return f"{source}: {self.headline or self.summary[:60]}"


class Quote(models.Model):
    """Words taken from a review, kept word for word."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "position"]

    def __str__(self) -> str:
        return f"“{self.text[:80]}”"
