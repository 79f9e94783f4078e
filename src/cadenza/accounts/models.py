"""Users, and which artists' private records each may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from cadenza.people.models import Agent


class User(AbstractUser):
    """Our own user model from the start, so roles and tokens can join it later."""


class ArtistAccess(models.Model):
    """Gives a user the private side of one artist's record (later: fees, holds)."""

    class Role(models.TextChoices):
        ARTIST = "artist", "The artist"
        MANAGER = "manager", "Manager"
        ASSISTANT = "assistant", "Assistant"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="artist_access")
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="user_access")
    role = models.CharField(max_length=20, choices=Role.choices)
    sees_fees = models.BooleanField(
        default=False,
        help_text="For the artist's own login: may see fees and settlements (managers always do).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agent"], name="artistaccess_unique")
        ]
        verbose_name_plural = "artist access"

    def __str__(self) -> str:
        return f"{self.user} → {self.agent} ({self.role})"


class Roster(models.Model):
    """An agency's list of artists, with the settings their bookings follow."""

    name = models.CharField(max_length=200, unique=True)
    auto_promote_holds = models.BooleanField(
        default=True,
        help_text="When a higher hold on a day goes, the next one moves up by itself.",
    )
    artists = models.ManyToManyField(Agent, through="RosterArtist", related_name="rosters")

    def __str__(self) -> str:
        return self.name


class RosterArtist(models.Model):
    roster = models.ForeignKey(Roster, on_delete=models.CASCADE)
    # An artist is on one agency's roster at a time, so its settings are never in doubt.
    agent = models.OneToOneField(Agent, on_delete=models.CASCADE, related_name="roster_entry")

    def __str__(self) -> str:
        return f"{self.agent} on {self.roster}"


class PresenterAccess(models.Model):
    """Lets a user act for a presenter: see the engagements with that organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="presenter_access")
    organisation = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="presenteraccess_unique")
        ]
        verbose_name_plural = "presenter access"

    def __str__(self) -> str:
        return f"{self.user} for {self.organisation}"


class ApiToken(models.Model):
    """A key a program uses in the user's name (`Authorization: Bearer <prefix>.<secret>`).

    Only a SHA-256 hash of the secret is kept: the secret is 32 random bytes, so a plain
    hash is enough (a slow password hash would only slow every API request); the prefix
    is public and finds the row, so the hash is compared with one row's, in constant time.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and write"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.READ_WRITE)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.user} (token {self.name!r}, {self.prefix})"

    @property
    def read_only(self) -> bool:
        return self.scope == self.Scope.READ


class IdempotencyKey(models.Model):
    """A POST's `Idempotency-Key` and the answer it got, so that a client retrying after a
    lost answer gets the same answer and nothing is done twice. Kept beside the tokens: a
    key belongs to a user, expires like a token, and holds no domain data of its own (the
    answer is the API's JSON, stored as text)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # SHA-256 of the method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotencykey_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.key}"
