"""Cadenza's API from a script, end to end (docs/api.md): what issue 20 asks to be done.

    python examples/api_client.py http://localhost:8000 RW_TOKEN RO_TOKEN [--year 2023]

With a read-write token of the demo's manager (`cadenza token create demo-manager`) and a
read-only one (`--read-only`), it

1. lists Carnegie Hall's concerts of one season through the record's events endpoint
   (the newest year with a concert there, unless `--year` says which), page by page;
2. takes an inquiry from Carnegie Hall for the demo violinist, Alessio Kalmurzaev, sets its
   deal, holds its day and moves it through offered and contracted to confirmed, each
   change with an `Idempotency-Key` (so a retry after a lost answer does nothing twice)
   and the version it was made from (so a change made meanwhile is a 409, not lost);
3. reads its settlement (before the concert: what the deal guarantees);
4. shows the read-only token refused the same write (403).

It needs httpx (`pip install httpx`; in a checkout, `make sync-dev` installs it). Every
error the API answers is a problem (RFC 9457) with `detail` and `errors`: printed as such.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx


class ApiError(Exception):
    def __init__(self, response: httpx.Response) -> None:
        try:
            body = response.json()
        except ValueError:
            body = {"detail": response.text[:200], "errors": []}
        fields = "; ".join(f"{e['field']}: {e['message']}" for e in body.get("errors", []))
        super().__init__(f"{response.status_code} {body.get('detail', '')} {fields}".strip())
        self.status = response.status_code


def _checked(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        raise ApiError(response)
    return response.json() if response.content else None


class Cadenza:
    """A thin client: a token, JSON in and out, problems raised as ApiError."""

    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.Client(
            base_url=base.rstrip("/") + "/api/v1",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    def get(self, path: str, **params: Any) -> Any:
        return _checked(self.http.get(path, params=params))

    def pages(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every item of a list, following its `next` links (cursor pagination)."""
        body = self.get(path, **params)
        while True:
            yield from body["items"]
            if not body["next"]:
                return
            body = _checked(self.http.get(body["next"]))

    def send(self, method: str, path: str, body: dict[str, Any]) -> Any:
        # One key per intended change: resent as it is if the answer is lost.
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return _checked(self.http.request(method, path, json=body, headers=headers))

    def one(self, path: str, name: str) -> dict[str, Any]:
        """The record's first item named `name` exactly (or else the first found)."""
        found = self.get(path, q=name, limit=10)["items"]
        if not found:
            raise SystemExit(f"Nothing called {name!r} at {path}: is the demo loaded?")
        return next((i for i in found if i["name"].startswith(name)), found[0])


def concerts_of_a_season(api: Cadenza, year: int | None) -> int:
    hall = api.one("/places", "Carnegie Hall")
    if year is None:  # the newest year with a dated concert (undated ones come first)
        dated = (e for e in api.pages("/events", venue=hall["id"], ordering="-date") if e["date"])
        newest = next(dated, None)
        if newest is None:
            raise SystemExit("No dated event at Carnegie Hall: is the demo loaded?")
        year = int(newest["date"]["iso"][:4])
    print(f"Carnegie Hall's concerts of {year}:")
    for event in api.pages("/events", venue=hall["id"], year=year, limit=20):
        when = event["date"]["text"] if event["date"] else "undated"
        print(f"  {when:>18}  {event['name']}  ({event['venue']['name']})")
    return hall["id"]


def book_and_confirm(api: Cadenza, hall_id: int) -> dict[str, Any]:
    artist = api.one("/people", "Alessio Kalmurzaev")
    presenter = api.one("/organisations", "Carnegie Hall")
    day = date.today() + timedelta(days=400)
    made = api.send(
        "POST",
        "/engagements",
        {
            "artist": artist["id"],
            "presenter": presenter["id"],
            "venue": hall_id,
            "title": f"Kalmurzaev recital, {day:%B %Y} (API)",
            "dates": [day.isoformat()],
        },
    )
    pk = made["id"]
    print(f"\nCreated engagement {pk}: {made['title']} ({made['state']})")
    deal = {
        "currency": "USD",
        "guarantee": "10000",
        "commission_rate": "15",
        "withholdings": [{"jurisdiction": "United States", "rate": "30"}],
        "version": made["version"],
    }
    engagement = api.send("PUT", f"/engagements/{pk}/deal", deal)
    held = api.send(
        "POST",
        f"/engagements/{pk}/holds",
        {"date": day.isoformat(), "version": engagement["version"]},
    )
    rank = held["holds"][0]["rank"]
    print(f"  deal set; {held['state']}: the {rank}. hold on {day}")
    version = held["version"]
    for state in ("offered", "contracted", "confirmed"):
        moved = api.send(
            "POST", f"/engagements/{pk}/transitions", {"to_state": state, "version": version}
        )
        version = moved["engagement"]["version"]
        print(f"  → {moved['engagement']['state']}")
    return moved["engagement"]


def settlement(api: Cadenza, pk: int) -> None:
    found = api.get(f"/engagements/{pk}/settlement")
    figures = found["figures"]
    print(f"\nSettlement of {pk} ({'entered' if found['entered'] else 'as the deal guarantees'}):")
    for line in figures["parties"]:
        print(f"  {line['party']:<28} {line['what']:<40} {figures['currency']} {line['amount']}")


def read_only_refused(base: str, token: str, pk: int) -> None:
    reader = Cadenza(base, token)
    print(f"\nRead-only token reads it: {reader.get(f'/engagements/{pk}')['state']}")
    try:
        reader.send(
            "POST", f"/engagements/{pk}/transitions", {"to_state": "cancelled", "reason": "test"}
        )
    except ApiError as refused:
        print(f"Read-only token refused the write: {refused}")
        if refused.status != 403:
            raise
    else:
        raise SystemExit("The read-only token was allowed to write!")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the site's address, e.g. http://localhost:8000")
    parser.add_argument("token", help="a read-write API token")
    parser.add_argument("read_only_token", help="a read-only API token")
    parser.add_argument("--year", type=int, help="the season's year (default: the newest)")
    args = parser.parse_args(argv)
    api = Cadenza(args.base, args.token)
    try:
        hall_id = concerts_of_a_season(api, args.year)
        engagement = book_and_confirm(api, hall_id)
        settlement(api, engagement["id"])
        read_only_refused(args.base, args.read_only_token, engagement["id"])
    except ApiError as error:
        print(f"The API refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
