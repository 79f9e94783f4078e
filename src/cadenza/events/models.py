"""Series, events, programmes, credits and competition results."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from cadenza.partialdates import PartialDate, partial_date_constraints
from cadenza.people.models import Agent
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work
from cadenza.repertoire.titles import fragment_told, is_fragment, work_title


class Series(models.Model):
    """A season, festival, tour or competition; an edition nests inside its series."""

    class Kind(models.TextChoices):
        SEASON = "season", "Season"
        FESTIVAL = "festival", "Festival"
        TOUR = "tour", "Tour"
        COMPETITION = "competition", "Competition"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="editions"
    )
    organiser = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.PROTECT, related_name="organised_series"
    )
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    start_year = models.SmallIntegerField(null=True, blank=True)
    end_year = models.SmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """An ordered list of works; several concerts may share one programme."""

    title = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title or f"Programme {self.pk}"


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", "Work"
        INTERMISSION = "intermission", "Intermission"
        ENCORE = "encore", "Encore"
        OTHER = "other", "Other"

    # No index of its own: the unique (programme, position) index leads with it.
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WORK)
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.PROTECT, related_name="programme_items"
    )
    movements = models.ManyToManyField(
        Work,
        blank=True,
        related_name="played_as_movement",
        help_text="The movements actually played; none means the whole work.",
    )
    title_as_printed = models.CharField(max_length=400, blank=True)
    notes = models.CharField(max_length=400, blank=True)
    source_ref = models.CharField(
        max_length=100,
        blank=True,
        help_text="The entry's id inside its programme's source record (a work ID: '2956*2').",
    )

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="programmeitem_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="intermission", work__isnull=True)
                | ~models.Q(kind="intermission"),
                name="programmeitem_intermission_has_no_work",
            ),
        ]

    @property
    def part_played(self) -> str:
        """What was played of the work when the source says only that ('excerpts', 'Victory
        Theme/1st Nine Bars'): the archive's fragments, kept in `notes`, not as movements."""
        return fragment_told(self.notes) if self.notes and is_fragment(self.notes) else ""

    def __str__(self) -> str:
        if self.kind == self.Kind.INTERMISSION:
            return "Intermission"
        return work_title(self.title_as_printed) if self.title_as_printed else str(self.work or "")


class Event(models.Model):
    class Kind(models.TextChoices):
        CONCERT = "concert", "Concert"
        RECITAL = "recital", "Recital"
        COMPETITION_ROUND = "competition_round", "Competition round"
        REHEARSAL = "rehearsal", "Rehearsal"
        MASTERCLASS = "masterclass", "Masterclass"
        FESTIVAL_PERFORMANCE = "festival_performance", "Festival performance"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        TOOK_PLACE = "took_place", "Took place"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    name = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.CONCERT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TOOK_PLACE)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    # Indexed by the (venue, date) index below, which leads with it.
    venue = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
    )
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    # History knows partial dates; planning knows exact, zone-aware times.
    date_year = models.SmallIntegerField(null=True, blank=True)
    date_month = models.PositiveSmallIntegerField(null=True, blank=True)
    date_day = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    narrative_order = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order in a career story, for undated events."
    )
    represents_several = models.BooleanField(
        default=False,
        help_text="Stands for several events the source does not tell apart "
        "('performed with various orchestras throughout Russia').",
    )
    attendance = models.PositiveIntegerField(null=True, blank=True)
    attendance_note = models.CharField(
        max_length=200, blank=True, help_text="As told when no figure is known: 'a packed hall'."
    )
    description = models.TextField(blank=True)
    category = models.CharField(
        max_length=100, blank=True, help_text="As the presenter files it: 'Subscription Season'."
    )
    source_ref = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where inside its programme's source record this event is told ('concert 2').",
    )

    class Meta:
        ordering = ["date_year", "date_month", "date_day", "starts_at", "narrative_order", "pk"]
        indexes = [
            models.Index(fields=["venue", "date_year", "date_month", "date_day"]),
            models.Index(fields=["date_year", "date_month", "date_day"]),
        ]
        constraints = [
            *partial_date_constraints("date", "event"),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{label}, {self.date}" if self.date else label

    @property
    def date(self) -> PartialDate:
        return PartialDate.of(self, "date")

    @property
    def slug(self) -> str:
        return slugify(self.name)[:80] or "event"

    def get_absolute_url(self) -> str:
        return reverse("event", kwargs={"pk": self.pk, "slug": self.slug})


class Credit(models.Model):
    """Who took part, in which role, on the whole event or on one programme item."""

    class Role(models.TextChoices):
        SOLOIST = "soloist", "Soloist"
        ASSISTING_ARTIST = "assisting_artist", "Assisting artist"
        CONDUCTOR = "conductor", "Conductor"
        ORCHESTRA = "orchestra", "Orchestra"
        ENSEMBLE = "ensemble", "Ensemble"
        ACCOMPANIST = "accompanist", "Accompanist"
        PERFORMER = "performer", "Performer"
        PRESENTER = "presenter", "Presenter"
        JURY = "jury", "Jury"

    # Most credits are on programme items, and most name no instrument: the indexes of
    # these two hold only the rows that have one (see Meta).
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="credits",
        db_index=False,
    )
    item = models.ForeignKey(
        ProgrammeItem, null=True, blank=True, on_delete=models.CASCADE, related_name="credits"
    )
    agent = models.ForeignKey(
        Agent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
        help_text="Empty when the source names nobody ('renowned conductors').",
        db_index=False,  # the (agent, role) index below leads with it
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    instrument = models.ForeignKey(
        Instrument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
        db_index=False,
    )
    credited_as = models.CharField(max_length=300, blank=True, help_text="The name as printed.")
    position = models.PositiveSmallIntegerField(default=0)
    source_ref = models.CharField(
        max_length=100,
        blank=True,
        help_text="Set on credits an importer owns (the entry they came from); empty when "
        "entered by a user, so re-imports never touch them.",
    )

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["agent", "role"]),
            models.Index(
                fields=["event"], condition=models.Q(event__isnull=False), name="credit_event"
            ),
            models.Index(
                fields=["instrument"],
                condition=models.Q(instrument__isnull=False),
                name="credit_instrument",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, item__isnull=True)
                | models.Q(event__isnull=True, item__isnull=False),
                name="credit_on_event_or_item",
            ),
            models.CheckConstraint(
                condition=models.Q(agent__isnull=False) | ~models.Q(credited_as=""),
                name="credit_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        """Who: the agent's name, or the name as credited when no agent is known."""
        return self.agent.name if self.agent else self.credited_as


class Award(models.Model):
    """A competition result: a prize at an edition, or as vaguely as the source tells it."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="awards")
    competition = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        help_text="The competition edition (or the competition) when known.",
    )
    competition_as_stated = models.CharField(
        max_length=300, blank=True, help_text="'several local competitions'"
    )
    prize = models.CharField(max_length=200, blank=True, help_text="'First prize', 'Gold medal'")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    year = models.SmallIntegerField(null=True, blank=True)
    narrative_order = models.PositiveIntegerField(null=True, blank=True)
    represents_several = models.BooleanField(default=False)

    class Meta:
        ordering = ["agent", "year", "narrative_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(competition__isnull=False) | ~models.Q(competition_as_stated=""),
                name="award_names_competition",
            )
        ]

    def __str__(self) -> str:
        where = self.competition.name if self.competition else self.competition_as_stated
        return f"{self.agent}: {self.prize or 'prize'}, {where}"
