"""The security headers every page sends, and templates that keep the CSP possible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import cadenza

pytestmark = pytest.mark.django_db

TEMPLATES = Path(cadenza.__file__).parent


def _policy(header: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in header.split(";") if p.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("url", ["/", "/browse/", "/login/", "/no-such-page/", "/admin/login/"])
def test_every_page_sends_the_headers(client: Client, url: str) -> None:
    response = client.get(url)
    policy = _policy(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_page_from_the_page_cache_sends_them_too(client: Client, settings, tmp_path) -> None:
    settings.PAGE_CACHE = True
    pages = {**settings.CACHES["pages"], "LOCATION": str(tmp_path / "pages")}
    settings.CACHES = {**settings.CACHES, "pages": pages}
    client.get("/browse/")
    stored = client.get("/browse/")
    assert stored["X-Page-Cache"] == "hit"
    assert _policy(stored["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert "camera=()" in stored["Permissions-Policy"]


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("templates/**/*.html"))


def test_no_template_has_inline_script_or_style() -> None:
    """The policy refuses inline script and style: a template with either would break."""
    assert len(_templates()) > 40
    found = []
    for path in _templates():
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            # Data blocks (JSON-LD, the API docs' settings) are never run as script.
            if "src=" not in tag and not re.search(r'type="application/(ld\+)?json"', tag):
                found.append(f"{path.name}: {tag}")
        found += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        found += [f"{path.name}: {m}" for m in re.findall(r"<style\b|\sstyle\s*=", text)]
        found += [f"{path.name}: {m}" for m in re.findall(r"javascript:|hx-on", text)]
    assert found == []


def test_htmx_evaluates_no_script() -> None:
    base = (TEMPLATES / "web/templates/web/base.html").read_text()
    assert '"allowEval": false' in base and '"includeIndicatorStyles": false' in base
