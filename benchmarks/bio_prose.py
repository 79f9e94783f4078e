"""How well the biographies read, over the founding musicians and the 50 most-credited
archive soloists, at every length.

    uv run python benchmarks/bio_prose.py                 # builds a record, then measures
    uv run python benchmarks/bio_prose.py --home DIR      # reuse a CADENZA_HOME holding one
    uv run python benchmarks/bio_prose.py --home DIR --show   # and every fault found

Building the record (untimed): `cadenza demo --no-serve`, then `cadenza import nyphil` of
`../shared/data/nyphil`, in a temporary CADENZA_HOME. For each biography
(`press/writing/measure.py`): pairs of sentences running that open with the same word,
sentences told twice, the length (within 15 % of the words asked, or shorter and said so
by `biography_shortfall`), and every figure it states against the same figure of the
person page (`web.selectors.agent_figures`, `AgentFigures.value_of`). Goal: no fault.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "nyphil"
FOUNDERS = ("Alessio Kalmurzaev", "Alessio Leonardo Inzaghi")
SOLOISTS = 50


def build(home: Path) -> None:
    env = {**os.environ, "CADENZA_HOME": str(home)}
    for args in (["demo", "--no-serve"], ["import", "nyphil", str(DATA), "--no-progress"]):
        print(f"+ cadenza {' '.join(args)}", flush=True)
        subprocess.run(
            [sys.executable, "-m", "cadenza.cli", *args], env=env, check=True, capture_output=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="a CADENZA_HOME already holding the record")
    parser.add_argument("--show", action="store_true", help="print every fault")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="bio-prose-"))
    if args.home is None:
        build(home)
    os.environ["CADENZA_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    measure(show=args.show)


def measure(*, show: bool) -> None:
    from django.db.models import Count

    from cadenza.events.models import Credit
    from cadenza.people.models import Agent
    from cadenza.press.biography_facts import biography_facts
    from cadenza.press.biography_writer import (
        LENGTHS,
        biography_sentences,
        biography_shortfall,
        count_words,
        render,
    )
    from cadenza.press.writing.measure import prose_report
    from cadenza.web.selectors import agent_figures, agent_page

    soloists = list(
        Agent.objects.filter(kind=Agent.Kind.PERSON, credits__role=Credit.Role.SOLOIST)
        .exclude(name__in=FOUNDERS)
        .annotate(n=Count("credits"))
        .order_by("-n", "sort_name")[:SOLOISTS]
    )
    people = [*Agent.objects.filter(name__in=FOUNDERS).order_by("name"), *soloists]
    faults: Counter[str] = Counter()
    told: Counter[int] = Counter()
    lengths: dict[int, list[int]] = {words: [] for words in (50, 150, 400)}
    figures_stated = 0
    for agent in people:
        facts = biography_facts(agent=agent)
        page = agent_figures(agent_page(pk=agent.pk, user=None))
        for words in LENGTHS:
            sentences = biography_sentences(facts, words=words)
            text = render(sentences, words=words)
            note = biography_shortfall(facts, words=words, text=text)
            report = prose_report(sentences, words=words, told=count_words(text), note=note)
            told[words] += 1
            lengths.setdefault(words, []).append(report.told)
            problems = [f"opens like the one before: {b}" for _, b in report.same_openings]
            problems += [f"told twice: {r}" for r in report.repeated]
            if not report.in_range:
                problems.append(f"{report.told} words, not within 15 % of {words}, not said")
            for sentence in sentences:
                for figure in sentence.figures:
                    if figure.kind == "composition":
                        continue
                    figures_stated += 1
                    shown = page.value_of(figure)
                    if shown != figure.count:
                        problems.append(f"{figure} is {shown} on the page: {sentence.text}")
            for problem in problems:
                faults[f"{words} words: {problem.split(':')[0]}"] += 1
                if show:
                    print(f"{agent.name} ({words}): {problem}")
            if not report.in_range or report.told < words * 0.85:
                faults[f"{words} words: shorter than asked (said so)"] += 0 if not note else 1
    print(f"{len(people)} people ({len(FOUNDERS)} founders, {len(soloists)} soloists), ")
    print(f"{sum(told.values())} biographies, {figures_stated} figures stated")
    for words, counts in sorted(lengths.items()):
        if counts:
            counts.sort()
            within = sum(words * 0.85 <= n <= words * 1.15 for n in counts)
            print(
                f"  {words} words: {counts[0]}-{counts[-1]} (median {counts[len(counts) // 2]}),"
                f" {within} of {len(counts)} within 15 %"
            )
    for fault, count in sorted(faults.items()):
        print(f"  {fault}: {count}")
    if not any(count for fault, count in faults.items() if "said so" not in fault):
        print("no fault: every opening varies, no sentence twice, lengths in range or said")


if __name__ == "__main__":
    main()
