"""Evaluate the biography reader against hand-written gold facts.

    uv run python benchmarks/bio_eval.py            # the development set
    uv run python benchmarks/bio_eval.py --show     # and every miss and false find

Reads `benchmarks/bio_devset/NN-name.txt` with its gold `NN-name.json` (the set the rules
were developed on), `benchmarks/bio_heldout/` (written after a first freeze of the rules
and never tuned on, but its misses were read, so later rules may know its phrasings),
`benchmarks/bio_blind/`
(written after the last freeze, its misses unread: the honest figure), and the two founding
biographies (`examples/bios/`) against `benchmarks/bio_gold/`, each reported apart.
A found fact matches a gold fact of the same kind when their names match leniently: case,
accents, punctuation, spacing and a leading "the" do not count, and one may contain the
other ("Juilliard School" matches "The Juilliard School of Music"). Only the name of each
fact is scored (institution, competition, ensemble, title, quote...); the person's name,
each instrument, birth place, birth year and the retirement or death are facts of their
own. Precision, recall and F1 are micro-averaged per kind and overall. Also printed: how
many biographies are read per second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")

from cadenza.ingest.biography.reading import LISTS, read_biography  # noqa: E402
from cadenza.ingest.biography.text import NAME_FIELD  # noqa: E402

# (folder, title, whether --show may print its misses): a blind set's misses stay unread.
SETS = (
    ("bio_heldout", "Held-out set (never tuned on; its misses were read)", True),
    ("bio_blind", "Blind set (written after a freeze; never tuned on, misses unread)", False),
    (
        "bio_blind2",
        "Second blind set (scored blind before the generalisation rules; its misses were read)",
        True,
    ),
    ("bio_blind3", "Third blind set (written after the general rules; misses unread)", False),
)


def norm(text: Any) -> str:
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    words = bare.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def same(found: str, gold: str) -> bool:
    a, b = norm(found), norm(gold)
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def facts(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, value) pairs to score."""
    out: list[tuple[str, str]] = []
    person = data.get("person") or {}
    if person.get("name"):
        out.append(("person.name", person["name"]))
    out += [("person.instrument", i) for i in person.get("instruments") or []]
    for field in ("birth_place", "birth_year"):
        if person.get(field) is not None:
            out.append((f"person.{field}", str(person[field])))
    for kind in LISTS:
        out += [
            (kind, str(item[NAME_FIELD[kind]]))
            for item in data.get(kind) or []
            if item.get(NAME_FIELD[kind])
        ]
    ending = data.get("retired_or_died")
    if ending:
        out.append(("retired_or_died", f"{ending['kind']} {ending.get('year') or ''}".strip()))
    return out


def score(pairs: list[tuple[dict[str, Any], dict[str, Any], str]], show: bool) -> Counter[str]:
    tally: Counter[str] = Counter()
    for found, gold, name in pairs:
        want, got = facts(gold), facts(found)
        unmatched = list(got)
        for kind, value in want:
            hit = next((g for g in unmatched if g[0] == kind and same(g[1], value)), None)
            if hit:
                unmatched.remove(hit)
                tally[f"{kind}|tp"] += 1
            else:
                tally[f"{kind}|fn"] += 1
                if show:
                    print(f"  MISS  {name}: {kind} {value!r}")
        for kind, value in unmatched:
            tally[f"{kind}|fp"] += 1
            if show:
                print(f"  FALSE {name}: {kind} {value!r}")
    return tally


def report(title: str, tally: Counter[str]) -> float:
    kinds = sorted({key.split("|")[0] for key in tally})
    print(f"\n{title}\n{'kind':22} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    totals = Counter()
    for kind in kinds:
        tp, fp, fn = (tally[f"{kind}|{x}"] for x in ("tp", "fp", "fn"))
        totals.update(tp=tp, fp=fp, fn=fn)
        figures = f"{_p(tp, fp):6.2f} {_p(tp, fn):6.2f} {_f(tp, fp, fn):6.2f}"
        print(f"{kind:22} {figures} {tp:4} {fp:3} {fn:3}")
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    f1 = _f(tp, fp, fn)
    print(
        f"{'overall (micro)':22} {_p(tp, fp):6.2f} {_p(tp, fn):6.2f} {f1:6.2f} {tp:4} {fp:3} {fn:3}"
    )
    return f1


def _p(tp: int, other: int) -> float:
    return tp / (tp + other) if tp + other else 1.0


def _f(tp: int, fp: int, fn: int) -> float:
    p, r = _p(tp, fp), _p(tp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def load(folder: Path, texts: Path | None = None) -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for gold_file in sorted(folder.glob("*.json")):
        text_file = (texts or folder) / f"{gold_file.stem}.txt"
        out.append((text_file.read_text(), json.loads(gold_file.read_text()), gold_file.stem))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="list every miss and false find")
    args = parser.parse_args()
    dev = load(ROOT / "benchmarks" / "bio_devset")
    founding = load(ROOT / "benchmarks" / "bio_gold", ROOT / "examples" / "bios")
    started = time.perf_counter()
    found = [read_biography(text) for text, _, _ in dev]
    seconds = time.perf_counter() - started
    print(f"development set: {len(dev)} biographies, {len(dev) / seconds:,.0f} per second")
    dev_f1 = report(
        "Development set",
        score([(f, g, n) for f, (_, g, n) in zip(found, dev, strict=True)], args.show),
    )
    scores = {}
    for folder, title, readable in SETS:
        pairs = [(read_biography(t), g, n) for t, g, n in load(ROOT / "benchmarks" / folder)]
        scores[folder] = report(title, score(pairs, args.show and readable))
    pairs = [(read_biography(text), gold, name) for text, gold, name in founding]
    tally = score(pairs, args.show)
    report("Founding biographies (every fact must be found)", tally)
    missed = sum(v for k, v in tally.items() if k.endswith("|fn"))
    print(
        f"\nDevelopment F1 {dev_f1:.2f} (goal 0.85); "
        + "; ".join(f"{folder} F1 {f1:.2f}" for folder, f1 in scores.items())
        + f"; founding facts missed: {missed} (goal 0)"
    )


if __name__ == "__main__":
    main()
