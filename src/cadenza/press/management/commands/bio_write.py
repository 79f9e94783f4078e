"""`cadenza bio write "PERSON" --words 50|150|400 [--format text|markdown|html]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.people.selectors import agent_names_like, agents_named
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import (
    FORMATS,
    LENGTHS,
    biography_sentences,
    biography_shortfall,
    render,
)


class Command(BaseCommand):
    help = "Write a biography of a person or ensemble from what the record holds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="a name or alias, as recorded (accents optional)")
        parser.add_argument("--words", type=int, choices=LENGTHS, default=150)
        parser.add_argument("--format", choices=FORMATS, default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["person"].strip()
        found = agents_named(name=name, partly=True)
        if not found:
            like = agent_names_like(name=name)
            hint = f" Did you mean: {'; '.join(like)}?" if like else ""
            raise CommandError(f"No one named {name!r} is in the record.{hint}")
        if len(found) > 1:
            listed = "; ".join(f"{a.name} (id {a.pk})" for a in found)
            raise CommandError(f"{len(found)} agents are named {name!r}: {listed}.")
        facts = biography_facts(agent=found[0])
        words = options["words"]
        sentences = biography_sentences(facts, words=words)
        self.stdout.write(render(sentences, words=words, fmt=options["format"]))
        # Said beside the biography, not in it: a text to send carries no remark on itself.
        if note := biography_shortfall(facts, words=words, text=render(sentences, words=words)):
            self.stderr.write(note)
