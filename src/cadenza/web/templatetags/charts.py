"""Chart data for the include templates of pages other helpers' views render."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

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


# The bars and table rows are joined here rather than looped over in the template: a
# chart of sixty seasons is 120 rows, and the template loop cost more than the page's
# queries (benchmarks/pages.py).
@register.simple_tag
def chart_rects(chart: BarChart, unit: str) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>',
        ((b.x, b.y, b.width, b.height, b.label, b.value, unit) for b in chart.bars),
    )


@register.simple_tag
def chart_rows(chart: BarChart) -> SafeString:
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="num">{}</td></tr>',
        ((b.label, b.value) for b in chart.bars if b.value),
    )
