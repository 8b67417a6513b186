"""Render a summary (summary.summarise) to a subject, plain text and HTML with Jinja2.

HTML autoescapes, so whatever a user typed (name, organisation, their own words) shows as
text. The subject is a mail header: control characters and line breaks are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.scheduling.dates import describe
from bot.text import score

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUBJECT_LIMIT = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def moment(value: Optional[str]) -> str:
    """An ISO 8601 time from the summary data as Dutch words ("dinsdag 14 januari om 10:00")."""
    if not value:
        return "-"
    return describe(datetime.fromisoformat(value), with_year=True)


def until(value: Optional[str]) -> str:
    return f"{datetime.fromisoformat(value):%H:%M}" if value else "-"


def dutch_score(value: Optional[float]) -> str:
    return score(value) if value is not None else "-"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(moment=moment, until=until, score=dutch_score)
    return env


def subject_for(data: Dict[str, Any]) -> str:
    organisation = data.get("organisation") or "organisatie onbekend"
    if data["kind"] == "booking" and data.get("slot"):
        text = f"Adviesgesprek {data['reference']}: {organisation}, {moment(data['slot']['start'])}"
    elif data["kind"] == "handover":
        text = f"Nu een adviseur gevraagd: {organisation}"
    else:
        text = f"Terugbelverzoek: {organisation}"
    return clean_header(text)


def clean_header(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()[:SUBJECT_LIMIT]


def render(data: Dict[str, Any], portal_url: Optional[str] = None) -> Rendered:
    context = {"s": data, "portal_url": portal_url}
    env = environment()
    text = env.get_template("summary.txt").render(context).strip() + "\n"
    html = env.get_template("summary.html").render(context)
    return Rendered(subject=subject_for(data), text=text, html=html)
