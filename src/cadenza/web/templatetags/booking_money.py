"""The engagement page's money and document forms and its documents, for the templates
that `bookings.engagement_page` renders (it gives the other forms; these are drawn here)."""

from __future__ import annotations

from django import forms, template

from cadenza.engagements.models import Document, Engagement
from cadenza.web.money_forms import page_forms

register = template.Library()


@register.simple_tag(takes_context=True)
def money_forms(context: template.Context) -> dict[str, forms.Form]:
    """The deal, expense, payment, settlement and upload forms, one possibly with its error."""
    return page_forms(context["engagement"], context.get("forms") or {}, context.get("error"))


@register.simple_tag
def documents_of(engagement: Engagement) -> list[Document]:
    """The engagement's documents with their uploaders, in one query."""
    return list(Document.objects.filter(engagement=engagement).select_related("uploaded_by"))
