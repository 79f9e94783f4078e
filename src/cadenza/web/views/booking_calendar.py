"""The calendars (month, week and list) of one artist or of the user's whole roster, and
the day sheets (a page and a PDF). Plain links and a GET form, working without JavaScript;
with htmx, moving to the next month swaps only the calendar (`wants_partial`).

Filters, as query parameters: `artist` (an id; none: the roster), `state` (holds, offers,
confirmed; several allowed) and `tz`, the viewer's IANA zone (settings.TIME_ZONE when
absent), added beside each time whose clock it changes. What a user sees is the
selectors' (`engagements.calendar`); no fee is ever on these pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from cadenza.accounts.selectors import agents_managed_by, user_sees_everything
from cadenza.engagements import calendar
from cadenza.engagements.access import engagements_visible_to
from cadenza.engagements.calendar import STATE_FILTERS, Day, Entry
from cadenza.engagements.conflicts import Problem
from cadenza.engagements.day_sheet import day_sheet
from cadenza.engagements.day_sheet_pdf import day_sheet_pdf
from cadenza.people.models import Agent
from cadenza.web.maps import WorldMap, project, world_map
from cadenza.web.views.bookings import private, signed_in
from cadenza.web.views.common import wants_partial

VIEWS = (("month", "Month"), ("week", "Week"), ("list", "List"))


def roster(user: Any) -> QuerySet[Agent]:
    """The artists whose calendar this user may open: those they manage (staff: every
    artist with an engagement) and those of the engagements they see."""
    if user_sees_everything(user=user):
        visible = Q(pk__in=engagements_visible_to(user=user).values("artist_id"))
    else:
        visible = Q(pk__in=agents_managed_by(user=user).values("pk")) | Q(
            pk__in=engagements_visible_to(user=user).values("artist_id")
        )
    return Agent.objects.filter(visible).order_by("sort_name", "pk")


class Filters:
    """The query's filters, read once; what is not understood is named in `errors`."""

    def __init__(self, request: HttpRequest) -> None:
        self.errors: list[str] = []
        self.artists = list(roster(request.user))
        wanted = request.GET.get("artist", "")
        self.artist = next((a for a in self.artists if str(a.pk) == wanted), None)
        if wanted and self.artist is None:
            raise Http404("No such artist among those you may see.")
        self.states = [s for s in request.GET.getlist("state") if s in STATE_FILTERS]
        for unknown in set(request.GET.getlist("state")) - set(STATE_FILTERS):
            self.errors.append(f"state: {unknown!r} is not one of {', '.join(STATE_FILTERS)}.")
        try:
            self.zone = calendar.viewer_zone(request.GET.get("tz"))
        except ValueError as error:
            self.errors.append(f"{error} Times are shown in {calendar.viewer_zone(None)}.")
            self.zone = calendar.viewer_zone(None)

    @property
    def ids(self) -> list[int]:
        return [self.artist.pk] if self.artist else [a.pk for a in self.artists]

    @property
    def query(self) -> str:
        pairs: list[tuple[str, Any]] = [("artist", self.artist.pk)] if self.artist else []
        pairs += [("state", s) for s in self.states]
        if self.zone != calendar.viewer_zone(None):
            pairs.append(("tz", self.zone))
        return "?" + urlencode(pairs) if pairs else ""


def _time(entry: Entry) -> str:
    if entry.all_day:
        return "all day"
    if entry.approximate:
        return entry.approximate
    # From the fields rather than by strftime, which is slower: a roster's month has thousands.
    text = f"{entry.starts.hour:02}:{entry.starts.minute:02} {entry.starts.tzname()}"
    if entry.viewer is not None:
        text += f" ({entry.viewer:%a %H:%M} {entry.viewer.tzname()} your time)"
    return text


def _where(entry: Entry) -> str:
    if entry.kind != "travel":
        return entry.place
    arrival = f"{entry.ends:%H:%M} {entry.ends.tzname()}"
    if entry.ends.date() != entry.starts.date():
        arrival = f"{entry.ends:%a %-d %b} {arrival}"
    return " · ".join(p for p in (f"arrives {arrival}", entry.detail) if p)


