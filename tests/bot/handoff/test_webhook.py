"""Slack and Teams webhook bodies: the facts, no contact details, user text escaped."""

import json

import pytest

from bot.handoff.webhook import payload

DATA = {
    "kind": "booking",
    "title": "Adviesgesprek geboekt",
    "organisation": "<!channel> Kunst & Co",
    "reference": "DEN-7K3M9Q",
    "attendee": {"name": "Jan <@U123>", "email": "jan@example.org", "phone": "+31612345678"},
    "slot": {
        "start": "2026-11-26T10:00:00+01:00",
        "end": "2026-11-26T11:00:00+01:00",
        "mode_label": "Online (video)",
        "advisor": "Sanne de Vries",
    },
    "scores": [
        {
            "component": "strategie_budget",
            "name": "Strategie & budget",
            "score": 1.0,
            "level_name": "Startend",
        }
    ],
    "weakest": {"component": "strategie_budget", "name": "Strategie & budget"},
    "pathways": [{"id": "p02", "title": "Schrijf een digitale strategie", "reason": "x"}],
    "own_words": [
        {"question": "Wat houdt jullie tegen?", "answer": "[klik hier](http://evil.example) *nu*"}
    ],
}


def test_slack_body_escapes_mentions_and_links_and_has_no_contact_details():
    body = payload(DATA, "slack", "https://portaal.den.example/gesprekken/1")
    text = json.dumps(body)
    assert "jan@example.org" not in text and "+31612345678" not in text
    section = body["blocks"][1]["text"]["text"]
    assert "&lt;!channel&gt; Kunst &amp; Co" in section and "Jan &lt;@U123&gt;" in section
    assert "<!channel>" not in text and "<@U123>" not in text
    assert "donderdag 26 november 2026 om 10:00" in section
    assert "Strategie & budget 1,0 (Startend)" in section
    assert section.endswith(
        "<https://portaal.den.example/gesprekken/1|Bekijk in het adviseursportaal>"
    )
    assert body["text"].startswith("Adviesgesprek geboekt: &lt;!channel&gt;")


def test_teams_body_is_an_adaptive_card_with_markdown_neutralised():
    body = payload(DATA, "teams", "https://portaal.den.example/gesprekken/1")
    card = body["attachments"][0]["content"]
    assert body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    lines = [block["text"] for block in card["body"]]
    assert lines[0] == "Adviesgesprek geboekt"
    words = next(line for line in lines if "In eigen woorden" in line)
    assert r"\[klik hier\]\(http://evil.example\) \*nu\*" in words
    assert card["actions"][0]["url"] == "https://portaal.den.example/gesprekken/1"
    assert "jan@example.org" not in json.dumps(body)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        payload(DATA, "discord")
