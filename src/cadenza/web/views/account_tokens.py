"""The signed-in user's API tokens: the list, a new one (its secret shown once, in the
answer to the form that made it), and revoking one. The API guide is docs/api.md."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cadenza.accounts.models import User
from cadenza.accounts.selectors import token_status, tokens_of
from cadenza.accounts.services import token_create, token_revoke
from cadenza.accounts.tokens import MAX_EXPIRES_DAYS, NAME_LENGTH, TokenError
from cadenza.web.booking_forms import first_error
from cadenza.web.views.bookings import private, signed_in


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_LENGTH, help_text="What it is for, so you know which to revoke: “crm”."
    )
    read_only = forms.BooleanField(
        required=False, label="Read only", help_text="It may read, never change anything."
    )
    expires_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_EXPIRES_DAYS,
        label="Expires after (days)",
        help_text="Empty: it never expires (revoke it when it is no longer needed).",
    )


def _page(request: HttpRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # signed in: checked by the views
    context = {
        "tokens": [(t, token_status(token=t)) for t in tokens_of(user=user)],
        "form": extra.pop("form", None) or TokenForm(),
        **extra,
    }
    return private(render(request, "web/account_tokens.html", context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def tokens_view(request: HttpRequest) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    if request.method != "POST":
        return _page(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, error=first_error(form)[1], status=400)
    data = form.cleaned_data
    try:
        token, secret = token_create(
            user=request.user,  # type: ignore[arg-type]
            name=data["name"],
            read_only=data["read_only"],
            expires_days=data["expires_days"],
        )
    except TokenError as error:
        return _page(request, form=form, error=error.message, status=400)
    return _page(request, made=token, secret=secret)


@require_POST
def token_revoke_view(request: HttpRequest, prefix: str) -> HttpResponse:
    if (login := signed_in(request)) is not None:
        return login
    token = tokens_of(user=request.user).filter(prefix=prefix).first()  # type: ignore[arg-type]
    if token is None:
        raise Http404("You have no such token.")
    token_revoke(token=token)
    messages.success(request, f"Revoked the token “{token.name}” ({token.prefix}).")
    return redirect("account-tokens")
