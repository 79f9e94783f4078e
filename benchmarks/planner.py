"""The season planner (issue 18) by size, against a greedy planner in the same run.

    uv run python benchmarks/planner.py                      # 25, 50, 100, 200 offers × 3 seeds
    uv run python benchmarks/planner.py --sizes 100 --seeds 5 --time-limit 10

Each instance is a nine-month season (February to October 2027, both changes of clocks)
from `tests/planning/generator.py`: real halls in Europe, Asia and New York, 1–4 dates per
offer, rehearsal days 0–2, radius clauses, unavailable ranges and a few required offers
that fit together. The planner runs as a whole process (this script with a hidden
`--child`, which imports the planner and solves with 2 workers), pinned to 2 cores; its
plan is judged by the tests' independent checker. The greedy planner takes the offers
required first, then by highest fee, then fee per occupied day, each on its first date that
keeps the plan valid by the same checker. Goals: 100 offers proved optimal in ≤ 5 s, 200
offers within 1 % of the bound in ≤ 30 s, whole process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.planning.checker import Rules, check  # noqa: E402
from tests.planning.generator import generate  # noqa: E402

NINE_MONTHS = 273
GOALS = {100: ("proved optimal", 5.0), 200: ("within 1 % of the bound", 30.0)}


def child(path: str, time_limit: float) -> None:
    from cadenza.engagements.planning.instance import load_instance
    from cadenza.engagements.planning.solver import solve

    started = time.monotonic()
    plan = solve(load_instance(Path(path)), time_limit=time_limit, workers=2)
    print(json.dumps({"plan": plan.to_json(), "solve_s": time.monotonic() - started}))


def greedy(instance: dict[str, Any]) -> float | None:
    """The greedy plan's objective; None when it cannot place a required offer."""
    rules = Rules(instance)
    order = sorted(
        rules.offers.values(),
        key=lambda o: (not o.required, -o.fee, -o.fee / (o.rehearsal_days + 1)),
    )
    placed: list[tuple[str, date]] = []
    for offer in order:
        for day in offer.dates:
            if rules.feasible([*placed, (offer.id, day)], partial=True):
                placed.append((offer.id, day))
                break
        else:
            if offer.required:
                return None
    return rules.objective(placed)


def run_solver(path: Path, time_limit: float, cores: set[int]) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--time-limit", str(time_limit)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.sched_setaffinity(0, cores),
        check=False,
    )
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"the planner failed on {path}:\n{done.stderr}")
    return json.loads(done.stdout), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=None, help="default 20 s; 25 s at 200")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.time_limit)
        return
    cores = set(sorted(os.sched_getaffinity(0))[:2])
    print(f"planner on {len(cores)} cores (of {os.cpu_count()}), greedy in this process\n")
    header = (
        f"{'offers':>6} {'seed':>4} {'status':>10} {'whole s':>8} {'solve s':>8} "
        f"{'objective':>12} {'bound':>12} {'gap %':>6} {'greedy':>12} {'short %':>7} check"
    )
    print(header)
    summary: dict[int, list[tuple[str, float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            limit = args.time_limit or (25.0 if size >= 200 else 20.0)
            for seed in range(args.seeds):
                instance = generate(1000 * size + seed, offers=size, days=NINE_MONTHS)
                path = Path(folder) / f"season-{size}-{seed}.json"
                path.write_text(json.dumps(instance), encoding="utf-8")
                result, wall = run_solver(path, limit, cores)
                plan = result["plan"]
                problems = check(instance, plan)
                value, bound = plan["objective"], plan["bound"]
                # No plan found: an infinite gap, so no goal is met by finding nothing.
                gap = 100 * (bound - value) / abs(bound) if value is not None and bound else 0.0
                if value is None:
                    gap = float("inf")
                other = greedy(instance)
                short = (
                    100 * (value - other) / abs(value)
                    if value is not None and other is not None and value
                    else float("nan")
                )
                summary.setdefault(size, []).append((plan["status"], wall, gap, short))
                print(
                    f"{size:>6} {seed:>4} {plan['status']:>10} {wall:>8.2f} "
                    f"{result['solve_s']:>8.2f} {value or 0:>12,.2f} {bound or 0:>12,.2f} "
                    f"{gap:>6.2f} {other or 0:>12,.2f} {short:>7.1f} "
                    f"{'valid' if not problems else 'INVALID: ' + '; '.join(problems[:3])}"
                )
    print()
    for size, runs in summary.items():
        walls = [w for _, w, _, _ in runs]
        shorts = [s for *_, s in runs if s == s]
        line = (
            f"{size} offers: median whole process {statistics.median(walls):.2f} s "
            f"(max {max(walls):.2f}), greedy short of the planner by "
            f"{statistics.median(shorts) if shorts else float('nan'):.1f} % (median)"
        )
        if size in GOALS:
            what, seconds = GOALS[size]
            if size == 100:
                met = all(s == "optimal" and w <= seconds for s, w, _, _ in runs)
            else:
                met = all(g <= 1.0 and w <= seconds for _, w, g, _ in runs)
            line += f"; goal {what} in ≤ {seconds:g} s: {'met' if met else 'MISSED'}"
        print(line)


if __name__ == "__main__":
    main()