def entry_html(entry: Entry, *, roster_shown: bool, link: str, problem: int | None = None) -> str:
    """One entry as the grid, the week and the list show it, every text escaped; `problem`,
    the number of a problem it is part of, flags it with a link to that problem. Joined
    in Python with the standard library's escape: a roster's month holds thousands, and a
    template include (or format_html) for each cost more than all the queries."""
    marks = " cal-entry--hold" if entry.on_hold else ""
    flag = ""
    if problem is not None:
        marks += " cal-entry--problem"
        flag = f' <a class="cal-entry__problem" href="#problem-{problem}">Problem {problem}</a>'
    what = escape(entry.label)
    if entry.engagement_id is not None:
        what = f'<a href="{link}{entry.engagement_id}/">{what}</a>'
    if entry.state in ("hold", "offered"):
        what += f' <span class="state state--{entry.state}">{escape(entry.state_label)}</span>'
    who = f' <span class="cal-entry__who">{escape(entry.artist)}</span>' if roster_shown else ""
    return (
        f'<li class="cal-entry cal-entry--{entry.kind}{marks}">'
        f'<span class="cal-entry__time">{escape(_time(entry))}</span> {what}{who}{flag}'
        f'<span class="cal-entry__where">{escape(_where(entry))}</span></li>'
    )


def entries_html(
    entries: list[Entry], *, roster_shown: bool, flags: dict[tuple[str, int], int]
) -> SafeString:
    link = reverse("engagements")  # /bookings/engagements/: an engagement's page is <id>/
    return mark_safe(
        "".join(
            entry_html(e, roster_shown=roster_shown, link=link, problem=flags.get(e.row))
            for e in entries
        )
    )


def problems_html(problems: list[Problem], *, names: dict[int, str] | None) -> SafeString:
    """The problems as the list above the calendar numbers them (`problem-1` …, the
    entries' flags link there), each after its artist's name when `names` are given (the
    roster's calendar). Joined in Python as the entries are: a roster's month may tell a
    thousand, and a template's loop counter alone cost more than the joining."""
    lines = []
    for number, problem in enumerate(problems, 1):
        hold = '<span class="state state--hold">Hold</span> ' if problem.on_hold else ""
        who = ""
        if names is not None:
            who = (
                f'<span class="cal-entry__who">{escape(names.get(problem.artist_id, ""))}</span>: '
            )
        lines.append(f'<li id="problem-{number}">{hold}{who}{escape(problem.message)}</li>')
    return mark_safe("".join(lines))


def problem_flags(problems: list[Problem]) -> dict[tuple[str, int], int]:
    """The rows of the entries each problem involves, with the number of the first problem
    (counted from 1, as the list above the calendar numbers them)."""
    flags: dict[tuple[str, int], int] = {}
    for number, problem in enumerate(problems, 1):
        for row in problem.rows:
            flags.setdefault(row, number)
    return flags


@dataclass(frozen=True)
class BrokenLink:
    """A connection the travel rule says cannot be made, drawn on the route's map."""

    points: str  # SVG polyline points
    label: str


def route_map(
    entries: list[Entry], problems: list[Problem]
) -> tuple[WorldMap, str, list[Entry], list[BrokenLink]]:
    """The season's route on the person page's map: a dot per venue, a line in date order,
    and a line of its own for each connection that cannot be made in time."""
    stops = calendar.route(entries)
    drawn = world_map(
        (f"{s.place} ({s.starts:%-d %b})", s.point[0], s.point[1], 1)
        for s in stops
        if s.point is not None
    )
    line = " ".join("{},{}".format(*project(*s.point)) for s in stops if s.point is not None)
    shown = {e.row: e for e in entries}
    broken = []
    for number, problem in enumerate(problems, 1):
        ends = [shown[r] for r in problem.rows if r in shown and shown[r].point is not None]
        if problem.kind == "travel" and len(ends) == 2:
            points = " ".join("{},{}".format(*project(*e.point)) for e in ends if e.point)
            route = f"the connection from {ends[0].place} to {ends[1].place}"
            broken.append(BrokenLink(points, f"Problem {number}: {route} cannot be made in time"))
    return drawn, line, stops, broken


