"""Fixtures of the archive import's tests: the demo record with the quirks fixture."""

from __future__ import annotations

import pytest

from cadenza.events.models import ProgrammeItem
from cadenza.ingest.demo import load_demo
from cadenza.ingest.models import Citation
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.ingest.nyphil.summary import ImportSummary
from tests.ingest.nyphil.helpers import QUIRKS


@pytest.fixture
def imported(db: None) -> ImportSummary:
    load_demo()
    return import_nyphil([QUIRKS])


def quirks_item(source_ref: str, programme_guid_end: str) -> ProgrammeItem:
    """An item of one of the quirks fixture's programmes (the GUID's last digit)."""
    guid = f"00000000-0000-4000-8000-00000000000{programme_guid_end}-0.1"
    programme_id = Citation.objects.get(record_id=guid).object_id
    return ProgrammeItem.objects.get(programme_id=programme_id, source_ref=source_ref)
