"""`cadenza token create USER [--read-only] [--expires DAYS] [--name NAME]`, `cadenza token
list USER` and `cadenza token revoke PREFIX`: API tokens from the command line (docs/api.md).
The new token's secret is printed once, on standard output alone, for a script to read."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadenza.accounts.models import ApiToken, User
from cadenza.accounts.selectors import token_status, tokens_of
from cadenza.accounts.services import token_create, token_revoke
from cadenza.accounts.tokens import TokenError


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(
            f"No user {username!r}: create one with `cadenza manage createsuperuser`."
        )
    return user


def _line(token: ApiToken) -> str:
    expires = token.expires_at.date().isoformat() if token.expires_at else "never"
    used = token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "never"
    return (
        f"{token.prefix}  {token_status(token=token):<8} {token.scope:<10} "
        f"expires {expires:<10}  last used {used:<16}  {token.name}"
    )


class Command(BaseCommand):
    help = "API tokens: create one for a user (its secret printed once), list them, revoke one."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="a new token for USER; prints it once")
        create.add_argument("user", help="the username")
        create.add_argument("--read-only", action="store_true", help="refused every change")
        create.add_argument("--expires", type=int, metavar="DAYS", help="expires after DAYS days")
        create.add_argument("--name", default="command line", help="what it is for")
        listing = actions.add_parser("list", help="USER's tokens, newest first")
        listing.add_argument("user", help="the username")
        revoke = actions.add_parser("revoke", help="revoke the token with this PREFIX")
        revoke.add_argument("prefix", help="the token's prefix (before the dot)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = _user(options["user"])
            try:
                token, secret = token_create(
                    user=user,
                    name=options["name"],
                    read_only=options["read_only"],
                    expires_days=options["expires"],
                )
            except TokenError as error:
                option = {"expires_days": "--expires", "name": "--name"}.get(error.field or "")
                message = f"{option}: {error.message}" if option else error.message
                raise CommandError(message) from None
            self.stderr.write(
                f"Token {token.prefix} ({token.get_scope_display().lower()}) for {user}: "
                "copy it now, it is not shown again."
            )
            self.stdout.write(secret)
        elif action == "list":
            for token in tokens_of(user=_user(options["user"])):
                self.stdout.write(_line(token))
        else:
            found = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if found is None:
                raise CommandError(f"No token with the prefix {options['prefix']!r}.")
            token_revoke(token=found)
            self.stdout.write(f"Revoked {found}.")