def _page(
    request: HttpRequest,
    filters: Filters,
    view: str,
    days: list[Day],
    found: list[Entry],
    context: dict[str, Any],
) -> HttpResponse:
    shown = filters.artist is None
    told = context["period"].problems
    flags = problem_flags(told)
    context |= {
        "filters": filters,
        "view": view,
        "views": VIEWS,
        "cells": [(d, entries_html(d.entries, roster_shown=shown, flags=flags)) for d in days],
        "problems": told,
        "problems_html": problems_html(
            told, names={a.pk: a.name for a in filters.artists} if shown else None
        ),
        "state_filters": list(STATE_FILTERS),
        "today": timezone.localdate(),
        "links": _links(view, context["period"], filters.query),
    }
    if filters.artist is not None:
        drawn = route_map(found, told)
        context["map"], context["route_line"], context["route"], context["broken"] = drawn
    template = f"web/bookings/calendar_{view}.html"
    if not wants_partial(request):
        context["body"] = template
        template = "web/bookings/calendar_page.html"
    status = 400 if filters.errors else 200
    return private(render(request, template, context, status=status))


def _guarded(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (login := signed_in(request)) is not None:
            return login
        try:
            return view(request, Filters(request), *args, **kwargs)
        except ValueError as error:  # a month 13, a 31st of June: no such page
            raise Http404("No such day in the calendar.") from error

    run.__name__ = run.__qualname__ = view.__name__
    run.__doc__ = view.__doc__
    return require_safe(run)


@_guarded
def calendar_month(
    request: HttpRequest, filters: Filters, year: int | None = None, month: int | None = None
) -> HttpResponse:
    today = timezone.localdate()
    period = calendar.month(
        user=request.user,
        artist_ids=filters.ids,
        year=year or today.year,
        month=month or today.month,
        states=filters.states,
        zone=filters.zone,
    )
    context = {"period": period, "heading": f"{period.start:%B %Y}"}
    return _page(request, filters, "month", period.days, period.entries, context)


@_guarded
def calendar_week(
    request: HttpRequest, filters: Filters, year: int, month: int, day: int
) -> HttpResponse:
    period = calendar.week(
        user=request.user,
        artist_ids=filters.ids,
        day=date(year, month, day),
        states=filters.states,
        zone=filters.zone,
    )
    context = {"period": period, "heading": f"Week of {period.start:%-d %B %Y}"}
    return _page(request, filters, "week", period.days, period.entries, context)


@_guarded
def calendar_list(request: HttpRequest, filters: Filters, year: int, month: int) -> HttpResponse:
    period = calendar.month(
        user=request.user,
        artist_ids=filters.ids,
        year=year,
        month=month,
        states=filters.states,
        zone=filters.zone,
    )
    days = [d for d in period.days if d.in_period and d.entries]
    context = {"period": period, "heading": f"{period.start:%B %Y}"}
    return _page(request, filters, "list", days, period.entries, context)


def _sheet(request: HttpRequest, artist_id: int, day: str) -> Any:
    try:
        when = date.fromisoformat(day)
    except ValueError as error:
        raise Http404(f"{day!r} is not a day written YYYY-MM-DD.") from error
    artist = Agent.objects.filter(pk=artist_id).first()
    sheet = day_sheet(user=request.user, artist=artist, day=when) if artist else None
    if sheet is None:
        raise Http404("No day sheet you may see.")
    return sheet


@require_safe
def day_sheet_view(request: HttpRequest, artist_id: int, day: str) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    sheet = _sheet(request, artist_id, day)
    return private(render(request, "web/bookings/day_sheet.html", {"sheet": sheet}))


@require_safe
def day_sheet_pdf_view(request: HttpRequest, artist_id: int, day: str) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    sheet = _sheet(request, artist_id, day)
    response = HttpResponse(day_sheet_pdf(sheet), content_type="application/pdf")
    name = f"day-sheet-{sheet.artist.slug}-{sheet.day:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return private(response)


def _links(view: str, period: calendar.Period, query: str) -> dict[str, str]:
    """Previous, next, and the same days in the other views, the filters kept."""
    anchor = period.start
    urls = {
        "month": reverse("calendar-month", args=[anchor.year, anchor.month]),
        "week": reverse("calendar-week", args=[anchor.year, anchor.month, anchor.day]),
        "list": reverse("calendar-list", args=[anchor.year, anchor.month]),
    }
    step = "calendar-week" if view == "week" else f"calendar-{view}"
    for name, to in (("previous", period.previous), ("next", period.next)):
        args = [to.year, to.month, to.day] if view == "week" else [to.year, to.month]
        urls[name] = reverse(step, args=args)
    return {name: url + query for name, url in urls.items()}
