"""Incoming-webhook JSON for Slack or Microsoft Teams, built from a summary.

Only what a team channel needs: kind, organisation, who, when, scores, advice, the user's own
words and a link to the portal. No e-mail address or phone number goes to a chat channel.
User text is escaped for the target: Slack mrkdwn (&, <, > as entities, so no links or
mentions can be injected) or Teams Adaptive Card markdown (markup characters backslashed).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional

from bot.handoff.render import dutch_score, moment

FORMATS = ("slack", "teams")
WORDS_LIMIT = 500
_TEAMS_SPECIAL = re.compile(r"([\\`*_\[\]()#>~|-])")


def slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def teams_escape(text: str) -> str:
    return _TEAMS_SPECIAL.sub(r"\\\1", text)


def _lines(
    data: Dict[str, Any], escape: Callable[[str], str], bold: Callable[[str], str]
) -> List[str]:
    lines = [f"{bold('Organisatie')}: {escape(data.get('organisation') or 'onbekend')}"]
    if data.get("reference"):
        lines.append(f"{bold('Code')}: {escape(data['reference'])}")
    if data.get("attendee"):
        lines.append(f"{bold('Naam')}: {escape(data['attendee']['name'])}")
    if data.get("slot"):
        slot = data["slot"]
        lines.append(
            f"{bold('Wanneer')}: {moment(slot['start'])} ({escape(slot['mode_label'])}, "
            f"{escape(slot['advisor'])})"
        )
    scored = [c for c in data.get("scores", []) if c["score"] is not None]
    if scored:
        lines.append(
            f"{bold('Scores')}: "
            + "; ".join(
                f"{c['name']} {dutch_score(c['score'])} ({c['level_name']})" for c in scored
            )
        )
    if data.get("weakest"):
        lines.append(f"{bold('Zwakste onderdeel')}: {data['weakest']['name']}")
    if data.get("pathways"):
        lines.append(
            f"{bold('Advies')}: " + "; ".join(escape(p["title"]) for p in data["pathways"])
        )
    for words in data.get("own_words", []):
        answer = words["answer"]
        if len(answer) > WORDS_LIMIT:
            answer = answer[:WORDS_LIMIT] + "…"
        lines.append(f"{bold('In eigen woorden')}: “{escape(answer)}”")
    return lines


def payload(data: Dict[str, Any], fmt: str, portal_url: Optional[str] = None) -> Dict[str, Any]:
    """The JSON body to POST to a Slack or Teams incoming webhook."""
    if fmt not in FORMATS:
        raise ValueError(f"webhook format must be one of {', '.join(FORMATS)}")
    title = data["title"]
    if fmt == "slack":
        lines = _lines(data, slack_escape, lambda label: f"*{label}*")
        if portal_url:
            lines.append(f"<{portal_url}|Bekijk in het adviseursportaal>")
        body = "\n".join(lines)
        return {
            "text": f"{title}: {slack_escape(data.get('organisation') or 'organisatie onbekend')}",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": title}},
                {"type": "section", "text": {"type": "mrkdwn", "text": body}},
            ],
        }
    lines = _lines(data, teams_escape, lambda label: f"**{label}**")
    card: Dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": title,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            *({"type": "TextBlock", "text": line, "wrap": True} for line in lines),
        ],
    }
    if portal_url:
        card["actions"] = [
            {"type": "Action.OpenUrl", "title": "Bekijk in het adviseursportaal", "url": portal_url}
        ]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }
