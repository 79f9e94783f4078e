"""Provenance: where every fact in the record came from."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Source(models.Model):
    """A document, an archive release or a person's own entry that facts come from."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        ARCHIVE = "archive", "Archive"
        ENTRY = "entry", "Entered by hand"
        ENGAGEMENT = "engagement", "An engagement booked in Cadenza"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(
        max_length=200, unique=True, help_text="Stable identity, so re-imports find it again."
    )
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True, help_text="A document's full text, for spans.")
    url = models.URLField(blank=True)
    licence = models.CharField(max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """Ties one record (any model) to its source: a character span or an archive record id."""

    # Both indexed by the composite indexes below, which lead with them.
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="citations", db_index=False
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, db_index=False)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    record_id = models.CharField(
        max_length=200, blank=True, help_text="The archive's own id for the record."
    )
    digest = models.CharField(
        max_length=64,
        blank=True,
        help_text="Hash of the archive record as imported, so a newer release shows changes.",
    )

    class Meta:
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["source", "record_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(span_start__isnull=True, span_end__isnull=True)
                | models.Q(span_start__isnull=False, span_end__gt=models.F("span_start")),
                name="citation_span_valid",
            ),
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "span_start", "record_id"],
                name="citation_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.content_type.model} {self.object_id}"

    @property
    def excerpt(self) -> str:
        if self.span_start is None or self.span_end is None:
            return ""
        return self.source.text[self.span_start : self.span_end]
