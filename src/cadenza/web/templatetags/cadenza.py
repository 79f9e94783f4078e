"""Small template helpers for the public pages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from cadenza.partialdates import PartialDate
from cadenza.repertoire.models import Work
from cadenza.repertoire.performers import nouns_joined
from cadenza.repertoire.performers import performer_nouns as performer_nouns_of
from cadenza.repertoire.selectors import shown_title

if TYPE_CHECKING:
    from cadenza.events.career_figures import Collaborator
    from cadenza.events.models import Event
    from cadenza.events.performances import PlayedItem
    from cadenza.ingest.selectors import Segment
    from cadenza.people.models import AgentInstrument, Authorship
    from cadenza.people.selectors import LineageNode

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data: dict[str, Any]) -> SafeString:
    """A schema.org JSON-LD block, escaped so no text can close the script element."""
    body = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{body}</script>')


@register.filter
def minutes(value: timedelta | None) -> str:
    """A duration as '25 min' or '1 h 5 min'."""
    if not value:
        return ""
    total = round(value.total_seconds() / 60)
    hours, mins = divmod(total, 60)
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


@register.filter
def partial(obj: Any, prefix: str) -> PartialDate:
    """A model's partial date by prefix: {{ review|partial:"published" }}."""
    return PartialDate.of(obj, prefix)


@register.filter
def link(obj: Any, label: Any = None) -> SafeString:
    """A link to a record's page, named by `label` when it is not empty, else by the
    record itself (a work by its title as musicians write it): {{ credit.agent|link }},
    {{ review.critic_agent|link:review.critic }}."""
    if not label and isinstance(obj, Work):
        label = shown_title(obj)
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label or obj)


@register.simple_tag
def time_of(date: PartialDate | None) -> SafeString:
    """A partial date in a <time> element, with its ISO form; nothing for no date."""
    if not date:
        return mark_safe("")
    return format_html('<time datetime="{}">{}</time>', date.iso(), date)


@register.simple_tag
def span_of(begin: Any, end: Any) -> str:
    """'1990–1995', or the beginning alone when the end is not known or is the same."""
    return f"{begin}–{end}" if end and end != begin else f"{begin}"


@register.filter
def links(records: Iterable[Any]) -> SafeString:
    """Records as links, separated by commas: {{ p.composers|links }}."""
    return format_html_join(", ", "{}", ((link(record),) for record in records))


@register.filter
def event_link(event: Event) -> SafeString:
    """A link to an event, named by its name, or by its kind when it has none."""
    return link(event, event.name or event.get_kind_display())


@register.simple_tag
def authors(authorships: Iterable[Authorship]) -> SafeString:
    """Who wrote a work, as links, a role other than composer in brackets:
    'J. S. Bach, Zoltán Kodály (arranger)'."""
    return format_html_join(
        ", ",
        "{}{}",
        (
            (link(au.agent), "" if au.role == "composer" else f" ({au.get_role_display().lower()})")
            for au in authorships
        ),
    )


@register.filter
def performer_nouns(instruments: Iterable[AgentInstrument]) -> str:
    """What an agent's instruments make them, a noun each ('pianist and harpsichordist',
    the usual noun where none is recorded); empty for none."""
    pairs = ((ai.instrument.performer_noun, ai.instrument.name) for ai in instruments)
    return nouns_joined(performer_nouns_of(pairs))


@register.simple_tag
def played(item: PlayedItem) -> SafeString:
    """A programme item as an appearance lists it: the work linked, titled with its
    catalogue numbers (and its composer where another work of the list reads alike), what
    was played of it when the archive says only that ('excerpts'); an item without a work
    (an intermission) as the record names it."""
    if item.work is None:
        return conditional_escape(str(item))
    if item.part:
        return format_html('<a href="{}">{}</a> ({})', item.url, item.label, item.part)
    return format_html('<a href="{}">{}</a>', item.url, item.label)


@register.filter
def work_title(work: Work | None) -> str:
    """A work's title as musicians write it, the one filter for every template:
    {{ work|work_title }}, with the catalogue numbers prefetched with the work
    (`repertoire.titles` tells the rules)."""
    return "" if work is None else shown_title(work)


@register.simple_tag
def byline(critic: str, publication: str) -> SafeString:
    """Who wrote a review and where: 'Anna Lee, <cite>The Times</cite>', either one alone,
    or nothing when neither is known."""
    if critic and publication:
        return format_html("{}, <cite>{}</cite>", critic, publication)
    if publication:
        return format_html("<cite>{}</cite>", publication)
    return conditional_escape(critic)


@register.simple_tag
def marked_text(segments: Iterable[Segment]) -> SafeString:
    """A source's text with the cited runs in <mark>, each titled with what cites it;
    joined here, as the text's own spaces must stay as they are."""
    return mark_safe(
        "".join(
            format_html('<mark title="{}">{}</mark>', seg.title, seg.text)
            if seg.marked
            else conditional_escape(seg.text)
            for seg in segments
        )
    )


@register.simple_tag
def counted_items(counted: Iterable[Collaborator], title: str) -> SafeString:
    """Agents as list items, each linked, with its count titled by what is counted:
    <ul>{% counted_items people "events together" %}</ul>."""
    return format_html_join(
        "",
        '<li>{} <span class="count" title="{}">{}</span></li>',
        ((link(c.agent), title, intcomma(c.count)) for c in counted),
    )


@register.simple_tag
def lineage_list(nodes: Iterable[LineageNode]) -> SafeString:
    """Teachers and their teachers (or students and theirs) as nested lists, each with the
    year the tie began."""
    return format_html(
        '<ul class="lineage">{}</ul>',
        format_html_join(
            "",
            "<li>{}{}{}</li>",
            (
                (
                    link(node.agent),
                    format_html(' <span class="muted">from {}</span>', node.tie.begin)
                    if node.tie.begin
                    else "",
                    lineage_list(node.more) if node.more else "",
                )
                for node in nodes
            ),
        ),
    )
