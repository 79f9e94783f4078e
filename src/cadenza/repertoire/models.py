"""Works, their movements, catalogue numbers and instrumentation."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from cadenza.repertoire.titles import work_title


class Instrument(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="Lower case: 'violin'.")
    performer_noun = models.CharField(max_length=100, blank=True, help_text="'violinist'")
    family = models.CharField(max_length=50, blank=True, help_text="strings, keyboard, voice...")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Work(models.Model):
    """A composition; a movement is a Work whose parent is the whole work."""

    title = models.CharField(max_length=400)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="movements"
    )
    position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Order of a movement inside its parent work."
    )
    key = models.CharField(max_length=60, blank=True, help_text="'G major'")
    duration = models.DurationField(null=True, blank=True, help_text="Typical performing time.")
    composed_year = models.PositiveSmallIntegerField(null=True, blank=True)
    composed_year_end = models.PositiveSmallIntegerField(null=True, blank=True)
    form = models.CharField(max_length=100, blank=True, help_text="suite, concerto, symphony...")
    instrumentation = models.CharField(
        max_length=300, blank=True, help_text="As written, for example 'solo cello'."
    )
    instruments = models.ManyToManyField(Instrument, blank=True, related_name="works")
    notes = models.TextField(blank=True)

    class Meta:
        # Movements in their order; whole works (no position) by title.
        ordering = ["position", "title"]
        indexes = [models.Index(fields=["title"])]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=models.Q(parent__isnull=False, position__isnull=False),
                name="work_movement_position_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="work_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        """The title as musicians write it (`titles.work_title`), without the catalogue
        numbers the title does not print: those need a query (`selectors.shown_title`)."""
        return work_title(self.title)

    @property
    def slug(self) -> str:
        return slugify(str(self))[:80] or "work"

    def get_absolute_url(self) -> str:
        return reverse("work", kwargs={"pk": self.pk, "slug": self.slug})


class WorkAlias(models.Model):
    """Another name of a work: a nickname ("Emperor", "Eroica") or another title. Where it
    comes from is cited (ingest's provenance), as every fact is."""

    class Kind(models.TextChoices):
        NICKNAME = "nickname", "Nickname"
        TITLE = "title", "Other title"

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NICKNAME)

    class Meta:
        ordering = ["work", "name"]
        constraints = [models.UniqueConstraint(fields=["work", "name"], name="workalias_unique")]
        verbose_name_plural = "work aliases"

    def __str__(self) -> str:
        return self.name


class CatalogueNumber(models.Model):
    """A number in a catalogue of works: BWV 1007, K. 466, Op. 61."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="catalogue_numbers")
    catalogue = models.CharField(max_length=30, help_text="'BWV', 'K.', 'Op.', 'Hob.'")
    number = models.CharField(max_length=30, help_text="'1007', '466', '61 No. 2'")

    class Meta:
        ordering = ["catalogue", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "catalogue", "number"], name="cataloguenumber_unique"
            )
        ]
        indexes = [models.Index(fields=["catalogue", "number"])]

    def __str__(self) -> str:
        return f"{self.catalogue} {self.number}"
