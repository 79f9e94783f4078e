"""One view per page; each returns only a partial when htmx asks for one."""

from cadenza.web.views.agents import agent_detail
from cadenza.web.views.biographies import agent_biography
from cadenza.web.views.bioreview import biography_review
from cadenza.web.views.events import event_detail
from cadenza.web.views.home import home, search
from cadenza.web.views.places import place_detail, place_history
from cadenza.web.views.presskit import press_kit
from cadenza.web.views.works import work_detail

__all__ = [
    "agent_biography",
    "agent_detail",
    "biography_review",
    "event_detail",
    "home",
    "place_detail",
    "place_history",
    "press_kit",
    "search",
    "work_detail",
]
