"""Chart data for the include templates of pages other helpers' views render."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from cadenza.events.selectors import SeasonCount, work_event_years
from cadenza.repertoire.models import Work
from cadenza.web.charts import BarChart, bar_chart, labelled_chart

register = template.Library()


@register.simple_tag
def season_chart(seasons: Iterable[SeasonCount]) -> BarChart:
    """The venue's seasons, already counted by the page's own query (newest first there),
    drawn oldest first."""
    return labelled_chart((s.name, s.count) for s in reversed(list(seasons)))


@register.simple_tag
def work_year_chart(work: Work) -> BarChart:
    """Performances of the work per year (one grouped query)."""
    return bar_chart(work_event_years(work=work))
