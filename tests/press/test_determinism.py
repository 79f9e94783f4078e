"""Nothing the record shows depends on the hash seed (issue 15): the demo, the NY Phil
fixtures and the example biographies, each record built and told in a process of its own
under another PYTHONHASHSEED, give the same biographies, person pages and press kits.

Ids are masked in the pages: they are numbering, not content (the import's own test
compares rows by what they say), so the pages must agree on everything else, the order
of equal counts above all."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests/ingest/fixtures/nyphil").glob("*.json"))
BIOS = sorted((ROOT / "examples/bios").glob("*.txt"))

SCRIPT = """
import re, sys
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from cadenza.ingest.biography.importer import biography_import
from cadenza.ingest.demo import load_demo
from cadenza.ingest.nyphil.importer import import_nyphil
from cadenza.people.models import Agent
from cadenza.press.biography_facts import biography_facts
from cadenza.press.biography_writer import LENGTHS, biography_sentences, render

fixtures, bios = sys.argv[1].split(","), sys.argv[2].split(",")
load_demo()
import_nyphil([Path(p) for p in fixtures])
for bio in bios:
    biography_import(text=Path(bio).read_text(encoding="utf-8"))
client = Client()
ids = re.compile(r"/(people|places|works|events)/[0-9]+/")
for agent in Agent.objects.order_by("name", "pk"):
    facts = biography_facts(agent=agent)
    for words in LENGTHS:
        print(f"== {agent.name} {words}")
        print(render(biography_sentences(facts, words=words), words=words, fmt="text"))
    person = f"/people/{agent.pk}/{agent.slug}/"
    for page in (person, person + "press-kit/"):
        print(f"== {agent.name} {ids.sub('/', page)}")
        print(ids.sub(r"/\\1/N/", client.get(page).content.decode()))
"""


def _told_under(seed: int, tmp: Path) -> str:
    home = tmp / f"home-{seed}"
    env = os.environ | {
        "PYTHONHASHSEED": str(seed),
        "CADENZA_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'record.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "cadenza.settings",
        "ALLOWED_HOSTS": "testserver",
        "PAGE_CACHE": "0",
    }
    args = [",".join(map(str, FIXTURES)), ",".join(map(str, BIOS))]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_record_is_told_alike_whatever_the_hash_seed(tmp_path):
    seeds = (0, 1, 2)
    with ThreadPoolExecutor(len(seeds)) as pool:
        told = list(pool.map(lambda seed: _told_under(seed, tmp_path), seeds))
    assert "Schola Cantorum of NY is an ensemble." in told[0]
    for seed, other in zip(seeds[1:], told[1:], strict=True):
        differ = [
            (mine, theirs)
            for mine, theirs in zip(told[0].splitlines(), other.splitlines(), strict=False)
            if mine != theirs
        ]
        assert not differ and len(told[0]) == len(other), f"seed {seed}: {differ[:3]}"
