"""Persons, ensembles and organisations, and the dated relationships between them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from cadenza.partialdates import PartialDate, partial_date_constraints
from cadenza.places.models import Place
from cadenza.repertoire.models import Instrument, Work


class Agent(models.Model):
    """Someone who can be credited: a person, an ensemble or an organisation."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ENSEMBLE = "ensemble", "Ensemble"
        ORGANISATION = "organisation", "Organisation"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=300, help_text="As displayed: 'Ludwig van Beethoven'.")
    sort_name = models.CharField(max_length=300, help_text="As sorted: 'Beethoven, Ludwig van'.")
    # Begin and end mean born/died for a person, founded/dissolved for the others.
    begin_year = models.SmallIntegerField(null=True, blank=True)
    begin_month = models.PositiveSmallIntegerField(null=True, blank=True)
    begin_day = models.PositiveSmallIntegerField(null=True, blank=True)
    begin_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_year = models.SmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    based_in = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="based_agents"
    )

    class Pronouns(models.TextChoices):
        UNKNOWN = "", "Not recorded (the name is used)"
        HE = "he", "he/him"
        SHE = "she", "she/her"
        THEY = "they", "they/them"

    # What the person uses, as a source or the person says; never guessed from a name.
    # A default in the database too: bulk inserts (the archive's) name only the columns
    # they fill.
    pronouns = models.CharField(
        max_length=10, choices=Pronouns.choices, blank=True, default="", db_default=""
    )
    background = models.TextField(blank=True, help_text="Family and upbringing, as told.")
    summary = models.TextField(blank=True, help_text="One or two public sentences.")
    private_notes = models.TextField(
        blank=True, help_text="Seen only by staff and by users given access to this artist."
    )

    class Meta:
        ordering = ["sort_name"]
        indexes = [models.Index(fields=["sort_name"]), models.Index(fields=["name"])]
        constraints = [
            *partial_date_constraints("begin", "agent"),
            *partial_date_constraints("end", "agent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return slugify(self.name)[:80] or "agent"

    @property
    def begin(self) -> PartialDate:
        return PartialDate.of(self, "begin")

    @property
    def end(self) -> PartialDate:
        return PartialDate.of(self, "end")

    def get_absolute_url(self) -> str:
        return reverse("agent", kwargs={"pk": self.pk, "slug": self.slug})


class Alias(models.Model):
    class Kind(models.TextChoices):
        ALIAS = "alias", "Also known as"
        FORMER = "former", "Former name"
        LEGAL = "legal", "Legal name"
        TRANSLITERATION = "transliteration", "Transliteration"
        SHORT = "short", "Short name"

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ALIAS)

    class Meta:
        ordering = ["agent", "name"]
        constraints = [models.UniqueConstraint(fields=["agent", "name"], name="alias_unique")]
        indexes = [models.Index(fields=["name"])]
        verbose_name_plural = "aliases"

    def __str__(self) -> str:
        return self.name


class AgentInstrument(models.Model):
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="instruments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="players")
    position = models.PositiveSmallIntegerField(default=0, help_text="0 is the main instrument.")
    # A source says they play it (a biography, an entry), or only their credits do: those
    # rows are derived from the credits and kept fresh by events.credited_instruments.
    stated = models.BooleanField(
        default=True, help_text="Stated by a source; otherwise only derived from credits."
    )
    concerts = models.PositiveIntegerField(
        default=0, help_text="Concerts that credit them with it (derived from the credits)."
    )

    class Meta:
        ordering = ["agent", "position", "instrument__name"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "instrument"], name="agentinstrument_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agent}: {self.instrument}"


class Relationship(models.Model):
    """A dated tie between two agents: teacher of, studied at, member of, position held."""

    class Kind(models.TextChoices):
        TEACHER_OF = "teacher_of", "Teacher of"
        STUDIED_AT = "studied_at", "Studied at"
        MEMBER_OF = "member_of", "Member of"
        POSITION = "position", "Position in"
        MANAGED_BY = "managed_by", "Managed by"

    subject = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="inbound_relations")
    role = models.CharField(max_length=200, blank=True, help_text="'principal cello'")
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    begin_year = models.SmallIntegerField(null=True, blank=True)
    begin_month = models.PositiveSmallIntegerField(null=True, blank=True)
    begin_day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.SmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    narrative_order = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order in the career story, for undated facts."
    )
    description = models.TextField(blank=True, help_text="What the source says, vagueness kept.")

    class Meta:
        ordering = ["subject", "begin_year", "narrative_order", "pk"]
        constraints = [
            *partial_date_constraints("begin", "relationship"),
            *partial_date_constraints("end", "relationship"),
            models.CheckConstraint(
                condition=~models.Q(subject=models.F("target")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.get_kind_display().lower()} {self.target}"

    @property
    def begin(self) -> PartialDate:
        return PartialDate.of(self, "begin")

    @property
    def end(self) -> PartialDate:
        return PartialDate.of(self, "end")


class Milestone(models.Model):
    """A career fact that is neither an event nor a relationship: first lessons, retirement."""

    class Kind(models.TextChoices):
        TRAINING = "training", "Training"
        INVITATION = "invitation", "Invitation"
        RECOGNITION = "recognition", "Recognition"
        CAREER = "career", "Career"
        RETIREMENT = "retirement", "Retirement"
        LEGACY = "legacy", "Legacy"

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(help_text="The fact in plain words, vagueness kept.")
    year = models.SmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    narrative_order = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["agent", "year", "narrative_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__isnull=True)
                | models.Q(month__gte=1, month__lte=12, year__isnull=False),
                name="milestone_month_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(day__isnull=True)
                | models.Q(day__gte=1, day__lte=31, month__isnull=False),
                name="milestone_day_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent}: {self.text[:60]}"

    @property
    def date(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)


class Authorship(models.Model):
    """Who wrote a work: kept here because agents sit above works in the layering."""

    class Role(models.TextChoices):
        COMPOSER = "composer", "Composer"
        ARRANGER = "arranger", "Arranger"
        ORCHESTRATOR = "orchestrator", "Orchestrator"
        LIBRETTIST = "librettist", "Librettist"
        LYRICIST = "lyricist", "Lyricist"

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="authorships")
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="authorships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COMPOSER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["work", "position"]
        constraints = [
            models.UniqueConstraint(fields=["work", "agent", "role"], name="authorship_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agent} ({self.role}) – {self.work}"
