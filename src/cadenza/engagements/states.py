"""Which state of an engagement may follow which (docs/engagements.md).

inquiry → hold → offered → contracted → confirmed → completed → settled is the way a
booking goes; declined (the artist's side says no), released (a hold or an offer let go)
and cancelled (a contract broken off) end it early. Steps may be skipped forward where the
trade skips them (an offer can come without a hold), never backward.
"""

from __future__ import annotations

from cadenza.engagements.models import State

ALLOWED: dict[str, tuple[str, ...]] = {
    State.INQUIRY: (State.HOLD, State.OFFERED, State.DECLINED, State.RELEASED),
    State.HOLD: (State.OFFERED, State.CONTRACTED, State.DECLINED, State.RELEASED),
    State.OFFERED: (State.CONTRACTED, State.DECLINED, State.RELEASED),
    State.CONTRACTED: (State.CONFIRMED, State.CANCELLED),
    State.CONFIRMED: (State.COMPLETED, State.CANCELLED),
    State.COMPLETED: (State.SETTLED,),
    State.SETTLED: (),
    State.DECLINED: (),
    State.RELEASED: (),
    State.CANCELLED: (),
}

# States in which the engagement still claims the artist's day (a hold or better).
ACTIVE = (State.HOLD, State.OFFERED, State.CONTRACTED, State.CONFIRMED)
# States in which the deal is agreed and may no longer change without a new contract.
DEAL_FIXED = (State.CONTRACTED, State.CONFIRMED, State.COMPLETED, State.SETTLED)
# States that end the engagement: nothing is planned any more.
CLOSED = (State.SETTLED, State.DECLINED, State.RELEASED, State.CANCELLED)
# The pipeline as a manager reads it, left to right.
PIPELINE = (
    State.INQUIRY,
    State.HOLD,
    State.OFFERED,
    State.CONTRACTED,
    State.CONFIRMED,
    State.COMPLETED,
    State.SETTLED,
)


def allowed_next(state: str) -> tuple[str, ...]:
    return ALLOWED.get(state, ())


def is_allowed(from_state: str, to_state: str) -> bool:
    return to_state in allowed_next(from_state)


def label(state: str) -> str:
    return str(State(state).label)
