"""A real headless Chromium (Debian's), driven by Playwright, against the running web page."""

from __future__ import annotations

import os
import shutil
from typing import Iterator

import pytest

WEB_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8080")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
