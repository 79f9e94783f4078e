"""The `cadenza` command: demo, serve, and a pass-through to Django's manage commands."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

DEMO_USERNAME = "demo"
# A command waits this long for another writer (an import, a server's write) before it
# gives up saying so: a person at a terminal may wait where a page should not (the server
# keeps settings' 5 s, docs/security.md). EX_TEMPFAIL, as sysexits says for "try again".
COMMAND_LOCK_SECONDS = "120"
BUSY_EXIT = 75


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    import django

    django.setup()


def _step(number: int, total: int, text: str) -> None:
    print(f"[{number}/{total}] {text}", flush=True)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


def demo(*, port: int, host: str, serve_after: bool, with_worker: bool = True) -> int:
    _setup_django()
    from cadenza.accounts.models import ArtistAccess
    from cadenza.accounts.services import artist_access_grant, user_set_password
    from cadenza.engagements.demo import demo_logins, load_bookings_demo
    from cadenza.ingest.demo import load_demo
    from cadenza.people.models import Agent
    from cadenza.places.models import Place
    from cadenza.seasons.demo import load_season_demo

    total = 5 if serve_after else 4
    _step(1, total, "Preparing the database (migrations)…")
    _migrate()
    _step(2, total, "Loading the demo record: the two founding musicians…")
    counts = load_demo()
    _step(3, total, "Booking their engagements: Carnegie Hall, and the summers to come…")
    booked = load_bookings_demo()
    run = load_season_demo()  # the summer after next: sixteen offers, planned
    # The bookings bring their presenters and halls: counted after them, so that a second
    # run prints the same numbers as the first.
    counts["organisations"] = Agent.objects.exclude(kind=Agent.Kind.PERSON).count()
    counts["places"] = Place.objects.count()
    for line in (counts, booked):
        print("      " + ", ".join(f"{n} {what}" for what, n in line.items()), flush=True)
    plan = run.plan or {}
    print(
        f"      his season plan: {plan.get('status', run.status)}, "
        f"{len(plan.get('schedule', []))} of {len(run.offers)} offers accepted, "
        f"{plan.get('objective') or 0:,.2f} {run.currency} after travel "
        f"(/bookings/plans/{run.pk}/)",
        flush=True,
    )
    _step(4, total, "Creating the demo logins…")
    password = secrets.token_urlsafe(12)
    user = user_set_password(username=DEMO_USERNAME, password=password, is_superuser=True)
    for agent in Agent.objects.filter(name__in=["Alessio Kalmurzaev", "Alessio Leonardo Inzaghi"]):
        artist_access_grant(user=user, agent=agent, role=ArtistAccess.Role.MANAGER)
    print(f"      username: {DEMO_USERNAME}   password: {password}   (staff: sees everything)")
    for login in demo_logins():
        print(f"      username: {login.username}   password: {login.password}   ({login.who})")
    print("      (a new password is made each time `cadenza demo` runs)", flush=True)
    if not serve_after:
        return 0
    _step(5, total, "Serving…")
    return _serve(port=port, host=host)


WORKER = ["db_worker", "--no-reload", "--no-startup-delay"]  # django-tasks-db's worker


def worker() -> int:
    """Run the background tasks (season plans) as they are queued, until stopped."""
    if _unmigrated():
        return 1
    return manage(WORKER)


def _serve(*, port: int, host: str, with_worker: bool = True) -> int:
    from waitress import serve as waitress_serve

    from cadenza.wsgi import application

    # The background worker beside the server, so that a season plan is solved without a
    # second command; `--no-worker` when `cadenza worker` runs elsewhere.
    child = (
        subprocess.Popen([sys.executable, "-m", "cadenza.cli", "worker"]) if with_worker else None
    )
    # Stopped by a service manager (SIGTERM) as by Ctrl-C: the worker is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Cadenza is running at http://{host}:{port}/  (press Ctrl-C to stop)", flush=True)
    try:
        waitress_serve(application, host=host, port=port, threads=8, _quiet=True)
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        if child is not None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


def _unmigrated() -> bool:
    """Whether the database lacks migrations: said plainly, not as a missing table.

    Compares the migration files' names with those the database has applied, without
    importing every migration as Django's own planner does (a tenth of a second on every
    command)."""
    _setup_django()
    from django.apps import apps
    from django.db import DatabaseError, connection
    from django.db.migrations.recorder import MigrationRecorder

    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        applied = set()
    for app in apps.get_app_configs():
        folder = Path(app.path) / "migrations"
        names = (f.stem for f in folder.glob("[0-9]*.py")) if folder.is_dir() else ()
        if any((app.label, name) not in applied for name in names):
            print(
                "The database needs migrating first: run `cadenza manage migrate`"
                " (or `cadenza demo`).",
                file=sys.stderr,
            )
            return True
    return False


def serve(*, port: int, host: str, with_worker: bool = True) -> int:
    if _unmigrated():
        return 1
    return _serve(port=port, host=host, with_worker=with_worker)


def manage(args: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadenza.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(["cadenza manage", *args])
    except OperationalError as error:
        from cadenza.web.views.errors import is_lock_error

        if not is_lock_error(error):
            raise
        seconds = os.environ.get("DATABASE_LOCK_SECONDS", "")
        print(
            f"The database is busy: another process (an import?) kept it locked for more than"
            f" {seconds} s. Nothing was changed; run the command again when it is done.",
            file=sys.stderr,
        )
        return BUSY_EXIT
    return 0


BIO_ACTIONS = ("read", "import", "write")  # each is the management command bio_<action>
# `cadenza holds expire`, `cadenza engagements list`: the management commands of those names.
BOOKING_COMMANDS = {
    "holds": (
        ("expire",),
        "expire holds past their date, settle challenges: `holds expire --help`",
    ),
    "engagements": (("list",), "list the engagements: `engagements list [--artist N] [--state S]`"),
    # The artist's calendar feed on standard output (engagements/feeds.py).
    "calendar": (("export",), 'an artist\'s feed: `calendar export "NAME" [--audience A]`'),
    # API tokens (docs/api.md): the secret is printed once.
    "token": (
        ("create", "list", "revoke"),
        "API tokens: `token create USER [--read-only] [--expires DAYS] [--name N]`, "
        "`token list USER`, `token revoke PREFIX`",
    ),
    # The season planner on an instance file or the record (docs/planning.md).
    "plan": (
        ("solve", "season"),
        'plan a season: `plan solve FILE.json`, `plan season "ARTIST" --from D --to D`',
    ),
}
NO_DATABASE = {("plan", "solve")}  # they read a file, so an unmigrated database is no matter


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cadenza", description="Cadenza: the careers of classical musicians."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("demo", "migrate, load the demo record, create a demo login, then serve"),
        ("serve", "serve the application"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
        sub.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
        sub.add_argument(
            "--no-worker",
            action="store_true",
            help="no background worker beside the server (`cadenza worker` runs elsewhere)",
        )
        if name == "demo":
            sub.add_argument("--no-serve", action="store_true", help="stop after loading the demo")
    commands.add_parser(
        "worker",
        help="run background work (season plans) as it is queued",
        description="run background work (season plans) as it is queued, until stopped",
    )
    importer = commands.add_parser("import", help="import an outside source into the record")
    sources = importer.add_subparsers(dest="source", required=True)
    nyphil = sources.add_parser(
        "nyphil", help="the New York Philharmonic performance history (JSON files or folders)"
    )
    nyphil.add_argument("paths", nargs="+", help="JSON files or folders of them")
    nyphil.add_argument("--strict", action="store_true", help="stop at the first problem")
    nyphil.add_argument(
        "--recheck", action="store_true", help="compare every programme, even in unchanged files"
    )
    nyphil.add_argument("--no-progress", action="store_true", help="no progress bar")
    bio = commands.add_parser(
        "bio",
        help="biographies: `cadenza bio read FILE`, `cadenza bio write PERSON` (--help of each)",
        add_help=False,
    )
    bio.add_argument("action", choices=BIO_ACTIONS, help="what to do with a biography")
    bio.add_argument("args", nargs=argparse.REMAINDER)
    for name, (actions, text) in BOOKING_COMMANDS.items():
        booking = commands.add_parser(name, help=text, add_help=False)
        booking.add_argument("action", choices=actions)
        booking.add_argument("args", nargs=argparse.REMAINDER)
    # `cadenza check`: the conflicts of the season (management command `check_conflicts`).
    check = commands.add_parser(
        "check",
        help="the season's conflicts: `check [--artist NAME] [--from D] [--to D]`",
        add_help=False,
    )
    check.add_argument("args", nargs=argparse.REMAINDER)
    manage_parser = commands.add_parser(
        "manage", help="run a Django management command", add_help=False
    )
    manage_parser.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["check"]:  # its options are the command's own, which argparse would refuse
        wants_help = {"-h", "--help"} & set(given)
        return 1 if not wants_help and _unmigrated() else manage(["check_conflicts", *given[1:]])
    args = _parser().parse_args(given)
    if args.command not in {"demo", "serve"}:  # they answer pages: settings' short wait
        os.environ.setdefault("DATABASE_LOCK_SECONDS", COMMAND_LOCK_SECONDS)
    if args.command == "demo":
        return demo(
            port=args.port,
            host=args.host,
            serve_after=not args.no_serve,
            with_worker=not args.no_worker,
        )
    if args.command == "serve":
        return serve(port=args.port, host=args.host, with_worker=not args.no_worker)
    if args.command == "worker":
        return worker()
    if args.command == "import":
        chosen = {
            "--strict": args.strict,
            "--recheck": args.recheck,
            "--no-progress": args.no_progress,
        }
        flags = [flag for flag, on in chosen.items() if on]
        try:
            if _unmigrated():  # said plainly, not as a traceback about a missing table
                return 1
            return manage(["import_nyphil", *args.paths, *flags])
        except (KeyboardInterrupt, RuntimeError) as error:
            # Ctrl-C before the command's own handler runs (while Django starts): nothing
            # has been written yet, and a traceback would say otherwise. (Python wraps one
            # that lands in a class body's __set_name__ in a RuntimeError.)
            if isinstance(error, RuntimeError) and not isinstance(
                error.__cause__, KeyboardInterrupt
            ):
                raise
            print("Interrupted: nothing was imported.", file=sys.stderr)
            return 130
    if args.command == "bio":
        return manage([f"bio_{args.action}", *args.args])
    if args.command in BOOKING_COMMANDS:
        reads_file = (args.command, args.action) in NO_DATABASE
        if not reads_file and not {"-h", "--help"} & set(args.args) and _unmigrated():
            return 1
        return manage([args.command, args.action, *args.args])
    return manage(args.args)


if __name__ == "__main__":
    sys.exit(main())
