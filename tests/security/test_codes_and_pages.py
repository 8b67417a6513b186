"""Codes cannot be guessed, and personal pages are neither cached nor indexed."""

from __future__ import annotations

import requests

from bot import codes
from tests.e2e.conftest import WEB_URL, Chat


def test_guessing_resume_codes_is_cut_off_after_five_wrong_tries():
    guesser = Chat()
    for _ in range(5):
        guesser.say(f"verder met code {codes.grouped(codes.new_code())}")
        assert "Ik vind geen scan bij code" in guesser.text
    guesser.say(f"verder met code {codes.grouped(codes.new_code())}")
    assert "te veel codes" in guesser.text
    other = Chat()  # someone else is not affected
    other.say(f"verder met code {codes.grouped(codes.new_code())}")
    assert "Ik vind geen scan bij code" in other.text


def test_guessing_team_codes_is_cut_off_too():
    guesser = Chat()
    for _ in range(6):
        guesser.say(f"ik doe mee met teamcode TEAM-{codes.grouped(codes.new_code())}")
    assert "te veel codes" in guesser.text


def test_results_pages_and_charts_are_not_cached_or_indexed():
    for path in ("/scan/does-not-exist", "/scan/does-not-exist/chart.png", "/team/nothing"):
        page = requests.get(WEB_URL + path, timeout=10)
        assert page.status_code == 404
        if path != "/scan/does-not-exist/chart.png":
            assert page.headers.get("Cache-Control") == "no-store", path
            assert "noindex" in page.headers.get("X-Robots-Tag", ""), path
