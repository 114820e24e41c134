"""Pages a caseworker uses all day are quiet: no failed request for a missing icon on every
page (the browser asks for /favicon.ico unless the page names its icon)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_page_names_an_icon_that_exists() -> None:
    page = Client().get("/logg-inn/").content.decode()
    match = re.search(r'<link rel="icon" href="/static/([^"]+)"', page)
    assert match, "the page names no icon"
    assert finders.find(match.group(1)), f"{match.group(1)} is not among the static files"
