"""The scan interview as a state machine: order, answers, guesses, skip, back, progress."""

import json

import pytest

from bot.assessment import interview
from bot.assessment.interview import Outcome
from bot.content import get_content

CONTENT = get_content()
PROFILE_REPLIES = ["Museum Gouda", "museum", "1-10", "directie_mt", "fondsen", "geen"]


def run(replies, state=None):
    state = state or interview.new_state()
    for reply in replies:
        step = interview.answer(state, CONTENT, reply)
        assert step.outcome is Outcome.ACCEPTED, (reply, step.outcome)
        state = step.state
    return state


def test_profile_comes_first_then_statements_with_progress():
    state = interview.new_state()
    assert interview.current_question(state, CONTENT).id == "organisation"
    assert interview.progress(state, CONTENT) is None
    state = run(PROFILE_REPLIES, state)
    assert interview.current_question(state, CONTENT).id == "sb_visie"
    assert interview.progress(state, CONTENT) == (1, 20)


def test_timing_is_asked_only_when_a_strategic_moment_comes():
    without = run(PROFILE_REPLIES)
    assert "strategic_timing" not in without["answers"]
    state = run(PROFILE_REPLIES[:-1] + ["we schrijven een nieuw beleidsplan"])
    assert interview.current_question(state, CONTENT).id == "strategic_timing"
    state = run(["over 3 maanden"], state)
    assert interview.profile(state).moment_soon


@pytest.mark.parametrize(
    "question,text,value",
    [
        ("institution_type", "we zijn een klein poppodium", "theater_podium"),
        ("institution_type", "Regionaal Archief", "archief"),
        ("size_class", "ongeveer 30 fte", "11-50"),
        ("size_class", "wij hebben 150 medewerkers", ">100"),
        ("size_class", "7", "1-10"),
        ("role", "ik ben conservator", "collectie"),
        ("funding", "vooral van de gemeente", "gemeente_provincie"),
    ],
)
def test_free_text_profile_answers(question, text, value):
    state = interview.new_state()
    order = [q.id for q in interview.questions(state, CONTENT)]
    state = run(PROFILE_REPLIES[: order.index(question)], state)
    step = interview.answer(state, CONTENT, text)
    assert step.outcome is Outcome.ACCEPTED and step.value == value


def test_unclear_profile_answer_is_asked_again():
    state = run(PROFILE_REPLIES[:1])
    step = interview.answer(state, CONTENT, "tja")
    assert step.outcome is Outcome.NOT_UNDERSTOOD
    assert interview.current_question(step.state, CONTENT).id == "institution_type"


def test_buttons_and_free_text_both_answer_statements():
    state = run(PROFILE_REPLIES)
    state = interview.answer(state, CONTENT, "", payload="4").state
    state = interview.answer(state, CONTENT, "", payload=interview.UNKNOWN_PAYLOAD).state
    state = interview.answer(state, CONTENT, "we zijn er net mee begonnen").state
    assert interview.statement_answers(state, CONTENT) == {
        "sb_visie": 4,
        "sb_koppeling": None,
        "sb_budget": 2,
    }


def test_unsure_guess_waits_for_yes():
    state = run(PROFILE_REPLIES)
    step = interview.answer(state, CONTENT, "ja")
    assert step.outcome is Outcome.CONFIRM and step.value == 4
    assert interview.progress(step.state, CONTENT) == (1, 20)  # not stored yet
    confirmed = interview.answer(step.state, CONTENT, "klopt")
    assert confirmed.outcome is Outcome.ACCEPTED
    assert interview.statement_answers(confirmed.state, CONTENT) == {"sb_visie": 4}


def test_rejected_guess_is_asked_again_and_a_new_answer_replaces_it():
    state = run(PROFILE_REPLIES)
    guess = interview.answer(state, CONTENT, "ja").state
    rejected = interview.answer(guess, CONTENT, "nee")
    assert rejected.outcome is Outcome.REJECTED_GUESS
    assert interview.statement_answers(rejected.state, CONTENT) == {}
    replaced = interview.answer(guess, CONTENT, "deels")
    assert interview.statement_answers(replaced.state, CONTENT) == {"sb_visie": 3}


def test_skip_moves_on_and_does_not_score():
    state = run(PROFILE_REPLIES)
    step = interview.skip(state, CONTENT)
    assert interview.progress(step.state, CONTENT) == (2, 20)
    assert "sb_visie" not in interview.statement_answers(step.state, CONTENT)


def test_go_back_reopens_the_previous_answer():
    state = run(PROFILE_REPLIES + ["2", "3"])
    step = interview.go_back(state, CONTENT)
    assert step.question.id == "sb_koppeling" and step.value["value"] == 3
    state = run(["5"], step.state)
    assert interview.statement_answers(state, CONTENT) == {"sb_visie": 2, "sb_koppeling": 5}


def test_go_back_over_a_skip():
    state = interview.skip(run(PROFILE_REPLIES), CONTENT).state
    step = interview.go_back(state, CONTENT)
    assert step.question.id == "sb_visie" and step.value is None


def test_go_back_at_the_start_is_refused():
    assert interview.go_back(interview.new_state(), CONTENT).outcome is Outcome.NOT_UNDERSTOOD


def test_going_back_past_a_condition_drops_the_dependent_answer():
    state = run(PROFILE_REPLIES[:-1] + ["subsidieaanvraag", "binnen_6_maanden"])
    state = interview.go_back(state, CONTENT).state  # timing
    state = interview.go_back(state, CONTENT).state  # moment
    state = run(["geen"], state)
    assert "strategic_timing" not in state["answers"]
    assert interview.current_question(state, CONTENT).id == "sb_visie"


def test_full_scan_completes_and_state_survives_json():
    state = run(PROFILE_REPLIES + ["3"] * 20 + ["Te weinig tijd en geen vast budget."])
    assert interview.is_complete(state, CONTENT)
    restored = json.loads(json.dumps(state))
    assert interview.is_complete(restored, CONTENT)
    assert interview.open_answers(restored, CONTENT) == {
        "open_knelpunt": "Te weinig tijd en geen vast budget."
    }


@pytest.mark.parametrize(
    "text,outcome",
    [("", Outcome.EMPTY), ("   ", Outcome.EMPTY), ("x" * 500, Outcome.TOO_LONG)],
)
def test_bad_organisation_names(text, outcome):
    assert interview.answer(interview.new_state(), CONTENT, text).outcome is outcome


def test_markup_is_stripped_from_stored_text():
    step = interview.answer(interview.new_state(), CONTENT, "<b>Museum</b> <script>x</script>Gouda")
    assert step.value == "Museum Gouda"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "\x00\x07", "🎭🎭🎭"])
def test_markup_and_noise_are_not_taken_as_a_statement_answer(text):
    step = interview.answer(run(PROFILE_REPLIES), CONTENT, text)
    assert step.outcome is Outcome.NOT_UNDERSTOOD
    assert interview.statement_answers(step.state, CONTENT) == {}
