"""The route graph the solver's model walks, and the conflict cliques that tighten it.

Nodes: 0 is home; 1..n the (offer, date) pairs that rule 2 allows; n+1..2n a waiting node
w_i after each pair i, standing for "at i's place, no engagement yet". A hop from a to b is
direct in the README, but whether a may precede b depends only on a's place and day
(rule 3: day(a) <= latest(place(a), b) = first_day(b) - gap_needed), so one arc per place
and pair b serves every earlier pair at that place: i -> w_i, the waiting nodes of a place
chained in date order (w_i -> w_j), and w_i -> b from the last pair i of the place that may
still precede b. A path i -> w_i -> ... -> w_j -> b is the direct hop i -> b at its cost,
and every such hop has exactly one such path, so the plans are the same as with an arc for
each pair (about 8,000 arcs instead of 33,000 for 100 offers). The only extra paths join
two dates of one offer, which rule 1 forbids anyway. Every arc but those into home runs
forward in time, so the graph is acyclic apart from home.

Cliques: two pairs conflict when they share an offer (rule 1), clash by a radius clause
(rule 6), or neither can reach the other along the graph (no plan holds both). Each
maximal set of pairwise conflicting pairs holds at most one chosen pair; these redundant
constraints close most of the linear relaxation's gap, which otherwise mixes routes that
visit one offer on two dates.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from cadenza.engagements.planning import rules
from cadenza.engagements.planning.instance import Instance, Offer

MAX_CLIQUES = 20_000  # they only tighten the model: stop listing them past this many


@dataclass(frozen=True)
class Graph:
    nodes: list[tuple[Offer, date]]  # node i + 1 (node 0 is home, n + i + 1 waits after i + 1)
    arcs: list[tuple[int, int, float]]  # tail, head, km
    cliques: list[list[int]]  # indexes into nodes


def route_graph(inst: Instance) -> Graph:
    nodes = [
        (offer, day)
        for offer in inst.offers
        for day in sorted(offer.dates)
        if rules.blocked_day(inst, offer, day) is None
    ]
    n = len(nodes)
    arcs: list[tuple[int, int, float]] = []
    for i, (offer, day) in enumerate(nodes, start=1):
        if rules.can_open(inst, offer, day):
            arcs.append((0, i, rules.distance(inst.home, offer)))
        if rules.can_close(inst, offer, day):
            arcs.append((i, 0, rules.distance(offer, inst.home)))
    at: dict[tuple[float, float, str], list[int]] = {}
    for i, (offer, _) in enumerate(nodes, start=1):
        at.setdefault((offer.lat, offer.lon, offer.tz), []).append(i)
    # latest[i][k]: the last day node i's place may be left to reach node k + 1.
    latest: dict[int, list[int]] = {}
    for members in at.values():
        members.sort(key=lambda i: (nodes[i - 1][1], i))
        days = [nodes[i - 1][1].toordinal() for i in members]
        here = nodes[members[0] - 1][0]
        for tail, head in pairwise(members):
            arcs.append((n + tail, n + head, 0.0))
        arcs.extend((i, n + i, 0.0) for i in members)
        last_days = _last_days(inst, here, nodes)
        for i in members:
            latest[i] = last_days
        for k, last in enumerate(last_days, start=1):
            j = bisect.bisect_right(days, last)
            if j:
                arcs.append((n + members[j - 1], k, rules.distance(here, nodes[k - 1][0])))
    return Graph(nodes, arcs, _cliques(inst, nodes, latest))


def _last_days(inst: Instance, here: Offer, nodes: list[tuple[Offer, date]]) -> list[int]:
    """For each node, the last day (ordinal) `here` may be left to reach it (rule 3)."""
    found = []
    gaps: dict[tuple[str, date], int] = {}  # the gap depends on b's place and first day
    for b, b_day in nodes:
        start = rules.first_day(b, b_day)
        key = (f"{b.lat},{b.lon},{b.tz}", start)
        if key not in gaps:
            gaps[key] = rules.gap_needed(inst, here, b, b_day)
        found.append(start.toordinal() - gaps[key])
    return found


def _cliques(
    inst: Instance, nodes: list[tuple[Offer, date]], latest: dict[int, list[int]]
) -> list[list[int]]:
    """Maximal sets of pairwise conflicting nodes (see the module's docstring), of 3 or
    more: a conflicting pair alone is already a constraint of the model or of the flow."""
    n = len(nodes)
    day = [d.toordinal() for _, d in nodes]
    # reach[i]: bit k set when node k can follow node i somewhere later in a route.
    reach = [0] * n
    for i in sorted(range(n), key=lambda i: day[i], reverse=True):
        bits = 0
        for k, last in enumerate(latest[i + 1]):
            if day[i] <= last and not (bits >> k) & 1:
                bits |= reach[k] | (1 << k)
        reach[i] = bits
    near = [0] * n
    for i, (a, a_day) in enumerate(nodes):
        for k in range(i + 1, n):
            b, b_day = nodes[k]
            apart = not (reach[i] >> k) & 1 and not (reach[k] >> i) & 1
            if apart or a is b or rules.radius_clash(inst, a, a_day, b, b_day):
                near[i] |= 1 << k
                near[k] |= 1 << i
    found: list[list[int]] = []

    def extend(chosen: list[int], could: int, done: int) -> None:
        # Bron–Kerbosch with a pivot, over bit sets.
        if len(found) >= MAX_CLIQUES:
            return
        if not could and not done:
            if len(chosen) >= 3:
                found.append(chosen)
            return
        either = could | done
        pivot = max(_bits(either), key=lambda u: (near[u] & could).bit_count())
        for v in _bits(could & ~near[pivot]):
            extend([*chosen, v], could & near[v], done & near[v])
            could &= ~(1 << v)
            done |= 1 << v

    extend([], (1 << n) - 1, 0)
    return found


def _bits(bits: int) -> list[int]:
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found
