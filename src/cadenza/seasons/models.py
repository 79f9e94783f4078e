"""A season plan: what was asked (artist, dates, pins, exclusions), the instance read from
the record, the solver's progress and its plan, and when it was applied."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cadenza.people.models import Agent


class PlanRun(models.Model):
    """One solve of one artist's season (or of an instance sent as it is, with no artist).
    Its instance and plan are the planning README's JSON formats; `offers` maps each offer
    id to its engagement (id, version, title)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the planner"
        RUNNING = "running", "Planning"
        DONE = "done", "Planned"
        FAILED = "failed", "Failed"

    # None: an instance sent as it is (the API), planned for whoever sent it.
    artist = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.CASCADE, related_name="plan_runs"
    )
    season_start = models.DateField()
    season_end = models.DateField()
    pinned = models.JSONField(default=list, blank=True, help_text="Engagement ids to accept.")
    excluded = models.JSONField(default=list, blank=True, help_text="Engagement ids left out.")
    time_limit = models.FloatField(default=30.0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.JSONField(default=dict, blank=True)
    instance = models.JSONField()
    offers = models.JSONField(default=dict)
    notes = models.JSONField(default=list, blank=True)
    currency = models.CharField(max_length=3)
    plan = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["artist", "-created"])]

    def __str__(self) -> str:
        who = self.artist or "an instance"
        return f"{who} {self.season_start:%Y-%m-%d}–{self.season_end:%Y-%m-%d} #{self.pk}"

    @property
    def is_open(self) -> bool:
        """Still queued or solving: the page follows its progress."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
