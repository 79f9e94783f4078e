"""`cadenza holds expire [--today YYYY-MM-DD]`: the daily run that ends holds past their
expiry date and settles challenges past their deadline (docs/engagements.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.engagements.holds import describe, holds_expire
from cadenza.engagements.models import Engagement
from cadenza.engagements.selectors import hold_promotions, last_change_id


def named(engagement: Engagement) -> str:
    return f"“{engagement}” (engagement {engagement.pk})"


def day_given(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today {text!r} is not a date: give it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "expire: end the holds past their expiry date, release the holds that did not answer "
        "a challenge in time, and move the holds below up. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire"], help="what to do with the holds")
        parser.add_argument(
            "--today",
            help="expire as on this day, YYYY-MM-DD (default: today); challenges are "
            "settled by the clock",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = day_given(options["today"])
        before = last_change_id()
        result = holds_expire(today=today)
        lines = [
            f"Expired: {named(hold.engagement)}: the {describe(hold)}" for hold in result.expired
        ]
        lines += [
            f"Released, a challenge unanswered: {named(hold.engagement)}: the {describe(hold)}"
            for hold in result.released_by_challenge
        ]
        lines += [
            f"Challenge won: {named(challenge.hold.engagement)}: the {describe(challenge.hold)}"
            for challenge in result.challenges_won
        ]
        lines += [
            f"Promoted: {named(change.engagement)}: {change.from_value} → {change.to_value}"
            for change in hold_promotions(after=before)
        ]
        for line in lines:
            self.stdout.write(line)
        if not lines:
            self.stdout.write("No hold expired and no challenge was due.")
