"""The artist's calendar: what an engagement schedules besides its performances
(rehearsals, press, receptions), travel legs, hotel stays, the days the artist is not
available, and the calendar feeds given out. Registered by `models.py`.

Every time is stored aware (UTC in the database) and shown in the zone of its place: a
rehearsal in the venue's, a flight's departure in its origin's and arrival in its
destination's. Rules (overlaps, travel that cannot be made, rest) are `conflicts.py`'s.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cadenza.people.models import Agent
from cadenza.places.models import Place


class ScheduleItem(models.Model):
    """One call of an engagement other than a performance: a rehearsal, press, a reception."""

    class Kind(models.TextChoices):
        ORCHESTRA = "orchestra_rehearsal", "Orchestra rehearsal"
        PIANO = "piano_rehearsal", "Piano rehearsal"
        DRESS = "dress_rehearsal", "Dress rehearsal"
        BALANCE = "balance", "Sound balance"
        PRESS = "press", "Press"
        RECEPTION = "reception", "Reception"
        OTHER = "other", "Other"

    REHEARSALS = (Kind.ORCHESTRA, Kind.PIANO, Kind.DRESS, Kind.BALANCE)

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="schedule"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, help_text="The venue if empty."
    )
    day = models.DateField(help_text="The day where it happens, in that place's time zone.")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    # "Afternoon, time to be confirmed": an item may know its day and not its hour.
    approximate = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True, help_text="Seen by the artist's management only.")

    class Meta:
        ordering = ["day", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="scheduleitem_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        # Not get_kind_display(), which builds the choices' dict anew on every call: a
        # roster's month names thousands of calls.
        return self.title or KIND_NAMES.get(self.kind, self.kind)


KIND_NAMES = dict(ScheduleItem.Kind.choices)


class TravelLeg(models.Model):
    """A journey from one city to the next: its times each in their own city's zone."""

    class Mode(models.TextChoices):
        AIR = "air", "Air"
        RAIL = "rail", "Rail"
        ROAD = "road", "Road"

    artist = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="travel_legs")
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="travel_legs",
    )
    mode = models.CharField(max_length=10, choices=Mode.choices)
    origin = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    destination = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    departs_at = models.DateTimeField()
    arrives_at = models.DateTimeField()
    carrier = models.CharField(max_length=100, blank=True, help_text="'Aeroflot', 'SBB'")
    reference = models.CharField(max_length=100, blank=True, help_text="'SU 100', a booking code")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["departs_at", "id"]
        indexes = [models.Index(fields=["artist", "departs_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(arrives_at__gt=F("departs_at")), name="travelleg_arrives_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination}"


MODE_NAMES = dict(TravelLeg.Mode.choices)


class HotelStay(models.Model):
    artist = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="hotel_stays")
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hotel_stays",
    )
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    check_in = models.DateField()
    check_out = models.DateField()
    reference = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["check_in", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(check_out__gt=F("check_in")), name="hotelstay_out_after_in"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unavailability(models.Model):
    """A time the artist cannot work: entered by hand, or read from an .ics file."""

    artist = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="unavailable")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    reason = models.CharField(max_length=200, blank=True)
    # An imported event's UID (and occurrence), so importing the file again adds nothing.
    source_uid = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["artist", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="unavailability_ends_after"
            ),
            models.UniqueConstraint(
                fields=["artist", "source_uid"],
                condition=~Q(source_uid=""),
                name="unavailability_imported_once",
            ),
        ]

    def __str__(self) -> str:
        return self.reason or "Unavailable"


class Feed(models.Model):
    """A calendar feed of one artist for one audience, at a secret URL that can be revoked.
    Only a hash of the secret is kept: the URL is shown once, when it is made."""

    class Audience(models.TextChoices):
        ARTIST = "artist", "The artist: holds included"
        MANAGER = "manager", "The management: everything"
        PUBLIC = "public", "The public: confirmed performances only"

    artist = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="feeds")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    include_fees = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.artist}: {self.get_audience_display()}"
