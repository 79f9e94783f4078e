"""What an import did: counts per kind, and every skip with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cadenza.ingest.nyphil.records import Problem

KINDS = ("programmes", "concerts", "works", "movements", "people", "ensembles", "venues")


@dataclass
class ImportSummary:
    files: int = 0
    files_unchanged: int = 0  # identical to the last import's, so not read again
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # reason → count
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.updated.values()))

    def lines(self, *, problems_shown: int = 20) -> list[str]:
        if self.files_unchanged:
            out = [
                f"{self.files_unchanged} file(s) unchanged since the last import: not read again"
                " (--recheck compares every programme)."
            ]
        else:
            out = [f"{self.files} file(s) read."]
        width = max(len(k) for k in KINDS)
        out.append(f"{'':{width}}  {'added':>8} {'updated':>8} {'unchanged':>10}")
        for kind in KINDS:
            out.append(
                f"{kind:{width}}  {self.added[kind]:>8,} {self.updated[kind]:>8,}"
                f" {self.unchanged[kind]:>10,}"
            )
        if self.skipped:
            out.append("Skipped, with reasons:")
            out += [f"  {n:>6,}  {reason}" for reason, n in self.skipped.most_common()]
        if self.problems:
            out.append(f"Records skipped for problems ({len(self.problems)}):")
            out += [f"  {p}" for p in self.problems[:problems_shown]]
            if len(self.problems) > problems_shown:
                out.append(f"  … and {len(self.problems) - problems_shown} more")
        out += self.notes
        return out
