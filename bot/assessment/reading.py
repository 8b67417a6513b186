"""What to do with a typed answer: take it, check it with the user, or say it was not understood.

An explicit score ("3", "een 8", "70 procent") is read by rule and taken. Anything else goes to
the answer model, whose probabilities are turned into one decision with the thresholds in
answer_reading.yml, calibrated by cross-validation (scripts/answer_model_cv.py):

- TAKE: sure enough that at most 2 in 100 such answers are wrong: stored as is;
- OFFER_PAIR: two neighbouring values are close ("Bedoel je 'Voor een deel' of 'Grotendeels'?");
- OFFER_ONE: one likely value, checked with a yes/no question;
- NOT_AN_ANSWER: a question, remark or request: answered where possible, then asked again;
- NOT_UNDERSTOOD: the buttons with a short hint.

The same decisions hold for the profile's choice questions, over that question's options.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Dict, Optional, Tuple

from bot.assessment.choices import exact_option, number_option
from bot.assessment.explicit_scores import explicit_score, reading_content
from bot.content.answer_reading_schema import Thresholds
from bot.content.answers_schema import NONE, UNKNOWN
from bot.content.schema import ProfileQuestion

Probabilities = Dict[str, float]
# The answer model as a function: (question id, text) -> probabilities (answer_model.py).
ProbabilitiesOf = Callable[[str, str], Probabilities]


class Decision(str, Enum):
    TAKE = "take"
    OFFER_PAIR = "offer_pair"
    OFFER_ONE = "offer_one"
    NOT_AN_ANSWER = "not_an_answer"
    NOT_UNDERSTOOD = "not_understood"


@dataclass(frozen=True)
class Reading:
    """One typed answer as read: the decision, the label(s) it is about, and how sure."""

    decision: Decision
    label: Optional[str] = None  # "1".."5", "unknown" or an option value: the likeliest
    pair: Tuple[str, ...] = ()  # two neighbouring values, lowest first (OFFER_PAIR)
    probability: float = 0.0  # of `label`, or of the pair together
    source: str = "model"  # "explicit" (by rule) or "model"

    def record(self) -> Dict[str, object]:
        """What is kept with the stored answer (the improvement inbox learns from it)."""
        return {
            "decision": self.decision.value,
            "label": self.label,
            "pair": list(self.pair),
            "probability": round(self.probability, 3),
            "source": self.source,
        }


def decide(probabilities: Probabilities, thresholds: Thresholds, scale: bool) -> Reading:
    """One decision from the model's probabilities (`scale`: labels 1-5 are neighbours)."""
    if not probabilities:
        return Reading(Decision.NOT_UNDERSTOOD)
    ranked = sorted(probabilities.items(), key=lambda item: (-item[1], item[0]))
    best, p_best = ranked[0]
    if best == NONE:
        if p_best >= thresholds.not_an_answer:
            return Reading(Decision.NOT_AN_ANSWER, NONE, probability=p_best)
        ranked = ranked[1:]
        if not ranked:
            return Reading(Decision.NOT_UNDERSTOOD)
        best, p_best = ranked[0]
    if p_best >= thresholds.take:
        return Reading(Decision.TAKE, best, probability=p_best)
    if scale:
        pair = _neighbours(probabilities)
        if pair and pair[1] >= thresholds.pair:
            likelier = max(pair[0], key=lambda k: probabilities[k])
            return Reading(Decision.OFFER_PAIR, likelier, pair=pair[0], probability=pair[1])
    if p_best >= thresholds.offer:
        return Reading(Decision.OFFER_ONE, best, probability=p_best)
    return Reading(Decision.NOT_UNDERSTOOD, best, probability=p_best)


def _neighbours(probabilities: Probabilities) -> Optional[Tuple[Tuple[str, str], float]]:
    """The two most likely scale values when they are neighbours, and their joint probability."""
    values = sorted(
        ((k, p) for k, p in probabilities.items() if k.isdigit()), key=lambda item: -item[1]
    )
    if len(values) < 2 or abs(int(values[0][0]) - int(values[1][0])) != 1:
        return None
    low, high = sorted((values[0][0], values[1][0]), key=int)
    return (low, high), values[0][1] + values[1][1]


def statement_rule(text: str) -> Optional[Reading]:
    """An explicit score read by rule ("3", "een 8", "70 procent"), else None."""
    score = explicit_score(text)
    if score is None:
        return None
    return Reading(Decision.TAKE, str(score), probability=1.0, source="explicit")


def choice_rule(question: ProfileQuestion, text: str) -> Optional[Reading]:
    """An option named outright or a number of staff or months, read by rule, else None."""
    named = exact_option(question, text) or number_option(question, text)
    if named is None:
        return None
    return Reading(Decision.TAKE, named, probability=1.0, source="explicit")


def read_statement_answer(
    statement_id: str, text: str, probabilities_of: ProbabilitiesOf
) -> Reading:
    """The decision for a typed answer to a statement; `probabilities_of` is the model."""
    return statement_rule(text) or decide(
        probabilities_of(statement_id, text), reading_content().thresholds, scale=True
    )


def read_choice_answer(
    question: ProfileQuestion, text: str, probabilities_of: ProbabilitiesOf
) -> Reading:
    """The decision for a typed answer to one of the profile's choice questions: the rules of
    `choice_rule` first, anything else by the model."""
    return choice_rule(question, text) or decide(
        probabilities_of(question.id, text), reading_content().profile_thresholds, scale=False
    )


def stored_value(label: str) -> Optional[int]:
    """A statement label as the scan stores it: 1-5, or None for "weet ik niet"."""
    return None if label == UNKNOWN else int(label)


__all__ = [
    "Decision",
    "Reading",
    "choice_rule",
    "decide",
    "read_choice_answer",
    "read_statement_answer",
    "statement_rule",
    "stored_value",
]
