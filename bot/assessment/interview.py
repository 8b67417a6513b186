"""The scan interview as a pure state machine.

The state is a plain JSON-serialisable dict, so it can live in a Rasa slot, survive a server
restart in the tracker store, and be saved under a resume code for another device. Every
function takes a state and returns a new one; nothing here knows about Rasa.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, List, Optional, Union

from bot.assessment.profile import Profile
from bot.assessment.reading import (
    Decision,
    ProbabilitiesOf,
    Reading,
    read_choice_answer,
    read_statement_answer,
    stored_value,
)
from bot.content.answers_schema import UNKNOWN
from bot.content.loader import Content
from bot.content.schema import OpenQuestion, ProfileQuestion, Statement
from bot.text import yes_or_no

Question = Union[ProfileQuestion, Statement, OpenQuestion]
State = Dict[str, object]

UNKNOWN_PAYLOAD = "unknown"
MAX_NAME_LENGTH = 120
MAX_OPEN_LENGTH = 1000
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TAGS = re.compile(r"<[^>]*>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


class Outcome(str, Enum):
    ACCEPTED = "accepted"
    CONFIRM = "confirm"  # one likely value is waiting for the user's yes or no
    CHOOSE = "choose"  # two neighbouring values are offered: the user picks one
    REJECTED_GUESS = "rejected_guess"  # the user said no to the guess: ask again
    NOT_AN_ANSWER = "not_an_answer"  # a question, remark or request: answer it, ask again
    NOT_UNDERSTOOD = "not_understood"
    TOO_LONG = "too_long"
    EMPTY = "empty"


@dataclass(frozen=True)
class Step:
    outcome: Outcome
    state: State
    question: Optional[Question] = None  # the question the outcome is about
    value: object = None  # what was stored or guessed
    notes: List[str] = field(default_factory=list)


def new_state() -> State:
    return {"version": 1, "answers": {}, "skipped": [], "history": [], "pending": None}


# A colleague who joins a team scan answers only these profile questions: the organisation's
# profile comes from the team. Open questions are left out too: only statements are pooled.
TEAM_MEMBER_PROFILE = ("role",)


def new_team_member_state(code: str, organisation: Optional[str]) -> State:
    state = new_state()
    state["team"] = {"code": code, "organisation": organisation}
    return state


def team_info(state: State) -> Optional[Dict[str, Optional[str]]]:
    """{"code", "organisation"} when this scan is a colleague's answers to a team scan."""
    team = state.get("team")
    return team if isinstance(team, dict) and team.get("code") else None  # type: ignore


def join_team(state: State, content: Content, code: str, organisation: Optional[str]) -> State:
    """Turn a scan in progress into a colleague's team answers, keeping the role and the
    statements already answered or skipped; organisation questions no longer apply."""
    joined = copy.deepcopy(state)
    joined["team"] = {"code": code, "organisation": organisation}
    joined["pending"] = None
    keep = {q.id for q in questions(joined, content)}
    joined["answers"] = {k: v for k, v in joined["answers"].items() if k in keep}  # type: ignore
    joined["skipped"] = [k for k in joined["skipped"] if k in keep]  # type: ignore
    joined["history"] = [k for k in joined["history"] if k in keep]  # type: ignore
    return joined


def questions(state: State, content: Content) -> List[Question]:
    """All questions in order, leaving out conditional ones whose condition does not hold."""
    answers = state["answers"]
    shown: List[Question] = []
    if team_info(state):
        profile = [q for q in content.questions.profile if q.id in TEAM_MEMBER_PROFILE]
        return profile + list(content.questions.statements)
    for question in content.questions.profile:
        condition = question.only_if
        if condition:
            earlier = answers.get(condition.question, {}).get("value")  # type: ignore[union-attr]
            if earlier is None or earlier in condition.not_in:
                continue
        shown.append(question)
    return shown + list(content.questions.statements) + list(content.questions.open_questions)


def current_question(state: State, content: Content) -> Optional[Question]:
    done = set(state["answers"]) | set(state["skipped"])  # type: ignore[arg-type]
    return next((q for q in questions(state, content) if q.id not in done), None)


def is_complete(state: State, content: Content) -> bool:
    return current_question(state, content) is None


def progress(state: State, content: Content) -> Optional[tuple]:
    """(number, total) for statements, so the user sees "vraag 7 van 20"; None elsewhere."""
    question = current_question(state, content)
    statements = [s.id for s in content.questions.statements]
    if question is None or question.id not in statements:
        return None
    return statements.index(question.id) + 1, len(statements)


