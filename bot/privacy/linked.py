"""Personal data other packages keep per conversation: handoff summaries, call-back requests,
team-scan answers. Deleted, purged and exported here through those packages' own models.

Each package may instead provide `bot/<package>/privacy.py` with any of
`forget_conversation(session, conversation_id, consultation_ids) -> dict`,
`purge_before(session, cutoff) -> dict` and `export_email(session, email, conversation_ids) ->
dict`; such a module is used instead of the built-in code below. A package (or table) that does
not exist yet is skipped.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from types import ModuleType
from typing import Any, Callable, Dict, List, Optional, Sequence

from sqlalchemy import delete, inspect, or_, select, update
from sqlalchemy.orm import Session

Counts = Dict[str, int]
PACKAGES = ("bot.handoff", "bot.team")


def _own_module(package: str) -> Optional[ModuleType]:
    try:
        return importlib.import_module(f"{package}.privacy")
    except ModuleNotFoundError as exc:
        if exc.name in (package, f"{package}.privacy"):
            return None
        raise


def _has_tables(session: Session, *names: str) -> bool:
    found = inspect(session.connection())
    return all(found.has_table(name) for name in names)


def forget_conversation(
    session: Session, conversation_id: str, consultation_ids: Sequence[int]
) -> Counts:
    counts: Counts = {}
    for package, builtin in (("bot.handoff", _forget_handoff), ("bot.team", _forget_team)):
        module = _own_module(package)
        forget: Optional[Callable[..., Counts]] = getattr(module, "forget_conversation", None)
        if module is not None and forget is not None:
            counts.update(forget(session, conversation_id, list(consultation_ids)))
        elif _importable(package):
            counts.update(builtin(session, conversation_id, consultation_ids))
    return counts


def purge_before(session: Session, cutoff: datetime) -> Counts:
    counts: Counts = {}
    for package, builtin in (("bot.handoff", _purge_handoff), ("bot.team", _purge_team)):
        module = _own_module(package)
        purge: Optional[Callable[..., Counts]] = getattr(module, "purge_before", None)
        if module is not None and purge is not None:
            counts.update(purge(session, cutoff))
        elif _importable(package):
            counts.update(builtin(session, cutoff))
    return counts


def export_email(session: Session, email: str, conversation_ids: Sequence[str]) -> Dict[str, Any]:
    exported: Dict[str, Any] = {}
    module = _own_module("bot.handoff")
    export: Optional[Callable[..., Dict[str, Any]]] = getattr(module, "export_email", None)
    if module is not None and export is not None:
        exported.update(export(session, email, list(conversation_ids)))
    elif _importable("bot.handoff"):
        exported.update(_export_handoff(session, email, conversation_ids))
    module = _own_module("bot.team")
    export = getattr(module, "export_email", None)
    if module is not None and export is not None:
        exported.update(export(session, email, list(conversation_ids)))
    elif _importable("bot.team"):
        exported.update(_export_team(session, conversation_ids))
    return exported


def _importable(package: str) -> bool:
    try:
        importlib.import_module(f"{package}.models")
    except ModuleNotFoundError as exc:
        if exc.name in (package, f"{package}.models"):
            return False
        raise
    return True


# --- bot.handoff: summaries (they name the person) and call-back requests --------------------


def _forget_handoff(
    session: Session, conversation_id: str, consultation_ids: Sequence[int]
) -> Counts:
    from bot.handoff.models import CallbackRequest, HandoffSummary
    from bot.scheduling.models import OutboxMessage

    if not _has_tables(session, "handoff_summaries", "callback_requests"):
        return {}
    requests = select(CallbackRequest.id).where(CallbackRequest.conversation_id == conversation_id)
    request_ids = list(session.execute(requests).scalars())
    clauses = [HandoffSummary.conversation_id == conversation_id]
    if consultation_ids:
        clauses.append(HandoffSummary.consultation_id.in_(consultation_ids))
    if request_ids:
        clauses.append(HandoffSummary.callback_id.in_(request_ids))
    summary_ids = list(session.execute(select(HandoffSummary.id).where(or_(*clauses))).scalars())
    return _delete_summaries_and_requests(session, summary_ids, request_ids, OutboxMessage)


def _delete_summaries_and_requests(
    session: Session, summary_ids: List[int], request_ids: List[int], outbox: Any
) -> Counts:
    from bot.handoff.models import CallbackRequest, HandoffSummary

    messages = 0
    if summary_ids and "summary_id" in outbox.__table__.c:
        messages = session.execute(
            delete(outbox).where(outbox.summary_id.in_(summary_ids))
        ).rowcount
    summaries = 0
    if summary_ids:
        summaries = session.execute(
            delete(HandoffSummary).where(HandoffSummary.id.in_(summary_ids))
        ).rowcount
    requests = 0
    if request_ids:
        requests = session.execute(
            delete(CallbackRequest).where(CallbackRequest.id.in_(request_ids))
        ).rowcount
    return {
        "handoff_summaries": summaries,
        "summary_messages": messages,
        "callback_requests": requests,
    }


def _purge_handoff(session: Session, cutoff: datetime) -> Counts:
    from bot.handoff.models import CallbackRequest, HandoffSummary
    from bot.scheduling.models import OutboxMessage

    if not _has_tables(session, "handoff_summaries", "callback_requests"):
        return {}
    summary_ids = list(
        session.execute(
            select(HandoffSummary.id).where(HandoffSummary.created_at < cutoff)
        ).scalars()
    )
    request_ids = list(
        session.execute(
            select(CallbackRequest.id).where(CallbackRequest.created_at < cutoff)
        ).scalars()
    )
    if request_ids:  # summaries of those requests go with them
        summary_ids += list(
            session.execute(
                select(HandoffSummary.id).where(HandoffSummary.callback_id.in_(request_ids))
            ).scalars()
        )
    return _delete_summaries_and_requests(
        session, sorted(set(summary_ids)), request_ids, OutboxMessage
    )


def _export_handoff(
    session: Session, email: str, conversation_ids: Sequence[str]
) -> Dict[str, Any]:
    from bot.handoff.models import CallbackRequest

    if not _has_tables(session, "callback_requests"):
        return {}
    clauses = [CallbackRequest.contact_email == email]
    if conversation_ids:
        clauses.append(CallbackRequest.conversation_id.in_(list(conversation_ids)))
    rows = session.execute(select(CallbackRequest).where(or_(*clauses))).scalars()
    return {
        "terugbelverzoeken": [
            {
                "soort": row.kind,
                "status": row.status,
                "naam": row.name,
                "e-mail": row.contact_email,
                "telefoon": row.contact_phone,
                "organisatie": row.organisation,
                "vraag": row.question,
                "aangemaakt": row.created_at.isoformat() if row.created_at else None,
            }
            for row in rows
        ]
    }


# --- bot.team: a colleague's answers, and teams started in the conversation ------------------


def _forget_team(session: Session, conversation_id: str, _consultations: Sequence[int]) -> Counts:
    from bot.team.models import Team, TeamResponse

    if not _has_tables(session, "teams", "team_responses"):
        return {}
    answers = session.execute(
        delete(TeamResponse).where(TeamResponse.conversation_id == conversation_id)
    ).rowcount
    # A team started here keeps the colleagues' (anonymous) answers, but no longer points at
    # this conversation.
    teams = session.execute(
        update(Team)
        .where(Team.initiator_conversation_id == conversation_id)
        .values(initiator_conversation_id="")
    ).rowcount
    return {"team_answers": answers, "teams_unlinked": teams}


def _purge_team(session: Session, cutoff: datetime) -> Counts:
    from bot.team.models import Team, TeamResponse

    if not _has_tables(session, "teams", "team_responses"):
        return {}
    answers = session.execute(delete(TeamResponse).where(TeamResponse.updated_at < cutoff)).rowcount
    old_teams = select(Team.id).where(Team.created_at < cutoff)
    teams = session.execute(
        delete(Team).where(Team.id.in_(old_teams)).execution_options(synchronize_session=False)
    ).rowcount
    return {"team_answers": answers, "teams": teams}


def _export_team(session: Session, conversation_ids: Sequence[str]) -> Dict[str, Any]:
    from bot.team.models import TeamResponse

    if not conversation_ids or not _has_tables(session, "team_responses"):
        return {}
    rows = session.execute(
        select(TeamResponse).where(TeamResponse.conversation_id.in_(list(conversation_ids)))
    ).scalars()
    return {
        "teamantwoorden": [
            {"rol": row.role, "antwoorden": row.answers, "aangemaakt": row.created_at.isoformat()}
            for row in rows
        ]
    }
