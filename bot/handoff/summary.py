"""The handoff summary: what an advisor needs before a consultation or a call-back.

Built from plain data (a stored scan, or the interview state of a scan still in progress, the
booking, the contact details given with consent) into one JSON-friendly dict. That dict is
stored with the summary, returned by the JSON API and rendered (render.py) to text and HTML.
Never a tracker dump: only the fields below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional

from bot.advice.catalogue import Catalogue, get_catalogue
from bot.assessment import interview
from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.content import Content, get_content
from bot.db.models import Scan
from bot.scheduling.slots import AMSTERDAM

MODE_LABELS = {"video": "Online (video)", "op_locatie": "Op locatie"}
KIND_TITLES = {
    "booking": "Adviesgesprek geboekt",
    "handover": "Iemand wil nu een adviseur spreken",
    "callback": "Terugbelverzoek",
}
PROFILE_FIELDS = ("institution_type", "size_class", "role", "funding")


@dataclass(frozen=True)
class Attendee:
    name: str
    email: Optional[str] = None
    phone: Optional[str] = None


@dataclass(frozen=True)
class Booked:
    reference: str
    start: datetime
    end: datetime
    mode: str
    advisor: str
    topic: Optional[str] = None


@dataclass(frozen=True)
class Sources:
    """Everything a summary may draw on; all optional except the kind."""

    kind: str
    organisation: Optional[str] = None
    profile: Profile = field(default_factory=Profile)
    answers: Mapping[str, Optional[int]] = field(default_factory=dict)
    open_answers: Mapping[str, str] = field(default_factory=dict)
    advice: Optional[Mapping[str, Any]] = None
    scan_public_id: Optional[str] = None
    scan_complete: bool = False
    attendee: Optional[Attendee] = None
    booked: Optional[Booked] = None
    question: Optional[str] = None  # the user's own words when asking for a person
    conversation_id: Optional[str] = None


def from_scan(kind: str, scan: Scan, **extra: Any) -> Sources:
    """Sources from a completed, stored scan."""
    return Sources(
        kind=kind,
        organisation=scan.organisation,
        profile=Profile.from_record(scan),
        answers=dict(scan.answers or {}),
        open_answers=dict(scan.open_answers or {}),
        advice=scan.advice,
        scan_public_id=scan.public_id,
        scan_complete=True,
        **extra,
    )


def from_interview(
    kind: str, state: Mapping[str, Any], content: Optional[Content] = None, **extra: Any
) -> Sources:
    """Sources from a scan still in progress (the `scan_state` slot): what was answered so far."""
    content = content or get_content()
    if not isinstance(state, Mapping) or not isinstance(state.get("answers"), dict):
        return Sources(kind=kind, **extra)
    profile = interview.profile(dict(state))  # type: ignore[arg-type]
    return Sources(
        kind=kind,
        organisation=profile.organisation,
        profile=profile,
        answers=interview.statement_answers(dict(state), content),  # type: ignore[arg-type]
        open_answers=interview.open_answers(dict(state), content),  # type: ignore[arg-type]
        scan_complete=False,
        **extra,
    )


def summarise(
    sources: Sources,
    content: Optional[Content] = None,
    catalogue: Optional[Catalogue] = None,
) -> Dict[str, Any]:
    """The summary as plain data (JSON-serialisable; times ISO 8601 with offset)."""
    content = content or get_content()
    catalogue = catalogue or get_catalogue()
    return {
        "kind": sources.kind,
        "title": KIND_TITLES[sources.kind],
        "organisation": sources.organisation,
        "profile": _profile(sources.profile, content),
        "attendee": _attendee(sources.attendee),
        **_scores(sources.answers, content),
        "pathways": _pathways(sources.advice, catalogue),
        "strategic_moment": _moment(sources.profile, content),
        "own_words": _own_words(sources, content),
        "slot": _slot(sources.booked),
        "reference": sources.booked.reference if sources.booked else None,
        "scan": {"public_id": sources.scan_public_id, "complete": sources.scan_complete}
        if sources.scan_public_id or sources.answers
        else None,
        "conversation_id": sources.conversation_id,
    }


def _option_label(question_id: str, value: Optional[str], content: Content) -> Optional[str]:
    if value is None:
        return None
    for question in content.questions.profile:
        if question.id == question_id:
            for option in question.options:
                if option.value == value:
                    return option.label
    return value


def _profile(profile: Profile, content: Content) -> Dict[str, Optional[Dict[str, str]]]:
    shown: Dict[str, Optional[Dict[str, str]]] = {}
    for name in PROFILE_FIELDS:
        value = getattr(profile, name)
        label = _option_label(name, value, content)
        shown[name] = {"value": value, "label": label} if value is not None and label else None
    return shown


def _attendee(attendee: Optional[Attendee]) -> Optional[Dict[str, Optional[str]]]:
    if attendee is None:
        return None
    return {"name": attendee.name, "email": attendee.email, "phone": attendee.phone}


def _scores(answers: Mapping[str, Optional[int]], content: Content) -> Dict[str, Any]:
    if not answers:
        return {"scores": [], "overall": None, "weakest": None}
    result = score_answers(dict(answers), content)
    scores = [
        {
            "component": item.component,
            "name": item.name,
            "score": item.mean,
            "level": item.level.number if item.level else None,
            "level_name": item.level.name if item.level else None,
            "answered": item.answered,
            "total": item.total,
        }
        for item in result.components
    ]
    overall = (
        {
            "score": result.overall_mean,
            "level": result.overall_level.number,
            "level_name": result.overall_level.name,
        }
        if result.overall_level
        else None
    )
    weakest = (
        {"component": result.weakest, "name": content.component_name(result.weakest)}
        if result.weakest
        else None
    )
    return {"scores": scores, "overall": overall, "weakest": weakest}


def _pathways(advice: Optional[Mapping[str, Any]], catalogue: Catalogue) -> List[Dict[str, str]]:
    shown = []
    for item in (advice or {}).get("pathways", []):
        try:
            title = catalogue.get(item["id"]).title
        except KeyError:
            continue  # a pathway removed from the catalogue since
        shown.append({"id": item["id"], "title": title, "reason": item.get("reason", "")})
    return shown


def _moment(profile: Profile, content: Content) -> Optional[Dict[str, Optional[str]]]:
    if profile.strategic_moment in (None, "geen"):
        return None
    return {
        "value": profile.strategic_moment,
        "label": _option_label("strategic_moment", profile.strategic_moment, content),
        "timing": profile.strategic_timing,
        "timing_label": _option_label("strategic_timing", profile.strategic_timing, content),
    }


def _own_words(sources: Sources, content: Content) -> List[Dict[str, str]]:
    words = []
    for question in content.questions.open_questions:
        answer = sources.open_answers.get(question.id)
        if isinstance(answer, str) and answer.strip():
            words.append({"question": question.text, "answer": answer.strip()})
    if sources.question and sources.question.strip():
        words.append(
            {"question": "Waarover wil je een adviseur spreken?", "answer": sources.question}
        )
    return words


def _slot(booked: Optional[Booked]) -> Optional[Dict[str, Optional[str]]]:
    if booked is None:
        return None
    return {
        "start": booked.start.astimezone(AMSTERDAM).isoformat(),
        "end": booked.end.astimezone(AMSTERDAM).isoformat(),
        "mode": booked.mode,
        "mode_label": MODE_LABELS.get(booked.mode, booked.mode),
        "advisor": booked.advisor,
        "topic": booked.topic,
    }
