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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agent"], name="artistaccess_unique")
        ]
        verbose_name_plural = "artist access"

    def __str__(self) -> str:
        return f"{self.user} → {self.agent} ({self.role})"
