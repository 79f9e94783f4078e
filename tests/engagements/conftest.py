from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from cadenza.engagements.deals import deal_set
from cadenza.engagements.models import Deal, Engagement


@pytest.fixture
def deal_for() -> Callable[..., Deal]:
    """A plain deal (USD 10,000) on an engagement, so it may be offered and contracted."""

    def make(engagement: Engagement, **terms: object) -> Deal:
        terms.setdefault("currency", "USD")
        terms.setdefault("guarantee", Decimal("10000"))
        return deal_set(engagement=engagement, **terms)  # type: ignore[arg-type]

    return make
