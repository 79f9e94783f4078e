"""`cadenza plan solve FILE.json [--time-limit SECONDS] [--json]`: plan a season from an
instance file (../shared/planning/README.md) with the exact solver (docs/planning.md), as a
table for people or in the README's output format. It reads no database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.engagements.planning.instance import Instance, InstanceError, load_instance
from cadenza.engagements.planning.solver import Plan, solve


class Command(BaseCommand):
    help = "solve: the best season for an instance file, with its proved bound and reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["solve"], help="what to do")
        parser.add_argument("file", help="the instance, a JSON file in the planning format")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=10.0,
            metavar="SECONDS",
            help="stop searching after this long and report the best plan and bound (10)",
        )
        parser.add_argument("--workers", type=int, default=2, help="solver threads (2)")
        parser.add_argument("--json", action="store_true", help="the README's output format")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["time_limit"] <= 0:
            raise CommandError("--time-limit: expected a number of seconds above 0.")
        try:
            inst = load_instance(options["file"])
        except InstanceError as error:
            raise CommandError(str(error)) from None
        plan = solve(inst, time_limit=options["time_limit"], workers=options["workers"])
        if options["json"]:
            self.stdout.write(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(table(inst, plan, options["file"]))


def _money(x: float | None) -> str:
    return "—" if x is None else f"{x:,.2f}"


def table(inst: Instance, plan: Plan, name: str) -> str:
    """The plan for people: figures, the route in date order, then what was declined."""
    proved = {"optimal": "optimal (proved)", "feasible": "feasible, not proved optimal"}
    lines = [
        f"{name}: {proved.get(plan.status, plan.status)}, {plan.seconds:.2f} s",
        f"Objective {_money(plan.objective)}   bound {_money(plan.bound)}   "
        f"fees {_money(plan.fees)}   travel {plan.travel_km:,.2f} km",
    ]
    if plan.schedule:
        width = max(len(c.id) for c in plan.schedule)
        lines += ["", f"{'Date':<10}  {'From':<10}  {'Offer':<{width}}  {'City':<18}  Fee"]
        for chosen in plan.schedule:
            offer = inst.offer(chosen.id)
            lines.append(
                f"{chosen.date}  {chosen.first_day}  {chosen.id:<{width}}  "
                f"{offer.city[:18]:<18}  {offer.fee:,}"
            )
    elif plan.status != "infeasible":
        lines += ["", "No offer accepted: the empty season."]
    if plan.conflicts:
        lines += ["", "No plan: these required offers and rules cannot hold together:"]
        lines += [f"  {c.rule}: {', '.join(c.ids)}: {c.why}" for c in plan.conflicts]
    if plan.declined:
        lines += ["", "Declined:"]
        lines += [f"  {d.id}: {d.reason}" for d in plan.declined]
    return "\n".join(lines)
