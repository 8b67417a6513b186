"""Scan adapters: they call bot/ services and answer with the right responses and slots."""

from __future__ import annotations

from actions.fallback import HandleFallback, consecutive_fallbacks
from actions.scan import AskScanAnswer, ResumeScan, StartScan, ValidateScanForm
from actions.scan_steps import ExplainQuestion, GoBack, PauseScan, SkipQuestion
from actions.scan_submit import SubmitScanForm
from bot.assessment import interview
from bot.content import get_content
from tests.actions.conftest import make_tracker, responses, slot_events

CONTENT = get_content()
PROFILE = ["Museum Gouda", "museum", "1-10", "directie_mt", "fondsen", "geen"]


def state_after(replies):
    state = interview.new_state()
    for reply in replies:
        state = interview.answer(state, CONTENT, reply).state
    return state


def test_every_adapter_is_declared_in_the_domain(domain):
    adapters = [
        ValidateScanForm,
        AskScanAnswer,
        StartScan,
        ResumeScan,
        PauseScan,
        SkipQuestion,
        ExplainQuestion,
        GoBack,
        SubmitScanForm,
        HandleFallback,
    ]
    assert {a().name() for a in adapters} <= set(domain["actions"])


async def test_button_answer_is_stored_and_next_question_requested(dispatcher, domain):
    tracker = make_tracker(
        text='/inform{"answer": "4"}',
        entities=[{"entity": "answer", "value": "4"}],
        slots={"scan_state": state_after(PROFILE), "scan_answer": "x"},
    )
    events = await ValidateScanForm().run(dispatcher, tracker, domain)
    slots = slot_events(events)
    assert slots["scan_state"]["answers"]["sb_visie"]["value"] == 4
    assert slots["scan_answer"] is None  # emptied, so the form asks the next question
    assert slots.get("requested_slot", "scan_answer") == "scan_answer"  # the form goes on


async def test_unclear_answer_gets_a_friendly_retry(dispatcher, domain):
    tracker = make_tracker(
        text="blablabla", slots={"scan_state": state_after(PROFILE), "scan_answer": "blablabla"}
    )
    events = await ValidateScanForm().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_scan_not_understood" in said or "utter_scan_not_an_answer" in said
    assert slot_events(events)["scan_state"]["answers"].get("sb_visie") is None


async def test_quick_question_in_the_scan_gets_its_faq_answer(dispatcher, domain):
    selector = {"faq": {"response": {"utter_action": "utter_faq/kosten_adviesgesprek"}}}
    tracker = make_tracker(
        text="wat kost een adviesgesprek",
        intent="faq",
        slots={"scan_state": state_after(PROFILE), "scan_answer": "wat"},
        response_selector=selector,
    )
    await ValidateScanForm().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/kosten_adviesgesprek", "utter_scan_back_to_scan"]


async def test_the_name_question_uses_a_slot_that_takes_any_text(dispatcher, domain):
    form = ValidateScanForm()
    at_start = make_tracker(slots={"scan_state": interview.new_state()})
    assert await form.required_slots([], dispatcher, at_start, domain) == ["scan_text_answer"]
    later = make_tracker(slots={"scan_state": state_after(PROFILE[:1])})
    assert await form.required_slots([], dispatcher, later, domain) == ["scan_answer"]
    mapping = domain["slots"]["scan_text_answer"]["mappings"][0]
    assert "not_intent" not in mapping  # "Archief Onderbreking" is a name, not a pause


async def test_completed_interview_ends_the_form(dispatcher, domain):
    done = state_after(PROFILE + ["3"] * 20)
    done = interview.skip(done, CONTENT).state
    tracker = make_tracker(slots={"scan_state": done})
    events = await ValidateScanForm().run(dispatcher, tracker, domain)
    assert slot_events(events).get("requested_slot", "unset") is None


