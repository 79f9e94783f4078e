"""The season planner's commands (docs/planning.md), as a table for people or with `--json`
in the planning README's output format:

- `cadenza plan solve FILE.json [--time-limit SECONDS] [--json]`: an instance file
  (../shared/planning/README.md); it reads no database;
- `cadenza plan season "ARTIST" --from DATE --to DATE [--pin ID] [--exclude ID]`: the
  artist's engagements in those dates, read from the record (seasons/from_record.py), solved
  here in the foreground; the page applies a plan."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.engagements.management.commands.check_conflicts import day_given
from cadenza.engagements.management.commands.engagements import artist_named
from cadenza.engagements.planning.instance import Instance, InstanceError, load_instance
from cadenza.engagements.planning.solver import Plan, solve
from cadenza.seasons.from_record import Season, SeasonError, season_read


class Command(BaseCommand):
    help = (
        "solve FILE: the best season for an instance file; season ARTIST --from D --to D: "
        "the best season of an artist's offers in the record. With the proved bound and "
        "the reasons."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["solve", "season"], help="what to do")
        parser.add_argument(
            "what", metavar="FILE|ARTIST", help="solve: the instance file; season: the artist"
        )
        parser.add_argument("--from", dest="start", help="season: its first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="season: its last day, YYYY-MM-DD")
        parser.add_argument(
            "--pin", type=int, action="append", default=[], metavar="ENGAGEMENT",
            help="season: accept this engagement (its number); repeat for more",
        )  # fmt: skip
        parser.add_argument(
            "--exclude", type=int, action="append", default=[], metavar="ENGAGEMENT",
            help="season: leave this engagement out; repeat for more",
        )  # fmt: skip
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
        season: Season | None = None
        try:
            if options["action"] == "season":
                season = _season(options)
                inst, name = season.instance, f"{season.data['home']['name']} and back"
            else:
                inst, name = load_instance(options["what"]), options["what"]
        except (InstanceError, SeasonError) as error:
            raise CommandError(str(error)) from None
        plan = solve(inst, time_limit=options["time_limit"], workers=options["workers"])
        if options["json"]:
            self.stdout.write(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(table(inst, plan, name, season))


def _season(options: dict[str, Any]) -> Season:
    if options["start"] is None or options["end"] is None:
        raise CommandError("plan season: give the season's first and last days, --from and --to.")
    artist = artist_named(options["what"])
    start = day_given("--from", options["start"], date.min)
    end = day_given("--to", options["end"], date.min)
    return season_read(
        artist=artist, start=start, end=end, pinned=options["pin"], excluded=options["exclude"]
    )


def _money(x: float | None) -> str:
    return "—" if x is None else f"{x:,.2f}"


def table(inst: Instance, plan: Plan, name: str, season: Season | None = None) -> str:
    """The plan for people: figures, the route in date order, then what was declined; an
    offer of the record is named by its engagement's title and number."""

    def named(offer_id: str) -> str:
        if season is None:
            return offer_id
        return f"{season.offers[offer_id]['title']} (#{offer_id})"

    proved = {"optimal": "optimal (proved)", "feasible": "feasible, not proved optimal"}
    lines = [
        f"{name}: {proved.get(plan.status, plan.status)}, {plan.seconds:.2f} s",
        f"Objective {_money(plan.objective)}   bound {_money(plan.bound)}   "
        f"fees {_money(plan.fees)}   travel {plan.travel_km:,.2f} km",
    ]
    if plan.schedule:
        width = max(len(named(c.id)) for c in plan.schedule)
        lines += ["", f"{'Date':<10}  {'From':<10}  {'Offer':<{width}}  {'City':<18}  Fee"]
        for chosen in plan.schedule:
            offer = inst.offer(chosen.id)
            lines.append(
                f"{chosen.date}  {chosen.first_day}  {named(chosen.id):<{width}}  "
                f"{offer.city[:18]:<18}  {offer.fee:,}"
            )
    elif plan.status != "infeasible":
        lines += ["", "No offer accepted: the empty season."]
    if plan.conflicts:
        lines += ["", "No plan: these required offers and rules cannot hold together:"]
        lines += [
            f"  {c.rule}: {', '.join(named(i) for i in c.ids)}: {c.why}" for c in plan.conflicts
        ]
    if plan.declined:
        lines += ["", "Declined:"]
        lines += [f"  {named(d.id)}: {d.reason}" for d in plan.declined]
    if season is not None and season.notes:
        lines += ["", "Notes:"]
        lines += [
            f"  {n.title} (#{n.engagement_id}): {'left out: ' if n.left_out else ''}{n.text}"
            for n in season.notes
        ]
    return "\n".join(lines)
