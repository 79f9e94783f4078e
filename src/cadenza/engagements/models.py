"""Engagements and their holds, deals, payments, documents and history of changes.

The rules (which state may follow which, how holds rank, what a settlement owes) live in
`states.py`, `holds.py` and `money.py`; these models hold fields and constraints only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cadenza.events.models import Event
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Work

# Amounts keep three decimals, enough for every ISO 4217 minor unit (the dinar's 1/1000);
# services refuse more decimals than the deal's currency has.
AMOUNT: dict[str, Any] = {"max_digits": 14, "decimal_places": 3}
RATE: dict[str, Any] = {"max_digits": 7, "decimal_places": 4}


class State(models.TextChoices):
    INQUIRY = "inquiry", "Inquiry"
    HOLD = "hold", "Hold"
    OFFERED = "offered", "Offered"
    CONTRACTED = "contracted", "Contracted"
    CONFIRMED = "confirmed", "Confirmed"
    COMPLETED = "completed", "Completed"
    SETTLED = "settled", "Settled"
    DECLINED = "declined", "Declined"
    RELEASED = "released", "Released"
    CANCELLED = "cancelled", "Cancelled"


MAX_REHEARSAL_DAYS = 14  # a festival residency's rehearsals, at most


class Engagement(models.Model):
    """An artist engaged by a presenter for one or more performances at a venue."""

    artist = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="engagements")
    presenter = models.ForeignKey(
        Agent, on_delete=models.PROTECT, related_name="engagements_presented"
    )
    contact = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    venue = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=20, choices=State.choices, default=State.INQUIRY)
    published = models.BooleanField(
        default=False, help_text="Completed performances shown on the public pages."
    )
    notes = models.TextField(blank=True, help_text="Seen by the artist's management only.")
    cancellation_terms = models.TextField(blank=True)
    radius_km = models.PositiveIntegerField(null=True, blank=True)
    radius_days = models.PositiveIntegerField(null=True, blank=True)
    rehearsal_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Days at the venue before the performance for rehearsals, while none is "
        "scheduled: the season planner keeps them free.",
    )
    dress = models.CharField(max_length=200, blank=True, help_text="Concert dress: 'white tie'.")
    # Raised by every service that changes the engagement: a write made from an older
    # version is refused (two managers moving one engagement at once).
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["artist", "state"]), models.Index(fields=["state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(radius_km__isnull=True, radius_days__isnull=True)
                | Q(radius_km__isnull=False, radius_days__isnull=False),
                name="engagement_radius_whole",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement", args=[self.pk])


class Performance(models.Model):
    """One performance of an engagement: its day at the venue and, once known, its time."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="performances"
    )
    date = models.DateField(help_text="The day at the venue, in its own time zone.")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    time_note = models.CharField(max_length=100, blank=True, help_text="'evening, to be fixed'")
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="performance"
    )

    class Meta:
        ordering = ["date", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="performance_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.engagement} on {self.date:%Y-%m-%d}"


class ProgrammeEntry(models.Model):
    """One line of an engagement's programme: a work, or the interval."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="programme")
    position = models.PositiveSmallIntegerField()
    work = models.ForeignKey(Work, null=True, blank=True, on_delete=models.PROTECT)
    interval = models.DurationField(null=True, blank=True, help_text="Length of an interval.")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "position"], name="entry_position"),
            models.CheckConstraint(
                condition=Q(work__isnull=True, interval__isnull=False)
                | Q(work__isnull=False, interval__isnull=True),
                name="entry_work_or_interval",
            ),
        ]

    def __str__(self) -> str:
        return str(self.work) if self.work_id else "Interval"


class Change(models.Model):
    """One line of an engagement's history: who changed what, when, from and to, and why."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        HOLD = "hold", "Hold"
        DEAL = "deal", "Deal"
        DETAILS = "details", "Details"
        DOCUMENT = "document", "Document"
        PAYMENT = "payment", "Payment"
        PUBLISHED = "published", "Published"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # The API token the change was made through (None: a page, a command, a timer).
    token = models.ForeignKey(
        "accounts.ApiToken", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_value = models.CharField(max_length=100, blank=True)
    to_value = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.kind} {self.from_value} → {self.to_value}"


class Hold(models.Model):
    """A hold on a day for an artist, ranked against other presenters' holds of that day."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CONFIRMED = "confirmed", "Confirmed"
        RELEASED = "released", "Released"
        EXPIRED = "expired", "Expired"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="holds")
    artist = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="holds")
    # No date: a mutually agreeable date, to be fixed later (and so not yet ranked).
    date = models.DateField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    expires_on = models.DateField(null=True, blank=True)
    decision_due = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "rank", "id"]
        indexes = [models.Index(fields=["artist", "date", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["artist", "date", "rank"],
                condition=Q(status="active"),
                name="hold_rank_unique_active",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=True, rank__isnull=True)
                | Q(date__isnull=False, rank__gte=1),
                name="hold_rank_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"hold {self.rank} on {self.date} for {self.engagement}"


class Challenge(models.Model):
    """A lower hold asks the holds above it to confirm or release by a deadline."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Waiting"
        WON = "won", "Won: the holds above released"
        LOST = "lost", "Lost: a hold above confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    hold = models.ForeignKey(Hold, on_delete=models.CASCADE, related_name="challenges")
    made_at = models.DateTimeField()
    respond_by = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["respond_by", "id"]

    def __str__(self) -> str:
        return f"challenge by {self.hold}"


class Deal(models.Model):
    """What the presenter pays: the fee, its deposit and due dates, taxes and commission."""

    class Kind(models.TextChoices):
        FLAT = "flat", "Flat guarantee"
        BONUS = "bonus", "Guarantee plus bonus"
        VERSUS = "versus", "Guarantee versus a percentage of the door"

    class CommissionBase(models.TextChoices):
        GROSS = "gross", "On the gross fee"
        NET = "net", "On the fee after withholding tax"
        ON_TOP = "on_top", "On top, paid by the presenter"

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="deal")
    currency = models.CharField(max_length=3, help_text="ISO 4217: USD, EUR, JPY.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FLAT)
    guarantee = models.DecimalField(**AMOUNT)
    bonus = models.DecimalField(**AMOUNT, null=True, blank=True)
    bonus_condition = models.CharField(max_length=200, blank=True)
    door_percentage = models.DecimalField(**RATE, null=True, blank=True)
    deposit_percentage = models.DecimalField(**RATE, null=True, blank=True)
    deposit_amount = models.DecimalField(**AMOUNT, null=True, blank=True)
    deposit_due = models.DateField(null=True, blank=True)
    balance_due = models.DateField(null=True, blank=True)
    vat_rate = models.DecimalField(**RATE, default=0)
    commission_rate = models.DecimalField(**RATE, default=0)
    commission_base = models.CharField(
        max_length=10, choices=CommissionBase.choices, default=CommissionBase.GROSS
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(deposit_percentage__isnull=True) | Q(deposit_amount__isnull=True),
                name="deal_one_deposit",
            ),
            models.CheckConstraint(condition=Q(guarantee__gte=0), name="deal_guarantee_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.guarantee} for {self.engagement}"


class Withholding(models.Model):
    """One withholding tax on the fee: Germany's §50a at 15.825 %, the United States' 30 %."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="withholdings")
    jurisdiction = models.CharField(max_length=100)
    rate = models.DecimalField(**RATE)
    threshold = models.DecimalField(
        **AMOUNT, default=0, help_text="Withheld only when the fee is above this amount."
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.rate} %"


class Expense(models.Model):
    class PaidBy(models.TextChoices):
        PRESENTER = "presenter", "The presenter"
        REBILLED = "rebilled", "Advanced, re-billed to the artist"
        ARTIST = "artist", "The artist"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="expenses")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(**AMOUNT)
    paid_by = models.CharField(max_length=10, choices=PaidBy.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Settlement(models.Model):
    """What happened at and after the concert that the fee depends on."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="settlement"
    )
    door_receipts = models.DecimalField(**AMOUNT, null=True, blank=True)
    bonus_earned = models.BooleanField(default=False)
    settled_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"settlement of {self.engagement}"


class Payment(models.Model):
    """Money the presenter paid towards the engagement (the deposit, the balance)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField()
    amount = models.DecimalField(**AMOUNT)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.amount} on {self.paid_on}"


class DocumentStorage(FileSystemStorage):
    """Files under CADENZA_HOME/documents, read from the settings when a file is stored or
    opened, not when the models load (tests give each run its own CADENZA_HOME)."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.CADENZA_HOME) / "documents")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def _documents() -> FileSystemStorage:
    return DocumentStorage()


class Document(models.Model):
    """A contract or rider, kept under CADENZA_HOME and served only to those allowed."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(storage=_documents, upload_to="engagements/%Y/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


# The calendar's models live in their own module; importing them here registers them.
from cadenza.engagements.calendar_models import (  # noqa: E402, F401
    Feed,
    HotelStay,
    ScheduleItem,
    TravelLeg,
    Unavailability,
)