async def test_ask_shows_progress_component_and_scale_buttons(dispatcher, domain):
    tracker = make_tracker(slots={"scan_state": state_after(PROFILE + ["3"] * 6)})
    await AskScanAnswer().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_scan_statement"
    assert (message["number"], message["total"]) == (7, 20)
    assert message["component"] == "Cultuur & competenties"
    titles = [b["title"] for b in message["buttons"]]
    assert titles == [
        "1 · Helemaal niet",
        "2 · Hier en daar",
        "3 · Voor een deel",
        "4 · Grotendeels",
        "5 · Volledig",
        "Weet ik niet",
    ]


def reading(**probabilities):
    return lambda question_id, text: {k.lstrip("p"): v for k, v in probabilities.items()}


async def test_ask_checks_a_guess_before_storing_it(dispatcher, domain):
    guess = interview.answer(state_after(PROFILE), CONTENT, "ja", read=reading(p4=0.6)).state
    await AskScanAnswer().run(dispatcher, make_tracker(slots={"scan_state": guess}), domain)
    assert dispatcher.messages[0]["response"] == "utter_scan_confirm_guess"
    assert dispatcher.messages[0]["label"] == "Grotendeels"


async def test_two_close_values_are_offered_first_with_the_other_buttons_below(dispatcher, domain):
    close = reading(p2=0.4, p3=0.35)
    guess = interview.answer(state_after(PROFILE), CONTENT, "een beetje", read=close).state
    await AskScanAnswer().run(dispatcher, make_tracker(slots={"scan_state": guess}), domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_scan_offer_pair"
    assert (message["first"], message["second"]) == ("Hier en daar", "Voor een deel")
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:2] == ["2 · Hier en daar", "3 · Voor een deel"]
    assert len(titles) == 6 and titles[-1] == "Weet ik niet"


async def test_skip_explain_and_back(dispatcher, domain):
    state = state_after(PROFILE + ["2"])
    events = await SkipQuestion().run(dispatcher, make_tracker(slots={"scan_state": state}), domain)
    skipped = slot_events(events)["scan_state"]
    assert skipped["skipped"] == ["sb_koppeling"]
    await ExplainQuestion().run(dispatcher, make_tracker(slots={"scan_state": skipped}), domain)
    assert dispatcher.messages[-1]["explanation"].startswith("In de sector hangt digitaal")
    events = await GoBack().run(dispatcher, make_tracker(slots={"scan_state": skipped}), domain)
    assert dispatcher.messages[-1]["previous"] == "overgeslagen"
    assert slot_events(events)["scan_state"]["skipped"] == []


async def test_start_continues_an_unfinished_scan_instead_of_wiping_it(dispatcher, domain):
    state = state_after(PROFILE + ["2"])
    events = await StartScan().run(dispatcher, make_tracker(slots={"scan_state": state}), domain)
    assert responses(dispatcher) == ["utter_scan_continue"] and events == []


async def test_a_sure_answer_read_as_start_or_resume_is_still_the_answer(dispatcher, domain):
    state = state_after(PROFILE + ["2"])
    for action, intent in ((StartScan(), "start_scan"), (ResumeScan(), "resume_scan")):
        tracker = make_tracker(text="een 2", intent=intent, slots={"scan_state": state})
        events = await action.run(dispatcher, tracker, domain)
        stored = slot_events(events)["scan_state"]["answers"]["sb_koppeling"]
        assert (stored["value"], stored["text"]) == (2, "een 2")
        assert dispatcher.messages == []  # the form asks the next statement
    tracker = make_tracker(text="ik wil verder", intent="resume_scan", slots={"scan_state": state})
    assert await ResumeScan().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_scan_continue"]


