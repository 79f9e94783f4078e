"""Template filters of the browse pages and of long lists' rows."""

from __future__ import annotations

from django import template

from cadenza.people.models import Agent

register = template.Library()


@register.filter
def surname(agent: Agent) -> str:
    """What a list calls a composer for short: the sort name up to its comma ('Beethoven,
    Ludwig van' → 'Beethoven'); a name without one whole."""
    return agent.sort_name.split(",", 1)[0].strip() or agent.name
