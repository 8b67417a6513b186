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


def fake_reader(**probabilities):
    """An answer model that reads every reply the same way (for the flow, not the reading)."""
    given = {k.lstrip("p"): v for k, v in probabilities.items()}

    def read(question_id, text):
        return given

    return read


def read_as(step):
    """What a reply was read as: stored at once, or offered back with one likely value."""
    if step.outcome is Outcome.ACCEPTED:
        return step.value
    if step.outcome is Outcome.CONFIRM:
        return step.value[0]
    return step.outcome


def test_timing_is_asked_only_when_a_strategic_moment_comes():
    without = run(PROFILE_REPLIES)
    assert "strategic_timing" not in without["answers"]
    state = run(PROFILE_REPLIES[:-1] + ["beleidsplan"])
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
    assert read_as(interview.answer(state, CONTENT, text)) == value


def test_unclear_profile_answer_is_asked_again():
    state = run(PROFILE_REPLIES[:1])
    step = interview.answer(state, CONTENT, "tja")
    assert step.outcome is not Outcome.ACCEPTED  # asked again, or checked: never stored as is
    assert "institution_type" not in step.state["answers"]
    assert interview.current_question(step.state, CONTENT).id == "institution_type"


def test_buttons_and_free_text_both_answer_statements():
    state = run(PROFILE_REPLIES)
    state = interview.answer(state, CONTENT, "", payload="4").state
    state = interview.answer(state, CONTENT, "", payload=interview.UNKNOWN_PAYLOAD).state
    state = interview.answer(state, CONTENT, "drie").state
    assert interview.statement_answers(state, CONTENT) == {
        "sb_visie": 4,
        "sb_koppeling": None,
        "sb_budget": 3,
    }
    assert state["answers"]["sb_budget"]["reading"]["source"] == "explicit"


def test_an_unsure_reading_waits_for_yes_and_remembers_it_was_confirmed():
    state = run(PROFILE_REPLIES)
    step = interview.answer(state, CONTENT, "best wel", read=fake_reader(p4=0.6, p2=0.1))
    assert step.outcome is Outcome.CONFIRM and step.value == [4]
    assert interview.progress(step.state, CONTENT) == (1, 20)  # not stored yet
    confirmed = interview.answer(step.state, CONTENT, "klopt")
    assert confirmed.outcome is Outcome.ACCEPTED
    assert interview.statement_answers(confirmed.state, CONTENT) == {"sb_visie": 4}
    kept = confirmed.state["answers"]["sb_visie"]
    assert kept["text"] == "best wel"
    assert kept["reading"]["user"] == "confirmed" and kept["reading"]["probability"] == 0.6


def test_two_close_neighbours_are_offered_and_the_choice_is_kept():
    state = run(PROFILE_REPLIES)
    step = interview.answer(state, CONTENT, "redelijk", read=fake_reader(p3=0.4, p4=0.38))
    assert step.outcome is Outcome.CHOOSE and step.value == [3, 4]
    chosen = interview.answer(step.state, CONTENT, "", payload="3")
    assert interview.statement_answers(chosen.state, CONTENT) == {"sb_visie": 3}
    assert chosen.state["answers"]["sb_visie"]["reading"]["offered"] == ["3", "4"]


def test_a_rejected_reading_is_asked_again_and_the_correction_is_kept():
    state = run(PROFILE_REPLIES)
    guess = interview.answer(state, CONTENT, "ja hoor", read=fake_reader(p5=0.6)).state
    rejected = interview.answer(guess, CONTENT, "nee")
    assert rejected.outcome is Outcome.REJECTED_GUESS
    assert interview.statement_answers(rejected.state, CONTENT) == {}
    corrected = interview.answer(rejected.state, CONTENT, "", payload="2")
    reading = corrected.state["answers"]["sb_visie"]["reading"]
    assert interview.statement_answers(corrected.state, CONTENT) == {"sb_visie": 2}
    assert reading["user"] == "chose" and reading["offered"] == ["5"]
    assert reading["typed"] == "ja hoor"


def test_a_new_answer_replaces_an_open_check():
    state = run(PROFILE_REPLIES)
    guess = interview.answer(state, CONTENT, "ja hoor", read=fake_reader(p5=0.6)).state
    replaced = interview.answer(guess, CONTENT, "een 6")
    assert interview.statement_answers(replaced.state, CONTENT) == {"sb_visie": 3}


def test_a_question_back_is_not_stored_as_an_answer():
    state = run(PROFILE_REPLIES)
    step = interview.answer(state, CONTENT, "wat is dat?", read=fake_reader(none=0.9))
    assert step.outcome is Outcome.NOT_AN_ANSWER
    assert interview.current_question(step.state, CONTENT).id == "sb_visie"


def test_an_empty_typed_answer_is_asked_again():
    state = run(PROFILE_REPLIES)
    assert interview.answer(state, CONTENT, "  <b></b> ").outcome is Outcome.EMPTY


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
    assert step.outcome in (Outcome.EMPTY, Outcome.NOT_UNDERSTOOD, Outcome.NOT_AN_ANSWER)
    assert interview.statement_answers(step.state, CONTENT) == {}


def test_a_check_saved_before_the_answer_model_still_works():
    state = run(PROFILE_REPLIES)
    state["pending"] = {"question": "sb_visie", "value": 4, "text": "ja"}  # the old format
    step = interview.answer(state, CONTENT, "klopt")
    assert interview.statement_answers(step.state, CONTENT) == {"sb_visie": 4}


def test_a_stray_button_of_another_question_is_not_read_as_an_answer():
    state = run(PROFILE_REPLIES)
    step = interview.answer(state, CONTENT, '/inform{"answer": "yes"}', payload="yes")
    assert step.outcome is Outcome.NOT_UNDERSTOOD
    assert interview.statement_answers(step.state, CONTENT) == {}
    profile = interview.answer(interview.new_state(), CONTENT, "Museum X").state
    step = interview.answer(profile, CONTENT, '/inform{"answer": "4"}', payload="4")
    assert step.outcome is Outcome.NOT_UNDERSTOOD
    assert "institution_type" not in step.state["answers"]


@pytest.mark.parametrize(
    "question,text,value",
    [
        ("size_class", "Rond de 60 fte, plus 200 vrijwilligers.", "51-100"),
        ("size_class", "we zijn met 8 mensen", "1-10"),
        ("strategic_timing", "Over 8 weken.", "binnen_6_maanden"),
        ("strategic_timing", "Ergens over 40 weken.", "6_12_maanden"),
        ("strategic_timing", "over 2 jaar", "later"),
    ],
)
def test_numbers_of_staff_and_time_are_read_by_rule(question, text, value):
    from bot.assessment.choices import number_option

    profile_question = next(q for q in CONTENT.questions.profile if q.id == question)
    assert number_option(profile_question, text) == value