def clean_text(text: str) -> str:
    """User text as we store it: no markup, no control characters, single spaces."""
    text = _TAGS.sub(" ", _SCRIPTS.sub(" ", _CONTROL_CHARS.sub(" ", text)))
    return re.sub(r"\s+", " ", text).strip()


def answer(
    state: State,
    content: Content,
    text: str,
    payload: Optional[str] = None,
    read: Optional[ProbabilitiesOf] = None,
) -> Step:
    """Apply the user's reply to the current question (or to a pending check).

    `read` is the answer model ((question id, text) -> probabilities); the served model when
    not given.
    """
    state = copy.deepcopy(state)
    question = current_question(state, content)
    if question is None:
        return Step(Outcome.NOT_UNDERSTOOD, state)
    pending = state.get("pending")
    if pending and pending.get("question") == question.id:
        checked = _reply_to_check(state, question, pending, text, payload)  # type: ignore[arg-type]
        if checked is not None:
            return checked
    state["pending"] = None  # a fresh answer replaces an open check
    if isinstance(question, Statement) or (
        isinstance(question, ProfileQuestion) and question.kind == "choice"
    ):
        return _answer_read(state, question, text, payload, read)
    limit = MAX_NAME_LENGTH if isinstance(question, ProfileQuestion) else MAX_OPEN_LENGTH
    cleaned = clean_text(text)
    if not cleaned:
        return Step(Outcome.EMPTY, state, question)
    if len(cleaned) > limit:
        return Step(Outcome.TOO_LONG, state, question, value=limit)
    return _store(state, question, cleaned, cleaned)


def _reader(read: Optional[ProbabilitiesOf]) -> ProbabilitiesOf:
    if read is not None:
        return read
    from bot.assessment.answer_model import served_model  # loads scikit-learn once

    return served_model().read


def _reply_to_check(
    state: State, question: Question, pending: Dict[str, object], text: str, payload: Optional[str]
) -> Optional[Step]:
    """The reply to "Bedoel je ...?": yes, no, or a button (None: a new answer instead)."""
    offered = pending_labels(pending)
    reading: Dict[str, object] = dict(pending.get("reading") or {})  # type: ignore[call-overload]
    chosen = _button_label(question, payload)
    reply = yes_or_no(text) if chosen is None else None
    if chosen is None and len(offered) == 1 and (payload == "yes" or reply is True):
        chosen = offered[0]
    if chosen is not None:
        reading.update(
            offered=offered, chosen=chosen, user="confirmed" if chosen in offered else "chose"
        )
        return _store(state, question, _value_of(question, chosen), str(pending["text"]), reading)
    if payload == "no" or reply is False:
        state["pending"] = None
        state["rejected"] = {
            "question": question.id,
            "offered": offered,
            "reading": reading,
            "text": pending["text"],
        }
        return Step(Outcome.REJECTED_GUESS, state, question)
    return None


def pending_labels(pending: Dict[str, object]) -> List[str]:
    """The values a check offers; a check saved before issue 15 holds one `value` instead."""
    if "labels" in pending:
        return [str(label) for label in pending["labels"]]  # type: ignore[attr-defined]
    value = pending.get("value")
    return [UNKNOWN if value is None else str(value)]


def _button_label(question: Question, payload: Optional[str]) -> Optional[str]:
    """The label a button payload stands for: "1".."5" or "unknown" for statements, an option."""
    if payload is None:
        return None
    if isinstance(question, Statement):
        if payload == UNKNOWN_PAYLOAD or (payload.isdigit() and 1 <= int(payload) <= 5):
            return payload
        return None
    if isinstance(question, ProfileQuestion) and payload in {o.value for o in question.options}:
        return payload
    return None


def _value_of(question: Question, label: str) -> object:
    return stored_value(label) if isinstance(question, Statement) else label


def _answer_read(
    state: State,
    question: Union[Statement, ProfileQuestion],
    text: str,
    payload: Optional[str],
    read: Optional[ProbabilitiesOf] = None,
) -> Step:
    """A statement or a profile choice question: a button, or typed text for the reader."""
    chosen = _button_label(question, payload)
    if chosen is not None:
        record = _button_record(state, question, chosen)
        return _store(state, question, _value_of(question, chosen), clean_text(text), record)
    if payload is not None:  # a button of another question (an old message): not this answer
        return Step(Outcome.NOT_UNDERSTOOD, state, question)
    cleaned = clean_text(text)[:MAX_OPEN_LENGTH]
    if not cleaned:
        return Step(Outcome.EMPTY, state, question)
    if isinstance(question, Statement):
        return _decided(
            state, question, cleaned, read_statement_answer(question.id, cleaned, _reader(read))
        )
    reading = read_choice_answer(question, cleaned, _reader(read))
    if reading.label == UNKNOWN and reading.decision is not Decision.NOT_AN_ANSWER:
        # The profile has no "weet ik niet": the buttons show what comes closest.
        return Step(Outcome.NOT_UNDERSTOOD, state, question)
    return _decided(state, question, cleaned, reading)


