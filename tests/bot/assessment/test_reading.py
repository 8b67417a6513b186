"""Decisions on typed answers: take, offer two neighbours, offer one, not an answer, not read."""

import pytest

from bot.assessment.explicit_scores import explicit_score
from bot.assessment.reading import Decision, decide, read_statement_answer
from bot.content.answer_reading_schema import Thresholds

T = Thresholds(take=0.8, pair=0.6, offer=0.35, not_an_answer=0.5)


def probs(**given):
    labels = ["1", "2", "3", "4", "5", "unknown", "none"]
    rest = (1.0 - sum(given.values())) / (len(labels) - len(given))
    return {k: given.get(f"p{k}" if k.isdigit() else k, rest) for k in labels}


def test_a_sure_reading_is_taken():
    reading = decide(probs(p2=0.9), T, scale=True)
    assert reading.decision is Decision.TAKE and reading.label == "2"


def test_two_close_neighbours_are_offered_together_lowest_first():
    reading = decide(probs(p4=0.4, p3=0.35), T, scale=True)
    assert reading.decision is Decision.OFFER_PAIR and reading.pair == ("3", "4")
    assert reading.label == "4"  # the likelier one, for a rough reading


def test_two_values_far_apart_are_not_offered_as_a_pair():
    reading = decide(probs(p1=0.45, p4=0.3), T, scale=True)
    assert reading.decision is Decision.OFFER_ONE and reading.label == "1"


def test_a_likely_non_answer_is_not_stored_as_a_value():
    assert decide(probs(none=0.7), T, scale=True).decision is Decision.NOT_AN_ANSWER


def test_an_unsure_non_answer_falls_back_to_the_likeliest_answer():
    reading = decide(probs(none=0.4, p3=0.38), T, scale=True)
    assert reading.decision is Decision.OFFER_ONE and reading.label == "3"


def test_nothing_likely_is_not_understood():
    assert decide(probs(), T, scale=True).decision is Decision.NOT_UNDERSTOOD
    assert decide({}, T, scale=True).decision is Decision.NOT_UNDERSTOOD


def test_choice_questions_have_no_neighbours():
    reading = decide({"museum": 0.45, "archief": 0.4, "none": 0.15}, T, scale=False)
    assert reading.decision is Decision.OFFER_ONE and reading.label == "museum"


@pytest.mark.parametrize(
    "text,value",
    [
        ("3", 3),
        ("drie", 3),
        ("een 4", 4),
        ("4/5", 4),
        ("een 8", 4),
        ("zo'n 6 op 10", 3),
        ("80%", 4),
        ("ik geef het een dikke 7", 4),
        ("10", 5),
        ("15 procent", 1),
    ],
)
def test_explicit_scores_on_other_scales(text, value):
    assert explicit_score(text) == value


@pytest.mark.parametrize("text", ["we zijn met 3 mensen", "sinds 2019", "nee", "", "11 op 10"])
def test_numbers_that_are_not_scores_are_left_to_the_model(text):
    assert explicit_score(text) is None


def test_an_explicit_score_never_asks_the_model():
    def model(question, text):
        raise AssertionError("the model should not be asked")

    reading = read_statement_answer("sb_budget", "een 8", model)
    assert reading.decision is Decision.TAKE and reading.label == "4"
    assert reading.source == "explicit"