async def test_pause_then_resume_elsewhere_with_the_code(dispatcher, domain, database_url):
    state = state_after(PROFILE + ["2", "4"])
    events = await PauseScan().run(dispatcher, make_tracker(slots={"scan_state": state}), domain)
    code = dispatcher.messages[-1]["code"]
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]
    tracker = make_tracker(
        text=f"mijn code is {code.lower()}", intent="resume_scan", slots={"scan_state": None}
    )
    events = await ResumeScan().run(dispatcher, tracker, domain)
    assert slot_events(events)["scan_state"]["answers"]["sb_koppeling"]["value"] == 4
    assert dispatcher.messages[-1]["organisation"] == "Museum Gouda"


async def test_submit_stores_the_scan_and_shows_profile_chart_and_link(
    dispatcher, domain, database_url
):
    done = interview.skip(state_after(PROFILE + ["2"] * 4 + ["4"] * 16), CONTENT).state
    events = await SubmitScanForm().run(
        dispatcher, make_tracker(slots={"scan_state": done}), domain
    )
    texts = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Het zwakste onderdeel is Strategie & budget" in texts
    assert "Strategie & budget: 2,0 van 5, niveau 2 Lerend" in texts
    images = [m["image"] for m in dispatcher.messages if m.get("image")]
    assert len(images) == 1 and images[0].endswith("/chart.png")
    slots = slot_events(events)
    link = next(m for m in dispatcher.messages if m.get("response") == "utter_scan_results_link")
    assert link["url"].endswith(f"/scan/{slots['last_scan_id']}")
    # advice: strategy is the weakest (2,0), so its pathway comes with the user's own score
    assert "utter_advice_intro" in responses(dispatcher)
    assert "Schrijf een digitale strategie in 5 stappen" in texts or "eigenaarschap" in texts
    assert "Eerste stappen:" in texts and "https://www.den.nl/" in texts
    # consultation: strategy <= 2,0 and a spread of 2,0 both call for a verkennend gesprek
    assert slots["consultation_offered"] is True
    offer = dispatcher.messages[-1]
    assert "verkennend gesprek" in offer["text"]
    assert [b["payload"] for b in offer["buttons"]] == ["/affirm", "/deny"]


async def test_submit_without_consultation_criteria_offers_self_help_first(
    dispatcher, domain, database_url
):
    done = interview.skip(
        state_after(PROFILE[:3] + ["digitaal_marketing"] + PROFILE[4:] + ["3"] * 20), CONTENT
    ).state
    events = await SubmitScanForm().run(
        dispatcher, make_tracker(slots={"scan_state": done}), domain
    )
    assert slot_events(events)["consultation_offered"] is False
    assert "Met de stappen hierboven kun je zelf goed verder" in dispatcher.messages[-1]["text"]


def test_fallback_counts_only_consecutive_misunderstandings():
    def user(intent):
        return {"event": "user", "parse_data": {"intent": {"name": intent}}}

    events = [user("greet"), user("nlu_fallback"), {"event": "bot"}, user("nlu_fallback")]
    assert consecutive_fallbacks(events) == 2
    assert consecutive_fallbacks(events + [user("faq")]) == 0


async def test_fallback_escalates_to_buttons_then_a_person(dispatcher, domain):
    def user():
        return {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}

    greeting = {"event": "user", "parse_data": {"intent": {"name": "greet"}}}
    seen = []
    for count in (1, 2, 3, 4):
        tracker = make_tracker(events=[greeting] + [user() for _ in range(count)])
        fresh = type(dispatcher)()
        await HandleFallback().run(fresh, tracker, domain)
        seen.append(fresh.messages[0]["response"])
    assert seen == [
        "utter_rephrase",
        "utter_fallback_options",
        "utter_fallback_person",
        "utter_fallback_person",
    ]


async def test_a_first_message_not_understood_gets_the_main_options_not_a_rephrase(
    dispatcher, domain
):
    first = {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    await HandleFallback().run(dispatcher, make_tracker(events=[first]), domain)
    assert responses(dispatcher) == ["utter_ask_help"]
    buttons = domain["responses"]["utter_ask_help"][0]["buttons"]
    assert {b["payload"] for b in buttons} >= {"/start_scan", "/request_advice", "/request_human"}