def _decided(state: State, question: Question, text: str, reading: Reading) -> Step:
    record = reading.record()
    if reading.decision is Decision.TAKE:
        record["user"] = "typed"
        return _store(state, question, _value_of(question, reading.label or ""), text, record)
    if reading.decision in (Decision.OFFER_ONE, Decision.OFFER_PAIR):
        labels = list(reading.pair) if reading.pair else [reading.label]
        state["pending"] = {
            "question": question.id,
            "labels": labels,
            "text": text,
            "reading": record,
        }
        outcome = Outcome.CHOOSE if reading.pair else Outcome.CONFIRM
        return Step(outcome, state, question, value=[_value_of(question, x) for x in labels])
    if reading.decision is Decision.NOT_AN_ANSWER:
        return Step(Outcome.NOT_AN_ANSWER, state, question)
    return Step(Outcome.NOT_UNDERSTOOD, state, question)


def _button_record(state: State, question: Question, chosen: str) -> Dict[str, object]:
    """A click; after a rejected check it also says what was offered and what was chosen."""
    rejected = state.get("rejected")
    if isinstance(rejected, dict) and rejected.get("question") == question.id:
        record = dict(rejected["reading"])
        record.update(
            offered=rejected["offered"], chosen=chosen, user="chose", typed=rejected["text"]
        )
        return record
    return {"source": "button", "user": "clicked"}


def sure_statement_answer(state: State, content: Content, text: str) -> Optional[Step]:
    """The reply stored as the answer to the current statement, but only when it surely is one.

    For replies the assistant also took for a request ("we zijn er net mee begonnen" reads like
    "start the scan"): while a statement is asked, a reply that surely answers it is the answer.
    None when no statement is asked, a check awaits a reply, or the reading is not sure.
    """
    question = current_question(state, content)
    if not isinstance(question, Statement) or state.get("pending"):
        return None
    step = _answer_read(copy.deepcopy(state), question, text, payload=None)
    return step if step.outcome is Outcome.ACCEPTED else None


def _store(
    state: State,
    question: Question,
    value: object,
    text: str,
    reading: Optional[Dict[str, object]] = None,
) -> Step:
    entry: Dict[str, object] = {"value": value, "text": text}
    if reading is not None:
        entry["reading"] = reading
    state["answers"][question.id] = entry  # type: ignore[index]
    state["history"].append(question.id)  # type: ignore[union-attr]
    state["pending"] = None
    state.pop("rejected", None)
    return Step(Outcome.ACCEPTED, state, question, value=value)


def skip(state: State, content: Content) -> Step:
    state = copy.deepcopy(state)
    question = current_question(state, content)
    if question is None:
        return Step(Outcome.NOT_UNDERSTOOD, state)
    state["skipped"].append(question.id)  # type: ignore[union-attr]
    state["history"].append(question.id)  # type: ignore[union-attr]
    state["pending"] = None
    return Step(Outcome.ACCEPTED, state, question)


def go_back(state: State, content: Content) -> Step:
    """Undo the last answered or skipped question, so it is asked again."""
    state = copy.deepcopy(state)
    state["pending"] = None
    history: List[str] = state["history"]  # type: ignore[assignment]
    if not history:
        return Step(Outcome.NOT_UNDERSTOOD, state)
    last = history.pop()
    previous = state["answers"].pop(last, None)  # type: ignore[union-attr]
    if last in state["skipped"]:  # type: ignore[operator]
        state["skipped"].remove(last)  # type: ignore[union-attr]
    # A conditional question may no longer apply once its condition's answer is undone.
    for later in list(state["answers"]):  # type: ignore[arg-type]
        if later not in {q.id for q in questions(state, content)}:
            state["answers"].pop(later)  # type: ignore[union-attr]
    return Step(Outcome.ACCEPTED, state, current_question(state, content), value=previous)


def statement_answers(state: State, content: Content) -> Dict[str, Optional[int]]:
    ids = {s.id for s in content.questions.statements}
    return {k: v["value"] for k, v in state["answers"].items() if k in ids}  # type: ignore


def open_answers(state: State, content: Content) -> Dict[str, str]:
    ids = {q.id for q in content.questions.open_questions}
    return {k: v["value"] for k, v in state["answers"].items() if k in ids}  # type: ignore


def profile(state: State) -> Profile:
    return Profile.from_answers({k: v["value"] for k, v in state["answers"].items()})  # type: ignore
